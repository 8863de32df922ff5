"""One formula source: a whitelisted subset of Python expressions, run in Python and compiled to JS.

A formula is parsed with :mod:`ast` and checked node by node against a whitelist: numbers, the
names of declared inputs and earlier outputs, arithmetic, comparisons, conditional expressions
and a short list of functions. Nothing is ever passed to ``eval``: Python walks the checked tree
itself, and the browser runs JavaScript generated from the same tree into a static file.

Both sides share the same semantics on purpose, including the corners where Python and JS differ:
division, floor division and modulo by zero give NaN (not an exception or Infinity), ``%`` takes
the sign of the divisor, ``round`` rounds half to even, and booleans count as 1 and 0.
"""

from __future__ import annotations

import ast
import functools
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import queueing
from .names import closest

MAX_FORMULA_LENGTH = 500
MAX_DEPTH = 40
MAX_EXPONENT = 1000

Value = float | list[float]


class FormulaError(ValueError):
    """A formula outside the whitelist, with an unknown name, or part of a cycle."""


class UnknownNameError(FormulaError):
    """A formula reads a name that is neither an input nor an earlier output."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(message)


# ----------------------------------------------------------------------------- shared semantics


def _floor(x: float) -> float:
    return float(math.floor(x)) if math.isfinite(x) else x


def _ceil(x: float) -> float:
    return float(math.ceil(x)) if math.isfinite(x) else x


def _div(a: float, b: float) -> float:
    return math.nan if b == 0 else a / b


def _floordiv(a: float, b: float) -> float:
    return math.nan if b == 0 else _floor(a / b)


def _mod(a: float, b: float) -> float:
    # Defined as a - b*floor(a/b) on both sides, so Python and JS agree bit for bit.
    return math.nan if b == 0 else a - b * _floor(a / b)


def _pow(a: float, b: float) -> float:
    if abs(b) > MAX_EXPONENT:
        return math.nan
    try:
        return math.pow(a, b)
    except OverflowError:
        odd = float(b).is_integer() and int(b) % 2 == 1
        return -math.inf if a < 0 and odd else math.inf
    except ValueError:  # 0 ** negative is Infinity in JS; negative ** fraction is NaN in both
        return math.inf if a == 0 else math.nan


def _round(x: float, digits: float = 0) -> float:
    """Half-to-even at ``digits`` decimals, computed as JS computes it (scale, round, unscale)."""
    if not math.isfinite(x) or not math.isfinite(digits):
        return x if math.isfinite(digits) else math.nan
    scale = math.pow(10, max(-15, min(15, int(digits))))
    scaled = x * scale
    if not math.isfinite(scaled):
        return scaled / scale
    floor = math.floor(scaled)
    diff = scaled - floor
    if diff > 0.5 or (diff == 0.5 and floor % 2 == 1):
        floor += 1
    return floor / scale


def _log(x: float, base: float | None = None) -> float:
    if x <= 0 or (base is not None and (base <= 0 or base == 1)):
        return math.nan
    return math.log(x) if base is None else math.log(x) / math.log(base)


def _log10(x: float) -> float:
    return math.nan if x <= 0 else math.log10(x)


def _sqrt(x: float) -> float:
    return math.nan if x < 0 else math.sqrt(x)


def _values(args: Sequence[Value]) -> list[float]:
    out: list[float] = []
    for arg in args:
        out.extend(arg if isinstance(arg, list) else [arg])
    return out


def _min(*args: Value) -> float:
    values = _values(args)
    return math.nan if not values or any(math.isnan(v) for v in values) else min(values)


def _max(*args: Value) -> float:
    values = _values(args)
    return math.nan if not values or any(math.isnan(v) for v in values) else max(values)


def _sum(*args: Value) -> float:
    total = 0.0
    for value in _values(args):  # left to right, as JS adds
        total += value
    return total


def _prod(*args: Value) -> float:
    total = 1.0
    for value in _values(args):
        total *= value
    return total


def _count(*args: Value) -> float:
    return float(len(_values(args)))


@dataclass(frozen=True)
class _Function:
    python: Callable[..., float]
    js: str
    min_args: int
    max_args: int
    takes_lists: bool = False
    arg_step: int = 1  # path functions: arguments come in groups, one group per station


FUNCTIONS: dict[str, _Function] = {
    "min": _Function(_min, "G.min", 1, 20, takes_lists=True),
    "max": _Function(_max, "G.max", 1, 20, takes_lists=True),
    "sum": _Function(_sum, "G.sum", 1, 20, takes_lists=True),
    "prod": _Function(_prod, "G.prod", 1, 20, takes_lists=True),
    "count": _Function(_count, "G.count", 1, 20, takes_lists=True),
    "abs": _Function(lambda x: abs(x), "Math.abs", 1, 1),
    "round": _Function(_round, "G.round", 1, 2),
    "floor": _Function(_floor, "Math.floor", 1, 1),
    "ceil": _Function(_ceil, "Math.ceil", 1, 1),
    "log": _Function(_log, "G.log", 1, 2),
    "log10": _Function(_log10, "G.log10", 1, 1),
    "sqrt": _Function(_sqrt, "G.sqrt", 1, 1),
    "exp": _Function(lambda x: _pow(math.e, x), "G.exp", 1, 1),
    # Queueing (guidekit.queueing): c servers, offered load a (Erlangs), mean service time s.
    "isfinite": _Function(queueing.isfinite, "G.isfinite", 1, 1),
    "argmax": _Function(lambda *args: queueing.argmax(*_values(args)), "G.argmax", 1, 20,
                        takes_lists=True),
    "erlang_c": _Function(queueing.erlang_c, "G.erlang_c", 2, 2),
    "mmc_wait": _Function(queueing.mmc_wait, "G.mmc_wait", 3, 3),
    "mmc_response_mean": _Function(queueing.mmc_response_mean, "G.mmc_response_mean", 3, 3),
    "mmc_quantile": _Function(queueing.mmc_quantile, "G.mmc_quantile", 4, 4),
    # A path: four arguments per station (c, a, s, visits), after p for the quantile.
    "path_mean": _Function(queueing.path_mean, "G.path_mean", 4, 4 * queueing.MAX_STATIONS,
                           arg_step=4),
    "path_quantile": _Function(queueing.path_quantile, "G.path_quantile", 5,
                               1 + 4 * queueing.MAX_STATIONS, arg_step=4),
}

_BINARY = {
    ast.Add: ("+", lambda a, b: a + b),
    ast.Sub: ("-", lambda a, b: a - b),
    ast.Mult: ("*", lambda a, b: a * b),
    ast.Div: ("G.div", _div),
    ast.FloorDiv: ("G.floordiv", _floordiv),
    ast.Mod: ("G.mod", _mod),
    ast.Pow: ("G.pow", _pow),
}
_COMPARE = {
    ast.Lt: ("<", lambda a, b: a < b),
    ast.LtE: ("<=", lambda a, b: a <= b),
    ast.Gt: (">", lambda a, b: a > b),
    ast.GtE: (">=", lambda a, b: a >= b),
    ast.Eq: ("===", lambda a, b: a == b),
    ast.NotEq: ("!==", lambda a, b: a != b),
}


# ----------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Formula:
    """A checked formula: its source, its tree and the names it reads."""

    source: str
    tree: ast.expr
    names: frozenset[str]


def parse_formula(source: str, known: Mapping[str, str]) -> Formula:
    """Parse and check ``source``; ``known`` maps each usable name to 'number' or 'list'."""
    if len(source) > MAX_FORMULA_LENGTH:
        raise FormulaError(f"formula is longer than {MAX_FORMULA_LENGTH} characters")
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except SyntaxError as error:
        raise FormulaError(f"not a valid expression: {error.msg}") from None
    names: set[str] = set()
    _check(tree, known, names, depth=0)
    return Formula(source, tree, frozenset(names))


def _check(node: ast.AST, known: Mapping[str, str], names: set[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise FormulaError(f"formula nests deeper than {MAX_DEPTH} levels")
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(f"only numbers are allowed as constants, not {node.value!r}")
        return
    if isinstance(node, ast.Name):
        if node.id not in known:
            raise UnknownNameError(node.id, _unknown_name(node.id, known))
        if known[node.id] == "list":
            raise FormulaError(
                f"list input '{node.id}' can only be used inside "
                "sum(), prod(), min(), max() or count()"
            )
        names.add(node.id)
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        _check(node.left, known, names, depth + 1)
        _check(node.right, known, names, depth + 1)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, known, names, depth + 1)
        return
    if isinstance(node, ast.Compare) and all(type(op) in _COMPARE for op in node.ops):
        for part in [node.left, *node.comparators]:
            _check(part, known, names, depth + 1)
        return
    if isinstance(node, ast.IfExp):
        if not isinstance(node.test, ast.Compare):
            raise FormulaError("the condition of 'a if cond else b' must be a comparison")
        for part in (node.test, node.body, node.orelse):
            _check(part, known, names, depth + 1)
        return
    if isinstance(node, ast.Call):
        _check_call(node, known, names, depth)
        return
    raise FormulaError(f"{_describe(node)} is not allowed in formulas")


def _check_call(node: ast.Call, known: Mapping[str, str], names: set[str], depth: int) -> None:
    if not isinstance(node.func, ast.Name):
        raise FormulaError(f"only calls of {', '.join(sorted(FUNCTIONS))} are allowed")
    function = FUNCTIONS.get(node.func.id)
    if function is None:
        raise FormulaError(
            f"function '{node.func.id}' is not allowed; use one of {', '.join(sorted(FUNCTIONS))}"
        )
    if node.keywords:
        raise FormulaError(f"{node.func.id}() takes no keyword arguments")
    if not function.min_args <= len(node.args) <= function.max_args:
        raise FormulaError(
            f"{node.func.id}() takes {function.min_args}"
            + (f" to {function.max_args}" if function.max_args != function.min_args else "")
            + f" argument(s), got {len(node.args)}"
        )
    if (len(node.args) - function.min_args) % function.arg_step:
        lead = function.min_args - function.arg_step
        raise FormulaError(
            f"{node.func.id}() takes " + (f"{lead} argument(s) then " if lead else "")
            + f"groups of {function.arg_step} arguments (one group per station), "
            f"got {len(node.args)}"
        )
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise FormulaError("'*' arguments are not allowed")
        if function.takes_lists and isinstance(arg, ast.Name) and known.get(arg.id) == "list":
            names.add(arg.id)
            continue
        _check(arg, known, names, depth + 1)


def _describe(node: ast.AST) -> str:
    labels = {
        ast.Attribute: "attribute access",
        ast.Subscript: "subscripting",
        ast.Lambda: "lambda",
        ast.BoolOp: "'and'/'or'",
        ast.List: "a list literal",
        ast.Tuple: "a tuple",
        ast.Dict: "a dict",
        ast.JoinedStr: "an f-string",
        ast.NamedExpr: "':='",
        ast.ListComp: "a comprehension",
        ast.GeneratorExp: "a generator",
    }
    for kind, label in labels.items():
        if isinstance(node, kind):
            return label
    if isinstance(node, ast.BinOp | ast.UnaryOp):
        op = node.op
        return f"operator {type(op).__name__}"
    if isinstance(node, ast.Compare):
        return "this comparison ('in', 'is')"
    return type(node).__name__


def _unknown_name(name: str, known: Mapping[str, str]) -> str:
    close = closest(name, known)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown name '{name}' (inputs and earlier outputs only){hint}"


# ----------------------------------------------------------------------------- evaluation


def evaluate(formula: Formula, values: Mapping[str, Value]) -> float:
    """Walk the checked tree; the result is a float (NaN where the maths is undefined)."""
    return _to_float(_eval(formula.tree, values))


def _to_float(value: Any) -> float:
    return float(value)


def _eval(node: ast.AST, values: Mapping[str, Value]) -> Any:
    if isinstance(node, ast.Constant):
        return _constant(node)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BinOp):
        _, fn = _BINARY[type(node.op)]
        left, right = _num(_eval(node.left, values)), _num(_eval(node.right, values))
        try:
            return fn(left, right)
        except OverflowError:
            return math.inf
    if isinstance(node, ast.UnaryOp):
        operand = _num(_eval(node.operand, values))
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Compare):
        left = _num(_eval(node.left, values))
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _num(_eval(right_node, values))
            if not _COMPARE[type(op)][1](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        branch = node.body if _eval(node.test, values) else node.orelse
        return _eval(branch, values)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        function = FUNCTIONS[node.func.id]
        args = [_eval(arg, values) for arg in node.args]
        if not function.takes_lists:
            args = [_num(a) for a in args]
        return function.python(*args)
    raise FormulaError(f"unexpected node {type(node).__name__}")  # unreachable after _check


def _constant(node: ast.Constant) -> float:
    assert isinstance(node.value, int | float)  # _check allows numbers only
    return float(node.value)


def _num(value: Any) -> float:
    return float(value)  # booleans count as 1 and 0, as in JS arithmetic


# ----------------------------------------------------------------------------- JavaScript


def to_js(formula: Formula) -> str:
    """The same tree as a JS expression over ``v`` (values by name) and ``G`` (shared helpers).

    Every value is made a number where it enters (``+v.x``), as Python's ``float()`` does; the
    operators and helpers then only ever see numbers and give numbers, so the rest needs no
    coercion but a comparison's true or false where it is used as a number."""
    return _js(formula.tree)


