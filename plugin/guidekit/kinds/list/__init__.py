"""Lists: items with a title and Markdown text, shown as they are."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..base import ItemPage, Kind
from .model import ItemList


def render(page: ItemPage, item_list: ItemList) -> Markup:
    return page.fragment("guidekit/list.html", item_list=item_list)


KIND: Kind[ItemList, None] = Kind(
    name="list", plural="lists", model=ItemList, directory=Path(__file__).parent, view=render,
)
