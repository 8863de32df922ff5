"""A strict Content-Security-Policy for the built site, and the ``_headers`` file that ships it.

guidekit's own pages need no inline script and no ``on*=`` attribute: its code comes from
files. The theme may still inline a few scripts (Material writes four small ones into every
page); their SHA-256 hashes are read from the built HTML, so the policy allows exactly those
and nothing else. ``style-src`` is ``'self'`` too, unless the site draws flowcharts with
Mermaid (the ``mermaid_js`` option): Mermaid writes a ``<style>`` element and ``style``
attributes into every SVG it draws, so then ``style-src`` adds ``'unsafe-inline'`` (styles
only; scripts never). ``img-src`` allows ``data:`` for the icons Material's stylesheet embeds
as data URLs.

``_headers`` is the format of Netlify and Cloudflare Pages: a path pattern, then indented
``Name: value`` lines. Other hosts get the same header from their own configuration.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

HEADERS_FILE = "_headers"
HEADER = "Content-Security-Policy"
# A script element as a browser reads it: ``<script ...>`` up to the first ``</script>``
# after it, found in two steps (the opening tag, then its end): what one regex's findall
# finds (tests/unit/test_csp.py compares), several times faster on a site of 20,000 pages.
_OPEN = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# Script types a browser runs; any other type (application/json...) is data, never run.
_RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}


def scripts_in(html: str) -> Iterator[tuple[str, str]]:
    """(attributes, body) of each script element of the page, in order."""
    position = 0
    while opening := _OPEN.search(html, position):
        closing = _CLOSE.search(html, opening.end())
        if closing is None:
            return
        yield opening.group(1), html[opening.end():closing.start()]
        position = closing.end()


def _runs_inline(attributes: str) -> bool:
    """Whether a script with these attributes is inline code a browser runs."""
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return not kind or kind.group(1).lower() in _RUN_TYPES


def inline_script_hashes(pages: Iterable[str]) -> list[str]:
    """``'sha256-…'`` of every distinct inline script that a browser would run, sorted."""
    bodies: set[str] = set()  # the theme writes the same few into every page: hash each once
    runs: dict[str, bool] = {}  # the same attributes recur on every page: decide each once
    for html in pages:
        for attributes, body in scripts_in(html):
            inline = runs.get(attributes)
            if inline is None:
                inline = runs[attributes] = _runs_inline(attributes)
            if inline:
                bodies.add(body)
    return sorted(f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
                  for body in bodies)


def site_script_hashes(site_dir: Path) -> list[str]:
    """:func:`inline_script_hashes` of every HTML file of a built site."""
    return inline_script_hashes(_html_texts(site_dir))


def _html_texts(site_dir: Path) -> Iterator[str]:
    for folder, _, names in os.walk(site_dir):  # os.walk: several times faster than rglob
        for name in names:
            if name.endswith(".html"):
                with open(os.path.join(folder, name), encoding="utf-8") as file:
                    yield file.read()


def policy(script_hashes: Iterable[str] = (), inline_styles: bool = False) -> str:
    """The policy as one header value; ``inline_styles`` for a site that draws Mermaid."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"] if inline_styles else ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def headers_file(value: str, existing: str | None = None) -> str | None:
    """The ``_headers`` text with the policy for every path, added after what the site's own
    file says; None when the site's file sets a Content-Security-Policy itself (its own wins)."""
    if existing is not None and HEADER.lower() in existing.lower():
        return None
    block = f"/*\n  {HEADER}: {value}\n"
    if not existing:
        return block
    return existing.rstrip("\n") + "\n\n" + block
