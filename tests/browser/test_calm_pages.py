"""The guide as a reader sees it, in headless Chromium: designed tables, calm chapters, and the
reader-facing bugs of issue 17, each with the check that would have caught it.

Every test drives the guide's own built site (``guide_url``); widths and schemes as a reader
uses them (1366 px desktop, 390 px phone, light and dark).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import open_widgets
from tests.gates import MATERIAL_CHROME, check_axe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def reader(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """``reader(viewport, scheme)`` -> a page in a fresh context (closed at teardown)."""
    contexts: list[Any] = []

    def open_page(viewport: dict[str, int] = DESKTOP, scheme: str = "light") -> Any:
        context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                      reduced_motion="reduce", service_workers="block")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------- tables

TABLE_RULES = """(root) => [...document.querySelectorAll(root + ' table')].map((t) => {
  const px = (el, side) => el ? parseFloat(getComputedStyle(el)['border' + side + 'Width']) : 0;
  const seen = (el, side) => {
    if (!el) return false;
    const c = getComputedStyle(el)['border' + side + 'Color'].match(/[\\d.]+/g).map(Number);
    return px(el, side) > 0 && (c.length < 4 || c[3] > 0.05);
  };
  const second = t.tBodies[0] && t.tBodies[0].rows[1];
  const cell = second && second.cells[second.cells.length - 1];
  const head = t.tHead && t.tHead.rows[0].cells[t.tHead.rows[0].cells.length - 1];
  return { id: (t.closest('[id]') || t).id, rows: seen(cell, 'Top'),
           header: !head || seen(head, 'Bottom') };
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    ["api-design/", "design-philosophy/", "industry-templates/healthcare/",
     "non-functional-requirements/", "matrices/databases/", "industry-templates/ecommerce/"],
)
def test_every_table_has_rules_between_rows_and_under_its_header(
    reader: Any, guide_url: str, path: str, scheme: str
) -> None:
    """Material styles only tables without a class; ours have one, so they draw their own rules
    (13 tables had none: cells ran into each other)."""
    page = reader(DESKTOP, scheme)
    open_widgets(page, guide_url + path)
    tables = page.evaluate(TABLE_RULES, ".md-content .gk")
    assert tables, path
    bare = [t["id"] for t in tables if not (t["rows"] and t["header"])]
    assert not bare, f"tables without visible rules on {path}: {bare}"


def test_a_chapter_shows_a_plain_table_and_links_to_its_matrix(page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + "non-functional-requirements/")
    table = page.locator("#table-latency-targets")
    assert table.get_attribute("data-gk") is None  # no tool in the chapter
    assert table.locator("input, button, details").count() == 0
    link = table.locator("a.gk-table__page")
    assert link.get_attribute("href").endswith("matrices/latency-targets/")
    # Its title would repeat the heading right above it: kept for screen readers only.
    title = table.locator(".gk-title")
    assert title.text_content() == "Latency Targets by System Type"
    assert "gk-sr" in (title.get_attribute("class") or "")
    link.click()
    page.wait_for_selector("[data-gk=matrix][data-gk-ready] [data-gk-filter]")


def test_the_matrix_page_uses_the_room(reader: Any, guide_url: str) -> None:
    page = reader(DESKTOP)
    open_widgets(page, guide_url + "matrices/databases/")
    # The empty table of contents is gone; the matrix fits without scrolling sideways.
    assert not page.locator(".md-sidebar--secondary").is_visible()
    box = page.locator("#table-databases .gk-table__scroll")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    # The caption and the controls are outside the scrolling box, so nothing is cut.
    assert box.locator(".gk-table__title, [data-gk-controls]").count() == 0
    caption = page.locator("#table-databases .gk-caption")
    assert caption.evaluate("c => c.scrollWidth <= c.clientWidth + 1")


def test_on_a_phone_the_matrix_scrolls_with_its_first_column_in_place(
    reader: Any, guide_url: str
) -> None:
    page = reader(PHONE)
    open_widgets(page, guide_url + "matrices/databases/")
    box = page.locator("#table-databases .gk-table__scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    # A visible cue: the box draws a shadow at the edge where more columns wait.
    assert "gradient" in box.evaluate("b => getComputedStyle(b).backgroundImage")
    name = page.locator("#databases-postgresql th.gk-rowhead")
    before = name.bounding_box()
    box.evaluate("b => { b.scrollLeft = 300; }")
    page.wait_for_function(
        "() => document.querySelector('#table-databases .gk-table__scroll').scrollLeft > 0"
    )
    after = name.bounding_box()
    assert abs(after["x"] - before["x"]) < 1  # the names stay put
    # The filters fold away behind one button.
    filters = page.locator("#table-databases .gk-matrix__filters")
    fold = page.locator("#table-databases [data-gk-action=filters]")
    assert not filters.is_visible()
    assert fold.get_attribute("aria-expanded") == "false"
    fold.click()
    assert filters.is_visible()
    assert fold.get_attribute("aria-expanded") == "true"
    page.check("#table-databases [data-gk-facet=acid] input[value=Yes]")
    assert fold.inner_text() == "Filters (1)"
    # Nothing sticks out of the phone's width.
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


def test_an_empty_result_says_so_and_offers_to_clear_filters(page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + "matrices/databases/")
    empty = page.locator("#table-databases [data-gk-empty]")
    assert not empty.is_visible()
    page.fill("#table-databases [data-gk-filter]", "no such database anywhere")
    assert empty.is_visible()
    assert empty.inner_text().startswith("No rows match these filters.")
    empty.get_by_role("button", name="Clear filters").click()
    assert not empty.is_visible()
    assert page.locator("#table-databases tbody tr").count() >= 15


def test_on_a_phone_the_what_if_rows_stack_and_show_their_source(
    reader: Any, guide_url: str
) -> None:
    """The what-if table was 3.5 columns wide on a phone, its Source column cut at the edge."""
    page = reader(PHONE)
    open_widgets(page, guide_url + "industry-templates/ecommerce/")
    box = page.locator(".gk-whatif .gk-whatif__scroll").first
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    right = box.evaluate("b => b.getBoundingClientRect().right")
    sources = page.locator(".gk-whatif .gk-whatif__source:not(:empty)")
    assert sources.count() > 0
    for index in range(sources.count()):
        cell = sources.nth(index).bounding_box()
        assert cell["x"] + cell["width"] <= right + 1
    label = sources.first.evaluate("s => getComputedStyle(s, '::before').content")
    assert label == '"Source"'


# --------------------------------------------------------------------------- chapters


def test_calculators_in_a_chapter_are_titled_cards_with_one_menu(
    reader: Any, guide_url: str
) -> None:
    page = reader(DESKTOP)
    open_widgets(page, guide_url + "non-functional-requirements/")
    cards = page.locator(".md-content .gk-calculator")
    assert cards.count() >= 8
    for index in range(cards.count()):
        card = cards.nth(index)
        assert card.evaluate("c => parseFloat(getComputedStyle(c).borderTopWidth) > 0")
        assert card.locator(".gk-card__title .gk-title").inner_text().strip()
        assert card.locator("details.gk-menu").count() == 1
    # Share, copy and reset wait in the closed menus: not one of them is on screen.
    for name in ("Copy share link", "Copy results as Markdown", "Reset to defaults"):
        assert not page.get_by_role("button", name=name).first.is_visible()
    menu = cards.first.locator("details.gk-menu")
    menu.locator("summary").click()
    assert menu.get_by_role("button", name="Copy share link").is_visible()
    page.keyboard.press("Escape")
    assert not menu.get_by_role("button", name="Copy share link").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_actions_menu_is_readable(reader: Any, guide_url: str, scheme: str) -> None:
    page = reader(DESKTOP, scheme)
    open_widgets(page, guide_url + "calculators/latency-budget/")
    page.click("#calculator-latency-budget .gk-menu > summary")
    page.fill("#gk-latency-budget-hops", "5, 20, 2k")  # and a "Read as" note under the field
    assert page.text_content("#gk-latency-budget-hops-read") == "Read as 5; 20; 2,000."
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    problems = check_axe(page, options={"runOnly": ["color-contrast"]},
                         exclude=MATERIAL_CHROME)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- bugs


def test_flashcards_hide_the_answers_until_asked(reader: Any, guide_url: str) -> None:
    """The 'All cards' list was open under the card: the answer sat beside the question."""
    page = reader(DESKTOP)
    open_widgets(page, guide_url + "flashcards/databases/")
    assert page.locator("[data-gk-study] [data-gk-front]").inner_text().strip()
    assert not page.locator("[data-gk-back]").is_visible()
    answers = page.locator(".gk-deck__card [data-gk-a]")
    assert answers.count() > 0
    assert all(not answers.nth(i).is_visible() for i in range(answers.count()))
    page.click("[data-gk-action=flip]")
    assert page.locator("[data-gk-back]").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_ascii_diagrams_are_legible(
    reader: Any, guide_url: str, viewport: dict[str, int], scheme: str
) -> None:
    page = reader(viewport, scheme)
    open_widgets(page, guide_url + "database-selection/")
    style = page.evaluate(
        """() => {
          const code = document.querySelector('.gk-snippet__code code');
          const text = document.querySelector('.md-content article > p');
          return { size: parseFloat(getComputedStyle(code).fontSize),
                   color: getComputedStyle(code).color, text: getComputedStyle(text).color };
        }"""
    )
    assert style["size"] >= 12.5
    assert style["color"] == style["text"]  # the page's own text colour, not a light grey


def test_a_section_title_is_not_said_twice(page: Any, guide_url: str) -> None:
    page.goto(guide_url + "industry-templates/healthcare/")
    shown = page.locator("article").get_by_text("Original diagram", exact=True)
    visible = [i for i in range(shown.count()) if shown.nth(i).is_visible()]
    assert len(visible) == 1
