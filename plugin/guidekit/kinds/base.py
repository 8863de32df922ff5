"""What a kind is: one :class:`Kind` record that the loader, the checks, the renderer, the
layout, the navigation, the macros and the plugin read; none of them names a kind.

A kind lives in one folder, ``kinds/<name>/``: its model (``model.py``; the entity graph's
models, which every kind reads, are in ``data/models.py``), its check (what checking derives
is the kind's *result*, kept in :class:`~guidekit.data.catalog.Checked`, never written back
into the data), its view (model -> template context), its template (``<name>.html``, looked
up as ``guidekit/<name>.html`` so a site's ``custom_dir`` overrides it), its script and its
stylesheet (bundled by file name).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from markupsafe import Markup
from pydantic import BaseModel

from ..data.catalog import Catalog, Checked, Checker
from ..data.models import Entity

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")


class ItemPage(Protocol):
    """The page an item is rendered on, as a kind's view sees it."""

    @property
    def page_url(self) -> str: ...
    @property
    def catalog(self) -> Catalog: ...
    @property
    def checked(self) -> Checked: ...

    def fragment(self, template: str, **context: Any) -> Markup:
        """A template rendered for this page (autoescaped, on one line)."""

    def render(self, kind: str, item_id: str) -> Markup:
        """Another item rendered on this page (a worksheet holds checklists...)."""

    def own_page_link(self, kind: str, item_id: str) -> str:
        """A link to the item's own generated page; empty on that page or if it has none."""

    def markdown(self, template: str, **context: Any) -> str:
        """A Markdown template rendered for this page as it is (its headings stay headings)."""

    def md(self, text: str) -> Markup: ...
    def inline(self, text: str) -> Markup: ...
    def plain(self, text: str) -> str: ...
    def t(self, key: str, **values: Any) -> str:
        """A UI string of the site's language."""
    def link_for(self, entity_id: str) -> str: ...
    def url_for_file(self, path: str) -> str: ...
    def url_for_src(self, src_uri: str, anchor: str = "") -> str: ...
    def item_href(self, kind: str, item_id: str, anchor: str = "") -> str: ...


@dataclass(frozen=True)
class EntityPart:
    """What a kind adds to an entity's page (an article): Markdown placed after the entity's
    summary, and Markdown at the end of the page (further reading)."""

    body: str
    end: str = ""


ITEM_SCRIPTS = "items"  # beside the bundles: one file per item's compiled code


def item_script(kind: str, item_id: str) -> str:
    """The file (under the assets folder) holding one item's compiled code, which a widget
    root names in ``data-gk-needs``: the core loads it before the widget starts."""
    return f"{ITEM_SCRIPTS}/{kind}/{item_id}.js"


def has_page_flag(item: BaseModel) -> bool:
    """The default page rule: an item gets a page when its ``page`` field says so."""
    return bool(getattr(item, "page", False))


@dataclass(frozen=True)
class Kind(Generic[M, R]):
    """Everything guidekit needs to know about one kind of data item."""

    name: str  # singular: the fence and macro name, and the name in messages ("table")
    plural: str  # the key in data files and in the catalog ("tables")
    model: type[M]  # the pydantic model of one entry
    # The model data files validate its entries with, given the names an entity's blocks may
    # take ("markdown" and the kinds pages can place); None: ``model`` (entities narrow their
    # blocks to the registry's kinds).
    file_model: Callable[[tuple[str, ...]], type[M]] | None = None
    directory: Path | None = None  # the kind's folder: its template, script and stylesheet
    view: Callable[[ItemPage, M], Markup] | None = None  # None: not placed on pages
    check: Callable[[Checker], R] | None = None  # returns the kind's result
    # Runs once every kind is checked and every [[ref]] too (table cells count as mentions).
    after_check: Callable[[Checker], None] | None = None
    aliases: tuple[str, ...] = ()  # other fence and macro names ("matrix")
    folder: str = ""  # default folder of the kind's pages; empty: items get no page
    option: str = ""  # its name under the pages and nav_titles options (default: plural)
    has_page: Callable[[M], bool] = has_page_flag  # the page rule, once a folder is set
    anchor: str = ""  # id prefix of an item's parts in its HTML, "{id}" is the item id
    # A widget on the kind's index page, over every item that has a page (decks: study all).
    index_widget: Callable[[ItemPage, list[M]], Markup] | None = None
    # Bundle its script goes into, fetched when a page holds one of its widgets; its styles go
    # into the stylesheet of the same name, linked by the pages using its classes. Empty: in
    # guidekit.js and guidekit.css, on every page.
    lazy_script: str = ""
    # Globals of the bundle that reads them (``window.<name>`` in its code): name -> JavaScript
    # expression, appended to that bundle.
    script_globals: Callable[[Catalog, Checked], dict[str, str]] | None = None
    # Compiled code of each item in a file of its own (item_script), so a page carries the
    # formulas of the items it holds only: global name -> item id -> JavaScript expression,
    # set as ``window.<name>[id]``. The item's widget root names its file (data-gk-needs).
    script_sets: Callable[[Catalog, Checked], Mapping[str, Mapping[str, str]]] | None = None
    # Where the formula runtime helpers its items' code calls go. False: into each item's
    # file, only those it calls (a calculator's arithmetic). True: once into the bundle of the
    # widgets reading them, shared by every item on the page (the queueing maths of load
    # models, the same for every template, and which the print edition holds eight of).
    shared_runtime: bool = False
    # Files it adds to the site: site path -> content (decks: their Anki exports); gets a
    # function turning data Markdown into plain text.
    files: Callable[[Catalog, Checked, Callable[[str], str]], dict[str, str]] | None = None
    # Search-index entries for an item that has a page, rendered for that page (matrix rows).
    search: Callable[[ItemPage, M], list[dict[str, str]]] | None = None
    text_refs: bool = True  # are [[ref]]s in its Markdown fields checked
    # Its page shows the item's description above it (False: the kind's template shows it).
    page_description: bool = True
    # Parts of the theme its page hides (Material's ``hide`` page meta): a wide matrix takes
    # the room of an empty table of contents with ("toc",).
    page_hide: tuple[str, ...] = ()
    # UI strings a kind added to a site brings (guidekit's own live in i18n/): language ->
    # key -> text, e.g. {"en": {"pages.kind_<plural>": "..."}}, the title of its index page.
    strings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Checks of links from its items to docs pages (``page.md#anchor``), run once the site's
    # pages are known: gets its items, a function giving a page's anchors (None: no such page)
    # and a function reporting a problem (item id, field, message).
    check_doc_links: Callable[[Mapping[str, M], Callable[[str], set[str] | None],
                               Callable[[str, str, str], None]], None] | None = None
    # A part of entity pages: gets the page and the entity, returns Markdown placed after the
    # entity's summary (its headings reach the table of contents), or "" (an article).
    entity_part: Callable[[ItemPage, Entity], EntityPart | None] | None = None

    @property
    def option_name(self) -> str:
        return self.option or self.plural

    def items(self, catalog: Catalog) -> dict[str, M]:
        return catalog.of(self)

    def result(self, checked: Checked) -> R:
        return checked.of(self)

    def anchor_of(self, item_id: str, part: str) -> str:
        """The element id of a part (a row, an item) inside the item's HTML."""
        return self.anchor.format(id=item_id) + part if part else ""
