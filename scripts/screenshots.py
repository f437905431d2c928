"""Screenshots of the seeds' views for the docs: docs/graph*.png and docs/report.png.

Builds ``../shared/corpus/seeds`` into a temporary folder, opens graph.html (the
offline explore page: its overview, then 督导组 searched and expanded twice) and
report.html in headless Chromium (system chromedriver, network-free flags), and
saves the images. Chinese needs a CJK font: ``--fontconfig FILE`` points Chromium
at a fontconfig file that adds one without installing it.

Usage::

    .venv/bin/python scripts/screenshots.py [--seeds DIR] [--docs DIR] [--fontconfig F]
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

from kg.build.run import build  # noqa: E402
from tests.kg.html.conftest import new_driver, open_graph  # noqa: E402


def explore(driver, text: str) -> None:
    """Search ``text``, open the first result, then expand its last actor neighbour."""
    driver.find_element(By.ID, "search").send_keys(text)
    driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
    time.sleep(0.5)
    driver.find_element(By.CSS_SELECTOR, "#results button").click()
    time.sleep(1)
    nodes = driver.find_elements(By.CSS_SELECTOR, '#canvas g.node[data-kind="actor"]')
    if len(nodes) > 1:
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click'))", nodes[-1])
        time.sleep(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / ".." / "shared" / "corpus" / "seeds")
    ap.add_argument("--docs", type=Path, default=ROOT / "docs")
    ap.add_argument("--fontconfig", type=Path, help="a fontconfig file adding a CJK font")
    args = ap.parse_args()
    if args.fontconfig:
        os.environ["FONTCONFIG_FILE"] = str(args.fontconfig)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        out = Path(tmp) / "out"
        build([args.seeds], out, progress=False)
        driver = new_driver(str(Path(tmp) / "profile"))
        try:
            driver.set_window_size(1400, 900)
            open_graph(driver, out / "graph.html")
            driver.save_screenshot(str(args.docs / "graph.png"))
            driver.get((out / "graph.html").as_uri())
            open_graph(driver, out / "graph.html")
            explore(driver, "督导组")
            driver.save_screenshot(str(args.docs / "graph-explore.png"))
            driver.get((out / "report.html").as_uri())
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1300, min(height + 40, 4000))
            driver.save_screenshot(str(args.docs / "report.png"))
        finally:
            driver.quit()
    print(f"wrote {args.docs}/graph.png, graph-explore.png and report.png")


if __name__ == "__main__":
    main()
