"""Tables: facts in rows and columns; ``interactive: true`` makes one a comparison matrix
(filter, sort, compare) with a page of its own."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..base import ItemPage, Kind
from .check import check, mention_refs_in_cells
from .model import Table


def render(page: ItemPage, table: Table) -> Markup:
    # Imported when first needed, as the flow's view is (see kinds/flow/__init__.py).
    from .view import table_view

    view = table_view(page.catalog, table, page)
    # Link to the matrix's own page, except on that page.
    return page.fragment("guidekit/table.html", table=table, view=view,
                         page_link=page.own_page_link("tables", table.id))


def search(page: ItemPage, table: Table) -> list[dict[str, str]]:
    """A search entry for every row of a matrix, pointing at the row on the matrix's page."""
    from .view import search_entries, table_view

    return search_entries(table, table_view(page.catalog, table, page), page.page_url)


def has_page(table: Table) -> bool:
    return table.page and table.interactive


KIND: Kind[Table, None] = Kind(
    name="table", plural="tables", model=Table, directory=Path(__file__).parent, view=render,
    check=check, after_check=mention_refs_in_cells, aliases=("matrix",), folder="matrices",
    option="matrices", has_page=has_page, anchor="{id}-", search=search, page_hide=("toc",),
    lazy_script="guidekit-matrix.js",
)
