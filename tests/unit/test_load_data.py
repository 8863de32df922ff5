"""The load model of a flow in data: checked against the flow's path, its targets read from table
cells, its citations resolved; bad entries fail naming file, flow and field (and line); the
compiled model matches the queueing functions it is written with."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from guidekit.core import load_site
from guidekit.kinds.load import KIND as LOAD_KIND
from guidekit.kinds.load.check import LoadResult
from guidekit.load import Station, Targets, build_load_model
from guidekit.queueing import mmc_response_mean, path_quantile
from tests.unit.mini_site import copy_mini, problems, replace_in
from tests.unit.test_flow_data import FLOWS

LOAD = """\
loads:
  - id: shop-order
    traffic: {average: 100, peak: 300, design: 600, note: Stated.}
    target:
      p50_from: {table: latency, row: shop, column: p50}
      p99: 400
      note: A shop page.
    saturated: {checklist: before, item: goggles}
    latency: {checklist: trip, item: map}
    stations:
      - {node: web, service_ms: 20, instances: 4, concurrency: 4, note: Stated.}
      - {node: pay, service_ms: 200, instances: 10, concurrency: 10, visits: 0.5,
         note: A provider.}
      - {node: db, service_ms: 5, instances: 2, concurrency: 8, visits: 2, note: Two queries.}
"""
TABLE = """\
  - id: latency
    title: Latency
    columns: [{id: name, label: Name, header: true}, {id: p50, label: p50}]
    rows:
      - {id: shop, cells: {name: Shop, p50: <150ms}}
      - {id: odd, cells: {name: Odd, p50: N/A}}
"""


@pytest.fixture()
def shop(tmp_path: Path) -> Path:
    data = FLOWS.replace("lists:\n", TABLE + "lists:\n", 1) + LOAD
    return copy_mini(tmp_path, {"shop.yml": data})


def edit(site: Path, old: str, new: str) -> None:
    replace_in(site / "data" / "shop.yml", old, new)


def test_a_valid_load_model_is_compiled_in_path_order(shop: Path) -> None:
    result = LOAD_KIND.result(load_site(shop / "data").checked)
    model = result.models["shop-order"]
    assert [s.key for s in model.stations] == ["web", "pay", "db"]
    assert result.targets["shop-order"] == Targets(150.0, 400.0)  # "<150ms" read as 150
    results = model.evaluate(300)
    # web: 300 x 20 ms = 6 Erlangs on 16 servers; pay: 300 x 0.5 x 200 ms = 30 on 100;
    # db: 300 x 2 x 5 ms = 3 Erlangs on 16
    assert [results[f"u{i}"] for i in (1, 2, 3)] == pytest.approx([6 / 16, 0.3, 3 / 16])
    assert model.bottleneck(results) == "web"
    assert results["max_rps"] == pytest.approx(300 / (6 / 16))
    assert results["t1"] == pytest.approx(mmc_response_mean(16, 6, 20))
    args = (16, 6, 20, 1, 100, 30, 200, 0.5, 16, 3, 5, 2)
    assert results["p99"] == pytest.approx(path_quantile(0.99, *args), rel=1e-12)
    assert results["stable"] == 1
    past = model.evaluate(1000)  # web: 20 Erlangs on 16 servers
    assert past["stable"] == 0 and past["p99"] == math.inf and past["mean"] == math.inf


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("- {node: web,", "- {node: bare,", "stations[0].node",
         "'bare' is not on the flow's path (web, pay, db)"),
        ("- {node: db, service_ms: 5", "- {node: web, service_ms: 5", "stations[2].node",
         "'web' has two load entries"),
        ("      - {node: db, service_ms: 5, instances: 2, concurrency: 8, visits: 2, "
         "note: Two queries.}\n", "", "stations", "no load entry for db"),
        ("checklist: before, item: goggles", "checklist: befor, item: goggles",
         "saturated.checklist", "unknown checklist 'befor'"),
        ("checklist: trip, item: map", "checklist: trip, item: mapp", "latency.item",
         "checklist 'trip' has no item 'mapp'"),
        ("row: shop, column: p50", "row: odd, column: p50", "target.p50_from",
         "no ms in cell 'p50' of row 'odd'"),
        ("row: shop, column: p50", "row: shops, column: p50", "target.p50_from.row",
         "unknown row 'shops' in table 'latency'"),
    ],
)
def test_bad_references_name_the_flow_and_field(shop: Path, old: str, new: str, field: str,
                                                message: str) -> None:
    edit(shop, old, new)
    text = problems(shop)
    assert "shop.yml" in text and "load 'shop-order'" in text, text
    assert f"field {field} (line " in text, text
    assert message in text, text


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("service_ms: 20,", "service_ms: 0,",
         "field stations[0].service_ms (line 70): must be more than 0, got 0"),
        ("instances: 4,", "instances: 0,", "stations[0].instances (line 70): must be at least 1"),
        ("visits: 0.5,", "visits: -1,", "stations[1].visits (line 71): must be at least 0"),
        (", note: Two queries.}", "}", "note"),
        ("average: 100, peak: 300", "average: 400, peak: 300", "average <= peak <= design"),
        ("      p99: 400\n", "      p50: 100\n", "give 'p50' or 'p50_from', not both"),
    ],
)
def test_bad_assumptions_fail_when_loading(shop: Path, old: str, new: str, message: str) -> None:
    edit(shop, old, new)
    text = problems(shop)
    assert "shop.yml" in text and message in text, text
    assert "Traceback" not in text and "pydantic" not in text.lower()


def test_what_it_takes_meets_the_target_with_the_fewest_instances() -> None:
    model = build_load_model("t", [Station("gw", 2, 1, 8), Station("svc", 40, 1, 8),
                                   Station("db", 8, 1, 4, 0.5)])
    targets = Targets(60.0, 250.0)
    plan = model.what_it_takes(2000, targets)
    assert plan is not None
    values = {f"n{i}": float(plan[s.key]) for i, s in enumerate(model.stations, 1)}
    assert targets.met(model.evaluate(2000, values))
    # one instance fewer anywhere misses the target or saturates
    for i, station in enumerate(model.stations, 1):
        if plan[station.key] > 1:
            fewer = {**values, f"n{i}": values[f"n{i}"] - 1}
            assert not targets.met(model.evaluate(2000, fewer)), station.key
    # service times alone above the target: no number of instances meets it
    assert model.what_it_takes(2000, Targets(None, 10.0)) is None


def test_a_load_names_its_flow(shop: Path) -> None:
    edit(shop, "  - id: shop-order\n    traffic", "  - id: shop-ordr\n    traffic")
    text = problems(shop)
    assert "load 'shop-ordr', field id (line " in text and "unknown flow 'shop-ordr'" in text, text
    edit(shop, "  - id: shop-ordr\n    traffic", "  - id: rush\n    flow: shop-order\n    traffic")
    result: LoadResult = LOAD_KIND.result(load_site(shop / "data").checked)
    assert "rush" in result.models
