"""How long the reader-view gate (tests/gates/readerview.py) takes over the whole guide.

Builds the guide unless ``--site DIR`` names a built one, serves it on 127.0.0.1, and runs
the gate at 1366 px and 390 px in headless Chromium (``/usr/bin/chromium`` or
``$GUIDEKIT_CHROMIUM``), one context per width and two pages pipelined, as the test does.
Prints the pages, the seconds per width and per page, the machine's load average before
and after (the gate shares two cores with whatever else runs), and the findings per rule.

Usage: python benchmarks/reader_view.py [--site DIR] [--widths 1366,390]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.page_size import WORK, build  # noqa: E402
from tests.gates import CHROMIUM_ARGS, CHROMIUM_PATH, html_pages, page_url  # noqa: E402
from tests.gates.readerview import GUIDE_MANUAL, reader_findings  # noqa: E402
from tests.gates.serve import serve_directory  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the guide)")
    parser.add_argument("--widths", default="1366,390")
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = WORK
        build(site)
    from playwright.sync_api import sync_playwright

    print(f"load average before: {os.getloadavg()[0]:.1f}")
    rules: Counter[str] = Counter()
    with serve_directory(site, "/system-design-guide/", cache=True) as base, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH),
                                             args=CHROMIUM_ARGS)
        urls = [page_url(base, site, html) for html in html_pages(site)]
        for width in (int(w) for w in args.widths.split(",")):
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          reduced_motion="reduce", service_workers="block")
            start = time.perf_counter()
            found = reader_findings([context.new_page(), context.new_page()], urls, width,
                                    manual_prefixes=GUIDE_MANUAL, base_url=base)
            elapsed = time.perf_counter() - start
            rules.update(f.rule for f in found)
            print(f"{width} px: {len(urls)} pages in {elapsed:.1f} s "
                  f"({elapsed / len(urls) * 1000:.0f} ms a page)")
            context.close()
        browser.close()
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print("findings: " + (", ".join(f"{rule} {n}" for rule, n in rules.most_common()) or "none"))


if __name__ == "__main__":
    main()
