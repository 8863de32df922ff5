"""The data formats every kind shares, as pydantic models; each kind's own model lives in its
folder (``guidekit/kinds/<kind>/model.py``).

Every YAML file under the data directory is a mapping whose top-level keys are the plurals of
the *kinds* (``collections``, ``entities``, ``tables``...; a site may register more, see
``guidekit.kinds``), each holding a list of entries with an ``id``. The model of one file is
built from the kind registry (``Registry.data_file``) on :class:`DataFileBase`. A site may split
its data into as many files as it likes; ids are unique per kind across files, and entity ids
are unique across all collections so a reference is one word.

Here: the base :class:`Model`, the field types, and the entity graph (collections, relations,
entities and their links and blocks), which the catalog indexes for every kind.

Text fields documented as *Markdown* are rendered with raw HTML disabled and
may reference an entity with ``[[id]]`` or ``[[id|label]]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
NonEmpty = Annotated[str, Field(min_length=1)]
# An entity id, or "prefix:id" for an entity of a guide the site imports (option `imports`).
REF_PATTERN = r"^(?:[a-z][a-z0-9_-]*:)?[a-z0-9][a-z0-9_-]*$"
EntityRef = Annotated[str, Field(pattern=REF_PATTERN, max_length=120)]


class Model(BaseModel):
    """Base for every data model: unknown keys are errors, so typos surface."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)
    # How a message names a value of this model, when a field that takes one (or a number...)
    # gets something else: "expected a table cell (table, row, column)". Empty: "a mapping of
    # fields". Read by data/errors.py by class name, so no kind is named there.
    in_words: ClassVar[str] = ""


class SourceFloat(float):
    """A YAML float that remembers how it was written, so a cell ``0.10`` reads "0.10"."""

    source: str

    def __new__(cls, value: float, source: str = "") -> SourceFloat:
        number = super().__new__(cls, value)
        number.source = source
        return number


class SourceInt(int):
    """A YAML integer that remembers how it was written (``007``, ``1_000``)."""

    source: str

    def __new__(cls, value: int, source: str = "") -> SourceInt:
        number = super().__new__(cls, value)
        number.source = source
        return number


# Besides text, the values coerce_text reads as text (in the JSON Schema).
NUMBER_OR_BOOLEAN: tuple[dict[str, Any], ...] = ({"type": "number"}, {"type": "boolean"})


