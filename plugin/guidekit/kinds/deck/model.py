"""The data format of flashcard decks (``decks:``): rules that turn other data into cards."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from ...data.models import Model, NonEmpty, Slug

CARD_SOURCE = r"^(table|checklist|list|collection):[a-z0-9][a-z0-9_-]*$"


class CardRule(Model):
    """One kind of card in a deck: one card per row, item or entity of a data item, with the
    question and answer written as text in which ``{field}`` is replaced by that entry's field
    (a table column id; ``text``, ``help``, ``section`` of a checklist item; ``title`` and
    ``items`` of a checklist section; ``text`` and ``children`` of a list item; ``name``,
    ``category``, ``summary``, ``tags`` or ``facts.<label>`` of an entity). ``{{`` and ``}}``
    stand for literal braces. Entries with an empty field in the card are skipped."""

    id: Slug = Field(default="", description="Prefix of the card ids; defaults to the source id.")
    source: str = Field(
        alias="from", pattern=CARD_SOURCE,
        description="table:<id>, checklist:<id>, list:<id> or collection:<id>.",
    )
    per: Literal["item", "section"] = Field(
        default="item", description="Checklists: a card per item, or per section."
    )
    only: list[str] = Field(default=[], description="Only these row, item or entity ids.")
    category: list[str] = Field(default=[], description="Collections: only these categories.")
    front: NonEmpty = Field(description="The question (Markdown with {field} slots).")
    back: NonEmpty = Field(description="The answer (Markdown with {field} slots).")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: Any) -> Any:
        if not isinstance(value, str) or not re.fullmatch(CARD_SOURCE, value.strip()):
            raise ValueError(f"{value!r}: write table:<id>, checklist:<id>, list:<id> "
                             "or collection:<id>")
        return value

    @property
    def source_kind(self) -> str:
        return self.source.partition(":")[0]

    @property
    def source_id(self) -> str:
        return self.source.partition(":")[2]


class Deck(Model):
    """Flashcards generated from other data: a page with every card, a study mode with spaced
    repetition in the browser, and a TSV file that Anki imports."""

    id: Slug
    title: NonEmpty
    description: str = ""
    cards: list[CardRule] = Field(min_length=1)
    page: bool = True
