"""Gate: every page of a built site is well-formed HTML.

``check_html(site_dir)`` parses each page with html5lib (the WHATWG parsing algorithm, the
same recovery a browser performs) in non-strict mode and reports ``parser.errors``: unclosed
or mismatched tags (``end-tag-too-early``, ``expected-one-end-tag-but-got-another``,
``adoption-agency-*``, ``eof-in-*``), stray end tags (``unexpected-end-tag``), duplicate
attributes, bad doctypes, ... On the resulting tree it also reports duplicate and empty
``id`` attributes, which the parser itself does not check.

Ignored html5lib error codes (see ``IGNORED_ERRORS``), established by building a real
mkdocs-material 9.8 site (theme defaults, then with admonitions, tabs, details, footnotes,
emoji/twemoji SVG icons, tasklists, code copy, ``toc.integrate``, repo/social icons):

* ``expected-named-entity`` - html5lib 1.1 predates the WHATWG "ambiguous ampersand" rule
  and flags every ``&`` not followed by a known entity name, e.g. the ``&display=fallback``
  in the Google Fonts URL that Material emits in *every* page unless ``theme.font: false``,
  and any URL with two query parameters (``?a=1&b=2``). The current spec makes this a
  parse error only when the name is terminated by ``;`` (``&bogus;`` ->
  unknown-named-character-reference), so we ignore the code except in that case, which we
  still report. (``&copy`` without ``;`` - ``named-entity-without-semicolon`` - is a real
  error and is reported.)

With ``theme.font: false`` (required anyway: no CDN), Material's own output had no other
html5lib error at all, so nothing else is ignored.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import html5lib
from html5lib.constants import E

from .pages import html_pages

IGNORED_ERRORS: dict[str, str] = {
    "expected-named-entity": (
        "html5lib 1.1 flags a bare '&name' not followed by ';' (Material's Google Fonts URL "
        "'&display=fallback', query strings '?a=1&b=2'); the WHATWG spec allows it. "
        "'&name;' with an unknown name is still reported."
    ),
}

_AMP_NAME = re.compile(r"&([A-Za-z][A-Za-z0-9]*)(;?)")
# Pages at or above this count are checked in parallel processes.
_PARALLEL_THRESHOLD = 24


def _describe(code: str, data: object) -> str:
    template = E.get(code, code)
    try:
        text = template % data if isinstance(data, dict) and data else template
    except (KeyError, TypeError, ValueError):
        text = template
    return f"{code}: {text}"


def _unknown_entity_with_semicolon(lines: list[str], line: int, col: int) -> str | None:
    """For an ``expected-named-entity`` error, return ``&name;`` if the reference ends with ';'."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    amp = text.rfind("&", 0, min(len(text), col + 1))
    if amp < 0:
        return None
    m = _AMP_NAME.match(text, amp)
    if m and m.group(2) == ";":
        return m.group(0)
    return None


def check_html_document(source: bytes | str, name: str = "<document>") -> list[str]:
    """Problems in one HTML document (see module docstring); ``name`` prefixes each message."""
    text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    tree = parser.parse(text)
    lines = text.split("\n")
    problems: list[str] = []
    for (line, col), code, data in parser.errors:
        if code in IGNORED_ERRORS:
            if code == "expected-named-entity":
                ref = _unknown_entity_with_semicolon(lines, line, col)
                if ref:
                    problems.append(
                        f"{name}:{line}:{col}: unknown-named-character-reference: {ref}"
                    )
            continue
        problems.append(
            f"{name}:{line}:{col}: {_describe(code, data)} near {_snippet(lines, line, col)!r}"
        )

    ids: Counter[str] = Counter()
    for el in tree.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        value = el.get("id")
        if value is None:
            continue
        if value.strip() == "":
            problems.append(f"{name}: empty id attribute on <{_local(el.tag)}>")
        else:
            ids[value] += 1
    for value, count in sorted(ids.items()):
        if count > 1:
            problems.append(f"{name}: duplicate id {value!r} ({count} elements)")
    return problems


def _snippet(lines: list[str], line: int, col: int, width: int = 70) -> str:
    """The source text just before the error position (where the offending tag is)."""
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1]
    start = max(0, col - width)
    tag_start = text.rfind("<", start, max(start, col))
    if tag_start >= 0:
        start = tag_start
    return text[start : col + 10].strip()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _check_file(args: tuple[str, str]) -> list[str]:
    path, rel = args
    return check_html_document(Path(path).read_bytes(), rel)


def check_html(site_dir: Path | str, jobs: int | None = None) -> list[str]:
    """Return the well-formedness problems of every page under ``site_dir`` (empty = pass).

    ``jobs`` parallel processes are used for larger sites (default: CPU count); html5lib is
    pure Python and parsing is CPU-bound.
    """
    root = Path(site_dir)
    work = [(str(p), p.relative_to(root).as_posix()) for p in html_pages(root)]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs > 1 and len(work) >= _PARALLEL_THRESHOLD:
        # spawn, not fork: the test process has Playwright/HTTP-server threads running.
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            results = list(pool.map(_check_file, work, chunksize=4))
    else:
        results = [_check_file(item) for item in work]
    return [problem for result in results for problem in result]
