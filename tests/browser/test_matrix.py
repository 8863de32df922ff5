"""The comparison matrix in headless Chromium: filter, facets with live counts, sorting by the
build's sort keys, columns, compare, the view in the URL, keyboard use, big tables.

Sites: the mini fixture (plain mkdocs theme), tests/fixtures/mini-material-matrix (Material
with instant navigation; its own small table with diacritics, gaps and a hidden column), the
guide's own ``databases`` matrix, and a generated 1,200-row table for the windowed rendering.
Every test runs in a monitored context: a console error or off-site request fails it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import open_widgets
from tests.gates import build_site as _build_site
from tests.gates.axe import BLOCKING_IMPACTS, axe_source, format_violation
from tests.gates.serve import StaticServer

pytestmark = pytest.mark.browser

MATRIX_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini-material-matrix"
STORES = "[data-gk-id=stores]"
DATABASES = "[data-gk-id=databases]"


# --------------------------------------------------------------------------- sites


@pytest.fixture(scope="module")
def matrix_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/fixtures/mini-material-matrix built with its site_url equal to the served URL
    (Material only navigates instantly to URLs of its own sitemap, host and port included)."""
    site = tmp_path_factory.mktemp("mini-material-matrix") / "site"
    site.mkdir()
    server = StaticServer(site)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("GUIDEKIT_SITE_URL", server.base_url)
            _build_site(MATRIX_FIXTURE, site, True)
        yield server.base_url
    finally:
        server.stop()


