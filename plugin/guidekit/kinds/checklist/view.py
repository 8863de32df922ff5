"""A checklist on a page: its sections and items, ticked in the browser."""

from __future__ import annotations

from markupsafe import Markup

from ..base import ItemPage
from .model import Checklist


def render(page: ItemPage, checklist: Checklist) -> Markup:
    total = sum(len(s.items) for s in checklist.sections)
    return page.fragment("guidekit/checklist.html", checklist=checklist, total=total)
