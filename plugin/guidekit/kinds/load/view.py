"""The load what-if of a flow: the load model's default figures (Python, at build time) laid out
for the template; the browser recomputes them with the same formulas (each model's in a file of
its own, ``items/load/<id>.js``, setting ``GuidekitLoad[id]``), and the diagram the availability
what-if marks carries each component's utilisation and the bottleneck."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from ...data.catalog import Catalog
from ...load import LoadModel, Targets
from ...units import format_value
from ..diagram.model import DiagramNode
from ..flow.model import Flow
from ..flow.view import node_map
from .check import LoadResult
from .model import Citation, Load, StationLoad

PRESETS = ("average", "peak", "design")
DEFAULT_PRESET = "design"
FACTOR_MIN, FACTOR_MAX, FACTOR_STEP = 0.1, 20.0, 0.1


@dataclass(frozen=True)
class StationView:
    index: int
    key: str
    node: DiagramNode
    spec: StationLoad
    servers: int
    utilisation: float
    utilisation_text: str
    level: str  # ok, high (>= 0.8), saturated (>= 1): the diagram's mark and the bar
    visit_ms: float
    visit_text: str  # mean time of one visit there


@dataclass(frozen=True)
class TargetView:
    key: str  # p50 or p99
    value: float  # the path's figure, ms (inf past saturation)
    finite: bool
    text: str
    target: float  # ms
    target_text: str
    met: bool
    gap_text: str  # by how much it is missed ("" when met)


@dataclass(frozen=True)
class CitationView:
    """A checklist item cited by a breach: where it is and what it says."""

    checklist: str
    item: str
    label: str  # "<checklist title>: <item text>" (item text is Markdown)


@dataclass(frozen=True)
class PlanView:
    station: StationView
    instances: int


@dataclass(frozen=True)
class LoadView:
    flow: Flow
    load: Load
    model: LoadModel
    rps: float
    rps_text: str
    stations: list[StationView]
    bottleneck: StationView
    max_rps_text: str
    stable: bool
    figures: dict[str, str]  # mean, p50, p99 as shown
    targets: list[TargetView]
    plan: list[PlanView] | None  # what it takes at the design load (None: out of reach)
    max_rps: float
    citations: dict[str, CitationView]
    formulas: list[tuple[str, str]]


def ms_text(ms: float) -> str:
    """A time in ms as the reader sees it (units.format_value's durations)."""
    return format_value(ms / 1000, "duration")


def number_text(value: float) -> str:
    """An assumption as typed in data: ``2`` for 2.0, ``0.1`` for 0.1."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def rate_text(rps: float) -> str:
    return format_value(rps, "number", "", 0)


def utilisation_text(value: float) -> str:
    return format_value(value * 100, "percent", "", 0)


HIGH = 0.8  # from here a station is marked busy: queues grow fast past it (docs)


def level(value: float) -> str:
    return "saturated" if not value < 1 else "high" if value >= HIGH else "ok"


def citation_view(catalog: Catalog, citation: Citation) -> CitationView:
    checklist = catalog.checklists[citation.checklist]
    text = next(item.text for section in checklist.sections for item in section.items
                if item.id == citation.item)
    return CitationView(checklist.id, citation.item, f"{checklist.title}: {text}")


def traffic(load: Load, preset: str) -> float:
    return float(getattr(load.traffic, preset))


def target_views(targets: Targets, results: dict[str, float]) -> list[TargetView]:
    views = []
    for key, target in (("p50", targets.p50), ("p99", targets.p99)):
        if target is None:
            continue
        value = results[key]
        met = math.isfinite(value) and value <= target
        gap = "" if met or not math.isfinite(value) else ms_text(value - target)
        views.append(TargetView(key, value, math.isfinite(value), ms_text(value), target,
                                ms_text(target), met, gap))
    return views


def load_view(catalog: Catalog, result: LoadResult, load: Load) -> LoadView:
    flow = catalog.flows[load.flow_id]
    model = result.models[load.id]
    nodes = node_map(catalog.diagrams[flow.diagram])
    specs = {s.node: s for s in load.stations}
    rps = traffic(load, DEFAULT_PRESET)
    results = model.evaluate(rps)
    stations = [
        StationView(i, s.key, nodes[s.key], specs[s.key], int(results[f"c{i}"]),
                    results[f"u{i}"], utilisation_text(results[f"u{i}"]), level(results[f"u{i}"]),
                    results[f"t{i}"], ms_text(results[f"t{i}"]))
        for i, s in enumerate(model.stations, 1)
    ]
    targets = result.targets[load.id]
    plan = model.what_it_takes(rps, targets)
    return LoadView(
        flow, load, model, rps, rate_text(rps), stations,
        stations[int(results["bottleneck"]) - 1], rate_text(results["max_rps"]),
        results["stable"] == 1,
        {key: ms_text(results[key]) for key in ("mean", "p50", "p99")},
        target_views(targets, results),
        None if plan is None else [PlanView(st, plan[st.key]) for st in stations],
        results["max_rps"],
        {"saturated": citation_view(catalog, load.saturated),
         "latency": citation_view(catalog, load.latency)},
        [(o.id, o.formula.source) for o in model.compiled.outputs],
    )


@dataclass(frozen=True)
class LoadMark:
    """A component's utilisation in the diagram, for one flow through it."""

    flow_id: str
    flow_title: str
    text: str
    level: str
    bottleneck: bool


def load_marks(catalog: Catalog, result: LoadResult,
               diagram_id: str) -> dict[str, list[LoadMark]]:
    """Node id -> its marks for every load model through this diagram, at the default traffic:
    the diagram shows them in its HTML, the widget updates them."""
    marks: dict[str, list[LoadMark]] = {}
    loads: dict[str, Load] = catalog.items.get("loads", {})
    for load_id, model in result.models.items():
        load = loads[load_id]
        flow = catalog.flows[load.flow_id]
        if flow.diagram != diagram_id:
            continue
        results = model.evaluate(traffic(load, DEFAULT_PRESET))
        bottleneck = model.bottleneck(results)
        for i, station in enumerate(model.stations, 1):
            value = results[f"u{i}"]
            marks.setdefault(station.key, []).append(LoadMark(
                load_id, flow.title, utilisation_text(value), level(value),
                station.key == bottleneck))
    return marks


def settings_json(view: LoadView) -> str:
    """What the script needs beyond the fields: traffic levels, targets, waits."""
    levels = {name: traffic(view.load, name) for name in PRESETS}
    targets = {t.key: t.target for t in view.targets}
    return json.dumps({"levels": levels, "targets": targets,
                       "waits": [1 if s.waits else 0 for s in view.model.stations]},
                      separators=(",", ":"), sort_keys=True)
