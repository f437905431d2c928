// Explore: search a node, draw it with its neighbours, expand on click, hide nodes, filter
// relation types. One script for the workbench's /explore (asks the server) and for the
// offline graph.html (its graph travels in <script id="explore-data">; nothing is fetched).
// A small force layout in SVG; every label goes in with textContent.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const COLORS = {
    actor: "#c0392b", stage: "#8e44ad", step: "#9b59b6", time: "#16a085",
    requirement: "#2e86c1", group: "#17becf",
  };
  const KINDS = ["actor", "stage", "step", "time", "requirement", "group"];
  const LIMIT = 20;  // neighbours drawn per node and search results, as on the server
  const svg = document.getElementById("canvas");
  const panel = document.getElementById("panel");
  const status = document.getElementById("status");
  const served = /^https?:$/.test(window.location.protocol);
  const nodes = new Map();
  const edges = new Map();
  const hiddenTypes = new Set();
  let selected = null;
  let home = "";  // the document of the node a search started from
  let started = false;  // a node was expanded: the overview, if late, is not drawn

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // ---- where the graph comes from ------------------------------------------------------
  function serverSource() {
    function getJSON(url) {
      return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.json();
      });
    }
    return {
      search: function (q) {
        return getJSON("/explore/search?q=" + encodeURIComponent(q)).then(function (d) { return d.results; });
      },
      node: function (id, doc) {
        let url = "/explore/node?iri=" + encodeURIComponent(id);
        if (doc) url += "&document=" + encodeURIComponent(doc);
        return getJSON(url);
      },
      overview: function () {  // while the index is made (503), say so and ask again
        function ask() {
          return fetch("/explore/overview", { headers: { Accept: "application/json" } }).then(function (r) {
            if (r.status === 503) {
              status.textContent = "preparing the workbench index…";
              return new Promise(function (done) { setTimeout(done, 3000); }).then(ask);
            }
            if (!r.ok) throw new Error(r.status + " /explore/overview");
            return r.json();
          });
        }
        return ask();
      },
    };
  }

  // The same answers as kg/server/workbench/explore.py (search order, neighbour order and limit),
  // computed over the embedded graph: nodes [id, label, kind, detail, doc, href, props],
  // edges [source, type, target, [docs]] (indexes into nodes and documents).
  function embeddedSource(data) {
    const docs = data.documents;
    const adj = data.nodes.map(function () { return []; });
    data.edges.forEach(function (e, i) { adj[e[0]].push(i); if (e[2] !== e[0]) adj[e[2]].push(i); });
    const index = new Map(data.nodes.map(function (n, i) { return [data.base + n[0], i]; }));
    function node(i) {
      const n = data.nodes[i];
      const doc = n[4] < 0 ? "" : docs[n[4]];
      return {
        id: data.base + n[0], label: n[1], kind: n[2], kind_name: data.kinds[n[2]] || n[2],
        detail: n[3] || doc, document: doc, href: n[5], props: n[6],
      };
    }
    function edge(e) {
      return { source: data.base + data.nodes[e[0]][0], type: e[1], target: data.base + data.nodes[e[2]][0] };
    }
    function rank(kind) { const r = KINDS.indexOf(kind); return r < 0 ? KINDS.length : r; }
    return {
      search: function (q) {
        const words = q.split(/\s+/).filter(Boolean);
        if (!words.length) return Promise.resolve([]);
        const exact = q.trim();
        const hits = [];
        data.nodes.forEach(function (n, i) {
          if (words.every(function (w) { return n[1].indexOf(w) >= 0; })) hits.push(i);
        });
        hits.sort(function (a, b) {
          const x = data.nodes[a], y = data.nodes[b];
          return (x[1] !== exact) - (y[1] !== exact) || rank(x[2]) - rank(y[2]) ||
            x[1].length - y[1].length || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) ||
            (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
        });
        return Promise.resolve(hits.slice(0, LIMIT).map(node));
      },
      node: function (id, doc) {
        const i = index.get(id);
        if (i === undefined) return Promise.reject(new Error("unknown node"));
        const d = doc ? docs.indexOf(doc) : -1;
        const mine = adj[i].map(function (k) { return data.edges[k]; }).filter(function (e) {
          return !doc || e[3].indexOf(d) >= 0;
        });
        const others = [];
        mine.forEach(function (e) {
          const o = e[0] === i ? e[2] : e[0];
          if (o !== i && others.indexOf(o) < 0) others.push(o);
        });
        const shown = others.slice(0, LIMIT);
        const kept = new Set(shown.concat([i]));
        return Promise.resolve({
          node: node(i),
          nodes: shown.map(node),
          edges: mine.filter(function (e) { return kept.has(e[0]) && kept.has(e[2]); }).map(edge),
          more: others.length - shown.length,
        });
      },
      overview: function () {
        const ids = new Set(data.overview);
        return Promise.resolve({
          nodes: data.overview.map(node),
          edges: data.edges.filter(function (e) { return ids.has(e[0]) && ids.has(e[2]); }).map(edge),
        });
      },
    };
  }

  const embedded = document.getElementById("explore-data");
  const source = embedded ? embeddedSource(JSON.parse(embedded.textContent)) : serverSource();

  // ---- the drawing ---------------------------------------------------------------------
  function addNode(n, near) {
    if (nodes.has(n.id)) return nodes.get(n.id);
    const w = svg.clientWidth || 800;
    const h = svg.clientHeight || 600;
    const bx = near ? near.x : w / 2;
    const by = near ? near.y : h / 2;
    const a = Math.random() * 2 * Math.PI;
    const r = near ? 60 : 40 + Math.random() * Math.min(w, h) / 3;
    const node = Object.assign({}, n, {
      x: bx + r * Math.cos(a), y: by + r * Math.sin(a), vx: 0, vy: 0,
      hidden: false, expanded: false, pinned: false, more: 0,
    });
    nodes.set(n.id, node);
    return node;
  }
  function addEdge(e) {
    const key = e.source + " " + e.type + " " + e.target;
    if (!edges.has(key)) edges.set(key, e);
    if (!document.querySelector('#types input[data-type="' + CSS.escape(e.type) + '"]')) {
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.type = e.type;
      box.addEventListener("change", function () {
        if (box.checked) hiddenTypes.delete(e.type); else hiddenTypes.add(e.type);
        draw();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + e.type));
      document.getElementById("types").appendChild(label);
      document.getElementById("types").appendChild(el("br"));
    }
  }

  function visibleEdges() {
    return Array.from(edges.values()).filter(function (e) {
      const s = nodes.get(e.source);
      const t = nodes.get(e.target);
      return s && t && !s.hidden && !t.hidden && !hiddenTypes.has(e.type);
    });
  }
  function visibleNodes() {
    const shown = visibleEdges();
    const linked = new Set();
    shown.forEach(function (e) { linked.add(e.source); linked.add(e.target); });
    return Array.from(nodes.values()).filter(function (n) {
      return !n.hidden && (linked.has(n.id) || n.expanded || n.pinned || n.id === selected);
    });
  }

  // Fruchterman-Reingold: repulsion k²/d between near nodes, attraction d²/k along edges, a
  // little gravity to the centre; k grows with the room per node, moves shrink as it cools.
  function layout(steps) {
    const w = svg.clientWidth || 800;
    const h = svg.clientHeight || 600;
    const ns = visibleNodes();
    const es = visibleEdges();
    const k = Math.max(30, Math.min(120, 0.45 * Math.sqrt(w * h / Math.max(ns.length, 1))));
    // Two nodes pull together once, however many relations join them (actors that supervise,
    // report to and approve each other would otherwise collapse into one blot).
    const seen = new Set();
    const pairs = [];
    es.forEach(function (e) {
      const key = e.source < e.target ? e.source + " " + e.target : e.target + " " + e.source;
      if (seen.has(key)) return;
      seen.add(key);
      pairs.push([nodes.get(e.source), nodes.get(e.target)]);
    });
    for (let step = 0; step < steps; step++) {
      const t = (w / 12) * (1 - step / steps) + 1;
      ns.forEach(function (n) { n.vx = (w / 2 - n.x) * 0.05; n.vy = (h / 2 - n.y) * 0.05; });
      for (let i = 0; i < ns.length; i++) {
        for (let j = i + 1; j < ns.length; j++) {
          const a = ns[i];
          const b = ns[j];
          const dx = a.x - b.x;
          const dy = a.y - b.y;
          const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
          if (d > 3 * k) continue;  // far apart: gravity, not repulsion, decides (no walls)
          const f = k * k / d / d;
          a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
        }
      }
      pairs.forEach(function (pair) {
        const a = pair[0];
        const b = pair[1];
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const f = Math.sqrt(dx * dx + dy * dy) / k;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      });
      ns.forEach(function (n) {
        const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy) || 1;
        n.x += n.vx / v * Math.min(v, t);
        n.y += n.vy / v * Math.min(v, t);
        n.x = Math.max(20, Math.min(w - 90, n.x));
        n.y = Math.max(20, Math.min(h - 20, n.y));
      });
    }
  }

  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function draw() {
    layout(150);
    svg.replaceChildren();
    const shownEdges = visibleEdges();
    shownEdges.forEach(function (e) {
      const a = nodes.get(e.source);
      const b = nodes.get(e.target);
      const line = svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge" });
      line.appendChild(svgEl("title", {})).textContent = e.type;
      svg.appendChild(line);
      if (shownEdges.length > 12 && e.type === "responsibleActor") return;  // blue dots: requirements
      if (shownEdges.length > 40) return;  // a dense drawing: the types are ticked in the side panel
      const t = svgEl("text", { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, class: "edge-label" });
      t.textContent = e.type;
      svg.appendChild(t);
    });
    const shown = visibleNodes();
    shown.forEach(function (n) {
      const g = svgEl("g", { class: "node", "data-id": n.id, "data-kind": n.kind });
      const r = n.expanded ? 11 : 7;
      g.appendChild(svgEl("circle", {
        cx: n.x, cy: n.y, r: r, fill: COLORS[n.kind] || "#777",
        stroke: n.id === selected ? "#000" : "#fff", "stroke-width": n.id === selected ? 3 : 1.5,
      }));
      const t = svgEl("text", { x: n.x + r + 3, y: n.y + 4 });
      t.textContent = n.label.length > 12 ? n.label.slice(0, 12) + "…" : n.label;
      g.appendChild(t);
      const tip = svgEl("title", {});
      tip.textContent = n.kind_name + " " + n.label + (n.detail ? " · " + n.detail : "");
      g.appendChild(tip);
      g.addEventListener("click", function () { expand(n.id); });
      svg.appendChild(g);
    });
    status.textContent = shown.length + " nodes shown · click a node to expand it";
    svg.dataset.nodes = String(shown.length);
  }

  function showPanel(n) {
    panel.replaceChildren();
    const h = el("h2");
    h.appendChild(el("span", n.kind_name, "kind"));
    h.appendChild(document.createTextNode(" " + n.label));
    panel.appendChild(h);
    if (n.detail) panel.appendChild(el("p", n.detail, "name"));
    if (n.props && n.props.length) {
      const table = el("table");
      n.props.forEach(function (kv) {
        const tr = el("tr");
        tr.appendChild(el("th", kv[0]));
        tr.appendChild(el("td", kv[1]));
        table.appendChild(tr);
      });
      panel.appendChild(table);
    }
    if (n.href && served) {  // the reader and actor pages exist only when kg serve serves the page
      const a = el("a", n.kind === "actor" ? "actor page →" : "read in the document →");
      a.setAttribute("href", n.href);
      panel.appendChild(a);
    } else if (n.href && n.href.indexOf("/doc/") === 0) {
      panel.appendChild(el("p", "原文 " + decodeURIComponent(n.href.slice(5)).replace("#", " @ "), "name"));
    }
    if (n.more) panel.appendChild(el("p", n.more + " more neighbours not drawn", "hint"));
    const hide = el("button", "隐藏 hide");
    hide.type = "button";
    hide.id = "hide";
    hide.addEventListener("click", function () { hideNode(n.id); });
    panel.appendChild(el("p")).appendChild(hide);
  }

  function hideNode(id) {
    const n = nodes.get(id);
    n.hidden = true;
    const li = el("li");
    const b = el("button", "↺ " + n.label.slice(0, 20));
    b.type = "button";
    b.addEventListener("click", function () { n.hidden = false; li.remove(); draw(); });
    li.appendChild(b);
    document.getElementById("hidden").appendChild(li);
    draw();
  }

  function expand(id) {
    started = true;
    selected = id;
    const within = document.getElementById("within").checked && home ? home : "";
    return source.node(id, within).then(function (data) {
      const center = addNode(data.node, null);
      center.expanded = true;
      center.more = data.more;
      data.nodes.forEach(function (n) { addNode(n, center); });
      data.edges.forEach(addEdge);
      showPanel(center);
      draw();
    }).catch(function (err) { status.textContent = String(err); });
  }

  // The overview is where one starts: the first search result chosen replaces it.
  function clearOverview() {
    const gone = new Set();
    nodes.forEach(function (n, id) { if (n.pinned && !n.expanded) gone.add(id); });
    gone.forEach(function (id) { nodes.delete(id); });
    edges.forEach(function (e, key) { if (gone.has(e.source) || gone.has(e.target)) edges.delete(key); });
  }

  function ready() {
    window.kgInteractive = true;
  }

  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    const q = document.getElementById("search").value;
    const list = document.getElementById("results");
    source.search(q).then(function (results) {
      list.replaceChildren();
      results.forEach(function (n) {
        const li = el("li");
        const b = el("button", n.kind_name + " " + n.label.slice(0, 24) + (n.detail ? " · " + n.detail : ""));
        b.type = "button";
        b.dataset.id = n.id;
        b.addEventListener("click", function () { clearOverview(); home = n.document; expand(n.id); });
        li.appendChild(b);
        list.appendChild(li);
      });
      if (!results.length) list.appendChild(el("li", "nothing found", "empty"));
    });
  });

  // The overview (the same nodes in graph.html and on /explore: kg.html.explore_data.pick_overview).
  function showOverview(overview) {
    if (started) return;  // a node was chosen before the overview came: keep to it
    overview.nodes.forEach(function (n) { addNode(n, null).pinned = true; });
    overview.edges.forEach(addEdge);
    draw();
    status.textContent = overview.nodes.length + " nodes shown (overview: the documents' stages " +
      "and the actors with most requirements) · search, or click a node to expand it";
  }

  const start = document.getElementById("start").dataset.node;
  if (start) {
    expand(start).then(function () { home = (nodes.get(start) || {}).document || ""; ready(); });
  } else {
    source.overview().then(showOverview).catch(function (err) {
      status.textContent = String(err);
    }).then(ready);
  }
})();
