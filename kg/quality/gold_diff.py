"""What goes wrong, fact by fact: the gold facts a build missed and the facts it added.

:func:`error_rows` reads a built graph through its projection
(:mod:`kg.quality.graph_view`, the facts of DOMAIN.md section 4, with the
matching rules of :mod:`kg.quality.match`) and lists, per
document, every disagreement with the gold files of DOMAIN.md section 5:

* ``actor``: a gold actor no predicted actor names (``missed``) or a predicted
  actor no gold actor names (``spurious``);
* ``stage`` / ``step``: labels missed or added;
* ``time``: gold times without a predicted time of the same value over an
  overlapping span (``missed``; ``value`` when a time overlaps with another
  value) and predicted times without a gold one (``spurious``);
* ``requirement``: unmatched spans both ways; for matched ones ``modality``,
  ``actors`` (the responsible actors missed and added), ``deadline`` and
  ``quantity`` when they differ;
* ``relation``: gold relations of the document not predicted, and predicted
  relation assertions of the document that no gold relation of it matches.

:func:`error_counts` tallies the rows per category and error, the table kept in
``benchmarks/EXTRACTION.md``.

Examples
--------
>>> error_counts([{"category": "actor", "error": "missed"},
...               {"category": "actor", "error": "missed"}])
[{'category': 'actor', 'error': 'missed', 'count': 2}]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.quality.evaluate import gold_relations, predicted_requirements, time_facts
from kg.quality.graph_view import GraphView, read_view
from kg.quality.match import REL_PROPS, match_spans, norm, norm_stage, quantity_key, strip_year

Row = dict[str, Any]


def _row(doc: str, category: str, error: str, gold: str = "", predicted: str = "", **kw) -> Row:
    return {
        "document": doc,
        "category": category,
        "error": error,
        "gold": gold,
        "predicted": predicted,
        "start": kw.get("start"),
        "end": kw.get("end"),
        "quote": kw.get("quote", ""),
    }


def _actor_rows(gv: GraphView, doc, gold: dict, name: str) -> list[Row]:
    g_actors = [
        ({norm(a["label"])} | {norm(x) for x in a.get("aliases", [])}, a["label"])
        for a in gold.get("actors", [])
    ]
    p_actors = []
    for node in gv.mentioned("Actor", doc) if doc is not None else []:
        label = gv.label(node) or ""
        p_actors.append((gv.names(node), label))
    out = []
    for names, label in g_actors:
        if not any(names & pn for pn, _ in p_actors):
            out.append(_row(name, "actor", "missed", gold=label))
    for pn, label in p_actors:
        if not any(pn & gn for gn, _ in g_actors):
            out.append(_row(name, "actor", "spurious", predicted=label))
    return out


def _phase_rows(gv: GraphView, doc, gold: dict, name: str) -> list[Row]:
    out = []
    for key, cls, fold, cat in (
        ("stages", "Stage", norm_stage, "stage"),
        ("steps", "Step", norm, "step"),
    ):
        gset = {fold(s) for s in gold.get(key, [])}
        pset: set[str] = set()
        for n in gv.mentioned(cls, doc) if doc is not None else []:
            pset |= {fold(x) for x in gv.labels(n)}
        out += [_row(name, cat, "missed", gold=s) for s in sorted(gset - pset)]
        out += [_row(name, cat, "spurious", predicted=s) for s in sorted(pset - gset)]
    return out


def _time_rows(gv: GraphView, doc, gold: dict, name: str, text: str) -> list[Row]:
    g_times = [((t["start"], t["end"]), t) for t in gold.get("times", [])]
    p_times = [
        (span, time_facts(gv, n))
        for n, span in (gv.with_evidence("TimeExpression", doc) if doc is not None else [])
    ]
    same = match_spans(
        p_times, g_times, lambda p, g: strip_year(p["normalized"]) == strip_year(g["normalized"])
    )
    loose = match_spans(p_times, g_times)
    matched_p = {i for i, _ in same}
    matched_g = {j for _, j in same}
    out = []
    for j, (span, t) in enumerate(g_times):
        if j in matched_g:
            i = next(i for i, jj in same if jj == j)
            if p_times[i][1]["role"] != t.get("role"):
                out.append(
                    _row(
                        name,
                        "time",
                        "role",
                        gold=str(t.get("role")),
                        predicted=str(p_times[i][1]["role"]),
                        start=span[0],
                        end=span[1],
                        quote=t["text"],
                    )
                )
            continue
        other = next((i for i, jj in loose if jj == j and i not in matched_p), None)
        error = "value" if other is not None else "missed"
        pred = "" if other is None else str(p_times[other][1]["normalized"])
        out.append(
            _row(
                name,
                "time",
                error,
                gold=str(t.get("normalized")),
                predicted=pred,
                start=span[0],
                end=span[1],
                quote=t["text"],
            )
        )
    loose_p = {i for i, j in loose if j not in matched_g}
    for i, (span, t) in enumerate(p_times):
        if i not in matched_p and i not in loose_p:
            out.append(
                _row(
                    name,
                    "time",
                    "spurious",
                    predicted=str(t["normalized"]),
                    start=span[0],
                    end=span[1],
                    quote=text[span[0] : span[1]],
                )
            )
    return out


def _requirement_rows(gv: GraphView, doc, gold: dict, name: str, text: str) -> list[Row]:
    canon: dict[str, str] = {}
    for a in gold.get("actors", []):
        for n in {norm(a["label"])} | {norm(x) for x in a.get("aliases", [])}:
            canon.setdefault(n, norm(a["label"]))

    def fold(names: Iterable[str]) -> set[str]:
        names = set(names)
        return {canon[n] for n in names if n in canon} or names

    g_reqs = [((r["start"], r["end"]), r) for r in gold.get("requirements", [])]
    p_reqs = predicted_requirements(gv, doc, fold)
    m = match_spans(p_reqs, g_reqs)
    out = []
    mp = {i for i, _ in m}
    mg = {j for _, j in m}
    for j, (span, g) in enumerate(g_reqs):
        if j not in mg:
            out.append(
                _row(
                    name,
                    "requirement",
                    "missed",
                    gold=f"{g.get('modality')} {sorted(g.get('actors', []))}",
                    start=span[0],
                    end=span[1],
                    quote=g.get("quote", ""),
                )
            )
    for i, (span, p) in enumerate(p_reqs):
        if i not in mp:
            out.append(
                _row(
                    name,
                    "requirement",
                    "spurious",
                    predicted=f"{p['modality']} {sorted(p['actors'])}",
                    start=span[0],
                    end=span[1],
                    quote=text[span[0] : span[1]],
                )
            )
    for i, j in sorted(m, key=lambda ij: g_reqs[ij[1]][0]):
        (span, g), p = g_reqs[j], p_reqs[i][1]
        where = {"start": span[0], "end": span[1], "quote": g.get("quote", "")}
        if p["modality"] != g.get("modality"):
            out.append(
                _row(
                    name,
                    "modality",
                    "wrong",
                    gold=str(g.get("modality")),
                    predicted=str(p["modality"]),
                    **where,
                )
            )
        ga = fold(norm(a) for a in g.get("actors", []))
        if ga != p["actors"]:
            missed, extra = sorted(ga - p["actors"]), sorted(p["actors"] - ga)
            error = "missed" if not extra else ("spurious" if not missed else "wrong")
            out.append(
                _row(
                    name,
                    "responsible-actor",
                    error,
                    gold="、".join(missed),
                    predicted="、".join(extra),
                    **where,
                )
            )
        if strip_year(g.get("deadline")) != strip_year(p["deadline"]):
            out.append(
                _row(
                    name,
                    "deadline",
                    "wrong",
                    gold=str(g.get("deadline")),
                    predicted=str(p["deadline"]),
                    **where,
                )
            )
        gq = {quantity_key(q) for q in g.get("quantities", [])}
        if gq != p["quantities"]:
            out.append(
                _row(
                    name,
                    "quantity",
                    "wrong",
                    gold="; ".join(" ".join(q) for q in sorted(gq)),
                    predicted="; ".join(" ".join(q) for q in sorted(p["quantities"])),
                    **where,
                )
            )
    return out


def _relation_rows(gv: GraphView, doc, gold: dict, name: str) -> list[Row]:
    gold_rel = gold_relations(gold)
    pred_rel = []
    for typ in REL_PROPS if doc is not None else ():
        for s, o in gv.relations(typ):
            sn, on = gv.end_names(s), gv.end_names(o)
            label = f"{gv.label(s)} -> {gv.label(o)}"
            for d, start, end, _ in gv.G.edges[s, o, typ].get("evidence", ()):
                if d != name:
                    continue
                rule = gv.rules.get((s, typ, o, d, start, end))
                pred_rel.append((typ, sn, on, f"{label} [{rule}]" if rule is not None else label))
    out = []
    for typ, gf, gt, label in gold_rel:
        if not any(pt == typ and pf & gf and po & gt for pt, pf, po, _ in pred_rel):
            out.append(_row(name, "relation", "missed", gold=f"{typ} {label}"))
    for pt, pf, po, label in sorted(pred_rel, key=lambda r: (r[0], r[3])):
        if not any(pt == typ and pf & gf and po & gt for typ, gf, gt, _ in gold_rel):
            out.append(_row(name, "relation", "spurious", predicted=f"{pt} {label}"))
    return out


def _document_text(gv: GraphView, doc) -> str:
    """The raw text the quotes come from, rebuilt from the evidence the projection holds."""
    name = gv.G.nodes[doc]["label"]
    quoted = [
        (d.get("start"), d.get("quote"))
        for _, d in gv.G.nodes(data=True)
        if d.get("document") == name and d.get("type") in ("Requirement", "TimeExpression")
    ]
    quoted += [
        (start, quote)
        for *_, e in gv.G.edges(data=True)
        for d, start, _, quote in e.get("evidence", ())
        if d == name
    ]
    chars: dict[int, str] = {}
    for start, exact in quoted:
        if start is None or exact is None:
            continue
        for k, ch in enumerate(str(exact)):
            chars[int(start) + k] = ch
    if not chars:
        return ""
    return "".join(chars.get(i, "…") for i in range(max(chars) + 1))


def error_rows(
    gold_dir: Path | str, graph_path: Path | str, documents: Iterable[str] = ()
) -> list[Row]:
    """Every disagreement between the graph and the gold files of ``gold_dir``.

    Parameters
    ----------
    gold_dir : path
        Folder of ``<document>.json`` gold files (DOMAIN.md section 5).
    graph_path : path
        A build directory or an RDF file (``graph.ttl``, ``.nt``, ``.nq``, ``.trig``...),
        read through its projection (:func:`kg.quality.graph_view.read_view`).
    documents : iterable of str, optional
        Restrict to these document names.

    Returns
    -------
    list of dict
        Rows with ``document``, ``category``, ``error``, ``gold``, ``predicted``,
        ``start``, ``end`` and ``quote``, in document then category order.
    """
    golds = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))
    ]
    wanted = set(documents)
    if wanted:
        golds = [g for g in golds if g["document"] in wanted]
    gv = read_view(graph_path, rules=True)
    rows: list[Row] = []
    for gold in golds:
        name = gold["document"]
        doc = gv.docs.get(name)
        text = _document_text(gv, doc) if doc is not None else ""
        rows += _actor_rows(gv, doc, gold, name)
        rows += _phase_rows(gv, doc, gold, name)
        rows += _time_rows(gv, doc, gold, name, text)
        rows += _requirement_rows(gv, doc, gold, name, text)
        rows += _relation_rows(gv, doc, gold, name)
    return rows


def error_counts(rows: Iterable[Row]) -> list[Row]:
    """Rows counted per category and error, in the order categories first appear."""
    counts: Counter[tuple[str, str]] = Counter()
    order: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r["category"], r["error"])
        counts[key] += 1
        order.setdefault(key, len(order))
    return [
        {"category": c, "error": e, "count": counts[(c, e)]}
        for c, e in sorted(counts, key=lambda k: order[k])
    ]
