"""Reading progress, portable part: which pages count, their sections, the outline of the
navigation that the ``progress`` embed lists, and the markers the browser turns into
"done" checkboxes (assets/parts/reading/). No MkDocs import: the adapter hands over the
navigation as an :class:`Outline`.

A page's key is its URL relative to the site root (``methodology/``, ``""`` for the home
page), the same string the browser computes from a navigation link, so the navigation can be
marked by href without a lookup table.
"""

from __future__ import annotations

import fnmatch
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

# Headings of level 2 as Python-Markdown writes them (the toc extension gives them an id).
_H2 = re.compile(r'<h2\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>(?P<body>.*?)</h2>', re.DOTALL)
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def page_key(url: str) -> str:
    """The key of the page at a site URL: the URL without a final ``index.html``, so the
    home page is ``""`` with or without ``use_directory_urls``."""
    return url[: -len("index.html")] if url.endswith("index.html") else url


def matches(src: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """True if the source path matches an include glob and no exclude glob (fnmatch, as the
    autolink options: ``*`` also crosses ``/``)."""
    if any(fnmatch.fnmatch(src, pattern) for pattern in exclude):
        return False
    return any(fnmatch.fnmatch(src, pattern) for pattern in include)


def heading_text(body: str) -> str:
    """Plain text of a heading's inner HTML, without its permalink anchor."""
    return " ".join(html.unescape(_TAG.sub("", _HEADERLINK.sub("", body))).split())


def sections_of(content: str) -> list[tuple[str, str]]:
    """(id, title) of every level-2 heading of a page's HTML, in order."""
    return [(m.group("id"), heading_text(m.group("body"))) for m in _H2.finditer(content)]


def add_section_markers(content: str, marker: Callable[[str, str], str]) -> str:
    """Put ``marker(id, title)`` at the end of every level-2 section: just before the next
    level-2 heading, and at the end of the page for the last one."""
    found = list(_H2.finditer(content))
    if not found:
        return content
    parts: list[str] = [content[: found[0].start()]]
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(content)
        section = content[match.start() : end]
        parts.append(section.rstrip() + "\n" + marker(match.group("id"),
                                                      heading_text(match.group("body"))) + "\n")
    return "".join(parts)


@dataclass
class OutlinePage:
    """A page of the navigation that a reader can mark done."""

    title: str
    src: str
    key: str  # the page URL relative to the site root
    sections: list[tuple[str, str]] = field(default_factory=list)
    description: str = ""  # the page's own one-line summary (its front matter), if any

    @property
    def section_ids(self) -> list[str]:
        return [section_id for section_id, _ in self.sections]


@dataclass
class OutlineGroup:
    """A top-level entry of the navigation: a section with its pages (nested sections
    flattened), or a lone page (``title`` is then empty and ``pages`` holds just it)."""

    title: str
    pages: list[OutlinePage]


@dataclass
class Outline:
    """The navigation as the progress embed lists it, filled by the adapter."""

    groups: list[OutlineGroup] = field(default_factory=list)

    def pages(self) -> list[OutlinePage]:
        return [page for group in self.groups for page in group.pages]

    def counts(self, src: str) -> bool:
        """Whether the page counts for progress: asked of every page, so a set lookup."""
        return src in self._srcs

    @cached_property
    def _srcs(self) -> frozenset[str]:
        return frozenset(page.src for page in self.pages())

    def note_page(self, src: str, title: str, sections: list[tuple[str, str]],
                  description: str = "") -> None:
        """Record a page's title, sections and description once its HTML exists (MkDocs
        knows the title of a page that the nav does not name only after reading it)."""
        for page in self.pages():
            if page.src == src:
                page.title = title or page.title
                page.sections = sections
                page.description = description
