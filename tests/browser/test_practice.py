"""Flashcards and estimation drills in a real browser: a study session moves cards between
Leitner boxes and the boxes survive a reload and instant navigation; a drill grades a right and
a wrong estimate and opens the worked solution; a seed in the URL replays the same scenario in a
fresh browser; and the page's generator, estimate reader and grading agree with Python's."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from guidekit.core import load_site
from guidekit.kinds.calculator import KIND as CALCULATOR
from guidekit.kinds.drill import KIND as DRILL
from guidekit.kinds.drill import view as drill_widget
from tests.browser.conftest import FIXTURES, open_widgets
from tests.gates import build_site as _build_site
from tests.gates.serve import StaticServer

pytestmark = pytest.mark.browser

PRACTICE = FIXTURES / "mini-practice"
DECK = "#deck-planets"


@pytest.fixture(scope="session")
def practice_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/fixtures/mini-practice (Material, instant navigation) built with its site_url
    equal to the served URL, so that links between its pages are instant navigation."""
    site = tmp_path_factory.mktemp("mini-practice") / "site"
    site.mkdir()
    server = StaticServer(site)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("GUIDEKIT_SITE_URL", server.base_url)
            _build_site(PRACTICE, site, True)
        yield server.base_url
    finally:
        server.stop()


def boxes(page: Any, root: str = DECK) -> list[int]:
    """Cards in boxes 1..5 as the study mode shows them."""
    return [int(x) for x in page.eval_on_selector_all(
        f"{root} .gk-study__box [data-gk-box-count]", "els => els.map(e => e.textContent)")]


def current_card(page: Any, root: str = DECK) -> str:
    return str(page.get_attribute(f"{root} [data-gk-card]", "data-gk-current"))


# --------------------------------------------------------------------------- flashcards


def test_a_study_session_moves_cards_between_boxes_and_keeps_them(page: Any,
                                                                  practice_url: str) -> None:
    open_widgets(page, practice_url + "flashcards/planets/")
    assert boxes(page) == [6, 0, 0, 0, 0]
    first = current_card(page)
    assert first == "moons-mercury"
    assert page.locator(f"{DECK} [data-gk-back]").is_hidden()

    # Keyboard only: Space shows the answer, 2 says "knew it".
    page.focus(f"{DECK} [data-gk-card]")
    page.keyboard.press("Space")
    assert page.locator(f"{DECK} [data-gk-back]").is_visible()
    assert page.inner_text(f"{DECK} [data-gk-back-text]").strip() == "0"
    page.keyboard.press("2")
    assert boxes(page) == [5, 1, 0, 0, 0]
    assert page.get_attribute(f'{DECK} [data-gk-card-id="{first}"]', "data-gk-box") == "2"
    assert "box 2" in page.inner_text(f"{DECK} [data-gk-status]")

    # The next card, answered wrong with the arrow key: it stays in box 1 and comes back last.
    second = current_card(page)
    assert second == "moons-venus"
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowLeft")
    assert boxes(page) == [5, 1, 0, 0, 0]
    assert current_card(page) == "moons-earth"

    # Buttons do the same as keys.
    page.click(f"{DECK} [data-gk-action=flip]")
    page.click(f"{DECK} [data-gk-action=right]")
    assert boxes(page) == [4, 2, 0, 0, 0]

    page.reload()
    open_widgets(page, page.url)
    assert boxes(page) == [4, 2, 0, 0, 0]
    # Cards moved up are due later: this session starts with what is left in box 1.
    assert current_card(page) == "moons-venus"

    # Instant navigation away and back (Material swaps the page): same boxes, started once.
    page.evaluate("window.__gkSameDocument = true")
    page.get_by_role("link", name="Other", exact=True).first.click()
    page.wait_for_url("**/other/")
    page.get_by_role("link", name="planets deck").click()
    page.wait_for_url("**/flashcards/planets/")
    page.wait_for_selector(f"{DECK}[data-gk-ready]", state="attached")
    assert page.evaluate("window.__gkSameDocument === true"), "not instant navigation"
    assert boxes(page) == [4, 2, 0, 0, 0]
    assert page.locator(f"{DECK} [data-gk-action=flip]").count() == 1


