"""Tables and comparison matrices: rows and cells prepared for the template.

Sort keys and facet values are computed here, at build time, and written as data attributes,
so the browser sorts by numbers the build parsed ("10TB" < "Petabytes", "<500ms" < "<1s").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ...data.catalog import Catalog
from ...units import sort_key
from ..base import ItemPage
from .model import CellSource, Column, Table
from .rows import table_rows


@dataclass(frozen=True)
class NoteView:
    """A numbered source note under the table, for one cell."""

    number: int
    anchor: str
    row_title: str
    column: Column
    source: CellSource


@dataclass(frozen=True)
class CellView:
    column: Column
    html: Markup
    text: str
    sort: float | None
    facet: str
    notes: tuple[NoteView, ...] = ()


@dataclass(frozen=True)
class RowView:
    id: str
    anchor: str
    ref: str
    title: str
    cells: list[CellView]


@dataclass(frozen=True)
class FacetView:
    column: Column
    values: list[tuple[str, int]]


# A matrix shows its first rows and more on request (its script keeps the rest out of the
# DOM). The page is written in that state, so starting the script moves nothing; the
# stylesheet's `tr:nth-child(n+51)` rule holds the same number.
FIRST_ROWS = 50


@dataclass(frozen=True)
class TableView:
    rows: list[RowView]
    facets: list[FacetView]
    header_column: str
    notes: list[NoteView]
    first_rows: int = FIRST_ROWS


def table_view(catalog: Catalog, table: Table, ctx: ItemPage) -> TableView:
    """Everything the table template shows, with the header column naming each row."""
    header = table.header_column
    rows: list[RowView] = []
    notes: list[NoteView] = []
    for index, row in enumerate(table_rows(catalog, table)):
        row_id = row.id or str(index + 1)
        title = ctx.plain(row.cells.get(header, "")) or row_id
        cells = []
        for column in table.columns:
            source = row.cells.get(column.id, "")
            text = ctx.plain(source)
            cited = tuple(
                NoteView(len(notes) + k, f"table-{table.id}-note-{len(notes) + k}", title,
                         column, cell_source)
                for k, cell_source in enumerate(row.sources.get(column.id, []), 1)
            )
            notes.extend(cited)
            cells.append(
                CellView(
                    column=column,
                    html=ctx.inline(source),
                    text=text,
                    sort=sort_key(text, column.sort),
                    facet=text if column.facet else "",
                    notes=cited,
                )
            )
        rows.append(RowView(row_id, f"{table.id}-{row_id}", row.ref, title, cells))
    return TableView(rows, _facets(table, rows), header, notes)


def _facets(table: Table, rows: list[RowView]) -> list[FacetView]:
    facets = []
    for position, column in enumerate(table.columns):
        if not column.facet:
            continue
        counts: dict[str, int] = {}
        for row in rows:
            value = row.cells[position].facet
            if value:
                counts[value] = counts.get(value, 0) + 1
        facets.append(FacetView(column, sorted(counts.items(), key=lambda kv: natural_key(kv[0]))))
    return facets


def natural_key(text: str) -> tuple[tuple[int, str | int], ...]:
    """Sort key that reads digit runs as numbers: region-2 before region-10, case ignored."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((1, int(part)) if index % 2 else (0, part) for index, part in enumerate(parts))


def search_entries(table: Table, view: TableView, location: str) -> list[dict[str, str]]:
    """One search-index entry per row, titled '<row> — <table>', pointing at the row anchor."""
    entries = []
    for row in view.rows:
        text = " · ".join(
            f"{cell.column.label}: {cell.text}" for cell in row.cells if cell.text
        )
        entries.append(
            {"location": f"{location}#{row.anchor}", "title": f"{row.title} — {table.title}",
             "text": text}
        )
    return entries
