"""The print edition, portable part: every chosen page of the site in navigation order on one
page, behind a table of contents, ready for the browser's print dialog or a headless PDF
(``python -m guidekit.pdf``).

Each page's HTML is taken as built. Because the pages now share one document, their ids get a
per-page prefix (and every reference to an id with them), links between pages of the edition
become links inside the document, and other relative links and image sources are rewritten
to work from the print page's URL.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from .render.layout import relative_url

# (?<![\w-]): not the tail of another attribute such as data-gk-id.
_ID_ATTRS = re.compile(r'(?<![\w-])(id|for)="([^"]*)"')
_IDREF_ATTRS = re.compile(r'(?<![\w-])(aria-describedby|aria-labelledby|aria-controls)="([^"]*)"')
_URL_ATTRS = re.compile(r'(?<![\w-])(href|src)="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_DETAILS = re.compile(r"<details\b(?![^>]*\bopen\b)")
_H1 = re.compile(r"<h1\b")
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
# Cross-references drawn from data (auto-links, refs of cells, nodes and items): a page names
# dozens, so paper shows their text only.
# Reading-progress markers are controls, not content (see reading.py).
_READING_MARKER = re.compile(r'<div class="gk-reading[^"]*"[^>]*>\s*</div>')


@dataclass
class PrintPage:
    title: str
    key: str  # URL relative to the site root, as page keys are in reading.py
    src: str = ""
    content: str = ""


@dataclass
class PrintGroup:
    """A table-of-contents entry: a nav section with its pages, or one page (no title)."""

    title: str
    pages: list[PrintPage] = field(default_factory=list)


def page_anchor(key: str) -> str:
    """The id of a page's section in the print edition."""
    return "p-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-") or "home")


def _resolve(page_key: str, href: str) -> tuple[str, str]:
    """(target key, fragment) of a relative link written on the page ``page_key``."""
    path, _, fragment = href.partition("#")
    if not path:
        return page_key, fragment
    base = page_key if page_key.endswith("/") or not page_key else posixpath.dirname(page_key)
    joined = posixpath.normpath(posixpath.join(base, path))
    target = "" if joined == "." else joined
    if path.endswith("/") or path in (".", ".."):
        target = target + "/" if target else ""
    if target.endswith("/index.html") or target == "index.html":
        target = target[: -len("index.html")]
    return target, fragment


def rewrite_page(content: str, page: PrintPage, keys: set[str], print_key: str) -> str:
    """One page's HTML as it must read inside the print edition: links to its pages become
    links inside the edition; links to the site's other pages keep working on screen and
    print as their text only (a hosted address on paper helps no reader)."""
    prefix = page_anchor(page.key) + "--"
    content = _READING_MARKER.sub("", content)

    def own_id(match: re.Match[str]) -> str:
        return f'{match.group(1)}="{prefix}{match.group(2)}"'

    def id_list(match: re.Match[str]) -> str:
        ids = " ".join(prefix + value for value in match.group(2).split())
        return f'{match.group(1)}="{ids}"'

    def tag(match: re.Match[str]) -> str:
        text = _ID_ATTRS.sub(own_id, match.group(0))
        text = _IDREF_ATTRS.sub(id_list, text)

        def url(attr: re.Match[str]) -> str:
            name, value = attr.group(1), attr.group(2)
            if not value or _SCHEME.match(value) or value.startswith("/"):
                return attr.group(0)
            target, fragment = _resolve(page.key, value)
            suffix = f"#{fragment}" if fragment else ""
            if name == "href" and target in keys:
                inside = page_anchor(target) + (f"--{fragment}" if fragment else "")
                # Marked: Material may rewrite the href to an absolute URL of the print page.
                return f'href="#{inside}" data-gk-inside'
            moved = f'{name}="{relative_url(target, print_key)}{suffix}"'
            # Marked: Material may rewrite it to an absolute URL, which must not print.
            return f"{moved} data-gk-site" if name == "href" else moved

        return _URL_ATTRS.sub(url, text)

    content = _TAG.sub(tag, content)
    # On paper every folded part must show: decision trees, flowchart sources, notes.
    return _DETAILS.sub("<details open", content)


def print_edition(
    groups: list[PrintGroup],
    print_key: str,
    render: Callable[[list[PrintGroup], list[tuple[PrintPage, Markup]]], str],
) -> str:
    """The print page's HTML: ``render(groups, [(page, rewritten html)])`` draws the title,
    contents and page sections through the site's template."""
    pages = [page for group in groups for page in group.pages]
    keys = {page.key for page in pages}
    bodies = []
    for page in pages:
        body = rewrite_page(page.content, page, keys, print_key)
        if not _H1.search(body):  # a page whose Markdown has no title heading
            title = Markup.escape(page.title)
            body = f'<h1 id="{page_anchor(page.key)}--title">{title}</h1>{body}'
        bodies.append((page, Markup(body)))
    return render(groups, bodies)
