"""Where generated pages live and how URLs between pages are written (no MkDocs import)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache

from ..data.catalog import Catalog
from ..kinds.registry import Registry


def default_folders(kinds: Registry) -> dict[str, str]:
    """Kind plural -> folder of its pages, for every kind that has pages (the kinds' defaults)."""
    return {kind.plural: kind.folder for kind in kinds.with_pages}


@dataclass
class Layout:
    """Source paths of generated pages and their URLs, following MkDocs' ``use_directory_urls``."""

    catalog: Catalog
    kinds: Registry
    use_directory_urls: bool = True
    # Kind plural -> folder of its pages; a kind left out gets no pages.
    folders: dict[str, str] = field(default_factory=dict)

    def entity_src(self, entity_id: str) -> str:
        entity = self.catalog.entities[entity_id]
        return f"{self.catalog.collections[entity.collection].path}/{entity_id}.md"

    def collection_src(self, collection_id: str) -> str:
        return f"{self.catalog.collections[collection_id].path}/index.md"

    def item_src(self, kind: str, item_id: str) -> str | None:
        """The source path of an item's own page, if its kind has a folder and its page rule
        gives it one."""
        if kind not in self.folders:
            return None
        rule = self.kinds[kind].has_page
        if not rule(self.catalog.get(kind, item_id)):
            return None
        return f"{self.folders[kind]}/{item_id}.md"

    tags_folder: str = "tags"
    glossary_folder: str = "glossary"
    titles: dict[str, str] = field(default_factory=dict)
    # Where links in generated pages are written from: the page's URL (MkDocs leaves links in
    # raw HTML as they are) or its source path (Zensical rewrites every relative link of a
    # page as if written from its source file; the staging generator sets this).
    links_from_source: bool = False

    def page_location(self, src_uri: str) -> str:
        """The location a generated page's links are written relative to."""
        return src_uri if self.links_from_source else self.url(src_uri)

    def tags_src(self) -> str | None:
        return f"{self.tags_folder}/index.md" if self.tags_folder else None

    def glossary_src(self) -> str | None:
        """The glossary page (every entity as a short entry), if the site has entities."""
        if not self.glossary_folder or not self.catalog.entities:
            return None
        return f"{self.glossary_folder}/index.md"

    def kind_index_src(self, kind: str) -> str:
        return f"{self.folders[kind]}/index.md"

    def url(self, src_uri: str) -> str:
        """The site URL of a page source, as MkDocs computes it."""
        stem, _ = posixpath.splitext(src_uri)
        directory, name = posixpath.split(stem)
        if name in {"index", "README"}:
            return f"{directory}/" if directory else ""
        if self.use_directory_urls:
            return f"{stem}/"
        return f"{stem}.html"

    def index_url(self, src_uri: str) -> str:
        url = self.url(src_uri)
        if not self.use_directory_urls and (url.endswith("/") or url == ""):
            return url + "index.html"
        return url


@lru_cache(maxsize=1 << 16)  # a pure function asked thousands of times per build, few distinct
def relative_url(target: str, from_page: str) -> str:
    """``target`` relative to the page at ``from_page`` (both site URLs), like MkDocs does."""
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    other = from_page
    head, tail = posixpath.split(other)
    if "." in tail:
        other = head
    relative = _relpath("/" + target, "/" + other)
    if target.endswith("/") or target == "":
        relative += "/"
    if relative == "./":
        relative = "./"
    return relative + fragment


@lru_cache(maxsize=1 << 16)
def _segments(path: str) -> tuple[str, ...]:
    """The parts of an absolute path as ``posixpath.relpath`` sees them (normalised)."""
    return tuple(part for part in posixpath.abspath(path).split("/") if part)


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for absolute paths, each path normalised once per
    build rather than once per link (a site's pages link each other thousands of times)."""
    start_parts, path_parts = _segments(start), _segments(path)
    shared, most = 0, min(len(start_parts), len(path_parts))
    while shared < most and start_parts[shared] == path_parts[shared]:
        shared += 1
    parts = [".."] * (len(start_parts) - shared) + list(path_parts[shared:])
    return "/".join(parts) if parts else "."
