"""The portable core: everything guidekit knows, with no MkDocs import.

:class:`Site` is what adapters hold: the MkDocs plugin (plugin.py) and the macros pluglet
(macros.py, which also runs under Zensical's macros extension) call the same methods.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from markupsafe import Markup, escape

from .data.catalog import Catalog, build_catalog
from .data.loader import iter_data_files, load_data
from .data.models import plural_kind
from .embeds import Embed, EmbedError, expand_embeds, find_embeds, hide_repeated_title
from .i18n import Strings
from .links.autolink import NameIndex
from .printing import PrintGroup, page_anchor, print_edition
from .reading import Outline, add_section_markers, sections_of
from .render.layout import CONFIG_NAMES, Layout, relative_url
from .render.renderer import PageContext, Renderer, deck_file, md_heading
from .render.text import plain_text
from .widgets import calculator as calculator_widget
from .widgets import matrix as matrix_widget
from .widgets.flashcards import deck_tsv

PROGRESS_ID = "nav"
PRINT_PLACEHOLDER = '<div data-gk-late="print"></div>'

ASSETS_DIR = Path(__file__).resolve().parent / "assets"


# Widget modules that only some pages need: fetched by 00-core.js when a page holds one of
# their widgets (the kinds each file registers are read from its GK.register calls), so the
# script every page loads stays small. Everything else is in guidekit.js.
LAZY_MODULES: dict[str, tuple[str, ...]] = {
    "guidekit-decision.js": ("40-decision.js", "60-diagram.js"),
    "guidekit-worksheet.js": ("50-worksheet.js",),
    "guidekit-whatif.js": ("70-whatif.js",),
    "guidekit-practice.js": ("85-flashcards.js", "86-drill.js"),
}
_REGISTERS = re.compile(r"""GK\.register\(\s*'([\w-]+)'""")


def bundled_assets(minify: bool = True) -> dict[str, str]:
    """guidekit.js, guidekit.css and the lazy widget modules: one source file per widget,
    minified per bundle in the site (rjsmin/rcssmin: comments and whitespace only)."""
    sources = tuple(sorted(ASSETS_DIR.glob("*/*.*")))
    return _bundle(fingerprint(sources), minify)


def lazy_module_kinds() -> dict[str, str]:
    """Widget kind -> the lazy module file that registers it."""
    kinds: dict[str, str] = {}
    for name, parts in LAZY_MODULES.items():
        for part in parts:
            for kind in _REGISTERS.findall((ASSETS_DIR / "js" / part).read_text("utf-8")):
                kinds[kind] = name
    return kinds


@lru_cache(maxsize=4)
def _bundle(stamp: tuple[tuple[str, int, int], ...], minify: bool) -> dict[str, str]:
    lazy = {part for parts in LAZY_MODULES.values() for part in parts}
    js = sorted((ASSETS_DIR / "js").glob("*.js"))
    groups: dict[str, list[Path]] = {"guidekit.js": [p for p in js if p.name not in lazy]}
    groups.update({name: [ASSETS_DIR / "js" / part for part in parts]
                   for name, parts in LAZY_MODULES.items()})
    groups["guidekit.css"] = sorted((ASSETS_DIR / "css").glob("*.css"))
    bundles = {}
    for name, parts in groups.items():
        text = "\n".join(p.read_text(encoding="utf-8") for p in parts)
        if minify:
            text = rjsmin.jsmin(text) if name.endswith(".js") else rcssmin.cssmin(text)
        bundles[name] = text
    return bundles


def fingerprint(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    """Cheap change detection for `mkdocs serve`: path, size and mtime of every input file."""
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


@dataclass
class Site:
    data_dir: Path
    catalog: Catalog
    layout: Layout
    renderer: Renderer
    names: NameIndex
    template_dirs: list[Path] = field(default_factory=list)
    stamp: tuple[tuple[str, int, int], ...] = ()
    # The navigation's pages that count for reading progress (set by the adapter).
    outline: Outline = field(default_factory=Outline)

    # -------------------------------------------------------------- generated pages

    def entity_src(self, entity_id: str) -> str:
        return self.layout.entity_src(entity_id)

    def generated_pages(self) -> dict[str, tuple[str, str, str]]:
        """Source path -> (kind, id, Markdown) of every page guidekit generates."""
        pages: dict[str, tuple[str, str, str]] = {}
        r = self.renderer
        for collection_id in self.catalog.collections:
            pages[self.layout.collection_src(collection_id)] = (
                "collection", collection_id, r.collection_page(collection_id))
        for entity_id, entity in self.catalog.entities.items():
            pages[self.layout.entity_src(entity_id)] = ("entity", entity_id, r.entity_page(entity))
        tags_src = self.layout.tags_src()
        if tags_src and any(e.tags for e in self.catalog.entities.values()):
            pages[tags_src] = ("tags", "", r.tags_page())
        for kind, folder in self.layout.folders.items():
            has_pages = False
            for item_id in getattr(self.catalog, kind):
                src = self.layout.item_src(kind, item_id)
                if src:
                    pages[src] = (kind, item_id, r.item_page(kind, item_id))
                    has_pages = True
            if has_pages and folder:
                title = self.kind_title(kind)
                pages[self.layout.kind_index_src(kind)] = (
                    f"index:{kind}", kind, r.kind_index_page(kind, title))
        return pages

    def deck_files(self) -> dict[str, str]:
        """Site path -> content of each deck's Anki export (plain text, one card a line)."""
        names = self.renderer.text.names
        return {
            deck_file(deck_id): deck_tsv(deck, [(plain_text(card.front, names),
                                                 plain_text(card.back, names))
                                                for card in self.catalog.cards[deck_id]])
            for deck_id, deck in self.catalog.decks.items()
        }

    def kind_title(self, kind: str) -> str:
        """Title of a kind's index page: the site's nav_titles, else the UI string."""
        return self.layout.titles.get(kind) or self.renderer.t(f"pages.kind_{kind}")

    def formulas_script(self, mermaid_js: str | None = None) -> str:
        settings: dict[str, object] = {"mermaid": mermaid_js} if mermaid_js else {}
        # Only the strings the scripts ask for: the pages carry the rest in their HTML.
        scripts = [text for name, text in bundled_assets().items() if name.endswith(".js")]
        settings["strings"] = self.renderer.t.for_scripts(scripts)
        settings["modules"] = lazy_module_kinds()
        return rjsmin.jsmin(calculator_widget.formulas_script(self.catalog, settings))

    # -------------------------------------------------------------- hand-written pages

    def render_embed(self, kind: str, item_id: str, page_src: str, page_url: str) -> Markup:
        if kind == "progress":
            return self.progress_placeholder(item_id)
        plural = plural_kind(kind)
        items = getattr(self.catalog, plural, None)
        if items is None:
            raise EmbedError(f"unknown kind '{kind}'")
        if item_id not in items:
            import difflib

            close = difflib.get_close_matches(item_id, list(items), n=3, cutoff=0.5)
            hint = f"; closest: {', '.join(close)}" if close else ""
            raise EmbedError(f"unknown {kind} '{item_id}'{hint}")
        self.renderer.placements.setdefault((plural, item_id), page_src)
        return self.renderer.render_item(plural, item_id, page_url)

    def expand_embeds(self, markdown: str, page_src: str, page_url: str) -> str:
        def render(embed: Embed) -> str:
            try:
                html = self.render_embed(embed.kind, embed.item_id, page_src, page_url)
                return hide_repeated_title(html, embed.heading)
            except EmbedError as error:
                raise EmbedError(f"line {embed.line}: {error}") from None

        return expand_embeds(markdown, render)

    def note_placements(self, markdown: str, page_src: str) -> None:
        """Record where a page's fences place items, without rendering anything."""
        for embed in find_embeds(markdown):
            self.renderer.placements.setdefault((plural_kind(embed.kind), embed.item_id),
                                                page_src)

    def entity_link(self, entity_id: str, page_url: str, label: str | None = None) -> Markup:
        if entity_id not in self.catalog.entities:
            raise EmbedError(f"unknown entity '{entity_id}'")
        entity = self.catalog.entities[entity_id]
        href = relative_url(self.layout.url(self.entity_src(entity_id)), page_url)
        return Markup(f'<a class="gk-ref" href="{escape(href)}">{escape(label or entity.name)}</a>')

    # -------------------------------------------------------------- late content

    def fill_sections(self, html: str, entity_id: str, page_url: str,
                      sections: list[tuple[str, str, str]]) -> str:
        """Replace the entity page's placeholder with the docs sections that mention it."""
        placeholder = f'<div data-gk-late="sections:{entity_id}"></div>'
        if placeholder not in html:
            return html
        if not sections:
            return html.replace(placeholder, "")
        fragment = self.renderer.fragment(
            "guidekit/sections.html", page_url,
            sections=[(title, relative_url(url, page_url), heading)
                      for title, url, heading in _unique(sections)],
        )
        return html.replace(placeholder, str(fragment))

    # -------------------------------------------------------------- reading progress

    def progress_placeholder(self, progress_id: str) -> Markup:
        """Where a ``progress`` embed goes; filled by :meth:`fill_progress` once every page's
        sections are known."""
        if progress_id != PROGRESS_ID:
            raise EmbedError(f"unknown progress '{progress_id}': the one progress view is "
                             f"'{PROGRESS_ID}' (every page of the navigation that counts)")
        return Markup(f'<div data-gk-late="progress:{PROGRESS_ID}"></div>')

    def fill_progress(self, html: str, page_url: str) -> str:
        placeholder = f'<div data-gk-late="progress:{PROGRESS_ID}"></div>'
        if placeholder not in html:
            return html
        groups = [group for group in self.outline.groups if group.pages]
        fragment = self.renderer.fragment(
            "guidekit/progress.html", page_url, progress_id=PROGRESS_ID, groups=groups,
            total=len(self.outline.pages()), root=relative_url("", page_url))
        return html.replace(placeholder, str(fragment))

    def add_reading_controls(self, html: str, *, key: str, page_url: str, counted: bool,
                             sections: bool, selector: str) -> str:
        """A page's HTML with its reading marker at the end (marks the navigation; on a page
        that counts, its "read" checkbox) and, if asked, a marker closing every section."""
        if counted and sections:
            def marker(section_id: str, title: str) -> str:
                return str(self.renderer.fragment("guidekit/reading-section.html", page_url,
                                                  section_id=section_id, title=title))

            html = add_section_markers(html, marker)
        end = self.renderer.fragment("guidekit/reading-page.html", page_url, key=key,
                                     root=relative_url("", page_url), counted=counted,
                                     selector=selector)
        return f"{html}\n{end}\n"

    @staticmethod
    def sections_of(html: str) -> list[tuple[str, str]]:
        return sections_of(html)

    # -------------------------------------------------------------- print edition

    def print_markdown(self, title: str) -> str:
        """Source of the print page: its title, and where the edition goes after the build."""
        return f"# {md_heading(title)}\n\n{PRINT_PLACEHOLDER}\n"

    def print_html(self, groups: list[PrintGroup], print_key: str, site_url: str = "") -> str:
        def render(groups: list[PrintGroup], bodies: list[tuple[Any, Markup]]) -> str:
            return self.renderer.html("guidekit/print.html", print_key, groups=groups,
                                      bodies=bodies, anchor=page_anchor)

        return print_edition(groups, print_key, render, site_url)

    def search_entries(self) -> list[dict[str, str]]:
        """Search-index entries for every row of every matrix that has a page."""
        entries: list[dict[str, str]] = []
        for table in self.catalog.tables.values():
            src = self.layout.item_src("tables", table.id)
            if not src:
                continue
            location = self.layout.url(src)
            ctx = PageContext(self.renderer, location)
            view = matrix_widget.table_view(self.catalog, table, ctx)
            entries.extend(matrix_widget.search_entries(table, view, location))
        return entries

    def changed(self) -> bool:
        return fingerprint(self._inputs()) != self.stamp

    def _inputs(self) -> list[Path]:
        paths = list(iter_data_files(self.data_dir))
        for directory in self.template_dirs:
            paths.extend(sorted((directory / "guidekit").glob("*")))
        return paths


def _unique(sections: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    seen: set[str] = set()
    out = []
    for section in sections:
        if section[1] not in seen:
            seen.add(section[1])
            out.append(section)
    return out


def load_site(
    data_dir: str | os.PathLike[str],
    *,
    use_directory_urls: bool = True,
    template_dirs: Sequence[Path] = (),
    folders: dict[str, str] | None = None,
    tags_folder: str = "tags",
    titles: dict[str, str] | None = None,
    namespace: str = "guidekit",
    language: str | None = None,
    strings: dict[str, str] | None = None,
) -> Site:
    """Load, check and index the data of one site; raises DataError naming every problem
    (and StringsError for an unknown key in ``strings``, the site's own UI strings)."""
    ui_strings = Strings(language, strings)
    data_path = Path(data_dir)
    data = load_data(data_path)
    catalog = build_catalog(data)
    layout = Layout(catalog, use_directory_urls)
    if folders is not None:
        layout.folders = dict(folders)
    layout.tags_folder = tags_folder
    # Titles of the widget index pages by data kind; the config says "matrices" for tables.
    data_kinds = {name: kind for kind, name in CONFIG_NAMES.items()}
    layout.titles = {data_kinds.get(k, k): v for k, v in (titles or {}).items()}
    renderer = Renderer(catalog, layout, template_dirs, namespace=namespace,
                        strings=ui_strings)
    site = Site(data_path, catalog, layout, renderer, NameIndex.build(catalog.names()),
                list(template_dirs))
    site.stamp = fingerprint(site._inputs())
    return site
