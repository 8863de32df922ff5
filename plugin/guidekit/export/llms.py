"""``llms.txt`` and ``llms-full.txt`` (the llmstxt.org convention) from a built site's pages.

``llms.txt`` is Markdown: an H1 with the site's name, a blockquote summary, then one H2 section
per top-level entry of the navigation listing its pages as links. ``llms-full.txt`` has the
same head, then every page's text (converted from its final HTML: headings, paragraphs, lists,
tables and code kept; scripts, forms, buttons and hidden parts dropped). No MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
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


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0  # depth inside an element whose text is dropped
        self.stack: list[bool] = []  # per open element: does it start a skip?
        self.pre = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def _write(self, text: str) -> None:
        if self.cell is not None:
            self.cell.append(text)
        else:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        skipping = (tag in _SKIP or "hidden" in values or values.get("aria-hidden") == "true"
                    or "headerlink" in classes)
        if tag not in _VOID:
            self.stack.append(skipping)
        if skipping:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self._write(f"\n\n{'#' * (int(tag[1]) + 1 if tag != 'h1' else 2)} ")
        elif tag == "li":
            self._write("\n- ")
        elif tag == "pre":
            self.pre += 1
            self._write("\n\n```\n")
        elif tag == "br":
            self._write("\n")
        elif tag == "tr":
            self.row = []
        elif tag in {"td", "th"}:
            self.cell = []
        elif tag in {"dt"}:
            self._write("\n\n")
        elif tag in {"dd"}:
            self._write(": ")
        elif tag in _BLOCK:
            self._write("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        skipping = self.stack.pop() if self.stack else False
        if skipping:
            self.skip -= 1
            return
        if self.skip:
            return
        if tag == "pre":
            self.pre -= 1
            self._write("\n```\n\n")
        elif tag in {"td", "th"} and self.cell is not None and self.row is not None:
            self.row.append(_one_line("".join(self.cell)).replace("|", "\\|"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.out.append("\n| " + " | ".join(self.row) + " |")
            self.row = None
        elif tag in _BLOCK or re.fullmatch(r"h[1-6]", tag):
            self._write("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self._write(data if self.pre else re.sub(r"\s+", " ", data))


def html_text(html: str) -> str:
    """A page's HTML as Markdown-like plain text."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out)
    lines, in_code = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        lines.append(line.rstrip() if in_code else line.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