_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


def _js(node: ast.AST) -> str:
    """``node`` as a JS expression that is a number, an atom or in parentheses."""
    if isinstance(node, ast.Compare):
        return f"+{_js_test(node)}"
    return _js_value(node)


def _js_value(node: ast.AST) -> str:
    if isinstance(node, ast.Constant):
        value = _constant(node)
        if not math.isfinite(value):
            return "Infinity"
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(node, ast.Name):
        return f"+{_js_name(node.id)}"
    if isinstance(node, ast.BinOp):
        op, _ = _BINARY[type(node.op)]
        left, right = _js(node.left), _js(node.right)
        if op.startswith("G."):
            return f"{op}({left}, {right})"
        return f"({left} {op} {right})"
    if isinstance(node, ast.UnaryOp):
        operand = _js(node.operand)
        if isinstance(node.op, ast.UAdd):
            return operand  # already a number
        return f"(-{operand})"
    if isinstance(node, ast.IfExp):
        return f"({_js_test(node.test)} ? {_js(node.body)} : {_js(node.orelse)})"
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        function = FUNCTIONS[node.func.id]
        # A list input goes to the list functions as it is: they make each item a number.
        args = [_js_name(a.id) if function.takes_lists and isinstance(a, ast.Name) else _js(a)
                for a in node.args]
        return f"{function.js}({', '.join(args)})"
    raise FormulaError(f"unexpected node {type(node).__name__}")


