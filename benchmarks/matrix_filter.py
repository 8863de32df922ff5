"""Benchmark: the comparison matrix on a 5,000-row table in headless Chromium.

Builds a synthetic MkDocs site (Material theme, offline) with one interactive table of
5,000 rows, serves it on 127.0.0.1 and measures inside the page with ``performance.now()``:

* init: the matrix widget's ``init(root)`` (reading rows, building controls, first render),
  median of ``--starts`` page loads, and the layout shift of a load (Chromium's
  ``PerformanceObserver``, from DOMContentLoaded on, as tests/browser/test_layout_shift.py);
* the first keystroke when the page had no idle time to read its rows (the widget reads
  cell texts, sort keys and facets in idle time after starting, or on the first need);
* per keystroke: realistic queries typed one character at a time; for each character the
  ``input`` handler (filter + facet counts + render of the visible window), the same plus a
  forced style/layout, the time until the next frame has been produced, and the layout of
  the rows of a new window past the first 20, which the widget lays out a frame later;
* sort: the first click on a size column (computes the order), the reverse, and a cached sort;
* the gzipped size of the site's whole ``guidekit.js`` + ``guidekit.css``.

Ends with a summary line (start median, keystroke filter + layout p95) and the machine's load
average at the start and the end: on a shared machine, read the figures with it.

Run from the repository root: ``.venv/bin/python benchmarks/matrix_filter.py [--rows N]``.
Not a pytest test. Needs Debian's Chromium at /usr/bin/chromium (or $GUIDEKIT_CHROMIUM).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# One launch recipe for tests and benchmarks.
from tests.gates.browser import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.gates.layout_shift import OBSERVER_SCRIPT, measure_layout_shift

CHROMIUM = str(CHROMIUM_PATH)
QUERIES = ["write heavy", "petabytes", "cassandra 42", "caché", "zzz no match"]
VOCABULARY = (
    "write heavy read mostly cache session queue stream graph search analytics ledger "
    "document wide column key value time series vector embedding replica shard region "
    "latency throughput durable eventual strong consistent schema flexible join index"
)
SIZES = ["10GB", "100GB", "1TB", "10TB", "100TB", "Petabytes", "500MB", "2PB", ""]
FAMILIES = [
    "Relational",
    "Document",
    "Key-Value",
    "Wide Column",
    "Graph",
    "Search",
    "Time-Series",
    "Vector",
    "Ledger",
    "Object",
]
NAMES = ["Cassandra", "Postgres", "Redis", "Mongo", "Neo", "Influx", "Scylla", "Milvus"]


def write_site(project: Path, rows: int, seed: int = 7) -> None:
    """A Material site with one page embedding a ``rows``-row interactive table."""
    rnd = random.Random(seed)
    words = VOCABULARY.split()
    (project / "docs").mkdir(parents=True)
    (project / "data").mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: Matrix benchmark\n"
        "theme: {name: material, font: false}\n"
        "plugins: [guidekit: {data_dir: data, nav: false, pages: {matrices: ''}}]\n"
        "nav: [Big: index.md]\n",
        encoding="utf-8",
    )
    (project / "docs" / "index.md").write_text(
        "# Big matrix\n\n```guidekit\nmatrix: big\n```\n", encoding="utf-8"
    )
    out = [
        "tables:",
        "  - id: big",
        "    title: Big table",
        "    interactive: true",
        "    columns:",
        "      - {id: name, label: Name, header: true}",
        "      - {id: best_for, label: Best for}",
        "      - {id: avoid, label: Avoid when}",
        "      - {id: scale, label: Scale, sort: size}",
        "      - {id: family, label: Family, facet: true}",
        "      - {id: acid, label: ACID, facet: true}",
        "      - {id: notes, label: Notes}",
        "    rows:",
    ]

    def text(n: int) -> str:
        return " ".join(rnd.choice(words) for _ in range(n)).capitalize()

    for i in range(rows):
        name = f"{rnd.choice(NAMES)} {i}"
        notes = text(6) + (" — caché" if i % 97 == 0 else "")
        out.append(f"      - id: r{i}")
        out.append(
            f'        cells: {{name: "{name}", best_for: "{text(4)}", avoid: "{text(3)}", '
            f'scale: "{rnd.choice(SIZES)}", family: "{rnd.choice(FAMILIES)}", '
            f'acid: "{rnd.choice(["Yes", "No"])}", notes: "{notes}"}}'
        )
    (project / "data" / "big.yml").write_text("\n".join(out) + "\n", encoding="utf-8")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


# Wraps GK.register before the bundle runs, to time the matrix's init(root).
HOOK_INIT = """
(() => {
  let real;
  Object.defineProperty(window, 'GK', {
    configurable: true,
    get() { return real; },
    set(gk) {
      const register = gk.register;
      gk.register = (kind, init) => register(kind, kind !== 'matrix' ? init : (root) => {
        const t0 = performance.now();
        init(root);
        window.__gkInit = performance.now() - t0;
        root.getBoundingClientRect();
        window.__gkInitLayout = performance.now() - t0;
      });
      real = gk;
    },
  });
})();
"""

# Types `query` one character at a time; per character: [handler, +layout, to next frame,
# the rows the widget lays out a frame later (past the first 20 of a new window), laid out].
TYPE_QUERY = """
async (query) => {
  const input = document.querySelector('[data-gk-filter]');
  const table = document.querySelector('[data-gk-table]');
  const frame = () => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  }));
  const out = [];
  for (let i = 1; i <= query.length; i++) {
    await frame();
    input.value = query.slice(0, i);
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
    const t1 = performance.now();
    table.getBoundingClientRect();
    const t2 = performance.now();
    const t3 = await frame();
    const later = () => table.querySelector('tr.gk-matrix__later');
    while (later()) await new Promise((done) => setTimeout(done, 0));
    const t4 = performance.now();
    table.getBoundingClientRect();
    out.push([t1 - t0, t2 - t0, t3 - t0, performance.now() - t4]);
  }
  input.value = '';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  return {times: out, status: document.querySelector('[data-gk-status]').textContent};
}
"""

# Reference: the naive filter (toggle `hidden` on every row) on the same page without guidekit.
NAIVE_QUERY = """
async (query) => {
  const rows = [...document.querySelectorAll('tbody tr')];
  const texts = rows.map((r) => r.textContent.toLowerCase());
  const out = [];
  for (let i = 1; i <= query.length; i++) {
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    const terms = query.slice(0, i).split(/\\s+/).filter(Boolean);
    const t0 = performance.now();
    rows.forEach((r, j) => { r.hidden = !terms.every((t) => texts[j].includes(t)); });
    document.body.getBoundingClientRect();
    out.push(performance.now() - t0);
  }
  return out;
}
"""

CLICK_SORT = """
(col) => {
  const button = document.querySelector(`th[data-gk-col="${col}"] button`);
  const t0 = performance.now();
  button.click();
  const t1 = performance.now();
  document.querySelector('[data-gk-table]').getBoundingClientRect();
  return [t1 - t0, performance.now() - t0];
}
"""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3, help="times each query is typed")
    parser.add_argument("--starts", type=int, default=5, help="page loads timed for init")
    parser.add_argument("--keep", help="build the site into this folder and keep it")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="gk-bench-") as tmp:
        project = Path(tmp) / "project"
        site = Path(args.keep) if args.keep else Path(tmp) / "site"
        write_site(project, args.rows)
        started = time.perf_counter()
        build = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(project / "mkdocs.yml"),
                "-d",
                str(site),
            ],
            capture_output=True,
            text=True,
        )
        if build.returncode:
            print(build.stdout + build.stderr, file=sys.stderr)
            return 1
        load_before = os.getloadavg()[0]
        print(
            f"site: {args.rows} rows, built in {time.perf_counter() - started:.1f} s; "
            f"load average {load_before:.1f} on {os.cpu_count()} CPUs"
        )

        sizes = {}
        for name in ("guidekit.js", "guidekit.css"):
            raw = (site / "assets" / "guidekit" / name).read_bytes()
            sizes[name] = (len(raw), len(gzip.compress(raw, 9)))
        total = sum(z for _, z in sizes.values())
        for name, (raw_size, gz) in sizes.items():
            print(f"{name}: {raw_size} B raw, {gz} B gzip -9")
        print(f"bundle guidekit.js + guidekit.css: {total} B gzipped ({total / 1024:.2f} KiB)")

        httpd, base = serve(site)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.add_init_script(HOOK_INIT)
                inits, laid = [], []
                for _ in range(args.starts):
                    page.goto(base)
                    page.wait_for_function("window.__gkInit !== undefined")
                    inits.append(page.evaluate("window.__gkInit"))
                    laid.append(page.evaluate("window.__gkInitLayout"))
                print(
                    f"init(root) on {args.rows} rows: median {statistics.median(inits):.1f} ms "
                    f"(runs: {', '.join(f'{t:.1f}' for t in inits)}); with the style and layout "
                    f"after it: median {statistics.median(laid):.1f} ms"
                )
                page_mb = (site / "index.html").stat().st_size / 1e6
                loaded = page.evaluate(
                    "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                )
                print(
                    f"for scale: the page itself ({page_mb:.1f} MB of HTML) reached "
                    f"DOMContentLoaded at {loaded:.0f} ms"
                )
                print("status after init:", page.text_content("[data-gk-status]"))
                shift = first_keystroke = 0.0
                for idle in (True, False):
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    context.add_init_script(OBSERVER_SCRIPT)
                    if not idle:
                        context.add_init_script("window.requestIdleCallback = () => 0;")
                    probe = context.new_page()
                    if idle:
                        shift = measure_layout_shift(probe, base).widgets
                    else:
                        probe.goto(base)
                        probe.wait_for_selector("[data-gk-ready] [data-gk-filter]")
                        first_keystroke = probe.evaluate(TYPE_QUERY, "w")["times"][0][1]
                    context.close()
                print(f"layout shift while starting: {shift:.4f}")
                print(
                    "first keystroke with no idle time before it (reads every row first, "
                    f"+ layout): {first_keystroke:.1f} ms"
                )

                handler, layout, frame, rest = [], [], [], []
                for query in QUERIES * args.rounds:
                    result = page.evaluate(TYPE_QUERY, query)
                    for a, b, c, d in result["times"]:
                        handler.append(a)
                        layout.append(b)
                        frame.append(c)
                        rest.append(d)
                n = len(handler)
                print(f"per keystroke over {n} keystrokes ({', '.join(map(repr, QUERIES))}):")
                for label, values in (
                    ("input handler (filter+counts+render)", handler),
                    ("handler + style/layout", layout),
                    ("until the next frame is produced", frame),
                    ("the rest of the window, a frame later", rest),
                ):
                    print(
                        f"  {label:38s} median {statistics.median(values):6.2f} ms   "
                        f"p95 {pct(values, 0.95):6.2f} ms   max {max(values):6.2f} ms"
                    )

                first = page.evaluate(CLICK_SORT, "scale")
                reverse = page.evaluate(CLICK_SORT, "scale")
                text = page.evaluate(CLICK_SORT, "name")
                cached = page.evaluate(CLICK_SORT, "scale")
                print("sort (click handler / + layout):")
                for label, (a, b) in (
                    ("size column, first (computes order)", first),
                    ("size column, reversed", reverse),
                    ("text column (collator, numeric)", text),
                    ("size column again (cached order)", cached),
                ):
                    print(f"  {label:38s} {a:6.2f} ms / {b:6.2f} ms")
                naive_page = browser.new_page(viewport={"width": 1280, "height": 800})
                naive_page.route("**/guidekit.js", lambda route: route.fulfill(body=""))
                naive_page.goto(base)
                naive = [t for q in QUERIES for t in naive_page.evaluate(NAIVE_QUERY, q)]
                print(
                    f"reference, toggling `hidden` on all {args.rows} rows (no guidekit): "
                    f"median {statistics.median(naive):.1f} ms, p95 {pct(naive, 0.95):.1f} ms "
                    "(filter + layout per keystroke)"
                )
                print(
                    f"\nsummary, {args.rows} rows: start (init + layout) median "
                    f"{statistics.median(laid):.1f} ms; keystroke filter + layout p95 "
                    f"{pct(layout, 0.95):.1f} ms (median {statistics.median(layout):.1f}), "
                    f"the rest of the window a frame later p95 {pct(rest, 0.95):.1f} ms; "
                    f"load average {load_before:.1f} -> {os.getloadavg()[0]:.1f} "
                    f"on {os.cpu_count()} CPUs"
                )
                if errors:
                    print("PAGE ERRORS:", *errors, sep="\n  ")
                    return 1
                browser.close()
        finally:
            httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
