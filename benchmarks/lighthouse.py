"""Lighthouse mobile audit: one page of each kind of the guide, served gzipped from this machine.

Builds the guide (``mkdocs build``, into benchmarks/.work/lighthouse) unless ``--site DIR``
names a site built already, serves it from 127.0.0.1 under the path of ``site_url`` with
``Content-Encoding: gzip`` (as any real host sends it), and runs Lighthouse's performance
category with its defaults: a phone (Moto G Power, 412 px) on simulated slow 4G with a 4x
slower CPU. Pages run one after the other, each in a fresh headless Chromium.

Prints per page: the performance score (0-100), cumulative layout shift, largest contentful
paint, total blocking time and first contentful paint; the median of ``--runs`` runs per page
(each run's figures too, with the machine's load average when it started). ``--json DIR``
keeps Lighthouse's full reports.

A run is *held* when the page had loaded before Chromium painted anything (observed first
paint after the load event: these pages' content is in their HTML, so nothing of theirs waits
for the load): Chromium's compositor then withholds frames from the page for up to a second
or two ("ThrottleUnresponsiveClient", GoogleChrome/lighthouse#17148 and #17230, open; seen on
PageSpeed Insights too, never in a browser a reader uses), and Lantern turns the late paint
into a largest paint seconds later. Held runs are marked ``*``; each page's line gives the
median of all runs and of the runs not held.

``--floor`` audits each page a second time, run for run (page, floor, page, floor, ...), as
the same HTML without guidekit's scripts and stylesheets (every ``<script>`` and ``<link>``
into assets/guidekit/ taken out as it is served): the theme and the content alone, so the
difference is what guidekit's files cost on this machine, whose speed moves both alike.

Lighthouse comes from the npm registry at a pinned version into ``.cache/lighthouse`` (outside
git), installed on the first run; Chromium is Debian's (``$CHROME_PATH``, default
/usr/bin/chromium). Lighthouse is CPU-heavy: run it with ``nice`` on a shared machine.

Usage: python benchmarks/lighthouse.py [--site DIR] [--runs 3] [--page KIND ...] [--json DIR]
                                      [--floor]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# One launch recipe for tests and benchmarks; one reading of site_url.
from tests.gates.browser import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402
from tests.gates.build import site_base_path  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"  # the 12.2 line runs on Node 18 and 20
CACHE = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = CACHE / "node_modules" / ".bin" / "lighthouse"
WORK = ROOT / "benchmarks" / ".work" / "lighthouse"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# One page of each kind (paths under the site's base path).
PAGES = {
    "home": "",
    "chapter": "non-functional-requirements/",
    "template": "industry-templates/ecommerce/",
    "technology": "technologies/kafka/",
    "matrix": "matrices/databases/",
    "calculator": "calculators/capacity/",
    "flashcards": "flashcards/databases/",
}
# Text worth compressing; images and fonts are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest")


# The query that asks for a page without guidekit's files (--floor), and those files' tags.
FLOOR_QUERY = "gk-floor"
GUIDEKIT_TAGS = re.compile(r"""<(?:script\b[^>]*\bsrc|link\b[^>]*\bhref)="[^"]*assets/guidekit/"""
                           r"""[^"]*"[^>]*>(?:</script>)?""")


def without_guidekit(html: str) -> str:
    """A built page as the theme alone serves it: guidekit's script and link tags removed."""
    return GUIDEKIT_TAGS.sub("", html)


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files under URL path ``prefix``, text gzipped when the client accepts it; an
    HTML page asked for with ``?gk-floor`` comes without guidekit's files."""

    prefix = "/"
    _cache: ClassVar[dict[tuple[Path, bool], bytes]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not (clean + "/").startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-base-path")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the standard redirect to the slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        floor = path.suffix == ".html" and FLOOR_QUERY in self.path.partition("?")[2]
        body = self._gzipped(path, floor)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)

    @classmethod
    def _gzipped(cls, path: Path, floor: bool = False) -> bytes:
        key = (path, floor)
        with cls._lock:
            if key not in cls._cache:
                data = path.read_bytes()
                if floor:
                    data = without_guidekit(data.decode("utf-8")).encode("utf-8")
                # Level 6, as nginx and most hosts compress on the fly.
                cls._cache[key] = gzip.compress(data, 6)
            return cls._cache[key]

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site: Path, base_path: str) -> tuple[ThreadingHTTPServer, str]:
    handler = type("Handler", (GzipHandler,), {"prefix": base_path, "_cache": {}})
    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: handler(*a, directory=str(site))  # type: ignore[arg-type]
    )
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{base_path}"


