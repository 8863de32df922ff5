"""Checking flows (the what-if widgets) against the rest of the data, and compiling them.

Every reference of a flow is checked: its diagram, the nodes on its path (nodes of that
diagram, each with availability assumptions), the table cells numbers are read from, the list
that names the flow, the calculators and inputs of its presets. Problems are reported like all
other data problems (file, entry, field); a valid flow is compiled into a
:class:`~guidekit.composite.CompositeModel` once, for the page and the browser alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ...composite import (
    Component,
    CompositeError,
    CompositeModel,
    FailureDomains,
    RegionGroup,
    Step,
    build_model,
)
from ...data.catalog import Catalog, Checker
from ...data.models import CellRef
from ...formulas import FormulaError
from ...names import closest
from ...units import parse_quantity
from ..calculator import KIND as CALCULATOR
from ..calculator.model import ChoiceOption
from ..diagram.model import Diagram, DiagramNode
from ..table.rows import table_rows
from .model import Flow, Preset, SharedAvailability
from .model import RegionGroup as RegionGroupSpec

Problem = Callable[[str, str], None]  # (field, message)
Choices = dict[tuple[str, str], list[ChoiceOption]]  # (calculator, input) -> options

_QUANTITY_IN_TEXT = re.compile(r"[<>~≈]?\d[\d,]*(?:\.\d+)?\s*(?:%|[a-zµ]+)?", re.IGNORECASE)
_MARKUP = re.compile(r"\[\[[^|\]]*\|([^\]]*)\]\]|\[\[([^\]]*)\]\]|[*_`]")


@dataclass(frozen=True)
class PresetLink:
    """A preset, checked: the calculator and the ``name:value`` pairs its URL state takes."""

    preset: Preset
    pairs: tuple[tuple[str, str], ...]


@dataclass
class FlowResult:
    """What checking the flows derived: each valid flow's compiled model, its target and its
    checked presets, by flow id."""

    models: dict[str, CompositeModel] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    presets: dict[str, list[PresetLink]] = field(default_factory=dict)


def cell_number(catalog: Catalog, ref: CellRef, unit: str, problem: Problem,
                field_name: str) -> float | None:
    """The first quantity in a table cell, or None after reporting why there is none."""
    table = catalog.tables.get(ref.table)
    if table is None:
        problem(f"{field_name}.table", _unknown("table", ref.table, catalog.tables))
        return None
    rows = {row.id: row for row in table_rows(catalog, table)}
    row = rows.get(ref.row)
    if row is None:
        problem(f"{field_name}.row", _unknown("row", ref.row, rows, f" in table '{table.id}'"))
        return None
    if ref.column not in {c.id for c in table.columns}:
        problem(f"{field_name}.column",
                _unknown("column", ref.column, [c.id for c in table.columns],
                         f" in table '{table.id}'"))
        return None
    text = _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", row.cells.get(ref.column, ""))
    for match in _QUANTITY_IN_TEXT.finditer(text):
        value = parse_quantity(match.group(0), unit)
        if value is not None:
            return value
    problem(field_name, f"no {unit} in cell '{ref.column}' of row '{ref.row}' of table "
                        f"'{table.id}' (it reads {text!r})")
    return None


def check(checker: Checker) -> FlowResult:
    """Check every flow (after the calculators: presets name their choice options)."""
    catalog, result = checker.catalog, FlowResult()
    choices = checker.checked.of(CALCULATOR).choices
    for flow in catalog.flows.values():

        def problem(field_name: str, message: str, flow_id: str = flow.id) -> None:
            checker.problem("flows", flow_id, field_name, message)

        _check_flow(catalog, choices, flow, problem, result)
    return result


def _check_flow(catalog: Catalog, choices: Choices, flow: Flow, problem: Problem,
                result: FlowResult) -> None:
    diagram = catalog.diagrams.get(flow.diagram)
    if diagram is None:
        problem("diagram", _unknown("diagram", flow.diagram, catalog.diagrams))
        return
    if flow.guide is not None and flow.guide not in catalog.lists:
        problem("guide", _unknown("list", flow.guide, catalog.lists))
    steps = _steps(catalog, flow, diagram, problem)
    if flow.target_from is not None:
        target = cell_number(catalog, flow.target_from, "percent", problem, "target_from")
        if target is not None:
            result.targets[flow.id] = target
    elif flow.target is not None:
        result.targets[flow.id] = flow.target
    result.presets[flow.id] = [
        link for index, preset in enumerate(flow.presets)
        if (link := _preset(catalog, choices, preset, problem, f"presets.{index}")) is not None
    ]
    zone_ok, zone = _shared(catalog, flow.zone, problem, "zone")
    region_ok, region = _shared(catalog, flow.region, problem, "region")
    if steps is None or not (zone_ok and region_ok):
        return
    try:
        result.models[flow.id] = build_model(flow.id, steps, FailureDomains(zone, region))
    except (CompositeError, FormulaError) as error:
        problem("path", str(error))


def _steps(catalog: Catalog, flow: Flow, diagram: Diagram, problem: Problem) -> list[Step] | None:
    nodes = {node.id: node for layer in diagram.layers for node in layer.nodes}
    steps: list[Step] = []
    ok = True
    for index, entry in enumerate(flow.path):
        if isinstance(entry, RegionGroupSpec):
            members = [_component(catalog, diagram.id, nodes, key, problem,
                                  f"path.{index}.path.{k}")
                       for k, key in enumerate(entry.path)]
            if all(members):
                steps.append(RegionGroup(f"group-{index + 1}", entry.regions,
                                         tuple(m for m in members if m)))
            else:
                ok = False
            continue
        component = _component(catalog, diagram.id, nodes, entry, problem, f"path.{index}")
        if component is None:
            ok = False
        else:
            steps.append(component)
    return steps if ok else None


def _shared(catalog: Catalog, spec: SharedAvailability | None, problem: Problem,
            field_name: str) -> tuple[bool, float | None]:
    """(checked, a zone's or region's percent): None when the flow gives none; not checked
    after reporting a problem."""
    if spec is None:
        return True, None
    percent = spec.percent
    if spec.percent_from is not None:
        percent = cell_number(catalog, spec.percent_from, "percent", problem,
                              f"{field_name}.percent_from")
        if percent is not None and not 0 < percent <= 100:
            problem(field_name, f"{percent}% is not an availability")
            return False, None
    return percent is not None, percent


def _component(catalog: Catalog, diagram_id: str, nodes: dict[str, DiagramNode], key: str,
               problem: Problem, field_name: str) -> Component | None:
    node = nodes.get(key)
    if node is None:
        problem(field_name, _unknown("node", key, nodes, f" in diagram '{diagram_id}'"))
        return None
    spec = node.availability
    if spec is None:
        problem(field_name, f"node '{key}' has no 'availability' assumptions in its diagram")
        return None
    percent = spec.percent
    if spec.percent_from is not None:
        def node_problem(where: str, message: str) -> None:
            problem(field_name, f"node '{key}', {where}: {message}")

        percent = cell_number(catalog, spec.percent_from, "percent", node_problem,
                              "availability.percent_from")
        if percent is not None and not 0 < percent <= 100:
            problem(field_name, f"node '{key}': {percent}% is not an availability")
            return None
    if percent is None:
        return None
    return Component(key, percent, spec.replicas, spec.zones, spec.placement != "zones")


def _preset(catalog: Catalog, choices: Choices, preset: Preset, problem: Problem,
            field_name: str) -> PresetLink | None:
    calculator = catalog.calculators.get(preset.calculator)
    if calculator is None:
        problem(f"{field_name}.calculator",
                _unknown("calculator", preset.calculator, catalog.calculators))
        return None
    inputs = {spec.id: spec for spec in calculator.inputs}
    pairs: list[tuple[str, str]] = []
    for name, value in preset.values.items():
        where = f"{field_name}.values.{name}"
        spec = inputs.get(name)
        if spec is None:
            problem(where, _unknown("input", name, inputs, f" of calculator '{calculator.id}'"))
            return None
        if spec.type == "choice":
            labels = [o.label for o in choices.get((calculator.id, name), [])]
            if not isinstance(value, str) or value not in labels:
                problem(where, f"a choice input takes one of its labels: {', '.join(labels)}")
                return None
            pairs.append((name, str(labels.index(value))))
            continue
        if isinstance(value, str) or spec.type != "number":
            problem(where, "a number input takes a number or a table cell")
            return None
        number = value if isinstance(value, float | int) else cell_number(
            catalog, value, "percent" if spec.unit == "%" else "number", problem, where)
        if number is None:
            return None
        if (spec.min is not None and number < spec.min) or (
                spec.max is not None and number > spec.max):
            bounds = [f"at least {_number_text(spec.min)}" if spec.min is not None else "",
                      f"at most {_number_text(spec.max)}" if spec.max is not None else ""]
            problem(where, f"{_number_text(number)} is outside the input's range: "
                           + " and ".join(b for b in bounds if b))
            return None
        pairs.append((name, _number_text(number)))
    return PresetLink(preset, tuple(pairs))


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _unknown(what: str, name: str, known: Iterable[str], where: str = "") -> str:
    close = closest(name, known)
    hint = f"; closest known: {', '.join(close)}" if close else ""
    return f"unknown {what} '{name}'{where}{hint}"
