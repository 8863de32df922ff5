"""Decision wizard in a real browser: one question at a time from the nested list, the path in
the URL, Back and Restart, focus on the new question, and the list readable without JS."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import open_widgets

pytestmark = pytest.mark.browser

ROUTE = "decisions/route/"
WIZARD = "#decision-route [data-gk-wizard]"


def answer(page: Any, label: str, wizard: str = WIZARD) -> None:
    page.locator(wizard).get_by_role("button", name=label, exact=True).click()


def question(page: Any, wizard: str = WIZARD) -> str:
    return page.locator(f"{wizard} .gk-wizard__question").text_content().strip()


def trail(page: Any, wizard: str = WIZARD) -> list[str]:
    return page.eval_on_selector_all(
        f"{wizard} .gk-wizard__path li", "ls => ls.map(l => l.textContent)"
    )


def path_param(page: Any, name: str = "gk-decision-route") -> list[str]:
    return parse_qs(urlsplit(page.url).query).get(name, [])


def focused(page: Any) -> str:
    return page.evaluate("document.activeElement.className")


def test_one_question_at_a_time_with_back_and_restart(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + ROUTE)
    assert page.is_visible(WIZARD)
    assert page.get_attribute("#decision-route [data-gk-tree-wrap]", "open") is None
    assert question(page) == "Further than 5 km?"
    assert "Door to door." in page.text_content(WIZARD)
    buttons = page.locator(f"{WIZARD} button")
    assert buttons.all_text_contents() == ["Yes", "No"]  # no Back/Restart at the start
    group = page.locator(f"{WIZARD} [role=group]")
    label_id = group.get_attribute("aria-labelledby")
    assert page.text_content(f"#{label_id}").strip() == "Further than 5 km?"
    assert focused(page) != "gk-wizard__question"  # loading the page does not move focus

    answer(page, "Yes")
    assert question(page) == "Is it raining?"
    assert focused(page) == "gk-wizard__question"
    assert trail(page) == ["Further than 5 km? → Yes"]
    assert buttons.all_text_contents() == ["Yes", "No", "Not sure", "Back", "Restart"]
    assert path_param(page) == ["0"]

    answer(page, "No")
    outcome = page.locator(f"{WIZARD} .gk-wizard__outcome")
    assert "Ride a bike" in outcome.text_content()
    assert focused(page) == "gk-wizard__outcome"
    assert trail(page) == ["Further than 5 km? → Yes", "Is it raining? → No"]
    assert path_param(page) == ["0.1"]
    assert (
        outcome.get_by_role("link", name="Mallet").get_attribute("href").endswith("tools/mallet/")
    )
    assert outcome.get_by_role("link", name="Hammer in Tool weights").count() == 1

    answer(page, "Back")
    assert question(page) == "Is it raining?"
    assert focused(page) == "gk-wizard__question"
    assert path_param(page) == ["0"]
    answer(page, "Not sure")
    assert "Take the bus" in page.text_content(WIZARD)
    assert "Stay dry." in page.text_content(WIZARD)
    assert "Alternatives: Mallet" in page.text_content(WIZARD)

    answer(page, "Restart")
    assert question(page) == "Further than 5 km?"
    assert trail(page) == []
    assert path_param(page) == []
    assert focused(page) == "gk-wizard__question"
    answer(page, "No")
    assert "Walk" in page.text_content(f"{WIZARD} .gk-wizard__outcome")
    # The tree itself is untouched: one outcome of each, all still in the list.
    assert page.locator("#decision-route [data-gk-tree] [data-gk-outcome]").count() == 4


def test_keyboard_only(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + ROUTE)
    page.focus(f"{WIZARD} button >> nth=0")
    page.keyboard.press("Enter")
    assert focused(page) == "gk-wizard__question"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Yes"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "No": it does not rain
    assert focused(page) == "gk-wizard__outcome"
    assert "Ride a bike" in page.text_content(WIZARD)


def test_the_url_restores_the_path_in_a_fresh_browser(
    page: Any, new_context: Callable[..., Any], mini_url: str
) -> None:
    open_widgets(page, mini_url + ROUTE)
    answer(page, "Yes")
    answer(page, "Not sure")
    link = page.url
    other = open_widgets(new_context().new_page(), link)
    assert "Take the bus" in other.text_content(WIZARD)
    assert trail(other) == ["Further than 5 km? → Yes", "Is it raining? → Not sure"]
    answer(other, "Back")
    assert question(other) == "Is it raining?"


@pytest.mark.parametrize(
    ("value", "shown", "kept"),
    [
        ("0.9.1", "Is it raining?", ["0"]),  # stops at the first step that does not fit
        ("1.0", None, ["1"]),  # an outcome has no answers
        ("x", "Further than 5 km?", []),
        ("0.-1", "Is it raining?", ["0"]),
        ("<b>0</b>", "Further than 5 km?", []),
        ("00.2", None, ["0.2"]),
    ],
)
def test_bad_paths_in_the_url_are_cut_at_the_first_bad_step(
    page: Any, mini_url: str, value: str, shown: str | None, kept: list[str]
) -> None:
    from urllib.parse import quote

    open_widgets(page, mini_url + ROUTE + "?gk-decision-route=" + quote(value))
    if shown is None:
        assert page.locator(f"{WIZARD} .gk-wizard__outcome").count() == 1
    else:
        assert question(page) == shown
    assert path_param(page) == kept
    assert page.locator(f"{WIZARD} b").count() == 0


def test_without_javascript_the_tree_is_a_readable_list(
    new_context: Callable[..., Any], mini_url: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(mini_url + ROUTE)
    assert not page.is_visible(WIZARD)
    tree = page.locator("#decision-route [data-gk-tree]")
    assert tree.is_visible()
    for text in [
        "Further than 5 km?",
        "Is it raining?",
        "Yes →",
        "Not sure →",
        "Walk",
        "Take the bus",
        "Ride a bike",
        "Stay dry.",
    ]:
        assert tree.get_by_text(text, exact=False).first.is_visible(), text
    assert tree.locator("[data-gk-node]").count() == 6  # the bus is reached twice


# --------------------------------------------------------------------------- the guide


GUIDE_WIZARD = "#decision-database-selection [data-gk-wizard]"


def test_guide_database_selection_reaches_cockroachdb(
    page: Any, new_context: Callable[..., Any], guide_url: str
) -> None:
    open_widgets(page, guide_url + "decisions/database-selection/")
    assert question(page, GUIDE_WIZARD) == "Need ACID transactions?"
    answer(page, "Yes", GUIDE_WIZARD)
    assert question(page, GUIDE_WIZARD) == "Need complex queries/joins?"
    answer(page, "No", GUIDE_WIZARD)
    assert question(page, GUIDE_WIZARD) == "Need massive scale?"
    answer(page, "Yes", GUIDE_WIZARD)
    outcome = page.locator(f"{GUIDE_WIZARD} .gk-wizard__outcome")
    assert outcome.locator("[data-gk-outcome]").text_content().strip() == "CockroachDB"
    assert trail(page, GUIDE_WIZARD) == [
        "Need ACID transactions? → Yes",
        "Need complex queries/joins? → No",
        "Need massive scale? → Yes",
    ]
    assert path_param(page, "gk-decision-database-selection") == ["0.1.0"]
    link = page.url

    answer(page, "Back", GUIDE_WIZARD)
    assert question(page, GUIDE_WIZARD) == "Need massive scale?"
    answer(page, "Restart", GUIDE_WIZARD)
    assert question(page, GUIDE_WIZARD) == "Need ACID transactions?"

    other = open_widgets(new_context().new_page(), link)
    restored = other.locator(f"{GUIDE_WIZARD} .gk-wizard__outcome")
    assert restored.locator("[data-gk-outcome]").text_content().strip() == "CockroachDB"
    restored.locator("[data-gk-refs]").get_by_role("link", name="CockroachDB").click()
    other.wait_for_load_state()
    assert "CockroachDB" in other.locator("h1").first.text_content()


def test_guide_tree_is_readable_without_javascript(
    new_context: Callable[..., Any], guide_url: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(guide_url + "decisions/database-selection/")
    tree = page.locator("#decision-database-selection [data-gk-tree]")
    assert tree.is_visible()
    assert tree.get_by_text("Need massive scale?").is_visible()
    assert tree.locator("[data-gk-outcome]", has_text="CockroachDB").first.is_visible()
