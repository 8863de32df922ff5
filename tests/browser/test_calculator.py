"""Calculators in a real browser: the build-time results are what the script shows too, typing
updates them, bad input stays at its field, links restore inputs, and the JS that runs in the
page agrees with Python: the compiled formulas (property test over every calculator of the mini
site and of the guide) and the display formatting (units.format_value)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidekit.core import load_site
from guidekit.kinds.calculator import KIND as CALCULATOR
from guidekit.kinds.calculator.model import Calculator, CalculatorInput
from guidekit.kinds.calculator.view import default_values
from guidekit.units import format_value
from tests.browser.conftest import MINI, calculator_action, clipboard_text, open_widgets
from tests.browser.formula_calls import calls, count_calls

pytestmark = pytest.mark.browser

MIX = "calculators/mix/"
ROOT = "#calculator-mix"
FORMATS = ["number", "count", "rate", "bytes", "duration", "percent", "yesno"]


@dataclass
class Site:
    name: str
    url: str
    dir: Path
    data: Path

    def calculator_pages(self) -> dict[str, str]:
        """Calculator id -> URL of a page that embeds it (its own page where there is one)."""
        pages: dict[str, str] = {}
        for html in sorted(self.dir.rglob("index.html"), key=lambda p: len(p.parts)):
            text = html.read_text(encoding="utf-8")
            for calc in re.findall(r'data-gk="calculator"[^>]*?data-gk-id="([^"]+)"', text):
                rel = html.parent.relative_to(self.dir).as_posix()
                own = rel.endswith(f"/{calc}")
                if calc not in pages or own:
                    pages[calc] = self.url + (rel + "/" if rel != "." else "")
        return pages


@pytest.fixture(params=["mini", "guide"])
def site(request: pytest.FixtureRequest, repo_root: Path) -> Site:
    if request.param == "mini":
        return Site(
            "mini",
            request.getfixturevalue("mini_url"),
            request.getfixturevalue("mini_site"),
            MINI / "data",
        )
    return Site(
        "guide",
        request.getfixturevalue("guide_url"),
        request.getfixturevalue("guide_site"),
        repo_root / "data",
    )


def outputs(page: Any, root: str = "") -> dict[str, tuple[str, float]]:
    pairs = page.eval_on_selector_all(
        f"{root} [data-gk-output]",
        "os => os.map(o => [o.dataset.gkOutput, o.textContent, o.dataset.value])",
    )
    return {k: (text, float(value)) for k, text, value in pairs}


def same_number(a: float, b: float, rel: float = 1e-9) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-300)


def python_results(data: Path, calc_id: str, values: dict[str, Any]) -> dict[str, float]:
    return CALCULATOR.result(load_site(data).checked).compiled[calc_id].evaluate(values)


# --------------------------------------------------------------------------- page behaviour



def test_script_shows_the_build_time_results(
    site: Site, page: Any, new_context: Callable[..., Any]
) -> None:
    """Started with nothing typed and no link, a calculator keeps the build's results (its
    formulas do not run); once they run for the same defaults, they show the same."""
    pages = site.calculator_pages()
    catalog = load_site(site.data).catalog
    assert set(pages) == set(catalog.calculators)
    static = new_context(java_script_enabled=False).new_page()
    page.add_init_script(count_calls("GuidekitFormulas"))
    for calc_id, url in pages.items():
        root = f"#calculator-{calc_id}"
        static.goto(url)
        before = outputs(static, root)
        assert not static.is_visible(f"{root} [data-gk-controls]")
        open_widgets(page, url)
        assert calls(page, "GuidekitFormulas") == 0, calc_id
        assert outputs(page, root) == before
        # An input event with the defaults: the script computes them itself.
        page.dispatch_event(f"{root} [data-gk-input] >> nth=0", "input")
        assert calls(page, "GuidekitFormulas") > 0, calc_id
        after = outputs(page, root)
        assert page.is_visible(f"{root} [data-gk-controls]")
        assert {k: t for k, (t, _) in after.items()} == {k: t for k, (t, _) in before.items()}, (
            calc_id
        )
        for key, (_, value) in after.items():
            assert same_number(value, before[key][1]), (calc_id, key)
        assert page.locator(f"{root} [aria-invalid]").count() == 0


def mix_expected(sizes: list[float], copies: float, tier: int) -> dict[str, str]:
    site = load_site(MINI / "data")
    calc = site.catalog.calculators["mix"]
    calculators = CALCULATOR.result(site.checked)
    values = default_values(calculators, calc)
    values.update(sizes=sizes, copies=float(copies), tier=float(tier))
    for key, number in calculators.choices[("mix", "tier")][tier].values.items():
        values[f"tier_{key}"] = number
    results = calculators.compiled["mix"].evaluate(values)
    return {o.id: format_value(results[o.id], o.format, o.unit, o.places, o.fixed)
            for o in calc.outputs}


def texts(page: Any) -> dict[str, str]:
    return {k: t for k, (t, _) in outputs(page, ROOT).items()}


def test_typing_updates_every_result(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + MIX)
    assert texts(page) == mix_expected([1.5, 2, 250], 3, 1)
    assert texts(page)["stored"] == "760.5 MB"
    page.fill("#gk-mix-copies", "4")
    assert texts(page) == mix_expected([1.5, 2, 250], 4, 1)
    assert texts(page)["files"] == "12"
    page.fill("#gk-mix-sizes", "1000 2000;  3000,4000")
    page.select_option("#gk-mix-tier", label="Fastest")
    assert texts(page) == mix_expected([1000, 2000, 3000, 4000], 4, 2)
    assert texts(page)["seconds"] == "13.3 s"
    page.wait_for_function("document.querySelector('#calculator-mix [data-gk-status]').textContent")
    assert "Stored: 40 GB." in page.text_content(f"{ROOT} [data-gk-status]")


def test_bad_input_is_shown_at_its_field_and_spares_other_results(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + MIX)
    page.fill("#gk-mix-copies", "20")
    error = page.locator("#gk-mix-copies-error")
    assert error.text_content() == "Enter at most 10."
    assert error.is_visible()
    assert page.get_attribute("#gk-mix-copies", "aria-invalid") == "true"
    assert "gk-mix-copies-error" in page.get_attribute("#gk-mix-copies", "aria-describedby")
    stale = page.eval_on_selector_all(
        f"{ROOT} [data-gk-stale]", "rs => rs.map(r => r.dataset.gkResult)"
    )
    assert stale == ["stored", "seconds", "cost", "files", "per_copy"]
    assert texts(page) == mix_expected([1.5, 2, 250], 3, 1)  # the last valid copies: 3
    # A stale result says so after its label, in the site's words (set by the script).
    assert page.eval_on_selector(
        f'{ROOT} [data-gk-result="stored"] dt', "dt => getComputedStyle(dt, '::after').content"
    ) == '" (using the last valid input)"'

    page.fill("#gk-mix-sizes", "1, 3")  # the share does not read copies: it stays live
    assert texts(page)["share"] == "75.0%"  # decimals: 1 keeps its zero in the browser too
    assert texts(page) == mix_expected([1, 3], 3, 1)
    assert "—" not in texts(page).values()

    page.fill("#gk-mix-sizes", "1, x, 3")
    assert page.text_content("#gk-mix-sizes-error") == "“x” is not a number."
    assert page.locator(f"{ROOT} [data-gk-stale]").count() == 6
    page.fill("#gk-mix-sizes", "-1")
    assert page.text_content("#gk-mix-sizes-error") == "Enter at least 0."
    page.fill("#gk-mix-sizes", " ")
    assert page.text_content("#gk-mix-sizes-error") == "Enter at least one number."
    page.fill("#gk-mix-copies", "")
    assert page.text_content("#gk-mix-copies-error") == "Enter a number."

    page.fill("#gk-mix-sizes", "2, 2")
    page.fill("#gk-mix-copies", "2")
    assert page.locator(f"{ROOT} [aria-invalid], {ROOT} [data-gk-stale]").count() == 0
    assert not error.is_visible()
    assert texts(page) == mix_expected([2, 2], 2, 1)


def test_enter_in_a_field_does_not_submit_the_form(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + MIX)
    page.evaluate("window.__still = true")
    page.fill("#gk-mix-copies", "5")
    page.press("#gk-mix-copies", "Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__still === true")


def test_share_link_restores_inputs_in_a_fresh_browser(
    clipboard_context: Any, new_context: Callable[..., Any], mini_url: str
) -> None:
    page = open_widgets(clipboard_context.new_page(), mini_url + MIX)
    page.fill("#gk-mix-sizes", "10,20")
    page.fill("#gk-mix-copies", "2")
    page.select_option("#gk-mix-tier", index=2)
    calculator_action(page, ROOT, "share")
    page.wait_for_function(
        "document.querySelector('#calculator-mix [data-gk-message]').textContent"
    )
    link = clipboard_text(page)
    assert parse_qs(urlsplit(link).query) == {"gk-calculator-mix": ["sizes:10,20;copies:2;tier:2"]}

    other = open_widgets(new_context().new_page(), link)
    assert other.input_value("#gk-mix-sizes") == "10, 20"
    assert other.input_value("#gk-mix-copies") == "2"
    assert other.eval_on_selector("#gk-mix-tier", "s => s.selectedIndex") == 2
    assert texts(other) == mix_expected([10, 20], 2, 2)


def test_inputs_stay_in_the_address_bar_while_typing(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + MIX)
    page.fill("#gk-mix-copies", "7")
    page.wait_for_url(re.compile(r"gk-calculator-mix="))
    assert parse_qs(urlsplit(page.url).query)["gk-calculator-mix"] == [
        "sizes:1.5,2,250;copies:7;tier:1"
    ]
    page.reload()
    open_widgets(page, page.url)
    assert page.input_value("#gk-mix-copies") == "7"
    assert texts(page) == mix_expected([1.5, 2, 250], 7, 1)


@pytest.mark.parametrize(
    ("query", "ignored"),
    [
        ("copies:99;bogus:1;sizes:1,x;tier:7;copies", 5),
        ("copies:-1;tier:1.5;sizes:;tier:-1", 4),
        ("sizes:<img src=x onerror=alert(1)>;copies:1e999", 2),
    ],
)
def test_bad_values_in_a_link_are_ignored(
    page: Any, mini_url: str, query: str, ignored: int
) -> None:
    from urllib.parse import quote

    open_widgets(page, mini_url + MIX + "?gk-calculator-mix=" + quote(query))
    assert page.input_value("#gk-mix-sizes") == "1.5, 2, 250"
    assert page.input_value("#gk-mix-copies") == "3"
    assert page.eval_on_selector("#gk-mix-tier", "s => s.selectedIndex") == 1
    assert texts(page) == mix_expected([1.5, 2, 250], 3, 1)
    assert page.text_content(f"{ROOT} [data-gk-message]").startswith(f"{ignored} values")
    assert page.locator(f"{ROOT} img").count() == 0


def test_a_link_may_set_some_inputs_only(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + MIX + "?gk-calculator-mix=tier:0;copies:1.5")
    assert page.input_value("#gk-mix-copies") == "1.5"
    assert page.eval_on_selector("#gk-mix-tier", "s => s.selectedIndex") == 0
    assert texts(page) == mix_expected([1.5, 2, 250], 1.5, 0)
    assert page.text_content(f"{ROOT} [data-gk-message]") == ""


def test_reset_puts_back_the_defaults(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + MIX)
    built = texts(page)
    page.fill("#gk-mix-sizes", "5")
    page.fill("#gk-mix-copies", "200")
    page.select_option("#gk-mix-tier", index=0)
    page.wait_for_url(re.compile(r"gk-calculator-mix="))
    calculator_action(page, ROOT, "reset")
    assert texts(page) == built
    assert page.input_value("#gk-mix-sizes") == "1.5, 2, 250"
    assert page.input_value("#gk-mix-copies") == "3"
    assert page.locator(f"{ROOT} [aria-invalid], {ROOT} [data-gk-stale]").count() == 0
    assert page.text_content("#gk-mix-copies-error") == ""
    page.wait_for_url(lambda url: "gk-calculator-mix" not in url)


def test_copy_results_as_markdown(clipboard_context: Any, mini_url: str) -> None:
    page = open_widgets(clipboard_context.new_page(), mini_url + MIX)
    calculator_action(page, ROOT, "export")
    page.wait_for_function(
        "document.querySelector('#calculator-mix [data-gk-message]').textContent"
    )
    assert clipboard_text(page) == (
        "## Mixed inputs\n"
        "\n"
        "| Input | Value |\n"
        "| --- | --- |\n"
        "| File sizes (MB) | 1.5, 2, 250 |\n"
        "| Copies | 3 |\n"
        "| Disk tier | Fast |\n"
        "\n"
        "| Output | Value |\n"
        "| --- | --- |\n"
        "| Stored | 760.5 MB |\n"
        "| Time to write | 1.5 s |\n"
        "| Largest file share | 98.6% |\n"
        "| Monthly cost | 0.08 USD |\n"
        "| Files | 9 |\n"
        "| Per copy | 126.8 MB |\n"
    )


# --------------------------------------------------------------------------- JS == Python


def number_strategy(spec: CalculatorInput) -> st.SearchStrategy[float]:
    lo = spec.min if spec.min is not None else -1e12
    hi = spec.max if spec.max is not None else 1e12
    edges = [v for v in (lo, hi, 0.0, 1.0) if lo <= v <= hi]
    return st.one_of(
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
        st.integers(math.ceil(lo), math.floor(hi)).map(float),
        st.sampled_from(edges),
    )


def values_strategy(site: Any, calc: Calculator) -> st.SearchStrategy[dict[str, Any]]:
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for spec in calc.inputs:
        if spec.type == "choice":
            count = len(CALCULATOR.result(site.checked).choices[(calc.id, spec.id)])
            parts[spec.id] = st.integers(0, count - 1)
        elif spec.type == "list":
            parts[spec.id] = st.lists(number_strategy(spec), min_size=1, max_size=6)
        else:
            parts[spec.id] = number_strategy(spec)

    def expand(raw: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in calc.inputs:
            if spec.type == "choice":
                values[spec.id] = float(raw[spec.id])
                options = CALCULATOR.result(site.checked).choices[(calc.id, spec.id)]
                for key, number in options[raw[spec.id]].values.items():
                    values[f"{spec.id}_{key}"] = number
            else:
                values[spec.id] = raw[spec.id]
        return values

    return st.fixed_dictionaries(parts).map(expand)


JS_EVALUATE = """([id, v]) => {
  const fs = window.GuidekitFormulas[id], out = {};
  for (const k of Object.keys(fs)) { const r = fs[k](v); v[k] = r; out[k] = r; }
  return out;
}"""


def test_compiled_formulas_agree_with_python(site: Site, page: Any) -> None:
    loaded = load_site(site.data)
    pages = site.calculator_pages()
    assert sorted(pages) == sorted(loaded.catalog.calculators)
    for calc_id, url in pages.items():
        open_widgets(page, url)
        # A page loads the formulas of the calculators it holds (each in a file of its own,
        # which its root names), and no other's.
        held = page.eval_on_selector_all('[data-gk="calculator"]',
                                         "roots => roots.map(r => r.dataset.gkId)")
        assert sorted(page.evaluate("Object.keys(window.GuidekitFormulas)")) == sorted(set(held))
        order = [o.id for o in CALCULATOR.result(loaded.checked).compiled[calc_id].outputs]
        assert page.evaluate("id => Object.keys(window.GuidekitFormulas[id])", calc_id) == order
        check_formulas(page, loaded, loaded.catalog.calculators[calc_id])


@pytest.mark.allow_console_errors  # the refused file's; checked below to be the only ones
def test_a_calculator_whose_formulas_do_not_load_stays_as_built(
    page: Any, mini_url: str, page_monitor: Any
) -> None:
    """Its own file is what makes it live: without it the page keeps the build's results and
    no controls, and the next start that gets the file starts it."""
    page.route("**/items/calculator/mix.js", lambda route: route.abort())
    page.goto(mini_url + MIX)
    page.wait_for_function("() => window.GK && GK.format")  # the calculators' bundle has run
    # Starting runs a widget's init at once where nothing is missing: here it must not.
    started = page.evaluate(
        f"() => {{ GK.start(document); return document.querySelector('{ROOT}')"
        ".hasAttribute('data-gk-ready'); }")
    assert started is False
    assert not page.is_visible(f"{ROOT} [data-gk-controls]")
    assert texts(page)  # the results computed at build time are there
    page.unroute("**/items/calculator/mix.js")
    page.evaluate("GK.start(document)")
    page.wait_for_selector(f"{ROOT}[data-gk-ready]")
    assert page.is_visible(f"{ROOT} [data-gk-controls]")
    assert page_monitor.console_errors
    assert all("items/calculator/mix.js" in error for error in page_monitor.console_errors)


def check_formulas(page: Any, loaded: Any, calc: Calculator) -> None:
    compiled = CALCULATOR.result(loaded.checked).compiled[calc.id]

    @settings(
        max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(values=values_strategy(loaded, calc))
    def agree(values: dict[str, Any]) -> None:
        expected = compiled.evaluate(values)
        got = page.evaluate(JS_EVALUATE, [calc.id, values])
        for output in compiled.outputs:
            key = output.id
            assert same_number(got[key], expected[key]), (calc.id, key, values, got, expected)

    agree()


# --------------------------------------------------------------------------- display


INTERESTING = [
    0.0,
    -0.0,
    0.5,
    1.5,
    2.5,
    0.125,
    0.005,
    999.95,
    999.999,
    1000.0,
    999949.0,
    999950.0,
    59.95,
    59.99,
    60.0,
    86399.5,
    3599.5,
    1e21,
    1.5e300,
    5e-324,
    1e-7,
    12345.675,
    31536.0,
    2**53 + 2.0,
    1e15 + 0.3,
]


def python_format(value: float, fmt: str, unit: str, decimals: int,
                  fixed: bool = False) -> str | None:
    try:
        return format_value(value, fmt, unit, decimals, fixed)
    except (OverflowError, ValueError):  # Python cannot show it either (e.g. ~1.8e308 seconds)
        return None


case = st.tuples(
    st.one_of(
        st.floats(),
        st.sampled_from(INTERESTING),
        st.sampled_from(INTERESTING).map(lambda x: -x),
        st.integers(-(10**16), 10**16).map(float),
        st.decimals(-(10**7), 10**7, places=4, allow_nan=False).map(float),
    ),
    st.sampled_from(FORMATS),
    st.sampled_from(["", "req/s"]),
    st.integers(0, 10),
    st.booleans(),  # fixed decimals (an output's `decimals`) or up to (`max_decimals`)
)


def test_display_formatting_matches_python(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + MIX)

    @settings(
        max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(cases=st.lists(case, min_size=1, max_size=25))
    def agree(cases: list[tuple[float, str, str, int, bool]]) -> None:
        got = page.evaluate("cs => cs.map(c => GK.format(c[0], c[1], c[2], c[3], c[4]))", cases)
        for (value, fmt, unit, decimals, fixed), text in zip(cases, got, strict=True):
            expected = python_format(value, fmt, unit, decimals, fixed)
            if expected is not None:
                assert text == expected, (value, fmt, unit, decimals, fixed)

    agree()
    # Every interesting value in every format, explicitly.
    cases = [
        (v * s, f, "", d, x)
        for v in INTERESTING
        for s in (1, -1)
        for f in FORMATS
        for d in (0, 1, 2, 3)
        for x in (False, True)
    ]
    got = page.evaluate("cs => cs.map(c => GK.format(c[0], c[1], c[2], c[3], c[4]))", cases)
    wrong = [
        (c, g, python_format(*c))
        for c, g in zip(cases, got, strict=True)
        if python_format(*c) is not None and g != python_format(*c)
    ]
    assert not wrong


def test_results_on_the_page_match_python_for_random_inputs(page: Any, mini_url: str) -> None:
    """End to end: values typed into the form, results as the reader sees them."""
    loaded = load_site(MINI / "data")
    calc = loaded.catalog.calculators["mix"]
    open_widgets(page, mini_url + MIX)

    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(values=values_strategy(loaded, calc))
    def agree(values: dict[str, Any]) -> None:
        page.evaluate(
            """([sizes, copies, tier]) => {
              const set = (id, v) => { const e = document.getElementById(id); e.value = v;
                e.dispatchEvent(new Event('input', {bubbles: true})); };
              set('gk-mix-sizes', sizes); set('gk-mix-copies', copies); set('gk-mix-tier', tier);
            }""",
            [
                ", ".join(repr(v) for v in values["sizes"]),
                repr(values["copies"]),
                str(int(values["tier"])),
            ],
        )
        expected = CALCULATOR.result(loaded.checked).compiled["mix"].evaluate(values)
        shown = outputs(page, ROOT)
        assert page.locator(f"{ROOT} [aria-invalid]").count() == 0
        for out in calc.outputs:
            text, number = shown[out.id]
            assert same_number(number, expected[out.id]), out.id
            if number == expected[out.id] or math.isnan(number):
                assert text == format_value(expected[out.id], out.format, out.unit, out.places,
                                            out.fixed)

    agree()


# --------------------------------------------------------------------------- what fields read

CAPACITY = "#calculator-capacity"


@pytest.mark.parametrize(
    ("typed", "read"),
    [("10M", "10,000,000"), ("2.5k", "2,500"), ("7e3", "7,000"), ("1,500", ""),
     ("3 B", "3,000,000,000"), ("1200", "")],
)
def test_number_fields_read_what_drills_read(
    page: Any, guide_url: str, repo_root: Path, typed: str, read: str
) -> None:
    """A drill accepts 10M, 2.5k, 7e3: so does a calculator, which says how it read them."""
    from guidekit.kinds.drill.view import parse_estimate

    open_widgets(page, guide_url + "calculators/capacity/")
    page.fill("#gk-capacity-dau", typed)
    assert page.text_content("#gk-capacity-dau-error") == ""
    assert page.get_attribute("#gk-capacity-dau", "aria-invalid") is None
    note = page.locator("#gk-capacity-dau-read")
    assert note.text_content() == (f"Read as {read}." if read else "")
    assert note.is_visible() == bool(read)
    assert "gk-capacity-dau-read" in page.get_attribute("#gk-capacity-dau", "aria-describedby")
    # The value the results use is the one a drill would read.
    site = load_site(repo_root / "data")
    calculators = CALCULATOR.result(site.checked)
    values = default_values(calculators, site.catalog.calculators["capacity"])
    values["dau"] = parse_estimate(typed)
    expected = calculators.compiled["capacity"].evaluate(values)["daily_requests"]
    page.wait_for_function(
        "v => +document.querySelector('[data-gk-output=daily_requests]').dataset.value === v",
        arg=expected,
    )


def test_a_number_field_still_refuses_words(page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + "calculators/capacity/")
    page.fill("#gk-capacity-dau", "10 apples")
    assert page.text_content("#gk-capacity-dau-error") == "“10 apples” is not a number."
    assert page.text_content("#gk-capacity-dau-read") == ""


def test_yes_no_results_read_as_words(page: Any, guide_url: str) -> None:
    """'Within the p99 target: yes', never '1 = yes, 0 = no'."""
    open_widgets(page, guide_url + "calculators/latency-budget/")
    box = page.locator("[data-gk-result=within_p99]")
    assert box.locator("dt").inner_text() == "Within the p99 target"
    assert box.locator("output").inner_text() == "yes"
    page.fill("#gk-latency-budget-hops", "900, 300")
    page.wait_for_function(
        "() => document.querySelector('[data-gk-output=within_p99]').textContent === 'no'"
    )


def test_no_guide_result_reads_as_one_or_zero(guide_site: Path) -> None:
    """A result that is a yes/no question must say so in words: no label explains 1 and 0."""
    pages = list(guide_site.rglob("index.html"))
    offenders = [p for p in pages if re.search(r"1 = yes|0 = no|1 = oui", p.read_text("utf-8"))]
    assert not offenders
