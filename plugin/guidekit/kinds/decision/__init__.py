"""Decisions: a tree of questions leading to outcomes that name entities."""

from __future__ import annotations

from pathlib import Path

from ..base import Kind
from .check import check
from .model import Decision
from .view import render

KIND: Kind[Decision, None] = Kind(
    name="decision", plural="decisions", model=Decision, directory=Path(__file__).parent,
    view=render, check=check, folder="decisions", anchor="{id}-",
    lazy_script="guidekit-decision.js", page_description=False,
)
