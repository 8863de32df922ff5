"""Estimation drills: a scenario drawn from ranges with a seeded generator, questions answered by
a calculator's compiled formulas, estimates graded within a tolerance, and a worked solution.

Python and the browser (``86-drill.js`` beside it) agree by construction: every range is
expanded here into its list of candidate values, shipped in the HTML, and both sides pick
``candidates[floor(r * n)]`` with the same 32-bit generator (mulberry32), one draw per
parameter in declared order. The JS mirrors :func:`mulberry32`, :func:`parse_estimate` and
:func:`grade` line by line; a browser test checks they give the same results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import escape

from ...data.catalog import Catalog
from ...formulas import CompiledCalculator, Value
from ...units import DURATION_UNITS, format_value, group_thousands
from ..calculator.check import CalculatorResult
from ..calculator.view import default_values
from ..deck.cards import fill, slots
from .model import Drill, DrillParam

MANTISSAS = ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8")
MAX_CANDIDATES = 10_000
UINT32 = 0xFFFFFFFF


# --------------------------------------------------------------------------- seeded draws


def _imul(a: int, b: int) -> int:
    """JavaScript's Math.imul on unsigned 32-bit values: the low 32 bits of the product."""
    return (a * b) & UINT32


def mulberry32(seed: int) -> Iterator[float]:
    """Floats in [0, 1), each an integer over 2**32, exactly as the JS generator gives them."""
    state = seed & UINT32
    while True:
        state = (state + 0x6D2B79F5) & UINT32
        t = state
        t = _imul(t ^ (t >> 15), t | 1)
        t = ((t + _imul(t ^ (t >> 7), t | 61)) & UINT32) ^ t
        yield ((t ^ (t >> 14)) & UINT32) / 4294967296


def candidates(param: DrillParam) -> list[float]:
    """Every value the parameter can take, in increasing order (or as listed for choices)."""
    if param.value is not None:
        return [param.value]
    if param.choices:
        return list(param.choices)
    assert param.min is not None and param.max is not None
    if param.log:
        return _round_numbers(param.min, param.max)
    assert param.step is not None
    count = math.floor((param.max - param.min) / param.step + 1e-9) + 1
    if count > MAX_CANDIDATES:
        raise ValueError(f"{count} values from min to max by step; at most {MAX_CANDIDATES}")
    # Decimal arithmetic so that 0.1 steps give 0.3, not 0.30000000000000004.
    low, step = Decimal(repr(param.min)), Decimal(repr(param.step))
    return [float(low + step * i) for i in range(count)]


def _round_numbers(low: float, high: float) -> list[float]:
    values = []
    for exponent in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for mantissa in MANTISSAS:
            value = float(Decimal(mantissa).scaleb(exponent))
            if low <= value <= high:
                values.append(value)
    if not values:
        raise ValueError(f"no round number between {low} and {high}")
    return values


def draw(choices: Mapping[str, list[float]], seed: int) -> dict[str, float]:
    """One value per parameter, in the mapping's order, each from one draw of the generator."""
    generator = mulberry32(seed)
    return {name: values[math.floor(next(generator) * len(values))]
            for name, values in choices.items()}


# --------------------------------------------------------------------------- reading estimates

_ESTIMATE = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)([a-zµ%]*)$", re.IGNORECASE)
COUNT_SUFFIXES = {"": 1.0, "k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9, "g": 1e9,
                  "t": 1e12}
BYTE_SUFFIXES = {"": 1.0, "b": 1.0, "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9,
                 "gb": 1e9, "t": 1e12, "tb": 1e12, "p": 1e15, "pb": 1e15, "eb": 1e18}


def parse_estimate(text: str, fmt: str = "number") -> float | None:
    """A typed estimate: ``2.3k``, ``10M``, ``7e3``, ``1,500``, ``20 GB``, ``4.4h``, ``~7000``.

    The suffixes depend on the answer's format: bytes read K/M/G/T/P(B); durations read s, ms,
    min, h, d... (a bare number is seconds); percentages allow '%'; other numbers read k, M,
    B/bn/G and T. Anything else is None."""
    cleaned = re.sub(r"[\s,_\u202f]", "", text).lstrip("~≈")
    match = _ESTIMATE.match(cleaned)
    if not match:
        return None
    number, suffix = float(match.group(1)), match.group(2).lower()
    if fmt == "bytes":
        factor = BYTE_SUFFIXES.get(suffix)
    elif fmt == "duration":
        factor = DURATION_UNITS.get(suffix) if suffix else 1.0
    elif fmt == "percent":
        factor = 1.0 if suffix in {"", "%"} else None
    else:
        factor = COUNT_SUFFIXES.get(suffix)
    if factor is None:
        return None
    value = number * factor
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------- grading


def tolerance_text(within: str) -> tuple[str, dict[str, str]]:
    """How a tolerance reads to the reader: a UI string key and its values."""
    if within == "exact":
        return "drill.within_exact", {}
    if within == "order_of_magnitude":
        return "drill.within_magnitude", {}
    if within.endswith("x"):
        return "drill.within_factor", {"factor": within[:-1]}
    return "drill.within_percent", {"amount": within[:-1]}


