"""Queueing maths of the formula language: M/M/c stations and paths of them.

Each function here is whitelisted in :mod:`guidekit.formulas` and has a twin in
``assets/formula-runtime.js`` that does the same arithmetic in the same order, so the page
(Python) and the browser (JS) agree to rounding (a property test keeps them so).

A station has ``c`` identical servers (instances x concurrency per instance), Poisson arrivals
and exponential service with mean ``s``; ``a = arrival rate x s`` is the offered load in
Erlangs, and ``a / c`` the utilisation. Conventions, the same on both sides:

- inputs outside the model (``c`` not a whole number from 1 to :data:`MAX_SERVERS`, ``a < 0``,
  ``s <= 0``, ``p`` outside (0, 1)) give NaN, as undefined maths does everywhere in formulas;
- a saturated station (``a >= c``, utilisation at or past 1) is *unstable*: its queue grows
  without bound, so its waiting and response times are ``inf`` (``isfinite()`` is 0) and its
  waiting probability is 1. Formulas test that, instead of getting NaN noise.

Percentiles have no closed form for M/M/c (nor for a path): they are found by bisection on the
distribution function, with a fixed cap on iterations. A path's distribution is the convolution
of its stations' (independent stations, the docs say where that breaks), computed by numerical
inversion of its Laplace transform with the Euler algorithm of Abate and Whitt (1995).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

MAX_SERVERS = 1_000_000
MAX_STATIONS = 20
BISECTION_STEPS = 100
RELATIVE_TOLERANCE = 1e-10
# Euler inversion (Abate & Whitt 1995): A sets the discretisation error (about e^-A, 1e-8);
# N terms are summed directly and M more are averaged with binomial weights.
EULER_A = 18.4
EULER_N = 15
EULER_M = 11


def _servers(c: float) -> int | None:
    if not math.isfinite(c) or c < 1 or c > MAX_SERVERS or c != math.floor(c):
        return None
    return int(c)


def _valid_load(a: float) -> bool:
    return math.isfinite(a) and a >= 0


def _valid_time(s: float) -> bool:
    return math.isfinite(s) and s > 0


def erlang_c(c: float, a: float) -> float:
    """Probability that an arrival waits (Erlang C), with ``c`` servers and load ``a`` Erlangs.

    Computed from Erlang B by its recurrence B(k) = a B(k-1) / (k + a B(k-1)), which never
    overflows, then C = c B / (c - a (1 - B)).
    """
    servers = _servers(c)
    if servers is None or not _valid_load(a):
        return math.nan
    if a >= servers:
        return 1.0
    if a == 0:
        return 0.0
    b = 1.0
    for k in range(1, servers + 1):
        b = a * b / (k + a * b)
        if b == 0:  # underflowed (far more servers than load): it stays 0, and so does C
            break
    return servers * b / (servers - a * (1 - b))


def mmc_wait(c: float, a: float, s: float) -> float:
    """Mean time in the queue before service: C(c, a) s / (c - a); inf when unstable."""
    servers = _servers(c)
    if servers is None or not _valid_load(a) or not _valid_time(s):
        return math.nan
    if a >= servers:
        return math.inf
    return erlang_c(c, a) * s / (servers - a)


def mmc_response_mean(c: float, a: float, s: float) -> float:
    """Mean response time (queue + service) of an M/M/c station; inf when unstable."""
    wait = mmc_wait(c, a, s)
    return wait + s if math.isfinite(wait) else wait


def _hypo_survival(theta: float, mu: float, t: float) -> float:
    """P(X + Y > t) for independent exponentials of rates theta and mu (symmetric in them).

    Written as e^(-r t) (1 + r (1 - e^(-d t)) / d) with r the smaller rate and d >= 0 the
    difference, so nothing cancels when the rates are close (d -> 0 gives (1 + r t) e^(-r t))
    and nothing overflows when they are far apart.
    """
    low, d = min(theta, mu), abs(theta - mu)
    ratio = t if d == 0 else -math.expm1(-d * t) / d
    return math.exp(-low * t) * (1 + low * ratio)


def _station_survival(wait_probability: float, mu: float, theta: float, t: float) -> float:
    """P(response time > t) of a stable M/M/c station: no wait with probability 1 - C, else
    an exponential wait of rate theta = (c - a) / s, then an exponential service of rate
    mu = 1 / s."""
    return ((1 - wait_probability) * math.exp(-mu * t)
            + wait_probability * _hypo_survival(theta, mu, t))


def _bisect_quantile(survival: Callable[[float], float], p: float, hi: float) -> float:
    """The t in [0, hi] where survival(t) = 1 - p, by bisection (survival decreases)."""
    lo = 0.0
    target = 1 - p
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2
        if survival(mid) > target:
            lo = mid
        else:
            hi = mid
        if hi - lo <= RELATIVE_TOLERANCE * hi:
            break
    return (lo + hi) / 2


def mmc_quantile(c: float, a: float, s: float, p: float) -> float:
    """The ``p`` quantile (0 < p < 1, e.g. 0.99) of an M/M/c station's response time.

    Bracketed by hi = 2 ln(2 / (1 - p)) / min(theta, mu): the response time is at most the sum
    of two exponentials, and P(X + Y > t) <= P(X > t/2) + P(Y > t/2).
    """
    servers = _servers(c)
    if (servers is None or not _valid_load(a) or not _valid_time(s)
            or not math.isfinite(p) or not 0 < p < 1):
        return math.nan
    if a >= servers:
        return math.inf
    wait_probability, mu, theta = erlang_c(servers, a), 1 / s, (servers - a) / s
    hi = 2 * math.log(2 / (1 - p)) / min(theta, mu)
    return _bisect_quantile(lambda t: _station_survival(wait_probability, mu, theta, t), p, hi)


# ----------------------------------------------------------------------------- paths


Shape = tuple[float, float, float, float]  # (waiting probability, mu, theta, visits)


def _shape(servers: int, a: float, s: float, visits: float) -> Shape:
    return (erlang_c(servers, a), 1 / s, (servers - a) / s, visits)


def _visit_transform(shape: Shape, z: complex) -> complex:
    """Laplace transform E[e^(-z T)] of one visit's response time T."""
    wait_probability, mu, theta, _ = shape
    return mu / (mu + z) * ((1 - wait_probability) + wait_probability * theta / (theta + z))


