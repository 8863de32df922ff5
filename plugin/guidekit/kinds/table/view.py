"""Tables and comparison matrices: rows and cells prepared for the template.

Sort keys and facet values are computed here, at build time, and written as data attributes,
so the browser sorts by numbers the build parsed ("10TB" < "Petabytes", "<500ms" < "<1s").
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...data.catalog import Catalog
from ...data.models import Column, Table
from ...units import sort_key
from ..base import ItemPage


@dataclass(frozen=True)
class CellView:
    column: Column
    html: Markup
    text: str
    sort: float | None
    facet: str


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


@dataclass(frozen=True)
class TableView:
    rows: list[RowView]
    facets: list[FacetView]
    header_column: str


def table_view(catalog: Catalog, table: Table, ctx: ItemPage) -> TableView:
    """Everything the table template shows, with the header column naming each row."""
    header = table.header_column
    rows: list[RowView] = []
    for index, row in enumerate(catalog.table_rows(table)):
        row_id = row.id or str(index + 1)
        cells = []
        for column in table.columns:
            source = row.cells.get(column.id, "")
            text = ctx.plain(source)
            cells.append(
                CellView(
                    column=column,
                    html=ctx.inline(source),
                    text=text,
                    sort=sort_key(text, column.sort),
                    facet=text if column.facet else "",
                )
            )
        title = ctx.plain(row.cells.get(header, "")) or row_id
        rows.append(RowView(row_id, f"{table.id}-{row_id}", row.ref, title, cells))
    return TableView(rows, _facets(table, rows), header)


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
        facets.append(FacetView(column, sorted(counts.items(), key=lambda kv: kv[0].lower())))
    return facets


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