def _js_test(node: ast.AST) -> str:
    """A condition: a comparison as JS true or false (in parentheses), anything else a number."""
    if not isinstance(node, ast.Compare):
        return _js_value(node)
    parts = [node.left, *node.comparators]
    checks = [f"{_js(a)} {_COMPARE[type(op)][0]} {_js(b)}"
              for op, a, b in zip(node.ops, parts, parts[1:], strict=False)]
    return "(" + " && ".join(checks) + ")"


def _js_name(name: str) -> str:
    return f"v.{name}" if _IDENTIFIER.fullmatch(name) else f"v[{json.dumps(name)}]"


def js_runtime() -> str:
    """The JS helpers ``G.*`` that compiled formulas call (assets/formula-runtime.js)."""
    return (Path(__file__).parent / "assets" / "formula-runtime.js").read_text(encoding="utf-8")


# A helper of the runtime starts at two spaces' indent ("  name: function"); comments at that
# indent sit between helpers. A helper calls another as ``G.name``, as compiled formulas do.
_HELPER = re.compile(r"^  (\w+): function", re.M)
_BETWEEN_HELPERS = re.compile(r"^  /\*.*?\*/\n", re.M | re.S)
_CALL = re.compile(r"\bG\.(\w+)")


@functools.cache
def _runtime_helpers() -> dict[str, str]:
    """Each helper of the runtime's ``var G = {...}``, by name, in the file's order."""
    body = js_runtime().split("var G = {\n", 1)[1].rsplit("\n};", 1)[0]
    body = _BETWEEN_HELPERS.sub("", body)
    starts = list(_HELPER.finditer(body))
    ends = [match.start() for match in starts[1:]] + [len(body)]
    return {match.group(1): body[match.start():end].rstrip().rstrip(",")
            for match, end in zip(starts, ends, strict=True)}