BIG_ROWS = 1200
BIG = "[data-gk-id=big]"


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A generated site with one 1,200-row interactive table (plain mkdocs theme)."""
    project = tmp_path_factory.mktemp("big-matrix")
    (project / "docs").mkdir()
    (project / "data").mkdir()
    (project / "mkdocs.yml").write_text(
        "site_name: Big\nuse_directory_urls: true\n"
        "theme: {name: mkdocs, highlightjs: false}\n"
        "plugins: [search, guidekit: {data_dir: data, nav: false, pages: {matrices: ''}}]\n",
        encoding="utf-8",
    )
    (project / "docs" / "index.md").write_text(
        "# Big\n\n```guidekit\nmatrix: big\n```\n", encoding="utf-8"
    )
    lines = [
        "tables:",
        "  - {id: big, title: Big table, interactive: true, columns: [",
        "      {id: name, label: Name, header: true}, {id: size, label: Size, sort: size},",
        "      {id: kind, label: Kind, facet: true}, {id: words, label: Words}], rows: [",
    ]
    for i in range(BIG_ROWS):
        size = "9PB" if i == 1111 else f"{i % 90 + 1}GB"
        words = "a needle here" if i == 1100 else f"plain hay {i % 7}"
        lines.append(
            f'    {{id: r{i}, cells: {{name: "Item {i:04d}", size: "{size}", '
            f'kind: "K{i % 10}", words: "{words}"}}}},'
        )
    lines.append("  ]}")
    (project / "data" / "big.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = project / "site"
    _build_site(project, site, True)
    server = StaticServer(site)
    try:
        yield server.base_url
    finally:
        server.stop()


# --------------------------------------------------------------------------- helpers


def rows(page: Any, root: str) -> list[str]:
    """Row ids in the table body, in display order."""
    return list(
        page.eval_on_selector_all(
            f"{root} [data-gk-table] tbody tr", "trs => trs.map(t => t.dataset.gkRow)"
        )
    )


def status(page: Any, root: str) -> str:
    return str(page.text_content(f"{root} [data-gk-status]")).strip()


def aria_sort(page: Any, root: str) -> dict[str, str]:
    return dict(
        page.eval_on_selector_all(
            f"{root} thead th[aria-sort]",
            "ths => ths.map(t => [t.dataset.gkCol, t.getAttribute('aria-sort')])",
        )
    )


def facet_counts(page: Any, root: str, column: str) -> dict[str, str]:
    return dict(
        page.eval_on_selector_all(
            f"{root} [data-gk-facet={column}] [data-gk-count]",
            "spans => spans.map(s => [s.dataset.gkCount, s.textContent])",
        )
    )


def wait_for_state(page: Any, fragment: str) -> None:
    """The URL is written a moment after the last change: wait until it holds ``fragment``."""
    page.wait_for_function("f => decodeURIComponent(location.search).includes(f)", arg=fragment)


def tab_until(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector`` (fails after ``limit``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


# --------------------------------------------------------------------------- mini fixture


def test_mini_sort_by_size_facets_and_counts(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + "matrices/weights/")
    root = "[data-gk-id=weights]"
    live = page.locator(f"{root} [data-gk-status]")
    assert live.get_attribute("role") == "status"
    assert live.get_attribute("aria-live") == "polite"
    assert status(page, root) == "2 of 2 rows"
    assert page.locator(f"{root} [data-gk-controls]").is_visible()
    assert aria_sort(page, root) == {"tool": "none", "weight": "none", "kind": "none"}

    page.click(f"{root} th[data-gk-col=weight] button")  # 10GB < Petabytes
    assert rows(page, root) == ["hammer", "mallet"]
    assert aria_sort(page, root)["weight"] == "ascending"
    page.click(f"{root} th[data-gk-col=weight] button")
    assert rows(page, root) == ["mallet", "hammer"]
    assert aria_sort(page, root) == {"tool": "none", "weight": "descending", "kind": "none"}

    page.check(f"{root} [data-gk-facet=kind] input[value=Wood]")
    assert rows(page, root) == ["mallet"]
    assert status(page, root) == "1 of 2 rows"
    # A facet's own counts ignore its own choice but follow the query and the other facets.
    assert facet_counts(page, root, "kind") == {"Steel": "1", "Wood": "1"}
    page.fill(f"{root} [data-gk-filter]", "steel")
    assert rows(page, root) == []
    assert status(page, root) == "0 of 2 rows"
    assert facet_counts(page, root, "kind") == {"Steel": "1", "Wood": "0"}
    page.click(f"{root} [data-gk-action=clear]")
    assert status(page, root) == "2 of 2 rows"
    assert page.input_value(f"{root} [data-gk-filter]") == ""
    assert rows(page, root) == ["mallet", "hammer"]  # clearing filters keeps the sort


def test_without_javascript_the_whole_table_is_there(
    new_context: Callable[..., Any], mini_url: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(mini_url + "matrices/weights/")
    root = "[data-gk-id=weights]"
    assert rows(page, root) == ["hammer", "mallet"]
    assert not page.locator(f"{root} [data-gk-controls]").is_visible()
    assert not page.locator(f"{root} .gk-select").first.is_visible()
    assert page.locator(f"{root} th button").count() == 0
    assert "Petabytes" in page.inner_text(f"{root} [data-gk-table]")


# --------------------------------------------------------------------------- the guide


def test_guide_filter_write_heavy_finds_cassandra(page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + "matrices/databases/")
    every = page.eval_on_selector_all(
        f"{DATABASES} tbody tr", "trs => trs.map(t => [t.dataset.gkRow, t.textContent])"
    )
    total = len(every)
    assert total >= 15
    expected = [row for row, text in every if "write-heavy" in text.lower()]
    assert "cassandra" in expected
    assert len(expected) < total

    page.locator(f"{DATABASES} [data-gk-filter]").press_sequentially("Write-Heavy")
    assert rows(page, DATABASES) == expected
    assert status(page, DATABASES) == f"{len(expected)} of {total} rows"
    assert "Write-heavy, time-series" in page.inner_text(f"{DATABASES} #databases-cassandra")

    # Several words are AND-ed, in any order, across cells.
    page.fill(f"{DATABASES} [data-gk-filter]", "petabytes write")
    assert rows(page, DATABASES) == ["cassandra"]
    page.fill(f"{DATABASES} [data-gk-filter]", "petabytes sessions")
    assert rows(page, DATABASES) == []


def test_guide_facet_plus_size_sort(page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + "matrices/databases/")
    data = page.eval_on_selector_all(
        f"{DATABASES} tbody tr",
        """trs => trs.map(t => [t.dataset.gkRow,
             t.querySelector('[data-gk-col=acid]').dataset.facet || '',
             t.querySelector('[data-gk-col=scale]').dataset.sort || null])""",
    )
    page.check(f"{DATABASES} [data-gk-facet=acid] input[value=No]")
    page.click(f"{DATABASES} th[data-gk-col=scale] button")
    shown = rows(page, DATABASES)

    picked = [(row, float(key) if key else None) for row, acid, key in data if acid == "No"]
    keyed = sorted((p for p in picked if p[1] is not None), key=lambda p: p[1])  # stable
    expected = [row for row, _ in keyed] + [row for row, key in picked if key is None]
    assert shown == expected
    # The guide's own sizes: 100GB < 100TB < Petabytes.
    order = [r for r in shown if r in {"redis", "elasticsearch", "cassandra"}]
    assert order == ["redis", "elasticsearch", "cassandra"]
    # ACID today (sourced): not the flowchart's "no ACID" path
    assert not {"postgresql", "mongodb", "dynamodb", "neo4j"} & set(shown)
    assert status(page, DATABASES) == f"{len(expected)} of {len(data)} rows"

    page.click(f"{DATABASES} th[data-gk-col=scale] button")
    shown = rows(page, DATABASES)
    assert shown[0] == "cassandra"
    # Rows without a size stay after the sized ones in both directions.
    assert shown[len(keyed) :] == [row for row, key in picked if key is None]


def test_guide_acid_cells_cite_their_sources(page: Any, guide_url: str) -> None:
    """The ACID facts carry numbered notes that lead to their sources; the flowchart's path is
    a column of its own, named as the guide's."""
    open_widgets(page, guide_url + "matrices/databases/")
    mongo = f"{DATABASES} #databases-mongodb"
    assert page.inner_text(f"{mongo} [data-gk-col=acid]").startswith("Yes")
    assert page.inner_text(f"{mongo} [data-gk-col=flowchart]") == "ACID not needed; document access"
    mark = page.locator(f"{mongo} [data-gk-col=acid] .gk-note-ref a")
    target = "#" + str(mark.get_attribute("href")).split("#")[-1]
    assert target.startswith("#table-databases-note-")
    note = page.locator(f"{DATABASES} {target}")
    assert "since 4.0" in note.inner_text()
    assert note.locator("a").get_attribute("href") == (
        "https://www.mongodb.com/docs/manual/core/transactions/")


