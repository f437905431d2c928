"""Score a built graph against gold annotations (``kg eval``); rules in :mod:`kg.quality.match`.

A reimplementation of the project's scorer (``eval/score.py`` of the shared
folder): the graph is read through its NetworkX projection (:mod:`kg.nx.projection`,
made by :func:`kg.nx.projection.project_quads`; the scorer reads the same facts
of the RDF contract, DOMAIN.md section 4, with rdflib), the gold files follow
section 5, and the figures are the same: per document and
overall (micro) precision, recall and F1 of actors (label/alias match after
traditional-to-simplified folding and prefix stripping), stages, steps, time
expressions (overlapping span and same value, year ignored), requirements
(overlapping spans, one to one) and relations; over matched requirements the
accuracy of modality, deadline and quantities and the F1 of responsible actors.

Examples
--------
>>> norm("各级黨組織"), strip_year("2005-08-01/2005-08-10")
('党组织', '--08-01/--08-10')
>>> prf(3, 4, 3, 6)["f1"]
0.6
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.quality.graph_view import GraphView, read_view
from kg.quality.match import (
    REL_PROPS,
    match_spans,
    norm,
    norm_stage,
    prf,
    quantity_key,
    strip_year,
)


def time_facts(gv: GraphView, node: str) -> dict[str, str | None]:
    """A time expression's ``normalized`` value and ``role`` (local name), as scored."""
    return {
        "normalized": gv.literal(node, "normalized"),
        "role": gv.local(node, "role"),
    }


def _gold_actor_names(gold: dict) -> tuple[list[set[str]], dict[str, str]]:
    names = [
        {norm(a["label"])} | {norm(x) for x in a.get("aliases", [])} for a in gold.get("actors", [])
    ]
    canon: dict[str, str] = {}
    for ns, a in zip(names, gold.get("actors", []), strict=True):
        for n in ns:
            canon.setdefault(n, norm(a["label"]))
    return names, canon


def _actor_scores(gv: GraphView, doc, g_actors: list[set[str]]) -> dict:
    p_actors = [gv.names(a) for a in gv.mentioned("Actor", doc)] if doc is not None else []
    used: set[int] = set()
    tp_gold = 0
    for gnames in g_actors:
        for i, pnames in enumerate(p_actors):
            if i not in used and pnames & gnames:
                used.add(i)
                tp_gold += 1
                break
    tp_pred = sum(1 for pn in p_actors if any(pn & gn for gn in g_actors))
    return prf(tp_pred, len(p_actors), tp_gold, len(g_actors))


def predicted_requirements(gv: GraphView, doc, fold) -> list[tuple[tuple[int, int], dict]]:
    """The requirements of ``doc`` in the graph, as the scorer compares them with gold.

    Each is its evidence span and its modality, responsible actors (their names
    folded by ``fold``), deadline value and quantity keys.
    """
    out = []
    for n, span in gv.with_evidence("Requirement", doc) if doc is not None else []:
        actors: set[str] = set()
        for a in gv.targets(n, "responsibleActor"):
            actors |= fold(gv.names(a)) if gv.names(a) else set()
        dl = next(iter(gv.targets(n, "deadline")), None)
        qs = {
            quantity_key(
                {
                    "comparator": None if c is None else str(c),
                    "value": None if v is None else str(v),
                    "unit": None if u is None else str(u),
                }
            )
            for c, v, u in gv.G.nodes[n].get("quantities", ())
        }
        deadline = gv.literal(dl, "normalized") if dl is not None else None
        out.append(
            (
                span,
                {
                    "modality": gv.local(n, "modality"),
                    "actors": actors,
                    "deadline": deadline,
                    "quantities": qs,
                },
            )
        )
    return out


