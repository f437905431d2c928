// Edit controls of the reader (after edit.js, with --allow-edits only): on a fact's panel
// change its actors, modality, stage or deadline, reject it, with a memo; add a requirement,
// an actor or a relation from a text selection; mark the document reviewed.
(function () {
  "use strict";
  const E = window.kgEdit;
  const cfg = E.cfg, el = E.el, button = E.button, select = E.select, labelled = E.labelled;
  const say = E.say, run = E.run, reloadAt = E.reloadAt, memoBox = E.memoBox;
  const bar = E.bar, status = E.status;
  const panel = document.getElementById("panel");
  const text = document.getElementById("text");
  const doc = cfg.document;

  const review = button("review", "标记已审 mark reviewed");
  const reviewed = el("span", "", "reviewed");
  reviewed.id = "reviewed";
  const box = el("span", null, "edit");
  box.appendChild(review);
  box.appendChild(reviewed);
  bar.insertBefore(box, status);
  review.addEventListener("click", function () {
    run([["review", { document: doc, kind: "document" }, null, ""]], doc + " reviewed",
      function () { reloadAt(""); });
  });
  fetch("/corrections?document=" + encodeURIComponent(doc)).then(function (r) {
    return r.ok ? r.json() : [];
  }).then(function (rows) {
    const last = rows.filter(function (r) { return r.action === "review"; }).pop();
    if (last) reviewed.textContent = "reviewed by " + last.author + " " + last.time;
    const n = rows.length;
    if (n) reviewed.textContent += (last ? " · " : "") + n + " correction" + (n > 1 ? "s" : "");
  }).catch(function () { /* the status stays empty */ });

  function controls(i) {
    const t = cfg.targets[i];
    const old = document.getElementById("edit-fact");
    if (old) old.remove();
    if (!t) return;
    const sec = el("section", null, "edit");
    sec.id = "edit-fact";
    sec.appendChild(el("h3", "修改 edit"));
    const memo = memoBox();
    const target = { document: t.document, kind: t.kind };
    ["start", "end", "label", "source", "dest"].forEach(function (k) {
      if (t[k] !== undefined) target[k] = t[k];
    });
    const at = t.start !== undefined ? t.start + "-" + t.end : "";
    function change(action, ch, done) {
      run([[action, target, ch, memo.value.trim()]], done, function () { reloadAt(at); });
    }
    if (t.kind === "requirement") {
      const ul = el("ul", null, "actors");
      ul.id = "responsible";
      t.actors.forEach(function (label) {
        const li = el("li", label + " ");
        const x = button(null, "× remove");
        x.className = "remove-actor";
        x.dataset.label = label;
        x.addEventListener("click", function () {
          change("actors.remove", { actors: [label] }, "removed " + label);
        });
        li.appendChild(x);
        ul.appendChild(li);
      });
      sec.appendChild(el("h4", "责任主体 responsible actors"));
      sec.appendChild(ul);
      const others = cfg.actors.filter(function (a) { return t.actors.indexOf(a) < 0; });
      if (others.length) {
        const add = select("add-actor", others);
        const go = button("add-actor-go", "add");
        go.addEventListener("click", function () {
          change("actors.add", { actors: [add.value] }, "added " + add.value);
        });
        const p = el("p");
        p.appendChild(add);
        p.appendChild(go);
        sec.appendChild(p);
      }
      [
        ["modality", "情态 modality", cfg.modalities, t.modality],
        ["stage", "阶段 stage", [""].concat(cfg.stages), t.stage],
        ["deadline", "期限 deadline", [["", "（无 none）"]].concat(cfg.times), t.deadline],
      ].forEach(function (row) {
        const s = select(row[0], row[2], row[3]);
        const go = button(row[0] + "-go", "set");
        go.addEventListener("click", function () {
          const ch = {};
          ch[row[0]] = s.value;
          change(row[0], ch, row[0] + " → " + (s.value || "none"));
        });
        const p = el("p");
        p.appendChild(labelled(row[1], s));
        p.appendChild(go);
        sec.appendChild(p);
      });
    }
    const reject = button("reject", "驳回 reject this " + t.kind);
    reject.addEventListener("click", function () {
      if (reject.dataset.armed !== "1") {  // a second click confirms
        reject.dataset.armed = "1";
        reject.textContent = "click again to reject";
        return;
      }
      change("reject", null, "rejected the " + t.kind + (at ? " at " + at : " " + t.label));
    });
    sec.appendChild(el("p")).appendChild(reject);
    sec.appendChild(memo);
    panel.appendChild(sec);
  }
  document.addEventListener("kg:show", function (ev) { controls(ev.detail); });
  if (panel.dataset.fact !== undefined) controls(Number(panel.dataset.fact));

  // A selection in the text: its offsets in the document (code points, as the server counts).
  const chars = Array.from(text.textContent);
  function offset(node, off) {
    if (!text.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      const span = node.parentElement.closest("[data-s]");
      if (!span) return null;
      return Number(span.dataset.s) + Array.from(node.data.slice(0, off)).length;
    }
    if (node === text) {
      const child = text.children[off];
      return child ? Number(child.dataset.s) : chars.length;
    }
    const span = node.closest("[data-s]");
    if (!span) return null;
    return off === 0 ? Number(span.dataset.s) : Number(span.dataset.e);
  }
  function selected() {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    let s = offset(r.startContainer, r.startOffset);
    let e = offset(r.endContainer, r.endOffset);
    if (s === null || e === null) return null;
    while (s < e && /\s/.test(chars[s])) s++;
    while (e > s && /\s/.test(chars[e - 1])) e--;
    return s < e ? { start: s, end: e, quote: chars.slice(s, e).join("") } : null;
  }
  function addForm(sel) {
    panel.replaceChildren();
    delete panel.dataset.fact;
    const sec = el("section", null, "edit");
    sec.id = "edit-add";
    sec.appendChild(el("h3", "添加 add from the selection"));
    const q = el("p", "[" + sel.start + "-" + sel.end + "] " + sel.quote, "quote");
    q.id = "selection";
    sec.appendChild(q);
    const memo = memoBox();
    const at = sel.start + "-" + sel.end;
    const mod = select("new-modality", cfg.modalities, "obligation");
    const who = select("new-actors", [""].concat(cfg.actors), "");
    const req = button("add-requirement", "add requirement");
    req.addEventListener("click", function () {
      const ch = { quote: sel.quote, modality: mod.value };
      if (who.value) ch.actors = [who.value];
      run([["add.requirement", { document: cfg.document, kind: "requirement", start: sel.start,
        end: sel.end }, ch, memo.value.trim()]], "added the requirement at " + at,
        function () { reloadAt(at); });
    });
    sec.appendChild(el("h4", "要求 requirement"));
    [labelled("情态 modality", mod), labelled("主体 actor", who), req].forEach(function (c) {
      sec.appendChild(el("p")).appendChild(c);
    });
    const label = el("input");
    label.id = "new-label";
    label.value = sel.quote;
    const type = select("new-type", cfg.actor_types);
    const act = button("add-actor-new", "add actor");
    act.addEventListener("click", function () {
      const name = label.value.trim();
      if (!name) { say("give the actor a label", true); return; }
      run([["add.actor", { document: cfg.document, kind: "actor", label: name, start: sel.start,
        end: sel.end }, { quote: sel.quote, actor_type: type.value }, memo.value.trim()]],
        "added the actor " + name, function () { reloadAt(at); });
    });
    sec.appendChild(el("h4", "主体 actor"));
    [labelled("标签 label", label), labelled("类型 type", type), act].forEach(function (c) {
      sec.appendChild(el("p")).appendChild(c);
    });
    relationForm(sec, sel, memo);
    sec.appendChild(memo);
    panel.appendChild(sec);
  }
  // A relation read at the selection: its type, then its two ends among the document's facts
  // of the kinds that type joins (actors; or stages and steps).
  function relationForm(sec, sel, memo) {
    const at = sel.start + "-" + sel.end;
    const rel = select("new-relation", cfg.relation_types, cfg.relation_types[0]);
    const source = select("new-source", []);
    const dest = select("new-dest", []);
    function ends() {
      [source, dest].forEach(function (s, i) {
        const keep = s.value;
        s.replaceChildren();
        (cfg.relation_ends[rel.value] || []).forEach(function (kind) {
          const group = el("optgroup");
          group.label = kind;
          (cfg[kind + "s"] || []).forEach(function (label) {
            const opt = el("option", label);
            opt.value = label;
            group.appendChild(opt);
          });
          if (group.children.length) s.appendChild(group);
        });
        const values = Array.from(s.options).map(function (o) { return o.value; });
        if (values.indexOf(keep) >= 0) s.value = keep;
        else if (i === 1 && values.length > 1) s.value = values[1];  // two different ends
      });
    }
    rel.addEventListener("change", ends);
    ends();
    const go = button("add-relation", "add relation");
    go.addEventListener("click", function () {
      if (!source.value || !dest.value) {
        say("this document has nothing a " + rel.value + " relation can join", true);
        return;
      }
      if (source.value === dest.value) { say("a relation joins two different ends", true); return; }
      run([["add.relation", { document: cfg.document, kind: "relation", label: rel.value,
        source: source.value, dest: dest.value, start: sel.start, end: sel.end },
        { quote: sel.quote }, memo.value.trim()]],
        "added " + source.value + " " + rel.value + " " + dest.value + " at " + at,
        function () { reloadAt(at); });
    });
    sec.appendChild(el("h4", "关系 relation"));
    [labelled("类型 type", rel), labelled("从 from", source), labelled("到 to", dest), go]
      .forEach(function (c) { sec.appendChild(el("p")).appendChild(c); });
  }
  if (!text.querySelector("[data-s]")) return;  // the build did not keep the text
  text.addEventListener("mouseup", function () {
    setTimeout(function () {  // after the click the reader may handle
      const sel = selected();
      if (sel) addForm(sel);
    }, 0);
  });
})();
