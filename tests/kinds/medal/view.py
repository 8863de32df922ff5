"""A medal on a page: the model turned into the template's context."""

from __future__ import annotations

from markupsafe import Markup

from guidekit.kinds.base import ItemPage

from .model import Medal


def render(page: ItemPage, medal: Medal) -> Markup:
    return page.fragment("guidekit/medal.html", medal=medal, text=page.md(medal.text))