def _helpers_called(code: str) -> list[str]:
    """The runtime helpers ``code`` calls and those they call, in the runtime file's order."""
    helpers = _runtime_helpers()
    needed: set[str] = set()
    waiting = _CALL.findall(code)
    while waiting:
        name = waiting.pop()
        if name not in needed and name in helpers:
            needed.add(name)
            waiting += _CALL.findall(helpers[name])
    return [name for name in helpers if name in needed]


def js_runtime_for(code: str) -> str:
    """The part of the runtime that ``code`` (compiled formulas) needs: the helpers it calls
    and those they call, so that a bundle of plain arithmetic does not carry the queueing
    maths (a third of the calculators' script, gzipped)."""
    helpers = _runtime_helpers()
    return "var G = {\n" + ",\n".join(helpers[name] for name in _helpers_called(code)) + "\n};\n"


# The page's shared runtime (window.GuidekitRuntime) as ``G``: the first line of an item's
# file with Kind.shared_runtime, and of the helpers a bundle adds to it.
SHARED_RUNTIME_G = "var G = window.GuidekitRuntime = window.GuidekitRuntime || {};\n"


def js_shared_runtime(code: str) -> str:
    """The helpers ``code`` needs, added to the page's shared ``window.GuidekitRuntime``
    (the object items' files call as ``G``), so that the formulas of several items on a page
    share one copy of the queueing maths. A bundle carries the helpers of all the items its
    widgets read; either may run first, as both only add to the same object."""
    helpers = _runtime_helpers()
    names = _helpers_called(code)
    if not names:
        return ""
    return (SHARED_RUNTIME_G
            + "".join("G." + helpers[name].strip().replace(": function", " = function", 1)
                      + ";\n" for name in names))



