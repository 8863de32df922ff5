"""``python -m guidekit postbuild SITE``: what the plugin does after Markdown, done on the HTML
that Zensical wrote from the staged tree (generate.py), so both engines give the same pages.

In the plugin's order: per page, auto-linking of entity names (on_page_content) and the
reading-progress markers; then, once every page is known, the "Discussed in" lists of entity
pages and the progress overview (on_page_context); then the print edition and the matrix
rows of the search index (on_post_build). Each step declares what it reads and writes, as
the generator's steps do.

A page's content is the inside of Material's ``<article class="md-content__inner
md-typeset">`` (Zensical's theme keeps that markup; it puts a skip anchor first), the same
HTML the plugin sees as ``page.content``.
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import csp
from ..bundles import PageAssets, link_page_assets
from ..core import PRINT_PLACEHOLDER, BuildContext, Site
from ..data.safe_links import refused_links_in_html
from ..links.autolink import autolink
from ..printing import PrintGroup, PrintPage
from ..reading import Outline, OutlineGroup, OutlinePage, page_key
from ..render.layout import relative_url
from .config import GuideConfig, read_config
from .generate import MANIFEST, load_guide_site
from .generate import Step as Step  # the same record: name, reads, writes, run

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?:\s*<a id="__skip"'
                      r' tabindex="-1"></a>)?')
_END = "</article>"
# Put after the article's start on a finished page, so running postbuild again (a rebuild
# that kept some pages as they were) never adds the markers and links twice.
FINISHED = "<!-- guidekit: finished -->"


@dataclass
class BuiltPage:
    src: str
    url: str
    title: str
    generated: tuple[str, str] | None
    path: Path  # the written HTML
    html: str = ""
    start: int = 0  # the content is html[start:end]
    end: int = 0

    @property
    def content(self) -> str:
        return self.html[self.start:self.end]

    def replace_content(self, content: str) -> None:
        self.html = self.html[:self.start] + content + self.html[self.end:]
        self.end = self.start + len(content)


@dataclass
class Finishing:
    config: GuideConfig
    site: Site
    build: BuildContext
    site_dir: Path
    manifest: dict[str, Any]
    pages: list[BuiltPage] = field(default_factory=list)
    mentions: dict[str, list[tuple[BuiltPage, str, str]]] = field(default_factory=dict)
    print_contents: dict[str, tuple[str, str]] = field(default_factory=dict)


def read_pages(run: Finishing) -> None:
    for src, info in run.manifest["pages"].items():
        path = run.site_dir / _html_file(info["url"])
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        found = _ARTICLE.search(html)
        end = html.rfind(_END)
        if found is None or end < found.end() or FINISHED in html:
            continue
        generated = tuple(info["generated"]) if info["generated"] else None
        run.pages.append(BuiltPage(src, info["url"], info["title"], generated,
                                   path, html, found.end(), end))


def _html_file(url: str) -> str:
    """The file a page URL is served from (``a/`` and ``""`` are folders)."""
    return url + "index.html" if url.endswith("/") or not url else url


def link_and_mark(run: Finishing) -> None:
    """on_page_content: auto-links and reading markers, page by page."""
    options = run.config.options
    progress = options["progress"]
    for page in run.pages:
        content = page.content
        if page.generated:  # as the plugin: what a site's template overrides may add
            refused = refused_links_in_html(content)
            if refused:
                raise ValueError(f"generated page {page.src}: {refused[0]}")
        if _autolinks(run, page):
            own = page.generated[1] if page.generated and page.generated[0] == "entity" else None

            def link_for(entity_id: str, page: BuiltPage = page) -> str:
                return relative_url(run.site.layout.url(run.site.entity_src(entity_id)),
                                    page.url)

            content, found = autolink(content, run.site.names, link_for, skip_entity=own)
            for mention in found:
                run.mentions.setdefault(mention.entity_id, []).append(
                    (page, mention.anchor, mention.heading))
        if progress["enabled"]:
            counted = run.build.outline.counts(page.src)
            if counted:
                run.build.outline.note_page(page.src, page.title,
                                            run.site.sections_of(content))
            content = run.site.add_reading_controls(
                content, key=page_key(page.url), page_url=page.url, counted=counted,
                sections=progress["sections"], selector=progress["nav_selector"],
                build=run.build)
        page.replace_content(content)


def _autolinks(run: Finishing, page: BuiltPage) -> bool:
    options = run.config.options["autolink"]
    if not options["enabled"]:
        return False
    if page.generated and not options["generated_pages"]:
        return False
    if any(fnmatch.fnmatch(page.src, pattern) for pattern in run.config.options["detached"]):
        return False
    if any(fnmatch.fnmatch(page.src, pattern) for pattern in options["exclude"]):
        return False
    return any(fnmatch.fnmatch(page.src, pattern) for pattern in options["include"])


def _page_assets(run: Finishing) -> PageAssets:
    """What decides the lazy files a page links, as the plugin links them (on_post_page)."""
    return run.site.page_assets() if run.config.options["assets"] else PageAssets()


def fill_late(run: Finishing) -> None:
    """on_page_context: "Discussed in" and the progress overview, then write each page with
    the stylesheets it needs linked (on_post_page)."""
    assets = _page_assets(run)
    print_srcs = {p[1] for group in (run.manifest["print"] or []) for p in group[1]}
    for page in run.pages:
        content = page.content
        if page.generated and page.generated[0] == "entity":
            entity_id = page.generated[1]
            sections = [(other.title or other.src,
                         other.url + (f"#{anchor}" if anchor else ""), heading)
                        for other, anchor, heading in run.mentions.get(entity_id, [])]
            content = run.site.fill_sections(content, entity_id, page.url, sections, run.build)
        content = run.site.fill_progress(content, page.url, run.build)
        page.replace_content(content)
        if page.src in print_srcs:
            run.print_contents[page.src] = (page.title, content)
        page.html = page.html[:page.start] + FINISHED + page.html[page.start:]
        if PRINT_PLACEHOLDER not in page.html:  # the print page: once filled
            page.html = link_page_assets(page.html, assets)
        page.path.write_text(page.html, encoding="utf-8")


def write_print_edition(run: Finishing) -> None:
    options = run.config.options["print"]
    if not options["enabled"] or not run.manifest["print"]:
        return
    url = run.site.layout.url(options["page"])
    path = run.site_dir / _html_file(url)
    if not path.is_file():
        return
    groups = []
    for title, pages in run.manifest["print"]:
        chosen = []
        for page_title, src, key in pages:
            if src in run.print_contents:
                shown, content = run.print_contents[src]
                chosen.append(PrintPage(shown or page_title or src, key, src, content=content))
        if chosen:
            groups.append(PrintGroup(title, chosen))
    edition = run.site.print_html(groups, page_key(url), run.build)
    built = path.read_text(encoding="utf-8")
    path.write_text(link_page_assets(built.replace(PRINT_PLACEHOLDER, edition, 1),
                                     _page_assets(run)), encoding="utf-8")


def add_search_rows(run: Finishing) -> None:
    """Matrix rows in Zensical's index (``search.json``: ``items`` of location, title, text;
    MkDocs' ``search/search_index.json`` has ``docs`` of the same three)."""
    if not run.config.options["search_rows"]:
        return
    path = run.site_dir / "search.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    items = index.setdefault("items", [])
    for entry in run.site.search_entries(run.build):
        items.append({**entry, "level": 1, "path": [], "tags": []})
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


