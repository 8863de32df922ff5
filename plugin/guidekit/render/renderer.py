"""One renderer for every widget and generated page, used by the MkDocs plugin and the macros.

Fragments are Jinja templates with autoescaping; data Markdown is converted by TextRenderer and
passed in as Markup. A fragment comes out as a single line of HTML so it can sit inside a
Markdown page as one raw HTML block (Python-Markdown leaves such blocks alone).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..data.catalog import Catalog, entity_field
from ..data.models import Decision, Deck, Diagram, Drill, Entity, Flow, Table, plural_kind
from ..embeds import hide_repeated_title
from ..i18n import Strings
from ..widgets import calculator as calculator_widget
from ..widgets import drill as drill_widget
from ..widgets import matrix as matrix_widget
from ..widgets import whatif as whatif_widget
from .layout import Layout, relative_url
from .text import TextRenderer, plain_text

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DECK_FOLDER = "assets/guidekit/decks"


def deck_file(deck_id: str) -> str:
    """Site path of a deck's Anki export (tab-separated text)."""
    return f"{DECK_FOLDER}/{deck_id}.tsv"
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

    def __init__(self, renderer: Renderer, page_url: str) -> None:
        self.renderer = renderer
        self.page_url = page_url

    def link_for(self, entity_id: str) -> str:
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
        if "://" in href or href.startswith(("mailto:", "#")):
            return href
        path, _, anchor = href.partition("#")
        return self.url_for_src(path, anchor)

    def doc_title(self, href: str) -> str:
        path = href.partition("#")[0]
        return self.renderer.doc_titles.get(path, path)

    def item_href(self, kind: str, item_id: str, anchor: str = "") -> str:
        """Where a data item can be seen: its own page, the entity page embedding it, or the
        docs page that placed it; empty when it is nowhere (an unplaced item)."""
        src = self.renderer.item_location(kind, item_id)
        if src is None:
            return ""
        prefix = {"tables": f"{item_id}-", "checklists": f"gk-{item_id}-",
                  "decisions": f"{item_id}-"}.get(kind, "")
        return self.url_for_src(src, prefix + anchor if anchor else "")

    def tag_href(self, tag: str) -> str:
        src = self.renderer.layout.tags_src()
        return self.url_for_src(src, tag_anchor(tag)) if src else ""

    def row_href(self, table_id: str, row_id: str) -> str:
        return self.item_href("tables", table_id, row_id)

    def row_title(self, table_id: str, row_id: str) -> str:
        table = self.renderer.catalog.tables[table_id]
        for row in self.renderer.catalog.table_rows(table):
            if row.id == row_id:
                header = table.header_column
                return plain_text(row.cells.get(header, ""), self.renderer.text.names) or row_id
        return row_id


