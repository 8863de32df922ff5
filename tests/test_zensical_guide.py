"""The whole guide built by MkDocs (the plugin) and by Zensical (``python -m guidekit
generate``, ``zensical build``, ``python -m guidekit postbuild``) is the same site: the same
pages, the same links between them, the same widgets on each page, and a search that finds the
same entity pages. Both builds are session fixtures (tests/conftest.py), shared with
tests/browser/test_engines.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.gates import BuildResult
from tests.gates.zensical import (
    MACRO_LINK,
    ZensicalBuild,
    article,
    issues,
    link_graph,
    page_paths,
    search_entries,
    search_pages,
    widgets,
)

# Pages only one engine writes, each with the reason. None today: Zensical writes the same
# pages (265 when this was written; the 404 page is 404.html in both, and not counted).
ONLY_MKDOCS: dict[str, str] = {}
ONLY_ZENSICAL: dict[str, str] = {}
# Links between pages that only one engine's pages hold, each with the reason. None today.
EDGES_ONLY_MKDOCS: dict[tuple[str, str], str] = {}
EDGES_ONLY_ZENSICAL: dict[tuple[str, str], str] = {}
ENTITY_FOLDERS = ("components/", "technologies/", "patterns/", "industry-templates/")
QUERIES = ("cache", "message queue", "postgresql", "kafka", "rate limiting", "sharding",
           "cdn", "load balancer", "websocket", "replication")


@pytest.fixture(scope="module")
def mkdocs_site(guide_build: BuildResult) -> Path:
    return guide_build.site_dir


@pytest.fixture(scope="module")
def zensical_site(zensical_guide: ZensicalBuild) -> Path:
    return zensical_guide.site_dir


@pytest.fixture(scope="module")
def both_pages(mkdocs_site: Path, zensical_site: Path) -> set[str]:
    return page_paths(mkdocs_site) & page_paths(zensical_site)


def test_zensical_built_it_and_reported_only_macro_links(zensical_guide: ZensicalBuild,
                                                         zensical_site: Path) -> None:
    generator = article(zensical_site, "").find_parent("html").select_one(  # type: ignore[union-attr]
        'meta[name="generator"]')
    assert generator is not None and str(generator["content"]).startswith("zensical-")
    reported = issues(zensical_guide.output)
    assert all(MACRO_LINK.search(line) for line in reported), reported
    finished = re.search(r"guidekit: finished (\d+) pages", zensical_guide.output)
    assert finished and int(finished.group(1)) == len(page_paths(zensical_site))


def test_the_same_pages(mkdocs_site: Path, zensical_site: Path) -> None:
    mkdocs_pages, zensical_pages = page_paths(mkdocs_site), page_paths(zensical_site)
    assert len(mkdocs_pages) > 250  # the guide: chapters and every generated page
    assert {p: ONLY_MKDOCS.get(p, "?") for p in mkdocs_pages - zensical_pages} == ONLY_MKDOCS
    assert {p: ONLY_ZENSICAL.get(p, "?") for p in zensical_pages - mkdocs_pages} == ONLY_ZENSICAL
    assert len(mkdocs_pages & zensical_pages) >= 0.99 * len(mkdocs_pages)


def test_the_same_links_between_pages(mkdocs_site: Path, zensical_site: Path,
                                      both_pages: set[str]) -> None:
    mkdocs_edges = link_graph(mkdocs_site, both_pages)
    zensical_edges = link_graph(zensical_site, both_pages)
    assert len(mkdocs_edges) > 2000  # entity pages link both ways, prose is auto-linked
    assert {e: EDGES_ONLY_MKDOCS.get(e, "?") for e in mkdocs_edges - zensical_edges} \
        == EDGES_ONLY_MKDOCS
    assert {e: EDGES_ONLY_ZENSICAL.get(e, "?") for e in zensical_edges - mkdocs_edges} \
        == EDGES_ONLY_ZENSICAL
    assert len(mkdocs_edges & zensical_edges) >= 0.99 * len(mkdocs_edges)


def test_every_widget_on_the_same_pages(mkdocs_site: Path, zensical_site: Path,
                                        both_pages: set[str]) -> None:
    differ = {url: (widgets(mkdocs_site, url), widgets(zensical_site, url))
              for url in sorted(both_pages)
              if widgets(mkdocs_site, url) != widgets(zensical_site, url)}
    assert differ == {}
    kinds = {kind for url in both_pages for kind in widgets(zensical_site, url)}
    assert {"checklist", "calculator", "matrix", "decision", "whatif", "flashcards", "drill",
            "reading", "progress"} <= kinds


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_entity_pages(mkdocs_site: Path, zensical_site: Path,
                                            query: str) -> None:
    found_mkdocs = search_pages(search_entries(mkdocs_site), query, ENTITY_FOLDERS)
    found_zensical = search_pages(search_entries(zensical_site), query, ENTITY_FOLDERS)
    assert found_mkdocs, f"'{query}' finds no entity page: not a useful query"
    assert found_zensical == found_mkdocs


def test_what_the_plugin_adds_after_markdown(mkdocs_site: Path, zensical_site: Path) -> None:
    """Auto-links, "Discussed in", the progress overview, the print edition and the matrix
    rows in search: the same in both builds."""
    for site in (mkdocs_site, zensical_site):
        redis = article(site, "technologies/redis/")
        assert not redis.select("[data-gk-late]"), site
        assert redis.select("[data-gk-sections] a"), site
        assert article(site, "methodology/").select("a.gk-autolink"), site
        assert article(site, "").select('[data-gk="progress"] a'), site
    for url in ("technologies/redis/", "methodology/", ""):
        assert [a["href"] for a in article(mkdocs_site, url).select("a.gk-autolink, "
                                                                    "[data-gk-sections] a")] \
            == [a["href"] for a in article(zensical_site, url).select("a.gk-autolink, "
                                                                      "[data-gk-sections] a")], url
    printed = [article(site, "print/").select("h1") for site in (mkdocs_site, zensical_site)]
    assert [h.get_text() for h in printed[0]] == [h.get_text() for h in printed[1]]
    rows = [{e["location"] for e in search_entries(site) if " — " in e.get("title", "")
             and "matrices/" in e["location"]} for site in (mkdocs_site, zensical_site)]
    assert rows[0] and rows[0] == rows[1]


@pytest.mark.slow
def test_generate_watch_and_zensical_serve_show_a_data_edit(tmp_path: Path) -> None:
    """``python -m guidekit generate --watch`` beside ``zensical serve`` of the staged tree
    (``make zensical-serve``): an edit of a data file shows on a generated page, which only
    the generator writes (the coffee example, smaller than the guide)."""
    import shutil
    import subprocess
    import sys

    from tests.test_generators import free_port, serving, wait_for_text
    from tests.test_zensical import COPY_IGNORE, EXAMPLE

    project = tmp_path / "coffee"
    shutil.copytree(EXAMPLE, project, ignore=COPY_IGNORE)
    staging = project / "build" / "zensical"
    py = sys.executable
    subprocess.run([py, "-m", "guidekit", "generate", "-o", str(staging)], cwd=project,
                   check=True, capture_output=True)
    watch_log = (tmp_path / "watch.log").open("w")
    watcher = subprocess.Popen([py, "-m", "guidekit", "generate", "-o", str(staging),
                                "--watch"], cwd=project, stdout=watch_log,
                               stderr=subprocess.STDOUT)
    port = free_port()
    try:
        with serving([py, "-m", "zensical", "serve", "-f", str(staging / "mkdocs.yml"),
                      "-a", f"127.0.0.1:{port}"], project, port, tmp_path / "serve.log") as base:
            page = base + "equipment/burr-grinder/"
            wait_for_text(page, "Two burrs crush beans")
            data = project / "data" / "equipment.yml"
            data.write_text(data.read_text(encoding="utf-8").replace(
                "Two burrs crush beans", "Two steel burrs crush beans"), encoding="utf-8")
            html = wait_for_text(page, "Two steel burrs crush beans")
            assert "Two burrs crush beans" not in html
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
        watch_log.close()
