"""Checking diagrams: the entities their nodes link to."""

from __future__ import annotations

from ...data.catalog import Checker


def check(checker: Checker) -> None:
    c = checker.catalog
    for diagram in c.diagrams.values():
        for layer in diagram.layers:
            for node in layer.nodes:
                if node.ref and node.ref not in c.entities:
                    checker.unknown("diagrams", diagram.id,
                                    f"layers.{layer.id}.nodes.{node.id}.ref", "entity",
                                    node.ref, c.entities)
