"""Diagrams: layers of nodes and the edges between them (flowcharts drawn by Mermaid)."""

from __future__ import annotations

from pathlib import Path

from ..base import Kind
from .check import check
from .model import Diagram
from .view import render

# Its script shares the decision's bundle: both draw Mermaid flowcharts.
KIND: Kind[Diagram, None] = Kind(
    name="diagram", plural="diagrams", model=Diagram, directory=Path(__file__).parent,
    view=render, check=check, lazy_script="guidekit-decision.js",
)