def test_the_index_studies_every_deck_and_shares_their_progress(page: Any,
                                                                practice_url: str) -> None:
    open_widgets(page, practice_url + "flashcards/planets/")
    page.click(f"{DECK} [data-gk-action=flip]")
    page.click(f"{DECK} [data-gk-action=right]")
    open_widgets(page, practice_url + "flashcards/")
    assert boxes(page, "#deck-all") == [5, 1, 0, 0, 0]
    # Reset asks first, then clears every deck it studies.
    page.click("#deck-all [data-gk-action=reset]")
    assert boxes(page, "#deck-all") == [5, 1, 0, 0, 0]
    page.click("#deck-all [data-gk-action=confirm-reset]")
    assert boxes(page, "#deck-all") == [6, 0, 0, 0, 0]
    open_widgets(page, practice_url + "flashcards/planets/")
    assert boxes(page) == [6, 0, 0, 0, 0]


def test_corrupt_saved_progress_is_ignored_card_by_card(page: Any, practice_url: str) -> None:
    page.goto(practice_url + "other/")
    key = "gk:Practice fixture:flashcards:planets"
    page.evaluate("""k => localStorage.setItem(k, JSON.stringify({
        'moons-earth': [3, 0], 'moons-mars': [9, 0], 'moons-venus': 'x', 'day-mars': [2.5, 0]}))""",
                  key)
    open_widgets(page, practice_url + "flashcards/planets/")
    # Only the valid entry counts; the others start again in box 1.
    assert boxes(page) == [5, 0, 1, 0, 0]
    page.evaluate("k => localStorage.setItem(k, '{not json')", key)
    page.reload()
    open_widgets(page, page.url)
    assert boxes(page) == [6, 0, 0, 0, 0]
    page.click(f"{DECK} [data-gk-action=flip]")
    page.click(f"{DECK} [data-gk-action=right]")
    assert boxes(page) == [5, 1, 0, 0, 0]


def test_without_javascript_the_deck_lists_every_card(new_context: Callable[..., Any],
                                                      practice_url: str) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(practice_url + "flashcards/planets/")
    assert page.locator(f"{DECK} [data-gk-study]").is_hidden()
    cards = page.locator(f"{DECK} .gk-deck__card")
    assert cards.count() == 6
    assert cards.first.is_visible()
    assert "How long is a day on Mars?" in page.inner_text(DECK)
    assert "24.6 hours" in page.inner_text(DECK)


# --------------------------------------------------------------------------- drills


def answers(page: Any) -> dict[str, float]:
    pairs = page.eval_on_selector_all(
        "[data-gk-question]", "qs => qs.map(q => [q.dataset.gkQuestion, q.dataset.value])")
    return {name: float(value) for name, value in pairs}


def scenario_text(page: Any) -> str:
    return str(page.inner_text("[data-gk-scenario]")).strip()


def test_a_drill_grades_right_and_wrong_and_shows_the_worked_solution(
        page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + "drills/request-rate/")
    solution = page.locator("[data-gk-solution]")
    assert solution.get_attribute("open") is None
    truth = answers(page)
    # Right: 10% off, written the way people write numbers (2.3k, 10M).
    page.fill("#gk-drill-request-rate-1", f"{truth['daily_requests'] * 1.1 / 1e6:g}M")
    page.fill("#gk-drill-request-rate-2", f"{truth['avg_rps'] * 0.9 / 1e3:g}k")
    # Wrong: ten times too many.
    page.fill("#gk-drill-request-rate-3", f"{truth['peak_rps'] * 10:.3e}")
    page.fill("#gk-drill-request-rate-4", "lots")
    page.click("[data-gk-action=check]")
    grades = page.eval_on_selector_all("[data-gk-question]", "qs => qs.map(q => q.dataset.gkGrade)")
    assert grades == ["right", "right", "wrong", "unreadable"]
    assert page.inner_text("#gk-drill-request-rate-3-result").startswith(
        "Not close enough. The answer is ")
    assert page.get_attribute("#gk-drill-request-rate-4", "aria-invalid") == "true"
    assert "2 of 4 right" in page.inner_text("[data-gk-message]")
    # The worked solution opens, with the scenario's numbers in each formula.
    assert solution.get_attribute("open") is not None
    steps = page.eval_on_selector_all("[data-gk-step]", "ls => ls.map(l => l.textContent)")
    assert steps[0].startswith("Total daily requests = dau * actions_per_user = ")
    assert len(steps) == 4


