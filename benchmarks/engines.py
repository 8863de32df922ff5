"""The whole guide under both engines, in one run: MkDocs (the plugin) and Zensical (``python
-m guidekit generate``, ``zensical build``, ``python -m guidekit postbuild``).

Prints:
  * the median wall time of full builds under each engine (--runs, default 3). Zensical's
    figure includes the generate and postbuild steps; "cold" starts from an empty staging
    folder (no Zensical cache), "warm" rebuilds the same staging folder unchanged;
  * the seconds from a data edit to the served page showing it, in `mkdocs serve
    --livereload` and in `zensical serve` beside `python -m guidekit generate --watch`
    (median of --serve-runs edits, default 3).

Everything runs on a copy of the project in benchmarks/.work/engines, so edits never touch
the repository. Usage: python benchmarks/engines.py [--runs 3] [--serve-runs 3] [--no-serve]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work" / "engines"
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The data edit: a checklist item's words, shown on the checklist's own page.
DATA_FILE = Path("data/checklists/requirements.yml")
PAGE = "checklists/requirements/"


def copy_project() -> Path:
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    for name in ("mkdocs.yml", "data", "docs", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, WORK / name)
        else:
            shutil.copy2(source, WORK / name)
    return WORK


def timed(commands: list[list[str]], cwd: Path) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def zensical_commands(staging: Path) -> list[list[str]]:
    return [[PY, "-m", "guidekit", "generate", "-o", str(staging)],
            [PY, "-m", "zensical", "build", "-f", str(staging / "mkdocs.yml")],
            [PY, "-m", "guidekit", "postbuild", str(staging / "site"), "--staging",
             str(staging)]]


def build_times(project: Path, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"mkdocs": [], "zensical cold": [], "zensical warm": []}
    staging = project / "build" / "zensical"
    for _ in range(runs):
        times["mkdocs"].append(timed([[PY, "-m", "mkdocs", "build", "-q", "-d",
                                       str(project / "site")]], project))
        shutil.rmtree(staging, ignore_errors=True)
        times["zensical cold"].append(timed(zensical_commands(staging), project))
        times["zensical warm"].append(timed(zensical_commands(staging), project))
    return times


# ----------------------------------------------------------------------------- serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float = 300) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {text!r} at {url}")


@contextmanager
def running(commands: list[list[str]], cwd: Path) -> Iterator[None]:
    processes = [subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
                 for command in commands]
    try:
        yield
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def edit_seconds(project: Path, base: str, edits: int) -> list[float]:
    """Seconds from writing the data file to the served page showing the edit."""
    path = project / DATA_FILE
    original = path.read_text(encoding="utf-8")
    wait_for(base + PAGE, "</html>")
    seconds = []
    try:
        for number in range(edits):
            marker = f"Benchmarkedit{number}"
            edited = original.replace("text: ", f"text: {marker} ", 1)
            start = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            wait_for(base + PAGE, marker)
            seconds.append(time.perf_counter() - start)
            time.sleep(1.0)  # let the server settle before the next edit
    finally:
        path.write_text(original, encoding="utf-8")
    return seconds


def serve_times(project: Path, edits: int) -> dict[str, list[float]]:
    found = {}
    port = free_port()
    with running([[PY, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]],
                 project):
        found["mkdocs serve"] = edit_seconds(project, f"http://127.0.0.1:{port}/"
                                             "system-design-guide/", edits)
    staging = project / "build" / "zensical"
    subprocess.run(zensical_commands(staging)[0], cwd=project, env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    port = free_port()
    with running([[PY, "-m", "guidekit", "generate", "-o", str(staging), "--watch"],
                  [PY, "-m", "zensical", "serve", "-f", str(staging / "mkdocs.yml"),
                   "-a", f"127.0.0.1:{port}"]], project):
        found["zensical serve + generate --watch"] = edit_seconds(
            project, f"http://127.0.0.1:{port}/system-design-guide/", edits)
    return found


def report(title: str, times: dict[str, list[float]]) -> None:
    print(title)
    for name, values in times.items():
        print(f"  {name:36} median {statistics.median(values):6.2f} s   "
              f"(runs: {', '.join(f'{v:.2f}' for v in values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve-runs", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args()
    project = copy_project()
    report("Full build of the guide", build_times(project, args.runs))
    if not args.no_serve:
        report("Data edit -> served page shows it", serve_times(project, args.serve_runs))


if __name__ == "__main__":
    main()