def install_lighthouse() -> None:
    """npm install of the pinned Lighthouse into .cache/lighthouse, once."""
    stamp = CACHE / f".lighthouse-{LIGHTHOUSE_VERSION}"
    if LIGHTHOUSE.exists() and stamp.exists():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit("npm is needed to install Lighthouse (it comes from the npm registry)")
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE.relative_to(ROOT)} ...")
    subprocess.run([npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund",
                    "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    stamp.touch()


def build(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f",
         str(ROOT / "mkdocs.yml"), "-d", str(site)], capture_output=True, text=True, env=ENV)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")


@dataclass(frozen=True)
class Audit:
    score: float  # 0-100
    cls: float
    lcp_ms: float
    tbt_ms: float
    fcp_ms: float
    load: float  # 1-minute load average when the run started
    shifts: list[str]  # the elements Lighthouse names for the layout shifts
    lcp_element: str
    held: bool  # Chromium painted only after the load event (see the module's docstring)


def run_lighthouse(url: str, report: Path) -> Audit:
    load = os.getloadavg()[0]
    chrome = os.environ.get("CHROME_PATH", str(CHROMIUM_PATH))
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
         f"--output-path={report}", "--quiet", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome},
    )
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    score = data["categories"]["performance"]["score"]
    if score is None:
        raise SystemExit(f"lighthouse scored nothing on {url}: {data.get('runtimeError')}")

    def value(name: str) -> float:
        return float(audits[name].get("numericValue") or 0.0)

    return Audit(
        score=round(score * 100),
        cls=value("cumulative-layout-shift"),
        lcp_ms=value("largest-contentful-paint"),
        tbt_ms=value("total-blocking-time"),
        fcp_ms=value("first-contentful-paint"),
        load=load,
        shifts=_items(audits.get("layout-shifts", {})),
        lcp_element=next(iter(_items(audits.get("largest-contentful-paint-element", {}))), ""),
        held=_held(audits),
    )


def _held(audits: dict[str, Any]) -> bool:
    """Did the page load before Chromium painted it (observed, not simulated, times)?"""
    items = audits.get("metrics", {}).get("details", {}).get("items") or [{}]
    observed = items[0]
    paint, load = observed.get("observedFirstPaint"), observed.get("observedLoad")
    return paint is not None and load is not None and paint > load