def test_on_a_phone_columns_are_not_squeezed_to_their_longest_word(
    new_context: Callable[..., Any], guide_url: str
) -> None:
    """At 390 px the box scrolls sideways: a column takes its text's width up to 11em, so the
    guide's database rows read in one or two lines, not five (squeezed to the box, the path
    column was ~84 px wide and its rows ~140 px tall)."""
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    open_widgets(page, guide_url + "matrices/databases/")
    figures = page.evaluate(
        """root => {
            const table = document.querySelector(root + ' table');
            const em = parseFloat(getComputedStyle(table.querySelector('td')).fontSize);
            const cols = [...table.querySelectorAll('thead th[data-gk-col]')].map(th =>
                [th.dataset.gkCol, th.getBoundingClientRect().width / em]);
            const lines = [...table.querySelectorAll('tbody td[data-gk-col]')].map(td => {
                const style = getComputedStyle(td);
                const inner = td.clientHeight - parseFloat(style.paddingTop)
                    - parseFloat(style.paddingBottom);
                return Math.round(inner / parseFloat(style.lineHeight));
            });
            const box = table.parentElement;
            return {cols: Object.fromEntries(cols), lines: Math.max(...lines),
                    scrolls: box.scrollWidth > box.clientWidth,
                    page: document.documentElement.scrollWidth};
        }""", DATABASES)
    assert figures["scrolls"] and figures["page"] <= 390  # the box scrolls, not the page
    assert figures["cols"]["flowchart"] > 10.5 and figures["cols"]["best_for"] > 10.5
    assert all(width <= 11.05 for col, width in figures["cols"].items()
               if col != "database"), figures["cols"]
    assert figures["lines"] <= 3, figures  # the tallest row's cells: at most three lines


def test_guide_compare_keeps_links(page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + "matrices/databases/")
    page.check(f"{DATABASES} #databases-postgresql [data-gk-select]")
    page.check(f"{DATABASES} #databases-cassandra [data-gk-select]")
    button = page.locator(f"{DATABASES} [data-gk-action=compare]")
    assert button.inner_text() == "Compare selected (2)"
    button.click()
    region = page.locator(f"{DATABASES} [data-gk-compare]")
    assert region.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-gk-compare')")
    heads = region.locator("thead th")
    assert heads.all_inner_texts() == ["PostgreSQL", "Cassandra"]
    link = heads.first.locator("a")
    original = page.locator(f"{DATABASES} #databases-postgresql a").first
    assert link.get_attribute("href") == original.get_attribute("href")
    labels = region.locator("tbody th").all_inner_texts()
    assert labels[:3] == ["Best For", "Avoid When", "Scale"]
    best = region.locator("tbody tr").first.locator("td").all_inner_texts()
    assert best == ["OLTP, complex queries", "Write-heavy, time-series"]
    link.click()
    page.wait_for_url(re.compile(r"/postgresql/"))


