"""Place generated pages in the navigation: a section per collection and per widget kind.

Where the site's own nav already lists a generated index page (e.g. ``technologies/index.md``),
that entry becomes the section, in the author's chosen position; otherwise sections are added
at the end, in data order.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core import Site


def place_generated(
    nav: Navigation,
    files: Files,
    site: Site,
    generated: dict[str, tuple[str, str]],
    titles: dict[str, str],
    automatic: bool = False,
    by_category: list[str] | None = None,
) -> Navigation:
    """``automatic``: the site has no ``nav:``, so MkDocs made a section per folder, titled
    after the folder ("Matrices"); those sections take the documented titles instead."""
    for index_src, title, children in _sections(site, generated, titles):
        index_file = files.get_file_from_path(index_src)
        if index_file is None or index_file.page is None:
            continue
        pages = [index_file.page]
        for src in children:
            file = files.get_file_from_path(src)
            if file is not None and file.page is not None:
                pages.append(file.page)
        if len(pages) > 1 and _contains(nav.items, pages[1]):
            # Already in the nav: placed by hand (keep the author's title), or by MkDocs'
            # automatic nav (a folder's section: give it the collection's or kind's title).
            parent = pages[1].parent
            if automatic and isinstance(parent, Section) and index_file.page in parent.children:
                parent.title = str(escape(title))
            continue
        items: list[Page | Section] = list(pages)
        if _collection_of(site, index_src) in (by_category or []):
            items = [pages[0], *_category_sections(site, pages[1:])]
        # Themes print nav titles as HTML, unescaped: a title from data is text, so escape it.
        section = Section(str(escape(title)), items)  # type: ignore[arg-type]
        if not _replace(nav.items, index_file.page, section):
            nav.items.append(section)
    _relink(nav)
    return nav


def _sections(
    site: Site, generated: dict[str, tuple[str, str]], titles: dict[str, str]
) -> list[tuple[str, str, list[str]]]:
    layout = site.layout
    out = []
    for collection in site.catalog.collections.values():
        index_src = layout.collection_src(collection.id)
        children = sorted(
            (layout.entity_src(e.id) for e in site.catalog.by_collection(collection.id)),
            key=lambda src: _entity_name(site, src),
        )
        out.append((index_src, collection.title, children))
    for plural, folder in layout.folders.items():
        if not folder:
            continue
        kind = site.kinds[plural]
        children = [
            src for item_id in kind.items(site.catalog)
            if (src := layout.item_src(plural, item_id))
        ]
        if children:
            title = titles.get(kind.option_name) or site.kind_title(kind)
            out.append((layout.kind_index_src(plural), title, children))
    return out


def _collection_of(site: Site, index_src: str) -> str | None:
    for collection_id in site.catalog.collections:
        if site.layout.collection_src(collection_id) == index_src:
            return collection_id
    return None


def _category_sections(site: Site, pages: list[Page]) -> list[Section]:
    """The entity pages nested by category, categories sorted as on the overview page
    (entities without one last, under the overview's "Other")."""
    other = site.renderer.t("pages.other_category")
    groups: dict[str, list[Page]] = {}
    for page in pages:
        entity = site.catalog.entities.get(page.file.src_uri.rsplit("/", 1)[-1][:-3])
        groups.setdefault((entity.category if entity else "") or other, []).append(page)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == other, kv[0]))
    return [Section(name, members) for name, members in ordered]  # type: ignore[arg-type]


def _entity_name(site: Site, src: str) -> str:
    entity_id = src.rsplit("/", 1)[-1][:-3]
    entity = site.catalog.entities.get(entity_id)
    return entity.name.lower() if entity else src


def _replace(items: list[Any], page: Page, section: Section) -> bool:
    for position, item in enumerate(items):
        if item is page:
            if item.title:
                section.title = item.title
            items[position] = section
            return True
        if isinstance(item, Section) and _replace(item.children, page, section):
            return True
    return False


def _contains(items: list[Any], page: Page) -> bool:
    for item in items:
        if item is page:
            return True
        if isinstance(item, Section) and _contains(item.children, page):
            return True
    return False


def drop_page(nav: Navigation, page: Page) -> None:
    """Take a page out of the navigation (MkDocs' automatic nav lists every page)."""

    def drop(items: list[Any]) -> None:
        items[:] = [item for item in items if item is not page]
        for item in items:
            if isinstance(item, Section):
                drop(item.children)

    drop(nav.items)
    _relink(nav)


def _relink(nav: Navigation) -> None:
    """Parents, the flat page list and previous/next links, as MkDocs sets them after on_nav."""

    def walk(items: list[Any], parent: Section | None) -> None:
        for item in items:
            item.parent = parent
            if isinstance(item, Section):
                walk(item.children, item)

    walk(nav.items, None)
    pages: list[Page] = []

    def collect(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                collect(item.children)

    collect(nav.items)
    nav.pages = pages
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