def _path_transform(shapes: Sequence[Shape], z: complex) -> complex:
    """Transform of the path's time: each station visited floor(v) times, plus once more with
    probability v - floor(v); stations and visits independent."""
    out = complex(1, 0)
    for shape in shapes:
        one = _visit_transform(shape, z)
        visits = shape[3]
        whole = math.floor(visits)
        extra = visits - whole
        for _ in range(whole):
            out = out * one
        out = out * ((1 - extra) + extra * one)
    return out


def _binomial_weights() -> list[float]:
    weights = [1.0]
    for k in range(1, EULER_M + 1):
        weights.append(weights[-1] * (EULER_M - k + 1) / k)
    scale = math.pow(2, -EULER_M)
    return [w * scale for w in weights]


_WEIGHTS = _binomial_weights()


def _path_survival(shapes: Sequence[Shape], t: float) -> float:
    """P(path time > t) by Euler inversion of (1 - L(z)) / z, the survival's transform."""
    if t <= 0:
        return 1.0
    half = EULER_A / (2 * t)

    def term(k: int) -> float:
        z = complex(half, k * math.pi / t)
        value = (1 - _path_transform(shapes, z)) / z
        return value.real

    scale = math.exp(EULER_A / 2) / t
    partial = scale * term(0) / 2
    sums = []
    for k in range(1, EULER_N + EULER_M + 1):
        partial += scale * (-1 if k % 2 else 1) * term(k)
        if k >= EULER_N:
            sums.append(partial)
    total = 0.0
    for weight, value in zip(_WEIGHTS, sums, strict=True):
        total += weight * value
    return min(1.0, max(0.0, total))


def _stations(args: Sequence[float]) -> list[tuple[int, float, float, float]] | None:
    """(servers, load, service time, visits) per station, or None if any is invalid."""
    if len(args) % 4 or len(args) > 4 * MAX_STATIONS:
        return None
    out = []
    for index in range(0, len(args), 4):
        c, a, s, visits = args[index:index + 4]
        servers = _servers(c)
        if (servers is None or not _valid_load(a) or not _valid_time(s)
                or not math.isfinite(visits) or not 0 <= visits <= 100):
            return None
        out.append((servers, a, s, visits))
    return out


# Paths are pure functions of their numbers, and the load what-ifs ask the same ones on every
# build: under `mkdocs serve`, a rebuild after a data edit finds them here (a path's quantile is
# ~2 ms of inversions and bisection; the guide's what-ifs ask about 50).
@lru_cache(maxsize=4096)
def path_mean(*args: float) -> float:
    """Mean time of a path: the sum of visits x mean response of each station.

    Arguments come four per station: ``c, a, s, v`` (servers, offered load at the station,
    mean service time, visits per request). A station visited 0 times adds nothing.
    """
    stations = _stations(args)
    if stations is None or not stations:
        return math.nan
    total = 0.0
    for servers, a, s, visits in stations:
        if visits == 0:
            continue
        if a >= servers:
            return math.inf
        total += visits * mmc_response_mean(servers, a, s)
    return total


@lru_cache(maxsize=4096)
def path_quantile(p: float, *args: float) -> float:
    """The ``p`` quantile of a path's end-to-end time (arguments as :func:`path_mean`, after
    ``p``): the percentile of the whole path, not a sum of per-station percentiles.

    Bracketed by Markov's inequality, P(T > t) <= mean / t, so hi = mean / (1 - p).
    """
    stations = _stations(args)
    if stations is None or not stations or not math.isfinite(p) or not 0 < p < 1:
        return math.nan
    mean = path_mean(*args)
    if not math.isfinite(mean):
        return mean
    if mean == 0:
        return 0.0
    shapes = [_shape(*station) for station in stations if station[3] > 0]
    return _bisect_quantile(lambda t: _path_survival(shapes, t), p, mean / (1 - p))


def argmax(*values: float) -> float:
    """1-based position of the first largest value (NaN if any is NaN or there are none)."""
    if not values or any(math.isnan(v) for v in values):
        return math.nan
    best = 0
    for index, value in enumerate(values):
        if value > values[best]:
            best = index
    return float(best + 1)


def isfinite(x: float) -> float:
    """1 for a finite number, 0 for inf (an unstable station) or NaN."""
    return 1.0 if math.isfinite(x) else 0.0
