"""``python -m guidekit generate``: the whole guide as a Markdown tree that Zensical builds.

Zensical runs no MkDocs plugin; its advice to page generators is to write the pages
beforehand. These steps do what the plugin's on_config, on_files and on_nav do, into a
staging folder (default ``build/zensical``):

- ``docs/``: the site's own files, copied (a hand-written page is never overwritten by a
  generated one), every page the plugin generates as Markdown with ```guidekit fences and
  widget HTML, the print page, guidekit's assets and the files kinds add;
- ``mkdocs.yml``: the site's configuration with the generated sections in the nav, the
  ``guidekit.markdown`` extension in place of the plugin, and the assets listed;
- ``guidekit-build.json``: what later steps need (pages, titles, placements, outline), read by
  the Markdown extension and by ``python -m guidekit postbuild``, which does what the
  plugin does after Markdown (auto-links, "Discussed in", reading progress, the print
  edition, search rows) on the written HTML.

Each step is a :class:`Step` that declares what it reads and what it writes, the shape of a
module in Zensical's planned module system (inputs and outputs declared, ordering and
caching left to the runtime). Files are only rewritten when their content changes, so a
``zensical serve`` watching the staged tree rebuilds just what a data edit changed.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import Site, load_site
from ..data.disk_cache import FOLDER as DATA_CACHE
from ..data.loader import DataError
from ..data.schema import SCHEMA_PATH
from ..kinds.registry import load_registry
from ..reading import matches, page_key
from ..standalone import STAGED_MANIFEST
from .config import GuideConfig, dump_config, read_config, staged_config
from .nav import NavItem, NavSection, dump_nav, pages_under, parse_nav, place_sections

MANIFEST = STAGED_MANIFEST
ASSET_PREFIX = "assets/guidekit"


@dataclass
class Staging:
    """One run of the steps: the inputs, and what each step leaves for the next."""

    config: GuideConfig
    root: Path  # the staging folder
    theme_overrides: bool = False  # give Zensical the site's custom_dir (see config.py)
    site: Site | None = None
    doc_titles: dict[str, str] = field(default_factory=dict)
    doc_sources: dict[str, Path] = field(default_factory=dict)  # src -> file in docs_dir
    generated: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)  # every path of the staged docs tree
    nav: list[NavItem] | None = None
    changed: list[str] = field(default_factory=list)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def write(self, rel_path: str, content: str | bytes) -> None:
        """Write a staged file only when its content differs (Zensical's cache keeps the rest)."""
        self.written.add(rel_path)
        path = self.docs / rel_path
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.changed.append(rel_path)


@dataclass(frozen=True)
class Step:
    """A step of the generator: its inputs and outputs (globs, for a module system to order,
    cache and re-run them), and the function that does it."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Any], None]  # takes the run's state: Staging here, Finishing in postbuild


# ------------------------------------------------------------------ the steps


def load_data(staging: Staging) -> None:
    # Links in generated pages are written from the page's source file, as Zensical reads them.
    staging.site = load_guide_site(staging.config, links_from_source=True)


def load_guide_site(config: GuideConfig, *, links_from_source: bool = False) -> Site:
    """The site as the plugin loads it in on_config, from the same options."""
    options = config.options
    kinds = load_registry(options["kinds"], config.root)
    return load_site(
        config.data_dir,
        use_directory_urls=config.use_directory_urls,
        template_dirs=[config.custom_dir] if config.custom_dir else [],
        folders=kinds.page_folders(options["pages"]),
        tags_folder=options["pages"].get("tags", "tags"),
        glossary_folder=options["pages"].get("glossary", "glossary"),
        titles=options["nav_titles"],
        namespace=options["storage_namespace"] or config.site_name,
        language=config.language,
        strings=options["strings"],
        kinds=kinds,
        cache_dir=config.root / DATA_CACHE if options["cache"] else None,
        links_from_source=links_from_source,
    )


def copy_docs(staging: Staging) -> None:
    """The site's own files, and the titles and fences of its pages."""
    docs_dir = staging.config.docs_dir
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in
                                     path.relative_to(docs_dir).parts):
            continue
        src = path.relative_to(docs_dir).as_posix()
        staging.doc_sources[src] = path
        target = staging.docs / src
        staging.written.add(src)
        if not (target.is_file() and target.stat().st_size == path.stat().st_size
                and target.stat().st_mtime_ns == path.stat().st_mtime_ns):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            staging.changed.append(src)
        if src.endswith(".md"):
            text = path.read_text(encoding="utf-8")
            for line in text.splitlines():
                if line.startswith("# "):
                    staging.doc_titles[src] = line[2:].strip()
                    break


