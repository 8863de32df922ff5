"""The closed forms of guidekit.queueing against a seeded discrete-event simulation of the same
path (tests/queueing_sim.py): 200,000 requests at utilisations up to 0.8. The mean must agree
within 3%, each station's mean and p99 within 5%; the path's p99 from the model (a percentile
of the whole path) is checked against the simulated one too, and is far below the sum of the
stations' p99s (percentiles do not add)."""

from __future__ import annotations

import pytest

from guidekit.queueing import mmc_quantile, mmc_response_mean, path_mean, path_quantile
from tests.queueing_sim import SimResult, Station, simulate

RATE = 300.0  # requests per second
# gateway, service, a single-threaded step at rho 0.8, a cache, and a database behind it that
# 30% of requests reach (a 70% hit ratio)
PATH = [Station(4, 0.005), Station(8, 0.020), Station(1, 0.8 / RATE), Station(2, 0.001),
        Station(4, 0.010, 0.3)]


def model_args(stations: list[Station], rate: float) -> list[float]:
    return [x for s in stations for x in (s.servers, rate * s.visits * s.service, s.service,
                                          s.visits)]


@pytest.fixture(scope="module")
def run() -> SimResult:
    return simulate(PATH, RATE, 200_000, seed=22)


def test_the_path_mean_agrees_within_3_percent(run: SimResult) -> None:
    assert run.mean(run.end_to_end) == pytest.approx(path_mean(*model_args(PATH, RATE)),
                                                     rel=0.03)


@pytest.mark.parametrize("index", range(len(PATH)))
def test_each_stations_mean_and_p99_agree_within_5_percent(run: SimResult, index: int) -> None:
    station = PATH[index]
    load = RATE * station.visits * station.service
    assert load / station.servers <= 0.8 + 1e-9
    visits = run.per_station[index]
    assert run.mean(visits) == pytest.approx(
        mmc_response_mean(station.servers, load, station.service), rel=0.05)
    assert run.quantile(visits, 0.99) == pytest.approx(
        mmc_quantile(station.servers, load, station.service, 0.99), rel=0.05)


def test_the_path_percentiles_come_from_the_path_not_from_adding_hops(run: SimResult) -> None:
    args = model_args(PATH, RATE)
    for p in (0.5, 0.95, 0.99):
        assert run.quantile(run.end_to_end, p) == pytest.approx(path_quantile(p, *args),
                                                                rel=0.05), p
    summed = sum(mmc_quantile(s.servers, RATE * s.visits * s.service, s.service, 0.99)
                 for s in PATH)
    simulated = run.quantile(run.end_to_end, 0.99)
    print(f"end-to-end p99: simulated {simulated * 1000:.1f} ms, model "
          f"{path_quantile(0.99, *args) * 1000:.1f} ms, sum of per-hop p99s {summed * 1000:.1f} ms")
    assert simulated < 0.7 * summed