# ----------------------------------------------------------------------------- calculators


@dataclass(frozen=True)
class CompiledOutput:
    id: str
    formula: Formula


@dataclass(frozen=True)
class CompiledCalculator:
    """A calculator whose outputs are checked and ordered so each reads only what came before."""

    id: str
    inputs: dict[str, str]  # id -> 'number' | 'list'
    outputs: tuple[CompiledOutput, ...]

    def evaluate(self, values: Mapping[str, Value]) -> dict[str, float]:
        scope: dict[str, Value] = dict(values)
        results: dict[str, float] = {}
        for output in self.outputs:
            result = evaluate(output.formula, scope)
            results[output.id] = result
            scope[output.id] = result
        return results

    def to_js(self) -> str:
        """A JS function body-free object: ``{id: function (v) { return ...; }, ...}`` in order."""
        parts = [
            f"{json.dumps(o.id)}: function (v) {{ return {_number(to_js(o.formula))}; }}"
            for o in self.outputs
        ]
        return "{" + ", ".join(parts) + "}"


def _number(expression: str) -> str:
    """A compiled formula's value as a number (``+`` once: ``++`` would be an increment)."""
    return expression if expression.startswith("+") else "+" + expression


def compile_calculator(
    calculator_id: str,
    inputs: Mapping[str, str],
    outputs: Sequence[tuple[str, str]],
) -> CompiledCalculator:
    """Check every output formula; an output may read inputs and outputs listed before it.

    Raises :class:`FormulaError` with ``output`` set to the failing output's id.
    """
    known: dict[str, str] = dict(inputs)
    compiled: list[CompiledOutput] = []
    later = {output_id for output_id, _ in outputs}
    for output_id, source in outputs:
        if output_id in known:
            raise OutputError(output_id, f"'{output_id}' is already the name of an input or output")
        later.discard(output_id)
        try:
            formula = parse_formula(source, known)
        except UnknownNameError as error:
            message = str(error)
            if error.name in later | {output_id}:
                message = (
                    f"'{error.name}' is this output or a later one: formulas may only read "
                    "inputs and earlier outputs (this prevents cycles)"
                )
            raise OutputError(output_id, message) from None
        except FormulaError as error:
            raise OutputError(output_id, str(error)) from None
        compiled.append(CompiledOutput(output_id, formula))
        known[output_id] = "number"
    return CompiledCalculator(calculator_id, dict(inputs), tuple(compiled))


class OutputError(FormulaError):
    def __init__(self, output_id: str, message: str) -> None:
        self.output_id = output_id
        super().__init__(message)
