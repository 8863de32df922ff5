"""Concept articles: what an entity is and how it works, when to use it and when not, its
trade-offs, failure modes and typical numbers (each with its source), where the site's text
differs from today's facts, a small diagram and further reading, laid out on the entity's page.

An article is not placed by fences: it adds a part to its entity's page (``entity_part``).
Its model is :class:`~.model.Article`; ``check`` checks it against the rest of the
data, ``check_doc_links`` its sources against the site's pages once they are known.
"""

from __future__ import annotations

from pathlib import Path

from ...data.catalog import Checker
from ...data.models import Entity
from ..base import EntityPart, ItemPage, Kind
from .check import check_articles, check_doc_sources
from .model import Article
from .view import entity_part


def check(checker: Checker) -> None:
    check_articles(
        KIND.items(checker.catalog), checker.catalog.entities,
        lambda article_id, field_name, message: checker.problem(
            "articles", article_id, field_name, message),
        lambda article_id, field_name, what, name, known: checker.unknown(
            "articles", article_id, field_name, what, name, known),
    )


def part(page: ItemPage, entity: Entity) -> EntityPart | None:
    return entity_part(page, entity, KIND.items(page.catalog))


KIND: Kind[Article, None] = Kind(
    name="article", plural="articles", model=Article, directory=Path(__file__).parent,
    check=check, check_doc_links=check_doc_sources, entity_part=part,
)
