"""Calculators: default results computed in Python at build time, the same formulas as JS."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...formulas import Value
from ...units import format_value
from .check import CalculatorResult
from .model import Calculator, CalculatorInput, ChoiceOption


@dataclass(frozen=True)
class InputView:
    spec: CalculatorInput
    value: str
    options: list[ChoiceOption]


@dataclass(frozen=True)
class OutputView:
    id: str
    label: str
    unit: str
    format: str
    decimals: int
    fixed: bool
    help: str
    value: float
    text: str


@dataclass(frozen=True)
class CalculatorView:
    inputs: list[InputView]
    outputs: list[OutputView]


def default_values(result: CalculatorResult, calculator: Calculator) -> dict[str, Value]:
    """Input values for the defaults, choice inputs expanded to ``<input>_<key>`` names."""
    values: dict[str, Value] = {}
    for spec in calculator.inputs:
        if spec.type == "choice":
            options = result.choices[(calculator.id, spec.id)]
            index = int(spec.default)  # type: ignore[arg-type]
            values[spec.id] = float(index)
            for key, value in options[index].values.items():
                values[f"{spec.id}_{key}"] = value
        elif isinstance(spec.default, list):
            values[spec.id] = [float(v) for v in spec.default]
        else:
            values[spec.id] = float(spec.default)
    return values


def evaluate_defaults(result: CalculatorResult, calculator: Calculator) -> dict[str, float]:
    return result.compiled[calculator.id].evaluate(default_values(result, calculator))


def _input_text(spec: CalculatorInput) -> str:
    if isinstance(spec.default, list):
        return ", ".join(_number_text(v) for v in spec.default)
    return _number_text(spec.default)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def calculator_view(
    result: CalculatorResult, calculator: Calculator, words: tuple[str, str] = ("yes", "no")
) -> CalculatorView:
    """Inputs and build-time results; ``words`` are the site's yes and no (yesno results)."""
    results = evaluate_defaults(result, calculator)
    inputs = [
        InputView(spec, _input_text(spec), result.choices.get((calculator.id, spec.id), []))
        for spec in calculator.inputs
    ]
    outputs = []
    for spec in calculator.outputs:
        value = results[spec.id]
        outputs.append(
            OutputView(spec.id, spec.label, spec.unit, spec.format, spec.places, spec.fixed,
                       spec.help, value,
                       format_value(value, spec.format, spec.unit, spec.places, spec.fixed,
                                    words))
        )
    return CalculatorView(inputs, outputs)


def value_attr(value: float) -> str:
    """A result as a data attribute: repr keeps every bit, so tests compare exactly."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)
