"""Checking checklists: the entities their items name."""

from __future__ import annotations

from ...data.catalog import Checker


def check(checker: Checker) -> None:
    c = checker.catalog
    for checklist in c.checklists.values():
        for section in checklist.sections:
            for item in section.items:
                for ref in item.refs:
                    if ref not in c.entities:
                        checker.unknown("checklists", checklist.id,
                                        f"sections.{section.id}.items.{item.id}.refs",
                                        "entity", ref, c.entities)
                    else:
                        checker.mention(ref, "checklists", checklist.id, checklist.title,
                                        item.id, item.text)