# --------------------------------------------------------------------------- Material fixture


def test_diacritics_and_case_do_not_matter(page: Any, matrix_url: str) -> None:
    open_widgets(page, matrix_url + "stores/")
    box = f"{STORES} [data-gk-filter]"
    for query, expected in [
        ("écrit", ["alpha"]),
        ("ECRIT", ["alpha"]),
        ("ecriture", ["alpha"]),
        ("séries  rapide", ["alpha"]),
        ("creme brulee", ["foxtrot"]),
        ("CRÈME", ["foxtrot"]),
        ("rapide graphs", []),
        ("   ", ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]),
    ]:
        page.fill(box, query)
        assert rows(page, STORES) == expected, query
        assert status(page, STORES) == f"{len(expected)} of 6 rows"


def test_typing_on_and_back_shows_what_a_fresh_filter_shows(
    page: Any, new_context: Callable[..., Any], matrix_url: str
) -> None:
    """Typing on tests again only the rows the last query matched; deleting, a sort or a facet
    starts from every row. At each keystroke the rows are those a page loaded afresh shows
    for the same query and sort."""
    url = matrix_url + "stores/"
    open_widgets(page, url)
    fresh = new_context().new_page()
    box = f"{STORES} [data-gk-filter]"
    sort = f"{STORES} th[data-gk-col=size] button"
    page.click(box)
    seen: set[tuple[str, ...]] = set()

    def same_as_fresh(step: str, sorted_by_size: bool = False) -> None:
        query = page.input_value(box)
        open_widgets(fresh, url)
        if sorted_by_size:
            fresh.click(sort)
        fresh.fill(box, query)
        shown = rows(page, STORES)
        assert shown == rows(fresh, STORES), f"{step}: {query!r}"
        assert status(page, STORES) == status(fresh, STORES), f"{step}: {query!r}"
        seen.add(tuple(shown))

    for key in "ra":
        page.keyboard.type(key)
        same_as_fresh("typed")
    for _ in range(2):
        page.keyboard.press("Backspace")
        same_as_fresh("deleted")
    page.keyboard.type("e")
    same_as_fresh("typed after deleting")
    page.click(sort)
    page.click(box)
    page.keyboard.press("End")
    page.keyboard.type("c")
    same_as_fresh("typed after a sort", sorted_by_size=True)
    # The steps saw different row sets, so a filter stuck on one would have failed above.
    assert len(seen) > 2, seen


def test_facets_or_within_and_across(page: Any, matrix_url: str) -> None:
    open_widgets(page, matrix_url + "stores/")
    assert facet_counts(page, STORES, "model") == {
        "Graph": "1",
        "Key-Value": "1",
        "Relational": "2",
        "Wide column": "2",
    }
    page.check(f"{STORES} [data-gk-facet=model] input[value=Relational]")
    page.check(f"{STORES} [data-gk-facet=model] input[value='Wide column']")
    assert rows(page, STORES) == ["alpha", "bravo", "delta", "foxtrot"]
    assert facet_counts(page, STORES, "license") == {"Commercial": "2", "Open": "2"}
    page.check(f"{STORES} [data-gk-facet=license] input[value=Open]")
    assert rows(page, STORES) == ["alpha", "bravo"]
    assert facet_counts(page, STORES, "model") == {
        "Graph": "0",
        "Key-Value": "1",
        "Relational": "1",
        "Wide column": "1",
    }
    # Sorting by size inside the facets; rows without a size (Echo) come last.
    page.uncheck(f"{STORES} [data-gk-facet=license] input[value=Open]")
    page.uncheck(f"{STORES} [data-gk-facet=model] input[value=Relational]")
    page.uncheck(f"{STORES} [data-gk-facet=model] input[value='Wide column']")
    page.click(f"{STORES} th[data-gk-col=size] button")
    assert rows(page, STORES) == ["bravo", "alpha", "delta", "foxtrot", "charlie", "echo"]
    page.click(f"{STORES} th[data-gk-col=size] button")
    assert rows(page, STORES) == ["charlie", "delta", "foxtrot", "alpha", "bravo", "echo"]
    page.click(f"{STORES} th[data-gk-col=store] button")  # text sort, ascending again
    assert rows(page, STORES) == ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]


