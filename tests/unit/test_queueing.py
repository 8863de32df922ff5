"""The queueing functions of the formula language against hand-computed cases and published
values, their properties, and their JS twins (run in node on the same inputs)."""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidekit.formulas import FormulaError, evaluate, js_runtime_for, parse_formula
from guidekit.queueing import (
    argmax,
    erlang_c,
    isfinite,
    mmc_quantile,
    mmc_response_mean,
    mmc_wait,
    path_mean,
    path_quantile,
)

# --------------------------------------------------------------------------- hand-computed


def test_mm1_mean_and_p99_of_the_response_time() -> None:
    # M/M/1, 10 ms service, 80 req/s: rho = 0.8; the response time is exponential with rate
    # mu - lambda = 100 - 80 = 20/s, so its mean is 1/20 s = 50 ms and its p99 is
    # ln(100) / 20 = 230.2585093 ms (Kleinrock, Queueing Systems vol. 1, 1975, eq. 3.26).
    assert mmc_response_mean(1, 0.8, 0.010) == pytest.approx(0.050, rel=1e-12)
    assert mmc_wait(1, 0.8, 0.010) == pytest.approx(0.040, rel=1e-12)
    assert mmc_quantile(1, 0.8, 0.010, 0.99) == pytest.approx(math.log(100) / 20, rel=1e-10)
    assert mmc_quantile(1, 0.8, 0.010, 0.5) == pytest.approx(math.log(2) / 20, rel=1e-10)
    # the path of that one station, by numerical inversion: within 1e-6 of the closed form
    assert path_quantile(0.99, 1, 0.8, 0.010, 1) == pytest.approx(math.log(100) / 20, rel=1e-6)
    assert path_mean(1, 0.8, 0.010, 1) == pytest.approx(0.050, rel=1e-12)


