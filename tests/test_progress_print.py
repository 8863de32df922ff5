"""Reading progress and the print edition as built (tests/fixtures/mini-progress and the
guide): which pages carry the markers, the overview's static HTML, the print edition's order,
ids and links; and the pure functions behind them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from guidekit.printing import PrintPage, _resolve, page_anchor, rewrite_page
from guidekit.reading import add_section_markers, matches, page_key, sections_of

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini-progress"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.gates import build_site

    return build_site(FIXTURE, tmp_path_factory.mktemp("progress") / "site", True).site_dir


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --------------------------------------------------------------------------- pure functions


def test_page_keys_and_globs() -> None:
    assert page_key("") == "" and page_key("index.html") == ""
    assert page_key("guide/one/") == "guide/one/"
    assert page_key("guide/index.html") == "guide/"
    assert matches("guide/one.md", ["*"], []) and not matches("guide/one.md", ["*"], ["guide/*"])
    assert not matches("three.md", ["guide/*"], [])


def test_sections_and_markers() -> None:
    html = ('<h1 id="t">T</h1><p>intro</p><h2 id="a">A &amp; B<a class="headerlink" '
            'href="#a">¶</a></h2><p>one</p><h2 id="b"><code>b</code> two</h2><p>two</p>')
    assert sections_of(html) == [("a", "A & B"), ("b", "b two")]
    marked = add_section_markers(html, lambda i, t: f"[{i}:{t}]")
    assert marked.index("[a:A & B]") < marked.index('<h2 id="b"')
    assert marked.rstrip().endswith("[b:b two]")
    assert marked.startswith('<h1 id="t">T</h1><p>intro</p>')
    assert add_section_markers("<p>none</p>", lambda i, t: "x") == "<p>none</p>"


@pytest.mark.parametrize(("page", "href", "expected"), [
    ("guide/one/", "../two/", ("guide/two/", "")),
    ("guide/one/", "../../three/#x", ("three/", "x")),
    ("guide/one/", "#local", ("guide/one/", "local")),
    ("guide/one/", "../..", ("", "")),
    ("", "guide/one/", ("guide/one/", "")),
    ("guide/one.html", "two.html#s", ("guide/two.html", "s")),
    ("guide/one.html", "../index.html", ("", "")),
    ("guide/one/", "../../img/a.png", ("img/a.png", "")),
])
def test_links_resolve_from_the_page_they_are_on(page: str, href: str,
                                                expected: tuple[str, str]) -> None:
    assert _resolve(page, href) == expected


def test_rewrite_prefixes_ids_and_keeps_links_working() -> None:
    page = PrintPage("One", "guide/one/")
    html = ('<h2 id="s">S</h2><input id="box" aria-describedby="h1 h2" data-gk-id="keep">'
            '<label for="box">L</label><a href="#s">up</a><a href="../two/#m">two</a>'
            '<a href="../../extra/">out</a><a class="gk-autolink" href="../../extra/">auto</a>'
            '<a href="https://example.com/">web</a><img src="../../img/a.png">'
            '<details><summary>x</summary></details><details open>y</details>'
            '<div class="gk-reading gk-reading--section" data-gk-reading-section="s"></div>')
    out = rewrite_page(html, page, {"guide/one/", "guide/two/"}, "print/")
    assert 'id="p-guide-one--s"' in out and 'for="p-guide-one--box"' in out
    assert 'aria-describedby="p-guide-one--h1 p-guide-one--h2"' in out
    assert 'data-gk-id="keep"' in out
    assert 'href="#p-guide-one--s" data-gk-inside' in out
    assert 'href="#p-guide-two--m" data-gk-inside' in out
    assert '<a href="../extra/" data-gk-site>out</a>' in out and "data-gk-href" not in out
    assert '<a class="gk-autolink" href="../extra/" data-gk-site>auto</a>' in out
    assert 'href="https://example.com/"' in out and 'src="../img/a.png"' in out
    assert out.count("<details open") == 2
    assert "gk-reading" not in out
    assert page_anchor("") == "p-home"


# --------------------------------------------------------------------------- built site


def test_counted_pages_get_markers_and_the_others_only_nav_marks(built: Path) -> None:
    one = soup(built / "guide" / "one" / "index.html")
    reading = one.select('[data-gk="reading"]')
    assert len(reading) == 1 and reading[0].has_attr("data-gk-counted")
    assert reading[0]["data-gk-page"] == "guide/one/" and reading[0]["data-gk-root"] == "../../"
    markers = [(m["data-gk-reading-section"], m["data-gk-title"])
               for m in one.select("[data-gk-reading-section]")]
    assert markers == [("first-steps", "First steps"), ("second-steps", "Second steps")]
    # Each marker closes its section: it comes before the next heading.
    text = str(one)
    assert text.index('data-gk-reading-section="first-steps"') < text.index('id="second-steps"')
    for excluded in ("index.html", "extra/index.html"):
        page = soup(built / excluded)
        marker = page.select_one('[data-gk="reading"]')
        assert marker is not None and not marker.has_attr("data-gk-counted")
        assert not page.select("[data-gk-reading-section]")


def test_the_overview_lists_the_counted_pages_by_nav_section(built: Path) -> None:
    home = soup(built / "index.html")
    overview = home.select_one('[data-gk="progress"]')
    assert overview["data-gk-id"] == "nav" and overview["data-gk-ns"] == "Progress fixture"
    assert overview.select_one("[data-gk-progress-text]").get_text() == "0 of 3 pages done"
    assert overview.select_one("progress")["max"] == "3"
    groups = [(g.select_one(".gk-progress-map__title").get_text(),
               [li["data-gk-page"] for li in g.select("[data-gk-page]")])
              for g in overview.select("[data-gk-group]")]
    assert groups == [("Part one", ["guide/one/", "guide/two/"])]
    pages = {li["data-gk-page"]: (li.a["href"], li["data-gk-sections"])
             for li in overview.select("[data-gk-page]")}
    assert pages == {"guide/one/": ("guide/one/", '["first-steps","second-steps"]'),
                     "guide/two/": ("guide/two/", '["more-steps"]'),
                     "three/": ("three/", "[]")}
    assert overview.select_one("[data-gk-controls]").has_attr("hidden")


def test_the_print_edition_holds_the_pages_in_nav_order(built: Path) -> None:
    page = soup(built / "print" / "index.html")
    edition = page.select_one(".gk-print")
    sections = [s["id"] for s in edition.select("section.gk-print__page")]
    assert sections == ["p-home", "p-guide-one", "p-guide-two", "p-three"]  # no extra.md
    assert [a["href"] for a in edition.select(".gk-print__toc a")] == [f"#{s}" for s in sections]
    assert page.select_one("h1").get_text().startswith("Progress fixture")
    three = edition.select_one("#p-three")
    assert three.h1.get_text() == "Three"  # a title for the page whose Markdown had none
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)), "ids repeat in the print edition"
    for anchor in edition.select('a[href^="#"]'):
        assert page.find(id=anchor["href"][1:]) is not None, anchor
    assert edition.select_one("#p-guide-one a[data-gk-href]") is None  # all inside
    out = three.find("a", string="the extra page")
    assert out["href"] == "../extra/" and out.has_attr("data-gk-site")
    assert all(d.has_attr("open") for d in edition.select("details"))
    # Not in the navigation, so not counted either.
    assert "print/" not in str(soup(built / "index.html").select_one(".md-nav--primary"))


def test_a_wrong_progress_id_or_print_page_stops_the_build(
    tmp_path: Path, build_site_fails: Callable[..., Any]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    shutil.copytree(FIXTURE.parent / "mini" / "data", tmp_path / "mini" / "data")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("progress: nav", "progress: site"))
    result = build_site_fails(project)
    assert "docs/index.md" in result.output or "index.md" in result.output
    assert "unknown progress 'site'" in result.output and "'nav'" in result.output

    index.write_text(index.read_text().replace("progress: site", "progress: nav"))
    (project / "docs" / "print.md").write_text("# Mine\n")
    result = build_site_fails(project)
    assert "print.page 'print.md' is a page of the site" in result.output


def test_the_progress_strings_follow_the_site_language(
    tmp_path: Path, build_site: Callable[..., Any]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    shutil.copytree(FIXTURE.parent / "mini" / "data", tmp_path / "mini" / "data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n",
                                                 "  font: false\n  language: fr\n"))
    site = build_site(project).site_dir
    overview = soup(site / "index.html").select_one('[data-gk="progress"]')
    assert overview.select_one("[data-gk-progress-text]").get_text() == "0 sur 3 pages lues"
    assert overview.select_one("[data-gk-action=export]").get_text() == "Exporter la progression"
    assert soup(site / "print" / "index.html").select_one("#gk-print-contents").get_text() == (
        "Sommaire")
    # The "read" checkboxes' words travel with their script (fetched by the pages that count).
    script = (site / "assets" / "guidekit" / "guidekit-reading.js").read_text(encoding="utf-8")
    for text in ("J’ai lu cette page", "Fini « {title} »"):
        assert json.dumps(text)[1:-1] in script or text in script, text


def test_with_the_automatic_nav_the_print_page_stays_out_of_it(
    tmp_path: Path, build_site: Callable[..., Any]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    shutil.copytree(FIXTURE.parent / "mini" / "data", tmp_path / "mini" / "data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().split("\nnav:\n")[0] + "\n")  # MkDocs lists every page
    site = build_site(project).site_dir
    home = soup(site / "index.html")
    nav_links = [a["href"] for a in home.select(".md-nav--primary a[href]")]
    assert "guide/one/" in nav_links and not any("print" in href for href in nav_links)
    sections = [s["id"] for s in soup(site / "print" / "index.html").select(".gk-print__page")]
    assert "p-guide-one" in sections and "p-extra" not in sections
    assert not any("print" in s for s in sections)
