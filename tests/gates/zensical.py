"""Build a site with Zensical the way ``make zensical`` does, and read a built site the same
way whichever engine wrote it: its pages, the links between them, the widgets on each page
and its search index.

A build: ``python -m guidekit generate -f mkdocs.yml -o STAGING``, ``zensical build -f
STAGING/mkdocs.yml`` (its site goes to STAGING/site), ``python -m guidekit postbuild``.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

# Zensical checks links in a page's Markdown before its macros run, so a link written by a
# Jinja expression (quick-reference.md lists items with `{{ folder }}/{{ item.id }}.md`) is
# reported as a missing page. MkDocs checks the rendered page and finds it. Only these
# reports are allowed: every one must point at a line holding a Jinja expression.
MACRO_LINK = re.compile(r"\{\{[^}]*\}\}")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class ZensicalBuild:
    site_dir: Path
    staging: Path
    output: str
    seconds: dict[str, float]  # step -> wall time


def run(command: list[str], cwd: Path | None = None) -> str:
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900,
                          check=False)
    output = _ANSI.sub("", proc.stdout + proc.stderr)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed (exit {proc.returncode}):\n{output}")
    return output


def build_with_zensical(config_file: Path, workdir: Path) -> ZensicalBuild:
    staging = workdir / "staging"
    py = sys.executable
    outputs, seconds = [], {}
    for step, command in (
        ("generate", [py, "-m", "guidekit", "generate", "-f", str(config_file),
                      "-o", str(staging)]),
        ("zensical build", [py, "-m", "zensical", "build", "-f",
                            str(staging / "mkdocs.yml")]),
        ("postbuild", [py, "-m", "guidekit", "postbuild", str(staging / "site"),
                       "--staging", str(staging)]),
    ):
        started = time.perf_counter()
        outputs.append(run(command, cwd=config_file.parent))
        seconds[step] = time.perf_counter() - started
    return ZensicalBuild(staging / "site", staging, "\n".join(outputs), seconds)


def issues(output: str) -> list[str]:
    """The source lines Zensical's link check reported (one per issue)."""
    return [line for line in output.splitlines() if re.match(r"\s*\d+ │", line)]


# --------------------------------------------------------------------------- reading a site


def page_paths(site: Path) -> set[str]:
    """Every page of a built site by URL path ("" for the home page), 404 page left out."""
    return {("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/")
            for p in site.rglob("index.html")}


@functools.lru_cache(maxsize=1024)
def article(site: Path, url: str) -> Tag:
    """The content of a built page (parsed once per session: the builds do not change)."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    assert found is not None, f"{url}: no article"
    return found


def page_links(site: Path, url: str) -> set[str]:
    """The pages (URL paths) the content of ``url`` links to, fragments dropped."""
    targets = set()
    for link in article(site, url).select("a[href]"):
        href = str(link["href"])
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", href):
            continue
        path = href.split("#", 1)[0].split("?", 1)[0]
        if not path:
            continue
        target = posixpath.normpath(posixpath.join("/" + url, path)).lstrip("/")
        if path.endswith("/") and target:
            target += "/"
        targets.add("" if target == "." else target)
    return targets


def link_graph(site: Path, pages: set[str]) -> set[tuple[str, str]]:
    return {(url, target) for url in pages for target in page_links(site, url)
            if target in pages}


def widgets(site: Path, url: str) -> Counter[str]:
    return Counter(str(root["data-gk"]) for root in article(site, url).select("[data-gk]"))


def search_entries(site: Path) -> list[dict[str, str]]:
    """(location, title, text) entries of the site's search index: MkDocs' search plugin
    writes ``search/search_index.json`` with ``docs``; Zensical ``search.json`` with
    ``items`` (its 0.1 line keeps that file and those three fields)."""
    return list(_search_entries(site))


@functools.lru_cache(maxsize=8)
def _search_entries(site: Path) -> tuple[dict[str, str], ...]:
    """Read once per session per site: the builds do not change."""
    return tuple(_read_search_index(site))


def _read_search_index(site: Path) -> list[dict[str, str]]:
    mkdocs_index = site / "search" / "search_index.json"
    if mkdocs_index.is_file():
        return list(json.loads(mkdocs_index.read_text(encoding="utf-8"))["docs"])
    return list(json.loads((site / "search.json").read_text(encoding="utf-8"))["items"])


def search_pages(entries: list[dict[str, str]], query: str, prefixes: tuple[str, ...]) -> set[str]:
    """Pages under ``prefixes`` (entity folders) with an entry whose title or text holds every
    word of ``query``: what either engine's search can find, ranking aside."""
    words = query.lower().split()
    found = set()
    for entry in entries:
        page = entry["location"].split("#", 1)[0]
        if not page.startswith(prefixes):
            continue
        text = (entry.get("title", "") + " " + re.sub(r"<[^>]+>", " ",
                                                      entry.get("text", ""))).lower()
        if all(word in text for word in words):
            found.add(page)
    return found
