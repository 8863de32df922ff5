"""Diagrams: layers of nodes and the edges between them (flowcharts drawn by Mermaid)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..base import ItemPage, Kind
from .check import check
from .model import Diagram


def render(page: ItemPage, diagram: Diagram) -> Markup:
    # The view imports the flow's and the load's views: imported when first needed, as the
    # flow's view is (see kinds/flow/__init__.py).
    from .view import render as render_diagram

    return render_diagram(page, diagram)


# Its script shares the decision's bundle: both draw Mermaid flowcharts.
KIND: Kind[Diagram, None] = Kind(
    name="diagram", plural="diagrams", model=Diagram, directory=Path(__file__).parent,
    view=render, check=check, lazy_script="guidekit-decision.js",
)
