"""Flashcards generated from data: a deck declares, per kind of card, a source (a table, a
checklist, a list or a collection) and a question and answer in which ``{field}`` stands for a
field of each entry. Text is substituted, never run as a template: the result is the same safe
data Markdown as everywhere else, shown on the deck page and exported as plain text for Anki.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ...data.catalog import ENTITY_FIELDS, Catalog, entity_field
from ..list.model import ListItem
from ..table.rows import table_rows
from .model import CardRule, Deck

# '{{' and '}}' are literal braces; '{name}' is a slot (any text but braces and newlines).
_SLOT = re.compile(r"\{\{|\}\}|\{([^{}\n]+)\}")
_SOURCES = {"table": "tables", "checklist": "checklists", "list": "lists",
            "collection": "collections"}
JOIN = "; "


class CardError(ValueError):
    """A card rule that cannot be built: ``field`` names the rule's field at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Card:
    """One generated card. ``front`` and ``back`` are data Markdown; ``answer_values`` are the
    field values the answer was built from (each one appears in the data it came from)."""

    id: str
    front: str
    back: str
    answer_values: tuple[str, ...]


def slots(template: str) -> list[str]:
    """The field names a template reads, in order."""
    return [m.group(1).strip() for m in _SLOT.finditer(template) if m.group(1) is not None]


def fill(template: str, fields: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by ``fields[name]`` (KeyError if missing)."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(0)[0]  # '{{' -> '{', '}}' -> '}'
        return fields[match.group(1).strip()]

    return _SLOT.sub(replace, template)


def entries(catalog: Catalog, rule: CardRule) -> tuple[list[str], list[tuple[str, dict[str, str]]]]:
    """(the field names every entry has, [(entry id, fields)]) of the rule's source.

    Raises :class:`CardError` when the source does not exist."""
    kind, item_id = rule.source_kind, rule.source_id
    if item_id not in catalog.items[_SOURCES[kind]]:
        raise CardError("from", f"unknown {kind} '{item_id}'")
    if kind == "table":
        table = catalog.tables[item_id]
        names = [c.id for c in table.columns]
        found = [(row.id or str(index + 1), {c: row.cells.get(c, "") for c in names})
                 for index, row in enumerate(table_rows(catalog, table))]
    elif kind == "checklist":
        checklist = catalog.checklists[item_id]
        if rule.per == "section":
            names = ["title", "items"]
            found = [(s.id, {"title": s.title, "items": JOIN.join(i.text for i in s.items)})
                     for s in checklist.sections]
        else:
            names = ["text", "help", "section"]
            found = [(i.id, {"text": i.text, "help": i.help, "section": s.title})
                     for s in checklist.sections for i in s.items]
    elif kind == "list":
        names = ["text", "children"]
        found = [(str(index + 1), {"text": item.text, "children": _children(item)})
                 for index, item in enumerate(catalog.lists[item_id].items)]
    else:
        names = sorted(ENTITY_FIELDS)
        found = []
        for entity in catalog.by_collection(item_id):
            if rule.category and entity.category not in rule.category:
                continue
            fields = {name: entity_field(entity, name) for name in names}
            fields.update({f"facts.{label}": text for label, text in entity.facts.items()})
            found.append((entity.id, fields))
    if rule.only:
        known = {entry_id for entry_id, _ in found}
        missing = [entry_id for entry_id in rule.only if entry_id not in known]
        if missing:
            raise CardError("only", f"no entry '{missing[0]}' in {kind} '{item_id}'; "
                            f"entries are {', '.join(sorted(known))}")
        found = [(entry_id, f) for entry_id, f in found if entry_id in rule.only]
    return names, found


def _children(item: ListItem) -> str:
    return JOIN.join(child.text for child in item.children)


def rule_cards(catalog: Catalog, rule: CardRule) -> list[Card]:
    """The cards of one rule; raises :class:`CardError` naming the field at fault."""
    names, found = entries(catalog, rule)
    for side in ("front", "back"):
        for name in slots(getattr(rule, side)):
            if name not in names and not (rule.source_kind == "collection"
                                          and name.startswith("facts.")):
                raise CardError(side, f"unknown field '{{{name}}}' of {rule.source}; "
                                f"fields are {', '.join(names)}"
                                + (", facts.<label>" if rule.source_kind == "collection" else ""))
    prefix = rule.id or rule.source_id
    cards = []
    for entry_id, fields in found:
        used = slots(rule.front) + slots(rule.back)
        if any(not fields.get(name, "").strip() for name in used):
            continue  # the guide says nothing there: no card rather than a blank answer
        cards.append(Card(f"{prefix}-{entry_id}", fill(rule.front, fields),
                          fill(rule.back, fields),
                          tuple(fields[name] for name in slots(rule.back))))
    return cards


# --------------------------------------------------------------------------- Anki export

_WHITESPACE = re.compile(r"[\t\r\n]+")


def tsv_text(text: str) -> str:
    """A cell of the TSV: tabs and line breaks become spaces (Anki reads one note per line)."""
    return _WHITESPACE.sub(" ", text).strip()


def deck_tsv(deck: Deck, cards: list[tuple[str, str]]) -> str:
    """The deck as tab-separated text that Anki imports (File > Import): plain-text front and
    back, and the deck id as a tag. The header lines tell Anki (2.1.54+) how to read it."""
    lines = ["#separator:tab", "#html:false", f"#deck:{tsv_text(deck.title)}", "#tags column:3"]
    lines += [f"{tsv_text(front)}\t{tsv_text(back)}\t{deck.id}" for front, back in cards]
    return "\n".join(lines) + "\n"