def _items(audit: dict[str, Any]) -> list[str]:
    """The elements an audit's details name (Lighthouse nests them in tables of tables)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "node" and node.get("selector"):
                found.append(node["selector"])
                return
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(audit.get("details", {}))
    return found


def print_row(label: str, runs: list[Audit]) -> tuple[float, float | None]:
    """One line of medians and each run's score (``*``: held), then the median of the runs
    not held if any was; returns both median scores (None: every run held)."""
    each = ", ".join(f"{a.score:.0f}{'*' if a.held else ''}/{a.cls:.3f} @{a.load:.1f}"
                     for a in runs)
    score = _print_medians(label, runs, each)
    free = [a for a in runs if not a.held]
    if len(free) == len(runs):
        return score, score
    if not free:
        print(f"{'':11s} every run held", flush=True)
        return score, None
    return score, _print_medians("  not held", free, f"{len(free)} of {len(runs)} runs")


def _print_medians(label: str, runs: list[Audit], note: str) -> float:
    """One line: the median score, CLS, LCP, TBT and FCP of ``runs``; returns the score."""
    score, cls, lcp, tbt, fcp = (
        statistics.median(getattr(a, name) for a in runs)
        for name in ("score", "cls", "lcp_ms", "tbt_ms", "fcp_ms")
    )
    print(f"{label:11s} {score:5.0f} {cls:6.3f} {lcp / 1000:6.2f} {tbt:7.0f} "
          f"{fcp / 1000:6.2f}   {note}", flush=True)
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to audit (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median printed)")
    parser.add_argument("--page", action="append", choices=sorted(PAGES),
                        help="audit only this kind of page (repeatable)")
    parser.add_argument("--json", type=Path, help="keep Lighthouse's JSON reports here")
    parser.add_argument("--floor", action="store_true",
                        help="audit each page without guidekit's files too, run for run")
    args = parser.parse_args()

    install_lighthouse()
    site = args.site
    if site is None:
        site = WORK / "site"
        print("building the guide ...", flush=True)
        build(site)
    base_path = site_base_path(ROOT / "mkdocs.yml")
    httpd, base = serve(site, base_path)
    reports = args.json or Path(tempfile.mkdtemp(prefix="gk-lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile (simulated slow 4G, 4x CPU slowdown), "
          f"site gzipped from {base}; {os.cpu_count()} CPUs; median of {args.runs} runs\n")
    print(f"{'page':11s} {'score':>5s} {'CLS':>6s} {'LCP s':>6s} {'TBT ms':>7s} {'FCP s':>6s}"
          "   runs (score/CLS, load average)")
    worst = 100.0
    worst_free: float | None = None
    audited: list[Audit] = []
    audited_floors: list[Audit] = []
    all_held: list[str] = []
    try:
        for kind in args.page or list(PAGES):
            runs, floors = [], []
            for i in range(args.runs):
                runs.append(run_lighthouse(base + PAGES[kind], reports / f"{kind}-{i}.json"))
                if args.floor:
                    floors.append(run_lighthouse(f"{base}{PAGES[kind]}?{FLOOR_QUERY}",
                                                 reports / f"{kind}-floor-{i}.json"))
            score, free = print_row(kind, runs)
            audited.extend(runs)
            audited_floors.extend(floors)
            worst = min(worst, score)
            if free is None:
                all_held.append(kind)
            else:
                worst_free = free if worst_free is None else min(worst_free, free)
            if floors:
                floor, _ = print_row("  floor", floors)
                diffs = sorted(a.score - b.score for a, b in zip(runs, floors, strict=True))
                print(f"{'':11s} guidekit - floor, run for run: median "
                      f"{statistics.median(diffs):+.0f} (from {diffs[0]:+.0f} to {diffs[-1]:+.0f});"
                      f" medians {score - floor:+.0f}", flush=True)
            last = runs[-1]
            if last.shifts:
                print(f"{'':11s} shifted: {'; '.join(last.shifts[:3])}")
            if last.lcp_element:
                print(f"{'':11s} largest paint: {last.lcp_element}")
    finally:
        httpd.shutdown()
    if not args.json:
        shutil.rmtree(reports, ignore_errors=True)
    # With every run of every page held, there is no figure to give: "none", not a made-up 100.
    not_held = "none" if worst_free is None else f"{worst_free:.0f}"
    print(f"\nlowest score {worst:.0f}; over the runs not held {not_held}"
          + (f" (every run held: {', '.join(all_held)})" if all_held else ""))
    held = f"held runs: {sum(a.held for a in audited)} of {len(audited)}"
    if audited_floors:
        held += f", floor {sum(a.held for a in audited_floors)} of {len(audited_floors)}"
    print(held)
    return 0


if __name__ == "__main__":
    sys.exit(main())
