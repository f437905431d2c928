// Edit controls of the workbench, loaded only when the server runs with --allow-edits: what
// every editing page shares. The edit bar (author, kept in localStorage; a status line,
// #edit-status, saying the outcome in one line) and window.kgEdit, which edit-reader.js and
// edit-actor.js use to draw their controls and post each change: one
// POST /corrections?apply=true (JSON), after which the page reloads to show it.
(function () {
  "use strict";
  const cfg = JSON.parse(document.getElementById("edit").textContent);
  const AUTHOR = "kg-author";
  const CARRIED = "kg-edit-status";
  const main = document.querySelector("main");

  function el(tag, content, cls) {
    const e = document.createElement(tag);
    if (content !== undefined && content !== null) e.textContent = String(content);
    if (cls) e.className = cls;
    return e;
  }
  function button(id, label) {
    const b = el("button", label);
    b.type = "button";
    if (id) b.id = id;
    return b;
  }
  function select(id, options, value) {
    const s = el("select");
    if (id) s.id = id;
    options.forEach(function (o) {
      const pair = Array.isArray(o) ? o : [o, o === "" ? "（无 none）" : o];
      const opt = el("option", pair[1]);
      opt.value = pair[0];
      s.appendChild(opt);
    });
    if (value !== undefined) s.value = value;
    return s;
  }
  function labelled(text, control) {
    const l = el("label", text + " ");
    l.appendChild(control);
    return l;
  }

  // -- the edit bar: author, status line ------------------------------------------------------
  const bar = el("div", null, "editbar");
  bar.id = "editbar";
  const author = el("input");
  author.id = "author";
  author.value = localStorage.getItem(AUTHOR) || cfg.author || "analyst";
  author.addEventListener("change", function () {
    const v = author.value.trim();
    if (v) localStorage.setItem(AUTHOR, v); else localStorage.removeItem(AUTHOR);
  });
  bar.appendChild(labelled("作者 author", author));
  const status = el("p", null, "status");
  status.id = "edit-status";
  status.setAttribute("role", "status");
  bar.appendChild(status);
  main.parentNode.insertBefore(bar, main);

  function say(message, bad) {
    status.textContent = String(message).split("\n")[0];
    status.className = bad ? "status error" : "status ok";
  }
  const carried = sessionStorage.getItem(CARRIED);
  if (carried) {
    sessionStorage.removeItem(CARRIED);
    say(carried, false);
  }

  let busy = false;
  // POST one correction; resolves to the server's answer, rejects with a one-line reason.
  async function post(action, target, change, memo, apply) {
    const who = author.value.trim();
    if (!who) throw new Error("give an author name first");
    const body = { action: action, target: target, author: who };
    if (change && Object.keys(change).length) body.change = change;
    if (memo) body.memo = memo;
    let r;
    try {
      r = await fetch("/corrections" + (apply === false ? "" : "?apply=true"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch (e) {
      throw new Error("the server did not answer (" + e.message + ")");
    }
    const text = await r.text();
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    if (r.status === 409 && data) throw new Error("recorded, shown after the next build: " + data.error);
    if (!r.ok) throw new Error(action + " refused (" + r.status + "): " + text.trim());
    if (data && data.orphaned) throw new Error("recorded, but it changes nothing: " + data.orphaned);
    return data;
  }

  // Run the posts one after the other (only the last one republishes), then go to ``after``.
  async function run(posts, done, after) {
    if (busy) return;
    busy = true;
    document.querySelectorAll(".edit button").forEach(function (b) { b.disabled = true; });
    say("saving …", false);
    try {
      for (let i = 0; i < posts.length; i++) {
        const p = posts[i];
        await post(p[0], p[1], p[2], p[3], i === posts.length - 1);
      }
      sessionStorage.setItem(CARRIED, "saved: " + done);
      after();
    } catch (e) {
      say(e.message, true);
      busy = false;
      document.querySelectorAll(".edit button").forEach(function (b) { b.disabled = false; });
    }
  }
  function reloadAt(hash) {
    if (hash) history.replaceState(null, "", location.pathname + location.search + "#" + hash);
    location.reload();
  }
  function memoBox(id) {
    const m = el("textarea");
    m.id = id || "memo";
    m.rows = 2;
    m.placeholder = "备注 memo (kept with the next change)";
    return m;
  }

  window.kgEdit = {
    cfg: cfg, bar: bar, status: status, el: el, button: button, select: select,
    labelled: labelled, say: say, run: run, reloadAt: reloadAt, memoBox: memoBox,
  };
})();
