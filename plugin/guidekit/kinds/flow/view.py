"""The what-if widget of a flow: the composite model's default figures, computed in Python at
build time, laid out for the template; the browser recomputes them with the same formulas
(each flow's in a file of its own, ``items/flow/<id>.js``, setting ``GuidekitWhatif[id]``)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from urllib.parse import quote

from ...composite import REGION, Component, CompositeModel, RegionGroup
from ...data.catalog import Catalog
from ...data.models import CellRef
from ...units import format_value
from ..diagram.model import Diagram, DiagramNode, NodeAvailability
from .check import FlowResult
from .model import Flow, SharedAvailability

AVAILABILITY_DECIMALS = 4
COMPONENT_DECIMALS = 6


@dataclass(frozen=True)
class SourceView:
    """Where a number comes from: a table row (linked) and/or a Markdown note."""

    table_id: str
    row_id: str
    note: str


@dataclass(frozen=True)
class ComponentView:
    index: int
    key: str
    node: DiagramNode
    availability: float
    replicas: int
    zones: int
    value: float  # the component's availability with its replicas, as a fraction
    text: str
    source: SourceView
    group: int  # 0 outside a region group, else the group's number
    zoned: bool  # its replicas share zones (the zones are an input)
    placement: str  # zones, managed (a provider's service: one dependency) or site


@dataclass(frozen=True)
class SharedView:
    """A failure domain shared by the path: one zone, or one region (``id``)."""

    id: str
    percent: float
    source: SourceView
    output: str  # "h" when the home region joins the product, else ""
    value: float
    text: str


@dataclass(frozen=True)
class GroupView:
    index: int
    label: str
    note: str
    regions: int
    value: float
    text: str
    components: list[ComponentView]


@dataclass(frozen=True)
class FigureView:
    id: str
    value: float
    text: str
    format: str
    decimals: int


@dataclass(frozen=True)
class PresetView:
    label: str
    href: str
    note: str


@dataclass(frozen=True)
class WhatifView:
    flow: Flow
    diagram: Diagram
    steps: list[ComponentView | GroupView]
    shared: list[SharedView]
    figures: list[FigureView]
    weakest: ComponentView | None  # None when the home region is the weakest link
    target: float | None
    target_text: str
    meets_target: bool


def nines_floor(percent: float, decimals: int) -> float:
    """An availability cut (not rounded) to ``decimals``: 99.99999966% shows as 99.999999%,
    never as 100%, which no component reaches. 70-whatif.js cuts the same way."""
    scale = 10 ** decimals
    return math.floor(percent * scale) / scale


def percent_text(fraction: float, decimals: int) -> str:
    return format_value(nines_floor(fraction * 100, decimals), "percent", "", decimals)


def node_map(diagram: Diagram) -> dict[str, DiagramNode]:
    return {node.id: node for layer in diagram.layers for node in layer.nodes}


def _source(node: DiagramNode) -> SourceView:
    assert node.availability is not None  # checked by the catalog
    return _spec_source(node.availability)


def _spec_source(spec: NodeAvailability | SharedAvailability) -> SourceView:
    ref: CellRef | None = spec.percent_from
    return SourceView(ref.table if ref else "", ref.row if ref else "", spec.note)


def shared_views(flow: Flow, model: CompositeModel,
                 results: dict[str, float]) -> list[SharedView]:
    """The zone and region rows: their figures, sources and (the region) its output."""
    views = []
    for key, spec, percent in (("zone", flow.zone, model.domains.zone),
                               (REGION, flow.region, model.domains.region)):
        if spec is None or percent is None:
            continue
        output = "h" if key == REGION and model.home_region else ""
        value = results[output] if output else percent / 100
        views.append(SharedView(key, percent, _spec_source(spec), output, value,
                                percent_text(value, COMPONENT_DECIMALS)))
    return views


def whatif_view(catalog: Catalog, result: FlowResult, flow: Flow) -> WhatifView:
    model = result.models[flow.id]
    diagram = catalog.diagrams[flow.diagram]
    nodes = node_map(diagram)
    results = model.evaluate()
    weakest_key = model.weakest(results)

    def component(item: Component, group: int) -> ComponentView:
        index = model.index(item.key)
        node = nodes[item.key]
        assert node.availability is not None
        value = results[f"c{index}"]
        return ComponentView(index, item.key, node, item.availability, item.replicas,
                             node.availability.zones, value,
                             percent_text(value, COMPONENT_DECIMALS), _source(node), group,
                             model.zoned(item), node.availability.placement)

    steps: list[ComponentView | GroupView] = []
    by_key: dict[str, ComponentView] = {}
    for step in model.steps:
        if isinstance(step, RegionGroup):
            j = model.group_index(step.key)
            spec = [s for s in flow.path if not isinstance(s, str)][j - 1]
            members = [component(c, j) for c in step.components]
            value = results[f"g{j}"]
            steps.append(GroupView(j, spec.label, spec.note, step.regions, value,
                                   percent_text(value, COMPONENT_DECIMALS), members))
            by_key.update({m.key: m for m in members})
        else:
            view = component(step, 0)
            steps.append(view)
            by_key[view.key] = view
    figures = [
        FigureView("availability", results["availability"],
                   format_value(nines_floor(results["availability"], AVAILABILITY_DECIMALS),
                                "percent", "", AVAILABILITY_DECIMALS),
                   "percent", AVAILABILITY_DECIMALS),
        *(FigureView(k, results[k], format_value(results[k], "duration"), "duration", 2)
          for k in ("downtime_year", "downtime_month")),
    ]
    target = result.targets.get(flow.id)
    return WhatifView(
        flow, diagram, steps, shared_views(flow, model, results), figures,
        by_key.get(weakest_key), target,
        format_value(target, "percent", "", AVAILABILITY_DECIMALS) if target is not None else "",
        target is not None and results["availability"] >= target,
    )


def preset_views(catalog: Catalog, result: FlowResult, flow: Flow,
                 calculator_href: dict[str, str]) -> list[PresetView]:
    """Links that open a calculator with the flow's numbers, in the calculator's own URL
    format (``?gk-calculator-<id>=name:value;name:value``, read by 20-calculator.js)."""
    views = []
    for link in result.presets.get(flow.id, []):
        base = calculator_href.get(link.preset.calculator, "")
        if not base:
            continue
        state = ";".join(f"{name}:{value}" for name, value in link.pairs)
        param = f"gk-calculator-{link.preset.calculator}"
        href = f"{base}?{quote(param, safe='-')}={quote(state, safe=':;.,-')}"
        views.append(PresetView(link.preset.label, href, link.preset.note))
    return views


def weakest_marks(catalog: Catalog, result: FlowResult,
                  diagram_id: str) -> dict[str, list[tuple[str, str]]]:
    """Node id -> (flow id, flow title) of every flow through this diagram whose default
    weakest link it is: the diagram marks them in its HTML, the widget moves the mark. When the
    home region is the weakest link, the flow is under "" (no node: the mark waits hidden)."""
    marks: dict[str, list[tuple[str, str]]] = {}
    for flow_id, model in result.models.items():
        flow = catalog.flows[flow_id]
        if flow.diagram != diagram_id:
            continue
        weakest = model.weakest(model.evaluate())
        marks.setdefault("" if weakest == REGION else weakest, []).append((flow_id, flow.title))
    return marks


def model_json(model: CompositeModel) -> str:
    """The path's shape for the script: steps as component numbers or groups of them."""
    steps: list[object] = []
    for step in model.steps:
        if isinstance(step, RegionGroup):
            steps.append([model.index(c.key) for c in step.components])
        else:
            steps.append(model.index(step.key))
    if model.home_region:
        steps.append("h")
    return json.dumps(steps, separators=(",", ":"))
