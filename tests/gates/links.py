"""Gate: internal links and resources of a built site resolve, and nothing loads off-site.

``check_links(site_dir)`` parses every page once (BeautifulSoup, ``html.parser``), caches the
ids/names of each page, then resolves every

* ``<a href>``, ``<area href>`` and navigational ``<link href>`` (canonical, prev, next, ...):
  internal targets must exist (directory URLs -> ``index.html``; query strings are dropped;
  percent-encoding is decoded) and a ``#fragment`` must be an ``id`` (or ``<a name>``) on the
  target page; external ``http(s)``/``mailto``/``tel`` targets are not followed;
* resource URLs (``<script src>``, ``<link href>`` that fetches - stylesheet, icon, preload,
  preconnect, ... -, ``<img src/srcset>``, ``<source>``, ``<iframe>``, ``<video>``, ...):
  must be internal files; anything off-site (``http(s)://``, ``//host``) is reported, since
  the site must work offline (no CDN). ``data:`` and ``blob:`` URLs are fine.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from .pages import HTML_SUFFIXES, html_pages

# A host name that never appears in a real site: pages are placed under it so that
# urllib's RFC 3986 resolution does the relative-URL work exactly like a browser.
_ORIGIN = "http://site.gate.invalid/"
_ORIGIN_NETLOC = "site.gate.invalid"

# <link rel=...> values that only point somewhere (no fetch by the browser).
NAVIGATIONAL_RELS = frozenset(
    {
        "alternate",
        "author",
        "bookmark",
        "canonical",
        "external",
        "help",
        "license",
        "me",
        "next",
        "nofollow",
        "noopener",
        "noreferrer",
        "prev",
        "search",
        "tag",
    }
)

# tag -> attributes holding a URL that the browser fetches.
RESOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}

_HARMLESS_SCHEMES = frozenset({"data", "blob", "about"})
_NON_HTTP_LINK_SCHEMES = frozenset({"mailto", "tel", "sms", "javascript", "data", "blob"})


@dataclass
class _Ref:
    tag: str
    attr: str
    url: str
    resource: bool  # fetched by the browser (vs. navigated to)


@dataclass
class _Page:
    rel: str  # posix path relative to site root, e.g. "a/index.html"
    ids: set[str] = field(default_factory=set)
    base: str | None = None
    refs: list[_Ref] = field(default_factory=list)


def _srcset_urls(value: str) -> Iterator[str]:
    for candidate in value.split(","):
        candidate = candidate.strip()
        if candidate:
            yield candidate.split()[0]


def _parse_page(path: Path, rel: str) -> _Page:
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    page = _Page(rel=rel)
    for tag in soup.find_all(True):
        name = tag.name
        tid = tag.get("id")
        if isinstance(tid, str):
            page.ids.add(tid)
        if name == "a":
            anchor_name = tag.get("name")
            if isinstance(anchor_name, str):
                page.ids.add(anchor_name)
        if name in ("a", "area"):
            href = tag.get("href")
            if isinstance(href, str):
                page.refs.append(_Ref(name, "href", href.strip(), resource=False))
        elif name == "link":
            href = tag.get("href")
            if isinstance(href, str):
                raw_rel: Any = tag.get("rel") or []
                rel_list = raw_rel.split() if isinstance(raw_rel, str) else list(raw_rel)
                rels = {str(r).lower() for r in rel_list}
                resource = not rels or not rels <= NAVIGATIONAL_RELS
                page.refs.append(_Ref(name, "href", href.strip(), resource=resource))
        elif name == "base":
            href = tag.get("href")
            if isinstance(href, str) and page.base is None:
                page.base = href.strip()
        elif name in RESOURCE_ATTRS:
            if name == "input" and str(tag.get("type", "")).lower() != "image":
                continue
            for attr in RESOURCE_ATTRS[name]:
                value = tag.get(attr)
                if not isinstance(value, str) or not value.strip():
                    continue
                urls = _srcset_urls(value) if attr == "srcset" else [value.strip()]
                for url in urls:
                    page.refs.append(_Ref(name, attr, url, resource=True))
    return page


def _fragment_ok(fragment: str, ids: set[str]) -> bool:
    if fragment == "" or fragment.lower() == "top" or fragment.startswith(":~:"):
        return True
    return fragment in ids or unquote(fragment) in ids


def normalize_base_path(base_path: str) -> str:
    """``"sub"``, ``"/sub"``, ``"/sub/"`` -> ``"/sub/"``; ``""`` -> ``"/"``."""
    stripped = base_path.strip("/")
    return f"/{stripped}/" if stripped else "/"


def check_links(site_dir: Path | str, base_path: str = "/") -> list[str]:
    """Return one human-readable problem per broken internal link/resource or off-site resource.

    ``base_path`` is the URL path the site is deployed under (the path of mkdocs' ``site_url``,
    e.g. ``/system-design-guide/``): root-absolute URLs such as the ones MkDocs writes into
    ``404.html`` must start with it. Each problem reads ``"<page>: <tag attr="url"> -> reason"``;
    an empty list means the gate passes. Identical problems on one page are reported once.
    """
    root = Path(site_dir)
    base_path = normalize_base_path(base_path)
    pages = html_pages(root)
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    dirs = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}

    parsed: dict[str, _Page] = {}
    for path in pages:
        rel = path.relative_to(root).as_posix()
        parsed[rel] = _parse_page(path, rel)

    problems: list[str] = []
    for rel, page in parsed.items():
        page_abs = _ORIGIN + quote(base_path.lstrip("/")) + quote(rel)
        base = urljoin(page_abs, page.base) if page.base else page_abs
        seen: set[str] = set()

        def report(ref: _Ref, reason: str, rel: str = rel, seen: set[str] = seen) -> None:
            msg = f'{rel}: <{ref.tag} {ref.attr}="{ref.url}"> -> {reason}'
            if msg not in seen:
                seen.add(msg)
                problems.append(msg)

        for ref in page.refs:
            url = ref.url
            if not url:
                if ref.resource:
                    report(ref, "empty resource URL")
                continue
            absolute = urljoin(base, url)
            parts = urlsplit(absolute)
            scheme = parts.scheme.lower()
            if scheme in _HARMLESS_SCHEMES:
                continue
            if parts.netloc != _ORIGIN_NETLOC or scheme not in ("http", "https"):
                if ref.resource:
                    report(ref, "off-site resource (the site must not load anything from a CDN)")
                elif scheme not in ("http", "https") and scheme not in _NON_HTTP_LINK_SCHEMES:
                    report(ref, f"unsupported URL scheme {scheme!r}")
                continue
            url_path = unquote(parts.path or "/")
            if not url_path.startswith(base_path):
                report(ref, f"outside the site's base path {base_path}")
                continue
            url_path = url_path[len(base_path) :]
            target = posixpath.normpath(url_path) if url_path else ""
            if target == ".":
                target = ""
            if url_path == "" or url_path.endswith("/") or target in dirs or target == "":
                if target and target not in dirs:
                    report(ref, f"no such directory: /{target}/")
                    continue
                target = f"{target}/index.html" if target else "index.html"
                if target not in files:
                    report(ref, f"directory has no index.html: /{target}")
                    continue
            elif target not in files:
                report(ref, f"no such file: /{target}")
                continue
            fragment = parts.fragment
            if fragment and not ref.resource and target.lower().endswith(HTML_SUFFIXES):
                target_page = parsed.get(target)
                if target_page is not None and not _fragment_ok(fragment, target_page.ids):
                    report(ref, f"no id or name {unquote(fragment)!r} in /{target}")
    return problems
