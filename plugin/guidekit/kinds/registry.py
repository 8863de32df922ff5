"""The kinds a site knows: guidekit's own, then any a site or a package registers.

Another kind is a module (or a package) with a ``KIND`` attribute, a :class:`~.base.Kind`
record. A site names it in the plugin's ``kinds`` option (a dotted module name, or a folder
path relative to ``mkdocs.yml``); an installed package may also register one under the
``guidekit.kinds`` entry-point group. Kinds are checked in order, so a kind may read the results
of the kinds before it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, create_model

from ..data.models import DataFileBase
from . import (
    article,
    calculator,
    checklist,
    decision,
    deck,
    diagram,
    drill,
    flow,
    graph,
    load,
    snippet,
    table,
    worksheet,
)
from . import list as list_kind
from .base import Kind

AnyKind = Kind[Any, Any]
ENTRY_POINTS = "guidekit.kinds"

# The order of the data format (``Registry.data_file``): checks run in it, so calculators come
# before the flows and drills that read their results.
BUILTIN: tuple[AnyKind, ...] = (
    graph.COLLECTION, graph.RELATION, graph.ENTITY, table.KIND, checklist.KIND,
    calculator.KIND, decision.KIND, list_kind.KIND, snippet.KIND, diagram.KIND, worksheet.KIND,
    flow.KIND, load.KIND, deck.KIND, drill.KIND, article.KIND,
)


class KindError(ValueError):
    """A kind that cannot be registered: the message says which and why."""


class Registry:
    """Kinds by name, plural and alias, in check order."""

    def __init__(self, kinds: Iterable[AnyKind] = BUILTIN) -> None:
        self.kinds: tuple[AnyKind, ...] = tuple(kinds)
        self._by_name: dict[str, AnyKind] = {}
        for kind in self.kinds:
            for name in {kind.name, kind.plural, *kind.aliases}:
                other = self._by_name.get(name)
                if other is not None and other is not kind:
                    raise KindError(f"kind '{kind.name}': the name '{name}' is taken by kind "
                                    f"'{other.name}'")
                self._by_name[name] = kind

    def __iter__(self) -> Iterator[AnyKind]:
        return iter(self.kinds)

    def get(self, name: str) -> AnyKind | None:
        """A kind by its name, plural or alias (``table``, ``tables``, ``matrix``)."""
        return self._by_name.get(name)

    def __getitem__(self, name: str) -> AnyKind:
        return self._by_name[name]

    @property
    def placed(self) -> tuple[AnyKind, ...]:
        """Kinds a page can place (with a fence or a macro)."""
        return tuple(kind for kind in self.kinds if kind.view is not None)

    @property
    def with_pages(self) -> tuple[AnyKind, ...]:
        return tuple(kind for kind in self.kinds if kind.folder)

    def embed_names(self) -> dict[str, str]:
        """Fence and macro name -> kind name, aliases included (``matrix`` -> ``table``)."""
        names: dict[str, str] = {}
        for kind in self.placed:
            for name in (kind.name, *kind.aliases):
                names[name] = kind.name
        return names

    def singular(self) -> dict[str, str]:
        """Plural -> singular name of every kind, in order (the top-level keys of a file)."""
        return {kind.plural: kind.name for kind in self.kinds}

    @property
    def block_kinds(self) -> tuple[str, ...]:
        """What an entity's ``blocks`` may hold: prose, or an item of a kind a page can place."""
        return ("markdown", *(kind.name for kind in self.placed))

    @cached_property
    def data_file(self) -> type[BaseModel]:
        """What one YAML file may hold: ``collection``, then a list of entries per kind, in
        the registry's order (the loader validates with it; the JSON Schema is made from it)."""
        entries: dict[str, Any] = {}
        for kind in self.kinds:
            model = kind.model if kind.file_model is None else kind.file_model(self.block_kinds)
            entries[kind.plural] = (list.__class_getitem__(model), [])
        data_file: type[BaseModel] = create_model(  # type: ignore[call-overload]
            "DataFile", __base__=DataFileBase, __doc__=DataFileBase.__doc__, **entries)
        return data_file

    def page_folders(self, pages: Mapping[str, str]) -> dict[str, str]:
        """Kind plural -> folder of its pages: the ``pages`` option, else the kind's default
        (``""`` turns a kind's pages off). In the order of the options, added kinds last: the
        order of the navigation's sections. The plugin and the Zensical generator both ask."""
        options = list(pages)
        ordered = sorted(self.with_pages, key=lambda kind: (
            options.index(kind.option_name) if kind.option_name in options else len(options)))
        folders = {}
        for kind in ordered:
            chosen = pages.get(kind.option_name)
            folder = kind.folder if chosen is None else chosen
            if folder:
                folders[kind.plural] = folder
        return folders


def load_registry(extra: Sequence[str] = (), base_dir: Path | None = None,
                  entry_point_group: str = ENTRY_POINTS) -> Registry:
    """guidekit's kinds, those installed packages register, then those ``extra`` names."""
    kinds = list(BUILTIN)
    for point in sorted(entry_points(group=entry_point_group), key=lambda p: p.name):
        kinds.append(_kind_of(point.load(), f"entry point '{point.name}'"))
    for name in extra:
        kinds.append(_kind_of(_import(name, base_dir), f"'{name}'"))
    return Registry(kinds)


def _kind_of(found: Any, where: str) -> AnyKind:
    kind = getattr(found, "KIND", found)
    if not isinstance(kind, Kind):
        raise KindError(f"{where} has no KIND (a guidekit.kinds.base.Kind record)")
    return kind


def _import(name: str, base_dir: Path | None) -> ModuleType:
    """A module by dotted name, or a package by folder path (relative to ``base_dir``)."""
    if "/" not in name and not name.startswith("."):
        try:
            return importlib.import_module(name)
        except ImportError as error:
            raise KindError(f"kind module '{name}' cannot be imported: {error}") from None
    folder = (base_dir or Path.cwd()) / name
    init = folder / "__init__.py"
    if not init.is_file():
        raise KindError(f"kind folder '{name}' has no __init__.py (looked in {folder})")
    module_name = f"guidekit_kind_{folder.resolve().name.replace('-', '_')}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, init,
                                                  submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


DEFAULT = Registry()
