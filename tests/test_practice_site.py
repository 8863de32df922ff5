"""The guide's flashcards and drills as built: the Anki export has one row per generated card and
matches the deck page; every card's answer is on the site, and every value an answer is built
from is in the guide's own pages (so cards cannot drift from the text); drill pages carry the
default scenario, questions and worked solution for readers without JavaScript."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidekit.core import Site, load_site
from guidekit.kinds.calculator import KIND as CALCULATOR
from guidekit.kinds.deck import KIND as DECK
from guidekit.kinds.drill import KIND as DRILL
from guidekit.kinds.drill import view as drill_widget
from guidekit.text import plain_text
from tests.test_guide_content import normalise

PRACTICE_FOLDERS = ("flashcards", "drills")


@lru_cache(maxsize=1)
def guide(repo_root: Path) -> Site:
    return load_site(repo_root / "data")


def soup(site_dir: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def tsv_rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if not line.startswith("#")]


def guide_text(site_dir: Path) -> str:
    """The article text of every page except the flashcard and drill pages themselves."""
    texts = []
    for html in sorted(site_dir.rglob("index.html")):
        relative = html.relative_to(site_dir).parts
        if relative[0] in PRACTICE_FOLDERS:
            continue
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is not None:
            texts.append(normalise(article.get_text(" ")))
    return "\n".join(texts)


def test_the_anki_export_has_one_row_per_card_matching_the_deck_page(
        guide_site: Path, repo_root: Path) -> None:
    site = guide(repo_root)
    assert set(site.catalog.decks) == {"targets", "sacred", "databases", "api-security"}
    total = 0
    for deck_id, cards in DECK.result(site.checked).cards.items():
        rows = tsv_rows(guide_site / "assets" / "guidekit" / "decks" / f"{deck_id}.tsv")
        assert len(rows) == len(cards) > 0, deck_id
        assert all(len(row) == 3 and row[2] == deck_id for row in rows)
        page = soup(guide_site, f"flashcards/{deck_id}")
        shown = page.select(f'#deck-{deck_id} [data-gk-card-id]')
        assert [el["data-gk-card-id"] for el in shown] == [card.id for card in cards]
        for row, el in zip(rows, shown, strict=True):
            assert normalise(row[0]) == normalise(el.select_one("dt").get_text(" "))
            assert normalise(row[1]) == normalise(el.select_one("dd").get_text(" "))
        link = page.select_one(f'a[data-gk-tsv="{deck_id}"]')
        assert link is not None and link["href"].endswith(f"decks/{deck_id}.tsv")
        total += len(rows)
    print(f"\nflashcards: {total} cards in {len(DECK.result(site.checked).cards)} decks")
    assert total >= 60


def test_every_answer_is_on_the_site_and_comes_from_the_guide(
        guide_site: Path, repo_root: Path) -> None:
    site = guide(repo_root)
    corpus = guide_text(guide_site)
    names = site.renderer.text.names
    study_all = soup(guide_site, "flashcards").select_one("#deck-all")
    assert study_all is not None
    all_answers = normalise(study_all.get_text(" "))
    missing = []
    for deck_id, cards in DECK.result(site.checked).cards.items():
        for card in cards:
            answer = normalise(plain_text(card.back, names))
            if answer not in all_answers:
                missing.append(f"{deck_id}/{card.id}: answer {answer!r} not on the study page")
            for value in card.answer_values:
                for part in plain_text(value, names).split("; "):
                    if normalise(part) not in corpus:
                        missing.append(f"{deck_id}/{card.id}: {part!r} is not in the guide")
    assert not missing, "\n".join(missing)


def test_practice_pages_are_in_the_navigation(guide_site: Path) -> None:
    """The practice tab is on every page; its decks and drills are in its own branch (the
    other pages carry only the top of it: navigation.prune)."""
    nav = soup(guide_site, "").select_one("nav.md-nav--primary")
    assert nav is not None
    assert "practice" in [normalise(a.get_text(" ")) for a in nav.select("a, label")]
    nav = soup(guide_site, "flashcards").select_one("nav.md-nav--primary")
    assert nav is not None
    labels = [normalise(a.get_text(" ")) for a in nav.select("a, label")]
    assert "flashcards" in labels and "estimation drills" in labels
    links = {a["href"] for a in nav.select("a[href]")}
    assert any(href.endswith("targets/") for href in links)
    nav = soup(guide_site, "drills").select_one("nav.md-nav--primary")
    assert any(a["href"].endswith("request-rate/") for a in nav.select("a[href]"))


@pytest.mark.parametrize("drill_id", ["request-rate", "storage", "bandwidth", "downtime"])
def test_drill_pages_hold_the_default_scenario_and_its_solution(
        guide_site: Path, repo_root: Path, drill_id: str) -> None:
    site = guide(repo_root)
    drill = site.catalog.drills[drill_id]
    view = drill_widget.drill_view(site.catalog, CALCULATOR.result(site.checked),
                                   DRILL.result(site.checked).choices, drill, str)
    root = soup(guide_site, f"drills/{drill_id}").select_one(f"#drill-{drill_id}")
    assert root is not None
    # Without JavaScript: no inputs or buttons (script-only, .gk-js: in the HTML at their size,
    # shown once the script runs), but the scenario and the worked solution.
    assert "gk-js" in root.select_one("[data-gk-controls]")["class"]
    assert all("gk-js" in el["class"] for el in root.select("[data-gk-answer]"))
    # A scenario has a name for people, not the generator's seed.
    assert root.select_one("[data-gk-seed-text]").get_text() == "Scenario 1"
    params = {el["data-gk-param"]: el.get_text() for el in root.select("[data-gk-param]")}
    assert set(params) <= set(drill.params) | {i.id for i in
                                               site.catalog.calculators[drill.calculator].inputs}
    assert [float(q["data-value"]) for q in root.select("[data-gk-question]")] == [
        q.answer for q in view.questions]
    steps = root.select("[data-gk-step]")
    assert [s["data-gk-step"] for s in steps] == [s.id for s in view.steps]
    for step, expected in zip(steps, view.steps, strict=True):
        assert step.select_one("[data-gk-numbers]").get_text() == expected.numbers
        assert step.select_one("output").get_text() == expected.text
