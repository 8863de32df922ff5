"""Estimation drills: a scenario drawn from a calculator's inputs, questions on its outputs,
answers graded within a tolerance and the worked steps shown after."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..base import ItemPage, Kind
from ..calculator import KIND as CALCULATOR
from ..calculator import formulas_file
from .check import DrillResult, check
from .model import Drill
from .view import drill_view


def render(page: ItemPage, drill: Drill) -> Markup:
    view = drill_view(page.catalog, CALCULATOR.result(page.checked),
                      KIND.result(page.checked).choices, drill, lambda text: str(page.md(text)))
    return page.fragment("guidekit/drill.html", drill=drill, view=view,
                         needs=formulas_file(drill.calculator))


KIND: Kind[Drill, DrillResult] = Kind(
    name="drill", plural="drills", model=Drill, directory=Path(__file__).parent, view=render,
    check=check, folder="drills", lazy_script="guidekit-drill.js",
)
