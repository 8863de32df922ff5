"""Checking tables: their columns, their rows and the entities rows name."""

from __future__ import annotations

from ...data.catalog import ENTITY_FIELDS, REF_PATTERN, Checker
from .rows import table_rows


def check(checker: Checker) -> None:
    c = checker.catalog
    for table in c.tables.values():
        if table.rows_from is not None:
            source = table.rows_from
            if source.collection not in c.collections:
                checker.unknown("tables", table.id, "rows_from.collection", "collection",
                                source.collection, c.collections)
        for column in table.columns:
            if column.field and not (
                column.field in ENTITY_FIELDS or column.field.startswith("facts.")
            ):
                checker.problem("tables", table.id, f"columns.{column.id}.field",
                                f"'{column.field}' is not name, category, summary, tags "
                                "or facts.<label>")
        seen: set[str] = set()
        header = table.header_column
        for index, row in enumerate(table_rows(c, table)):
            if row.id:
                if row.id in seen:
                    checker.problem("tables", table.id, f"rows.{index}.id",
                                    f"duplicate row id '{row.id}'")
                seen.add(row.id)
            if row.ref:
                if row.ref not in c.entities:
                    checker.unknown("tables", table.id, f"rows.{index}.ref", "entity",
                                    row.ref, c.entities)
                else:
                    checker.mention(row.ref, "tables", table.id, table.title,
                                    row.id, row.cells.get(header, ""))


def mention_refs_in_cells(checker: Checker) -> None:
    """A ``[[ref]]`` in a table row counts as a mention of that entity in that row."""
    c = checker.catalog
    for table in c.tables.values():
        header = table.header_column
        for row in table_rows(c, table):
            seen = {row.ref}
            for text in row.cells.values():
                for match in REF_PATTERN.finditer(text):
                    ref = match.group(1)
                    if ref in c.entities and ref not in seen:
                        seen.add(ref)
                        checker.mention(ref, "tables", table.id, table.title, row.id,
                                        row.cells.get(header, ""))
