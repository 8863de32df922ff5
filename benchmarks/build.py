"""Build-speed benchmark: what guidekit costs on top of MkDocs + Material, and how it scales.

Prints, in one run:
  * median wall time of full builds of (a) the guide with guidekit and (b) the "floor": the same
    site with guidekit's pages pre-rendered to plain Markdown files and guidekit off; a/b.
  * the same for synthetic data at 1x, 10x and 100x the guide's number of entities.
  * rebuild time in `mkdocs serve` after editing one data file and one Markdown page.
  * the gzipped weight of the JS and CSS guidekit adds to every page.
  * with --profile, the top functions of a profiled guide build.

Builds of the two sides run in turn (A B A B ...), so a machine whose speed drifts slows both;
each row gives the wall-clock ratio and the CPU-time ratio (user + system of the build process,
steadier on a busy machine), and the machine's load average when the row was measured.

Usage: python benchmarks/build.py [--runs 3] [--scales 1,10,100] [--profile] [--no-serve]
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import os
import pstats
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work"
# An installed guidekit has its bytecode compiled, like MkDocs and Material on the floor's side;
# without bytecode, guidekit would be charged for compiling its own source on every build.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1"}
TARGETS = {1: 1.08, 10: 1.05, 100: 1.05}  # issue 24: guidekit / floor, CPU time

sys.path.insert(0, str(ROOT / "plugin"))

from guidekit.core import load_site  # noqa: E402

# ----------------------------------------------------------------------------- building


def build_seconds(project: Path, site_dir: Path,
                  env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one build in its own process (with ``env``
    instead of ENV, if given)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=ENV if env is None else env,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


@dataclass
class Paired:
    """Median wall and CPU seconds of both sides, and the medians of the per-pair ratios."""

    wall: float
    cpu: float
    floor_wall: float
    floor_cpu: float
    wall_ratio: float
    cpu_ratio: float
    load: float  # 1-minute load average at the end


def paired_builds(project: Path, floor: Path, runs: int) -> Paired:
    """``runs`` builds of each, in turn; the guidekit side's site is left in WORK/site."""
    build_seconds(project, WORK / "site")  # warm the file cache and the bytecode
    build_seconds(floor, WORK / "floor-site")
    ours, theirs = [], []
    for _ in range(runs):
        theirs.append(build_seconds(floor, WORK / "floor-site"))
        ours.append(build_seconds(project, WORK / "site"))
    shutil.rmtree(WORK / "floor-site", ignore_errors=True)
    return Paired(
        wall=statistics.median(w for w, _ in ours), cpu=statistics.median(c for _, c in ours),
        floor_wall=statistics.median(w for w, _ in theirs),
        floor_cpu=statistics.median(c for _, c in theirs),
        wall_ratio=statistics.median(a[0] / b[0] for a, b in zip(ours, theirs, strict=True)),
        cpu_ratio=statistics.median(a[1] / b[1] for a, b in zip(ours, theirs, strict=True)),
        load=os.getloadavg()[0],
    )


def row(name: str, pages: int, paired: Paired) -> str:
    return (f"{name:<22}{pages:>7}{paired.wall:>9.2f}{paired.floor_wall:>9.2f}"
            f"{paired.wall_ratio:>7.2f}{paired.cpu:>9.2f}{paired.floor_cpu:>9.2f}"
            f"{paired.cpu_ratio:>7.2f}{paired.load:>7.1f}")


