"""The formula whitelist and its Python semantics, and the compiled JS giving the same
numbers in node (the widgets are checked against Python in the browser too)."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess

import pytest

from guidekit.formulas import (
    _BINARY,
    FUNCTIONS,
    FormulaError,
    OutputError,
    compile_calculator,
    evaluate,
    js_runtime_for,
    js_shared_runtime,
    parse_formula,
    to_js,
)

KNOWN = {"a": "number", "b": "number", "xs": "list"}


def run(source: str, **values: float | list[float]) -> float:
    return evaluate(parse_formula(source, KNOWN), {"a": 0.0, "b": 0.0, "xs": [], **values})


SEMANTICS = [
    ("a * 20 / 86400", {"a": 10_000_000}, 10_000_000 * 20 / 86400),
    ("a // b", {"a": 7, "b": 2}, 3.0),
    ("a % b", {"a": -7, "b": 3}, 2.0),
    ("a ** 2", {"a": 3}, 9.0),
    ("-a + +b", {"a": 1, "b": 2}, 1.0),
    ("1 if a > b else 0", {"a": 2, "b": 1}, 1.0),
    ("(a < b) + (a <= b) + (a == b)", {"a": 1, "b": 1}, 2.0),
    ("0 < a < 10", {"a": 5}, 1.0),
    ("sum(xs)", {"xs": [1, 2, 3.5]}, 6.5),
    ("prod(xs)", {"xs": [0.99, 0.999]}, 0.99 * 0.999),
    ("min(a, b, 3)", {"a": 5, "b": 4}, 3.0),
    ("max(xs)", {"xs": [1, 9, 2]}, 9.0),
    ("round(2.5) + round(3.5)", {}, 6.0),
    ("round(a, 2)", {"a": 1.005}, 1.0),
    ("ceil(a / 5000) * 5000", {"a": 13888.9}, 15000.0),
    ("floor(a)", {"a": -1.5}, -2.0),
    ("log10(a)", {"a": 1000}, 3.0),
    ("sqrt(a)", {"a": 16}, 4.0),
    ("abs(a)", {"a": -2}, 2.0),
    ("count(xs)", {"xs": [1, 2]}, 2.0),
]


@pytest.mark.parametrize(("source", "values", "expected"), SEMANTICS)
def test_semantics(source: str, values: dict[str, float], expected: float) -> None:
    assert run(source, **values) == pytest.approx(expected, rel=1e-12)


UNDEFINED = ["a / 0", "a // 0", "a % 0", "log(0)", "sqrt(-1)", "min(xs)"]


@pytest.mark.parametrize("source", UNDEFINED)
def test_undefined_maths_is_nan_not_an_exception(source: str) -> None:
    assert math.isnan(run(source, a=1.0))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a.real", "attribute access"),
        ("a[0]", "subscripting"),
        ("open('x')", "function 'open' is not allowed"),
        ("__import__('os').system('x')", "only calls of"),
        ("'abc'", "only numbers"),
        ("True", "only numbers"),
        ("c + 1", "unknown name 'c'"),
        ("a and b", "'and'/'or'"),
        ("[a, b]", "a list literal"),
        ("lambda: 1", "lambda"),
        ("a if a else b", "must be a comparison"),
        ("xs + 1", "list input 'xs'"),
        ("min(a=1)", "no keyword arguments"),
        ("sqrt(a, b)", "takes 1 argument"),
        ("a in b", "comparison"),
        ("a +", "not a valid expression"),
        ("(a := 1)", "':='"),
        ("a" + " + a" * 300, "longer than"),
    ],
)
def test_outside_the_whitelist_is_refused(source: str, message: str) -> None:
    with pytest.raises(FormulaError, match=None) as info:
        parse_formula(source, KNOWN)
    assert message in str(info.value)


def test_outputs_read_only_earlier_outputs_so_cycles_cannot_exist() -> None:
    with pytest.raises(OutputError) as info:
        compile_calculator("c", {"a": "number"}, [("x", "y + 1"), ("y", "x + 1")])
    assert info.value.output_id == "x" and "later one" in str(info.value)
    with pytest.raises(OutputError):
        compile_calculator("c", {"a": "number"}, [("x", "x + 1")])


def test_calculator_evaluates_in_order() -> None:
    calc = compile_calculator(
        "capacity",
        {"dau": "number", "actions": "number"},
        [("daily", "dau * actions"), ("rps", "daily / 86400")],
    )
    results = calc.evaluate({"dau": 10_000_000.0, "actions": 20.0})
    assert results["daily"] == 200_000_000
    assert results["rps"] == pytest.approx(2314.8148, rel=1e-6)


def test_js_is_generated_from_the_tree_without_eval() -> None:
    js = to_js(parse_formula("round(a / b, 2) if a > 0 else max(xs)", KNOWN))
    assert "eval" not in js and "Function" not in js
    assert "+v.a" in js and "G.div" in js and "G.round" in js and "G.max(v.xs)" in js


def helpers_in(runtime: str) -> set[str]:
    return set(re.findall(r"^  (\w+): function", runtime, re.M))


def test_a_bundle_carries_only_the_helpers_its_formulas_call() -> None:
    js = to_js(parse_formula("min(xs) / 2 + a", KNOWN))
    assert helpers_in(js_runtime_for(js)) == {"min", "flat", "div"}  # min reads G.flat
    assert helpers_in(js_runtime_for('v["a"] + 1')) == set()
    queueing = helpers_in(js_runtime_for("G.mmc_quantile(c, a, s, p)"))
    assert {"erlang_c", "hypo", "bisect", "servers"} <= queueing and "min" not in queueing
    # Every helper a formula may compile to is one the runtime holds.
    called = {f.js.removeprefix("G.") for f in FUNCTIONS.values() if f.js.startswith("G.")}
    called |= {op.removeprefix("G.") for op, _ in _BINARY.values() if op.startswith("G.")}
    assert called and helpers_in(js_runtime_for(" ".join(f"G.{n}" for n in called))) >= called


def test_the_shared_runtime_adds_the_helpers_called_to_one_object() -> None:
    """Items of a kind with Kind.shared_runtime call G = window.GuidekitRuntime; the bundle
    reading them adds to it the helpers they call (and those those call), each once."""
    js = to_js(parse_formula("min(xs) / 2 + a", KNOWN))
    shared = js_shared_runtime(js + js)
    assert shared.startswith("var G = window.GuidekitRuntime = window.GuidekitRuntime || {};")
    assert re.findall(r"^G\.(\w+) = function", shared, re.M) == ["div", "flat", "min"]
    assert js_shared_runtime('v["a"] + 1') == ""


def test_names_from_data_cannot_break_out_of_js_strings() -> None:
    assert to_js(parse_formula("a", {"a": "number"})) == "+v.a"
    # A name JS would not take after a dot is quoted, as JSON quotes it.
    assert to_js(parse_formula("größe", {"größe": "number"})) == '+v["gr\\u00f6\\u00dfe"]'


NODE = shutil.which("node")
# Values arrive from a page's fields as text, and comparisons are true or false: the compiled
# code makes every value a number where it enters, as Python's float() does.
AS_NUMBERS = [
    ("(a < b) * 3 + -(a == b)", {"a": 1, "b": 2}), ("+(a < b) - (b <= a)", {"a": 1, "b": 2}),
    ("a + b", {"a": 1, "b": 2}), ("-a - -b", {"a": 1, "b": 2}),
    ("(a if a > b else b) + 1", {"a": 3, "b": 2}), ("a / (b > 1)", {"a": 3, "b": 1}),
    ("sum(xs) + a", {"xs": [1, 2], "a": 4}),
    ("max(a, xs) / count(xs, b)", {"xs": [1, 7], "a": 3, "b": 1}),
    ("0.5 * 1e-05 + 1e20 - 12345678901234567", {}), ("10 ** a > 99", {"a": 2}),
]


@pytest.mark.skipif(NODE is None, reason="needs node to run the compiled formulas")
def test_compiled_formulas_give_python_s_numbers_in_node() -> None:
    cases = [(source, values) for source, values, _ in SEMANTICS]
    cases += [(source, {"a": 1.0}) for source in UNDEFINED] + AS_NUMBERS
    compiled = []
    for source, values in cases:
        inputs = {"a": 0.0, "b": 0.0, "xs": [], **values}
        expected = run(source, **values)
        as_text = {k: [str(x) for x in v] if isinstance(v, list) else str(v)
                   for k, v in inputs.items()}
        formulas = compile_calculator("t", KNOWN, [("r", source)]).to_js()
        js = f"function (v) {{ return {formulas}.r(v); }}"
        for given in (inputs, as_text):
            compiled.append((js, given, expected, source))
    calls = ",".join(f"String(({js})({json.dumps(given)}))" for js, given, *_ in compiled)
    script = (js_runtime_for("".join(js for js, *_ in compiled))
              + "console.log(JSON.stringify([" + calls + "]));")
    assert NODE is not None
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    for (_, given, expected, source), got in zip(compiled, json.loads(out.stdout), strict=True):
        if math.isnan(expected):
            assert got == "NaN", (source, given)
        else:
            assert float(got) == pytest.approx(expected, rel=1e-12), (source, given, got)
