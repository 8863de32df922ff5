"""The checked, indexed view of all data: references resolved, backlinks and mentions computed once.

Building the catalog is linear in the size of the data: every index is a dict filled in one pass,
and backlinks are collected while walking outgoing links, never by comparing entities pairwise.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..composite import CompositeModel
from ..formulas import CompiledCalculator, FormulaError, OutputError, compile_calculator
from ..load import LoadModel, Targets
from ..widgets.flashcards import Card, CardError, rule_cards, slots
from .flows import PresetLink, check_flows
from .loader import DataError, LoadedData
from .loads import check_loads
from .models import (
    Calculator,
    Checklist,
    ChoiceOption,
    Collection,
    Decision,
    Deck,
    Diagram,
    Drill,
    Entity,
    Flow,
    ItemList,
    Relation,
    Row,
    Snippet,
    Table,
    Worksheet,
)

REF_PATTERN = re.compile(r"\[\[([a-z0-9][a-z0-9_-]*)(?:\|([^\]\n]*))?\]\]")
BLOCK_KINDS = {
    "table": "tables",
    "checklist": "checklists",
    "calculator": "calculators",
    "decision": "decisions",
    "list": "lists",
    "snippet": "snippets",
    "diagram": "diagrams",
    "flow": "flows",
    "load": "loads",
}


@dataclass(frozen=True)
class LinkView:
    """A link as shown on an entity page: the other entity, the label of the relation, a note."""

    relation: Relation
    label: str
    other: Entity
    note: str


@dataclass(frozen=True)
class Mention:
    """An entity named in a data item (a table row, a checklist item, a decision outcome...)."""

    kind: str  # tables, checklists, decisions, lists, diagrams, calculators
    item_id: str
    title: str
    anchor: str  # element id inside the rendered item, e.g. the row id
    context: str  # Markdown: the row's header cell, the item text...
    owner: str = ""  # entity id whose page embeds the item, if any


@dataclass
class Catalog:
    """All data by kind and id, plus the link graph. Built by :func:`build_catalog`."""

    data: LoadedData
    collections: dict[str, Collection]
    relations: dict[str, Relation]
    entities: dict[str, Entity]
    tables: dict[str, Table]
    checklists: dict[str, Checklist]
    calculators: dict[str, Calculator]
    decisions: dict[str, Decision]
    lists: dict[str, ItemList]
    snippets: dict[str, Snippet]
    diagrams: dict[str, Diagram]
    worksheets: dict[str, Worksheet]
    flows: dict[str, Flow] = field(default_factory=dict)
    flow_models: dict[str, CompositeModel] = field(default_factory=dict)
    flow_targets: dict[str, float] = field(default_factory=dict)
    flow_presets: dict[str, list[PresetLink]] = field(default_factory=dict)
    loads: dict[str, Flow] = field(default_factory=dict)  # flows with a load model, by id
    load_models: dict[str, LoadModel] = field(default_factory=dict)
    load_targets: dict[str, Targets] = field(default_factory=dict)
    decks: dict[str, Deck] = field(default_factory=dict)
    drills: dict[str, Drill] = field(default_factory=dict)
    cards: dict[str, list[Card]] = field(default_factory=dict)
    drill_choices: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    compiled: dict[str, CompiledCalculator] = field(default_factory=dict)
    choices: dict[tuple[str, str], list[ChoiceOption]] = field(default_factory=dict)
    outgoing: dict[str, list[LinkView]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[LinkView]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    owners: dict[tuple[str, str], str] = field(default_factory=dict)

    def get(self, kind: str, item_id: str) -> Any:
        return getattr(self, kind)[item_id]

    def by_collection(self, collection_id: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.collection == collection_id]

    def table_rows(self, table: Table) -> list[Row]:
        """The table's rows, with rows built from a collection's entities where it says so."""
        if table.rows_from is None:
            return table.rows
        source = table.rows_from
        rows: list[Row] = list(table.rows)
        for entity in self.by_collection(source.collection):
            if source.category and entity.category not in source.category:
                continue
            if source.tag and not set(source.tag) & set(entity.tags):
                continue
            cells = {c.id: entity_field(entity, c.field) for c in table.columns if c.field}
            rows.append(Row(id=entity.id, ref=entity.id, cells=cells))
        return rows

    def names(self) -> dict[str, str]:
        """Lower-cased name and alias -> entity id, for auto-linking (first definition wins)."""
        index: dict[str, str] = {}
        for entity in self.entities.values():
            if not entity.autolink:
                continue
            for name in (entity.name, *entity.aliases):
                index.setdefault(name.casefold(), entity.id)
        return index


def entity_field(entity: Entity, path: str) -> str:
    """The text of ``name``, ``category``, ``summary``, ``tags`` or ``facts.<label>``."""
    if path.startswith("facts."):
        return entity.facts.get(path[len("facts.") :], "")
    if path == "tags":
        return ", ".join(entity.tags)
    if path == "name":
        return f"[[{entity.id}|{entity.name}]]"
    return str(getattr(entity, path, ""))


ENTITY_FIELDS = {"name", "category", "summary", "tags"}


# --------------------------------------------------------------------------- building


def build_catalog(data: LoadedData) -> Catalog:
    """Check every cross-reference and index the data; raise DataError listing every problem."""
    items = data.items
    catalog = Catalog(
        data=data,
        collections=items["collections"],
        relations=items["relations"],
        entities=items["entities"],
        tables=items["tables"],
        checklists=items["checklists"],
        calculators=items["calculators"],
        decisions=items["decisions"],
        lists=items["lists"],
        snippets=items["snippets"],
        diagrams=items["diagrams"],
        worksheets=items["worksheets"],
        flows=items["flows"],
        loads={i: f for i, f in items["flows"].items() if f.load is not None},
        decks=items["decks"],
        drills=items["drills"],
    )
    checker = _Checker(catalog)
    checker.run()
    if checker.problems:
        raise DataError(checker.problems)
    return catalog


class _Checker:
    """Walks all data once, recording problems and filling the link graph and mentions."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[str] = []

    def problem(self, kind: str, item_id: str, field_name: str, message: str) -> None:
        origin = self.catalog.data.origin(kind, item_id)
        self.problems.append(f"{origin.describe(field_name)}: {message}")

    def unknown(self, kind: str, item_id: str, field_name: str, what: str, name: str,
                known: Any) -> None:
        close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
        hint = f"; closest known: {', '.join(close)}" if close else ""
        self.problem(kind, item_id, field_name, f"unknown {what} '{name}'{hint}")

    def run(self) -> None:
        self._check_entities()
        self._check_tables()
        self._check_checklists()
        self._check_calculators()
        self._check_decisions()
        self._check_diagrams()
        self._check_worksheets()
        check_flows(self.catalog, lambda flow_id, field_name, message: self.problem(
            "flows", flow_id, field_name, message))
        check_loads(self.catalog, lambda flow_id, field_name, message: self.problem(
            "flows", flow_id, field_name, message))
        self._check_decks()
        self._check_drills()
        self._check_text_refs()

    # -- entities and their links

    def _check_entities(self) -> None:
        c = self.catalog
        for entity in c.entities.values():
            if entity.collection not in c.collections:
                self.unknown("entities", entity.id, "collection", "collection",
                             entity.collection, c.collections)
            for relation_id, links in entity.related.items():
                relation = c.relations.get(relation_id)
                if relation is None:
                    self.unknown("entities", entity.id, f"related.{relation_id}", "relation",
                                 relation_id, c.relations)
                    continue
                for index, link in enumerate(links):
                    other = c.entities.get(link.ref)
                    if other is None:
                        self.unknown("entities", entity.id, f"related.{relation_id}.{index}",
                                     "entity", link.ref, c.entities)
                        continue
                    if other.id == entity.id:
                        self.problem("entities", entity.id, f"related.{relation_id}.{index}",
                                     "an entity cannot link to itself")
                        continue
                    self._add_link(entity, relation, other, link.note)
            for index, block in enumerate(entity.blocks):
                if block.kind == "markdown":
                    continue
                kind = BLOCK_KINDS[block.kind]
                if block.id not in getattr(c, kind):
                    self.unknown("entities", entity.id, f"blocks.{index}.id", block.kind,
                                 block.id, getattr(c, kind))
                else:
                    c.owners.setdefault((kind, block.id), entity.id)

    def _add_link(self, entity: Entity, relation: Relation, other: Entity, note: str) -> None:
        c = self.catalog
        c.outgoing[entity.id].append(LinkView(relation, relation.label, other, note))
        if relation.symmetric:
            c.outgoing[other.id].append(LinkView(relation, relation.label, entity, note))
        else:
            c.incoming[other.id].append(LinkView(relation, relation.inverse_label, entity, note))

    # -- tables

    def _check_tables(self) -> None:
        c = self.catalog
        for table in c.tables.values():
            if table.rows_from is not None:
                source = table.rows_from
                if source.collection not in c.collections:
                    self.unknown("tables", table.id, "rows_from.collection", "collection",
                                 source.collection, c.collections)
            for column in table.columns:
                if column.field and not (
                    column.field in ENTITY_FIELDS or column.field.startswith("facts.")
                ):
                    self.problem("tables", table.id, f"columns.{column.id}.field",
                                 f"'{column.field}' is not name, category, summary, tags "
                                 "or facts.<label>")
            seen: set[str] = set()
            header = table.header_column
            for index, row in enumerate(c.table_rows(table)):
                if row.id:
                    if row.id in seen:
                        self.problem("tables", table.id, f"rows.{index}.id",
                                     f"duplicate row id '{row.id}'")
                    seen.add(row.id)
                if row.ref:
                    if row.ref not in c.entities:
                        self.unknown("tables", table.id, f"rows.{index}.ref", "entity",
                                     row.ref, c.entities)
                    else:
                        self._mention(row.ref, "tables", table.id, table.title,
                                      row.id, row.cells.get(header, ""))

    # -- checklists

    def _check_checklists(self) -> None:
        c = self.catalog
        for checklist in c.checklists.values():
            for section in checklist.sections:
                for item in section.items:
                    for ref in item.refs:
                        if ref not in c.entities:
                            self.unknown("checklists", checklist.id,
                                         f"sections.{section.id}.items.{item.id}.refs",
                                         "entity", ref, c.entities)
                        else:
                            self._mention(ref, "checklists", checklist.id, checklist.title,
                                          item.id, item.text)

    # -- calculators

    def _check_calculators(self) -> None:
        c = self.catalog
        for calculator in c.calculators.values():
            names: dict[str, str] = {}
            for index, spec in enumerate(calculator.inputs):
                if spec.type == "choice":
                    options = self._choice_options(calculator, index)
                    if options is None:
                        continue
                    c.choices[(calculator.id, spec.id)] = options
                    index = int(spec.default) if not isinstance(spec.default, list) else 0
                    if index >= len(options):
                        self.problem("calculators", calculator.id, f"inputs.{spec.id}.default",
                                     f"index {index} but only {len(options)} options")
                    for key in options[0].values:
                        names[f"{spec.id}_{key}"] = "number"
                    names[spec.id] = "number"
                else:
                    names[spec.id] = spec.type
            try:
                c.compiled[calculator.id] = compile_calculator(
                    calculator.id, names, [(o.id, o.formula) for o in calculator.outputs]
                )
            except OutputError as error:
                self.problem("calculators", calculator.id,
                             f"outputs.{error.output_id}.formula", str(error))
            except FormulaError as error:  # pragma: no cover - OutputError covers all paths
                self.problem("calculators", calculator.id, "outputs", str(error))

    def _choice_options(self, calculator: Calculator, index: int) -> list[ChoiceOption] | None:
        spec = calculator.inputs[index]
        field_name = f"inputs.{spec.id}.options"
        if spec.options:
            keys = set(spec.options[0].values)
            if any(set(o.values) != keys for o in spec.options):
                self.problem("calculators", calculator.id, field_name,
                             "every option needs the same value names")
                return None
            return spec.options
        source = spec.options_from
        assert source is not None
        table = self.catalog.tables.get(source.table)
        if table is None:
            self.unknown("calculators", calculator.id, f"{field_name}_from.table", "table",
                         source.table, self.catalog.tables)
            return None
        columns = {col.id for col in table.columns}
        for column_id in [source.label, *source.values.values()]:
            if column_id not in columns:
                self.unknown("calculators", calculator.id, f"{field_name}_from", "column",
                             column_id, columns)
                return None
        from ..widgets.units import parse_quantity

        options: list[ChoiceOption] = []
        for row in self.catalog.table_rows(table):
            values: dict[str, float] = {}
            for key, column_id in source.values.items():
                parsed = parse_quantity(_plain(row.cells.get(column_id, "")), source.unit)
                if parsed is None:
                    break
                values[key] = parsed
            else:
                options.append(ChoiceOption(label=_plain(row.cells.get(source.label, "")) or
                                            row.id, values=values))
        if not options:
            self.problem("calculators", calculator.id, f"{field_name}_from",
                         f"no row of table '{table.id}' has numbers in every value column")
            return None
        return options

    # -- decisions

    def _check_decisions(self) -> None:
        c = self.catalog
        for decision in c.decisions.values():
            nodes = {n.id: n for n in decision.nodes}
            if len(nodes) != len(decision.nodes):
                self.problem("decisions", decision.id, "nodes", "node ids must be unique")
            if decision.start not in nodes:
                self.unknown("decisions", decision.id, "start", "node", decision.start, nodes)
                continue
            for node in decision.nodes:
                for answer in node.answers:
                    if answer.next not in nodes:
                        self.unknown("decisions", decision.id,
                                     f"nodes.{node.id}.answers.{answer.label}.next", "node",
                                     answer.next, nodes)
                for field_name, refs in (("refs", node.refs), ("alternatives", node.alternatives)):
                    for ref in refs:
                        if ref not in c.entities:
                            self.unknown("decisions", decision.id,
                                         f"nodes.{node.id}.{field_name}", "entity", ref,
                                         c.entities)
                        elif field_name == "refs":
                            self._mention(ref, "decisions", decision.id, decision.title,
                                          node.id, node.outcome)
                for row_ref in node.rows:
                    self._check_row_ref(decision.id, node.id, row_ref)
            self._check_tree_shape(decision.id, decision.start, nodes)

    def _check_row_ref(self, decision_id: str, node_id: str, row_ref: str) -> None:
        table_id, _, row_id = row_ref.partition("#")
        table = self.catalog.tables.get(table_id)
        field_name = f"nodes.{node_id}.rows"
        if table is None:
            self.unknown("decisions", decision_id, field_name, "table", table_id,
                         self.catalog.tables)
            return
        row_ids = [r.id for r in self.catalog.table_rows(table)]
        if row_id not in row_ids:
            self.unknown("decisions", decision_id, field_name, f"row of table '{table_id}'",
                         row_id, row_ids)

    def _check_tree_shape(self, decision_id: str, start: str, nodes: dict[str, Any]) -> None:
        """Every node reachable from the start, and no path loops back (a cycle never ends)."""
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done

        def visit(node_id: str, path: list[str]) -> None:
            if state.get(node_id) == 1:
                loop = " -> ".join([*path[path.index(node_id):], node_id])
                self.problem("decisions", decision_id, "nodes", f"cycle: {loop}")
                return
            if state.get(node_id) == 2 or node_id not in nodes:
                return
            state[node_id] = 1
            for answer in nodes[node_id].answers:
                visit(answer.next, [*path, node_id])
            state[node_id] = 2

        visit(start, [])
        unreachable = [n for n in nodes if n not in state]
        if unreachable:
            self.problem("decisions", decision_id, "nodes",
                         f"not reachable from '{start}': {', '.join(unreachable)}")

    # -- diagrams

    def _check_diagrams(self) -> None:
        c = self.catalog
        for diagram in c.diagrams.values():
            for layer in diagram.layers:
                for node in layer.nodes:
                    if node.ref and node.ref not in c.entities:
                        self.unknown("diagrams", diagram.id,
                                     f"layers.{layer.id}.nodes.{node.id}.ref", "entity",
                                     node.ref, c.entities)

    # -- worksheets

    def _check_worksheets(self) -> None:
        c = self.catalog
        for worksheet in c.worksheets.values():
            for step in worksheet.steps:
                for kind, ids in (("checklists", step.checklists),
                                  ("calculators", step.calculators)):
                    for item_id in ids:
                        if item_id not in getattr(c, kind):
                            self.unknown("worksheets", worksheet.id, f"steps.{step.id}.{kind}",
                                         kind[:-1], item_id, getattr(c, kind))
                if step.choose and step.choose not in c.collections:
                    self.unknown("worksheets", worksheet.id, f"steps.{step.id}.choose",
                                 "collection", step.choose, c.collections)

    # -- flashcard decks and estimation drills

    def _check_decks(self) -> None:
        c = self.catalog
        for deck in c.decks.values():
            cards: list[Card] = []
            failed = False
            for index, rule in enumerate(deck.cards):
                try:
                    cards.extend(rule_cards(c, rule))
                except CardError as error:
                    failed = True
                    self.problem("decks", deck.id, f"cards.{index}.{error.field}", str(error))
            seen: set[str] = set()
            for card in cards:
                if card.id in seen:
                    self.problem("decks", deck.id, "cards",
                                 f"two cards have the id '{card.id}': give the rules "
                                 "different 'id' prefixes")
                seen.add(card.id)
            if not cards and not failed:
                self.problem("decks", deck.id, "cards",
                             "no cards: every entry leaves a field of the card empty")
            c.cards[deck.id] = cards

    def _check_drills(self) -> None:
        from ..widgets.drill import candidates

        c = self.catalog
        for drill in c.drills.values():
            calculator = c.calculators.get(drill.calculator)
            if calculator is None:
                self.unknown("drills", drill.id, "calculator", "calculator", drill.calculator,
                             c.calculators)
                continue
            inputs = {spec.id: spec for spec in calculator.inputs}
            choices: dict[str, list[float]] = {}
            for name, param in drill.params.items():
                spec = inputs.get(name)
                if spec is None:
                    self.unknown("drills", drill.id, f"params.{name}",
                                 f"input of calculator '{calculator.id}'", name, inputs)
                elif spec.type != "number":
                    self.problem("drills", drill.id, f"params.{name}",
                                 f"input '{name}' is a {spec.type}; drills vary number inputs")
                else:
                    try:
                        choices[name] = candidates(param)
                    except ValueError as error:
                        self.problem("drills", drill.id, f"params.{name}", str(error))
            for name in slots(drill.scenario):
                if name not in inputs:
                    self.unknown("drills", drill.id, "scenario",
                                 f"input of calculator '{calculator.id}' in {{...}}", name, inputs)
                elif inputs[name].type != "number":
                    self.problem("drills", drill.id, "scenario",
                                 f"{{{name}}} is a {inputs[name].type} input; "
                                 "the scenario shows number inputs only")
            outputs = {o.id for o in calculator.outputs}
            for index, question in enumerate(drill.questions):
                if question.output not in outputs:
                    self.unknown("drills", drill.id, f"questions.{index}.output",
                                 f"output of calculator '{calculator.id}'", question.output,
                                 outputs)
            c.drill_choices[drill.id] = choices

    # -- [[ref]] in any Markdown text

    def _check_text_refs(self) -> None:
        c = self.catalog
        for kind in ("entities", "tables", "checklists", "calculators", "decisions", "lists",
                     "diagrams", "collections", "worksheets", "flows", "decks", "drills"):
            for item_id, item in getattr(c, kind).items():
                for field_name, text in _texts(item, ""):
                    for match in REF_PATTERN.finditer(text):
                        ref = match.group(1)
                        if ref not in c.entities:
                            self.unknown(kind, item_id, field_name, "entity", ref, c.entities)
        self._mention_refs_in_table_cells()

    def _mention_refs_in_table_cells(self) -> None:
        """A ``[[ref]]`` in a table row counts as a mention of that entity in that row."""
        c = self.catalog
        for table in c.tables.values():
            header = table.header_column
            for row in c.table_rows(table):
                seen = {row.ref}
                for text in row.cells.values():
                    for match in REF_PATTERN.finditer(text):
                        ref = match.group(1)
                        if ref in c.entities and ref not in seen:
                            seen.add(ref)
                            self._mention(ref, "tables", table.id, table.title, row.id,
                                          _row_context(row, header))

    def _mention(self, entity_id: str, kind: str, item_id: str, title: str, anchor: str,
                 context: str) -> None:
        owner = self.catalog.owners.get((kind, item_id), "")
        self.catalog.mentions[entity_id].append(
            Mention(kind, item_id, title, anchor, context, owner)
        )


def _row_context(row: Row, header: str) -> str:
    return row.cells.get(header, "")


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a model, with its dotted field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = getattr(item, "id", "") or str(index)
            yield from _texts(item, f"{path}.{label}" if path else label)


_MARKUP = re.compile(r"\[\[[^|\]]*\|([^\]]*)\]\]|\[\[([^\]]*)\]\]|[*_`]")


def _plain(text: str) -> str:
    """Cell text without Markdown emphasis or [[ref|label]] syntax, for labels and parsing."""
    return _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", text).strip()