def test_a_seed_in_the_url_replays_the_scenario_in_a_fresh_browser(
        page: Any, guide_url: str, new_context: Callable[..., Any], repo_root: Path) -> None:
    open_widgets(page, guide_url + "drills/storage/")
    default = scenario_text(page)
    assert page.inner_text("[data-gk-seed-text]") == "Scenario 1"
    page.click("[data-gk-action=new]")
    page.wait_for_url("**?gk-drill-storage=*")
    seed = int(page.url.rsplit("=", 1)[1])
    assert page.inner_text("[data-gk-seed-text]") == "Scenario 2"
    assert scenario_text(page) != default or seed == 7
    seen, truth = scenario_text(page), answers(page)
    steps = page.eval_on_selector_all("[data-gk-step]", "ls => ls.map(l => l.textContent)")

    other = new_context().new_page()
    open_widgets(other, page.url)
    assert scenario_text(other) == seen
    assert answers(other) == truth
    assert other.eval_on_selector_all("[data-gk-step]", "ls => ls.map(l => l.textContent)") \
        == steps
    # Titles are for people: the seed lives in the link, never in the title.
    assert other.inner_text("[data-gk-seed-text]") == "Shared scenario"
    assert str(seed) not in other.inner_text(".gk-drill")

    # Python computes the same scenario for that seed, to the last bit.
    site = load_site(repo_root / "data")
    view = drill_widget.drill_view(site.catalog, CALCULATOR.result(site.checked),
                                   DRILL.result(site.checked).choices,
                                   site.catalog.drills["storage"], str, seed)
    assert {q.output: q.answer for q in view.questions} == truth
    # A bad seed in the URL is ignored: the default scenario shows.
    open_widgets(other, guide_url + "drills/storage/?gk-drill-storage=12abc")
    assert scenario_text(other) == default


def test_the_page_and_python_agree_on_draws_estimates_and_grades(page: Any,
                                                                 practice_url: str) -> None:
    open_widgets(page, practice_url + "drills/trip/")
    seeds = [0, 1, 5, 42, 2**31, 2**32 - 1]
    js = page.evaluate(
        "seeds => seeds.map(s => { const g = GK.drill.mulberry32(s); return [g(), g(), g()]; })",
        seeds)
    assert js == [[next(gen) for _ in range(3)]
                  for gen in (drill_widget.mulberry32(s) for s in seeds)]
    cases = [("2.3k", "count"), ("10M", "rate"), ("7e3", "number"), ("1,500", "count"),
             ("20 GB", "bytes"), ("1.5T", "bytes"), ("4.5h", "duration"), ("52 min", "duration"),
             ("99.9%", "percent"), ("abc", "count"), ("10 GB", "count"), ("~7000", "count"),
             (".5k", "count"), ("1e999", "count"), ("3 parsecs", "duration")]
    js_estimates = page.evaluate("cs => cs.map(c => GK.drill.estimate(c[0], c[1]))", cases)
    assert js_estimates == [drill_widget.parse_estimate(t, f) for t, f in cases]
    grades = [(e, a, w) for e in (31, 32, 74, 75, 125, 126, 316, 317, 0, -100)
              for a in (100, -100, 0) for w in ("25%", "3x", "order_of_magnitude", "exact")]
    js_grades = page.evaluate("gs => gs.map(g => GK.drill.grade(g[0], g[1], g[2]))", grades)
    assert js_grades == [drill_widget.grade(e, a, w) for e, a, w in grades]
    assert not any(math.isnan(x) for row in js for x in row)


def test_flashcards_and_drills_speak_the_sites_language(
        tmp_path: Path, serve_dir: Callable[..., str], page: Any) -> None:
    site = tmp_path / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GUIDEKIT_LANGUAGE", "fr")
        _build_site(PRACTICE, site, True)
    url = serve_dir(site)
    open_widgets(page, url + "flashcards/planets/")
    assert page.inner_text(f"{DECK} [data-gk-action=flip]") == "Voir la réponse"
    assert page.inner_text(f"{DECK} [data-gk-status]") == "Encore 6 cartes dans cette séance."
    page.click(f"{DECK} [data-gk-action=flip]")
    page.click(f"{DECK} [data-gk-action=right]")
    assert page.inner_text(f"{DECK} [data-gk-status]").startswith("Montée en boîte 2.")
    open_widgets(page, url + "drills/trip/")
    assert page.inner_text("[data-gk-action=check]") == "Vérifier mes estimations"
    page.click("[data-gk-action=check]")
    assert page.inner_text("[data-gk-message]").startswith("0 sur 2 justes.")
    assert "juste à 25 % près" in page.inner_text("[data-gk-question]:first-child")
