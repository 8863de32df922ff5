"""Benchmark: the queueing model of a path against a seeded discrete-event simulation.

Prints, for a five-station path (utilisations up to 0.8, one station behind a 70% cache) and
for each template's critical flow at its design load, the end-to-end mean, p50 and p99 from
the model (guidekit.queueing) and from 200,000 simulated requests, beside the sum of the
stations' own p99s (what adding per-hop percentiles would claim), and the time each takes.

Run from the repository root: ``.venv/bin/python benchmarks/queueing_path.py [--requests N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugin"))

from tests.queueing_sim import Station, simulate
from tests.unit.test_queueing_simulation import PATH, RATE

from guidekit.core import load_site
from guidekit.kinds.load import KIND as LOAD
from guidekit.queueing import mmc_quantile, path_mean, path_quantile


def report(name: str, stations: list[Station], rate: float, requests: int) -> None:
    args = [x for s in stations for x in (s.servers, rate * s.visits * s.service, s.service,
                                          s.visits)]
    started = time.perf_counter()
    model = [path_mean(*args), path_quantile(0.5, *args), path_quantile(0.99, *args)]
    model_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    run = simulate(stations, rate, requests, seed=22)
    sim_s = time.perf_counter() - started
    sim = [run.mean(run.end_to_end), run.quantile(run.end_to_end, 0.5),
           run.quantile(run.end_to_end, 0.99)]
    summed = sum(mmc_quantile(s.servers, rate * s.visits * s.service, s.service, 0.99)
                 for s in stations if s.visits > 0)
    print(f"{name} at {rate:,.0f} req/s ({len(stations)} stations)")
    print(f"  model:      mean {model[0] * 1e3:8.2f} ms  p50 {model[1] * 1e3:8.2f} ms  "
          f"p99 {model[2] * 1e3:8.2f} ms   ({model_ms:.1f} ms to compute)")
    print(f"  simulation: mean {sim[0] * 1e3:8.2f} ms  p50 {sim[1] * 1e3:8.2f} ms  "
          f"p99 {sim[2] * 1e3:8.2f} ms   ({requests:,} requests, {sim_s:.1f} s)")
    print(f"  sum of per-hop p99s: {summed * 1e3:.2f} ms "
          f"({summed / sim[2]:.2f}x the simulated end-to-end p99)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200_000)
    options = parser.parse_args()
    report("test path", PATH, RATE, options.requests)
    site = load_site(Path(__file__).resolve().parents[1] / "data")
    result = LOAD.result(site.checked)
    for flow_id, model in result.models.items():
        load = site.catalog.loads[flow_id]
        # the request waits only for these; consumers behind a queue add no time to it
        stations = [Station(s.instances * s.concurrency, s.service_ms / 1000, s.visits)
                    for s in model.stations if s.waits and s.visits > 0]
        report(flow_id, stations, load.traffic.design, options.requests)


if __name__ == "__main__":
    main()
