"""``llms.txt`` and ``llms-full.txt`` (the llmstxt.org convention) from a built site's pages.

``llms.txt`` is Markdown: an H1 with the site's name, a blockquote summary, then one H2 section
per top-level entry of the navigation listing its pages as links. ``llms-full.txt`` has the
same head, then every page's text (converted from its final HTML: headings, paragraphs, lists,
tables and code kept; scripts, forms, buttons and hidden parts dropped). No MkDocs import.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin

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


def llms_full_txt(name: str, summary: str, groups: list[LlmsGroup], site_url: str = "") -> str:
    """Every page's text, in navigation order, each under an H2 with its URL."""
    lines = _head(name, summary)
    for group in groups:
        for page in group.pages:
            lines += ["", f"## {_one_line(page.title)}", "",
                      f"URL: {_url(site_url, page.url)}", ""]
            lines.append(html_text(page.html))
    return "\n".join(lines).rstrip() + "\n"


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
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG = re.compile(r"^<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_HIDDEN = re.compile(r"""\shidden(?:[\s=>/]|$)|aria-hidden="true"|class="[^"]*\bheaderlink\b""")
_HEADING = {"h1": 2, "h2": 3, "h3": 4, "h4": 5, "h5": 6, "h6": 6}


class _Text:
    """Walks the page's tags and text once (a regex split: the pages are our own MkDocs
    output, and html.parser is several times slower on a site's worth of pages)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, starts a skip?)
        self.open: dict[str, int] = {}  # how many of each tag are open
        self.skip = 0  # depth inside an element whose text is dropped
        self.pre = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def write(self, text: str) -> None:
        (self.cell if self.cell is not None else self.out).append(text)

    def start(self, tag: str, token: str) -> None:
        skipping = tag in _SKIP or bool(_HIDDEN.search(token))
        if tag not in _VOID and not token.endswith("/>"):
            self.stack.append((tag, skipping))
            self.open[tag] = self.open.get(tag, 0) + 1
            if skipping:
                self.skip += 1
        if skipping or self.skip:
            return
        if tag in _HEADING:
            self.write(f"\n\n{'#' * _HEADING[tag]} ")
        elif tag == "li":
            self.write("\n- ")
        elif tag == "pre":
            self.pre += 1
            self.write("\n\n```\n")
        elif tag == "br":
            self.write("\n")
        elif tag == "tr":
            self.row = []
        elif tag in {"td", "th"}:
            self.cell = []
        elif tag == "dt":
            self.write("\n\n")
        elif tag == "dd":
            self.write(": ")
        elif tag in _BLOCK:
            self.write("\n\n")

    def end(self, tag: str) -> None:
        if not self.open.get(tag):
            return  # a void element, or a stray end tag
        while self.stack:  # close up to the matching element (tolerates unclosed <p>, <li>)
            open_tag, skipping = self.stack.pop()
            self.open[open_tag] -= 1
            if skipping:
                self.skip -= 1
            if open_tag == tag:
                break
        if skipping or self.skip:
            return
        if tag == "pre":
            self.pre = max(self.pre - 1, 0)
            self.write("\n```\n\n")
        elif tag in {"td", "th"} and self.cell is not None and self.row is not None:
            self.row.append(_one_line("".join(self.cell)).replace("|", "\\|"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.out.append("\n| " + " | ".join(self.row) + " |")
            self.row = None
        elif tag in _BLOCK or tag in _HEADING:
            self.write("\n\n")

    def text(self, data: str) -> None:
        if not self.skip and data:
            data = html.unescape(data)
            self.write(data if self.pre else re.sub(r"\s+", " ", data))

    def feed(self, page_html: str) -> None:
        for position, token in enumerate(_TOKENS.split(page_html)):
            if not position % 2:
                self.text(token)
                continue
            match = _TAG.match(token)
            if match is None:
                continue  # a comment or a doctype
            tag = match.group(2).lower()
            if match.group(1):
                self.end(tag)
            else:
                self.start(tag, token)


def html_text(page_html: str) -> str:
    """A page's HTML as Markdown-like plain text."""
    walker = _Text()
    walker.feed(page_html)
    text = "".join(walker.out)
    lines, in_code = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        lines.append(line.rstrip() if in_code else line.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
