"""The plain-Markdown embed syntax: a fenced block whose language is ``guidekit``.

    ```guidekit
    calculator: capacity
    ```

A small line scanner finds these fences the way Markdown does (so an example shown inside a
longer ```` fence is left alone) and replaces each with the rendered HTML as one raw block.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from markupsafe import Markup

from .kinds.registry import DEFAULT

# Embeds that are not data kinds: the reading-progress overview.
CORE_EMBEDS = {"progress": "progress"}


def embed_names(kinds: Mapping[str, str] | None = None) -> dict[str, str]:
    """Fence name -> kind name: the registry's placed kinds (``matrix`` -> ``table``) and
    ``progress``."""
    return {**(DEFAULT.embed_names() if kinds is None else kinds), **CORE_EMBEDS}
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$")
_TITLE = re.compile(r'<strong class="gk-title">(?P<text>[^<]*)</strong>')
_LINE = re.compile(r"^\s*(?P<kind>[a-z]+)\s*:\s*(?P<id>[A-Za-z0-9_-]+)\s*$")


class EmbedError(ValueError):
    """A malformed or unknown embed: the message says which line and what is wrong."""


@dataclass(frozen=True)
class Embed:
    kind: str
    item_id: str
    line: int  # 1-based line of the opening fence
    heading: str = ""  # text of a Markdown heading right above the fence, if there is one


Render = Callable[[Embed], str]


def parse_embed_body(body: list[str], line: int, names: Mapping[str, str]) -> Embed:
    entries = [text for text in body if text.strip() and not text.strip().startswith("#")]
    if len(entries) != 1:
        raise EmbedError(
            f"line {line}: a guidekit block holds one line '<kind>: <id>' "
            f"(kinds: {', '.join(names)})"
        )
    match = _LINE.match(entries[0])
    if not match or match.group("kind") not in names:
        raise EmbedError(
            f"line {line}: expected '<kind>: <id>' with kind one of {', '.join(names)}, "
            f"got {entries[0].strip()!r}"
        )
    return Embed(names[match.group("kind")], match.group("id"), line)


def find_embeds(markdown: str, names: Mapping[str, str] | None = None) -> list[Embed]:
    """Every well-formed embed of a page (malformed ones are reported when it renders)."""
    found: list[Embed] = []

    def collect(embed: Embed) -> str:
        found.append(embed)
        return ""

    with contextlib.suppress(EmbedError):
        expand_embeds(markdown, collect, names)
    return found


def expand_embeds(markdown: str, render: Render, names: Mapping[str, str] | None = None) -> str:
    """Replace every ```guidekit fence outside other fences with ``render(embed)``; ``names``
    maps fence names to kinds (see :func:`embed_names`; guidekit's own kinds by default)."""
    if "guidekit" not in markdown:
        return markdown
    known = embed_names() if names is None else names
    lines = markdown.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = _FENCE_OPEN.match(line)
        if not opened:
            out.append(line)
            index += 1
            continue
        fence, indent = opened.group("fence"), opened.group("indent")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        info = opened.group("info").strip().split()
        if info[:1] == ["guidekit"]:
            embed = parse_embed_body(lines[index + 1 : end], index + 1, known)
            embed = replace(embed, heading=_heading_above(out))
            out.extend(["", indent + render(embed), ""])
        else:
            out.extend(lines[index : end + 1])
        index = end + 1
    return "\n".join(out)


def _heading_above(out: list[str]) -> str:
    for line in reversed(out):
        if line.strip():
            match = _HEADING.match(line.strip())
            return match.group("text") if match else ""
    return ""


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text).lower().split())


def hide_repeated_title(html: str, heading: str) -> str:
    """A widget's title is kept for screen readers only when the heading just above says the
    same words (or its last words, after the page's subject), so no one reads it twice."""
    html = str(html)  # plain text: joining pieces of Markup with str would escape them
    match = _TITLE.search(html)
    title = Markup(match.group("text")).unescape() if match else ""
    said, above = _words(title), _words(heading)
    # "E-Commerce Platform — Key Design Points" under "Key Design Points" says it again too.
    if not heading or not match or not (said == above or said.endswith(" " + above)):
        return html
    hidden = f'<strong class="gk-title gk-sr">{match.group("text")}</strong>'
    return html[: match.start()] + hidden + html[match.end() :]