def also_takes(at: Sequence[str], *forms: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A field's ``json_schema_extra``: the part of its JSON Schema at the keys ``at``
    (``["items"]``: the items of a list) also takes ``forms``, the shorthands a
    before-validator accepts (a link written as just an id), so editors accept them too.
    The part pydantic wrote stays first, with its own reference to the model."""

    def extra(schema: dict[str, Any]) -> None:
        parent = schema
        for key in at[:-1]:
            parent = parent[key]
        parent[at[-1]] = {"anyOf": [parent[at[-1]], *forms]}

    return extra


def coerce_text(value: Any) -> Any:
    """Numbers in YAML cells and facts read as the text the author wrote (``10TB`` is text
    already; ``0.10`` stays "0.10", not the float's "0.1")."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return getattr(value, "source", "") or str(value)
    return value


class Collection(Model):
    """A kind of entity, e.g. technologies; each gets an overview page and one page per entity."""

    id: Slug
    title: NonEmpty
    singular: NonEmpty
    path: str = Field(default="", description="URL folder of the pages; defaults to the id.")
    description: str = Field(default="", description="Markdown shown on the overview page.")
    group_by: Literal["category", "none"] = "category"
    icon: str = ""
    showcase: bool = Field(
        default=False,
        description="Its entities are worked examples (e.g. reference architectures): the page "
                    "of each entity they link to shows how each example uses it, from the "
                    "links' notes, under its own heading instead of among the backlinks.",
    )

    @model_validator(mode="after")
    def _default_path(self) -> Collection:
        if not self.path:
            self.path = self.id
        if not re.fullmatch(r"[a-z0-9][a-z0-9_/-]*", self.path):
            raise ValueError("path must be lowercase letters, digits, '-', '_' and '/'")
        return self


class Relation(Model):
    """A named kind of link between entities, with the label shown on each side."""

    id: Slug
    label: NonEmpty
    inverse_label: NonEmpty
    symmetric: bool = Field(
        default=False, description="Alternatives-style: A->B also shows B->A under the same label."
    )


class Link(Model):
    """One link from an entity to another, with an optional note (Markdown) saying why."""

    in_words: ClassVar[str] = "an entity id or a link (ref, note)"

    ref: EntityRef
    note: str = ""


def _coerce_link(value: Any) -> Any:
    return {"ref": value} if isinstance(value, str) else value


LinkItem = Annotated[Link, Field()]


class Block(Model):
    """One piece of an entity page body, in order: prose, or a data item by id."""

    # "markdown", or the name of a kind a page can place: the registry narrows it to its own
    # names (see entity_model), so the loader and the JSON Schema both list them.
    kind: Slug
    id: str = ""
    title: str = ""
    text: str = ""

    @model_validator(mode="after")
    def _needs_id_or_text(self) -> Block:
        if self.kind == "markdown" and not self.text:
            raise ValueError("a markdown block needs 'text'")
        if self.kind != "markdown" and not self.id:
            raise ValueError(f"a {self.kind} block needs the 'id' of a {self.kind}")
        return self


class Entity(Model):
    """A thing the site talks about: a technology, a component, a pattern, a template..."""

    id: Slug
    name: NonEmpty
    collection: Slug = ""
    aliases: list[NonEmpty] = []
    category: str = ""
    summary: str = Field(default="", description="Markdown, one or two sentences.")
    tags: list[NonEmpty] = []
    facts: dict[NonEmpty, str] = Field(
        default_factory=dict, description="Ordered label -> Markdown, e.g. 'When to use'.",
        json_schema_extra=also_takes(["additionalProperties"], *NUMBER_OR_BOOLEAN),
    )
    related: dict[Slug, list[LinkItem]] = Field(
        default_factory=dict, description="Relation id -> links to other entities.",
        # A link may be just the other entity's id (see _related_shorthand).
        json_schema_extra=also_takes(["patternProperties", SLUG_PATTERN, "items"],
                                     {"type": "string", "pattern": REF_PATTERN}),
    )
    blocks: list[Block] = []
    source: str = Field(default="", description="Docs page (and #anchor) this entity comes from.")
    autolink: bool = True

    @field_validator("facts", mode="before")
    @classmethod
    def _facts_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: coerce_text(v) for k, v in value.items()}
        return value

    @field_validator("related", mode="before")
    @classmethod
    def _related_shorthand(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: [_coerce_link(x) for x in v] if isinstance(v, list) else v
                for k, v in value.items()
            }
        return value


def entity_model(block_kinds: Sequence[str]) -> type[Entity]:
    """:class:`Entity` with blocks of ``block_kinds`` only ("markdown" and the kinds a page can
    place, from the registry): a misspelt kind is an error naming them all."""
    kind_names: Any = Literal.__getitem__(tuple(block_kinds))
    block = create_model("Block", __base__=Block, __doc__=Block.__doc__,
                         kind=(kind_names, ...))
    return create_model("Entity", __base__=Entity, __doc__=Entity.__doc__,
                        blocks=(list[block], []))  # type: ignore[valid-type]


class CellRef(Model):
    """A number read from a table cell, e.g. the ``99.95%`` of an availability table's row.

    The first quantity in the cell counts: ``99.99% uptime requirement`` reads as 99.99.
    """

    in_words: ClassVar[str] = "a table cell (table, row, column)"

    table: Slug
    row: NonEmpty
    column: Slug


class DataFileBase(Model):
    """What one YAML file may hold. ``collection`` sets the default for its entities."""

    # The kind registry adds one list per kind, in its order (``Registry.data_file``).
    collection: Slug = ""
