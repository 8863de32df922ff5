"""The load model of a flow: traffic through its components as a path of M/M/c stations.

Beside the availability model (:mod:`guidekit.composite`), on the same path. Each component
is a station with ``n`` instances serving ``k`` requests each at once (``c = n k`` servers),
a mean service time ``s`` (ms) and ``v`` visits per end-to-end request. At ``rps`` requests a
second the station is offered ``a = rps v s / 1000`` Erlangs and runs at utilisation
``u = a / c``. The model is written in the formula language and compiled by the calculators'
compiler, so the page's figures (Python) and the browser's (JS) come from one source:

- ``c<i> = n<i> * k<i>``, ``a<i> = rps * v<i> * s<i> / 1000``, ``u<i> = a<i> / c<i>``;
- ``t<i> = mmc_response_mean(c<i>, a<i>, s<i>)``: a visit's mean time there (ms);
- ``mean``, ``p50``, ``p99``: the path's end-to-end mean and percentiles (ms), from the
  distribution of the whole path (``path_mean``, ``path_quantile``), not sums of per-hop
  percentiles. A component the request does not wait for (a consumer behind a queue) carries
  its load but adds no time: it enters the path with 0 visits;
- ``peak_u = max(u..)``, ``bottleneck = argmax(u..)`` (the component that saturates first as
  traffic grows: every utilisation grows in proportion to traffic), ``max_rps = rps / peak_u``
  (the traffic at which it saturates) and ``stable`` (1 while every ``u < 1``).

Past saturation the path's times are ``inf``: the widget says "unstable", never a number.

*What it takes* is the fewest instances per component found to meet the latency targets at a
given traffic: start every component at the fewest instances that keep it below saturation,
then add one instance at a time where it lowers the path's mean time most, until the targets
are met, and finally take back (in path order) any instance the targets do not need. Adding
where the marginal gain is largest is the classic greedy allocation (Fox 1966), optimal for the
mean, whose gains shrink with each instance; for percentiles it is a heuristic, and the last
pass makes sure no single instance can be removed. The widget's script runs the same steps.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .formulas import CompiledCalculator, compile_calculator
from .queueing import MAX_STATIONS, path_mean

MAX_INSTANCES = 1000
MAX_SEARCH_STEPS = 2000


@dataclass(frozen=True)
class Station:
    key: str
    service_ms: float
    instances: int
    concurrency: int = 1
    visits: float = 1.0
    waits: bool = True  # False: the request does not wait for it (a queue's consumer)


class LoadError(ValueError):
    """A path the load model cannot take: empty, too long, or a component twice."""


@dataclass(frozen=True)
class Targets:
    """End-to-end latency targets in ms (None where the guide gives none)."""

    p50: float | None
    p99: float | None

    def met(self, results: Mapping[str, float]) -> bool:
        return all(target is None or (math.isfinite(results[key]) and results[key] <= target)
                   for key, target in (("p50", self.p50), ("p99", self.p99)))


@dataclass(frozen=True)
class LoadModel:
    """A flow's stations with their formulas compiled.

    Inputs: ``rps`` and, per station ``i`` in path order, ``s<i>`` (ms), ``n<i>``, ``k<i>``,
    ``v<i>``. Outputs as in the module docstring.
    """

    id: str
    stations: tuple[Station, ...]
    compiled: CompiledCalculator
    # A page, its diagram and the model's docs page ask for the same figures: compute once.
    _cache: dict[tuple[tuple[str, float], ...], dict[str, float]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    def index(self, key: str) -> int:
        return next(i for i, s in enumerate(self.stations, 1) if s.key == key)

    def defaults(self, rps: float) -> dict[str, float]:
        values = {"rps": float(rps)}
        for i, station in enumerate(self.stations, 1):
            values.update({f"s{i}": float(station.service_ms), f"n{i}": float(station.instances),
                           f"k{i}": float(station.concurrency), f"v{i}": float(station.visits)})
        return values

    def evaluate(self, rps: float, values: Mapping[str, float] | None = None) -> dict[str, float]:
        scope = self.defaults(rps)
        scope.update(values or {})
        return self._evaluate(scope)

    def _evaluate(self, scope: Mapping[str, float]) -> dict[str, float]:
        key = tuple(sorted(scope.items()))
        if key not in self._cache:
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = self.compiled.evaluate(scope)  # type: ignore[arg-type]
        return dict(self._cache[key])

    def waits(self) -> tuple[bool, ...]:
        return tuple(s.waits for s in self.stations)

    def bottleneck(self, results: Mapping[str, float]) -> str:
        return self.stations[int(results["bottleneck"]) - 1].key

    def what_it_takes(self, rps: float, targets: Targets,
                      values: Mapping[str, float] | None = None) -> dict[str, int] | None:
        """Instances per component meeting ``targets`` at ``rps`` (module docstring), or None
        when adding instances cannot (the service times alone miss the target)."""
        scope = self.defaults(rps)
        scope.update(values or {})
        count = len(self.stations)
        floor = [_fewest_stable(rps, scope, i) for i in range(1, count + 1)]
        instances = list(floor)

        def meets(candidate: Sequence[int]) -> bool:
            trial = {**scope, **{f"n{i}": float(n) for i, n in enumerate(candidate, 1)}}
            return targets.met(self._evaluate(trial))

        if not meets([MAX_INSTANCES] * count):
            return None  # even with no queueing at all: the service times alone miss
        for _ in range(MAX_SEARCH_STEPS):
            if meets(instances):
                # take back, in path order, any instance the targets turn out not to need
                for i in range(count):
                    while instances[i] > floor[i] and meets(
                            [*instances[:i], instances[i] - 1, *instances[i + 1:]]):
                        instances[i] -= 1
                return {s.key: n for s, n in zip(self.stations, instances, strict=True)}
            now = _mean(rps, scope, instances, self.waits())
            gains = []
            for i in range(count):
                more = list(instances)
                more[i] += 1
                gains.append(now - _mean(rps, scope, more, self.waits())
                             if more[i] <= MAX_INSTANCES else 0.0)
            best = max(range(count), key=lambda i: (gains[i], -i))
            if gains[best] <= now * 1e-12:
                return None
            instances[best] += 1
        return None


def _fewest_stable(rps: float, scope: Mapping[str, float], i: int) -> int:
    """The fewest instances that keep station ``i`` below saturation (at least 1)."""
    load = rps * scope[f"v{i}"] * scope[f"s{i}"] / 1000
    return max(1, math.floor(load / scope[f"k{i}"]) + 1)


def _mean(rps: float, scope: Mapping[str, float], instances: Sequence[int],
          waits: Sequence[bool]) -> float:
    args: list[float] = []
    for i, (n, wait) in enumerate(zip(instances, waits, strict=True), 1):
        args += [n * scope[f"k{i}"], rps * scope[f"v{i}"] * scope[f"s{i}"] / 1000,
                 scope[f"s{i}"], scope[f"v{i}"] if wait else 0.0]
    return path_mean(*args)


def formulas(waits: Sequence[bool]) -> list[tuple[str, str]]:
    """(output, formula) for a path of stations (``waits``: does the request wait for each),
    each reading only earlier ones."""
    count = len(waits)
    indices = range(1, count + 1)
    outputs: list[tuple[str, str]] = []
    for i in indices:
        outputs += [(f"c{i}", f"n{i} * k{i}"), (f"a{i}", f"rps * v{i} * s{i} / 1000"),
                    (f"u{i}", f"a{i} / c{i}"), (f"t{i}", f"mmc_response_mean(c{i}, a{i}, s{i})")]
    path = ", ".join(f"c{i}, a{i}, s{i}, {f'v{i}' if waits[i - 1] else 0}" for i in indices)
    utilisations = ", ".join(f"u{i}" for i in indices)
    return [
        *outputs,
        ("mean", f"path_mean({path})"),
        ("p50", f"path_quantile(0.5, {path})"),
        ("p99", f"path_quantile(0.99, {path})"),
        ("peak_u", f"max({utilisations})"),
        ("bottleneck", f"argmax({utilisations})"),
        ("max_rps", "rps / peak_u"),
        ("stable", "1 if peak_u < 1 else 0"),
    ]


def build_load_model(model_id: str, stations: Sequence[Station]) -> LoadModel:
    """Check the stations and compile their formulas; raises LoadError or FormulaError."""
    if not stations:
        raise LoadError("a load model needs at least one station")
    if len(stations) > MAX_STATIONS:
        raise LoadError(f"a load model has at most {MAX_STATIONS} stations, "
                        f"this one has {len(stations)}")
    keys = [s.key for s in stations]
    for key in keys:
        if keys.count(key) > 1:
            raise LoadError(f"'{key}' has two load entries: give one per component")
    inputs = {"rps": "number"}
    for i in range(1, len(stations) + 1):
        inputs.update({f"{name}{i}": "number" for name in "snkv"})
    compiled = compile_calculator(model_id, inputs, formulas([s.waits for s in stations]))
    return LoadModel(model_id, tuple(stations), compiled)