def generate_pages(staging: Staging) -> None:
    site = _site(staging)
    check_doc_links(staging)
    build = site.start_build(staging.doc_titles)
    for src, path in staging.doc_sources.items():
        if src.endswith(".md"):
            text = path.read_text(encoding="utf-8")
            if "guidekit" in text and not detached(staging.config.options, src):
                site.note_placements(text, src, build)
    for src, page in site.generated_pages(build).items():
        if src in staging.doc_sources:
            continue  # written by the site
        staging.generated[src] = page
        staging.write(src, page[2])
    print_options = staging.config.options["print"]
    if print_options["enabled"]:
        title = print_options["title"] or staging.config.site_name
        staging.write(print_options["page"], site.print_markdown(title))


def detached(options: dict[str, Any], src: str) -> bool:
    """As the plugin's ``detached`` option: a page kept apart from the guide (no placements,
    auto-links, progress or print)."""
    return any(fnmatch.fnmatch(src, pattern) for pattern in options["detached"])


def check_doc_links(staging: Staging) -> None:
    """Data citing a docs page (an article's sources) needs the page and its heading, as the
    plugin checks in on_files; raises DataError naming every problem."""
    def page_text(src: str) -> str | None:
        path = staging.doc_sources.get(src)
        return path.read_text(encoding="utf-8") if path and src.endswith(".md") else None

    problems = _site(staging).doc_link_problems(page_text)
    if problems:
        raise DataError(problems)


def write_assets(staging: Staging) -> None:
    site = _site(staging)
    for path, content in site.extra_files().items():
        staging.write(path, content)
    if not staging.config.options["assets"]:
        return
    for name, content in site.bundled_assets().items():
        staging.write(f"{ASSET_PREFIX}/{name}", content)
    mermaid = staging.config.options["mermaid_js"]
    if mermaid and mermaid not in staging.doc_sources:
        mermaid = None  # as the plugin: the Mermaid source shows as text
    staging.write(f"{ASSET_PREFIX}/guidekit-formulas.js", site.formulas_script(mermaid))
    staging.write(f"{ASSET_PREFIX}/guidekit-data.schema.json", SCHEMA_PATH.read_bytes())


def build_nav(staging: Staging) -> None:
    site = _site(staging)
    entries = staging.config.raw.get("nav")
    if entries is None:
        return  # Zensical's automatic nav lists every page, as MkDocs' does
    items = parse_nav(entries)
    if staging.config.options["nav"]:
        pages = set(staging.doc_sources) | set(staging.generated)
        items = place_sections(items, _sections(site, staging.config.options), pages,
                               by_category=_category_groups(site, staging.config.options))
    staging.nav = items


