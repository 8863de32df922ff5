"""The loaded data indexed by kind and id, and the checks every kind shares.

:class:`Catalog` holds what was loaded (``items``, by kind) and the entity graph built from it
(links both ways, mentions of entities in other items, which entity page places an item).
What a kind's own check derives (compiled formulas, cards...) is not written back here: it is
that kind's result in :class:`Checked`. This module knows no kind but the graph's own
(collections, relations, entities); the kinds come in as records (see ``guidekit.kinds``).

Building the catalog is linear in the size of the data: every index is a dict filled in one pass,
and backlinks are collected while walking outgoing links, never by comparing entities pairwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from pydantic import BaseModel

from ..names import closest
from .loader import DataError, LoadedData
from .models import Collection, Entity, Relation
from .safe_links import refused_links, refused_url

M_co = TypeVar("M_co", bound=BaseModel, covariant=True)
R_co = TypeVar("R_co", covariant=True)

# [[id]], [[id|label]], and [[prefix:id]] for an entity of an imported guide.
REF_PATTERN = re.compile(
    r"\[\[((?:[a-z][a-z0-9_-]*:)?[a-z0-9][a-z0-9_-]*)(?:\|([^\]\n]*))?\]\]")


class ItemsOf(Protocol[M_co]):
    """A kind as the catalog sees it: where its items are and what they are."""

    @property
    def plural(self) -> str: ...
    @property
    def model(self) -> type[M_co]: ...


class ResultOf(Protocol[R_co]):
    """A kind as the checks see it: its name and what its check returns."""

    @property
    def name(self) -> str: ...
    @property
    def plural(self) -> str: ...
    @property
    def check(self) -> Callable[[Checker], R_co] | None: ...


@dataclass(frozen=True)
class LinkView:
    """A link as shown on an entity page: the other entity, the label of the relation, a note."""

    relation: Relation
    label: str
    other: Entity
    note: str


@dataclass(frozen=True)
class Mention:
    """An entity named in a data item (a table row, a checklist item, a decision outcome...)."""

    kind: str  # the plural of the item's kind: tables, checklists, decisions...
    item_id: str
    title: str
    anchor: str  # element id inside the rendered item, e.g. the row id
    context: str  # Markdown: the row's header cell, the item text...
    owner: str = ""  # entity id whose page embeds the item, if any


@dataclass
class Catalog:
    """All data by kind and id, plus the entity graph. Built by :func:`build_catalog`.

    ``catalog.tables`` (any kind's plural) reads ``items``, for templates and the macros'
    ``guidekit`` variable; typed code asks ``catalog.of(kind)``."""

    data: LoadedData
    items: dict[str, dict[str, Any]]
    outgoing: dict[str, list[LinkView]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[LinkView]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    owners: dict[tuple[str, str], str] = field(default_factory=dict)
    # Entities of imported guides by "prefix:id" (ImportedEntity: name, aliases, url).
    external: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> dict[str, Any]:
        items = self.__dict__.get("items", {})
        if name in items:
            return cast(dict[str, Any], items[name])
        raise AttributeError(name)

    @property
    def collections(self) -> dict[str, Collection]:
        return cast(dict[str, Collection], self.items["collections"])

    @property
    def relations(self) -> dict[str, Relation]:
        return cast(dict[str, Relation], self.items["relations"])

    @property
    def entities(self) -> dict[str, Entity]:
        return cast(dict[str, Entity], self.items["entities"])

    def of(self, kind: ItemsOf[M_co]) -> dict[str, M_co]:
        return cast(dict[str, M_co], self.items[kind.plural])

    def get(self, kind: str, item_id: str) -> Any:
        """An item by the plural of its kind and its id; KeyError if unknown."""
        return self.items[kind][item_id]

    def by_collection(self, collection_id: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.collection == collection_id]

    def names(self) -> dict[str, str]:
        """Lower-cased name and alias -> entity id, for auto-linking (first definition wins)."""
        index: dict[str, str] = {}
        for entity in self.entities.values():
            if not entity.autolink:
                continue
            for name in (entity.name, *entity.aliases):
                index.setdefault(name.casefold(), entity.id)
        # Then imported guides' entities: this site's own names win.
        for ref, external in self.external.items():
            if external.autolink:
                for name in (external.name, *external.aliases):
                    index.setdefault(name.casefold(), ref)
        return index


def entity_field(entity: Entity, path: str) -> str:
    """The text of ``name``, ``category``, ``summary``, ``tags`` or ``facts.<label>``."""
    if path.startswith("facts."):
        return entity.facts.get(path[len("facts.") :], "")
    if path == "tags":
        return ", ".join(entity.tags)
    if path == "name":
        return f"[[{entity.id}|{entity.name}]]"
    return str(getattr(entity, path, ""))


ENTITY_FIELDS = {"name", "category", "summary", "tags"}


class Checked:
    """What checking derived, by kind: each kind's result (compiled formulas, cards...)."""

    def __init__(self) -> None:
        self._results: dict[str, object] = {}

    def of(self, kind: ResultOf[R_co]) -> R_co:
        if kind.plural not in self._results:
            raise KeyError(f"no result of kind '{kind.name}' (checked before it?)")
        return cast(R_co, self._results[kind.plural])

    def set(self, kind: ResultOf[R_co], result: object) -> None:
        self._results[kind.plural] = result


# --------------------------------------------------------------------------- building


def build_catalog(
    data: LoadedData,
    kinds: Sequence[ResultOf[Any]],
    block_kinds: Mapping[str, str],
    after_checks: Sequence[Callable[[Checker], None]] = (),
    text_refs: Sequence[str] = (),
    external: Mapping[str, Any] | None = None,
) -> tuple[Catalog, Checked]:
    """Check every cross-reference and index the data: the graph first, then each kind in
    order (a kind may read the results of kinds before it), then every ``[[ref]]`` in the
    kinds ``text_refs`` names. ``external``: entities of imported guides by "prefix:id",
    which ``[[prefix:id]]`` and related links may name. Raise DataError listing every
    problem."""
    catalog = Catalog(data=data, items=data.items, external=dict(external or {}))
    checker = Checker(catalog)
    checker.check_graph(block_kinds)
    for kind in kinds:
        if kind.check is not None:
            checker.checked.set(kind, kind.check(checker))
    checker.check_text_refs(text_refs)
    for after in after_checks:
        after(checker)
    if checker.problems:
        raise DataError(checker.problems)
    return catalog, checker.checked


class Checker:
    """Walks all data once, recording problems and filling the graph; what a kind's check
    passes to it (and reads the results of kinds checked before from ``checked``)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.checked = Checked()
        self.problems: list[str] = []

    def problem(self, kind: str, item_id: str, field_name: str, message: str,
                value: str | None = None) -> None:
        """Record a problem of a field (``value``: the bad entry of a list field)."""
        origin = self.catalog.data.origin(kind, item_id)
        self.problems.append(f"{origin.describe(field_name, value)}: {message}")

    def unknown(self, kind: str, item_id: str, field_name: str, what: str, name: str,
                known: Any) -> None:
        close = closest(name, known)
        hint = f"; closest known: {', '.join(close)}" if close else ""
        self.problem(kind, item_id, field_name, f"unknown {what} '{name}'{hint}", name)

    # -- entities and their links

    def check_graph(self, block_kinds: Mapping[str, str]) -> None:
        """Entities: their collection, their links (filling the link graph) and their blocks
        (``block_kinds``: block kind -> the plural of the kind it places)."""
        c = self.catalog
        for entity in c.entities.values():
            if entity.collection not in c.collections:
                self.unknown("entities", entity.id, "collection", "collection",
                             entity.collection, c.collections)
            for relation_id, links in entity.related.items():
                relation = c.relations.get(relation_id)
                if relation is None:
                    self.unknown("entities", entity.id, f"related.{relation_id}", "relation",
                                 relation_id, c.relations)
                    continue
                for index, link in enumerate(links):
                    other = c.entities.get(link.ref)
                    if other is None and link.ref in c.external:
                        # Shown on this entity's page only: the other site lists its own links.
                        c.outgoing[entity.id].append(LinkView(
                            relation, relation.label, _external_entity(c.external[link.ref]),
                            link.note))
                        continue
                    if other is None:
                        self.unknown("entities", entity.id, f"related.{relation_id}.{index}",
                                     "entity", link.ref, self._known_refs(link.ref))
                        continue
                    if other.id == entity.id:
                        self.problem("entities", entity.id, f"related.{relation_id}.{index}",
                                     "an entity cannot link to itself")
                        continue
                    self._add_link(entity, relation, other, link.note)
            for index, block in enumerate(entity.blocks):
                if block.kind == "markdown":
                    continue
                kind = block_kinds[block.kind]
                if block.id not in c.items[kind]:
                    self.unknown("entities", entity.id, f"blocks.{index}.id", block.kind,
                                 block.id, c.items[kind])
                else:
                    c.owners.setdefault((kind, block.id), entity.id)

    def _add_link(self, entity: Entity, relation: Relation, other: Entity, note: str) -> None:
        c = self.catalog
        c.outgoing[entity.id].append(LinkView(relation, relation.label, other, note))
        if relation.symmetric:
            c.outgoing[other.id].append(LinkView(relation, relation.label, entity, note))
        else:
            c.incoming[other.id].append(LinkView(relation, relation.inverse_label, entity, note))

    # -- [[ref]] in any Markdown text

    def check_text_refs(self, kinds: Sequence[str]) -> None:
        c = self.catalog
        for kind in kinds:
            for item_id, item in c.items[kind].items():
                for field_name, text in _texts(item, ""):
                    self._check_links(kind, item_id, field_name, text)
                    for match in REF_PATTERN.finditer(text):
                        ref = match.group(1)
                        if ref not in c.entities and ref not in c.external:
                            what = "entity" if ":" not in ref else \
                                f"entity of the imported guide '{ref.partition(':')[0]}'"
                            self.unknown(kind, item_id, field_name, what, ref,
                                         self._known_refs(ref))

    def _known_refs(self, ref: str) -> Any:
        """What a misspelt ref is compared with: this site's entities, or those of the
        imported guide its prefix names."""
        prefix, colon, _ = ref.partition(":")
        if not colon:
            return self.catalog.entities
        return [k for k in self.catalog.external if k.startswith(f"{prefix}:")]

    def _check_links(self, kind: str, item_id: str, field_name: str, text: str) -> None:
        """Links and images only to safe schemes: in Markdown text, and in the fields that
        are a link themselves (a calculator source's ``href``, an entity's ``source``)."""
        is_link = field_name.endswith(".href") or (kind == "entities" and field_name == "source")
        refused = [reason] if is_link and (reason := refused_url(text)) else []
        for reason in refused or refused_links(text):
            self.problem(kind, item_id, field_name, reason)

    def mention(self, entity_id: str, kind: str, item_id: str, title: str, anchor: str,
                 context: str) -> None:
        owner = self.catalog.owners.get((kind, item_id), "")
        self.catalog.mentions[entity_id].append(
            Mention(kind, item_id, title, anchor, context, owner)
        )



def _external_entity(external: Any) -> Entity:
    """An imported guide's entity as the entity pages show a link to it: its "prefix:id"
    (which links resolve to its URL) and name; built without validation (the id has a colon)."""
    return Entity.model_construct(id=external.ref, name=external.name, collection="",
                                  category="", aliases=list(external.aliases))


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a model, with its dotted field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = getattr(item, "id", "") or str(index)
            yield from _texts(item, f"{path}.{label}" if path else label)


_MARKUP = re.compile(r"\[\[[^|\]]*\|([^\]]*)\]\]|\[\[([^\]]*)\]\]|[*_`]")


def strip_markup(text: str) -> str:
    """Cell text without Markdown emphasis or [[ref|label]] syntax, for labels and parsing."""
    return _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", text).strip()
