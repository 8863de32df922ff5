"""How a site's worked examples use an entity: the links of the entities of every ``showcase``
collection (the guide's industry templates) to it, with the links' notes.

An entity page shows them under the collection's own heading ("In the Industry Templates")
instead of among the backlinks, so a template's use of a thing is written once, on the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...data.catalog import Catalog, LinkView
from ...data.models import Collection, Entity


@dataclass
class ExampleUse:
    """One worked example (an entity of a showcase collection) and what its links say."""

    example: Entity
    notes: list[str] = field(default_factory=list)


@dataclass
class ExampleGroup:
    collection: Collection
    uses: list[ExampleUse]


def showcase_ids(catalog: Catalog) -> set[str]:
    return {c.id for c in catalog.collections.values() if c.showcase}


def example_groups(catalog: Catalog, entity_id: str) -> list[ExampleGroup]:
    """The showcase entities linking to this one, per collection, with their notes."""
    showcases = showcase_ids(catalog)
    groups: dict[str, dict[str, ExampleUse]] = {}
    for link in _links_to(catalog, entity_id):
        example = link.other
        if example.collection not in showcases:
            continue
        use = groups.setdefault(example.collection, {}).setdefault(
            example.id, ExampleUse(example))
        if link.note and link.note not in use.notes:
            use.notes.append(link.note)
    return [
        ExampleGroup(catalog.collections[collection_id],
                     sorted(uses.values(), key=lambda u: u.example.name.lower()))
        for collection_id, uses in groups.items()
    ]


def without_examples(catalog: Catalog, links: list[LinkView]) -> list[LinkView]:
    """Backlinks minus those already shown as worked examples (so no link shows twice)."""
    showcases = showcase_ids(catalog)
    return [link for link in links if link.other.collection not in showcases]


def _links_to(catalog: Catalog, entity_id: str) -> list[LinkView]:
    # Incoming links, and symmetric ones (stored as outgoing on both sides).
    return [*catalog.incoming.get(entity_id, []),
            *(link for link in catalog.outgoing.get(entity_id, []) if link.relation.symmetric)]