def _requirement_scores(gv: GraphView, doc, gold: dict, canon_map: dict[str, str]) -> dict:
    def canon(names: set[str]) -> set[str]:
        return {canon_map[n] for n in names if n in canon_map} or names

    g_reqs = [((r["start"], r["end"]), r) for r in gold.get("requirements", [])]
    p_reqs = predicted_requirements(gv, doc, canon)
    m = match_spans(p_reqs, g_reqs)
    rq = prf(len(m), len(p_reqs), len(m), len(g_reqs))
    mod_ok = act_tp = act_p = act_g = dl_n = dl_ok = q_n = q_ok = 0
    for i, j in m:
        p, g = p_reqs[i][1], g_reqs[j][1]
        mod_ok += p["modality"] == g.get("modality")
        ga = canon({norm(a) for a in g.get("actors", [])})
        act_tp += len(p["actors"] & ga)
        act_p += len(p["actors"])
        act_g += len(ga)
        if g.get("deadline") or p["deadline"]:
            dl_n += 1
            dl_ok += strip_year(g.get("deadline")) == strip_year(p["deadline"])
        gq = {quantity_key(q) for q in g.get("quantities", [])}
        if gq or p["quantities"]:
            q_n += 1
            q_ok += gq == p["quantities"]
    rq["modality_acc"] = round(mod_ok / len(m), 4) if m else None
    rq["actor"] = prf(act_tp, act_p, act_tp, act_g)
    rq["deadline_acc"] = round(dl_ok / dl_n, 4) if dl_n else None
    rq["quantity_acc"] = round(q_ok / q_n, 4) if q_n else None
    return rq


def score_document(gv: GraphView, gold: dict) -> dict:
    """Scores of one gold document against the graph."""
    doc = gv.docs.get(gold["document"])
    res: dict[str, Any] = {"document": gold["document"], "found": doc is not None}
    g_actors, canon_map = _gold_actor_names(gold)
    res["actors"] = _actor_scores(gv, doc, g_actors)
    for key, cls, fold in (("stages", "Stage", norm_stage), ("steps", "Step", norm)):
        gset = {fold(s) for s in gold.get(key, [])}
        pset: set[str] = set()
        for n in gv.mentioned(cls, doc) if doc is not None else []:
            pset |= {fold(x) for x in gv.labels(n)}
        res[key] = prf(len(pset & gset), len(pset), len(pset & gset), len(gset))
    g_times = [((t["start"], t["end"]), t) for t in gold.get("times", [])]
    p_times = [
        (span, time_facts(gv, n))
        for n, span in (gv.with_evidence("TimeExpression", doc) if doc is not None else [])
    ]
    m = match_spans(
        p_times,
        g_times,
        lambda p, g: strip_year(p["normalized"]) == strip_year(g.get("normalized")),
    )
    res["times"] = prf(len(m), len(p_times), len(m), len(g_times))
    res["times"]["role_acc"] = (
        round(sum(p_times[i][1]["role"] == g_times[j][1].get("role") for i, j in m) / len(m), 4)
        if m
        else None
    )
    res["requirements"] = _requirement_scores(gv, doc, gold, canon_map)
    return res


def gold_relations(gold: dict) -> list[tuple[str, set[str], set[str], str]]:
    """A gold file's relations: (type, names of the source, names of the target, ``a -> b``).

    The names of an end are its normalized label, its actor's aliases and its stage form.
    """
    names_of: dict[str, set[str]] = {}
    for a in gold.get("actors", []):
        ns = {norm(a["label"])} | {norm(x) for x in a.get("aliases", [])}
        for n in ns:
            names_of.setdefault(n, set()).update(ns)
    rows = []
    for r in gold.get("relations", []):
        f, t = norm(r["from"]), norm(r["to"])
        rows.append(
            (
                r["type"],
                names_of.get(f, {f}) | {norm_stage(r["from"])},
                names_of.get(t, {t}) | {norm_stage(r["to"])},
                f"{r['from']} -> {r['to']}",
            )
        )
    return rows


