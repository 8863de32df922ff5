"""The data format of tables (``tables:``): facts in rows and columns, or a filterable
comparison matrix."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...data.models import (
    NUMBER_OR_BOOLEAN,
    SLUG_PATTERN,
    Model,
    NonEmpty,
    Slug,
    also_takes,
    coerce_text,
)


class Column(Model):
    """A table column. ``field`` pulls the value from an entity when rows come from a collection."""

    id: Slug
    label: NonEmpty
    field: str = Field(
        default="",
        description="For collection rows: name, category, summary, tags, or facts.<label>.",
    )
    facet: bool = Field(default=False, description="Offer a filter by this column's values.")
    sort: Literal["text", "number", "size", "duration", "percent", "none"] = "text"
    hidden: bool = Field(default=False, description="Hidden until the reader shows it.")
    header: bool = Field(default=False, description="Cells of this column name the row.")


class CellSource(Model):
    """Where the fact in one cell comes from: a public page (http or https) and, optionally,
    what it says. Shown as a numbered note under the table, marked in the cell."""

    label: NonEmpty = Field(description="The source's name, e.g. 'MongoDB manual: Transactions'.")
    href: str = Field(description="An http:// or https:// address.")
    note: str = Field(default="", description="Markdown: what the source states, briefly.")

    @field_validator("href")
    @classmethod
    def _web_address(cls, value: str) -> str:
        # Only web links: a source is for readers to open, and no other scheme runs in a page.
        if not re.fullmatch(r"https?://[^\s\"'<>]+", value):
            raise ValueError(f"a source's address must start with http:// or https:// "
                             f"(it reads {value!r})")
        return value


class Row(Model):
    """A table row: cells by column id (Markdown), a stable id, and the entity it is about."""

    id: Slug = ""
    ref: str = ""
    cells: dict[Slug, str] = Field(default={}, json_schema_extra=also_takes(
        ["patternProperties", SLUG_PATTERN], *NUMBER_OR_BOOLEAN, {"type": "null"}))
    sources: dict[Slug, list[CellSource]] = Field(
        default={}, description="Column id -> the sources of that cell's fact.")

    @field_validator("cells", mode="before")
    @classmethod
    def _cells_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: coerce_text(v) if v is not None else "" for k, v in value.items()}
        return value


class RowsFrom(Model):
    """Build rows from a collection's entities, optionally only those with a category or tag."""

    collection: Slug
    category: list[str] = []
    tag: list[str] = []


class Table(Model):
    """A table of facts; ``interactive: true`` makes it a filterable comparison matrix."""

    id: Slug
    title: NonEmpty
    caption: str = ""
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = []
    rows_from: RowsFrom | None = None
    interactive: bool = False
    page: bool = Field(default=True, description="Interactive tables also get a page of their own.")

    @property
    def header_column(self) -> str:
        """Id of the column whose cells name the rows: the one marked ``header``, else the first."""
        return next((c.id for c in self.columns if c.header), self.columns[0].id)

    @model_validator(mode="after")
    def _rows_present(self) -> Table:
        if not self.rows and self.rows_from is None:
            raise ValueError("a table needs 'rows' or 'rows_from'")
        ids = {c.id for c in self.columns}
        if len(ids) != len(self.columns):
            raise ValueError("column ids must be unique")
        for index, row in enumerate(self.rows):
            unknown = set(row.cells) - ids
            if unknown:
                raise ValueError(
                    f"row {row.id or index}: unknown column(s) {sorted(unknown)}; "
                    f"columns are {sorted(ids)}"
                )
            cited = set(row.sources) - set(row.cells)
            if cited:
                raise ValueError(
                    f"row {row.id or index}: sources for column(s) {sorted(cited)} "
                    "but no cell there to cite them for"
                )
        return self
