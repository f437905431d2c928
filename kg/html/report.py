"""``report.html``: the analyst report of a build, one self-contained file.

Counts per document and type, a timeline (dates on the calendar where the
year is known, a lane per document otherwise: :mod:`kg.html.calendar`), the
actor x stage responsibility heatmap, the stage/step order per document (the
rows of ``kg deps --order``: :func:`kg.nx.dependencies.stage_order`), the
approval chain and relations, the top requirements, and consistency findings.
Every row of a table carries its quote with document and offsets, and a link
to the reader (``/doc/NAME#START-END``, :func:`kg.address.span_href`) that is
hidden when the file is opened from disk. Plots are inline SVG
(:mod:`kg.html.plots`); every text is escaped by the template.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.build.run import build
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
>>> _ = build([d / "in"], d / "out", progress=False, views=False)
>>> html = report_html(d / "out")
>>> "<svg" in html and "a.txt" in html
True
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from kg import atomic
from kg.address import span_href
from kg.html import calendar, plots, report_data
from kg.html.model import KINDS, RELATIONS
from kg.html.reader import read_view_graph
from kg.html.templating import inline_asset, render, static_text
from kg.nx.cache import open_projection
from kg.nx.chains import chains
from kg.nx.dependencies import stage_order
from kg.nx.focus import report_graph
from kg.quality.summary import COUNTED, Counts

TOP_REQUIREMENTS = 30
COUNT_CHART_DOCUMENTS = 30
"""Documents drawn in the counts chart (those with the most facts, when there are more)."""
COUNT_TABLE_DOCUMENTS = 200
"""Documents listed in the counts table; the others are summed in one row."""
TIMELINE_ROWS = 300
REPORT_CHAINS = 100
"""Most approval and reporting chains listed (each inside one document, as `kg chain`)."""
TYPE_NAMES = {
    "Actor": "主体",
    "Stage": "阶段",
    "Step": "环节",
    "TimeExpression": "时间",
    "Requirement": "要求",
    "Quantity": "数量",
    "Relation": "关系",
}
TYPE_COLORS = {
    "主体": KINDS["actor"].color,
    "阶段": KINDS["stage"].color,
    "环节": KINDS["step"].color,
    "时间": KINDS["time"].color,
    "要求": KINDS["requirement"].color,
    "数量": "#bcbd22",
    "关系": "#8c564b",
}
ROLE_COLORS = {"deadline": "#d62728", "schedule": "#1f77b4", "event": "#7f7f7f"}
ROLE_NAMES = {"deadline": "期限", "schedule": "安排", "event": "事件"}


def report_html(build_dir: Path) -> str:
    """The report page of the build in ``build_dir``.

    Raises
    ------
    kg.graph.store.StoreError
        When ``build_dir`` holds no build.
    """
    build_dir = Path(build_dir)
    g = read_view_graph(build_dir)
    counts = Counts.load(build_dir)
    types = [t for t in COUNTED if t != "Document"]
    per_doc = {
        doc: {TYPE_NAMES[t]: c.get(t, 0) for t in types} for doc, c in counts.per_document.items()
    }
    totals = counts.types
    reqs = report_data.requirement_rows(g)
    top = sorted(reqs, key=lambda r: r.score())[:TOP_REQUIREMENTS]
    p = open_projection(build_dir)
    try:
        G = report_graph(p)
    finally:
        p.close()
    items = calendar.items(G)
    drawn, left_out = calendar.charts(items)
    charts = [
        (
            title,
            Markup(
                plots.timeline_chart(report_data.lanes(its), rel, ROLE_COLORS, ROLE_NAMES, f"tl{k}")
            ),
        )
        for k, (title, rel, its) in enumerate(drawn)
    ]
    actors, stages, matrix = report_data.responsibility(g)
    names = [TYPE_NAMES[t] for t in types]
    charted, _, not_charted = report_data.busiest(per_doc, COUNT_CHART_DOCUMENTS)
    listed, rest, not_listed = report_data.busiest(per_doc, COUNT_TABLE_DOCUMENTS)
    sections = {
        "counts_svg": Markup(
            plots.bar_chart(dict(charted), names, TYPE_COLORS, ranked=bool(not_charted))
        )
        if per_doc
        else "",
        "heatmap_svg": Markup(plots.heatmap(actors, stages, matrix)) if actors else "",
    }
    return render(
        "report.html.j2",
        href=span_href,
        css=inline_asset(static_text("report.css"), "style"),
        documents=len(per_doc),
        quads=counts.quads,
        type_names=names,
        totals=[(TYPE_NAMES[t], totals.get(t, 0)) for t in types],
        per_doc=listed,
        per_doc_rest=rest,
        per_doc_not_listed=not_listed,
        per_doc_not_charted=not_charted,
        per_doc_charted=len(charted),
        timeline_charts=charts,
        timeline_items=items[:TIMELINE_ROWS],
        timeline_total=len(items),
        timeline_left_out=left_out,
        role_names=ROLE_NAMES,
        flows=report_data.flows(stage_order(G)),
        relations=[(s, RELATIONS[r].name, t, q) for s, r, t, q in report_data.actor_relations(G)],
        chains=[(r["chain"].split(" -> "), r["documents"]) for r in chains(G, limit=REPORT_CHAINS)],
        top=top,
        requirements=len(reqs),
        findings=report_data.findings(g, reqs),
        **sections,
    )


def write_report_html(build_dir: Path, path: Path) -> Path:
    """Write :func:`report_html` to ``path`` atomically; return ``path``."""
    atomic.write_text(Path(path), report_html(build_dir))
    return Path(path)
