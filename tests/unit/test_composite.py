"""The composite availability model against hand-computed cases, and its properties: adding a
replica (or a region) never lowers a flow's availability; removing a component from a series
path never lowers it. The formulas are the ones the browser runs (compiled from the same tree)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidekit.composite import (
    REGION,
    Component,
    CompositeError,
    FailureDomains,
    RegionGroup,
    Step,
    build_model,
)

YEAR = 365 * 86400


def availability(*steps: Step) -> float:
    return build_model("t", list(steps)).evaluate()["availability"]


def test_pure_series_multiplies() -> None:
    # three components at 99.9%: 0.999^3 = 0.997002999
    value = availability(Component("lb", 99.9), Component("app", 99.9), Component("db", 99.9))
    assert value == pytest.approx(99.7002999, rel=1e-12)


@pytest.mark.parametrize(("replicas", "expected"), [(1, 99.0), (2, 99.99), (3, 99.9999)])
def test_pure_parallel_replicas(replicas: int, expected: float) -> None:
    # 1 - (1 - 0.99)^n: one replica 99%, two 99.99%, three 99.9999%
    assert availability(Component("app", 99, replicas)) == pytest.approx(expected, rel=1e-12)


def test_mixed_series_and_replicas() -> None:
    # 0.9999 x (1 - 0.001^2) x 0.9995 = 0.99939905059995
    value = availability(Component("lb", 99.99), Component("app", 99.9, 2),
                         Component("db", 99.95))
    assert value == pytest.approx(99.939905059995, rel=1e-12)


def test_flow_with_a_multi_zone_database() -> None:
    # an API at 99.9% in front of a primary + standby in two zones, each node 99.95%:
    # 0.999 x (1 - 0.0005^2) = 0.99899975025; downtime 0.00100024975 of a year
    model = build_model("t", [Component("api", 99.9), Component("db", 99.95, 2)])
    results = model.evaluate()
    assert results["c2"] == pytest.approx(0.99999975, rel=1e-12)
    assert results["availability"] == pytest.approx(99.899975025, rel=1e-12)
    assert results["downtime_year"] == pytest.approx(0.00100024975 * YEAR, rel=1e-9)
    assert results["downtime_year"] == pytest.approx(31543.876116, rel=1e-9)
    assert results["downtime_month"] == pytest.approx(31543.876116 / 12, rel=1e-9)
    assert model.weakest(results) == "api"


def test_region_group_is_parallel_across_regions() -> None:
    # per region 0.99 x 0.99 = 0.9801; two regions: 1 - 0.0199^2 = 0.99960399
    group = RegionGroup("g", 2, (Component("app", 99), Component("db", 99)))
    model = build_model("t", [Component("edge", 100), group])
    results = model.evaluate()
    assert results["g1"] == pytest.approx(0.99960399, rel=1e-12)
    assert results["availability"] == pytest.approx(99.960399, rel=1e-12)
    # the group is the weakest step; inside it, the first of two equal components
    assert model.weakest(results) == "app"


def test_values_override_the_defaults() -> None:
    model = build_model("t", [Component("a", 99.9), Component("b", 99.5, 2)])
    assert model.defaults() == {"a1": 99.9, "r1": 1.0, "a2": 99.5, "r2": 2.0}
    assert model.weakest(model.evaluate()) == "a"
    lowered = model.evaluate({"a2": 90.0, "r2": 1.0})
    assert lowered["availability"] == pytest.approx(99.9 * 0.9, rel=1e-12)
    assert model.weakest(lowered) == "b"


def test_downtime_matches_the_guides_availability_table() -> None:
    # 99.9% -> 8.76 hours a year and 43.8 minutes a month, as in the guide
    results = build_model("t", [Component("x", 99.9)]).evaluate()
    assert results["downtime_year"] == pytest.approx(8.76 * 3600, rel=1e-9)
    assert results["downtime_month"] == pytest.approx(43.8 * 60, rel=1e-9)


def test_the_formulas_are_in_the_formula_language() -> None:
    model = build_model("t", [Component("a", 99.9, 2),
                              RegionGroup("g", 3, (Component("b", 99), Component("c", 98)))])
    sources = {o.id: o.formula.source for o in model.compiled.outputs}
    assert sources == {
        "c1": "1 - (1 - a1 / 100) ** r1",
        "c2": "1 - (1 - a2 / 100) ** r2",
        "c3": "1 - (1 - a3 / 100) ** r3",
        "g1": "1 - (1 - prod(c2, c3)) ** n1",
        "availability": "100 * prod(c1, g1)",
        "downtime_year": "(100 - availability) / 100 * 31536000",
        "downtime_month": "downtime_year / 12",
    }
    assert "G.pow" in model.compiled.to_js() and "eval" not in model.compiled.to_js()


# --------------------------------------------------------------------------- correlated failure

ZONE_AND_REGION = FailureDomains(zone=99.9, region=99.99)


def test_two_replicas_in_one_zone_share_it() -> None:
    # both replicas (99% each) in one zone at 99.9%: 0.999 x (1 - 0.01^2) = 0.9989001; the home
    # region (99.99%) counts once: 0.9989001 x 0.9999 = 0.99880021...
    model = build_model("t", [Component("app", 99, 2, 1)], ZONE_AND_REGION)
    results = model.evaluate()
    assert results["c1"] == pytest.approx(0.9989001, rel=1e-12)
    assert results["h"] == pytest.approx(0.9999, rel=1e-12)
    assert results["availability"] == pytest.approx(99.880020999, rel=1e-12)
    # independent failures would say 99.99% for the component: the zone caps it below 99.9%
    assert results["c1"] < 0.999


def test_two_replicas_in_two_zones_survive_a_zone() -> None:
    # one replica per zone: each zone with its replica is up 0.999 x 0.99 = 0.98901;
    # two zones: 1 - 0.01099^2 = 0.9998792199; with the region: x 0.9999 = 0.99977913...
    model = build_model("t", [Component("app", 99, 2, 2)], ZONE_AND_REGION)
    results = model.evaluate()
    assert results["c1"] == pytest.approx(0.9998792199, rel=1e-12)
    assert results["availability"] == pytest.approx(99.98792199 * 0.9999, rel=1e-12)
    one_zone = build_model("t", [Component("app", 99, 2, 1)], ZONE_AND_REGION).evaluate()
    assert results["availability"] > one_zone["availability"]


def test_a_region_outage_takes_the_whole_single_region_path() -> None:
    # perfect components in a 99.95% region: the flow is the region, 99.95%, whatever the
    # replicas; the weakest link is the region
    domains = FailureDomains(zone=100, region=99.95)
    model = build_model("t", [Component("lb", 100, 3, 3), Component("db", 100, 2, 2)], domains)
    results = model.evaluate()
    assert results["availability"] == pytest.approx(99.95, rel=1e-12)
    assert model.weakest(results) == REGION
    assert model.evaluate({"r1": 9.0, "z1": 3.0})["availability"] == pytest.approx(99.95)


def test_regions_of_a_group_each_need_their_region() -> None:
    # per region: 0.9999 (region) x 0.99 x 0.99 = 0.98000199; two regions:
    # 1 - 0.01999801^2 = 0.99960007...; no home region (nothing self-run outside the group)
    group = RegionGroup("g", 2, (Component("app", 99), Component("db", 99)))
    model = build_model("t", [group], FailureDomains(region=99.99))
    results = model.evaluate()
    assert results["g1"] == pytest.approx(1 - (1 - 0.9999 * 0.9801) ** 2, rel=1e-12)
    assert "h" not in results
    assert model.weakest(results) == "app"


def test_a_managed_service_is_one_dependency() -> None:
    # a managed store at its 99.9% SLA: no zone, no region, whatever it runs inside; behind
    # it a self-run service in two zones; the region counts once for the self-run part
    domains = FailureDomains(zone=99.95, region=99.99)
    store = Component("store", 99.9, managed=True)
    model = build_model("t", [Component("api", 99.5, 2, 2), store], domains)
    results = model.evaluate()
    api = 1 - (1 - 0.9995 * 0.995) ** 2
    assert results["c2"] == pytest.approx(0.999, rel=1e-12)
    assert results["availability"] == pytest.approx(100 * api * 0.999 * 0.9999, rel=1e-12)
    assert model.weakest(results) == "store"
    assert "z2" not in model.defaults()
    # two independent providers of the managed service: 1 - 0.001^2
    two = build_model("t", [Component("cdn", 99.9, 2, managed=True)], domains).evaluate()
    assert two["availability"] == pytest.approx(99.9999, rel=1e-12)
    assert "h" not in two  # only managed services: their figures cover their regions


def test_zones_beyond_replicas_count_as_one_zone_each() -> None:
    # 2 replicas "over 3 zones" can only fill 2 zones
    domains = FailureDomains(zone=99.9)
    spread = build_model("t", [Component("a", 99, 2, 2)], domains).evaluate()
    assert build_model("t", [Component("a", 99, 2, 2)], domains).evaluate({"z1": 3.0}) == spread


def test_correlated_formulas_are_in_the_formula_language() -> None:
    model = build_model("t", [Component("a", 99.9, 2, 2), Component("m", 99.9, managed=True)],
                        FailureDomains(zone=99.95, region=99.99))
    sources = {o.id: o.formula.source for o in model.compiled.outputs}
    assert sources["c1"] == ("1 - (1 - zone / 100 * (1 - (1 - a1 / 100) ** (r1 / min(z1, r1))))"
                             " ** min(z1, r1)")
    assert sources["c2"] == "1 - (1 - a2 / 100) ** r2"
    assert sources["h"] == "region / 100"
    assert sources["availability"] == "100 * prod(c1, c2, h)"


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "at least one step"),
        ([Component("a", 99), Component("a", 99)], "'a' appears twice"),
        ([Component("a", 99), RegionGroup("g", 2, (Component("a", 99),))], "'a' appears twice"),
        ([Component(f"c{i}", 99) for i in range(21)], "at most 20 steps"),
        ([RegionGroup("g", 2, ())], "needs 1 to 20 components"),
        ([Component("region", 99)], "names the home region"),
    ],
)
def test_paths_the_model_refuses(steps: list[Step], message: str) -> None:
    with pytest.raises(CompositeError, match=message):
        build_model("t", steps)


# --------------------------------------------------------------------------- properties

percent = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def paths(draw: st.DrawFn) -> list[Step]:
    """Random paths of up to 8 steps; some steps are region groups of up to 3 components."""
    count = draw(st.integers(1, 8))
    steps: list[Step] = []
    serial = 0

    def component() -> Component:
        nonlocal serial
        serial += 1
        replicas = draw(st.integers(1, 5))
        return Component(f"n{serial}", draw(percent), replicas, draw(st.integers(1, replicas)),
                         draw(st.booleans()) and draw(st.booleans()))

    for index in range(count):
        if draw(st.booleans()) and draw(st.booleans()):
            members = tuple(component() for _ in range(draw(st.integers(1, 3))))
            steps.append(RegionGroup(f"g{index}", draw(st.integers(1, 4)), members))
        else:
            steps.append(component())
    return steps


domains = st.builds(FailureDomains, st.none() | percent.filter(bool),
                    st.none() | percent.filter(bool))


def _with_replica(steps: list[Step], key: str) -> list[Step]:
    def bump(c: Component) -> Component:
        if c.key != key:
            return c
        return Component(c.key, c.availability, c.replicas + 1, c.zones, c.managed)

    return [RegionGroup(s.key, s.regions, tuple(bump(c) for c in s.components))
            if isinstance(s, RegionGroup) else bump(s) for s in steps]


@settings(max_examples=300, deadline=None)
@given(paths(), domains, st.data())
def test_adding_a_replica_never_lowers_availability(
    steps: list[Step], shared: FailureDomains, data: st.DataObject
) -> None:
    model = build_model("t", steps, shared)
    key = data.draw(st.sampled_from([c.key for c in model.components]))
    before = model.evaluate()["availability"]
    after = build_model("t", _with_replica(steps, key), shared).evaluate()["availability"]
    assert after >= before - 1e-12 * before
    assert 0 <= before <= 100


@settings(max_examples=200, deadline=None)
@given(paths(), domains)
def test_sharing_zones_and_regions_never_raises_availability(
    steps: list[Step], shared: FailureDomains
) -> None:
    """Shared failure domains only add ways to fail: the correlated figure is at most the
    independent one."""
    independent = build_model("t", steps).evaluate()["availability"]
    correlated = build_model("t", steps, shared).evaluate()["availability"]
    assert correlated <= independent + 1e-9 * max(1.0, independent)


@settings(max_examples=200, deadline=None)
@given(paths(), domains)
def test_a_better_zone_or_region_never_lowers_availability(
    steps: list[Step], shared: FailureDomains
) -> None:
    model = build_model("t", steps, shared)
    before = model.evaluate()["availability"]
    better = {name: 100.0 for name in ("zone", "region") if name in model.defaults()}
    assert model.evaluate(better)["availability"] >= before - 1e-12 * before


@settings(max_examples=200, deadline=None)
@given(paths(), domains, st.data())
def test_adding_a_region_never_lowers_availability(
    steps: list[Step], shared: FailureDomains, data: st.DataObject
) -> None:
    groups = [i for i, s in enumerate(steps) if isinstance(s, RegionGroup)]
    if not groups:
        steps = [*steps, RegionGroup("extra", 1, (Component("extra-c", 50.0),))]
        groups = [len(steps) - 1]
    index = data.draw(st.sampled_from(groups))
    group = steps[index]
    assert isinstance(group, RegionGroup)
    more = [*steps]
    more[index] = RegionGroup(group.key, group.regions + 1, group.components)
    assert (build_model("t", more, shared).evaluate()["availability"]
            >= build_model("t", steps, shared).evaluate()["availability"])


@settings(max_examples=300, deadline=None)
@given(paths(), st.data())
def test_removing_a_component_from_a_series_path_never_lowers_it(
    steps: list[Step], data: st.DataObject
) -> None:
    singles = [i for i, s in enumerate(steps) if isinstance(s, Component)]
    if len(steps) < 2 or not singles:
        return
    index = data.draw(st.sampled_from(singles))
    shorter = steps[:index] + steps[index + 1:]
    assert (build_model("t", shorter).evaluate()["availability"]
            >= build_model("t", steps).evaluate()["availability"])


@settings(max_examples=200, deadline=None)
@given(paths(), domains)
def test_the_weakest_link_is_the_step_that_loses_most(
    steps: list[Step], shared: FailureDomains
) -> None:
    """Making the weakest component perfect gains at least as much as making any other
    component in series perfect (a step's whole factor goes); with a zone figure, a perfect
    component means a perfect instance, not a perfect zone, so only independent failures."""
    model = build_model("t", steps, FailureDomains(region=shared.region))
    weakest = model.weakest(model.evaluate())
    assert weakest in {c.key for c in model.components} | {REGION}
    if weakest == REGION:
        perfect_region = model.evaluate({"region": 100.0})["availability"]
        for step in model.steps:
            if isinstance(step, Component):
                other = model.evaluate({f"a{model.index(step.key)}": 100.0})["availability"]
                assert perfect_region >= other - 1e-9 * max(1.0, other)
        return
    singles = [s for s in model.steps if isinstance(s, Component)]
    if weakest not in {c.key for c in singles}:
        return  # the weakest step is a region group: perfecting one member is not enough
    perfect = model.evaluate({f"a{model.index(weakest)}": 100.0})["availability"]
    for step in singles:
        other = model.evaluate({f"a{model.index(step.key)}": 100.0})["availability"]
        assert perfect >= other - 1e-9 * max(1.0, other)
