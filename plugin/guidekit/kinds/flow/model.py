"""The data format of flows (``flows:``): a critical path through a diagram, shown as the
availability what-if."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from ...data.models import CellRef, Model, NonEmpty, Slug


class SharedAvailability(Model):
    """The availability that replicas share in a flow: one zone's, or one region's. A number
    with a ``note`` saying where it comes from, or ``percent_from`` a table cell."""

    percent: float | None = Field(default=None, gt=0, le=100)
    percent_from: CellRef | None = None
    note: str = Field(default="", description="Markdown: the source of the figure.")

    @model_validator(mode="after")
    def _one_source(self) -> SharedAvailability:
        if (self.percent is None) == (self.percent_from is None):
            raise ValueError("give either 'percent' or 'percent_from' (a table cell)")
        if self.percent is not None and not self.note:
            raise ValueError("a stated 'percent' needs a 'note' saying where it comes from")
        return self


class RegionGroup(Model):
    """Part of a flow that runs in each of several regions (active-active): one is enough."""

    in_words: ClassVar[str] = "a group of regions (regions, path)"

    regions: int = Field(ge=1, le=20)
    label: NonEmpty = "Regions"
    note: str = Field(default="", description="Markdown: why these run in several regions.")
    path: list[Slug] = Field(min_length=1, max_length=20)


class Preset(Model):
    """A link that opens a calculator with this flow's own numbers filled in."""

    calculator: Slug
    label: NonEmpty
    values: dict[Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], float | str | CellRef] = (
        Field(min_length=1, description="Input id -> number, table cell, or a choice's label.")
    )
    note: str = Field(default="", description="Markdown: where the numbers come from.")


class Flow(Model):
    """A critical flow of an architecture: a path through a diagram's nodes. Rendered as a
    what-if widget: end-to-end availability, downtime and the weakest link, all editable."""

    id: Slug
    title: NonEmpty
    diagram: Slug
    description: str = Field(default="", description="Markdown shown above the widget.")
    guide: Slug | None = Field(default=None, description="Id of the list describing the flow.")
    derived: str = Field(
        default="", description="Markdown: how the flow was derived when the guide names none."
    )
    path: list[Slug | RegionGroup] = Field(min_length=1, max_length=20)
    zone: SharedAvailability | None = Field(
        default=None, description="One zone's availability, shared by the replicas in it.")
    region: SharedAvailability | None = Field(
        default=None, description="One region's availability, shared by the zones in it.")
    target: float | None = Field(default=None, gt=0, le=100)
    target_from: CellRef | None = None
    target_note: str = ""
    presets: list[Preset] = []

    @model_validator(mode="after")
    def _guide_or_derived(self) -> Flow:
        if (self.guide is None) == (not self.derived):
            raise ValueError("give either 'guide' (the list that names the flow) or 'derived'")
        if self.target is not None and self.target_from is not None:
            raise ValueError("give 'target' or 'target_from', not both")
        return self
