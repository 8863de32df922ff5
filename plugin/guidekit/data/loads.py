"""Checking the load model of each flow (the load what-if) and compiling it.

A flow's ``load`` gives one station per component of its path (every component, once, and
nothing else), latency targets stated or read from table cells, and the checklist items cited
where the widget shows a breach. Problems are reported like all other data problems (file,
entry, field); a valid load model is compiled into a :class:`~guidekit.load.LoadModel` once,
for the page and the browser alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..formulas import FormulaError
from ..load import LoadError, Station, Targets, build_load_model
from .flows import cell_number
from .models import Citation, Flow, FlowLoad, RegionGroup

if TYPE_CHECKING:
    from .catalog import Catalog

Problem = Callable[[str, str], None]  # (field, message)


def check_loads(catalog: Catalog, report: Callable[[str, str, str], None]) -> None:
    """Check the ``load`` of every flow; fill ``catalog.load_models`` and ``load_targets``."""
    for flow in catalog.flows.values():
        if flow.load is None:
            continue

        def problem(field_name: str, message: str, flow_id: str = flow.id) -> None:
            report(flow_id, f"load.{field_name}", message)

        _check_load(catalog, flow, flow.load, problem)


def path_nodes(flow: Flow) -> list[str]:
    """The components of a flow's path in order, region groups flattened."""
    nodes: list[str] = []
    for entry in flow.path:
        nodes.extend(entry.path if isinstance(entry, RegionGroup) else [entry])
    return nodes


def _check_load(catalog: Catalog, flow: Flow, load: FlowLoad, problem: Problem) -> None:
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
        model = build_load_model(flow.id, [
            Station(s.node, s.service_ms, s.instances, s.concurrency, s.visits, s.waits)
            for s in stations])
    except (LoadError, FormulaError) as error:
        problem("stations", str(error))
        return
    catalog.load_models[flow.id] = model
    catalog.load_targets[flow.id] = targets


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


def _targets(catalog: Catalog, load: FlowLoad, problem: Problem) -> Targets | None:
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
