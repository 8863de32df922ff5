"""The MkDocs adapter: each event method is a few lines calling the portable core.

Build order (MkDocs 1.6): on_config loads and checks all data once; on_files adds generated
pages, the print page and assets; on_nav places them and notes which pages count for reading
progress and print; on_page_markdown expands embeds; on_page_content auto-links and adds the
reading-progress markers; on_page_context fills the late "discussed in" lists and progress
overviews once every page has been rendered; on_post_build writes the print edition from
every page's final HTML and adds matrix rows to the search index; on_serve watches the data.
"""

from __future__ import annotations

import fnmatch
import json
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from . import csp
from .bundles import PageAssets, fingerprint, link_page_assets
from .config import GuidekitConfig
from .core import PRINT_PLACEHOLDER, BuildContext, Site, load_site
from .data.disk_cache import FOLDER as DATA_CACHE
from .data.loader import DataError
from .data.safe_links import refused_links_in_html
from .data.schema import SCHEMA_PATH
from .embeds import EmbedError
from .export.guide import (
    GUIDE_FILE,
    GUIDE_SCHEMA_FILE,
    guide_export,
    guide_text,
    site_guide_schema_text,
)
from .export.imports import GuideImportError, ImportedEntity, load_imports
from .export.llms import (
    LLMS_FILE,
    LLMS_FULL_FILE,
    LlmsGroup,
    LlmsPage,
    PageTexts,
    llms_full_txt,
    llms_txt,
)
from .i18n import StringsError
from .kinds.registry import KindError, load_registry
from .links.autolink import SectionMention, autolink
from .pages.nav import drop_page, place_generated
from .printing import PrintGroup, PrintPage
from .reading import Outline, OutlineGroup, OutlinePage, matches, page_key

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server (and http.server)
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

ASSET_PREFIX = "assets/guidekit"


