/* campaign-kg graph view: filters, search, side panel. Text is only ever set
   through textContent, never as markup: labels and quotes come from sources. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var info = DATA.nodes || {};
  var panel = document.getElementById("kg-panel");
  var typeBoxes = document.querySelectorAll("#kg-type-filter input");
  var docSel = document.getElementById("kg-doc-filter");
  var stageSel = document.getElementById("kg-stage-filter");
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var hidden = {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function showNode(id) {
    var d = info[id];
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    if (!d) { return; }
    panel.appendChild(el("h2", d.label));
    panel.appendChild(el("p", d.kindName, "kg-kind"));
    var dl = el("dl");
    (d.props || []).forEach(function (kv) {
      dl.appendChild(el("dt", kv[0]));
      dl.appendChild(el("dd", kv[1]));
    });
    if (d.docs && d.docs.length) { dl.appendChild(el("dt", "文件")); dl.appendChild(el("dd", d.docs.join("，"))); }
    if (d.stages && d.stages.length) { dl.appendChild(el("dt", "阶段")); dl.appendChild(el("dd", d.stages.join("，"))); }
    panel.appendChild(dl);
    var quotes = d.quotes || [];
    panel.appendChild(el("h3", "原文出处（" + d.nquotes + "）"));
    var ol = el("ol", null, "kg-quotes");
    quotes.forEach(function (q) {
      var li = el("li");
      var where = el("div", q.doc + " [" + q.start + ", " + q.end + ")", "kg-where");
      if (q.href && /^https?:$/.test(window.location.protocol)) {  // served by kg serve: the reader
        var a = el("a", "阅读原文 read in the document");
        a.setAttribute("href", q.href);
        where.appendChild(document.createTextNode(" "));
        where.appendChild(a);
      }
      li.appendChild(where);
      li.appendChild(el("blockquote", q.text, "kg-quote"));
      ol.appendChild(li);
    });
    panel.appendChild(ol);
    window.kgPanelAt = performance.now();
    if (d.nquotes > quotes.length) { panel.appendChild(el("p", "另有 " + (d.nquotes - quotes.length) + " 处未列出。", "kg-hint")); }
  }
  window.kgShowNode = showNode;

  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) { showNode(params.nodes[0]); }
  });

  function applyFilters() {
    var kinds = {};
    typeBoxes.forEach(function (b) { if (b.checked) { kinds[b.value] = true; } });
    var doc = docSel.value, stage = stageSel.value;
    var changes = [];
    nodes.forEach(function (n) {
      var d = info[n.id] || {};
      var show = !!kinds[d.kind === "group" ? "requirement" : d.kind] &&
        (!doc || (d.docs || []).indexOf(doc) >= 0) &&
        (!stage || (d.stages || []).indexOf(stage) >= 0);
      if (hidden[n.id] !== !show) { hidden[n.id] = !show; changes.push({id: n.id, hidden: !show}); }
    });
    if (changes.length) { nodes.update(changes); }
  }
  typeBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  docSel.addEventListener("change", applyFilters);
  stageSel.addEventListener("change", applyFilters);

  function runSearch() {
    var q = search.value.trim().toLowerCase();
    if (!q) { status.textContent = ""; network.unselectAll(); return; }
    var hits = [];
    nodes.forEach(function (n) {
      var d = info[n.id] || {};
      var names = [d.label || ""].concat(d.aliases || []);
      if (!hidden[n.id] && names.some(function (s) { return s.toLowerCase().indexOf(q) >= 0; })) { hits.push(n.id); }
    });
    status.textContent = hits.length + " 个匹配";
    network.selectNodes(hits);
    if (hits.length) {
      network.fit({nodes: hits.slice(0, 200), animation: false});
      if (hits.length === 1) { showNode(hits[0]); }
    }
  }
  search.addEventListener("input", runSearch);

  document.getElementById("kg-reset").addEventListener("click", function () {
    typeBoxes.forEach(function (b) { b.checked = true; });
    docSel.value = ""; stageSel.value = ""; search.value = "";
    applyFilters(); runSearch(); network.fit({animation: false});
  });
})();
