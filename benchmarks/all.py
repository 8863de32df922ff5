"""Every figure of issue 24 in one run: the build's cost against its floor (1x, 10x, 100x and
`mkdocs serve`), our JS + CSS per page, the matrix on 5,000 rows, and a phone audit of one
page of each kind.

Runs, one after the other (never side by side: each is timed), the scripts beside this one:
build.py, page_weight.py (which builds the guide, then audited by lighthouse.py),
matrix_filter.py and lighthouse.py, each printing its own figures under a heading with the
machine's load average when it started and its wall time. Run it on a quiet machine: the
build ratios hold under load, blocking time and keystroke times do not.

Usage: python benchmarks/all.py [--quick]   (--quick: 1x and 10x, 3 builds a side, no serve,
                                             one Lighthouse run per page)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / ".work" / "page-weight"  # page_weight.py builds the guide here


def steps(quick: bool) -> list[tuple[str, list[str]]]:
    build = (["--scales", "1,10", "--runs", "3", "--no-serve"] if quick
             else ["--scales", "1,10,100", "--runs", "5"])
    return [
        ("build cost against the floor", ["build.py", *build]),
        ("our JS + CSS per page", ["page_weight.py"]),
        ("the matrix on 5,000 rows", ["matrix_filter.py"]),
        ("a phone on slow 4G (Lighthouse)",
         ["lighthouse.py", "--site", str(SITE), "--runs", "1" if quick else "3"]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer builds and runs")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}", flush=True)
    started = time.perf_counter()
    failed = []
    for title, command in steps(args.quick):
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"\n=== {title}: {' '.join(command)} (load average {load})", flush=True)
        begin = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]],
                                cwd=HERE.parent)
        print(f"=== {title}: {time.perf_counter() - begin:.0f} s", flush=True)
        if result.returncode != 0:
            failed.append(title)
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
