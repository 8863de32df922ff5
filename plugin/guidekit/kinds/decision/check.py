"""Checking decision trees: answers lead to nodes, every node is reachable, no path loops."""

from __future__ import annotations

from typing import Any

from ...data.catalog import Checker
from ..table.rows import table_rows


def check(checker: Checker) -> None:
    c = checker.catalog
    for decision in c.decisions.values():
        nodes = {n.id: n for n in decision.nodes}
        if len(nodes) != len(decision.nodes):
            checker.problem("decisions", decision.id, "nodes", "node ids must be unique")
        if decision.start not in nodes:
            checker.unknown("decisions", decision.id, "start", "node", decision.start, nodes)
            continue
        for node in decision.nodes:
            for answer in node.answers:
                if answer.next not in nodes:
                    checker.unknown("decisions", decision.id,
                                    f"nodes.{node.id}.answers.{answer.label}.next", "node",
                                    answer.next, nodes)
            for field_name, refs in (("refs", node.refs), ("alternatives", node.alternatives)):
                for ref in refs:
                    if ref not in c.entities:
                        checker.unknown("decisions", decision.id,
                                        f"nodes.{node.id}.{field_name}", "entity", ref,
                                        c.entities)
                    elif field_name == "refs":
                        checker.mention(ref, "decisions", decision.id, decision.title,
                                        node.id, node.outcome)
            for row_ref in node.rows:
                _check_row_ref(checker, decision.id, node.id, row_ref)
        _check_tree_shape(checker, decision.id, decision.start, nodes)


def _check_row_ref(checker: Checker, decision_id: str, node_id: str, row_ref: str) -> None:
    table_id, _, row_id = row_ref.partition("#")
    table = checker.catalog.tables.get(table_id)
    field_name = f"nodes.{node_id}.rows"
    if table is None:
        checker.unknown("decisions", decision_id, field_name, "table", table_id,
                        checker.catalog.tables)
        return
    row_ids = [r.id for r in table_rows(checker.catalog, table)]
    if row_id not in row_ids:
        checker.unknown("decisions", decision_id, field_name, f"row of table '{table_id}'",
                        row_id, row_ids)


def _check_tree_shape(checker: Checker, decision_id: str, start: str,
                      nodes: dict[str, Any]) -> None:
    """Every node reachable from the start, and no path loops back (a cycle never ends)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node_id: str, path: list[str]) -> None:
        if state.get(node_id) == 1:
            loop = " -> ".join([*path[path.index(node_id):], node_id])
            checker.problem("decisions", decision_id, "nodes", f"cycle: {loop}")
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
        checker.problem("decisions", decision_id, "nodes",
                        f"not reachable from '{start}': {', '.join(unreachable)}")
