"""The data format of worksheets (``worksheets:``): guided steps gathering other widgets."""

from __future__ import annotations

from pydantic import Field

from ...data.models import Model, NonEmpty, Slug


class WorksheetStep(Model):
    """One step of a worksheet: prose, widgets to fill in, a choice of entity, a notes box."""

    id: Slug
    title: NonEmpty
    text: str = Field(default="", description="Markdown guidance for the step.")
    checklists: list[Slug] = []
    calculators: list[Slug] = []
    choose: Slug = Field(default="", description="Collection id: the reader picks one entity.")
    choose_label: str = ""
    notes: str = Field(default="", description="Prompt of a free-text notes box (none if empty).")


class Worksheet(Model):
    """A guided page that gathers checklists, calculators, a choice and notes, and exports
    everything the reader entered as one Markdown document."""

    id: Slug
    title: NonEmpty
    description: str = ""
    document_title: str = "Design document"
    steps: list[WorksheetStep] = Field(min_length=1)
    page: bool = True
