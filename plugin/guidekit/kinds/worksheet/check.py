"""Checking worksheets: the checklists, calculators and collections their steps use."""

from __future__ import annotations

from ...data.catalog import Checker


def check(checker: Checker) -> None:
    c = checker.catalog
    for worksheet in c.worksheets.values():
        for step in worksheet.steps:
            for kind, ids in (("checklists", step.checklists),
                              ("calculators", step.calculators)):
                for item_id in ids:
                    if item_id not in c.items[kind]:
                        checker.unknown("worksheets", worksheet.id, f"steps.{step.id}.{kind}",
                                        kind[:-1], item_id, c.items[kind])
            if step.choose and step.choose not in c.collections:
                checker.unknown("worksheets", worksheet.id, f"steps.{step.id}.choose",
                                "collection", step.choose, c.collections)
