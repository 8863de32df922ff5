"""Snippets: a piece of code or configuration, shown as it is ([[refs]] in it stay text)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..base import ItemPage, Kind
from .model import Snippet


def render(page: ItemPage, snippet: Snippet) -> Markup:
    return page.fragment("guidekit/snippet.html", snippet=snippet)


KIND: Kind[Snippet, None] = Kind(
    name="snippet", plural="snippets", model=Snippet, directory=Path(__file__).parent,
    view=render, text_refs=False,
    lazy_script="guidekit-snippet.js",  # no script: its stylesheet, guidekit-snippet.css
)
