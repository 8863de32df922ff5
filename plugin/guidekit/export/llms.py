"""``llms.txt`` and ``llms-full.txt`` (the llmstxt.org convention) from a built site's pages.

``llms.txt`` is Markdown: an H1 with the site's name, a blockquote summary, then one H2 section
per top-level entry of the navigation listing its pages as links. ``llms-full.txt`` has the
same head, then every page's text (converted from its final HTML: headings, paragraphs, lists,
tables and code kept; scripts, forms, buttons and hidden parts dropped). No MkDocs import.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

from ..data.disk_cache import keep_texts, load_texts, salt

LLMS_FILE = "llms.txt"
LLMS_FULL_FILE = "llms-full.txt"


@dataclass
class LlmsPage:
    title: str
    url: str  # site URL, relative to the site root
    html: str = ""


@dataclass
class LlmsGroup:
    title: str  # "" for pages at the top of the navigation
    pages: list[LlmsPage]


def llms_txt(name: str, summary: str, groups: list[LlmsGroup], site_url: str = "",
             extras: list[tuple[str, str, str]] = ()) -> str:  # type: ignore[assignment]
    """The index: every page once, as ``- [title](url)`` under its navigation section.
    ``extras`` are (title, site path, description) links listed under "Optional"."""
    lines = _head(name, summary)
    for group in groups:
        lines += ["", f"## {_one_line(group.title) or name}", ""]
        lines += [f"- [{_link_text(page.title)}]({_url(site_url, page.url)})"
                  for page in group.pages]
    if extras:
        lines += ["", "## Optional", ""]
        lines += [f"- [{_link_text(title)}]({_url(site_url, path)}): {description}"
                  for title, path, description in extras]
    return "\n".join(lines) + "\n"


def llms_full_txt(name: str, summary: str, groups: list[LlmsGroup], site_url: str = "",
                  texts: PageTexts | None = None) -> str:
    """Every page's text, in navigation order, each under an H2 with its URL; ``texts``:
    the pages' texts from an earlier build, for the pages whose HTML did not change."""
    lines = _head(name, summary)
    for group in groups:
        for page in group.pages:
            lines += ["", f"## {_one_line(page.title)}", "",
                      f"URL: {_url(site_url, page.url)}", ""]
            lines.append(html_text(page.html) if texts is None else texts.text(page.html))
    return "\n".join(lines).rstrip() + "\n"


TEXTS = "llms-texts.json"  # the entry, in the cache folder (data/disk_cache.py), of the texts


def _texts_key() -> str:
    return salt(code=[Path(__file__)]).hex()


class PageTexts:
    """Each page's text (``html_text``) by a digest of its HTML, read from the cache folder and
    kept there for the next build: turning every page into text is a pure function of its
    HTML, and most pages of a build are the same as in the last one."""

    def __init__(self, stored: dict[str, str] | None = None) -> None:
        self.stored = stored or {}
        self.kept: dict[str, str] = {}  # this build's pages

    @classmethod
    def load(cls, folder: Path) -> PageTexts:
        return cls(load_texts(folder, TEXTS, _texts_key()))

    def text(self, page_html: str) -> str:
        digest = hashlib.sha256(page_html.encode("utf-8")).hexdigest()[:32]
        text = self.stored.get(digest)
        if text is None:
            text = html_text(page_html)
        self.kept[digest] = text
        return text

    def keep(self, folder: Path) -> bool:
        """Write this build's texts, unless they are the ones read; False if not written."""
        if self.kept == self.stored:
            return False
        return keep_texts(folder, TEXTS, _texts_key(), self.kept)


def _head(name: str, summary: str) -> list[str]:
    lines = [f"# {_one_line(name)}"]
    if summary:
        lines += ["", f"> {_one_line(summary)}"]
    return lines


def _url(site_url: str, path: str) -> str:
    return urljoin(site_url, path) if site_url else (path or "./")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _link_text(text: str) -> str:
    return _one_line(text).replace("[", "\\[").replace("]", "\\]")


# --------------------------------------------------------------------------- HTML to text

_SKIP = {"script", "style", "template", "svg", "button", "select", "textarea", "input",
         "nav", "form", "noscript", "math"}
