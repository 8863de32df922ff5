"""The renderer of generated pages and of every widget (through each kind's view), used by the
MkDocs plugin and the macros.

Fragments are Jinja templates with autoescaping; data Markdown is converted by TextRenderer and
passed in as Markup. A fragment comes out as a single line of HTML so it can sit inside a
Markdown page as one raw HTML block (Python-Markdown leaves such blocks alone).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..data.catalog import Catalog, Checked, entity_field
from ..data.models import Entity
from ..data.safe_links import refused_url
from ..embeds import hide_repeated_title
from ..i18n import Strings
from ..kinds.calculator.view import value_attr
from ..kinds.graph import showcase
from ..kinds.registry import AnyKind, Registry
from ..kinds.table.rows import table_rows
from ..reading import Outline
from ..text import TextRenderer, UnsafeLinkError, plain_text
from .layout import Layout, relative_url
from .template_cache import TEMPLATES

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class BuildContext:
    """What one build learns as it goes, created fresh by each build (``Site.start_build``) and
    passed down, so a ``serve`` rebuild never sees the last build's pages."""

    # Where items placed by the site's Markdown pages landed: (plural, id) -> page source.
    placements: dict[tuple[str, str], str] = field(default_factory=dict)
    doc_titles: dict[str, str] = field(default_factory=dict)  # page source -> its title
    outline: Outline = field(default_factory=Outline)  # the pages that count for progress

    def place(self, kind: str, item_id: str, page_src: str) -> None:
        """The first page that places an item is where links to it go."""
        self.placements.setdefault((kind, item_id), page_src)


_NEWLINES = re.compile(r"\s*\n\s*")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)


def oneline(html: str) -> str:
    """HTML on one line: newlines inside <pre> become &#10;, others a space."""
    parts = _PRE.split(html)
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = part.replace("\n", "&#10;")
        else:
            parts[index] = _NEWLINES.sub(" ", part)
    return "".join(parts).strip()