class GuidekitPlugin(BasePlugin[GuidekitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.build = BuildContext()  # replaced by a fresh one as each build adds its files
        self._site_key: tuple[Any, ...] = ()
        self.is_serve = False
        self.generated: dict[str, tuple[str, str]] = {}  # src_uri -> (kind, id)
        self.section_mentions: dict[str, list[tuple[Page, SectionMention]]] = {}
        self.print_file: File | None = None
        self.print_groups: list[PrintGroup] = []
        self.print_srcs: set[str] = set()
        self.print_contents: dict[str, tuple[str, str]] = {}  # src_uri -> (title, final HTML)
        self.llms_groups: list[LlmsGroup] = []  # every page, by top-level nav entry
        self.page_html: dict[str, tuple[str, str]] = {}  # src_uri -> (title, final HTML)
        # What decides the lazy files a page links; empty when the plugin adds no assets.
        self.page_assets = PageAssets()

    # ------------------------------------------------------------------ lifecycle

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            self.site = None
            return config
        # `mkdocs serve` keeps this instance across rebuilds (we define on_startup) and calls
        # on_config each time: reuse the loaded data unless a data or template file changed.
        # MkDocs caches plugin instances per process, not per site: the key names the site.
        key = (config.use_directory_urls, config.theme.custom_dir, str(self._data_dir(config)),
               config.site_name, self.config.language, config.theme.get("language"),
               json.dumps(self.config.strings, sort_keys=True), tuple(self.config.kinds),
               json.dumps([dict(option) for option in self.config.imports], sort_keys=True),
               fingerprint(self._import_paths(config)))
        if self.site is None or self._site_key != key or self.site.changed():
            self.site = self._load(config)
            self._site_key = key
        if self.config.assets:
            self._add_assets(config)
        return config

    def _data_dir(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path or ".").parent / self.config.data_dir).resolve()

    def _load(self, config: MkDocsConfig) -> Site:
        data_dir = self._data_dir(config)
        custom_dir = config.theme.custom_dir
        try:
            kinds = load_registry(self.config.kinds,
                                  Path(config.config_file_path or ".").parent)
        except KindError as error:
            raise PluginError(f"guidekit: option 'kinds': {error}") from None
        try:
            return load_site(
                data_dir,
                use_directory_urls=config.use_directory_urls,
                template_dirs=[Path(custom_dir)] if custom_dir else [],
                folders=kinds.page_folders(self.config.pages),
                tags_folder=self.config.pages.tags,
                glossary_folder=self.config.pages.glossary,
                titles=self.config.nav_titles,
                namespace=self.config.storage_namespace or config.site_name,
                language=self.config.language or config.theme.get("language"),
                strings=self.config.strings,
                kinds=kinds,
                external=self._imported(config),
                cache_dir=(Path(config.config_file_path or ".").parent / DATA_CACHE
                           if self.config.cache else None),
            )
        except StringsError as error:
            raise PluginError(f"guidekit: option 'strings': {error}") from None
        except GuideImportError as error:
            raise PluginError(f"guidekit: option 'imports': {error}") from None
        except DataError as error:
            count = len(error.problems)
            raise PluginError(
                f"guidekit: {count} problem{'s' if count != 1 else ''} in {data_dir}:\n  "
                + "\n  ".join(error.problems)
            ) from None

    def _import_paths(self, config: MkDocsConfig) -> list[Path]:
        """The imported guide.json files (not URLs: those are read once, from the cache)."""
        root = Path(config.config_file_path or ".").parent
        return [root / option.path for option in self.config.imports if option.path]

    def _imported(self, config: MkDocsConfig) -> dict[str, ImportedEntity]:
        """The entities of every guide under ``imports``, by "prefix:id"."""
        return load_imports([dict(option) for option in self.config.imports],
                            Path(config.config_file_path or ".").parent)

    def _add_assets(self, config: MkDocsConfig) -> None:
        # CSS first so a site's own extra_css, listed after, wins on equal specificity.
        config.extra_css.insert(0, f"{ASSET_PREFIX}/guidekit.css")
        config.extra_javascript.append(f"{ASSET_PREFIX}/guidekit-formulas.js")
        config.extra_javascript.append(f"{ASSET_PREFIX}/guidekit.js")

    # ------------------------------------------------------------------ files and nav

    @event_priority(-50)  # after mkdocs-gen-files (0) so its pages count as the site's own
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            return files
        self.generated = {}
        # First what the site's own pages say: their titles (generated pages link their sources)
        # and where their ```guidekit fences place items (so "Appears in" can link there).
        doc_titles, fences = _scan_docs(files)
        self.build = self.site.start_build(doc_titles)
        for src_uri, markdown in fences.items():
            if not self._detached(src_uri):
                self.site.note_placements(markdown, src_uri, self.build)
        self._check_doc_links(files)
        for src_uri, (kind, item_id, content) in self.site.generated_pages(self.build).items():
            if files.get_file_from_path(src_uri) is not None:
                log.info("%s is written by the site; not generating it", src_uri)
                continue
            files.append(File.generated(config, src_uri, content=content))
            self.generated[src_uri] = (kind, item_id)
        # Files kinds add (the decks' Anki exports): content, not assets, so always written.
        for path, content in self.site.extra_files().items():
            files.append(File.generated(config, path, content=content))
        self.print_file = self._add_print_page(files, config)
        if self.config.assets:
            self._add_asset_files(files, config)
        return files

    def _check_doc_links(self, files: Files) -> None:
        """Data citing a docs page (an article's number) needs the page and its heading."""
        assert self.site is not None

        def page_text(src_uri: str) -> str | None:
            file = files.get_file_from_path(src_uri)
            if file is None or not file.is_documentation_page():
                return None
            return file.content_string

        problems = self.site.doc_link_problems(page_text)
        if problems:
            count = len(problems)
            raise PluginError(
                f"guidekit: {count} problem{'s' if count != 1 else ''} in {self.site.data_dir}:"
                "\n  " + "\n  ".join(problems))

    def _add_print_page(self, files: Files, config: MkDocsConfig) -> File | None:
        options = self.config.print
        if not options.enabled or self.site is None:
            return None
        if files.get_file_from_path(options.page) is not None:
            raise PluginError(f"guidekit: print.page '{options.page}' is a page of the site; "
                              "choose another path for the print edition")
        title = options.title or config.site_name
        file = File.generated(config, options.page, content=self.site.print_markdown(title))
        files.append(file)
        return file

    def _add_asset_files(self, files: Files, config: MkDocsConfig) -> None:
        assert self.site is not None
        self.page_assets = self.site.page_assets()
        for name, content in self.site.bundled_assets().items():
            files.append(File.generated(config, f"{ASSET_PREFIX}/{name}", content=content))
        mermaid = self.config.mermaid_js
        if mermaid and files.get_file_from_path(mermaid) is None:
            log.warning(
                "mermaid_js '%s' is not a file in docs_dir; diagrams will show their Mermaid "
                "source only (the guide's Makefile fetches it: make vendor)", mermaid)
            mermaid = None
        files.append(File.generated(config, f"{ASSET_PREFIX}/guidekit-formulas.js",
                                    content=self.site.formulas_script(
                                        mermaid, unlinked_pages=False)))
        # Published so editors of a site's data can point at the site's own copy.
        files.append(File.generated(config, f"{ASSET_PREFIX}/guidekit-data.schema.json",
                                    abs_src_path=str(SCHEMA_PATH)))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.site is None:
            return nav
        if self.config.nav:
            nav = place_generated(nav, files, self.site, self.generated, self.config.nav_titles,
                                  automatic=config.nav is None,
                                  by_category=self.config.nav_by_category)
        if self.print_file is not None and self.print_file.page is not None:
            drop_page(nav, self.print_file.page)  # MkDocs' automatic nav lists every page
        self.build.outline = self._reading_outline(nav)
        self.print_groups = self._print_groups(nav)
        # Asked of every page in on_page_context: a set, not a walk over the groups.
        self.print_srcs = {p.src for group in self.print_groups for p in group.pages}
        if self.config.export.llms_txt:
            self.llms_groups = self._llms_groups(nav, files)
        return nav

    def _llms_groups(self, nav: Navigation, files: Files) -> list[LlmsGroup]:
        """Every page once: by top-level nav entry, then the pages the nav leaves out."""
        seen: set[str] = set()
        groups: list[LlmsGroup] = []
        lone = LlmsGroup("", [])  # top-level pages and pages outside the nav, in one section
        for title, pages in _nav_groups(nav, ["*"], []):
            group = LlmsGroup(title, []) if title else lone
            for page in pages:
                if page.file.src_uri not in seen:  # html holds the source path until post-build
                    seen.add(page.file.src_uri)
                    group.pages.append(LlmsPage(page.title or page.file.src_uri, page.url,
                                                page.file.src_uri))
            if group.pages and not any(g is group for g in groups):
                groups.append(group)
        print_src = self.print_file.src_uri if self.print_file else None
        for file in files.documentation_pages():
            if file.src_uri not in seen and file.src_uri != print_src:
                title = (file.page.title if file.page else None) or file.src_uri
                lone.pages.append(LlmsPage(title, file.url, file.src_uri))
        if lone.pages and not any(g is lone for g in groups):
            groups.append(lone)
        return groups

    def _reading_outline(self, nav: Navigation) -> Outline:
        """The pages that count for reading progress, by top-level nav entry."""
        options = self.config.progress
        return Outline([
            OutlineGroup(title, [OutlinePage(p.title or "", p.file.src_uri, page_key(p.url))
                                 for p in pages])
            for title, pages in _nav_groups(nav, options.include,
                                            [*options.exclude, *self.config.detached])
        ])

    def _print_groups(self, nav: Navigation) -> list[PrintGroup]:
        """The pages of the print edition, by top-level nav entry (their HTML comes later)."""
        if self.print_file is None:
            return []
        options = self.config.print
        return [
            PrintGroup(title, [PrintPage(p.title or p.file.src_uri, page_key(p.url),
                                         p.file.src_uri) for p in pages])
            for title, pages in _nav_groups(nav, options.include,
                                            [*options.exclude, *self.config.detached])
        ]

    # ------------------------------------------------------------------ pages

    @event_priority(-50)  # after mkdocs-macros, so a macro may produce an embed fence
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.site is None:
            return markdown
        try:
            src = page.file.src_uri
            return self.site.expand_embeds(markdown, src, page.url, self.build,
                                           not self._detached(src))
        except (EmbedError, KeyError) as error:
            message = error.args[0] if error.args else str(error)
            raise PluginError(f"guidekit: {page.file.src_uri}: {message}") from None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.site is None:
            return html
        if page.file.src_uri in self.generated:
            _refuse_unsafe_links(html, page.file.src_uri)
        html = self._link_imported(html, page)
        if self._autolinks(page):
            html = self._autolink(html, page, files)
        if self.config.progress.enabled:
            html = self._add_reading(html, page)
        return html

    def _add_reading(self, html: str, page: Page) -> str:
        assert self.site is not None
        options = self.config.progress
        src = page.file.src_uri
        counted = self.build.outline.counts(src)
        if counted:
            description = page.meta.get("description")
            self.build.outline.note_page(src, page.title or "", self.site.sections_of(html),
                                         description if isinstance(description, str) else "")
        return self.site.add_reading_controls(
            html, key=page_key(page.url), page_url=page.url, counted=counted,
            sections=options.sections, selector=options.nav_selector, build=self.build)

    def _link_imported(self, html: str, page: Page) -> str:
        """[[prefix:id]] in the page's prose: a link into an imported guide."""
        assert self.site is not None
        linked, problems = self.site.link_page_refs(html, page.url)
        for problem in problems:  # a warning: --strict fails, naming the page
            log.warning("%s: %s", page.file.src_uri, problem)
        return linked

    def _autolink(self, html: str, page: Page, files: Files) -> str:
        assert self.site is not None
        kind_id = self.generated.get(page.file.src_uri)
        own = kind_id[1] if kind_id and kind_id[0] == "entity" else None

        def link_for(entity_id: str) -> str:
            external = self.site.catalog.external.get(entity_id)  # type: ignore[union-attr]
            if external is not None:
                return str(external.url)
            target = files.get_file_from_path(self.site.entity_src(entity_id))  # type: ignore[union-attr]
            return get_relative_url(target.url, page.url) if target else "#"

        linked, mentions = autolink(html, self.site.names, link_for, skip_entity=own)
        for mention in mentions:
            self.section_mentions.setdefault(mention.entity_id, []).append((page, mention))
        return linked

    def _autolinks(self, page: Page) -> bool:
        options = self.config.autolink
        if not options.enabled:
            return False
        src = page.file.src_uri
        if (src in self.generated and not options.generated_pages) or self._detached(src):
            return False
        if any(fnmatch.fnmatch(src, pattern) for pattern in options.exclude):
            return False
        return any(fnmatch.fnmatch(src, pattern) for pattern in options.include)

    def _detached(self, src: str) -> bool:
        return any(fnmatch.fnmatch(src, pattern) for pattern in self.config.detached)

    @event_priority(50)  # before the search plugin (0) indexes page.content
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if self.site is None or page.content is None:
            return context
        kind_id = self.generated.get(page.file.src_uri)
        if kind_id and kind_id[0] == "entity":
            page.content = self.site.fill_sections(page.content, kind_id[1], page.url,
                                                   self._sections_of(kind_id[1]), self.build)
        page.content = self.site.fill_progress(page.content, page.url, self.build)
        if page.file.src_uri in self.print_srcs:
            self.print_contents[page.file.src_uri] = (page.title or "", page.content)
        if self.config.export.llms_txt:
            self.page_html[page.file.src_uri] = (page.title or "", page.content)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.site is None or PRINT_PLACEHOLDER in output:  # the print page: once filled
            return output
        return link_page_assets(output, self.page_assets)

    def _sections_of(self, entity_id: str) -> list[tuple[str, str, str]]:
        """(page title, url, heading) of each docs section that mentions the entity."""
        found = []
        for page, mention in self.section_mentions.get(entity_id, []):
            url = page.url + (f"#{mention.anchor}" if mention.anchor else "")
            found.append((page.title or page.file.src_uri, url, mention.heading))
        return found

    # ------------------------------------------------------------------ after the build

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is None:
            return
        self._write_print_edition()
        if self.config.search_rows:
            self._add_search_rows(config)
        if self.config.export.guide_json:
            self._write_guide_json(config)
        if self.config.export.llms_txt:
            self._write_llms_txt(config)
        self.site.keep_for_next_build()
        if self.config.csp:
            self._write_headers(Path(config.site_dir))  # last: it hashes the final HTML

    def _write_guide_json(self, config: MkDocsConfig) -> None:
        assert self.site is not None
        from . import __version__

        export = guide_export(self.site, name=config.site_name, url=config.site_url or "",
                              description=config.site_description or "",
                              generator=f"guidekit {__version__}")
        site_dir = Path(config.site_dir)
        (site_dir / GUIDE_FILE).write_text(guide_text(export), encoding="utf-8")
        # The schema of this site's kinds (the published one, unless the site adds kinds).
        (site_dir / GUIDE_SCHEMA_FILE).write_text(site_guide_schema_text(self.site.kinds),
                                                  encoding="utf-8")

    def _write_llms_txt(self, config: MkDocsConfig) -> None:
        """llms.txt and llms-full.txt from the pages' final HTML (known only now)."""
        for group in self.llms_groups:
            for page in group.pages:
                title, page.html = self.page_html.get(page.html, ("", ""))
                page.title = title or page.title
        name, summary = config.site_name, config.site_description or ""
        site_url = config.site_url or ""
        extras = []
        if self.config.export.guide_json:
            extras.append(("guide.json", GUIDE_FILE,
                           "the site's data as JSON: every entity with its links, every table, "
                           "checklist, calculator (with its formulas) and decision"))
        site_dir = Path(config.site_dir)
        (site_dir / LLMS_FILE).write_text(llms_txt(name, summary, self.llms_groups, site_url,
                                                   extras), encoding="utf-8")
        cache_dir = self.site.cache_dir if self.site is not None else None
        texts = PageTexts.load(cache_dir) if cache_dir is not None else None
        (site_dir / LLMS_FULL_FILE).write_text(
            llms_full_txt(name, summary, self.llms_groups, site_url, texts), encoding="utf-8")
        if texts is not None and cache_dir is not None:
            texts.keep(cache_dir)
        self.page_html = {}

    def _write_print_edition(self) -> None:
        """Every page's final HTML exists only now: put them into the built print page."""
        if self.print_file is None or self.site is None:
            return
        groups = []
        for group in self.print_groups:
            pages = []
            for page in group.pages:
                if page.src in self.print_contents:
                    title, page.content = self.print_contents[page.src]
                    page.title = title or page.title
                    pages.append(page)
            if pages:
                groups.append(PrintGroup(group.title, pages))
        path = Path(self.print_file.abs_dest_path)
        built = path.read_text(encoding="utf-8")
        edition = self.site.print_html(groups, page_key(self.print_file.url), self.build)
        path.write_text(link_page_assets(built.replace(PRINT_PLACEHOLDER, edition, 1),
                                         self.page_assets), encoding="utf-8")
        self.print_contents = {}

    def _add_search_rows(self, config: MkDocsConfig) -> None:
        assert self.site is not None
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if not index_path.is_file():
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index.setdefault("docs", []).extend(self.site.search_entries(self.build))
        index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                              encoding="utf-8")

    def _write_headers(self, site_dir: Path) -> None:
        # Mermaid styles the SVG it draws inline; without flowcharts, styles are files only.
        value = csp.policy(csp.site_script_hashes(site_dir),
                           inline_styles=bool(self.config.mermaid_js))
        path = site_dir / csp.HEADERS_FILE
        existing = path.read_text(encoding="utf-8") if path.is_file() else None
        text = csp.headers_file(value, existing)
        if text is None:
            log.info("%s sets its own Content-Security-Policy; guidekit leaves it", path.name)
            return
        path.write_text(text, encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> None:
        if self.site is None:
            return
        # mkdocs serve watches docs_dir and mkdocs.yml only; data, templates and imported
        # guides are ours.
        server.watch(str(self.site.data_dir))
        for path in self._import_paths(config):
            if path.is_file():
                server.watch(str(path))
        for directory in self.site.template_dirs:
            overrides = directory / "guidekit"
            if overrides.is_dir():  # watching a missing folder makes the server crash
                server.watch(str(overrides))
        self.section_mentions = {}

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.page_assets = PageAssets()
        self.section_mentions = {}
        self.print_contents = {}
        self.page_html = {}


def _refuse_unsafe_links(html: str, src_uri: str) -> None:
    """A generated page links only to safe schemes. Data is checked when it loads (naming
    file, line and field); this catches what a site's own template overrides may add."""
    refused = refused_links_in_html(html)
    if refused:
        raise PluginError(f"guidekit: generated page {src_uri}: {refused[0]}")


def _scan_docs(files: Files) -> tuple[dict[str, str], dict[str, str]]:
    """Titles of hand-written pages (first '# ' heading) and the sources that embed items."""
    titles: dict[str, str] = {}
    embedding: dict[str, str] = {}
    for file in files.documentation_pages():
        if file.generated_by or not file.abs_src_path:
            continue
        try:
            with open(file.abs_src_path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("# "):
                titles[file.src_uri] = line[2:].strip()
                break
        if "guidekit" in text:
            embedding[file.src_uri] = text
    return titles, embedding


def _nav_groups(
    nav: Navigation, include: list[str], exclude: list[str]
) -> list[tuple[str, list[Page]]]:
    """The top-level entries of the navigation with their pages that match the globs: a
    section (its nested sections flattened) or a lone page (an empty title)."""
    groups: list[tuple[str, list[Page]]] = []
    for item in nav.items:
        pages = [p for p in _pages_under(item) if matches(p.file.src_uri, include, exclude)]
        if pages:
            # Nav titles are HTML (ours escaped in pages/nav.py); our templates escape again.
            title = unescape(item.title or "") if isinstance(item, Section) else ""
            groups.append((title, pages))
    return groups


def _pages_under(item: Any) -> list[Page]:
    if isinstance(item, Page):
        return [item]
    if isinstance(item, Section):
        return [page for child in item.children for page in _pages_under(child)]
    return []  # a Link

