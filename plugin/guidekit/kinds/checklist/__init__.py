"""Checklists: sections of items a reader ticks off, saved in the browser."""

from __future__ import annotations

from pathlib import Path

from ..base import Kind
from .check import check
from .model import Checklist
from .view import render

KIND: Kind[Checklist, None] = Kind(
    name="checklist", plural="checklists", model=Checklist, directory=Path(__file__).parent,
    view=render, check=check, folder="checklists", anchor="gk-{id}-",
)
