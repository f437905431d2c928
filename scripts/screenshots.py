"""Screenshots of the seeds' views for the docs: docs/graph.png and docs/report.png.

Builds ``../shared/corpus/seeds`` into a temporary folder, opens graph.html and
report.html in headless Chromium (system chromedriver, network-free flags),
clicks a node so the side panel shows its quotes, and saves the images.

Usage::

    .venv/bin/python scripts/screenshots.py [--seeds DIR] [--docs DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build.run import build  # noqa: E402
from tests.kg.html.conftest import new_driver, open_graph  # noqa: E402
from tests.kg.html.test_browser import click_node  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / ".." / "shared" / "corpus" / "seeds")
    ap.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        out = Path(tmp) / "out"
        build([args.seeds], out, progress=False)
        driver = new_driver(str(Path(tmp) / "profile"))
        try:
            driver.set_window_size(1400, 900)
            open_graph(driver, out / "graph.html")
            driver.execute_script("network.fit({animation: false})")
            label = driver.execute_script(
                "const d = JSON.parse(document.getElementById('kg-data').textContent).nodes;"
                "const a = Object.values(d).filter(n => n.kind === 'actor')"
                ".sort((x, y) => y.nquotes - x.nquotes)[0];"
                "return a ? a.label : Object.values(d)[0].label;"
            )
            click_node(driver, label)
            driver.execute_script("network.fit({animation: false})")
            driver.save_screenshot(str(args.docs / "graph.png"))
            driver.get((out / "report.html").as_uri())
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1300, min(height + 40, 4000))
            driver.save_screenshot(str(args.docs / "report.png"))
        finally:
            driver.quit()
    print(f"wrote {args.docs / 'graph.png'} and {args.docs / 'report.png'}")


if __name__ == "__main__":
    main()
