"""``[[prefix:id]]`` in the prose of hand-written pages: a link to an imported guide's entity.

Resolved in the page's HTML, so Markdown has already put code where it belongs: text inside
``code``, ``pre``, links and scripts is left alone (the docs can show the syntax).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

PAGE_REF = re.compile(r"\[\[([a-z][a-z0-9_-]*:[a-z0-9][a-z0-9_-]*)(?:\|([^\]\n<>]*))?\]\]")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
_SKIP = {"a", "code", "pre", "script", "style", "kbd", "samp", "textarea", "svg"}


@dataclass(frozen=True)
class Target:
    url: str
    name: str


def link_page_refs(page_html: str, resolve: Callable[[str], Target | None]
                   ) -> tuple[str, list[str]]:
    """The page with every known ``[[prefix:id]]`` (or ``[[prefix:id|label]]``) linked, and
    the refs that ``resolve`` does not know, in order."""
    if "[[" not in page_html:
        return page_html, []
    unknown: list[str] = []
    parts = _TAG.split(page_html)
    depth = 0
    for position, part in enumerate(parts):
        if position % 2:
            match = _TAG_NAME.match(part)
            if match and match.group(2).lower() in _SKIP and not part.endswith("/>"):
                depth += -1 if match.group(1) else 1
                depth = max(depth, 0)
            continue
        if depth or "[[" not in part:
            continue

        def link(match: re.Match[str]) -> str:
            target = resolve(match.group(1))
            if target is None:
                unknown.append(match.group(1))
                return match.group(0)
            label = match.group(2) or html.escape(target.name, quote=False)
            return (f'<a class="gk-ref gk-ref--external" href="{html.escape(target.url)}">'
                    f"{label}</a>")

        parts[position] = PAGE_REF.sub(link, part)
    return "".join(parts), unknown
