"""Checks of articles against the rest of the data, and of their sources against the docs.

``check_articles`` runs while the catalog is built (the data alone); ``check_doc_sources`` runs
once the adapter knows the site's pages, since a number may cite a page of the docs.
Problems are reported through the catalog checker's callbacks, so every message names the
file, line, entry and field like any other data problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ...data.models import HTTPS, Article

Problem = Callable[[str, str, str], None]  # (article id, field, message)
Unknown = Callable[[str, str, str, str, Any], None]  # (article id, field, what, name, known)

# Markdown links: inline `[text](target)` and reference definitions `[ref]: target`.
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def check_articles(articles: Mapping[str, Article], entities: Mapping[str, Any],
                   problem: Problem, unknown: Unknown) -> None:
    """Each article is about an existing entity, its diagram nodes link existing entities,
    and its Markdown links use safe schemes. ([[refs]] are checked with every other text.)"""
    for article in articles.values():
        if article.id not in entities:
            unknown(article.id, "id", "entity", article.id, entities)
        if article.diagram is not None:
            for node in article.diagram.nodes:
                if node.ref and node.ref not in entities:
                    unknown(article.id, f"diagram.nodes.{node.id}.ref", "entity", node.ref,
                            entities)
        for field_name, text in article_texts(article):
            for target in link_targets(text):
                scheme = _SCHEME.match(target)
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                    problem(article.id, field_name,
                            f"link '{target}' uses the scheme '{scheme.group(1)}:'; "
                            "only http, https and mailto links are allowed")


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


def article_texts(article: Article) -> Iterator[tuple[str, str]]:
    """Every Markdown field of an article with its dotted field path."""
    yield "what", article.what
    for name in ("when_to_use", "when_not", "tradeoffs", "failure_modes"):
        for index, text in enumerate(getattr(article, name)):
            yield f"{name}.{index}", text
    for index, number in enumerate(article.numbers):
        yield f"numbers.{index}.text", number.text
    if article.guide_note:
        yield "guide_note", article.guide_note


def link_targets(text: str) -> Iterator[str]:
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(text):
            yield match.group(1)