def test_columns_show_and_hide(page: Any, matrix_url: str) -> None:
    open_widgets(page, matrix_url + "stores/")

    def visible() -> list[str]:
        return list(
            page.eval_on_selector_all(
                f"{STORES} thead th[data-gk-col]:not([hidden])",
                "ths => ths.map(t => t.dataset.gkCol)",
            )
        )

    assert visible() == ["store", "good_at", "size", "model", "license"]  # notes: hidden: true
    assert page.locator(f"{STORES} #stores-alpha [data-gk-col=notes]").is_hidden()
    page.click(f"{STORES} .gk-matrix__columns summary")
    assert page.locator(f"{STORES} [data-gk-column-toggle][value=store]").is_disabled()
    page.check(f"{STORES} [data-gk-column-toggle][value=notes]")
    page.uncheck(f"{STORES} [data-gk-column-toggle][value=good_at]")
    assert visible() == ["store", "size", "model", "license", "notes"]
    assert page.locator(f"{STORES} #stores-alpha [data-gk-col=notes]").is_visible()
    assert page.locator(f"{STORES} #stores-alpha [data-gk-col=good_at]").is_hidden()
    # Hidden cells still count for the filter ("across all cells").
    page.fill(f"{STORES} [data-gk-filter]", "brûlée")
    assert rows(page, STORES) == ["foxtrot"]


def test_compare_side_by_side_then_close(page: Any, matrix_url: str) -> None:
    open_widgets(page, matrix_url + "stores/")
    compare = page.locator(f"{STORES} [data-gk-action=compare]")
    assert compare.is_disabled()
    page.check(f"{STORES} #stores-delta [data-gk-select]")
    page.check(f"{STORES} #stores-alpha [data-gk-select]")
    compare.click()
    region = page.locator(f"{STORES} [data-gk-compare]")
    assert region.is_visible()
    assert region.get_attribute("role") == "region"
    assert page.evaluate("document.activeElement.hasAttribute('data-gk-compare')")
    table = [
        [cell.strip() for cell in row]
        for row in page.eval_on_selector_all(
            f"{STORES} [data-gk-compare] tr",
            "trs => trs.map(tr => [...tr.cells].map(c => c.textContent))",
        )
    ]
    assert table == [
        ["", "Alpha", "Delta"],
        ["Good at", "Écriture rapide, séries", "Write-heavy logs"],
        ["Size", "10TB", "100TB"],
        ["Model", "Wide column", "Wide column"],
        ["Licence", "Open", "Commercial"],
    ]
    # Showing a column adds it to the comparison, with its link cloned.
    page.click(f"{STORES} .gk-matrix__columns summary")
    page.check(f"{STORES} [data-gk-column-toggle][value=notes]")
    assert region.locator("tbody tr").last.locator("th").inner_text() == "Notes"
    assert region.locator("tbody tr").last.locator("a").count() == 1
    # Filtering does not drop selected rows from the comparison.
    page.fill(f"{STORES} [data-gk-filter]", "graphs")
    assert region.locator("thead th").all_inner_texts() == ["Alpha", "Delta"]
    region.get_by_role("button", name="Close comparison").click()
    assert region.is_hidden()
    assert page.evaluate("document.activeElement.dataset.gkAction") == "compare"