def grade(estimate: float, answer: float, within: str) -> bool:
    """Is ``estimate`` close enough to ``answer``? ``25%``: relative error at most 25%;
    ``3x``: within a factor of 3 either way; ``order_of_magnitude``: within a factor of √10
    (so it rounds to the same power of ten); ``exact``: equal up to float noise."""
    if not (math.isfinite(estimate) and math.isfinite(answer)):
        return False
    if within == "exact":
        return abs(estimate - answer) <= 1e-9 * max(1.0, abs(answer))
    if within.endswith("%"):
        return abs(estimate - answer) <= float(within[:-1]) / 100 * abs(answer)
    factor = math.sqrt(10) if within == "order_of_magnitude" else float(within[:-1])
    if answer == 0 or estimate == 0:
        return estimate == answer
    if (estimate > 0) != (answer > 0):
        return False
    return max(estimate / answer, answer / estimate) <= factor


# --------------------------------------------------------------------------- worked solution

_NAME = re.compile(r"(?<![\w.])[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Step:
    """One line of the worked solution: ``label: formula = numbers = result``."""

    id: str
    formula: str
    names: tuple[str, ...]


def needed_steps(compiled: CompiledCalculator, output_ids: list[str]) -> list[Step]:
    """The outputs the questions need, with every output they read, in calculator order."""
    wanted = set(output_ids)
    for output in reversed(compiled.outputs):
        if output.id in wanted:
            wanted |= {n for n in output.formula.names if n not in compiled.inputs}
    return [Step(o.id, o.formula.source.strip(), tuple(sorted(o.formula.names)))
            for o in compiled.outputs if o.id in wanted]


def number_text(value: float) -> str:
    """A number inside a worked formula: grouped digits, up to six decimals."""
    if not math.isfinite(value):
        return "—" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    return group_thousands(value, 6)


def substitute(formula: str, values: Mapping[str, Value]) -> str:
    """The formula with each input or output name replaced by its value."""

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(0))
        if value is None or isinstance(value, list):
            return match.group(0)
        return number_text(float(value))

    return _NAME.sub(replace, formula)


# --------------------------------------------------------------------------- the widget's view

_TOKEN = "gkslot{}x"


@dataclass(frozen=True)
class QuestionView:
    output: str
    prompt: str
    within: str
    tolerance: tuple[str, dict[str, str]]
    format: str
    unit: str
    decimals: int
    fixed: bool
    answer: float
    answer_text: str


@dataclass(frozen=True)
class StepView:
    id: str
    label: str
    formula: str
    numbers: str
    value: float
    text: str
    format: str
    unit: str
    decimals: int
    fixed: bool


@dataclass(frozen=True)
class DrillView:
    seed: int
    scenario: str  # HTML: the scenario's Markdown with a <span data-gk-param> per slot
    params: list[dict[str, object]]  # for the script: name, values, format, unit
    base: dict[str, Value]  # input values the scenario does not vary (defaults)
    questions: list[QuestionView]
    steps: list[StepView]


def param_text(value: float, fmt: str, unit: str) -> str:
    return format_value(value, fmt or "count", unit, 2)


def drill_view(catalog: Catalog, calculators: CalculatorResult,
               choices_of: dict[str, dict[str, list[float]]], drill: Drill,
               markdown: Callable[[str], str], seed: int | None = None) -> DrillView:
    """The drill for one seed (its default seed unless given), computed in Python: the HTML a
    reader without JavaScript sees, and what the script recomputes for other seeds."""
    calculator = catalog.calculators[drill.calculator]
    compiled = calculators.compiled[calculator.id]
    seed = drill.seed if seed is None else seed
    choices = choices_of[drill.id]
    drawn = draw(choices, seed)
    base = default_values(calculators, calculator)
    values: dict[str, Value] = {**base, **drawn}
    results = compiled.evaluate(values)
    scope: dict[str, Value] = {**values, **results}

    shown: dict[str, tuple[str, str]] = {}  # name -> (format, unit) of each slot's value
    for name in slots(drill.scenario):
        param = drill.params.get(name)
        shown[name] = (param.format, param.unit) if param else ("", "")
    tokens = {name: _TOKEN.format(index) for index, name in enumerate(shown)}
    html = markdown(fill(drill.scenario, tokens))
    for name, token in tokens.items():
        fmt, unit = shown[name]
        span = (f'<span class="gk-drill__param" data-gk-param="{escape(name)}" '
                f'data-format="{escape(fmt or "count")}" data-unit="{escape(unit)}">'
                f"{escape(param_text(float(values[name]), fmt, unit))}</span>")  # type: ignore[arg-type]
        html = html.replace(token, span)

    outputs = {o.id: o for o in calculator.outputs}
    questions = []
    for question in drill.questions:
        spec = outputs[question.output]
        answer = results[spec.id]
        questions.append(QuestionView(
            spec.id, question.prompt or spec.label, question.within,
            tolerance_text(question.within), spec.format, spec.unit, spec.places, spec.fixed,
            answer, format_value(answer, spec.format, spec.unit, spec.places, spec.fixed)))
    steps = []
    for step in needed_steps(compiled, [q.output for q in drill.questions]):
        spec = outputs[step.id]
        value = results[step.id]
        steps.append(StepView(step.id, spec.label, step.formula, substitute(step.formula, scope),
                              value, format_value(value, spec.format, spec.unit, spec.places,
                                                  spec.fixed),
                              spec.format, spec.unit, spec.places, spec.fixed))
    params: list[dict[str, object]] = [
        {"name": name, "values": values_, "format": drill.params[name].format or "count",
         "unit": drill.params[name].unit}
        for name, values_ in choices.items()
    ]
    return DrillView(seed, html, params, base, questions, steps)