def _sections(site: Site, options: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(index source, title, child sources) per collection and kind, as pages/nav.py."""
    layout = site.layout
    out = []
    for collection in site.catalog.collections.values():
        entities = sorted(site.catalog.by_collection(collection.id), key=lambda e: e.name.lower())
        out.append((layout.collection_src(collection.id), collection.title,
                    [layout.entity_src(e.id) for e in entities]))
    for plural, folder in layout.folders.items():
        kind = site.kinds[plural]
        children = [src for item_id in kind.items(site.catalog)
                    if (src := layout.item_src(plural, item_id))]
        if folder and children:
            title = options["nav_titles"].get(kind.option_name) or site.kind_title(kind)
            out.append((layout.kind_index_src(plural), title, children))
    return out


def _category_groups(site: Site, options: dict[str, Any]) -> dict[str, list[tuple[str, list[str]]]]:
    """Per collection of ``nav_by_category``: its entity pages nested by category, sorted as
    pages/nav.py sorts them (entities without one last, under the overview's "Other")."""
    other = site.renderer.t("pages.other_category")
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for collection_id in options["nav_by_category"]:
        if collection_id not in site.catalog.collections:
            continue
        entities = sorted(site.catalog.by_collection(collection_id), key=lambda e: e.name.lower())
        groups: dict[str, list[str]] = {}
        for entity in entities:
            groups.setdefault(entity.category or other, []).append(
                site.layout.entity_src(entity.id))
        out[site.layout.collection_src(collection_id)] = sorted(
            groups.items(), key=lambda kv: (kv[0] == other, kv[0]))
    return out


def write_config(staging: Staging) -> None:
    config = staging.config
    extension = {
        "data_dir": _rel(config.data_dir, staging.root),
        "use_directory_urls": config.use_directory_urls,
        "storage_namespace": config.options["storage_namespace"] or config.site_name,
        "language": config.language or "",
        "build_file": MANIFEST,
    }
    nav = dump_nav(staging.nav) if staging.nav is not None else None
    text = dump_config(staged_config(config, staging.root, nav, extension,
                                     staging.theme_overrides))
    path = staging.root / "mkdocs.yml"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        staging.changed.append("mkdocs.yml")


def write_manifest(staging: Staging) -> None:
    """What the extension and postbuild need to give each page what the plugin gives it."""
    site = _site(staging)
    config = staging.config
    titles = _page_titles(staging)
    manifest = {
        "config": str(config.path),
        "site_url": config.raw.get("site_url") or "",
        "pages": {src: {"url": site.layout.url(src), "title": titles.get(src, ""),
                        "generated": list(staging.generated[src][:2]) if src in staging.generated
                        else None}
                  for src in sorted(titles)},
        "doc_titles": staging.doc_titles,
        "detached": list(config.options["detached"]),
        "placements": [[kind, item_id, src] for (kind, item_id), src
                       in site.build.placements.items()],
        "outline": _groups(staging, titles, config.options["progress"]),
        "print": _groups(staging, titles, config.options["print"])
                 if config.options["print"]["enabled"] else None,
    }
    text = json.dumps(manifest, indent=1, sort_keys=True)
    path = staging.root / MANIFEST
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _page_titles(staging: Staging) -> dict[str, str]:
    """Every page's title as MkDocs shows it: the nav's title, else the first heading."""
    titles = dict(staging.doc_titles)
    for src in staging.doc_sources:
        if src.endswith(".md"):
            titles.setdefault(src, "")
    for src, (_, _, markdown) in staging.generated.items():
        titles[src] = next((line[2:].strip() for line in markdown.splitlines()
                            if line.startswith("# ")), "")
    print_options = staging.config.options["print"]
    if print_options["enabled"]:
        titles[print_options["page"]] = print_options["title"] or staging.config.site_name
    for item in staging.nav or []:
        for page in pages_under(item):
            if page.title:
                titles[page.src] = page.title
    return titles


def _groups(staging: Staging, titles: dict[str, str],
            options: dict[str, Any]) -> list[list[Any]]:
    """[title, [[page title, src, key]]] per top-level nav entry, as the plugin's _nav_groups."""
    site = _site(staging)
    detached_globs = staging.config.options["detached"]
    groups: list[list[Any]] = []
    for item in staging.nav or []:
        pages = [p for p in pages_under(item)
                 if p.src.endswith(".md") and matches(
                     p.src, options["include"], [*options["exclude"], *detached_globs])]
        if pages:
            groups.append([item.title if isinstance(item, NavSection) else "",
                           [[titles.get(p.src, ""), p.src, page_key(site.layout.url(p.src))]
                            for p in pages]])
    return groups


def prune(staging: Staging) -> None:
    """Remove staged files that neither the site nor the generator writes any more."""
    if not staging.docs.is_dir():
        return
    for path in sorted(staging.docs.rglob("*"), reverse=True):
        rel = path.relative_to(staging.docs).as_posix()
        if path.is_file() and rel not in staging.written:
            path.unlink()
            staging.changed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _site(staging: Staging) -> Site:
    assert staging.site is not None, "load_data runs first"
    return staging.site


def _rel(path: Path, start: Path) -> str:
    return os.path.relpath(path, start).replace(os.sep, "/")


STEPS: tuple[Step, ...] = (
    Step("load_data", reads=("mkdocs.yml", "data/**"), writes=(), run=load_data),
    Step("copy_docs", reads=("docs/**",), writes=("staging:docs/**",), run=copy_docs),
    Step("generate_pages", reads=("data/**", "docs/**/*.md"),
         writes=("staging:docs/<generated pages>.md", "staging:docs/<print page>.md"),
         run=generate_pages),
    Step("write_assets", reads=("data/**",), writes=("staging:docs/assets/guidekit/**",),
         run=write_assets),
    Step("build_nav", reads=("mkdocs.yml", "data/**"), writes=(), run=build_nav),
    Step("write_config", reads=("mkdocs.yml",), writes=("staging:mkdocs.yml",),
         run=write_config),
    Step("write_manifest", reads=("docs/**/*.md", "data/**"),
         writes=(f"staging:{MANIFEST}",), run=write_manifest),
    Step("prune", reads=("staging:docs/**",), writes=("staging:docs/**",), run=prune),
)


def generate(config_file: Path, staging_dir: Path, theme_overrides: bool = False) -> Staging:
    """Run every step; return what they did (``changed``: the staged files rewritten)."""
    staging = Staging(read_config(config_file), staging_dir.resolve(), theme_overrides)
    staging.root.mkdir(parents=True, exist_ok=True)
    for step in STEPS:
        step.run(staging)
    if staging.site is not None:  # the data text converted, for the next run (disk_cache.py)
        staging.site.keep_for_next_build()
    return staging


def watched_inputs(config_file: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of every input of the steps: the configuration, data, docs and
    template overrides; a change anywhere means regenerate."""
    config = read_config(config_file)
    folders = [config.data_dir, config.docs_dir]
    if config.custom_dir is not None:
        folders.append(config.custom_dir / "guidekit")
    paths = [config.path] + [p for folder in folders if folder.is_dir()
                             for p in sorted(folder.rglob("*")) if p.is_file()]
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)
