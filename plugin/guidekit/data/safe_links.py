"""Which link targets data may carry: http:, https:, mailto:, relative paths and #anchors.

One function, :func:`refused_url`, decides for every link and image that data produces: the
Markdown of data fields (checked when the data loads, and again as it is rendered), the plain
link fields (``href``, ``source``), and a last sweep over the HTML of generated pages
(plugin.py). The Markdown of data is made here too, so that what is checked is what renders.
It reads a URL the way a browser does before choosing a scheme: character references decoded
(``jav&#x09;ascript:``), ASCII tabs, newlines and other control characters dropped wherever
they are (``java\\nscript:``), leading spaces ignored, case folded (``JaVaScRiPt:``).
"""

from __future__ import annotations

import html
import re

import markdown

ALLOWED_SCHEMES = ("http", "https", "mailto")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_LINKS = re.compile(r"""<(a|img)\b[^>]*?\s(?:href|src)=(?:"([^"]*)"|'([^']*)')""", re.I)


def refused_url(url: str, what: str = "link") -> str | None:
    """Why a link target (``what``: link or image) is refused, or None when it is allowed."""
    seen = _as_browser_reads(url)
    match = _SCHEME.match(seen)
    if match:
        scheme = match.group(1)
        if scheme in ALLOWED_SCHEMES:
            return None
        return (f"{what} '{_shown(url)}': the scheme '{scheme}:' is not allowed; use http:, "
                "https:, mailto:, a relative path or a #anchor")
    if seen[:2].replace("\\", "/") == "//":
        return f"{what} '{_shown(url)}' names a host without a scheme; write https://"
    return None


def links_in_html(fragment: str) -> list[tuple[str, str]]:
    """(link or image, target as written) of every ``a href`` and ``img src`` in HTML."""
    return [("image" if tag.lower() == "img" else "link", double or single)
            for tag, double, single in _LINKS.findall(fragment)]


def refused_links_in_html(fragment: str) -> list[str]:
    """The reasons for every refused link or image in a piece of HTML."""
    return [reason for what, url in links_in_html(fragment)
            if (reason := refused_url(url, what))]


def _as_browser_reads(url: str) -> str:
    previous = None
    while previous != url:  # '&amp;#106;' decodes twice when HTML is written inside HTML
        previous, url = url, html.unescape(url)
    return _CONTROL.sub("", url).lower()


def _shown(url: str) -> str:
    """The URL for a message: control characters made visible, long ones cut."""
    text = url.encode("unicode_escape").decode("ascii")
    return text if len(text) <= 60 else text[:57] + "..."


def make_data_markdown() -> markdown.Markdown:
    """The Markdown that renders data text: raw HTML off, so '<script>' renders as text."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_CHECKER = make_data_markdown()
# Only these can make a link or an image in Markdown: [..](..), [..]: .., <..>.
_MAY_LINK = re.compile(r"\]\s*[(\[:]|<|\]$", re.MULTILINE)


def refused_links(text: str) -> list[str]:
    """Why each link or image of a data Markdown text is refused; empty when all are fine.
    Converted by the same Markdown as the pages get (reference links, autolinks, entities)."""
    if not _MAY_LINK.search(text):
        return []
    _CHECKER.reset()
    return refused_links_in_html(_CHECKER.convert(text))
