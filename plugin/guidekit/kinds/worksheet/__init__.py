"""Worksheets: a guided page gathering checklists, calculators, a choice and notes."""

from __future__ import annotations

from pathlib import Path

from ..base import Kind
from .check import check
from .model import Worksheet
from .view import render

KIND: Kind[Worksheet, None] = Kind(
    name="worksheet", plural="worksheets", model=Worksheet, directory=Path(__file__).parent,
    view=render, check=check, folder="worksheets", lazy_script="guidekit-worksheet.js",
    page_description=False,
)
