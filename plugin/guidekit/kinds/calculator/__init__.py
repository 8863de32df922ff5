"""Calculators: inputs and formulas; results computed at build time and again in the browser."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ...data.catalog import Catalog, Checked
from ..base import ItemPage, Kind
from .check import CalculatorResult, check
from .model import Calculator
from .view import calculator_view, formulas_js


def render(page: ItemPage, calculator: Calculator) -> Markup:
    words = (page.t("calculator.word_yes"), page.t("calculator.word_no"))
    view = calculator_view(KIND.result(page.checked), calculator, words)
    return page.fragment("guidekit/calculator.html", calculator=calculator, view=view)


def script_globals(catalog: Catalog, checked: Checked) -> dict[str, str]:
    return {"GuidekitFormulas": formulas_js(KIND.result(checked))}


KIND: Kind[Calculator, CalculatorResult] = Kind(
    name="calculator", plural="calculators", model=Calculator, directory=Path(__file__).parent,
    view=render, check=check, folder="calculators", script_globals=script_globals,
    page_description=False,
)
