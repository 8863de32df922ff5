"""Link the first mention of each entity per section of a rendered page.

Work is proportional to the page: the HTML is split once into tags and text, words are looked up
in a dict keyed by the first word of every entity name, and only the few names starting with
that word are compared. Nothing is compared page-by-entity.

Never linked: text inside links, code, pre, headings, buttons, labels, and inside guidekit's
own widgets (``class="gk ..."``), which link explicitly; nor an entity on its own page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.\-/][A-Za-z0-9]+)*")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^</?\s*([a-zA-Z][a-zA-Z0-9]*)")
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"a", "code", "pre", "script", "style", "button", "label", "select", "textarea",
         "kbd", "samp", "svg", "math", "nav", "summary", "abbr", *_HEADING}
_SKIP_CLASSES = ("gk", "headerlink", "md-typeset__scrollwrap-skip")


@dataclass(frozen=True)
class SectionMention:
    """An entity named in a section of a page: the heading (text, id) it appears under."""

    entity_id: str
    heading: str
    anchor: str


_ENTITY = "\x00"  # key of a trie node's entity id (no word token can be this)


@dataclass
class NameIndex:
    """Entity names as a trie of case-folded words: matching at a word costs the length of
    the longest name starting there, however many names share their first words."""

    root: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, names: dict[str, str]) -> NameIndex:
        index = cls()
        for name, entity_id in names.items():
            words = [w.casefold() for w in _TOKEN.findall(name)]
            if not words:
                continue
            node = index.root
            for word in words:
                node = node.setdefault(word, {})
            node.setdefault(_ENTITY, entity_id)
        return index


def autolink(
    page_html: str,
    index: NameIndex,
    link_for: Callable[[str], str],
    skip_entity: str | None = None,
) -> tuple[str, list[SectionMention]]:
    """Return the page with first mentions linked, and every (entity, section) linked."""
    parts = _TAG.split(page_html)
    mentions: list[SectionMention] = []
    seen: set[str] = set()
    skip_tag: str | None = None
    skip_depth = 0
    heading_anchor, heading_text, in_heading = "", "", False
    heading_parts: list[str] = []
    for position, part in enumerate(parts):
        if position % 2:  # a tag
            name_match = _TAG_NAME.match(part)
            if not name_match:
                continue
            name = name_match.group(1).lower()
            closing = part.startswith("</")
            if skip_tag is not None:
                if name == skip_tag:
                    skip_depth += -1 if closing else (0 if part.endswith("/>") else 1)
                    if skip_depth == 0:
                        skip_tag = None
                if in_heading and closing and name in _HEADING:
                    in_heading = False
                    heading_text = html.unescape("".join(heading_parts)).strip().rstrip("¶").strip()
                continue
            if closing or part.endswith("/>"):
                continue
            if name in _HEADING:
                seen = set()
                id_match = _ID_ATTR.search(part)
                heading_anchor = id_match.group(1) if id_match else ""
                heading_parts = []
                in_heading = True
            if name in _SKIP or _has_skip_class(part):
                skip_tag, skip_depth = name, 1
            continue
        if skip_tag is not None:
            if in_heading:
                heading_parts.append(part)
            continue
        if not part.strip():
            continue
        parts[position] = _link_text(part, index, link_for, seen, skip_entity, mentions,
                                     heading_text, heading_anchor)
    return "".join(parts), mentions


def _has_skip_class(tag: str) -> bool:
    match = _CLASS_ATTR.search(tag)
    if not match:
        return False
    classes = match.group(1).split()
    return any(c in _SKIP_CLASSES for c in classes)


def _link_text(
    text: str,
    index: NameIndex,
    link_for: Callable[[str], str],
    seen: set[str],
    skip_entity: str | None,
    mentions: list[SectionMention],
    heading: str,
    anchor: str,
) -> str:
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return text
    out: list[str] = []
    cursor = 0
    position = 0
    while position < len(tokens):
        token = tokens[position]
        matched = _match_at(text, tokens, position, index.root)
        if matched is None:
            position += 1
            continue
        length, entity_id = matched
        if entity_id in seen or entity_id == skip_entity:
            position += length
            continue
        seen.add(entity_id)
        start, end = token.start(), tokens[position + length - 1].end()
        out.append(text[cursor:start])
        href = html.escape(link_for(entity_id))
        out.append(f'<a class="gk-autolink" href="{href}">{text[start:end]}</a>')
        cursor = end
        mentions.append(SectionMention(entity_id, heading, anchor))
        position += length
    out.append(text[cursor:])
    return "".join(out)


def _match_at(
    text: str, tokens: list[re.Match[str]], position: int, root: dict[str, Any]
) -> tuple[int, str] | None:
    """The longest name starting at ``tokens[position]``, as (number of words, entity id).
    Words of one name are separated by spaces only, never by punctuation."""
    node = root.get(tokens[position].group(0).casefold())
    best: tuple[int, str] | None = None
    length = 1
    while node is not None:
        if _ENTITY in node:
            best = (length, node[_ENTITY])
        end = position + length
        if end >= len(tokens) or not text[tokens[end - 1].end() : tokens[end].start()].isspace():
            break
        node = node.get(tokens[end].group(0).casefold())
        length += 1
    return best
