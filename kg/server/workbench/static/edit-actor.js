// Edit controls of an actor page (after edit.js, with --allow-edits only): merge the actor
// into another, split requirements off to a new actor, reject the actor (in one document or
// in all of them, a second click confirming).
(function () {
  "use strict";
  const E = window.kgEdit;
  const cfg = E.cfg, el = E.el, button = E.button, select = E.select, labelled = E.labelled;
  const say = E.say, run = E.run, reloadAt = E.reloadAt, memoBox = E.memoBox;
  const me = cfg.actor.label;
  const sec = el("section", null, "edit");
  sec.id = "edit-actor";
  sec.appendChild(el("h2", "修改 edit"));
  const memo = memoBox();
  const docs = Object.keys(cfg.documents).sort();

  const mergeDoc = select("merge-document", docs);
  const into = select("merge-into", []);
  function fill() {
    into.replaceChildren();
    (cfg.documents[mergeDoc.value] || []).forEach(function (o) {
      const opt = el("option", o.label);
      opt.value = o.label;
      opt.dataset.href = o.href;
      into.appendChild(opt);
    });
  }
  mergeDoc.addEventListener("change", fill);
  fill();
  const merge = button("merge", "merge");
  merge.addEventListener("click", function () {
    const opt = into.selectedOptions[0];
    if (!opt) { say("no other actor in " + mergeDoc.value + " to merge into", true); return; }
    run([["merge", { document: mergeDoc.value, kind: "actor", label: me }, { label: opt.value },
      memo.value.trim()]], me + " merged into " + opt.value + " in " + mergeDoc.value,
      function () { location.assign(opt.dataset.href); });
  });
  sec.appendChild(el("h3", "合并 merge into another actor of a document"));
  [labelled("文件 document", mergeDoc), labelled("并入 into", into), merge].forEach(function (c) {
    sec.appendChild(c);
    sec.appendChild(document.createTextNode(" "));
  });

  sec.appendChild(el("h3", "拆分 split: give these requirements to a new actor"));
  const ul = el("ul", null, "split");
  ul.id = "split-requirements";
  cfg.requirements.forEach(function (r) {
    const li = el("li");
    const box = el("input");
    box.type = "checkbox";
    box.className = "split-req";
    box.dataset.document = r.document;
    box.value = r.start + "-" + r.end;
    li.appendChild(labelled("", box));
    li.appendChild(document.createTextNode(r.quote + " (" + r.document + ")"));
    ul.appendChild(li);
  });
  sec.appendChild(ul);
  const label = el("input");
  label.id = "split-label";
  const type = select("split-type", [["", "（同 same）"]].concat(cfg.actor_types), "");
  const split = button("split", "split");
  split.addEventListener("click", function () {
    const name = label.value.trim();
    const by = {};
    document.querySelectorAll(".split-req:checked").forEach(function (b) {
      (by[b.dataset.document] = by[b.dataset.document] || []).push(b.value);
    });
    if (!name) { say("give the new actor a label", true); return; }
    if (!Object.keys(by).length) { say("tick the requirements the new actor takes", true); return; }
    const ch = function (keys) {
      const c = { label: name, requirements: keys };
      if (type.value) c.actor_type = type.value;
      return c;
    };
    const posts = Object.keys(by).sort().map(function (d) {
      return ["split", { document: d, kind: "actor", label: me }, ch(by[d]), memo.value.trim()];
    });
    run(posts, name + " split off " + me, function () { reloadAt(""); });
  });
  [labelled("新标签 new label", label), labelled("类型 type", type), split].forEach(function (c) {
    sec.appendChild(c);
    sec.appendChild(document.createTextNode(" "));
  });

  // Reject the actor in one document, or in every one (one correction each); a second click
  // confirms. Gone from every document, the actor has no page left: go to a reader.
  sec.appendChild(el("h3", "驳回 reject this actor"));
  const whole = docs.length > 1 ? [["", "（全部 all " + docs.length + " documents）"]] : [];
  const rejectDoc = select("reject-document", whole.concat(docs), docs.length > 1 ? "" : docs[0]);
  const reject = button("reject", "驳回 reject");
  rejectDoc.addEventListener("change", function () {
    delete reject.dataset.armed;
    reject.textContent = "驳回 reject";
  });
  reject.addEventListener("click", function () {
    if (!docs.length) { say("the actor is in no document", true); return; }
    if (reject.dataset.armed !== "1") {  // a second click confirms
      reject.dataset.armed = "1";
      reject.textContent = "click again to reject";
      return;
    }
    const chosen = rejectDoc.value ? [rejectDoc.value] : docs;
    const posts = chosen.map(function (d) {
      return ["reject", { document: d, kind: "actor", label: me }, null, memo.value.trim()];
    });
    const where = chosen.length === 1 ? " in " + chosen[0] : " in " + chosen.length + " documents";
    run(posts, "rejected the actor " + me + where, function () {
      if (chosen.length === docs.length) location.assign(cfg.readers[chosen[0]]);
      else reloadAt("");
    });
  });
  [labelled("文件 document", rejectDoc), reject].forEach(function (c) {
    sec.appendChild(c);
    sec.appendChild(document.createTextNode(" "));
  });
  sec.appendChild(memo);
  const title = document.getElementById("title");
  title.parentNode.insertBefore(sec, title.nextSibling.nextSibling);
})();
