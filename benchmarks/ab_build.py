"""Before and after: whole `mkdocs build` runs of one site with guidekit at another commit
(A, the base) and with the working tree (B), in turn, A B A B ...

build.py compares guidekit with a floor that has no guidekit; this compares two guidekits on
the same site, which is how a change to the build path is judged on a machine whose speed
drifts: the per-pair ratio B/A cancels most of the drift. Each side builds its own copy of the
site (the cache folder beside mkdocs.yml is keyed by guidekit's source, so one shared copy
would make every build of both sides a cold one) after one warm-up build, as `mkdocs build`
runs on an author's machine: the second build onwards.

The base is checked out as a git worktree under benchmarks/.work/ and imported through
PYTHONPATH (ahead of the editable install); MkDocs, Material and the rest are this venv's.

Usage: python benchmarks/ab_build.py --base REV [--site guide|1x|10x|100x] [--pairs 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work"
sys.path.insert(0, str(ROOT / "benchmarks"))

from build import ENV, build_seconds, load_site, make_synthetic  # noqa: E402


def worktree(rev: str) -> Path:
    """A checkout of ``rev`` under .work/ (made again when it holds another commit)."""
    target = WORK / "ab-base"
    commit = _git("rev-parse", f"{rev}^{{commit}}")
    if target.exists() and _git("-C", str(target), "rev-parse", "HEAD") == commit:
        return target
    if target.exists():
        _git("worktree", "remove", "--force", str(target))
    _git("worktree", "add", "--detach", str(target), commit)
    vendor = ROOT / "docs" / "assets" / "vendor"  # fetched by `make vendor`, not committed
    if vendor.is_dir():
        (target / "docs" / "assets" / "vendor").symlink_to(vendor, target_is_directory=True)
    return target


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def projects(site: str, base: Path) -> tuple[Path, Path]:
    """The two copies of the site: A's and B's."""
    if site == "guide":
        return base, ROOT
    entities = len(load_site(ROOT / "data").catalog.entities)  # synthetic Nx: N times the guide's
    source = make_synthetic(WORK / f"synthetic-{site}", entities * int(site.rstrip("x")))
    copies = []
    for side in ("a", "b"):
        copy = WORK / f"ab-{site}-{side}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".cache", "site"))
        copies.append(copy)
    return copies[0], copies[1]


def cpu_seconds(project: Path, plugin: Path, site_dir: Path) -> float:
    """CPU seconds of one build in its own process, with guidekit from ``plugin``."""
    return build_seconds(project, site_dir, env={**ENV, "PYTHONPATH": str(plugin)})[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the commit to compare against")
    parser.add_argument("--site", default="guide", choices=["guide", "1x", "10x", "100x"])
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    base = worktree(args.base)
    project_a, project_b = projects(args.site, base)
    sides = [(project_a, base / "plugin", WORK / "ab-site-a"),
             (project_b, ROOT / "plugin", WORK / "ab-site-b")]
    load = os.getloadavg()[0]
    for side in sides:  # warm-up: fills each side's cache
        cpu_seconds(*side)
    a, b = [], []
    for _ in range(args.pairs):
        a.append(cpu_seconds(*sides[0]))
        b.append(cpu_seconds(*sides[1]))
    ratios = sorted(y / x for x, y in zip(a, b, strict=True))
    print(f"{args.site}: A = {args.base} ({_git('rev-parse', '--short', args.base)}), "
          f"B = working tree; {args.pairs} pairs of builds, CPU seconds")
    print(f"  A median {statistics.median(a):.2f} s, B median {statistics.median(b):.2f} s; "
          f"B/A per pair: median {statistics.median(ratios):.3f} "
          f"(from {ratios[0]:.3f} to {ratios[-1]:.3f}); load average {load:.1f} -> "
          f"{os.getloadavg()[0]:.1f}")
    for path in (WORK / "ab-site-a", WORK / "ab-site-b"):
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
