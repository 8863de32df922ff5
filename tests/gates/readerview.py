"""Gate: what a reader sees, page by page, in a real browser at desktop and phone widths.

One JavaScript function (``READER_CHECKS``) runs in each loaded page and returns every
finding at once, so a whole site costs one navigation and one evaluation per page and width:

* ``table-rules``: a table of the article whose body cells have no visible rule (no border
  on the cells or rows, no zebra background) - the cells run into each other;
* ``text-cut``: text clipped by its box (``overflow: hidden/clip`` with content wider or
  taller than the box), and a label of a drawn diagram (SVG ``foreignObject`` or ``text``)
  wider than the shape that holds it. Flowcharts are opened and drawn first;
* ``scrolls-sideways`` (desktop only): a box of the article that scrolls horizontally (on
  the tooling's manual, code blocks may: configuration is quoted verbatim);
* ``wider-than-phone`` (phone only): the page is wider than the viewport (the widest
  culprits are named);
* ``numbered-bullet``: an item of a bulleted list that begins with "1." - steps that should
  be an ordered list;
* ``tooling-word``: a word about the site's tooling (``TOOLING_WORDS``) in the article of a
  reader's page (pages under ``manual_prefixes`` are the tooling's own manual, exempt);
* ``sidebar-links``: the primary sidebar shows more than ``max_sidebar_links`` links.

``reader_findings(page, urls, ...)`` loads each URL in the one page object given and returns
``Finding`` records; ``format_findings`` groups them for a test report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Words that belong to the tooling, not to the subject (matched case-insensitively, whole
# words; "make " with its space so that "make sure" is not read as the build tool: that
# case is told apart by the word after it).
# "fence" alone is a word of the subject too (fencing an old primary): only "code fence".
TOOLING_WORDS = ("guidekit", "macros", "mkdocs", "yaml", "plugin", "code fence", "jinja",
                 "make pdf", "make build", "make serve", "make test", "make vendor")
MAX_SIDEBAR_LINKS = 60
# Where the guide keeps the tooling's own manual, which may name its tools.
GUIDE_MANUAL = ("use-guidekit/",)
RULES = ("table-rules", "text-cut", "scrolls-sideways", "wider-than-phone", "numbered-bullet",
         "tooling-word", "sidebar-links")


@dataclass(frozen=True)
class Finding:
    """One thing a reader would notice: the rule, the page, the width, where and what."""

    rule: str
    url: str
    width: int
    where: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.url} @{self.width}px: {self.where}: {self.detail}"


# The one function each page evaluates (arguments: {desktop, words, maxLinks, checkWords,
# manual}),
# kept in its own file beside this one.
READER_CHECKS = (Path(__file__).with_name("readerview.js").read_text(encoding="utf-8")
                 .split("*/", 1)[1].strip().removeprefix("(").removesuffix(")"))


def reader_options(width: int, check_words: bool, words: Iterable[str],
                   max_sidebar_links: int, draw_charts: bool = True) -> dict[str, Any]:
    return {"desktop": width >= 1024, "words": list(words), "maxLinks": max_sidebar_links,
            "checkWords": check_words, "manual": not check_words, "drawCharts": draw_charts}


def page_findings(page: Any, url: str, width: int, *, check_words: bool = True,
                  words: Iterable[str] = TOOLING_WORDS,
                  max_sidebar_links: int = MAX_SIDEBAR_LINKS) -> list[Finding]:
    """Load ``url`` in ``page`` (whose viewport is ``width`` px wide) and check it."""
    page.goto(url, wait_until="load")
    raw = page.evaluate(READER_CHECKS, reader_options(width, check_words, words, max_sidebar_links))
    return [Finding(item["rule"], url, width, item["where"], item["detail"]) for item in raw]


# Started in the page and collected later, so that the next page loads in the other page
# object (its own renderer process) while this one is being checked: both cores work.
_START = "([opts]) => { window.__gateReader = new Promise(r => setTimeout(r, 0)).then(() => (" \
    + READER_CHECKS + ")(opts)); }"


def reader_findings(pages: Sequence[Any], urls: Iterable[str], width: int, *,
                    manual_prefixes: Iterable[str] = (), base_url: str = "",
                    words: Iterable[str] = TOOLING_WORDS,
                    max_sidebar_links: int = MAX_SIDEBAR_LINKS,
                    draw_charts: bool = True) -> list[Finding]:
    """Every finding of every URL, pipelined over ``pages`` (page objects of one context
    whose viewport is ``width`` px wide; two keep two cores busy). URLs under
    ``base_url + prefix`` for a prefix in ``manual_prefixes`` are not checked for tooling
    words (they are the tooling's own manual). Without ``draw_charts`` the flowcharts stay
    closed (their labels are measured at one width: Mermaid lays a chart out in its own
    coordinates, and the page scales the drawing as a whole)."""
    exempt = tuple(base_url + prefix for prefix in manual_prefixes)
    word_list = list(words)
    pending: list[str | None] = [None] * len(pages)
    found: list[Finding] = []

    def collect(slot: int) -> None:
        url = pending[slot]
        if url is not None:
            raw = pages[slot].evaluate("() => window.__gateReader")
            found.extend(Finding(i["rule"], url, width, i["where"], i["detail"]) for i in raw)
            pending[slot] = None

    for index, url in enumerate(urls):
        slot = index % len(pages)
        collect(slot)
        pages[slot].goto(url, wait_until="load")
        check_words = not (exempt and url.startswith(exempt))
        options = reader_options(width, check_words, word_list, max_sidebar_links, draw_charts)
        pages[slot].evaluate(_START, [options])
        pending[slot] = url
    for slot in range(len(pages)):
        collect(slot)
    return found


def format_findings(found: Iterable[Finding], per_rule: int = 12) -> list[str]:
    """One block per rule: the count, then the first findings."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in found:
        by_rule.setdefault(finding.rule, []).append(finding)
    lines = []
    for rule, hits in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"{rule}: {len(hits)} finding{'s' if len(hits) != 1 else ''}")
        lines += [f"  {hit}" for hit in hits[:per_rule]]
        if len(hits) > per_rule:
            lines.append(f"  ... and {len(hits) - per_rule} more")
    return lines
