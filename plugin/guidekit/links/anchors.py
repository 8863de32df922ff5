"""The anchors a Markdown page will have once built: heading ids and explicit ids.

Used to check links from data to ``page.md#anchor`` before anything is rendered. Heading ids
follow Python-Markdown's ``toc`` extension (its default slugify, ``_1``, ``_2``... for repeats);
``{#id}`` attribute lists and ``id="..."`` in raw HTML count too.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify, unique

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_ATTR_ID = re.compile(r"\{[^}\n]*#([A-Za-z0-9_-]+)[^}\n]*\}")
_HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def page_anchors(markdown_text: str) -> set[str]:
    text = _FENCE.sub("", markdown_text)
    anchors: set[str] = set(_HTML_ID.findall(text))
    used: set[str] = set()
    for match in _HEADING.finditer(text):
        title = match.group(1)
        explicit = _ATTR_ID.search(title)
        if explicit:
            anchors.add(explicit.group(1))
            continue
        title = re.sub(r"\{[^}]*\}\s*$", "", title)
        title = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", title)
        anchors.add(unique(slugify(title.strip(), "-"), used))
    return anchors