_DOC_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]+\.md)(#[^"]*)?"')
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


class PageContext:
    """What a fragment needs to know about the page it lands on: its URL, for relative links."""

    def __init__(self, renderer: Renderer, page_url: str,
                 build: BuildContext | None = None) -> None:
        self.renderer = renderer
        self.build = BuildContext() if build is None else build
        self.page_url = page_url

    @property
    def catalog(self) -> Catalog:
        return self.renderer.catalog

    @property
    def checked(self) -> Checked:
        return self.renderer.checked

    def fragment(self, template: str, **context: Any) -> Markup:
        return self.renderer.fragment(template, self.page_url, build=self.build, **context)

    def render(self, kind: str, item_id: str) -> Markup:
        return self.renderer.render_item(kind, item_id, self.page_url, build=self.build)

    def own_page_link(self, kind: str, item_id: str) -> str:
        src = self.renderer.layout.item_src(kind, item_id)
        if src is None or self.renderer.layout.page_location(src) == self.page_url:
            return ""
        return self.url_for_src(src)

    def plain(self, text: str) -> str:
        return plain_text(text, self.renderer.text.names)

    def t(self, key: str, **values: Any) -> str:
        return self.renderer.t(key, **values)

    def link_for(self, entity_id: str) -> str:
        external = self.renderer.catalog.external.get(entity_id)
        if external is not None:  # an entity of an imported guide: its page on that site
            return str(external.url)
        layout = self.renderer.layout
        return relative_url(layout.url(layout.entity_src(entity_id)), self.page_url)

    def url_for_file(self, path: str) -> str:
        """A link from here to a file of the built site that is not a page (a download)."""
        return relative_url(path, self.page_url)

    def url_for_src(self, src_uri: str, anchor: str = "") -> str:
        target = self.renderer.layout.url(src_uri) + (f"#{anchor}" if anchor else "")
        return relative_url(target, self.page_url)

    def md(self, text: str) -> Markup:
        return Markup(self._doc_links(oneline(self.renderer.text.block(text, self.link_for))))

    def inline(self, text: str) -> Markup:
        return Markup(self._doc_links(oneline(self.renderer.text.inline(text, self.link_for))))

    def _doc_links(self, html: str) -> str:
        """Links in data Markdown to docs pages are written relative to docs_dir
        (``methodology.md#phase-1``) and resolved here for the page the text lands on."""
        if ".md" not in html:
            return html
        return _DOC_LINK.sub(
            lambda m: f'href="{self.doc_href(m.group(1) + (m.group(2) or ""))}"', html
        )

    def doc_href(self, href: str) -> str:
        """A docs path such as ``page.md#anchor`` (relative to docs_dir) as a link from here."""
        refused = refused_url(href)
        if refused:  # the data check reports these first, naming file, line and field
            raise UnsafeLinkError(refused)
        if "://" in href or href.startswith(("mailto:", "#")):
            return href
        path, _, anchor = href.partition("#")
        return self.url_for_src(path, anchor)

    def doc_title(self, href: str) -> str:
        path = href.partition("#")[0]
        return self.build.doc_titles.get(path, path)

    def item_href(self, kind: str, item_id: str, anchor: str = "") -> str:
        """Where a data item can be seen: its own page, the entity page embedding it, or the
        docs page that placed it; empty when it is nowhere (an unplaced item)."""
        src = self.renderer.item_location(kind, item_id, build=self.build)
        if src is None:
            return ""
        return self.url_for_src(src, self.renderer.kinds[kind].anchor_of(item_id, anchor))

    def tag_href(self, tag: str) -> str:
        src = self.renderer.layout.tags_src()
        return self.url_for_src(src, tag_anchor(tag)) if src else ""

    def markdown(self, template: str, **context: Any) -> str:
        """A Markdown template rendered for this page as it is (not on one line), for parts of
        generated pages whose headings belong in the table of contents."""
        return self.renderer.markdown(template, self.page_url, build=self.build, **context)

    def mention_facts(self, mention: Any) -> list[tuple[str, str]]:
        """What the mentioning item says, as (label, Markdown) pairs: a table row's other
        cells, or a decision outcome's rationale. Entity pages without a part such as an
        article show them, so such a page carries the guide's facts and not only links."""
        catalog = self.renderer.catalog
        if mention.kind == "tables":
            table = catalog.tables[mention.item_id]
            row = next((r for r in table_rows(catalog, table) if r.id == mention.anchor), None)
            if row is None:
                return []
            return [(column.label, row.cells[column.id]) for column in table.columns
                    if column.id != table.header_column and row.cells.get(column.id)]
        if mention.kind == "decisions":
            decision = catalog.decisions[mention.item_id]
            node = next((n for n in decision.nodes if n.id == mention.anchor), None)
            if node is not None and node.rationale:
                return [(self.renderer.t("pages.rationale"), node.rationale)]
        return []

    def row_href(self, table_id: str, row_id: str) -> str:
        return self.item_href("tables", table_id, row_id)

    def row_title(self, table_id: str, row_id: str) -> str:
        table = self.renderer.catalog.tables[table_id]
        for row in table_rows(self.renderer.catalog, table):
            if row.id == row_id:
                header = table.header_column
                return plain_text(row.cells.get(header, ""), self.renderer.text.names) or row_id
        return row_id


class Renderer:
    """Renders data items and generated pages for one site."""

    def __init__(
        self,
        kinds: Registry,
        catalog: Catalog,
        checked: Checked,
        layout: Layout,
        template_dirs: Sequence[Path] = (),
        namespace: str = "guidekit",
        strings: Strings | None = None,
    ) -> None:
        self.kinds = kinds
        self.catalog = catalog
        self.checked = checked
        self.t = strings or Strings()
        self.layout = layout
        self.namespace = namespace
        names = {ref: e.name for ref, e in catalog.external.items()}
        names.update({e.id: e.name for e in catalog.entities.values()})
        self.text = TextRenderer(names)
        search_path = [str(d) for d in template_dirs if d.is_dir()] + [str(PACKAGE_TEMPLATES)]
        # A kind's template sits in its folder but keeps its name, guidekit/<name>.html, so a
        # site's custom_dir/guidekit/<name>.html still overrides it.
        kind_templates = jinja2.PrefixLoader({"guidekit": jinja2.FileSystemLoader(
            [str(kind.directory) for kind in kinds if kind.directory is not None])})
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(search_path), kind_templates]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            bytecode_cache=TEMPLATES,  # a serve rebuild with new data compiles nothing again
        )
        self.env.filters["pre"] = _pre
        self.env.filters["md_heading"] = md_heading
        self.env.filters["front_matter_text"] = front_matter_text
        self.env.filters["plain"] = lambda text: plain_text(text, self.text.names)
        self.env.filters["tojson_attr"] = lambda value: json.dumps(value, separators=(",", ":"))
        self.env.globals["namespace"] = namespace
        self.env.globals["t"] = self.t
        self.env.globals["value_attr"] = value_attr

    def item_location(self, kind: str, item_id: str, *,
                      build: BuildContext | None = None) -> str | None:
        own = self.layout.item_src(kind, item_id)
        if own:
            return own
        owner = self.catalog.owners.get((kind, item_id))
        if owner:
            return self.layout.entity_src(owner)
        return build.placements.get((kind, item_id)) if build is not None else None

    # ------------------------------------------------------------------ fragments

    def fragment(self, template: str, page_url: str, *, build: BuildContext | None = None,
                 **context: Any) -> Markup:
        ctx = PageContext(self, page_url, build)
        html = self.env.get_template(template).render(ctx=ctx, catalog=self.catalog, **context)
        return Markup(oneline(html))

    def markdown(self, template: str, page_url: str, *, build: BuildContext | None = None,
                 **context: Any) -> str:
        """A Markdown template rendered as it is (see :meth:`PageContext.markdown`)."""
        ctx = PageContext(self, page_url, build)
        # Autoescaped on the way in, so the Markdown is safe to place as it is.
        return Markup(self.env.get_template(template).render(
            ctx=ctx, catalog=self.catalog, layout=self.layout, **context))

    def html(self, template: str, page_url: str, *, build: BuildContext | None = None,
             **context: Any) -> str:
        """A template rendered as it is, for HTML that is not placed inside Markdown."""
        ctx = PageContext(self, page_url, build)
        return self.env.get_template(template).render(ctx=ctx, catalog=self.catalog, **context)

    def render_item(self, kind: str, item_id: str, page_url: str, *,
                    build: BuildContext | None = None) -> Markup:
        """HTML of a data item by kind (name, plural or alias) and id; KeyError if unknown."""
        found = self.kind_of(kind)
        if found.view is None:
            raise KeyError(f"a {found.name} is not placed on pages")
        item = found.items(self.catalog)[item_id]
        return found.view(PageContext(self, page_url, build), item)

    def kind_of(self, name: str) -> AnyKind:
        found = self.kinds.get(name)
        if found is None:
            raise KeyError(f"unknown kind '{name}'")
        return found

    # ------------------------------------------------------------------ pages

    def page(self, template: str, page_url: str, *, build: BuildContext | None = None,
             **context: Any) -> str:
        """Markdown source of a generated page (a Jinja template that may call ``embed``)."""
        ctx = PageContext(self, page_url, build)

        def embed(kind: str, item_id: str, heading: str = "") -> Markup:
            # heading: the section title right above, so the item does not repeat it.
            html = self.render_item(kind, item_id, page_url, build=ctx.build)
            return Markup("\n\n") + Markup(hide_repeated_title(html, heading)) + Markup("\n\n")

        return without_macros(self.env.get_template(template).render(
            ctx=ctx, catalog=self.catalog, layout=self.layout, embed=embed, **context
        ))

    def entity_page(self, entity: Entity, *, build: BuildContext | None = None) -> str:
        src = self.layout.entity_src(entity.id)
        page_url = self.layout.page_location(src)
        ctx = PageContext(self, page_url, build)
        # Parts kinds add to entity pages (an article), in the registry's order.
        parts = [part for kind in self.kinds if kind.entity_part is not None
                 if (part := kind.entity_part(ctx, entity)) is not None]
        glossary = self.layout.glossary_src()
        return self.page(
            "guidekit/entity.md",
            page_url,
            build=build,
            entity=entity,
            collection=self.catalog.collections[entity.collection],
            parts=parts,
            examples=showcase.example_groups(self.catalog, entity.id),
            outgoing=_group(self.catalog.outgoing.get(entity.id, [])),
            incoming=_group(showcase.without_examples(
                self.catalog, self.catalog.incoming.get(entity.id, []))),
            glossary_href=ctx.url_for_src(glossary, glossary_anchor(entity.id)) if glossary
            else "",
            entity_field=entity_field,
        )

    def glossary_page(self, *, build: BuildContext | None = None) -> str:
        """Every entity as a compact entry (its summary and key facts), by initial; each has
        an anchor, and an entity whose page holds more (an article) says so."""
        src = self.layout.glossary_src()
        assert src is not None
        page_url = self.layout.page_location(src)
        ctx = PageContext(self, page_url, build)
        letters: dict[str, list[Entity]] = {}
        taught: set[str] = set()
        for entity in sorted(self.catalog.entities.values(), key=lambda e: e.name.casefold()):
            initial = entity.name[:1].upper()
            letters.setdefault(initial if initial.isalpha() else "0–9", []).append(entity)
            if any(kind.entity_part is not None and kind.entity_part(ctx, entity) is not None
                   for kind in self.kinds):
                taught.add(entity.id)
        return self.page("guidekit/glossary.md", page_url, build=build,
                         letters=sorted(letters.items(), key=lambda kv: (kv[0] == "0–9", kv[0])),
                         taught=taught, anchor=glossary_anchor)

    def collection_page(self, collection_id: str, *, build: BuildContext | None = None) -> str:
        collection = self.catalog.collections[collection_id]
        entities = sorted(self.catalog.by_collection(collection_id), key=lambda e: e.name.lower())
        other = self.t("pages.other_category")
        groups: dict[str, list[Entity]] = {}
        for entity in entities:
            key = entity.category if collection.group_by == "category" else ""
            groups.setdefault(key or other, []).append(entity)
        page_url = self.layout.page_location(self.layout.collection_src(collection_id))
        return self.page("guidekit/collection.md", page_url, build=build, collection=collection,
                         groups=sorted(groups.items(), key=lambda kv: (kv[0] == other, kv[0])))

    def item_page(self, kind: AnyKind, item_id: str, *,
                  build: BuildContext | None = None) -> str:
        src = self.layout.item_src(kind.plural, item_id)
        assert src is not None
        item = kind.items(self.catalog)[item_id]
        return self.page("guidekit/item.md", self.layout.page_location(src), build=build,
                         kind=kind.plural, item=item, describe=kind.page_description,
                         hide=kind.page_hide,
                         mentions=self._item_mentions(kind.plural, item_id))

    def kind_index_page(self, kind: AnyKind, title: str, *,
                        build: BuildContext | None = None) -> str:
        src = self.layout.kind_index_src(kind.plural)
        page_url = self.layout.page_location(src)
        items = [
            (item, self.layout.item_src(kind.plural, item_id))
            for item_id, item in kind.items(self.catalog).items()
            if self.layout.item_src(kind.plural, item_id)
        ]
        study = None
        if kind.index_widget is not None:
            study = kind.index_widget(PageContext(self, page_url, build),
                                      [item for item, _ in items])
        return self.page("guidekit/kind-index.md", page_url, build=build, kind=kind.plural,
                         title=title, items=items, study=study)

    def tags_page(self, *, build: BuildContext | None = None) -> str:
        """Every tag with the entities that carry it, one section (and anchor) per tag."""
        src = self.layout.tags_src()
        assert src is not None
        tags: dict[str, list[Entity]] = {}
        for entity in self.catalog.entities.values():
            for tag in entity.tags:
                tags.setdefault(tag, []).append(entity)
        groups = [(tag, tag_anchor(tag), sorted(entities, key=lambda e: e.name.lower()))
                  for tag, entities in sorted(tags.items(), key=lambda kv: kv[0].lower())]
        return self.page("guidekit/tags.md", self.layout.page_location(src), build=build,
                         groups=groups)

    def _item_mentions(self, kind: str, item_id: str) -> list[Entity]:
        owner = self.catalog.owners.get((kind, item_id))
        return [self.catalog.entities[owner]] if owner else []


