"""Checking the load model of each flow (the load what-if) and compiling it.

A load names its flow and gives one station per component of that flow's path (every
component, once, and nothing else), latency targets stated or read from table cells, and the
checklist items cited where the widget shows a breach. Problems are reported like all other
data problems (file, entry, field); a valid load is compiled into a
:class:`~guidekit.load.LoadModel` once, for the page and the browser alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...data.catalog import Catalog, Checker
from ...formulas import FormulaError
from ...load import LoadError, LoadModel, Station, Targets, build_load_model
from ...names import closest
from ..flow.check import cell_number
from ..flow.model import Flow, RegionGroup
from .model import Citation, Load

Problem = Callable[[str, str], None]  # (field, message)


@dataclass
class LoadResult:
    """What checking the loads derived, by load id: the compiled model and the targets."""

    models: dict[str, LoadModel] = field(default_factory=dict)
    targets: dict[str, Targets] = field(default_factory=dict)


def path_nodes(flow: Flow) -> list[str]:
    """The components of a flow's path in order, region groups flattened."""
    nodes: list[str] = []
    for entry in flow.path:
        nodes.extend(entry.path if isinstance(entry, RegionGroup) else [entry])
    return nodes


def check(checker: Checker) -> LoadResult:
    """Check every load (after the flows, whose paths they follow)."""
    catalog, result = checker.catalog, LoadResult()
    loads: dict[str, Load] = catalog.items.get("loads", {})
    for load in loads.values():

        def problem(field_name: str, message: str, load_id: str = load.id) -> None:
            checker.problem("loads", load_id, field_name, message)

        _check_load(catalog, load, problem, result)
    return result


def _check_load(catalog: Catalog, load: Load, problem: Problem, result: LoadResult) -> None:
    flow = catalog.flows.get(load.flow_id)
    if flow is None:
        close = closest(load.flow_id, catalog.flows)
        hint = f"; closest known: {', '.join(close)}" if close else ""
        problem("flow" if load.flow else "id", f"unknown flow '{load.flow_id}'{hint}")
        return
    on_path = path_nodes(flow)
    ok = True
    seen: set[str] = set()
    for index, station in enumerate(load.stations):
        if station.node not in on_path:
            problem(f"stations.{index}.node",
                    f"'{station.node}' is not on the flow's path ({', '.join(on_path)})")
            ok = False
        elif station.node in seen:
            problem(f"stations.{index}.node", f"'{station.node}' has two load entries")
            ok = False
        seen.add(station.node)
    missing = [node for node in on_path if node not in seen]
    if missing:
        problem("stations", f"no load entry for {', '.join(missing)} (every component on "
                            "the path needs one; give 'visits: 0' to one requests never reach)")
        ok = False
    for name in ("saturated", "latency"):
        ok = _check_citation(catalog, getattr(load, name), name, problem) and ok
    targets = _targets(catalog, load, problem)
    if targets is None or not ok:
        return
    order = {node: i for i, node in enumerate(on_path)}
    stations = sorted(load.stations, key=lambda s: order[s.node])
    try:
        model = build_load_model(load.id, [
            Station(s.node, s.service_ms, s.instances, s.concurrency, s.visits, s.waits)
            for s in stations])
    except (LoadError, FormulaError) as error:
        problem("stations", str(error))
        return
    result.models[load.id] = model
    result.targets[load.id] = targets


def _check_citation(catalog: Catalog, citation: Citation, name: str, problem: Problem) -> bool:
    checklist = catalog.checklists.get(citation.checklist)
    if checklist is None:
        known = ", ".join(sorted(catalog.checklists))
        problem(f"{name}.checklist", f"unknown checklist '{citation.checklist}' (known: {known})")
        return False
    items = [item.id for section in checklist.sections for item in section.items]
    if citation.item not in items:
        problem(f"{name}.item", f"checklist '{checklist.id}' has no item '{citation.item}' "
                                f"(it has {', '.join(items)})")
        return False
    return True


def _targets(catalog: Catalog, load: Load, problem: Problem) -> Targets | None:
    values: dict[str, float | None] = {}
    ok = True
    for name in ("p50", "p99"):
        value = getattr(load.target, name)
        ref = getattr(load.target, f"{name}_from")
        if ref is not None:
            value = cell_number(catalog, ref, "ms", problem, f"target.{name}_from")
            ok = ok and value is not None
        values[name] = value
    return Targets(values["p50"], values["p99"]) if ok else None