def test_the_url_reproduces_the_view_in_a_new_browser(
    page: Any, new_context: Callable[..., Any], matrix_url: str
) -> None:
    open_widgets(page, matrix_url + "stores/")
    page.fill(f"{STORES} [data-gk-filter]", "e")
    page.check(f"{STORES} [data-gk-facet=model] input[value=Relational]")
    page.check(f"{STORES} [data-gk-facet=model] input[value='Wide column']")
    page.click(f"{STORES} th[data-gk-col=size] button")
    page.click(f"{STORES} th[data-gk-col=size] button")
    page.click(f"{STORES} .gk-matrix__columns summary")
    page.uncheck(f"{STORES} [data-gk-column-toggle][value=license]")
    page.check(f"{STORES} [data-gk-column-toggle][value=notes]")
    page.check(f"{STORES} #stores-bravo [data-gk-select]")
    page.check(f"{STORES} #stores-delta [data-gk-select]")
    page.click(f"{STORES} [data-gk-action=compare]")
    wait_for_state(page, "c=1")

    def view(p: Any) -> dict[str, Any]:
        return {
            "rows": rows(p, STORES),
            "query": p.input_value(f"{STORES} [data-gk-filter]"),
            "facets": p.eval_on_selector_all(
                f"{STORES} [data-gk-facet-value]:checked", "bs => bs.map(b => b.value)"
            ),
            "sort": aria_sort(p, STORES),
            "columns": p.eval_on_selector_all(
                f"{STORES} thead th[data-gk-col]:not([hidden])",
                "ths => ths.map(t => t.dataset.gkCol)",
            ),
            "selected": p.eval_on_selector_all(
                f"{STORES} tr:has([data-gk-select]:checked)", "trs => trs.map(t => t.dataset.gkRow)"
            ),
            "compare": p.locator(f"{STORES} [data-gk-compare] thead th").all_inner_texts(),
            "status": status(p, STORES),
        }

    before = view(page)
    assert before["rows"] == ["delta", "foxtrot", "alpha", "bravo"]
    assert before["compare"] == ["Bravo", "Delta"]
    assert before["sort"]["size"] == "descending"
    assert before["columns"] == ["store", "good_at", "size", "model", "notes"]
    url = page.url
    assert "gk-matrix-stores=" in url

    fresh = new_context().new_page()
    open_widgets(fresh, url)
    assert view(fresh) == before
    assert fresh.locator(f"{STORES} [data-gk-compare]").is_visible()

    # Back to the default view: the parameter disappears from the URL.
    page.click(f"{STORES} [data-gk-compare] button")
    page.click(f"{STORES} [data-gk-action=clear]")
    page.uncheck(f"{STORES} #stores-bravo [data-gk-select]")
    page.uncheck(f"{STORES} #stores-delta [data-gk-select]")
    page.check(f"{STORES} [data-gk-column-toggle][value=license]")
    page.uncheck(f"{STORES} [data-gk-column-toggle][value=notes]")
    page.wait_for_function("location.search === '?gk-matrix-stores=s%3D-size'")
    page.reload()
    page.wait_for_selector(f"{STORES}[data-gk-ready]")
    assert aria_sort(page, STORES)["size"] == "descending"  # the sort was kept
    assert rows(page, STORES) == ["charlie", "delta", "foxtrot", "alpha", "bravo", "echo"]


