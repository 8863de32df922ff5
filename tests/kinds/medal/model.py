"""The data format of a medal: what one entry under ``medals:`` in a data file holds."""

from __future__ import annotations

from typing import Literal

from guidekit.data.models import Model, NonEmpty, Slug


class Medal(Model):
    """A small award shown as a coloured label, with a line of Markdown about it."""

    id: Slug
    title: NonEmpty
    level: Literal["bronze", "silver", "gold"] = "bronze"
    text: str = ""  # Markdown; may name an entity with [[id]]
    page: bool = True  # each medal also gets a page of its own