class Renderer:
    """Renders data items and generated pages for one site."""

    def __init__(
        self,
        catalog: Catalog,
        layout: Layout,
        template_dirs: Sequence[Path] = (),
        namespace: str = "guidekit",
        strings: Strings | None = None,
    ) -> None:
        self.catalog = catalog
        self.t = strings or Strings()
        self.layout = layout
        self.namespace = namespace
        self.text = TextRenderer({e.id: e.name for e in catalog.entities.values()})
        search_path = [str(d) for d in template_dirs if d.is_dir()] + [str(PACKAGE_TEMPLATES)]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search_path),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["pre"] = _pre
        self.env.filters["md_heading"] = md_heading
        self.env.filters["plain"] = lambda text: plain_text(text, self.text.names)
        self.env.filters["tojson_attr"] = lambda value: json.dumps(value, separators=(",", ":"))
        self.env.globals["namespace"] = namespace
        self.env.globals["t"] = self.t
        self.env.globals["value_attr"] = calculator_widget.value_attr
        # Where items placed by Markdown pages landed (filled while pages render) and the
        # titles of docs pages, both provided by the adapter (the MkDocs plugin).
        self.placements: dict[tuple[str, str], str] = {}
        self.doc_titles: dict[str, str] = {}

    def item_location(self, kind: str, item_id: str) -> str | None:
        own = self.layout.item_src(kind, item_id)
        if own:
            return own
        owner = self.catalog.owners.get((kind, item_id))
        if owner:
            return self.layout.entity_src(owner)
        return self.placements.get((kind, item_id))

    # ------------------------------------------------------------------ fragments

    def fragment(self, template: str, page_url: str, **context: Any) -> Markup:
        ctx = PageContext(self, page_url)
        html = self.env.get_template(template).render(ctx=ctx, catalog=self.catalog, **context)
        return Markup(oneline(html))

    def html(self, template: str, page_url: str, **context: Any) -> str:
        """A template rendered as it is, for HTML that is not placed inside Markdown."""
        ctx = PageContext(self, page_url)
        return self.env.get_template(template).render(ctx=ctx, catalog=self.catalog, **context)

    def render_item(self, kind: str, item_id: str, page_url: str) -> Markup:
        """HTML of a data item by kind (singular or plural) and id; KeyError if unknown."""
        kind = plural_kind(kind)
        item = self.catalog.get(kind, item_id)
        method = getattr(self, f"_render_{kind}")
        return method(item, page_url)

    def _render_tables(self, table: Table, page_url: str) -> Markup:
        ctx = PageContext(self, page_url)
        view = matrix_widget.table_view(self.catalog, table, ctx)
        page_src = self.layout.item_src("tables", table.id)
        # Link to the matrix's own page, except on that page.
        on_own_page = page_src is not None and self.layout.url(page_src) == page_url
        page_link = ctx.url_for_src(page_src) if page_src and not on_own_page else ""
        return self.fragment("guidekit/table.html", page_url, table=table, view=view,
                             page_link=page_link, on_own_page=on_own_page)

    def _render_checklists(self, checklist: Any, page_url: str) -> Markup:
        total = sum(len(s.items) for s in checklist.sections)
        return self.fragment("guidekit/checklist.html", page_url, checklist=checklist,
                             total=total)

    def _render_calculators(self, calculator: Any, page_url: str) -> Markup:
        view = calculator_widget.calculator_view(
            self.catalog, calculator, (self.t("calculator.word_yes"), self.t("calculator.word_no")))
        return self.fragment("guidekit/calculator.html", page_url, calculator=calculator,
                             view=view)

    def _render_decisions(self, decision: Decision, page_url: str) -> Markup:
        nodes = {n.id: n for n in decision.nodes}
        mermaid = decision_mermaid(decision, PageContext(self, page_url))
        return self.fragment("guidekit/decision.html", page_url, decision=decision,
                             nodes=nodes, mermaid=mermaid)

    def _render_lists(self, item_list: Any, page_url: str) -> Markup:
        return self.fragment("guidekit/list.html", page_url, item_list=item_list)

    def _render_snippets(self, snippet: Any, page_url: str) -> Markup:
        return self.fragment("guidekit/snippet.html", page_url, snippet=snippet)

    def _render_diagrams(self, diagram: Diagram, page_url: str) -> Markup:
        ctx = PageContext(self, page_url)
        return self.fragment("guidekit/diagram.html", page_url, diagram=diagram,
                             mermaid=diagram_mermaid(diagram, ctx),
                             weakest=whatif_widget.weakest_marks(self.catalog, diagram.id))

    def _render_flows(self, flow: Flow, page_url: str) -> Markup:
        ctx = PageContext(self, page_url)
        view = whatif_widget.whatif_view(self.catalog, flow)
        hrefs = {p.calculator: ctx.item_href("calculators", p.calculator) for p in flow.presets}
        return self.fragment(
            "guidekit/whatif.html", page_url, view=view,
            presets=whatif_widget.preset_views(self.catalog, flow, hrefs),
            shape=whatif_widget.model_json(self.catalog.flow_models[flow.id]),
        )

    def _render_decks(self, deck: Deck, page_url: str) -> Markup:
        return self.study_widget([deck], page_url, deck.id)

    def study_widget(self, decks: list[Deck], page_url: str, widget_id: str) -> Markup:
        """Flashcards of one or more decks: every card as static HTML, studied by the script."""
        ctx = PageContext(self, page_url)
        groups = [(deck, self.catalog.cards[deck.id], ctx.url_for_file(deck_file(deck.id)))
                  for deck in decks]
        return self.fragment("guidekit/deck.html", page_url, widget_id=widget_id, groups=groups,
                             total=sum(len(cards) for _, cards, _ in groups))

    def _render_drills(self, drill: Drill, page_url: str) -> Markup:
        ctx = PageContext(self, page_url)
        view = drill_widget.drill_view(self.catalog, drill, lambda text: str(ctx.md(text)))
        return self.fragment("guidekit/drill.html", page_url, drill=drill, view=view)

    def _render_worksheets(self, worksheet: Any, page_url: str) -> Markup:
        ctx = PageContext(self, page_url)
        choices = {}
        for step in worksheet.steps:
            if step.choose:
                choices[step.id] = [
                    {
                        "id": entity.id,
                        "name": entity.name,
                        "url": ctx.link_for(entity.id),
                        "uses": [
                            {"name": link.other.name, "url": ctx.link_for(link.other.id),
                             "note": plain_text(link.note, self.text.names)}
                            for link in self.catalog.outgoing.get(entity.id, [])
                        ],
                    }
                    for entity in sorted(self.catalog.by_collection(step.choose),
                                         key=lambda e: e.name.lower())
                ]
        steps = [
            (step, [self.render_item("checklists", c, page_url) for c in step.checklists],
             [self.render_item("calculators", c, page_url) for c in step.calculators])
            for step in worksheet.steps
        ]
        return self.fragment("guidekit/worksheet.html", page_url, worksheet=worksheet,
                             steps=steps, choices=choices)

    # ------------------------------------------------------------------ pages

    def page(self, template: str, page_url: str, **context: Any) -> str:
        """Markdown source of a generated page (a Jinja template that may call ``item``)."""
        ctx = PageContext(self, page_url)

        def embed(kind: str, item_id: str, heading: str = "") -> Markup:
            # heading: the section title right above, so the item does not repeat it.
            html = hide_repeated_title(self.render_item(kind, item_id, page_url), heading)
            return Markup("\n\n") + Markup(html) + Markup("\n\n")

        return self.env.get_template(template).render(
            ctx=ctx, catalog=self.catalog, layout=self.layout, embed=embed, **context
        )

    def entity_page(self, entity: Entity) -> str:
        src = self.layout.entity_src(entity.id)
        page_url = self.layout.url(src)
        return self.page(
            "guidekit/entity.md",
            page_url,
            entity=entity,
            collection=self.catalog.collections[entity.collection],
            outgoing=_group(self.catalog.outgoing.get(entity.id, [])),
            incoming=_group(self.catalog.incoming.get(entity.id, [])),
            entity_field=entity_field,
        )

    def collection_page(self, collection_id: str) -> str:
        collection = self.catalog.collections[collection_id]
        entities = sorted(self.catalog.by_collection(collection_id), key=lambda e: e.name.lower())
        groups: dict[str, list[Entity]] = {}
        for entity in entities:
            key = entity.category if collection.group_by == "category" else ""
            groups.setdefault(key or "Other", []).append(entity)
        page_url = self.layout.url(self.layout.collection_src(collection_id))
        return self.page("guidekit/collection.md", page_url, collection=collection,
                         groups=sorted(groups.items(), key=lambda kv: (kv[0] == "Other", kv[0])))

    def item_page(self, kind: str, item_id: str) -> str:
        src = self.layout.item_src(kind, item_id)
        assert src is not None
        item = self.catalog.get(kind, item_id)
        return self.page("guidekit/item.md", self.layout.url(src), kind=kind, item=item,
                         mentions=self._item_mentions(kind, item_id))

    def kind_index_page(self, kind: str, title: str) -> str:
        src = self.layout.kind_index_src(kind)
        page_url = self.layout.url(src)
        items = [
            (item, self.layout.item_src(kind, item_id))
            for item_id, item in getattr(self.catalog, kind).items()
            if self.layout.item_src(kind, item_id)
        ]
        # The flashcards index studies every deck that has a page, in one session.
        study = (self.study_widget([item for item, _ in items], page_url, "all")
                 if kind == "decks" else None)
        return self.page("guidekit/kind-index.md", page_url, kind=kind, title=title,
                         items=items, study=study)

    def tags_page(self) -> str:
        """Every tag with the entities that carry it, one section (and anchor) per tag."""
        src = self.layout.tags_src()
        assert src is not None
        tags: dict[str, list[Entity]] = {}
        for entity in self.catalog.entities.values():
            for tag in entity.tags:
                tags.setdefault(tag, []).append(entity)
        groups = [(tag, tag_anchor(tag), sorted(entities, key=lambda e: e.name.lower()))
                  for tag, entities in sorted(tags.items(), key=lambda kv: kv[0].lower())]
        return self.page("guidekit/tags.md", self.layout.url(src), groups=groups)

    def _item_mentions(self, kind: str, item_id: str) -> list[Entity]:
        owner = self.catalog.owners.get((kind, item_id))
        return [self.catalog.entities[owner]] if owner else []


