"""Flashcard decks: cards made from other data, studied with spaced repetition in the
browser, and downloadable for Anki."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from ...data.catalog import Catalog, Checked
from ..base import ItemPage, Kind
from .cards import deck_tsv
from .check import DeckResult, check
from .model import Deck

DECK_FOLDER = "assets/guidekit/decks"


def deck_file(deck_id: str) -> str:
    """Site path of a deck's Anki export (tab-separated text)."""
    return f"{DECK_FOLDER}/{deck_id}.tsv"


def study(page: ItemPage, decks: list[Deck], widget_id: str) -> Markup:
    """Flashcards of one or more decks: every card as static HTML, studied by the script."""
    cards = KIND.result(page.checked).cards
    groups = [(deck, cards[deck.id], page.url_for_file(deck_file(deck.id))) for deck in decks]
    return page.fragment("guidekit/deck.html", widget_id=widget_id, groups=groups,
                         total=sum(len(cards) for _, cards, _ in groups))


def render(page: ItemPage, deck: Deck) -> Markup:
    return study(page, [deck], deck.id)


def study_all(page: ItemPage, decks: list[Deck]) -> Markup:
    """The flashcards index studies every deck that has a page, in one session."""
    return study(page, decks, "all")


def export_files(catalog: Catalog, checked: Checked,
                 plain: Callable[[str], str]) -> dict[str, str]:
    """Site path -> content of each deck's Anki export (plain text, one card a line)."""
    cards = KIND.result(checked).cards
    return {
        deck_file(deck_id): deck_tsv(deck, [(plain(card.front), plain(card.back))
                                            for card in cards[deck_id]])
        for deck_id, deck in KIND.items(catalog).items()
    }


KIND: Kind[Deck, DeckResult] = Kind(
    name="deck", plural="decks", model=Deck, directory=Path(__file__).parent, view=render,
    check=check, folder="flashcards", option="flashcards", index_widget=study_all,
    lazy_script="guidekit-flashcards.js", files=export_files,
)
