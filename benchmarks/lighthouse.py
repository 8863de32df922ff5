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

Lighthouse comes from the npm registry at a pinned version into ``.cache/lighthouse`` (outside
git), installed on the first run; Chromium is Debian's (``$CHROME_PATH``, default
/usr/bin/chromium). Lighthouse is CPU-heavy: run it with ``nice`` on a shared machine.

Usage: python benchmarks/lighthouse.py [--site DIR] [--runs 3] [--page PATH ...] [--json DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
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


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files under URL path ``prefix``, text gzipped when the client accepts it."""

    prefix = "/"
    _cache: ClassVar[dict[Path, bytes]] = {}
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
        body = self._gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)

    @classmethod
    def _gzipped(cls, path: Path) -> bytes:
        with cls._lock:
            if path not in cls._cache:
                # Level 6, as nginx and most hosts compress on the fly.
                cls._cache[path] = gzip.compress(path.read_bytes(), 6)
            return cls._cache[path]

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
    )


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to audit (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median printed)")
    parser.add_argument("--page", action="append", choices=sorted(PAGES),
                        help="audit only this kind of page (repeatable)")
    parser.add_argument("--json", type=Path, help="keep Lighthouse's JSON reports here")
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
    try:
        for kind in args.page or list(PAGES):
            runs = [run_lighthouse(base + PAGES[kind], reports / f"{kind}-{i}.json")
                    for i in range(args.runs)]
            score, cls, lcp, tbt, fcp = (
                statistics.median(getattr(a, name) for a in runs)
                for name in ("score", "cls", "lcp_ms", "tbt_ms", "fcp_ms")
            )
            worst = min(worst, score)
            each = ", ".join(f"{a.score:.0f}/{a.cls:.3f} @{a.load:.1f}" for a in runs)
            print(f"{kind:11s} {score:5.0f} {cls:6.3f} {lcp / 1000:6.2f} {tbt:7.0f} "
                  f"{fcp / 1000:6.2f}   {each}", flush=True)
            last = runs[-1]
            if last.shifts:
                print(f"{'':11s} shifted: {'; '.join(last.shifts[:3])}")
            if last.lcp_element:
                print(f"{'':11s} largest paint: {last.lcp_element}")
    finally:
        httpd.shutdown()
    if not args.json:
        shutil.rmtree(reports, ignore_errors=True)
    print(f"\nlowest score {worst:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
