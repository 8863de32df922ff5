"""What the exports cost: the guide built with ``export.guide_json`` and ``export.llms_txt`` on
and off (median wall time of full builds, alternated), and the sizes of the files written.

Usage: python benchmarks/export.py [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
FILES = ("guide.json", "guide.schema.json", "llms.txt", "llms-full.txt")


def timed_build(site_dir: Path, exports: bool) -> float:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    options = config.plugins["guidekit"].config
    options.export.guide_json = exports
    options.export.llms_txt = exports
    started = time.perf_counter()
    build(config)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.disable(logging.WARNING)
    times: dict[bool, list[float]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        timed_build(site, True)  # warm-up: imports, caches
        for _ in range(args.runs):
            for exports in (False, True):
                times[exports].append(timed_build(site, exports))
        off, on = statistics.median(times[False]), statistics.median(times[True])
        print(f"guide build, exports off: {off:.2f} s, on: {on:.2f} s "
              f"(+{on - off:.2f} s, median of {args.runs})")
        for name in FILES:
            data = (site / name).read_bytes()
            print(f"{name}: {len(data) / 1024:.0f} KB, {len(gzip.compress(data)) / 1024:.0f} KB "
                  "gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
