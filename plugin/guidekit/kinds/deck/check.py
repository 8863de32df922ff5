"""Checking flashcard decks: each rule makes cards from other data; ids are unique."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...data.catalog import Checker
from .cards import Card, CardError, rule_cards


@dataclass
class DeckResult:
    """The cards of every deck, by deck id, made once by the check."""

    cards: dict[str, list[Card]] = field(default_factory=dict)


def check(checker: Checker) -> DeckResult:
    result = DeckResult()
    c = checker.catalog
    for deck in c.decks.values():
        cards: list[Card] = []
        failed = False
        for index, rule in enumerate(deck.cards):
            try:
                cards.extend(rule_cards(c, rule))
            except CardError as error:
                failed = True
                checker.problem("decks", deck.id, f"cards.{index}.{error.field}", str(error))
        seen: set[str] = set()
        for card in cards:
            if card.id in seen:
                checker.problem("decks", deck.id, "cards",
                                f"two cards have the id '{card.id}': give the rules "
                                "different 'id' prefixes")
            seen.add(card.id)
        if not cards and not failed:
            checker.problem("decks", deck.id, "cards",
                            "no cards: every entry leaves a field of the card empty")
        result.cards[deck.id] = cards
    return result