def score_relations(gv: GraphView, golds: Iterable[dict]) -> dict:
    """Relations of the whole graph against those of all gold files."""
    gold_rel = [rel[:3] for gold in golds for rel in gold_relations(gold)]
    pred_rel = []
    for prop in REL_PROPS:
        for s, o in gv.relations(prop):
            sn, on = gv.end_names(s), gv.end_names(o)
            if sn and on:
                pred_rel.append((prop, sn, on))
    used: set[int] = set()
    tp_gold = 0
    for typ, gf, gt in gold_rel:
        for i, (pt, pf, pto) in enumerate(pred_rel):
            if i not in used and pt == typ and pf & gf and pto & gt:
                used.add(i)
                tp_gold += 1
                break
    tp_pred = sum(
        1
        for pt, pf, pto in pred_rel
        if any(pt == typ and pf & gf and pto & gt for typ, gf, gt in gold_rel)
    )
    return prf(tp_pred, len(pred_rel), tp_gold, len(gold_rel))


def _micro(per_doc: list[dict], key: str) -> dict:
    n_pred = sum(d[key]["pred"] for d in per_doc)
    n_gold = sum(d[key]["gold"] for d in per_doc)
    tp_g = sum(d[key]["tp"] for d in per_doc)
    tp_p = sum(round(d[key]["p"] * d[key]["pred"]) for d in per_doc)
    return prf(tp_p, n_pred, tp_g, n_gold)


def evaluate(
    gold_dir: Path | str, graph_path: Path | str, documents: Iterable[str] = ()
) -> dict[str, Any]:
    """Score the graph at ``graph_path`` against the gold files of ``gold_dir``.

    Parameters
    ----------
    gold_dir : path
        Folder of ``<document>.json`` gold files.
    graph_path : path
        A build directory or an RDF file (``graph.ttl``, ``.nt``, ``.nq``, ``.trig``,
        ``.jsonld``, ``.rdf``, ``.xml``), read through its projection
        (:func:`kg.quality.graph_view.read_view`).
    documents : iterable of str, optional
        Restrict to these document names.

    Returns
    -------
    dict
        ``{"overall": {...}, "documents": [...]}``, the same report as the
        shared scorer writes with ``--json``.
    """
    golds = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))
    ]
    wanted = set(documents)
    if wanted:
        golds = [g for g in golds if g["document"] in wanted]
    gv = read_view(graph_path)
    per_doc = [score_document(gv, g) for g in golds]
    overall: dict[str, Any] = {
        k: _micro(per_doc, k) for k in ("actors", "stages", "steps", "times", "requirements")
    }
    rq = [d["requirements"] for d in per_doc]
    a_tp = sum(r["actor"]["tp"] for r in rq)
    overall["requirements"]["actor"] = prf(
        a_tp, sum(r["actor"]["pred"] for r in rq), a_tp, sum(r["actor"]["gold"] for r in rq)
    )
    for attr in ("modality_acc", "deadline_acc", "quantity_acc"):
        vals = [(r[attr], r["tp"]) for r in rq if r[attr] is not None]
        w = sum(n for _, n in vals)
        overall["requirements"][attr] = round(sum(v * n for v, n in vals) / w, 4) if w else None
    overall["relations"] = score_relations(gv, golds)
    return {"overall": overall, "documents": per_doc}


def score_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Table rows of a report: one per document, then ``OVERALL``.

    Examples
    --------
    >>> rows = score_rows({"overall": {k: {"f1": 1.0} for k in ("actors", "stages", "steps",
    ...     "times", "relations")} | {"requirements": {"f1": 1.0, "actor": {"f1": 1.0},
    ...     "modality_acc": 1.0, "deadline_acc": None, "quantity_acc": None}}, "documents": []})
    >>> rows[0]["document"], rows[0]["relations"]
    ('OVERALL', 1.0)
    """

    def row(name: str, d: dict, rel: Any = None) -> dict[str, Any]:
        r = d["requirements"]
        return {
            "document": name,
            "actors": d["actors"]["f1"],
            "stages": d["stages"]["f1"],
            "steps": d["steps"]["f1"],
            "times": d["times"]["f1"],
            "reqs": r["f1"],
            "req_actors": r["actor"]["f1"],
            "modality": r.get("modality_acc"),
            "deadline": r.get("deadline_acc"),
            "quantity": r.get("quantity_acc"),
            "relations": rel,
        }

    rows = [row(d["document"], d) for d in report["documents"]]
    o = report["overall"]
    rows.append(row("OVERALL", o, o["relations"]["f1"]))
    return rows
