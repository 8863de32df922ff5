"""Checks of articles against the rest of the data, and of their sources against the docs.

``check_articles`` runs while the catalog is built (the data alone); ``check_doc_sources`` runs
once the adapter knows the site's pages, since a number may cite a page of the docs.
Problems are reported through the catalog checker's callbacks, so every message names the
file, line, entry and field like any other data problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .model import HTTPS, Article

Problem = Callable[[str, str, str], None]  # (article id, field, message)
Unknown = Callable[[str, str, str, str, Any], None]  # (article id, field, what, name, known)


def check_articles(articles: Mapping[str, Article], entities: Mapping[str, Any],
                   problem: Problem, unknown: Unknown) -> None:
    """Each article is about an existing entity and its diagram nodes link existing entities.
    ([[refs]] and link schemes are checked with every other text of the data.)"""
    for article in articles.values():
        if article.id not in entities:
            unknown(article.id, "id", "entity", article.id, entities)
        if article.diagram is not None:
            for node in article.diagram.nodes:
                if node.ref and node.ref not in entities:
                    unknown(article.id, f"diagram.nodes.{node.id}.ref", "entity", node.ref,
                            entities)


def check_doc_sources(articles: Mapping[str, Article],
                      anchors_of: Callable[[str], set[str] | None], problem: Problem) -> None:
    """A number citing a docs page (``page.md#anchor``) needs that page, and that heading."""
    for article in articles.values():
        for index, number in enumerate(article.numbers):
            if HTTPS.match(number.source):
                continue
            page, _, anchor = number.source.partition("#")
            anchors = anchors_of(page)
            field_name = f"numbers.{index}.source"
            if anchors is None:
                problem(article.id, field_name, f"'{page}' is not a page of the docs")
            elif anchor and anchor not in anchors:
                import difflib

                close = difflib.get_close_matches(anchor, sorted(anchors), n=3, cutoff=0.5)
                hint = f"; closest: {', '.join('#' + a for a in close)}" if close else ""
                problem(article.id, field_name, f"'{page}' has no heading '#{anchor}'{hint}")
