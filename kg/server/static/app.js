// The query page: saved queries, parameters, results table.
// Data from the store is only ever inserted with textContent (never innerHTML).
"use strict";

const state = { entries: new Map(), prefixes: {} };
const $ = (id) => document.getElementById(id);

function compact(iri) {
  let best = null;
  for (const [prefix, ns] of Object.entries(state.prefixes)) {
    if (iri.startsWith(ns) && (best === null || ns.length > state.prefixes[best].length)) {
      best = prefix;
    }
  }
  if (best !== null) {
    const local = iri.slice(state.prefixes[best].length);
    if (local && /^[\p{L}\p{N}_\-/.%]+$/u.test(local)) return best + ":" + local;
  }
  return "<" + iri + ">";
}

function describeLink(iri) {
  const a = document.createElement("a");
  a.href = "/describe?iri=" + encodeURIComponent(iri);
  a.textContent = compact(iri);
  a.title = iri;
  return a;
}

function cellContent(value) {
  if (!value) return document.createTextNode("");
  if (value.type === "uri") return describeLink(value.value);
  if (value.type === "bnode") return document.createTextNode("_:" + value.value);
  const span = document.createElement("span");
  span.textContent = value.value;
  if (value["xml:lang"]) span.lang = value["xml:lang"];
  return span;
}

function clearOutput() {
  $("results").tHead.replaceChildren();
  $("results").tBodies[0].replaceChildren();
  $("graph").hidden = true;
  $("graph").textContent = "";
  $("error").hidden = true;
  $("error").textContent = "";
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = false;
}

function renderTable(data) {
  const head = $("results").tHead;
  const body = $("results").tBodies[0];
  const tr = document.createElement("tr");
  const vars = data.boolean !== undefined ? ["boolean"] : data.head.vars;
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    tr.appendChild(th);
  }
  head.appendChild(tr);
  const rows = data.boolean !== undefined
    ? [{ boolean: { type: "literal", value: String(data.boolean) } }]
    : data.results.bindings;
  for (const row of rows) {
    const r = document.createElement("tr");
    for (const v of vars) {
      const td = document.createElement("td");
      td.appendChild(cellContent(row[v]));
      r.appendChild(td);
    }
    body.appendChild(r);
  }
  return rows.length;
}

function renderParams(entry) {
  const box = $("params");
  box.replaceChildren();
  for (const p of entry ? entry.params : []) {
    const label = document.createElement("label");
    label.textContent = p.name + " ";
    const input = document.createElement("input");
    input.name = p.name;
    input.dataset.param = p.name;
    input.placeholder = p.description;
    input.title = p.description;
    label.appendChild(input);
    box.appendChild(label);
  }
}

function selectEntry(name) {
  const entry = state.entries.get(name);
  $("description").textContent = entry ? entry.description : "";
  renderParams(entry);
  if (entry) $("query").value = entry.query;
}

async function boundQuery(entry) {
  const params = new URLSearchParams();
  for (const input of $("params").querySelectorAll("input[data-param]")) {
    params.append(input.dataset.param, input.value);
  }
  const url = "/catalog/" + encodeURIComponent(entry.name) + "/query?" + params.toString();
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim());
  return text;
}

async function run(event) {
  if (event) event.preventDefault();
  clearOutput();
  $("status").textContent = "running…";
  const started = performance.now();
  try {
    const entry = state.entries.get($("catalog").value);
    let query = $("query").value;
    if (entry && entry.params.length) {
      query = await boundQuery(entry);
    }
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query }),
    });
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    if (!response.ok) throw new Error(response.status + ": " + text.trim());
    const ms = Math.round(performance.now() - started);
    if (type.startsWith("text/turtle")) {
      $("graph").textContent = text;
      $("graph").hidden = false;
      $("status").textContent = "graph in " + ms + " ms";
    } else {
      const n = renderTable(JSON.parse(text));
      $("status").textContent = n + " rows in " + ms + " ms";
    }
    $("status").dataset.done = "1";
  } catch (err) {
    $("status").textContent = "";
    $("status").dataset.done = "1";
    showError(String(err.message || err));
  }
}

async function init() {
  $("form").addEventListener("submit", run);
  $("catalog").addEventListener("change", (e) => selectEntry(e.target.value));
  $("query").addEventListener("input", () => {
    const entry = state.entries.get($("catalog").value);
    if (entry && !entry.params.length) {
      $("catalog").value = "";
      selectEntry("");
    }
  });
  const response = await fetch("/catalog");
  const data = await response.json();
  state.prefixes = data.prefixes;
  for (const entry of data.queries) {
    state.entries.set(entry.name, entry);
    const option = document.createElement("option");
    option.value = entry.name;
    option.textContent = entry.name + " — " + entry.description;
    $("catalog").appendChild(option);
  }
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", init);
