"""Page weight: the median and largest HTML page of the built guide, and how much of a page
is its navigation.

Builds the guide (``mkdocs build``, into benchmarks/.work/page-size) unless ``--site DIR``
names a site built already, then prints the number of HTML pages, the median and maximum
page size in KB (1 KB = 1,000 bytes, as written to disk, before any compression), the
largest pages, and the median share of a page taken by the primary sidebar (the
navigation Material writes into every page).

Usage: python benchmarks/page_size.py [--site DIR] [--top 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work" / "page-size"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Material writes the primary sidebar as one <div class="md-sidebar md-sidebar--primary">
# holding the navigation; the secondary sidebar (this page's table of contents) follows it.
SIDEBAR = re.compile(r'<div class="md-sidebar md-sidebar--primary".*?'
                     r'(?=<div class="md-sidebar md-sidebar--secondary")', re.S)


def build(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site_dir)], capture_output=True, text=True, env=ENV)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")


def page_sizes(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Site path -> (bytes of the page, bytes of its primary sidebar)."""
    sizes = {}
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        sidebar = SIDEBAR.search(html)
        sizes[page.relative_to(site_dir).as_posix()] = (
            len(html.encode("utf-8")), len(sidebar.group(0).encode("utf-8")) if sidebar else 0)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the guide)")
    parser.add_argument("--top", type=int, default=5, help="how many of the largest to list")
    args = parser.parse_args()
    site_dir = args.site
    if site_dir is None:
        site_dir = WORK
        build(site_dir)
    sizes = page_sizes(site_dir)
    if not sizes:
        raise SystemExit(f"no HTML pages under {site_dir}")
    totals = [total for total, _ in sizes.values()]
    shares = [nav / total for total, nav in sizes.values() if total]
    print(f"pages: {len(sizes)}")
    print(f"page HTML: median {statistics.median(totals) / 1000:.1f} KB, "
          f"max {max(totals) / 1000:.1f} KB")
    print(f"navigation (primary sidebar): median {statistics.median(shares):.0%} of a page")
    print("largest:")
    for path, (total, _) in sorted(sizes.items(), key=lambda kv: -kv[1][0])[: args.top]:
        print(f"  {total / 1000:8.1f} KB  {path}")


if __name__ == "__main__":
    main()