# ----------------------------------------------------------------------------- the floor


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml keeping !!python/name tags as plain strings (we write them back)."""


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return f"!!python/name:{suffix}"


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_tag)


def read_config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(), Loader=_Loader)


def write_config(path: Path, config: dict) -> None:
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    text = re.sub(r"'(!!python/name:[^']+)'", r"\1", text)
    path.write_text(text)


def make_floor(project: Path, target: Path) -> Path:
    """Copy ``project`` with every guidekit page and embed written out as plain Markdown,
    the assets as static files, the generated nav spelled out, and guidekit turned off."""
    config = read_config(project)
    options = next((p["guidekit"] for p in config.get("plugins", [])
                    if isinstance(p, dict) and "guidekit" in p), {}) or {}
    site = load_site(project / options.get("data_dir", "data"),
                     use_directory_urls=config.get("use_directory_urls", True))
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    shutil.copytree(project / config.get("docs_dir", "docs"), docs)
    if (project / "overrides").exists():
        shutil.copytree(project / "overrides", target / "overrides")
    # The macros pluglet reads the data itself when the plugin is off.
    data_dir = options.get("data_dir", "data")
    shutil.copytree(project / data_dir, target / data_dir)
    for md in docs.rglob("*.md"):
        src = md.relative_to(docs).as_posix()
        text = md.read_text()
        md.write_text(site.expand_embeds(text, src, site.layout.url(src)))
    discussed = _discussed_in(project, site)
    for src, (_, _, content) in site.generated_pages(site.build).items():
        path = docs / src
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_LATE_SECTIONS.sub(lambda m: discussed.get(m.group(1), ""), content))
    # The print edition is assembled by the plugin after the build; the floor keeps its page
    # (pages link to it) as a stub.
    printing = options.get("print") or {}
    if printing.get("enabled"):
        stub = docs / printing.get("page", "print.md")
        if not stub.exists():
            stub.write_text(f"# {printing.get('title') or 'Print edition'}\n")
    assets = docs / "assets" / "guidekit"
    assets.mkdir(parents=True, exist_ok=True)
    # Every style in guidekit.css: without the plugin nothing links a widget's per page.
    for name, content in site.bundled_assets(one_stylesheet=True).items():
        (assets / name).parent.mkdir(parents=True, exist_ok=True)  # items/<kind>/<id>.js
        (assets / name).write_text(content)
    (assets / "guidekit-formulas.js").write_text(site.formulas_script())
    # guidekit off; mkdocs-macros stays (it is the site's, not ours), with guidekit's pluglet:
    # pages that read the data through macros cannot build without it. It loads the data once,
    # a small cost counted in the floor.
    plugins = [plugin for plugin in config.get("plugins", [])
               if not (plugin == "guidekit" or (isinstance(plugin, dict) and "guidekit" in plugin))]
    config["plugins"] = plugins
    config["extra_css"] = ["assets/guidekit/guidekit.css", *config.get("extra_css", [])]
    config["extra_javascript"] = [*config.get("extra_javascript", []),
                                  "assets/guidekit/guidekit-formulas.js",
                                  "assets/guidekit/guidekit.js"]
    if "nav" in config and options.get("nav", True):
        config["nav"] = _expand_nav(config["nav"], site)
    write_config(target / "mkdocs.yml", config)
    return target


_LATE_SECTIONS = re.compile(r'<div data-gk-late="sections:([^"]+)"></div>')
_DISCUSSED_IN = re.compile(r'<h2 id="discussed-in">.*?</ul>', re.S)


def _discussed_in(project: Path, site) -> dict[str, str]:
    """Entity id -> its page's "Discussed in" list, as a guidekit build of ``project`` fills
    it in once every page is rendered (the sections of the site's own pages that name the
    entity). The floor's pages carry it as raw HTML, so both sides hold the same content:
    without it, the floor's search index has one section fewer per entity page, and the
    ratio would count indexing those sections as guidekit's cost."""
    built = WORK / "floor-late-site"
    build_seconds(project, built)
    found = {}
    for entity_id in site.catalog.entities:
        page = built / site.layout.url(site.entity_src(entity_id))
        page = page / "index.html" if page.suffix != ".html" else page
        match = _DISCUSSED_IN.search(page.read_text()) if page.is_file() else None
        if match:
            found[entity_id] = f"\n\n{match.group(0)}\n\n"
    shutil.rmtree(built, ignore_errors=True)
    return found


