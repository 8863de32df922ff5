"""The composite availability model against hand-computed cases, and its properties: adding a
replica (or a region) never lowers a flow's availability; removing a component from a series
path never lowers it. The formulas are the ones the browser runs (compiled from the same tree)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidekit.composite import (
    Component,
    CompositeError,
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


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "at least one step"),
        ([Component("a", 99), Component("a", 99)], "'a' appears twice"),
        ([Component("a", 99), RegionGroup("g", 2, (Component("a", 99),))], "'a' appears twice"),
        ([Component(f"c{i}", 99) for i in range(21)], "at most 20 steps"),
        ([RegionGroup("g", 2, ())], "needs 1 to 20 components"),
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
        return Component(f"n{serial}", draw(percent), draw(st.integers(1, 5)))

    for index in range(count):
        if draw(st.booleans()) and draw(st.booleans()):
            members = tuple(component() for _ in range(draw(st.integers(1, 3))))
            steps.append(RegionGroup(f"g{index}", draw(st.integers(1, 4)), members))
        else:
            steps.append(component())
    return steps


def _with_replica(steps: list[Step], key: str) -> list[Step]:
    def bump(c: Component) -> Component:
        return Component(c.key, c.availability, c.replicas + 1) if c.key == key else c

    return [RegionGroup(s.key, s.regions, tuple(bump(c) for c in s.components))
            if isinstance(s, RegionGroup) else bump(s) for s in steps]


@settings(max_examples=300, deadline=None)
@given(paths(), st.data())
def test_adding_a_replica_never_lowers_availability(steps: list[Step], data: st.DataObject) -> None:
    model = build_model("t", steps)
    key = data.draw(st.sampled_from([c.key for c in model.components]))
    before = model.evaluate()["availability"]
    after = build_model("t", _with_replica(steps, key)).evaluate()["availability"]
    assert after >= before
    assert 0 <= before <= 100


@settings(max_examples=200, deadline=None)
@given(paths(), st.data())
def test_adding_a_region_never_lowers_availability(steps: list[Step], data: st.DataObject) -> None:
    groups = [i for i, s in enumerate(steps) if isinstance(s, RegionGroup)]
    if not groups:
        steps = [*steps, RegionGroup("extra", 1, (Component("extra-c", 50.0),))]
        groups = [len(steps) - 1]
    index = data.draw(st.sampled_from(groups))
    group = steps[index]
    assert isinstance(group, RegionGroup)
    more = [*steps]
    more[index] = RegionGroup(group.key, group.regions + 1, group.components)
    assert (build_model("t", more).evaluate()["availability"]
            >= build_model("t", steps).evaluate()["availability"])


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
@given(paths())
def test_the_weakest_link_is_the_step_that_loses_most(steps: list[Step]) -> None:
    """Making the weakest component perfect gains at least as much as making any other
    component in series perfect (a step's whole factor goes)."""
    model = build_model("t", steps)
    weakest = model.weakest(model.evaluate())
    assert weakest in {c.key for c in model.components}
    singles = [s for s in model.steps if isinstance(s, Component)]
    if weakest not in {c.key for c in singles}:
        return  # the weakest step is a region group: perfecting one member is not enough
    perfect = model.evaluate({f"a{model.index(weakest)}": 100.0})["availability"]
    for step in singles:
        other = model.evaluate({f"a{model.index(step.key)}": 100.0})["availability"]
        assert perfect >= other - 1e-9 * max(1.0, other)
