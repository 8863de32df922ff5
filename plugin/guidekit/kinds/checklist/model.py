"""The data format of checklists (``checklists:``): items to tick, grouped in sections."""

from __future__ import annotations

from pydantic import Field, model_validator

from ...data.models import Model, NonEmpty, Slug


class ChecklistItem(Model):
    id: Slug
    text: NonEmpty
    help: str = ""
    refs: list[Slug] = []


class ChecklistSection(Model):
    id: Slug
    title: NonEmpty
    items: list[ChecklistItem] = Field(min_length=1)


class Checklist(Model):
    """A tickable list of items grouped in sections; ids keep ticks across edits."""

    id: Slug
    title: NonEmpty
    description: str = ""
    sections: list[ChecklistSection] = Field(min_length=1)
    page: bool = True

    @model_validator(mode="after")
    def _unique_ids(self) -> Checklist:
        seen: set[str] = set()
        for section in self.sections:
            for item in section.items:
                if item.id in seen:
                    raise ValueError(f"item id {item.id!r} appears twice")
                seen.add(item.id)
        return self