_BLOCK = {"p", "div", "section", "article", "table", "ul", "ol", "dl", "figure", "details",
          "blockquote", "fieldset", "header", "footer", "aside", "main"}
_CELL = {"td", "th"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


# One token: a comment, a tag with its name (group 1 is "/" for an end tag), or anything else
# in angle brackets (a doctype: skipped). The text between tokens is the page's text.
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<[^>]*>", re.DOTALL)
_HIDDEN = re.compile(r"""\shidden(?:[\s=>/]|$)|aria-hidden="true"|class="[^"]*\bheaderlink\b""")
_HEADING = {"h1": 2, "h2": 3, "h3": 4, "h4": 5, "h5": 6, "h6": 6}
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _walk(page_html: str) -> list[str]:
    """The page's text pieces, from one walk over its tags and text.

    A regex tokenizer, not html.parser: the pages are our own MkDocs output, and html.parser
    is several times slower on a site's worth of pages. One loop with its state in locals (no
    method per token): this runs over every tag of every page of the site."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, starts a skip?)
    open_count: dict[str, int] = {}  # how many of each tag are open
    skip = 0  # depth inside an element whose text is dropped
    pre = 0
    row: list[str] | None = None
    cell: list[str] | None = None
    position = 0
    for match in _TOKEN.finditer(page_html):
        if match.start() > position and not skip:
            data = page_html[position:match.start()]
            data = unescape(data)
            (cell if cell is not None else out).append(data if pre else _SPACES.sub(" ", data))
        position = match.end()
        name = match.group(2)
        if name is None:
            continue  # a comment or a doctype
        tag = name.lower()
        if match.group(1):  # an end tag
            if not open_count.get(tag):
                continue  # a void element, or a stray end tag
            skipping = False
            while stack:  # close up to the matching element (tolerates unclosed <p>, <li>)
                open_tag, skipping = stack.pop()
                open_count[open_tag] -= 1
                if skipping:
                    skip -= 1
                if open_tag == tag:
                    break
            if skipping or skip:
                continue
            if tag == "pre":
                pre = max(pre - 1, 0)
                (cell if cell is not None else out).append("\n```\n\n")
            elif tag in _CELL and cell is not None and row is not None:
                row.append(_one_line("".join(cell)).replace("|", "\\|"))
                cell = None
            elif tag == "tr" and row is not None:
                out.append("\n| " + " | ".join(row) + " |")
                row = None
            elif tag in _BLOCK or tag in _HEADING:
                (cell if cell is not None else out).append("\n\n")
            continue
        token = match.group(0)
        # (the substring test first: _HIDDEN matches only tokens holding one of the two)
        skipping = tag in _SKIP or (("hidden" in token or "headerlink" in token)
                                    and _HIDDEN.search(token) is not None)
        if tag not in _VOID and not token.endswith("/>"):
            stack.append((tag, skipping))
            open_count[tag] = open_count.get(tag, 0) + 1
            if skipping:
                skip += 1
        if skipping or skip:
            continue
        if tag in _HEADING:
            (cell if cell is not None else out).append(f"\n\n{'#' * _HEADING[tag]} ")
        elif tag == "li":
            (cell if cell is not None else out).append("\n- ")
        elif tag == "pre":
            pre += 1
            (cell if cell is not None else out).append("\n\n```\n")
        elif tag == "br":
            (cell if cell is not None else out).append("\n")
        elif tag == "tr":
            row = []
        elif tag in _CELL:
            cell = []
        elif tag == "dt":
            (cell if cell is not None else out).append("\n\n")
        elif tag == "dd":
            (cell if cell is not None else out).append(": ")
        elif tag in _BLOCK:
            (cell if cell is not None else out).append("\n\n")
    if position < len(page_html) and not skip:
        data = page_html[position:]
        data = unescape(data)
        (cell if cell is not None else out).append(data if pre else _SPACES.sub(" ", data))
    return out


def html_text(page_html: str) -> str:
    """A page's HTML as Markdown-like plain text."""
    text = "".join(_walk(page_html))
    if "```" not in text:  # no code block: every line is stripped
        lines = [line.strip() for line in text.splitlines()]
    else:
        lines, in_code = [], False
        for line in text.splitlines():
            if line.startswith("```"):
                in_code = not in_code
            lines.append(line.rstrip() if in_code else line.strip())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