def _group(links: list[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for link in links:
        groups.setdefault(link.label, []).append(link)
    return list(groups.items())


def tag_anchor(tag: str) -> str:
    return "tag-" + (re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "x")


def _pre(text: str) -> Markup:
    """Escape and keep line breaks as character references, so a fragment can be one line."""
    return Markup(str(escape(text)).replace("\n", "&#10;"))


def md_heading(text: str) -> Markup:
    """Text safe inside a Markdown heading: HTML-escaped, Markdown markers backslashed."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))


# ---------------------------------------------------------------------- Mermaid sources


def _mermaid_id(value: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", value)


def _mermaid_label(text: str) -> str:
    # Quotes and brackets end a Mermaid label; #quot; style entities are Mermaid's own escape.
    cleaned = text.replace('"', "#quot;").replace("\n", " ")
    return re.sub(r"[\[\]{}()<>|]", " ", cleaned).strip()


def diagram_mermaid(diagram: Diagram, ctx: PageContext) -> str:
    lines = ["flowchart TB"]
    for layer in diagram.layers:
        lines.append(f'  subgraph {_mermaid_id(layer.id)}["{_mermaid_label(layer.label)}"]')
        for node in layer.nodes:
            lines.append(f'    {_mermaid_id(node.id)}["{_mermaid_label(node.label)}"]')
        lines.append("  end")
    for edge in diagram.edges:
        label = f'|"{_mermaid_label(edge.label)}"|' if edge.label else ""
        lines.append(f"  {_mermaid_id(edge.source)} -->{label} {_mermaid_id(edge.target)}")
    for layer in diagram.layers:
        for node in layer.nodes:
            if node.ref:
                lines.append(f'  click {_mermaid_id(node.id)} href "{ctx.link_for(node.ref)}"')
    return "\n".join(lines)


def decision_mermaid(decision: Decision, ctx: PageContext) -> str:
    lines = ["flowchart TD"]
    for node in decision.nodes:
        text = _mermaid_label(node.question or node.outcome)
        shape = f'{{"{text}"}}' if node.question else f'(["{text}"])'
        lines.append(f"  {_mermaid_id(node.id)}{shape}")
    for node in decision.nodes:
        for answer in node.answers:
            lines.append(
                f'  {_mermaid_id(node.id)} -->|"{_mermaid_label(answer.label)}"| '
                f"{_mermaid_id(answer.next)}"
            )
    for node in decision.nodes:
        if node.refs:
            lines.append(f'  click {_mermaid_id(node.id)} href "{ctx.link_for(node.refs[0])}"')
    return "\n".join(lines)
