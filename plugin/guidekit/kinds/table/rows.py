"""A table's rows as readers see them: its own, then one per entity when it has ``rows_from``.

Every kind that reads cells (decisions, calculators' choices, flows, decks) asks here, so a
table built from a collection reads the same everywhere.
"""

from __future__ import annotations

from ...data.catalog import Catalog, entity_field
from .model import Row, Table


def table_rows(catalog: Catalog, table: Table) -> list[Row]:
    """The table's rows, with rows built from a collection's entities where it says so."""
    if table.rows_from is None:
        return table.rows
    source = table.rows_from
    rows: list[Row] = list(table.rows)
    for entity in catalog.by_collection(source.collection):
        if source.category and entity.category not in source.category:
            continue
        if source.tag and not set(source.tag) & set(entity.tags):
            continue
        cells = {c.id: entity_field(entity, c.field) for c in table.columns if c.field}
        rows.append(Row(id=entity.id, ref=entity.id, cells=cells))
    return rows
