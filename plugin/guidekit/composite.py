"""Composite availability of a flow: components in series, replicas and regions in parallel,
with the failures they share (correlated failure).

A flow is a path of steps. A step is one component, or a group of components repeated in
several regions (active-active: one region is enough). The model is written as formulas in
the formula language of :mod:`guidekit.formulas` and compiled by the same compiler as the
calculators, so the figure in the HTML (Python) and the figure in the browser (the compiled
JS) come from one source.

Without shared failure domains (the flow gives no zone or region figure), failures are
independent:

- a component with one-instance availability ``a`` (percent) and ``r`` replicas, any one of
  which can serve: ``c = 1 - (1 - a / 100) ** r``;
- a region group of components ``c_1 .. c_k`` in ``n`` regions:
  ``g = 1 - (1 - prod(c_1, .., c_k)) ** n``;
- the flow: ``availability = 100 * prod(step_1, .., step_m)`` (percent), then the downtime a
  year (365 days) and a month (a twelfth of a year), as the guide's availability table counts.

With a zone availability ``zone`` (percent), replicas in one zone share the zone: a component
with ``r`` replicas spread evenly over ``z`` zones (at most one zone per replica, so
``y = min(z, r)``) is up when one zone is up with one of its ``r / y`` replicas:
``c = 1 - (1 - zone / 100 * (1 - (1 - a / 100) ** (r / y))) ** y``.

With a region availability ``region`` (percent), the zones of one region share the region: a
region group's copies each need their region, ``g = 1 - (1 - region / 100 * prod(..)) ** n``,
and the components of the path outside any group run in one home region, counted once for
all of them: the output ``h = region / 100`` joins the product of the flow.

A *managed* component (a provider's service, or hardware at a site outside the cloud) is one
dependency at its own figure, whatever its internal replicas: zones and the home region do not
apply to it (its figure already covers them), and its ``r`` counts independent providers:
``c = 1 - (1 - a / 100) ** r``.

Each component is counted over its own zones, as if zone outages of different components were
independent. They are not (one zone outage hits the replicas of every component in it), but
every component's up-state grows with the same zones being up, so the true figure is at least
this product (Harris' inequality): the model errs on the safe side. Failover is instant.

The *weakest link* is the step with the largest unavailability ``1 - step``, the home region
(:data:`REGION`) last; when that step is a region group, it is the group's least available
component. Ties go to the first on the path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .formulas import CompiledCalculator, compile_calculator

MAX_STEPS = 20  # prod() takes at most 20 arguments
MAX_REPLICAS = 100
MAX_REGIONS = 20
SECONDS_PER_YEAR = 365 * 86400
REGION = "region"  # the weakest link when the home region loses most


@dataclass(frozen=True)
class Component:
    """One component on the path: its id, one instance's availability (%), its replicas and
    the zones they are spread over; a managed service counts as one dependency (its replicas
    are independent providers)."""

    key: str
    availability: float
    replicas: int = 1
    zones: int = 1
    managed: bool = False


@dataclass(frozen=True)
class FailureDomains:
    """What replicas share: one zone's and one region's availability (percent). None leaves
    that level out (failures independent, as before zones and regions were modelled)."""

    zone: float | None = None
    region: float | None = None


@dataclass(frozen=True)
class RegionGroup:
    """Components that run in each of ``regions`` regions; any one region can serve."""

    key: str
    regions: int
    components: tuple[Component, ...]


Step = Component | RegionGroup


class CompositeError(ValueError):
    """A path the model cannot take: empty, too long, or a component twice."""


def _components(steps: Sequence[Step]) -> tuple[Component, ...]:
    out: list[Component] = []
    for step in steps:
        out.extend(step.components if isinstance(step, RegionGroup) else (step,))
    return tuple(out)


@dataclass(frozen=True)
class FlowPath:
    """A checked path and the names its formulas use.

    Inputs: ``a<i>`` (availability of one instance of component i, percent), ``r<i>`` (its
    replicas) and, when zones are modelled, ``z<i>`` (its zones; not for managed components)
    for each component in path order, ``n<j>`` (regions) for each group, ``zone`` and
    ``region`` (percent) when the flow gives them. Outputs: ``c<i>`` (component, fraction),
    ``g<j>`` (group, fraction), ``h`` (the home region, fraction, when it applies),
    ``availability`` (percent), ``downtime_year`` and ``downtime_month`` (seconds).
    """

    id: str
    steps: tuple[Step, ...]
    domains: FailureDomains

    @property
    def components(self) -> tuple[Component, ...]:
        return _components(self.steps)

    @property
    def groups(self) -> tuple[RegionGroup, ...]:
        return tuple(s for s in self.steps if isinstance(s, RegionGroup))

    @property
    def home_region(self) -> bool:
        """Whether the home region counts: a region figure and a self-run component outside
        every region group (managed services' figures already cover their region)."""
        return self.domains.region is not None and any(
            isinstance(s, Component) and not s.managed for s in self.steps)

    def zoned(self, component: Component) -> bool:
        """Whether this component's replicas share zones (a zone figure, not managed)."""
        return self.domains.zone is not None and not component.managed

    def index(self, key: str) -> int:
        """1-based number of a component in the formulas (``a3`` for the third)."""
        return next(i for i, c in enumerate(self.components, 1) if c.key == key)

    def group_index(self, key: str) -> int:
        return next(j for j, g in enumerate(self.groups, 1) if g.key == key)

    def output(self, step: Step) -> str:
        """The output holding a step's availability: ``c<i>`` or ``g<j>``."""
        if isinstance(step, RegionGroup):
            return f"g{self.group_index(step.key)}"
        return f"c{self.index(step.key)}"

    def defaults(self) -> dict[str, float]:
        values: dict[str, float] = {}
        for i, component in enumerate(self.components, 1):
            values[f"a{i}"] = float(component.availability)
            values[f"r{i}"] = float(component.replicas)
            if self.zoned(component):
                values[f"z{i}"] = float(component.zones)
        for j, group in enumerate(self.groups, 1):
            values[f"n{j}"] = float(group.regions)
        if self.domains.zone is not None:
            values["zone"] = float(self.domains.zone)
        if self.domains.region is not None:
            values["region"] = float(self.domains.region)
        return values

    def _component_formula(self, i: int, component: Component) -> str:
        if not self.zoned(component):
            return f"1 - (1 - a{i} / 100) ** r{i}"
        spread = f"min(z{i}, r{i})"
        return f"1 - (1 - zone / 100 * (1 - (1 - a{i} / 100) ** (r{i} / {spread}))) ** {spread}"

    def formulas(self) -> list[tuple[str, str]]:
        """(output, formula) in the formula language, each reading only earlier ones."""
        outputs = [(f"c{i}", self._component_formula(i, c))
                   for i, c in enumerate(self.components, 1)]
        region = "region / 100 * " if self.domains.region is not None else ""
        for j, group in enumerate(self.groups, 1):
            members = ", ".join(f"c{self.index(c.key)}" for c in group.components)
            outputs.append((f"g{j}", f"1 - (1 - {region}prod({members})) ** n{j}"))
        factors = [self.output(step) for step in self.steps]
        if self.home_region:
            outputs.append(("h", "region / 100"))
            factors.append("h")
        return [
            *outputs,
            ("availability", f"100 * prod({', '.join(factors)})"),
            ("downtime_year", f"(100 - availability) / 100 * {SECONDS_PER_YEAR}"),
            ("downtime_month", "downtime_year / 12"),
        ]


@dataclass(frozen=True)
class CompositeModel(FlowPath):
    """A flow path with its formulas compiled by the calculators' compiler."""

    compiled: CompiledCalculator

    def evaluate(self, values: Mapping[str, float] | None = None) -> dict[str, float]:
        """All outputs for ``values`` (the data's defaults where a value is not given)."""
        scope = self.defaults()
        scope.update(values or {})
        return self.compiled.evaluate(scope)  # type: ignore[arg-type]

    def weakest(self, results: Mapping[str, float]) -> str:
        """Key of the weakest component for these results, or :data:`REGION` when the home
        region loses most (see the module docstring)."""
        worst_step: Step = self.steps[0]
        worst = -1.0
        for step in self.steps:
            value = results[self.output(step)]
            if 1 - value > worst:
                worst, worst_step = 1 - value, step
        if self.home_region and 1 - results["h"] > worst:
            return REGION
        if isinstance(worst_step, Component):
            return worst_step.key
        return min(worst_step.components, key=lambda c: results[f"c{self.index(c.key)}"]).key


def build_model(model_id: str, steps: Sequence[Step],
                domains: FailureDomains | None = None) -> CompositeModel:
    """Check the path and compile its formulas; raises CompositeError or FormulaError."""
    domains = domains or FailureDomains()
    if not steps:
        raise CompositeError("a flow needs at least one step")
    if len(steps) > MAX_STEPS:
        raise CompositeError(f"a flow has at most {MAX_STEPS} steps, this one has {len(steps)}")
    seen: set[str] = set()
    for step in steps:
        if isinstance(step, RegionGroup) and not 1 <= len(step.components) <= MAX_STEPS:
            raise CompositeError(f"region group '{step.key}' needs 1 to {MAX_STEPS} components")
    for component in _components(steps):
        if component.key == REGION:
            raise CompositeError(f"'{REGION}' names the home region; give the component "
                                 "another id")
        if component.key in seen:
            raise CompositeError(
                f"'{component.key}' appears twice on the path: a component in series "
                "counts once (its failure is one failure)"
            )
        seen.add(component.key)
    path = FlowPath(model_id, tuple(steps), domains)
    inputs = {name: "number" for name in path.defaults()}
    compiled = compile_calculator(model_id, inputs, path.formulas())
    return CompositeModel(model_id, path.steps, domains, compiled)
