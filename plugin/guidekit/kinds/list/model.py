"""The data format of lists (``lists:``): nested items of Markdown."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from ...data.models import NUMBER_OR_BOOLEAN, Model, NonEmpty, Slug, also_takes, coerce_text

# A list item may be just its text (or a number, read as text): see ListItem._shorthand.
SHORTHAND_ITEMS = also_takes(["items"], {"type": "string"}, *NUMBER_OR_BOOLEAN)


class ListItem(Model):
    text: NonEmpty
    children: list[ListItem] = Field(default=[], json_schema_extra=SHORTHAND_ITEMS)
    ordered: bool = Field(default=False, description="Number this item's children (steps).")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"text": coerce_text(value)} if isinstance(value, str | int | float) else value

    @field_validator("children", mode="before")
    @classmethod
    def _children_shorthand(cls, value: Any) -> Any:
        return value or []


class ItemList(Model):
    """A nested list of facts (Markdown items); ``ordered`` numbers the top level."""

    id: Slug
    title: str = ""
    ordered: bool = False
    items: list[ListItem] = Field(min_length=1, json_schema_extra=SHORTHAND_ITEMS)