def _group(links: list[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for link in links:
        groups.setdefault(link.label, []).append(link)
    return list(groups.items())


def glossary_anchor(entity_id: str) -> str:
    return f"g-{entity_id}"


def tag_anchor(tag: str) -> str:
    return "tag-" + (re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "x")


def _pre(text: str) -> Markup:
    """Escape and keep line breaks as character references, so a fragment can be one line."""
    return Markup(str(escape(text)).replace("\n", "&#10;"))


def without_macros(markdown: str) -> str:
    """A generated page that mkdocs-macros leaves alone, whatever its settings: the page's
    text comes from data, and data is never a template. macros honours ``render_macros: false``
    before ``render_by_default`` and ``force_render_paths``, for the body and the title alike.
    Added here, not in the templates, so a site's own template overrides keep it."""
    if markdown.startswith("---\n"):
        return "---\nrender_macros: false\n" + markdown[4:]
    return "---\nrender_macros: false\n---\n\n" + markdown


def front_matter_text(text: str) -> Markup:
    """Text as a YAML double-quoted scalar (JSON is YAML), HTML-escaped: for a page title
    in front matter, so no quote, backslash or newline in data can break the YAML."""
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


def md_heading(text: str) -> Markup:
    """Text safe inside a Markdown heading: HTML-escaped, Markdown markers backslashed."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))
