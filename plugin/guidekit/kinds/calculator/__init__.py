"""Calculators: inputs and formulas; results computed at build time and again in the browser."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ...data.catalog import Catalog, Checked
from ..base import ItemPage, Kind, item_script
from .check import CalculatorResult, check
from .model import Calculator
from .view import calculator_view


def render(page: ItemPage, calculator: Calculator) -> Markup:
    words = (page.t("calculator.word_yes"), page.t("calculator.word_no"))
    view = calculator_view(KIND.result(page.checked), calculator, words)
    return page.fragment("guidekit/calculator.html", calculator=calculator, view=view,
                         needs=formulas_file(calculator.id))


def formulas_file(calculator_id: str) -> str:
    """The file of one calculator's compiled formulas (its widget and its drills load it)."""
    return item_script("calculator", calculator_id)


def script_sets(catalog: Catalog, checked: Checked) -> dict[str, dict[str, str]]:
    compiled = KIND.result(checked).compiled
    return {"GuidekitFormulas": {key: formulas.to_js() for key, formulas in compiled.items()}}


KIND: Kind[Calculator, CalculatorResult] = Kind(
    name="calculator", plural="calculators", model=Calculator, directory=Path(__file__).parent,
    view=render, check=check, folder="calculators", script_sets=script_sets,
    lazy_script="guidekit-calculator.js",
    page_description=False,
)
