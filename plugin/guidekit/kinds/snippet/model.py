"""The data format of snippets (``snippets:``): verbatim text kept for fidelity."""

from __future__ import annotations

from ...data.models import Model, NonEmpty, Slug


class Snippet(Model):
    """Verbatim text kept for fidelity: ASCII art, example payloads."""

    id: Slug
    title: str = ""
    lang: str = "text"
    code: NonEmpty
