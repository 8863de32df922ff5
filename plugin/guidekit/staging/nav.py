"""The navigation of ``mkdocs.yml`` as plain data, with the generated sections placed as the
plugin's on_nav places them (pages/nav.py): where the site's nav lists a generated index page,
that entry becomes the section; otherwise the section is added at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class NavPage:
    src: str
    title: str | None = None  # None: the page's own title (its first heading)


@dataclass
class NavSection:
    title: str
    children: list[NavPage | NavSection] = field(default_factory=list)


NavItem = NavPage | NavSection


def parse_nav(entries: list[Any]) -> list[NavItem]:
    items: list[NavItem] = []
    for entry in entries:
        if isinstance(entry, str):
            items.append(NavPage(entry))
            continue
        for title, value in entry.items():
            if isinstance(value, list):
                items.append(NavSection(str(title), parse_nav(value)))
            else:
                items.append(NavPage(str(value), str(title)))
    return items


def dump_nav(items: list[NavItem]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, NavSection):
            out.append({item.title: dump_nav(item.children)})
        elif item.title is None:
            out.append(item.src)
        else:
            out.append({item.title: item.src})
    return out


def pages_under(item: NavItem) -> list[NavPage]:
    if isinstance(item, NavPage):
        return [item]
    return [page for child in item.children for page in pages_under(child)]


def place_sections(items: list[NavItem], sections: list[tuple[str, str, list[str]]],
                   pages: set[str], *,
                   by_category: dict[str, list[tuple[str, list[str]]]] | None = None,
                   ) -> list[NavItem]:
    """``sections``: (index source, title, child sources), as the plugin computes them;
    ``by_category``: per index source, its children nested as (category, sources)."""
    for index_src, title, children in sections:
        children = [src for src in children if src in pages]
        if index_src not in pages or not children:
            continue
        listed = {page.src for item in items for page in pages_under(item)}
        if children[0] in listed:
            continue  # placed by hand
        nested = (by_category or {}).get(index_src)
        members: list[NavItem] = [NavPage(src) for src in children]
        if nested is not None:
            members = [NavSection(name, [NavPage(src) for src in srcs if src in pages])
                       for name, srcs in nested]
        section = NavSection(title, [NavPage(index_src), *members])
        if not _replace(items, index_src, section):
            items.append(section)
    return items


def _replace(items: list[NavItem], index_src: str, section: NavSection) -> bool:
    for position, item in enumerate(items):
        if isinstance(item, NavPage) and item.src == index_src:
            if item.title:
                section.title = item.title
            items[position] = section
            return True
        if isinstance(item, NavSection) and _replace(item.children, index_src, section):
            return True
    return False
