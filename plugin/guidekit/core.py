"""The portable core: everything guidekit knows, with no MkDocs import.

:class:`Site` is what adapters hold: the MkDocs plugin (plugin.py) and the macros pluglet
(macros.py, which also runs under Zensical's macros extension) call the same methods.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import rjsmin
from markupsafe import Markup, escape

from .bundles import (
    WIDGETS,
    PageAssets,
    bundled_assets,
    fingerprint,
    lazy_module_kinds,
    lazy_stylesheets,
    script_of,
    standalone_stylesheets,
    stylesheet_classes,
    stylesheet_of,
)
from .data.catalog import Catalog, Checked, build_catalog
from .data.loader import iter_data_files, load_data
from .embeds import (
    Embed,
    EmbedError,
    embed_names,
    expand_embeds,
    find_embeds,
    hide_repeated_title,
)
from .formulas import SHARED_RUNTIME_G, js_runtime_for, js_shared_runtime
from .i18n import Strings
from .kinds.base import item_script
from .kinds.registry import DEFAULT, AnyKind, Registry
from .links.anchors import page_anchors
from .links.autolink import NameIndex
from .links.refs import Target, link_page_refs
from .names import closest
from .printing import PrintGroup, page_anchor, print_edition
from .reading import add_section_markers, sections_of
from .render.layout import Layout, default_folders, relative_url
from .render.page_cache import Pages, code_files, keep_pages, load_pages, pages_key
from .render.placed_cache import PlacedItems
from .render.renderer import BuildContext, PageContext, Renderer, md_heading, without_macros
from .text import load_conversions, plain_text

__all__ = ["BuildContext", "Site", "bundled_assets", "load_site"]

PROGRESS_ID = "nav"
PRINT_PLACEHOLDER = '<div data-gk-late="print"></div>'
FORMULAS_SCRIPT = "guidekit-formulas.js"


@dataclass
class Site:
    """One site's checked data and how to show it. Adapters start a build with
    :meth:`start_build` and hand its :class:`BuildContext` to the calls that need it."""

    data_dir: Path
    kinds: Registry
    catalog: Catalog
    checked: Checked
    layout: Layout
    renderer: Renderer
    names: NameIndex
    template_dirs: list[Path] = field(default_factory=list)
    stamp: tuple[tuple[str, int, int], ...] = ()
    cache_dir: Path | None = None  # where parsed data and converted text are kept (disk_cache)
    # How load_site was called (URLs, folders, strings...): with the inputs, what decides the
    # generated pages (render/page_cache.py).
    settings: str = ""
    # The current build, for adapters without a build of their own (the macros, Markdown).
    build: BuildContext = field(default_factory=BuildContext)
    # The HTML of the items the site's pages place, for the generated pages' key (each build
    # sets it when it asks for them).
    placed: PlacedItems = field(default_factory=PlacedItems)

    def keep_for_next_build(self) -> None:
        """At the end of a build: keep its conversions of data text and the HTML of the items
        its pages placed, for the next build (in ``cache_dir``; nothing when there is none or
        nothing changed, silently)."""
        if self.cache_dir is not None:
            self.renderer.text.keep_conversions(self.cache_dir)
            self.placed.keep(self.cache_dir)

    def start_build(self, doc_titles: dict[str, str] | None = None) -> BuildContext:
        """A fresh context for one build: nothing from the last build survives a rebuild."""
        self.build = BuildContext(doc_titles=dict(doc_titles or {}))
        return self.build

    # -------------------------------------------------------------- generated pages

    def entity_src(self, entity_id: str) -> str:
        return self.layout.entity_src(entity_id)

    def generated_pages(self, build: BuildContext | None = None) -> Pages:
        """Source path -> (kind, id, Markdown) of every page guidekit generates: those an
        earlier build kept for the same inputs (in ``cache_dir``), else written now."""
        build = build or self.build
        if self.cache_dir is None:
            return self._generate_pages(build)
        key = pages_key(self.settings, self._inputs(), build, code_files(self.kinds))
        self.placed = self.placed.next_build(key, self.cache_dir)
        kept = load_pages(self.cache_dir, key) if key is not None else None
        if kept is not None:
            # The last build converted the same data text: keep its conversions too.
            self.renderer.text.converted.update(self.renderer.text.stored)
            return kept
        pages = self._generate_pages(build)
        if key is not None:
            keep_pages(self.cache_dir, key, pages)
        return pages

    def _generate_pages(self, build: BuildContext) -> Pages:
        pages: Pages = {}
        r = self.renderer
        for collection_id in self.catalog.collections:
            pages[self.layout.collection_src(collection_id)] = (
                "collection", collection_id, r.collection_page(collection_id, build=build))
        for entity_id, entity in self.catalog.entities.items():
            pages[self.layout.entity_src(entity_id)] = (
                "entity", entity_id, r.entity_page(entity, build=build))
        tags_src = self.layout.tags_src()
        if tags_src and any(e.tags for e in self.catalog.entities.values()):
            pages[tags_src] = ("tags", "", r.tags_page(build=build))
        glossary_src = self.layout.glossary_src()
        if glossary_src:
            pages[glossary_src] = ("glossary", "", r.glossary_page(build=build))
        for plural, folder in self.layout.folders.items():
            kind = self.kinds[plural]
            has_pages = False
            for item_id in kind.items(self.catalog):
                src = self.layout.item_src(plural, item_id)
                if src:
                    pages[src] = (plural, item_id, r.item_page(kind, item_id, build=build))
                    has_pages = True
            if has_pages and folder:
                pages[self.layout.kind_index_src(plural)] = (
                    f"index:{plural}", plural,
                    r.kind_index_page(kind, self.kind_title(kind), build=build))
        return pages

    def extra_files(self) -> dict[str, str]:
        """Site path -> content of the files kinds add to the site (the decks' Anki exports)."""
        files: dict[str, str] = {}
        for kind in self.kinds:
            if kind.files is not None:
                files.update(kind.files(self.catalog, self.checked, self.plain))
        return files

    def plain(self, text: str) -> str:
        """Data Markdown as plain text ([[ref]]s become names)."""
        return plain_text(text, self.renderer.text.names)

    def kind_title(self, kind: AnyKind) -> str:
        """Title of a kind's index page: the site's nav_titles, else the UI string."""
        return self.layout.titles.get(kind.plural) or self.renderer.t(f"pages.kind_{kind.plural}")

    def bundled_assets(self, one_stylesheet: bool = False) -> dict[str, str]:
        """guidekit.js, guidekit.css, the lazy widget bundles and stylesheets with this site's
        kinds, and one file per item's compiled code (``items/<kind>/<id>.js``: a calculator's
        formulas, a what-if's model). Each script bundle ends with the UI strings its code asks
        for and the site globals it reads, so a page fetches the words of the widgets it holds
        only, and the formulas of the items it holds only. ``one_stylesheet``: every style in
        guidekit.css, for sites whose pages nothing links per page (``python -m guidekit
        assets``)."""
        bundles = dict(bundled_assets(self.kinds))
        if one_stylesheet:
            lazy = lazy_stylesheets(self.kinds)
            bundles["guidekit.css"] += "".join(bundles.pop(name) for name in lazy)
            bundles["guidekit.css"] += bundles.pop("guidekit-print.css")
        script_globals = self._script_globals()
        item_sets = self._item_sets()
        for name, text in bundles.items():
            if name.endswith(".js"):
                bundles[name] = text + self._bundle_tail(text, script_globals, item_sets)
        bundles.update(self._item_scripts(item_sets))
        return bundles

    def _script_globals(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for kind in self.kinds:
            if kind.script_globals is not None:
                found.update(kind.script_globals(self.catalog, self.checked))
        return found

    def _item_sets(self) -> dict[str, dict[str, tuple[str, str, bool]]]:
        """Each global the items' files set -> item id -> (the item's file, its code, whether
        its runtime helpers are the shared ones: Kind.shared_runtime)."""
        found: dict[str, dict[str, tuple[str, str, bool]]] = {}
        for kind in self.kinds:
            if kind.script_sets is None:
                continue
            for name, sets in kind.script_sets(self.catalog, self.checked).items():
                found.setdefault(name, {}).update(
                    (item_id, (item_script(kind.name, item_id), value, kind.shared_runtime))
                    for item_id, value in sets.items())
        return found

    @staticmethod
    def _item_scripts(item_sets: dict[str, dict[str, tuple[str, str, bool]]]) -> dict[str, str]:
        """``items/<kind>/<id>.js`` -> a script setting ``window.<global>[id]``, with the part
        of the formula runtime its code calls (``G``), or with the page's shared runtime,
        which the bundle of the widgets reading it brings (:meth:`_bundle_tail`)."""
        scripts: dict[str, str] = {}
        for name, sets in item_sets.items():
            for item_id, (file, value, uses_shared) in sets.items():
                scripts[file] = rjsmin.jsmin(
                    "(function () {\n'use strict';\n"
                    + (SHARED_RUNTIME_G if uses_shared else js_runtime_for(value))
                    + f"var sets = window.{name} = window.{name} || {{}};\n"
                    + f"sets[{json.dumps(item_id)}] = {value};\n}})();\n")
        return scripts

    def _bundle_tail(self, text: str, script_globals: dict[str, str],
                     item_sets: dict[str, dict[str, tuple[str, str, bool]]]) -> str:
        """The strings and site globals one bundle's code uses, and the runtime helpers the
        items' files it reads call, as a script to append."""
        tail = ""
        strings = self.renderer.t.for_scripts([text])
        if strings:
            tail += "GK.strings(" + json.dumps(strings, sort_keys=True) + ");\n"
        used = {name: value for name, value in script_globals.items()
                if f"window.{name}" in text}
        if used:
            # Several bundles may read one global (calculators' formulas: the calculator and
            # the drill): the first to run sets it.
            globals_js = "".join(f"if (!window.{name}) window.{name} = {value};\n"
                                 for name, value in used.items())
            tail += rjsmin.jsmin("(function () {\n'use strict';\n" + js_runtime_for(globals_js)
                                 + globals_js + "})();\n")
        # The shared helpers the items this bundle's widgets read call (Kind.shared_runtime):
        # every bundle reading them carries them, as a page may hold only that one.
        items_code = "".join(value for name, sets in item_sets.items()
                             if f"window.{name}" in text
                             for _, value, uses_shared in sets.values() if uses_shared)
        if runtime := js_shared_runtime(items_code):
            tail += rjsmin.jsmin("(function () {\n'use strict';\n" + runtime + "})();\n")
        return tail

    def page_assets(self) -> PageAssets:
        """Each lazy stylesheet with the classes it styles (a page using one links it), each
        widget kind with its lazy script (a page holding one preloads it), and the stylesheets
        that come without the widgets' shared parts."""
        return PageAssets(
            stylesheet_classes(bundled_assets(self.kinds), lazy_stylesheets(self.kinds)),
            lazy_module_kinds(self.kinds), standalone_stylesheets(self.kinds))

    def formulas_script(self, mermaid_js: str | None = None,
                        unlinked_pages: bool = True) -> str:
        """The per-site settings script (guidekit-formulas.js, listed before guidekit.js):
        which bundle holds each widget kind, where Mermaid is, and the site root and assets
        folder taken from this script's own URL. The strings travel with the bundles that use
        them, the formulas in the items' own files (:meth:`bundled_assets`). ``unlinked_pages``:
        some pages may be served without the stylesheets they use linked (a staged tree under
        `zensical serve`, without postbuild), so the settings name them for the core to load;
        False where an adapter links them on every page (the MkDocs plugin) or all styles are in one
        guidekit.css (``bundled_assets(one_stylesheet=True)``)."""
        settings: dict[str, object] = {"mermaid": mermaid_js} if mermaid_js else {}
        modules = lazy_module_kinds(self.kinds)
        settings["modules"] = modules
        if unlinked_pages:
            # Each bundle's stylesheets, which the core loads before starting one of its
            # widgets, and the static parts' (articles, index pages), which it loads at once.
            lazy = set(lazy_stylesheets(self.kinds))
            shared = f"{WIDGETS} " if WIDGETS in lazy else ""
            standalone = standalone_stylesheets(self.kinds)
            bundles = set(modules.values())
            settings["styles"] = {script: ("" if css in standalone else shared) + css
                                  for script in sorted(bundles)
                                  if (css := stylesheet_of(script)) in lazy}
            settings["static"] = sorted(css for css in standalone if script_of(css) not in bundles)
        config = json.dumps(settings, sort_keys=True)
        return rjsmin.jsmin(
            "/* Generated by guidekit from the data of this site: do not edit. */\n"
            "(function () {\n'use strict';\n"
            "var script = document.currentScript, config = " + config + ";\n"
            "config.root = script ? script.src.replace(/assets\\/guidekit\\/[^\\/]*$/, '') : '';\n"
            "config.assets = script ? script.src.replace(/[^\\/]*$/, '') : '';\n"
            "window.GuidekitConfig = config;\n})();\n"
        )

    def doc_link_problems(self, page_text: Callable[[str], str | None]) -> list[str]:
        """Problems with links from data to docs pages (``page.md#anchor``, e.g. an article's
        sources), once the adapter knows the pages: ``page_text`` gives a page's Markdown, or
        None if the site has no such page. Each kind with ``check_doc_links`` says what to check.
        """
        problems: list[str] = []
        cache: dict[str, set[str] | None] = {}

        def anchors_of(src: str) -> set[str] | None:
            if src not in cache:
                text = page_text(src)
                cache[src] = None if text is None else page_anchors(text)
            return cache[src]

        for kind in self.kinds:
            if kind.check_doc_links is None:
                continue

            def problem(item_id: str, field_name: str, message: str,
                        plural: str = kind.plural) -> None:
                origin = self.catalog.data.origin(plural, item_id)
                problems.append(f"{origin.describe(field_name)}: {message}")

            kind.check_doc_links(kind.items(self.catalog), anchors_of, problem)
        return problems

    # -------------------------------------------------------------- hand-written pages

    def render_embed(self, kind: str, item_id: str, page_src: str, page_url: str,
                     build: BuildContext | None = None, place: bool = True) -> Markup:
        """An item placed by a page (a fence or a macro), by kind name and id; ``place``
        records the page as where the item lives (the target of its "Appears in" links)
        unless another page holds it already."""
        build = build or self.build
        if kind == "progress":
            return self.progress_placeholder(item_id)
        found = self.kinds.get(kind)
        if found is None or found.view is None:
            raise EmbedError(f"unknown kind '{kind}'")
        items = found.items(self.catalog)
        if item_id not in items:
            close = closest(item_id, items)
            hint = f"; closest: {', '.join(close)}" if close else ""
            raise EmbedError(f"unknown {kind} '{item_id}'{hint}")
        if place:
            build.place(found.plural, item_id, page_src)
        return Markup(self.placed.html(
            found.plural, item_id, page_url, build.placements,
            lambda: self.renderer.render_item(found.plural, item_id, page_url, build=build)))

    def expand_embeds(self, markdown: str, page_src: str, page_url: str,
                      build: BuildContext | None = None, place: bool = True) -> str:
        build = build or self.build

        def render(embed: Embed) -> str:
            try:
                html = self.render_embed(embed.kind, embed.item_id, page_src, page_url, build,
                                         place)
                return hide_repeated_title(html, embed.heading)
            except EmbedError as error:
                raise EmbedError(f"line {embed.line}: {error}") from None

        return expand_embeds(markdown, render, self.embed_names)

    def note_placements(self, markdown: str, page_src: str,
                        build: BuildContext | None = None) -> None:
        """Record where a page's fences place items, without rendering anything."""
        build = build or self.build
        for embed in find_embeds(markdown, self.embed_names):
            found = self.kinds.get(embed.kind)
            if found is not None:
                build.place(found.plural, embed.item_id, page_src)

    @cached_property  # asked for every page; the kinds do not change under a site
    def embed_names(self) -> dict[str, str]:
        return embed_names(self.kinds.embed_names())

    def link_page_refs(self, html: str, page_url: str) -> tuple[str, list[str]]:
        """``[[prefix:id]]`` in a page's prose linked to the imported guide's page; returns
        the HTML and a message for each unknown ref (with the closest known ones)."""
        external = self.catalog.external

        def resolve(ref: str) -> Target | None:
            entity = external.get(ref)
            return Target(entity.url, entity.name) if entity is not None else None

        linked, unknown = link_page_refs(html, resolve)
        problems = []
        for ref in unknown:
            prefix = ref.partition(":")[0]
            known = [k for k in external if k.startswith(f"{prefix}:")]
            if not known:
                problems.append(f"[[{ref}]]: no imported guide has the prefix '{prefix}'")
                continue
            close = closest(ref, known)
            hint = f"; closest: {', '.join(close)}" if close else ""
            problems.append(f"[[{ref}]]: unknown entity of the imported guide '{prefix}'{hint}")
        return linked, problems

    def entity_link(self, entity_id: str, page_url: str, label: str | None = None) -> Markup:
        external = self.catalog.external.get(entity_id)
        if external is not None:  # "prefix:id" of an imported guide: its page over there
            return Markup(f'<a class="gk-ref gk-ref--external" href="{escape(external.url)}">'
                          f"{escape(label or external.name)}</a>")
        if entity_id not in self.catalog.entities:
            raise EmbedError(f"unknown entity '{entity_id}'")
        entity = self.catalog.entities[entity_id]
        href = relative_url(self.layout.url(self.entity_src(entity_id)), page_url)
        return Markup(f'<a class="gk-ref" href="{escape(href)}">{escape(label or entity.name)}</a>')

    # -------------------------------------------------------------- late content

    def fill_sections(self, html: str, entity_id: str, page_url: str,
                      sections: list[tuple[str, str, str]],
                      build: BuildContext | None = None) -> str:
        """Replace the entity page's placeholder with the docs sections that mention it."""
        placeholder = f'<div data-gk-late="sections:{entity_id}"></div>'
        if placeholder not in html:
            return html
        if not sections:
            return html.replace(placeholder, "")
        fragment = self.renderer.fragment(
            "guidekit/sections.html", page_url, build=build or self.build,
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

    def fill_progress(self, html: str, page_url: str, build: BuildContext | None = None) -> str:
        build = build or self.build
        placeholder = f'<div data-gk-late="progress:{PROGRESS_ID}"></div>'
        if placeholder not in html:
            return html
        groups = [group for group in build.outline.groups if group.pages]
        fragment = self.renderer.fragment(
            "guidekit/progress.html", page_url, build=build, progress_id=PROGRESS_ID, groups=groups,
            total=len(build.outline.pages()), root=relative_url("", page_url))
        return html.replace(placeholder, str(fragment))

    def add_reading_controls(self, html: str, *, key: str, page_url: str, counted: bool,
                             sections: bool, selector: str,
                             build: BuildContext | None = None) -> str:
        """A page's HTML with its reading marker at the end (marks the navigation; on a page
        that counts, its "read" checkbox) and, if asked, a marker closing every section."""
        build = build or self.build
        if counted and sections:
            def marker(section_id: str, title: str) -> str:
                return str(self.renderer.fragment("guidekit/reading-section.html", page_url,
                                                  build=build, section_id=section_id,
                                                  title=title))

            html = add_section_markers(html, marker)
        end = self.renderer.fragment("guidekit/reading-page.html", page_url, build=build, key=key,
                                     root=relative_url("", page_url), counted=counted,
                                     selector=selector)
        return f"{html}\n{end}\n"

    @staticmethod
    def sections_of(html: str) -> list[tuple[str, str]]:
        return sections_of(html)

    # -------------------------------------------------------------- print edition

    def print_markdown(self, title: str) -> str:
        """Source of the print page: its title, and where the edition goes after the build."""
        return without_macros(f"# {md_heading(title)}\n\n{PRINT_PLACEHOLDER}\n")

    def print_html(self, groups: list[PrintGroup], print_key: str,
                   build: BuildContext | None = None) -> str:
        build = build or self.build

        def render(groups: list[PrintGroup], bodies: list[tuple[Any, Markup]]) -> str:
            return self.renderer.html("guidekit/print.html", print_key, build=build, groups=groups,
                                      bodies=bodies, anchor=page_anchor)

        return print_edition(groups, print_key, render)

    def search_entries(self, build: BuildContext | None = None) -> list[dict[str, str]]:
        """Search-index entries kinds add for their items that have a page (matrix rows)."""
        entries: list[dict[str, str]] = []
        for kind in self.kinds:
            if kind.search is None:
                continue
            for item_id, item in kind.items(self.catalog).items():
                src = self.layout.item_src(kind.plural, item_id)
                if src:
                    page = PageContext(self.renderer, self.layout.url(src), build or self.build)
                    entries.extend(kind.search(page, item))
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
    glossary_folder: str = "glossary",
    titles: dict[str, str] | None = None,
    namespace: str = "guidekit",
    language: str | None = None,
    strings: dict[str, str] | None = None,
    external: dict[str, Any] | None = None,
    kinds: Registry = DEFAULT,
    cache_dir: Path | None = None,
    links_from_source: bool = False,
) -> Site:
    """Load, check and index the data of one site; raises DataError naming every problem
    (and StringsError for an unknown key in ``strings``, the site's own UI strings).

    ``folders``: kind plural -> folder of its pages (default: each kind's own); ``titles``:
    titles of the kinds' index pages by option name (``matrices``); ``kinds``: the registry
    (guidekit's kinds, or :func:`guidekit.kinds.registry.load_registry` with a site's own);
    ``cache_dir``: a folder where parsed data files are kept between processes
    (``data/disk_cache.py``), or None to parse every file; ``links_from_source``: write the
    links of generated pages from their source files, as Zensical reads them (``Layout``)."""
    added: dict[str, dict[str, str]] = {}
    for kind in kinds:
        for lang, table in kind.strings.items():
            added.setdefault(lang, {}).update(table)
    ui_strings = Strings(language, strings, added)
    data_path = Path(data_dir)
    data = load_data(data_path, kinds.data_file, kinds.singular(), cache_dir)
    catalog, checked = build_catalog(
        data, kinds.kinds,
        block_kinds={kind.name: kind.plural for kind in kinds.placed},
        after_checks=[kind.after_check for kind in kinds if kind.after_check is not None],
        text_refs=[kind.plural for kind in kinds if kind.text_refs],
        external=external,
    )
    layout = Layout(catalog, kinds, use_directory_urls,
                    folders=default_folders(kinds) if folders is None else dict(folders),
                    links_from_source=links_from_source)
    layout.tags_folder = tags_folder
    layout.glossary_folder = glossary_folder
    by_option = {kind.option_name: kind.plural for kind in kinds}
    layout.titles = {by_option.get(k, k): v for k, v in (titles or {}).items()}
    renderer = Renderer(kinds, catalog, checked, layout, template_dirs, namespace=namespace,
                        strings=ui_strings)
    if cache_dir is not None:
        renderer.text.stored = load_conversions(cache_dir)
    site = Site(data_path, kinds, catalog, checked, layout, renderer,
                NameIndex.build(catalog.names()), list(template_dirs), cache_dir=cache_dir)
    site.stamp = fingerprint(site._inputs())
    # Everything here decides the generated pages, so it keys the pages kept between builds.
    site.settings = json.dumps(
        [use_directory_urls, links_from_source, [str(path) for path in template_dirs],
         layout.folders, tags_folder, glossary_folder, layout.titles, namespace,
         ui_strings.table, [k.name for k in kinds],
         sorted((ref, repr(entity)) for ref, entity in (external or {}).items())],
        sort_keys=True, ensure_ascii=False, default=repr)
    return site