def write_headers(run: Finishing) -> None:
    """``_headers`` with the Content-Security-Policy, hashing the final HTML (last step)."""
    if not run.config.options["csp"]:
        return
    value = csp.policy(csp.site_script_hashes(run.site_dir),
                       inline_styles=bool(run.config.options["mermaid_js"]))
    path = run.site_dir / csp.HEADERS_FILE
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    text = csp.headers_file(value, existing)
    if text is not None:
        path.write_text(text, encoding="utf-8")


STEPS: tuple[Step, ...] = (
    Step("read_pages", reads=("site:**/*.html", f"staging:{MANIFEST}"), writes=(),
         run=read_pages),
    Step("link_and_mark", reads=("data/**",), writes=(), run=link_and_mark),
    Step("fill_late", reads=(), writes=("site:**/*.html",), run=fill_late),
    Step("write_print_edition", reads=(), writes=("site:<print page>",),
         run=write_print_edition),
    Step("add_search_rows", reads=("site:search.json", "data/**"), writes=("site:search.json",),
         run=add_search_rows),
    Step("write_headers", reads=("site:**/*.html",), writes=("site:_headers",),
         run=write_headers),
)


def postbuild(site_dir: Path, staging_dir: Path) -> int:
    """Finish the built site; return how many pages were read."""
    manifest_path = staging_dir / MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(f"{manifest_path} does not exist: run `python -m guidekit "
                                "generate` first")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    config = read_config(Path(manifest["config"]))
    site = load_guide_site(config)
    build = site.start_build(manifest["doc_titles"])
    for kind, item_id, src in manifest["placements"]:
        build.place(kind, item_id, src)
    build.outline = Outline([OutlineGroup(title, [OutlinePage(t, src, key)
                                                  for t, src, key in pages])
                             for title, pages in manifest["outline"]])
    run = Finishing(config, site, build, site_dir, manifest)
    for step in STEPS:
        step.run(run)
    return len(run.pages)
