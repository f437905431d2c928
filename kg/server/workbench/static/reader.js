// The reader: side panel of the clicked fact, #START-END scrolls to a span and highlights it,
// legend checkboxes hide a kind. Data come from the page's JSON block; text via textContent only.
// The panel's fact is in panel.dataset.fact, and each change of it fires "kg:show" on document
// (the edit controls of static/edit.js, when the server allows edits, listen to it).
(function () {
  "use strict";
  const facts = JSON.parse(document.getElementById("facts").textContent);
  const panel = document.getElementById("panel");
  const text = document.getElementById("text");

  function el(tag, content, cls) {
    const e = document.createElement(tag);
    if (content !== undefined && content !== null) e.textContent = String(content);
    if (cls) e.className = cls;
    return e;
  }
  function a(href, content) {
    const e = el("a", content);
    e.setAttribute("href", href);
    return e;
  }
  function row(tbody, cells) {
    const tr = el("tr");
    cells.forEach(function (c) {
      const td = el("td");
      if (c instanceof Node) td.appendChild(c); else td.textContent = c;
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }

  function show(ids, chosen) {
    const f = facts[chosen];
    panel.replaceChildren();
    const h = el("h2");
    h.appendChild(el("span", f.kind_name, "kind"));
    h.appendChild(document.createTextNode(" " + f.label));
    panel.appendChild(h);
    if (f.page) panel.appendChild(a(f.page, "actor page →"));
    const t = el("table", null, "fields");
    const tb = el("tbody");
    f.fields.forEach(function (kv) { row(tb, [kv[0], kv[1]]); });
    t.appendChild(tb);
    panel.appendChild(t);
    if (f.spans.length) {
      panel.appendChild(el("h3", "在文中 in the text (" + f.spans.length + ")"));
      const ul = el("ul");
      f.spans.forEach(function (s) {
        const li = el("li");
        li.appendChild(a(s[3], "[" + s[0] + "-" + s[1] + "] " + s[2]));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (f.relations.length) {
      panel.appendChild(el("h3", "关系 relations"));
      const rt = el("table");
      const rb = el("tbody");
      f.relations.forEach(function (r) {
        const q = r.href ? a(r.href, r.quote) : el("span", r.quote);
        row(rb, [r.direction === "out" ? "→ " + r.type : "← " + r.type, r.other, q]);
      });
      rt.appendChild(rb);
      panel.appendChild(rt);
    }
    if (ids.length > 1) {
      const also = el("p", "also here: ", "also");
      ids.forEach(function (i) {
        if (i === chosen) return;
        const b = el("button", facts[i].kind_name + " " + facts[i].label.slice(0, 12));
        b.type = "button";
        b.addEventListener("click", function () { show(ids, i); });
        also.appendChild(b);
      });
      panel.appendChild(also);
    }
    panel.dataset.fact = String(chosen);
    document.dispatchEvent(new CustomEvent("kg:show", { detail: chosen }));
  }

  function spanLength(i) {
    const s = facts[i].spans;
    return s.length ? s[0][1] - s[0][0] : 1e9;
  }

  text.addEventListener("click", function (ev) {
    const seg = ev.target.closest(".m");
    if (!seg || !window.getSelection().isCollapsed) return;  // a selection is not a click
    const ids = seg.dataset.f.split(" ").map(Number);
    ids.sort(function (x, y) { return spanLength(x) - spanLength(y); });
    document.querySelectorAll(".m.selected").forEach(function (e) { e.classList.remove("selected"); });
    seg.classList.add("selected");
    show(ids, ids[0]);
  });

  function target() {
    document.querySelectorAll(".target").forEach(function (e) { e.classList.remove("target"); });
    const m = /^#(\d+)-(\d+)$/.exec(window.location.hash);
    if (!m) return;
    const start = Number(m[1]);
    const end = Number(m[2]);
    let first = null;
    text.querySelectorAll("[data-s]").forEach(function (e) {
      const s = Number(e.dataset.s);
      const t = Number(e.dataset.e);
      if (s < end && t > start) {
        e.classList.add("target");
        if (first === null) first = e;
      }
    });
    if (first === null) return;
    first.scrollIntoView({ block: "center" });
    if (!first.classList.contains("m")) return;
    const ids = first.dataset.f.split(" ").map(Number);
    const exact = ids.filter(function (i) {
      return facts[i].spans.some(function (sp) { return sp[0] === start && sp[1] === end; });
    });
    ids.sort(function (x, y) { return spanLength(x) - spanLength(y); });
    show(ids, exact.length ? exact[exact.length - 1] : ids[0]);
  }
  window.addEventListener("hashchange", target);
  target();

  document.getElementById("legend").addEventListener("change", function (ev) {
    const box = ev.target;
    if (box.dataset.kind) document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
  });
})();
