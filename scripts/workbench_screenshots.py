"""Screenshots of the workbench (``kg serve``) on the seeds for docs/WORKBENCH.md.

Builds ``../shared/corpus/seeds`` into a temporary folder (or uses ``--build``),
serves it on loopback, and saves docs/workbench-{documents,reader,table,actor,
explore-overview,explore}.png from headless Chromium (system chromedriver, network-free flags),
then serves it again with editing on (nothing is posted) and saves
docs/workbench-edit.png (a requirement's panel with its edit controls),
docs/workbench-edit-add.png (adding a fact from a selection) and
docs/workbench-edit-actor.png (an actor page's merge, split and reject controls).
Chinese needs a CJK font: ``--fontconfig FILE`` points Chromium at a
fontconfig file that adds one without installing it.

Usage::

    .venv/bin/python scripts/workbench_screenshots.py [--build DIR] [--docs DIR] [--fontconfig F]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402

from kg.address import actor_href, span_href  # noqa: E402
from kg.build.run import build  # noqa: E402
from kg.server.app import Settings  # noqa: E402
from kg.server.workbench.index import open_index  # noqa: E402
from tests.kg.browser import new_driver  # noqa: E402
from tests.kg.serving import running_server  # noqa: E402

SELECT = """
const [start, end] = [arguments[0], arguments[1]];
const spans = [...document.querySelectorAll('#text [data-s]')];
const at = (n) => spans.find(s => Number(s.dataset.s) <= n && n < Number(s.dataset.e));
const range = document.createRange();
range.setStart(at(start).firstChild, start - Number(at(start).dataset.s));
range.setEnd(at(end).firstChild, end - Number(at(end).dataset.s));
getSelection().removeAllRanges();
getSelection().addRange(range);
document.getElementById('text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
"""
"""Select the text [start, end) of the reader (BMP text) and release the mouse."""


def shoot(out: Path, docs: Path, profile: str) -> None:
    """Serve the build ``out`` and save the screenshots into ``docs``."""
    db = open_index(out)
    req = db.execute(
        "SELECT document, start, \"end\" FROM requirements WHERE has_deadline AND actors != '' "
        "ORDER BY document, start LIMIT 1 OFFSET 3"
    ).fetchone()
    actor = db.execute(
        "SELECT a.iri FROM actors a JOIN requirement_actors ra ON ra.actor = a.iri "
        "WHERE a.actor_type = 'SupervisoryGroup' GROUP BY a.iri ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    with running_server(Settings(build=out, workers=1)) as served:
        d = new_driver(profile)
        try:
            d.set_window_size(1400, 900)
            base = served.base
            pages = {
                "documents": "/documents",
                "reader": span_href(req["document"], req["start"], req["end"]),
                "table": "/table/requirements?modality=obligation&has_deadline=yes",
                "actor": actor_href(actor),
            }
            for name, path in pages.items():
                d.get(base + path)
                time.sleep(1)
                d.save_screenshot(str(docs / f"workbench-{name}.png"))
            d.get(base + "/explore")
            time.sleep(1.5)  # the overview the page opens on
            d.save_screenshot(str(docs / "workbench-explore-overview.png"))
            d.find_element(By.ID, "search").send_keys("督导组")
            d.find_element(By.CSS_SELECTOR, "#search-form button").click()
            time.sleep(1)
            d.find_element(By.CSS_SELECTOR, "#results button").click()
            time.sleep(1.5)
            nodes = d.find_elements(By.CSS_SELECTOR, '#canvas g.node[data-kind="actor"]')
            if len(nodes) > 1:
                d.execute_script("arguments[0].dispatchEvent(new MouseEvent('click'))", nodes[-1])
                time.sleep(1.5)
            d.save_screenshot(str(docs / "workbench-explore.png"))
        finally:
            d.quit()
    with running_server(Settings(build=out, workers=1, allow_edits=True)) as served:
        d = new_driver(profile)
        try:
            d.set_window_size(1400, 1000)
            d.get(served.base + pages["reader"])
            time.sleep(1)
            d.save_screenshot(str(docs / "workbench-edit.png"))
            d.execute_script(SELECT, req["end"] + 2, req["end"] + 14)
            time.sleep(0.5)
            d.save_screenshot(str(docs / "workbench-edit-add.png"))
            d.get(served.base + pages["actor"])
            time.sleep(1)
            d.save_screenshot(str(docs / "workbench-edit-actor.png"))
        finally:
            d.quit()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / ".." / "shared" / "corpus" / "seeds")
    ap.add_argument("--build", type=Path, help="an existing build (default: build the seeds)")
    ap.add_argument("--docs", type=Path, default=ROOT / "docs")
    ap.add_argument("--fontconfig", type=Path, help="a fontconfig file adding a CJK font")
    args = ap.parse_args()
    if args.fontconfig:
        os.environ["FONTCONFIG_FILE"] = str(args.fontconfig)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        out = args.build
        if out is None:
            out = Path(tmp) / "out"
            build([args.seeds], out, progress=False, views=False)
        shoot(out, args.docs, str(Path(tmp) / "profile"))
    print(f"wrote {args.docs}/workbench-*.png")


if __name__ == "__main__":
    main()
