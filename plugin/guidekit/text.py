"""Markdown from data, rendered safely: raw HTML is shown as text and ``[[id]]`` becomes a link.

Data text never passes through Jinja. It is converted once per distinct string (cached) into
HTML whose entity links carry a placeholder href; the page-relative URL is filled in per page by
one regex pass, so the cache stays valid for every page.

The conversions of one build can be kept on disk for the next (:func:`load_conversions`,
:meth:`TextRenderer.keep_conversions`, in the folder of data/disk_cache.py): converting is a
pure function of the text, so a build whose data text did not change converts none of it.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import markdown
from markupsafe import Markup

from .data import safe_links
from .data.catalog import REF_PATTERN
from .data.disk_cache import keep_texts, load_texts, salt
from .data.safe_links import make_data_markdown, refused_links_in_html

ENTITY_HREF = "gk-entity:"
_PLACEHOLDER = re.compile(r'href="gk-entity:([a-z0-9_:-]+)"')
_NEEDS_MARKDOWN = re.compile(r"[*_`\[\]<>&\\#!|~]|^\s*[-+>\d]|\n|  ")
_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)

LinkFor = Callable[[str], str]


_MARKDOWN = make_data_markdown()


class UnsafeLinkError(ValueError):
    """Data Markdown links to a refused scheme (the data check reports these first)."""


CONVERSIONS = "markdown.json"  # the entry, in the cache folder, of the last build's conversions


def _conversions_key() -> str:
    return salt(markdown.__version__, str(sys.version_info[:2]),
                code=[Path(__file__), Path(safe_links.__file__)]).hex()


def load_conversions(folder: Path) -> dict[str, str]:
    """Data Markdown -> HTML as an earlier build converted it (empty if there is none, or
    it was written by another version of guidekit or Markdown, or is damaged)."""
    return load_texts(folder, CONVERSIONS, _conversions_key())


class TextRenderer:
    """Renders data Markdown for a site: ``names`` maps entity id -> display name;
    ``stored``: conversions of an earlier build (:func:`load_conversions`)."""

    def __init__(self, names: dict[str, str], stored: dict[str, str] | None = None) -> None:
        self.names = names
        self.stored = stored or {}
        self.converted: dict[str, str] = {}  # this site's conversions: Markdown -> HTML
        self._cache_block = lru_cache(maxsize=20000)(self._convert)

    def _convert(self, text: str) -> str:
        if not _NEEDS_MARKDOWN.search(text):
            return f"<p>{html.escape(text, quote=False)}</p>"
        source = REF_PATTERN.sub(self._ref_to_markdown, text)
        converted = self.stored.get(source)
        # A stored conversion is checked as a new one is; a refused one is made again (and
        # then refused with its reason).
        if converted is None or refused_links_in_html(_PLACEHOLDER.sub('href="#"', converted)):
            converted = _markdown_html(source)
        self.converted[source] = converted
        return converted

    def keep_conversions(self, folder: Path) -> bool:
        """Write this site's conversions for the next build, unless they are the ones it
        read; False if nothing was written (nothing new, or the folder is unwritable)."""
        if self.converted == self.stored:
            return False
        if not keep_texts(folder, CONVERSIONS, _conversions_key(), self.converted):
            return False
        self.stored = dict(self.converted)
        return True

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