def _erlang_c_exact(c: int, a: Fraction) -> Fraction:
    """Erlang's C formula as printed (Kleinrock 1975, eq. 3.42), in exact rationals:
    (a^c / c!) (c / (c - a)) / (sum_{k<c} a^k / k! + (a^c / c!) (c / (c - a)))."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


@pytest.mark.parametrize(("c", "a"), [(1, "0.8"), (2, "1"), (3, "2"), (5, "4"), (10, "6"),
                                      (10, "8"), (50, "45"), (200, "190.5")])
def test_erlang_c_matches_the_printed_formula_in_exact_arithmetic(c: int, a: str) -> None:
    exact = float(_erlang_c_exact(c, Fraction(a)))
    assert erlang_c(c, float(a)) == pytest.approx(exact, rel=1e-12)


def test_erlang_c_published_values() -> None:
    # M/M/1: the waiting probability is rho itself.
    assert erlang_c(1, 0.8) == pytest.approx(0.8, rel=1e-12)
    # M/M/2: C = 2 rho^2 / (1 + rho) (Gross, Shortle, Thompson & Harris, Fundamentals of
    # Queueing Theory, 4th ed., 2008, section 2.3); rho = 1/2 gives 1/3.
    assert erlang_c(2, 1) == pytest.approx(1 / 3, rel=1e-12)
    # Erlang C tables (e.g. the textbook call-centre case "10 agents, 6 Erlangs: about 10% of
    # calls wait"): C(10, 6) = 0.1013 to four places; C(3, 2) = 4/9.
    assert round(erlang_c(10, 6), 4) == 0.1013
    assert erlang_c(3, 2) == pytest.approx(4 / 9, rel=1e-12)


def test_mmc_quantile_solves_the_exact_distribution() -> None:
    # M/M/3, a = 2.4 Erlangs, s = 20 ms: P(T > t) = (1 - C) e^(-mu t) + C P(Wq' + S > t)
    c, a, s = 3, 2.4, 0.020
    wait_probability = float(_erlang_c_exact(3, Fraction("2.4")))
    mu, theta = 1 / s, (c - a) / s

    def survival(t: float) -> float:
        hypo = (theta * math.exp(-mu * t) - mu * math.exp(-theta * t)) / (theta - mu)
        return (1 - wait_probability) * math.exp(-mu * t) + wait_probability * hypo

    for p in (0.5, 0.9, 0.99, 0.999):
        t = mmc_quantile(c, a, s, p)
        assert survival(t) == pytest.approx(1 - p, rel=1e-9), p
    # the mean: C / (c mu - lambda) + 1 / mu
    assert mmc_response_mean(c, a, s) == pytest.approx(
        wait_probability / (c / s - a / s) + s, rel=1e-12)


def test_a_two_station_path() -> None:
    # Two M/M/1 stations in tandem at 60 req/s: 10 ms (rho 0.6) then 5 ms (rho 0.3). The
    # response times are independent exponentials of rates 40/s and 140/s (Reich 1957), so
    # the mean is 1/40 + 1/140 and P(T > t) = (140 e^(-40t) - 40 e^(-140t)) / 100.
    args = (1, 0.6, 0.010, 1, 1, 0.3, 0.005, 1)
    assert path_mean(*args) == pytest.approx(1 / 40 + 1 / 140, rel=1e-12)

    def survival(t: float) -> float:
        return (140 * math.exp(-40 * t) - 40 * math.exp(-140 * t)) / 100

    for p in (0.5, 0.95, 0.99):
        t = path_quantile(p, *args)
        assert survival(t) == pytest.approx(1 - p, rel=2e-6), p
    # the path's p99 is less than the sum of the stations' p99s (percentiles do not add)
    p99 = path_quantile(0.99, *args)
    assert p99 < mmc_quantile(1, 0.6, 0.010, 0.99) + mmc_quantile(1, 0.3, 0.005, 0.99)


def test_visits_count_a_station_that_often() -> None:
    # a cache that misses 1 time in 4: the database behind it is visited 0.25 times; half of
    # requests calling a station twice, half once: 1.5 visits
    assert path_mean(1, 0.6, 0.010, 0.25) == pytest.approx(0.25 * 0.025, rel=1e-12)
    assert path_mean(1, 0.6, 0.010, 1.5) == pytest.approx(1.5 * 0.025, rel=1e-12)
    # with 0.25 visits, 75% of requests take no time at all: the median is 0
    assert path_quantile(0.5, 1, 0.6, 0.010, 0.25) == pytest.approx(0, abs=1e-9)
    # and the p99 is the station's p96 (1 - 0.01 / 0.25)
    assert path_quantile(0.99, 1, 0.6, 0.010, 0.25) == pytest.approx(
        mmc_quantile(1, 0.6, 0.010, 0.96), rel=1e-6)
    assert path_mean(1, 0.6, 0.010, 0) == 0


def test_saturation_at_exactly_rho_one_is_unstable_not_nan() -> None:
    for c in (1, 4):
        assert erlang_c(c, c) == 1.0
        assert mmc_wait(c, c, 0.01) == math.inf
        assert mmc_response_mean(c, c, 0.01) == math.inf
        assert mmc_quantile(c, c, 0.01, 0.99) == math.inf
        assert path_mean(c, c, 0.01, 1, 1, 0.1, 0.01, 1) == math.inf
        assert path_quantile(0.99, 1, 0.1, 0.01, 1, c, c, 0.01, 1) == math.inf
        assert isfinite(mmc_response_mean(c, c, 0.01)) == 0
    # just under: finite, and large
    assert math.isfinite(mmc_response_mean(1, 0.999999, 0.01))
    # a station visited 0 times cannot saturate the path
    assert path_mean(1, 5, 0.01, 0, 1, 0.5, 0.01, 1) == pytest.approx(0.02, rel=1e-12)
    # formulas can test for it
    known = {"c": "number", "a": "number", "s": "number"}
    formula = parse_formula("1 if isfinite(mmc_response_mean(c, a, s)) == 0 else 0", known)
    assert evaluate(formula, {"c": 2.0, "a": 2.0, "s": 0.01}) == 1.0
    assert evaluate(formula, {"c": 2.0, "a": 1.0, "s": 0.01}) == 0.0


@pytest.mark.parametrize("call", [
    lambda: erlang_c(0, 1), lambda: erlang_c(1.5, 1), lambda: erlang_c(2, -1),
    lambda: mmc_wait(2, 1, 0), lambda: mmc_quantile(2, 1, 0.01, 1),
    lambda: mmc_quantile(2, 1, 0.01, 0), lambda: path_mean(1, 0.5, 0.01),
    lambda: path_quantile(1.5, 1, 0.5, 0.01, 1), lambda: path_mean(1, 0.5, 0.01, -1),
    lambda: erlang_c(2_000_000, 1), lambda: argmax(1, math.nan),
])
def test_inputs_outside_the_model_are_nan(call: object) -> None:
    assert callable(call)
    assert math.isnan(call())


def test_argmax_takes_the_first_of_equals() -> None:
    assert argmax(0.2, 0.9, 0.9, 0.1) == 2
    assert argmax(math.inf, 0.5) == 1


def test_the_formula_language_checks_the_station_groups() -> None:
    known = {f"x{i}": "number" for i in range(9)}
    parse_formula("path_quantile(0.99, x1, x2, x3, x4, x5, x6, x7, x8)", known)
    with pytest.raises(FormulaError, match="groups of 4"):
        parse_formula("path_mean(x1, x2, x3, x4, x5)", known)
    with pytest.raises(FormulaError, match="1 argument"):
        parse_formula("path_quantile(0.99, x1, x2, x3)", known)


# --------------------------------------------------------------------------- properties

loads = st.floats(min_value=0, max_value=500, allow_nan=False)
service = st.floats(min_value=1e-4, max_value=2, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 400), loads, service, st.integers(1, 20))
def test_more_servers_never_raise_latency_or_utilisation(c: int, a: float, s: float,
                                                         extra: int) -> None:
    assert a / (c + extra) <= a / c
    assert erlang_c(c + extra, a) <= erlang_c(c, a) + 1e-12
    assert mmc_response_mean(c + extra, a, s) <= mmc_response_mean(c, a, s) * (1 + 1e-12)
    for p in (0.5, 0.99):
        assert mmc_quantile(c + extra, a, s, p) <= mmc_quantile(c, a, s, p) * (1 + 1e-9)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.floats(0.05, 0.98), service,
                          st.sampled_from([0.0, 0.2, 0.5, 1.0, 2.0])),
                min_size=1, max_size=4), st.data())
def test_more_instances_on_a_path_never_raise_its_percentiles(
    stations: list[tuple[int, float, float, float]], data: st.DataObject
) -> None:
    args = [x for c, rho, s, v in stations for x in (c, rho * c, s, v)]
    index = data.draw(st.integers(0, len(stations) - 1))
    more = list(args)
    more[4 * index] += data.draw(st.integers(1, 5))
    assert path_mean(*more) <= path_mean(*args) * (1 + 1e-12)
    for p in (0.5, 0.99):
        # the inversion is accurate to about 1e-7 of the survival: allow that much
        assert path_quantile(p, *more) <= path_quantile(p, *args) * (1 + 1e-5) + 1e-9


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 400), loads, service, st.floats(1.0, 3.0))
def test_more_traffic_never_lowers_utilisation_or_latency(c: int, a: float, s: float,
                                                          factor: float) -> None:
    assert a * factor / c >= a / c
    assert erlang_c(c, a * factor) >= erlang_c(c, a) - 1e-12
    assert mmc_response_mean(c, a * factor, s) >= mmc_response_mean(c, a, s) * (1 - 1e-12)


# --------------------------------------------------------------------------- Python = JS

NODE = shutil.which("node")
CALLS = {
    "erlang_c": 2, "mmc_wait": 3, "mmc_response_mean": 3, "mmc_quantile": 4,
}


def _random_cases(rng: random.Random) -> list[tuple[str, list[float]]]:
    cases: list[tuple[str, list[float]]] = []
    for _ in range(150):
        c = rng.choice([1, 2, 3, rng.randint(1, 50), rng.randint(50, 2000)])
        a = c * rng.choice([0.0, 1.0, 1.3, rng.uniform(0, 0.999), rng.uniform(0.9, 0.9999)])
        s = rng.choice([0.001, rng.uniform(1e-4, 2)])
        p = rng.choice([0.5, 0.95, 0.99, 0.999, rng.uniform(0.01, 0.999)])
        cases += [("erlang_c", [c, a]), ("mmc_wait", [c, a, s]),
                  ("mmc_response_mean", [c, a, s]), ("mmc_quantile", [c, a, s, p])]
    for _ in range(80):
        stations = []
        for _ in range(rng.randint(1, 7)):
            c = rng.randint(1, 200)
            stations += [c, c * rng.uniform(0, 0.97), rng.uniform(1e-3, 0.5),
                         rng.choice([0.0, 0.3, 1.0, 1.0, 2.0, 2.5])]
        cases += [("path_mean", stations),
                  ("path_quantile", [rng.choice([0.5, 0.95, 0.99]), *stations])]
    cases += [("argmax", [rng.random() for _ in range(rng.randint(1, 9))]) for _ in range(20)]
    return cases


def _python(name: str, args: list[float]) -> float:
    functions = {"erlang_c": erlang_c, "mmc_wait": mmc_wait,
                 "mmc_response_mean": mmc_response_mean, "mmc_quantile": mmc_quantile,
                 "path_mean": path_mean, "path_quantile": path_quantile, "argmax": argmax}
    return float(functions[name](*args))


@pytest.mark.skipif(NODE is None, reason="needs node to run the JS runtime")
def test_python_and_js_agree_on_random_inputs() -> None:
    cases = _random_cases(random.Random(22))
    # Each function runs with the part of the runtime a bundle calling it alone would carry
    # (js_runtime_for), so a helper missing from that part fails here.
    names = sorted({name for name, _ in cases})
    script = "var cases = " + json.dumps(cases) + ", run = {};\n" + "".join(
        f"run[{json.dumps(name)}] = (function () {{ {js_runtime_for('G.' + name)} "
        f"return G[{json.dumps(name)}]; }})();\n" for name in names) + (
        "console.log(JSON.stringify(cases.map(function (c) {"
        " var r = run[c[0]].apply(null, c[1]); return isFinite(r) ? r : String(r); })));")
    assert NODE is not None
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    results = json.loads(out.stdout)
    assert len(results) == len(cases)
    for (name, args), js in zip(cases, results, strict=True):
        py = _python(name, args)
        if not math.isfinite(py):
            assert js == str(py).replace("inf", "Infinity").replace("nan", "NaN"), (name, args)
            continue
        assert math.isclose(js, py, rel_tol=1e-9, abs_tol=1e-12), (name, args, py, js)
