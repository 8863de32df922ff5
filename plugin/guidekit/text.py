"""Markdown from data, rendered safely: raw HTML is shown as text and ``[[id]]`` becomes a link.

Data text never passes through Jinja. It is converted once per distinct string (cached) into
HTML whose entity links carry a placeholder href; the page-relative URL is filled in per page by
one regex pass, so the cache stays valid for every page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from markupsafe import Markup

from .data.catalog import REF_PATTERN
from .data.safe_links import make_data_markdown, refused_links_in_html

ENTITY_HREF = "gk-entity:"
_PLACEHOLDER = re.compile(r'href="gk-entity:([a-z0-9_:-]+)"')
_NEEDS_MARKDOWN = re.compile(r"[*_`\[\]<>&\\#!|~]|^\s*[-+>\d]|\n|  ")
_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)

LinkFor = Callable[[str], str]


_MARKDOWN = make_data_markdown()


class UnsafeLinkError(ValueError):
    """Data Markdown links to a refused scheme (the data check reports these first)."""


class TextRenderer:
    """Renders data Markdown for a site: ``names`` maps entity id -> display name."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self._cache_block = lru_cache(maxsize=20000)(self._convert)

    def _convert(self, text: str) -> str:
        if not _NEEDS_MARKDOWN.search(text):
            return f"<p>{html.escape(text, quote=False)}</p>"
        return _markdown_html(REF_PATTERN.sub(self._ref_to_markdown, text))

    def _ref_to_markdown(self, match: re.Match[str]) -> str:
        ref, label = match.group(1), match.group(2)
        shown = (label or self.names.get(ref, ref)).replace("[", "\\[").replace("]", "\\]")
        return f"[{shown}]({ENTITY_HREF}{ref})"

    def block(self, text: str, link_for: LinkFor) -> Markup:
        """Block Markdown (paragraphs, lists) as HTML."""
        if not text:
            return Markup("")
        return Markup(resolve_links(self._cache_block(text.strip()), link_for))

    def inline(self, text: str, link_for: LinkFor) -> Markup:
        """Inline Markdown (emphasis, code, links) as HTML, without the wrapping paragraph."""
        if not text:
            return Markup("")
        converted = self._cache_block(text.strip())
        single = _SINGLE_PARAGRAPH.match(converted)
        if single and "<p>" not in single.group(1):
            converted = single.group(1)
        return Markup(resolve_links(converted, link_for))


@lru_cache(maxsize=50_000)
def _markdown_html(source: str) -> str:
    """Data Markdown (its refs already written as links, with the names they show) as HTML.
    Shared by every site of the process: a `mkdocs serve` rebuild with new data converts only
    the text that is new or whose refs show another name."""
    _MARKDOWN.reset()
    converted = _MARKDOWN.convert(source)
    refused = refused_links_in_html(_PLACEHOLDER.sub('href="#"', converted))
    if refused:
        raise UnsafeLinkError(refused[0])
    return converted


def resolve_links(converted: str, link_for: LinkFor) -> str:
    if ENTITY_HREF not in converted:
        return converted
    return _PLACEHOLDER.sub(
        lambda m: f'href="{html.escape(link_for(m.group(1)))}" class="gk-ref"', converted
    )


_STRIP_REFS = re.compile(r"\[\[[a-z0-9_:-]+\|([^\]\n]*)\]\]|\[\[([a-z0-9_:-]+)\]\]")
_STRIP_MARKUP = re.compile(r"(\*\*|__|\*|_|`)")


def plain_text(text: str, names: dict[str, str] | None = None) -> str:
    """Text without Markdown markers or ref syntax: for titles, labels, exports."""

    def label(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        ref = match.group(2)
        return (names or {}).get(ref, ref)

    return _STRIP_MARKUP.sub("", _STRIP_REFS.sub(label, text)).strip()