def _expand_nav(nav: list, site) -> list:
    """The nav as guidekit's on_nav makes it: generated index entries become sections."""
    sections = {}
    for collection in site.catalog.collections.values():
        children = sorted(site.catalog.by_collection(collection.id), key=lambda e: e.name.lower())
        sections[site.layout.collection_src(collection.id)] = [
            site.layout.collection_src(collection.id),
            *[{e.name: site.layout.entity_src(e.id)} for e in children]]
    for kind in site.layout.folders:
        items = [site.layout.item_src(kind, i) for i in getattr(site.catalog, kind)]
        items = [i for i in items if i]
        if items:
            sections[site.layout.kind_index_src(kind)] = [site.layout.kind_index_src(kind),
                                                          *items]
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, value), = entry.items()
            if isinstance(value, str) and value in sections:
                out.append({title: sections[value]})
            elif isinstance(value, list):
                out.append({title: _expand_nav(value, site)})
            else:
                out.append(entry)
        else:
            out.append(entry)
    return out


# ----------------------------------------------------------------------------- synthetic data

WORDS = [
    "stream", "queue", "cache", "ledger", "shard", "replica", "gateway", "broker",
    "index", "vault", "beacon", "relay", "prism", "vector", "quorum", "lattice",
]


def make_synthetic(target: Path, entities: int, seed: int = 7) -> Path:
    """A site with ``entities`` entities in 3 collections, links between them, a matrix,
    and one prose page per 20 entities that mentions them by name (for the auto-linker)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    (target / "data").mkdir(parents=True)
    (target / "docs").mkdir()
    names = [f"{WORDS[i % len(WORDS)].title()} {WORDS[(i // 7) % len(WORDS)]} {i}"
             for i in range(entities)]
    collections = ["alpha", "beta", "gamma"]
    data = {
        "collections": [{"id": c, "title": c.title(), "singular": c.title()} for c in collections],
        "relations": [{"id": "uses", "label": "Uses", "inverse_label": "Used by"},
                      {"id": "alternatives", "label": "Alternatives",
                       "inverse_label": "Alternatives", "symmetric": True}],
        "entities": [],
        "tables": [{
            "id": "catalog", "title": "Catalog", "interactive": True,
            "columns": [{"id": "name", "label": "Name", "header": True},
                        {"id": "size", "label": "Size", "sort": "size"},
                        {"id": "tier", "label": "Tier", "facet": True}],
            "rows": [{"id": f"e{i}", "ref": f"e{i}",
                      "cells": {"name": names[i], "size": f"{rng.randint(1, 900)}GB",
                                "tier": f"Tier {i % 5}"}}
                     for i in range(0, entities, 10)],
        }],
    }
    for i in range(entities):
        others = rng.sample(range(entities), k=min(4, entities - 1))
        others = [o for o in others if o != i][:3]
        data["entities"].append({
            "id": f"e{i}", "name": names[i], "collection": collections[i % 3],
            "category": f"Category {i % 10}",
            "summary": f"Works with [[e{others[0]}]] and handles {WORDS[i % len(WORDS)]} load.",
            "facts": {"When to use": "Often", "Scale": f"{i % 100}TB"},
            "related": {"uses": [{"ref": f"e{o}", "note": "for throughput"} for o in others[:2]],
                        "alternatives": [f"e{others[-1]}"] if i % 4 == 0 else []},
        })
    (target / "data" / "all.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    pages = max(1, entities // 20)
    for p in range(pages):
        lines = [f"# Chapter {p}", ""]
        for s in range(4):
            lines += [f"## Section {s}", ""]
            mentioned = [names[rng.randrange(entities)] for _ in range(5)]
            lines.append(" ".join(f"We compare {m} with the rest of the stack." for m in mentioned))
            lines.append("")
        (target / "docs" / f"chapter-{p}.md").write_text("\n".join(lines))
    (target / "docs" / "index.md").write_text("# Synthetic\n\n```guidekit\ntable: catalog\n```\n")
    # A short explicit nav: Material renders the whole nav into every page, which is quadratic
    # in pages for both builds and would hide what guidekit itself costs as data grows.
    write_config(target / "mkdocs.yml", {
        "site_name": "Synthetic",
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
        "plugins": ["search", {"guidekit": {"data_dir": "data", "nav": False}}],
        "nav": [{"Home": "index.md"}, {"Chapter 0": "chapter-0.md"}],
    })
    return target


# ----------------------------------------------------------------------------- serve


def serve_rebuilds(project: Path, data_file: Path, page: Path) -> tuple[float, float]:
    """Seconds from touching a file to 'Documentation built' in a running `mkdocs serve`."""
    port = 8765
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV,
        start_new_session=True,
    )
    assert process.stdout is not None
    try:
        _wait_for(process, "Serving on")

        def rebuild(path: Path) -> float:
            original = path.read_text()
            start = time.perf_counter()
            path.write_text(original + "\n")
            try:
                _wait_for(process, "Reloading browsers")
            finally:
                path.write_text(original)
            elapsed = time.perf_counter() - start
            _wait_for(process, "Reloading browsers")  # the restore rebuild
            return elapsed

        return rebuild(data_file), rebuild(page)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _wait_for(process: subprocess.Popen, marker: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("mkdocs serve stopped")
        if marker in line:
            return
    raise SystemExit(f"timed out waiting for {marker!r}")


# ----------------------------------------------------------------------------- report


def page_weight(site_dir: Path) -> dict[str, int]:
    sizes = {}
    for name in ("guidekit.js", "guidekit.css", "guidekit-formulas.js"):
        raw = (site_dir / "assets" / "guidekit" / name).read_bytes()
        sizes[name] = len(gzip.compress(raw, compresslevel=9))
    return sizes


def profile_guide(top: int = 18) -> str:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(WORK / "profile-site"))
    profiler = cProfile.Profile()
    profiler.enable()
    build(config)
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("cumulative")
    stats.print_stats(r"guidekit", top)
    return stream.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)

    guide_entities = len(load_site(ROOT / "data").catalog.entities)
    loads = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, "
          f"load average {loads} (1, 5, 15 min) at the start")
    print(f"guide: {guide_entities} entities; medians of {args.runs} paired builds each "
          "(1 at 100x); ratio = guidekit / floor\n")
    print(f"{'':<30}{' wall s ':-^23}  {' cpu s ':-^23}")
    print(f"{'site':<22}{'pages':>7}{'guidekit':>9}{'floor':>9}{'ratio':>7}"
          f"{'guidekit':>9}{'floor':>9}{'ratio':>7}{'load':>7}")

    floor = make_floor(ROOT, WORK / "guide-floor")
    paired = paired_builds(ROOT, floor, args.runs)
    pages = sum(1 for _ in (WORK / "site").rglob("index.html"))
    print(row("guide", pages, paired))
    weight = page_weight(WORK / "site")

    ratios: dict[int, float] = {}
    for scale in [int(s) for s in args.scales.split(",") if s]:
        entities = guide_entities * scale
        project = make_synthetic(WORK / f"synthetic-{scale}x", entities)
        runs = args.runs if scale < 100 else 1
        synthetic_floor = make_floor(project, WORK / f"synthetic-{scale}x-floor")
        paired = paired_builds(project, synthetic_floor, runs)
        pages = sum(1 for _ in (WORK / "site").rglob("index.html"))
        added = (paired.cpu - paired.floor_cpu) / pages * 1000
        print(row(f"synthetic {scale}x ({entities})", pages, paired)
              + f"   guidekit adds {added:.2f} ms cpu/page")
        ratios[scale] = paired.cpu_ratio
    if ratios:
        print("\nsynthetic cpu ratios: " + ", ".join(
            f"{scale}x {ratio:.2f}" + (f" (target <= {TARGETS[scale]:.2f})"
                                       if scale in TARGETS else "")
            for scale, ratio in ratios.items()))

    if not args.no_serve:
        data_file = ROOT / "data" / "entities" / "technologies.yml"
        page = ROOT / "docs" / "methodology.md"
        data_s, page_s = serve_rebuilds(ROOT, data_file, page)
        print(f"\nmkdocs serve rebuild: data file edited {data_s:.2f} s, "
              f"Markdown page edited {page_s:.2f} s (load average {os.getloadavg()[0]:.1f})")

    total = sum(weight.values())
    print("\npage weight added by guidekit (gzip -9): "
          + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in weight.items())
          + f"; total {total / 1024:.1f} KB")
    if args.profile:
        print("\nprofile of one guide build (cumulative, guidekit functions):")
        print(profile_guide())
    shutil.rmtree(WORK / "site", ignore_errors=True)
    tempfile.gettempdir()


if __name__ == "__main__":
    main()