def test_share_copies_the_link(new_context: Callable[..., Any], matrix_url: str) -> None:
    ctx = new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=matrix_url.rstrip("/"))
    page = ctx.new_page()
    open_widgets(page, matrix_url + "stores/")
    page.fill(f"{STORES} [data-gk-filter]", "wide")
    page.click(f"{STORES} [data-gk-action=share]")  # writes the URL at once, then copies it
    page.wait_for_function(
        "document.querySelector('[data-gk-id=stores] [data-gk-status]').textContent"
        ".includes('copied')"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url
    assert "gk-matrix-stores=q%3Dwide" in copied


def test_url_state_is_validated(page: Any, matrix_url: str) -> None:
    state = (
        "q=graph&s=nope&h=store&h=zzz&f.model=Nope&f.zzz=x&r=nobody&c=1&f.__proto__=x"
        "&h=toString&r=constructor"
    )
    open_widgets(page, f"{matrix_url}stores/?gk-matrix-stores={quote(state)}")
    assert rows(page, STORES) == ["charlie"]
    assert set(aria_sort(page, STORES).values()) == {"none"}
    assert page.locator(f"{STORES} thead th[data-gk-col=store]").is_visible()
    assert page.locator(f"{STORES} thead th[data-gk-col=notes]").is_hidden()  # default kept
    assert page.locator(f"{STORES} [data-gk-compare]").is_hidden()
    assert page.locator(f"{STORES} [data-gk-facet-value]:checked").count() == 0

    markup = '<img src=x onerror="document.title=1">'
    open_widgets(page, f"{matrix_url}stores/?gk-matrix-stores={quote('q=' + quote(markup))}")
    assert page.input_value(f"{STORES} [data-gk-filter]") == markup
    assert rows(page, STORES) == []
    assert page.locator("img[src=x]").count() == 0
    open_widgets(page, f"{matrix_url}stores/?gk-matrix-stores=%25%%ZZ&gk-matrix-stores=h")
    assert status(page, STORES) == "6 of 6 rows"


def test_keyboard_only(page: Any, matrix_url: str) -> None:
    open_widgets(page, matrix_url + "stores/")
    tab_until(page, "[data-gk-filter]")
    page.keyboard.type("open")
    assert status(page, STORES) == "3 of 6 rows"
    tab_until(page, "th[data-gk-col=size] button")
    page.keyboard.press("Enter")
    assert aria_sort(page, STORES)["size"] == "ascending"
    assert rows(page, STORES) == ["bravo", "alpha", "echo"]
    page.keyboard.press("Space")
    assert aria_sort(page, STORES)["size"] == "descending"
    assert rows(page, STORES) == ["alpha", "bravo", "echo"]
    tab_until(page, "[data-gk-select]")
    page.keyboard.press("Space")
    assert page.eval_on_selector_all(
        f"{STORES} tr:has([data-gk-select]:checked)", "trs => trs.map(t => t.dataset.gkRow)"
    ) == ["alpha"]
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.dataset.gkAction === 'compare'"):
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-gk-compare')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the close button
    assert page.locator(f"{STORES} [data-gk-compare]").is_hidden()
    assert page.evaluate("document.activeElement.dataset.gkAction") == "compare"
    # Focus is visible.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_instant_navigation_starts_the_matrix_once(page: Any, matrix_url: str) -> None:
    page.goto(matrix_url)  # the home page: no widgets
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="stores").first.click()
    page.wait_for_selector(f"{STORES}[data-gk-ready]")
    assert page.evaluate("window.__sameDocument === true"), "not an instant navigation"
    assert page.locator(f"{STORES} th button").count() == 6
    page.fill(f"{STORES} [data-gk-filter]", "graph")
    # Leave before the URL is written: the home page must not receive the matrix's state.
    page.get_by_role("link", name="home").first.click()
    page.wait_for_url(matrix_url)
    page.wait_for_timeout(400)
    assert "gk-matrix" not in page.url
    page.go_back()
    page.wait_for_selector(f"{STORES}[data-gk-ready]")
    assert page.evaluate("window.__sameDocument === true")
    assert page.locator(f"{STORES} th button").count() == 6
    assert page.locator(f"{STORES} [data-gk-select-col]").count() == 1
    page.fill(f"{STORES} [data-gk-filter]", "wide")
    assert rows(page, STORES) == ["alpha", "delta"]


def test_dark_scheme_and_sticky_header(page: Any, matrix_url: str) -> None:
    open_widgets(page, matrix_url + "stores/")
    head = f"{STORES} thead th[data-gk-col=store]"
    light = page.eval_on_selector(head, "t => getComputedStyle(t).backgroundColor")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.eval_on_selector(head, "t => getComputedStyle(t).backgroundColor")
    assert light != dark
    assert page.eval_on_selector(head, "t => getComputedStyle(t).position") == "sticky"


