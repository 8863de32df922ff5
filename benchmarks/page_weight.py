"""Page weight of guidekit's own browser files: the JS + CSS (gzipped) each page of a built
site loads from ``assets/guidekit/``.

A page loads the scripts and stylesheets its HTML lists under ``assets/guidekit/`` (in the
head, or carried in the content for instant navigation) and, for each widget root
(``data-gk="kind"``), the bundle the site's settings (``window.GuidekitConfig.modules`` in
``guidekit-formulas.js``) name for that kind, and the items' own files (a calculator's
formulas) its roots name in ``data-gk-needs``. Each file is counted once per page, gzipped
at level 9 (as a static server would send it; 1 KB = 1,000 bytes).

Prints the weight of a page without widgets (``--plain``, default the first technology
page without one), the heaviest page, the median over all pages, and the heaviest pages with what
they load. Builds the guide (into benchmarks/.work/page-weight) unless ``--site DIR`` names
a site built already.

Usage: python benchmarks/page_weight.py [--site DIR] [--plain technologies/kafka/index.html]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugin"))

from guidekit.bundles import needed_files, widget_kinds  # noqa: E402  (the build's own scans)

WORK = ROOT / "benchmarks" / ".work" / "page-weight"
ASSETS = "assets/guidekit/"
LISTED = re.compile(r"""<(?:script|link)\b[^>]*?(?:src|href)="([^"]*assets/guidekit/"""
                    r"""[^"?#]+\.(?:js|css))""")
MODULES = re.compile(r'"modules":\s*(\{[^{}]*\})')


def build(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site_dir)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")


def modules_of(site_dir: Path) -> dict[str, str]:
    """Widget kind -> the bundle the core fetches for it."""
    config = site_dir / ASSETS / "guidekit-formulas.js"
    found = MODULES.search(config.read_text(encoding="utf-8")) if config.is_file() else None
    return json.loads(found.group(1)) if found else {}


def page_files(html: str, modules: dict[str, str]) -> set[str]:
    """The names of the files under assets/guidekit/ that the page loads."""
    files = {url.rsplit(ASSETS, 1)[1] for url in LISTED.findall(html)}
    files.update(modules[kind] for kind in widget_kinds(html) if kind in modules)
    files.update(needed_files(html))  # an item's own file (a calculator's formulas)
    return files


# One page of each kind of the guide (issue 24's targets: <= 4 KB without widgets, <= 10 KB
# with one), by the widget or part it holds; a site without one of them skips it.
KINDS = {
    "chapter": "design-philosophy/index.html",
    "decision": "decisions/database-selection/index.html",
    "checklist": "checklists/requirements/index.html",
    "matrix": "matrices/databases/index.html",
    "calculator": "calculators/capacity/index.html",
    "flashcards": "flashcards/targets/index.html",
    "drill": "drills/storage/index.html",
    "worksheet": "worksheets/design/index.html",
    "template": "industry-templates/ecommerce/index.html",
}


def first_plain(site_dir: Path) -> str:
    """The first technology page holding no widget (every page has its reading marker)."""
    for page in sorted(site_dir.glob("technologies/*/index.html")):
        if set(widget_kinds(page.read_text(encoding="utf-8"))) <= {"reading"}:
            return page.relative_to(site_dir).as_posix()
    return ""


def weigh(site_dir: Path) -> dict[str, tuple[int, list[str]]]:
    """Site path of each page -> (gzipped bytes of our JS + CSS it loads, those files)."""

    @cache
    def gzipped(name: str) -> int:
        path = site_dir / ASSETS / name
        return len(gzip.compress(path.read_bytes(), 9)) if path.is_file() else 0

    modules = modules_of(site_dir)
    weights = {}
    for page in sorted(site_dir.rglob("*.html")):
        files = sorted(page_files(page.read_text(encoding="utf-8"), modules))
        weights[page.relative_to(site_dir).as_posix()] = (sum(map(gzipped, files)), files)
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the guide)")
    parser.add_argument("--plain", default=None,
                        help="a page without widgets (site path of its HTML file; default: the "
                             "first technology page whose only root is the reading marker)")
    parser.add_argument("--top", type=int, default=5, help="how many of the heaviest to list")
    args = parser.parse_args()
    site_dir = args.site
    if site_dir is None:
        site_dir = WORK
        build(site_dir)
    weights = weigh(site_dir)
    plain = args.plain or first_plain(site_dir)
    if not weights:
        raise SystemExit(f"no HTML pages under {site_dir}")

    def line(label: str, path: str) -> str:
        total, files = weights[path]
        return f"{label}: {total / 1000:.1f} KB  {path}  ({', '.join(files)})"

    totals = [total for total, _ in weights.values()]
    print(f"guidekit JS + CSS per page, gzipped, over {len(weights)} pages")
    if plain in weights:
        print(line("page without widgets", plain))
    heaviest = sorted(weights, key=lambda p: -weights[p][0])
    print(line("heaviest", heaviest[0]))
    print(f"median: {statistics.median(totals) / 1000:.1f} KB")
    print("heaviest pages:")
    for path in heaviest[: args.top]:
        print(f"  {weights[path][0] / 1000:6.1f} KB  {path}")
    print("one page of each kind (KB gzipped, then each file):")
    for kind, path in KINDS.items():
        if path in weights:
            total, files = weights[path]
            print(f"  {kind:<11}{total / 1000:5.1f}  {path}  ({', '.join(files)})")


if __name__ == "__main__":
    main()
