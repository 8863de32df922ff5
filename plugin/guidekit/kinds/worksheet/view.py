"""A worksheet on a page: its steps with their checklists and calculators, a choice among a
collection's entities (with what each one uses), and notes."""

from __future__ import annotations

from markupsafe import Markup

from ..base import ItemPage
from .model import Worksheet


def render(page: ItemPage, worksheet: Worksheet) -> Markup:
    catalog = page.catalog
    choices = {}
    for step in worksheet.steps:
        if step.choose:
            choices[step.id] = [
                {
                    "id": entity.id,
                    "name": entity.name,
                    "url": page.link_for(entity.id),
                    "uses": [
                        {"name": link.other.name, "url": page.link_for(link.other.id),
                         "note": page.plain(link.note)}
                        for link in catalog.outgoing.get(entity.id, [])
                    ],
                }
                for entity in sorted(catalog.by_collection(step.choose),
                                     key=lambda e: e.name.lower())
            ]
    steps = [
        (step, [page.render("checklists", c) for c in step.checklists],
         [page.render("calculators", c) for c in step.calculators])
        for step in worksheet.steps
    ]
    return page.fragment("guidekit/worksheet.html", worksheet=worksheet, steps=steps,
                         choices=choices)