def test_axe_finds_nothing_serious_in_the_matrix(page: Any, matrix_url: str) -> None:
    state = quote("f.model=Graph&r=alpha&r=charlie&c=1&s=size")
    open_widgets(page, f"{matrix_url}stores/?gk-matrix-stores={state}")
    assert page.locator(f"{STORES} .gk-zero").count() > 0  # dimmed zero counts are checked too
    page.evaluate(axe_source())
    problems = []
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        result = page.evaluate(
            "s => axe.run({include: [[s]]}, {resultTypes: ['violations']})", STORES
        )
        problems += [
            format_violation(v, scheme)
            for v in result["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- big tables


def test_big_table_renders_a_window(page: Any, big_url: str) -> None:
    open_widgets(page, big_url)
    root = BIG
    assert status(page, root) == f"{BIG_ROWS} of {BIG_ROWS} rows, showing the first 50"
    assert len(rows(page, root)) == 50
    more = page.locator(f"{root} [data-gk-more]")
    assert more.inner_text() == f"Show more ({BIG_ROWS - 50} left)"

    page.fill(f"{root} [data-gk-filter]", "needle")
    assert rows(page, root) == ["r1100"]
    assert more.is_hidden()
    page.fill(f"{root} [data-gk-filter]", "")
    page.check(f"{root} [data-gk-facet=kind] input[value=K3]")
    assert status(page, root) == "120 of 1200 rows, showing the first 50"
    assert facet_counts(page, root, "kind")["K4"] == "120"
    page.click(f"{root} th[data-gk-col=size] button")
    page.click(f"{root} th[data-gk-col=size] button")
    shown = rows(page, root)
    assert shown[0] == "r83"  # 84GB, the largest size of kind K3; ties keep the table order
    page.uncheck(f"{root} [data-gk-facet=kind] input[value=K3]")
    assert rows(page, root)[0] == "r1111"  # 9PB
    more.click()
    assert len(rows(page, root)) == 250
    # Scrolling to the end of the table's box brings more rows.
    page.eval_on_selector(f"{root} .gk-table__scroll", "b => { b.scrollTop = b.scrollHeight; }")
    page.wait_for_function("document.querySelectorAll('[data-gk-id=big] tbody tr').length > 250")


PICK_AND_COUNT = """([root, value, on, print]) => {
  const box = document.querySelector(`${root} [data-gk-facet=kind] input[value=${value}]`);
  box.checked = on;
  box.dispatchEvent(new Event('change', {bubbles: true}));
  if (print) window.dispatchEvent(new Event('beforeprint'));
  const trs = [...document.querySelectorAll(root + ' tbody tr')];
  return [trs.length, trs.filter((t) => t.getClientRects().length).length];
}"""


def test_big_table_lays_out_the_rows_in_view_at_once(page: Any, big_url: str) -> None:
    """A facet (or a keystroke, a sort) that brings a new window lays out its first 20 rows in
    the same task and the rest a frame later: it pays for the rows in view only. Printing
    lays out every row at once."""
    open_widgets(page, big_url)
    # Kind K3: rows 3, 13, 23...; of its first 50, only the first 5 were shown before.
    assert page.evaluate(PICK_AND_COUNT, [BIG, "K3", True, False]) == [50, 20]
    page.wait_for_function(f"!document.querySelector('{BIG} tbody tr.gk-matrix__later')")
    laid_out = "trs => trs.filter(t => t.getClientRects().length).map(t => t.dataset.gkRow)"
    assert page.eval_on_selector_all(f"{BIG} tbody tr", laid_out) == [
        f"r{i}" for i in range(3, 500, 10)]
    assert status(page, BIG) == "120 of 1200 rows, showing the first 50"
    # Every row again, then printing before the next frame: every row is laid out.
    assert page.evaluate(PICK_AND_COUNT, [BIG, "K3", False, True]) == [BIG_ROWS, BIG_ROWS]


def test_big_table_before_its_script_shows_the_window_it_will_show(
    page: Any, new_context: Callable[..., Any], big_url: str
) -> None:
    """Until the script starts, the page lays out the first 50 rows only (so starting moves
    nothing and thousands of rows are never laid out); without JavaScript every row shows."""
    page.route("**/guidekit.js", lambda r: r.fulfill(body="", content_type="text/javascript"))
    page.goto(big_url)
    displayed = f"{BIG} tbody tr:not([hidden])"
    laid_out = "trs => trs.filter(t => t.getClientRects().length).map(t => t.dataset.gkRow)"
    assert page.eval_on_selector_all(displayed, laid_out) == [f"r{i}" for i in range(50)]
    assert page.locator(f"{BIG} tbody tr").count() == BIG_ROWS
    assert status(page, BIG) == f"{BIG_ROWS} of {BIG_ROWS} rows, showing the first 50"
    assert page.text_content(f"{BIG} [data-gk-more]") == f"Show more ({BIG_ROWS - 50} left)"

    still = new_context(java_script_enabled=False).new_page()
    still.goto(big_url)
    assert len(still.eval_on_selector_all(displayed, laid_out)) == BIG_ROWS
    assert not still.locator(f"{BIG} [data-gk-more]").is_visible()


def test_big_table_link_to_a_row_beyond_the_window(page: Any, big_url: str) -> None:
    open_widgets(page, big_url + "#big-r1150")
    assert page.locator("#big-r1150").count() == 1
    assert page.locator("#big-r1150").is_visible()
    assert len(rows(page, BIG)) >= 1151
