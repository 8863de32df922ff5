"""Read every YAML file of a data directory into validated models, or fail with one clear message.

Errors name the file, the entry (kind and id) and the field, with the field's own line; the
wording and the path style live in errors.py. A key written twice in one mapping is an error,
not a silent "last one wins".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .disk_cache import DiskCache
from .errors import compose, describe_field, entry_node, locate, message, validation_messages
from .models import SourceFloat, SourceInt
from .parsed_files import ParsedFiles

# libyaml parses ~30x faster than the pure-Python loader; it is optional in PyYAML wheels.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.YAMLError):
    """A key written twice in one mapping: YAML would silently keep the last value."""

    def __init__(self, key: str, line: int, first: int) -> None:
        self.line = line
        self.problem = (f"the key '{key}' appears twice in one mapping (first on line {first}); "
                        "remove or rename one")
        super().__init__(self.problem)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, refusing duplicate keys. Checked on the nodes as each mapping is
    built, so it costs one pass over keys the loader reads anyway."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                    continue  # '<<' merges may be overridden by the mapping's own keys
                key = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if key in first:
                    raise DuplicateKeyError(key_node.value, line, first[key])
                first[key] = line
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


def _float(loader: Any, node: yaml.ScalarNode) -> SourceFloat:
    """Numbers remember how they were written (a cell ``0.10`` reads "0.10"; SourceFloat)."""
    return SourceFloat(yaml.SafeLoader.construct_yaml_float(loader, node), node.value)


def _int(loader: Any, node: yaml.ScalarNode) -> SourceInt:
    return SourceInt(yaml.SafeLoader.construct_yaml_int(loader, node), node.value)


_Loader.add_constructor("tag:yaml.org,2002:float", _float)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)


class DataError(Exception):
    """Bad data: the message names file, entry, field and line. Raised for the first file only;
    ``problems`` holds every problem found so one run shows them all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Origin:
    """Where an entry came from, for messages about it after loading.

    Lines are looked up only when a message needs them: composing YAML nodes for every file
    on every build would cost more than loading the data itself.
    """

    path: Path
    index: int
    kind: str
    entry_id: str
    singular: str  # the kind's name in messages

    @property
    def line(self) -> int | None:
        return locate(entry_node(compose(self.path), self.kind, self.index), [])[1]

    def describe(self, field_name: str = "", value: str | None = None) -> str:
        """``file: kind 'id', field path (line n)``, at the field's own line (see errors.py);
        with ``value``, at that value inside a list (a bad reference among several)."""
        return describe_field(self.path, self.kind, self.singular, self.index,
                              self.entry_id, field_name, value)


@dataclass
class LoadedData:
    """All entries of all files, merged per kind, with where each came from."""

    files: list[Path] = field(default_factory=list)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> id -> entry
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)

    def origin(self, kind: str, entry_id: str) -> Origin:
        return self.origins[(kind, entry_id)]


def iter_data_files(data_dir: Path) -> Iterator[Path]:
    """YAML files under ``data_dir``, in a stable order; hidden files and folders are skipped."""
    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix in {".yml", ".yaml"} and path.is_file():
            yield path


def load_data(data_dir: str | Path, data_file: type[BaseModel],
              singular: Mapping[str, str], cache_dir: Path | None = None) -> LoadedData:
    """Load and validate every data file; raise :class:`DataError` listing every problem.

    ``data_file`` is the model of one file and ``singular`` names its kinds (plural ->
    singular, in order): both come from the kind registry (``guidekit.kinds.registry``).
    ``cache_dir``: a folder keeping the parsed files between processes (disk_cache.py)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([f"{data_dir}: data directory not found"])
    loaded = LoadedData(items={kind: {} for kind in singular})
    problems: list[str] = []
    parse = None if cache_dir is None else disk_cache(cache_dir).get
    for path in iter_data_files(data_dir):
        loaded.files.append(path)
        try:
            _merge_file(loaded, path, _read_file(path, data_file, singular, parse), singular)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return loaded


def _parse_yaml(path: Path, text: str | None = None) -> Any:
    """The file's YAML (``text``: its content, when already read); bad YAML is a DataError."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_Loader)  # a safe loader: plain data only
    except DuplicateKeyError as error:
        raise DataError([message(path, "", "", error.line, error.problem)]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line = mark.line + 1 if mark is not None else None
        raise DataError([message(path, "", "", line, f"invalid YAML: {problem}")]) from None


# Parsed YAML by file stamp: a `mkdocs serve` rebuild parses only the files that changed.
PARSED = ParsedFiles(_parse_yaml)
_DISK_CACHES: dict[Path, DiskCache] = {}


def disk_cache(folder: Path) -> DiskCache:
    """The cache of parsed files in ``folder``, across processes (one object per folder)."""
    cache = _DISK_CACHES.get(folder)
    if cache is None:
        cache = _DISK_CACHES[folder] = DiskCache(folder, _parse_yaml, code=[Path(__file__)])
    return cache


def _read_file(path: Path, data_file: type[BaseModel], singular: Mapping[str, str],
               parse: Callable[[Path], Any] | None = None) -> BaseModel:
    raw = PARSED.get(path, parse)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise DataError([message(path, "", "", None, "expected a mapping of kinds "
                                 f"({', '.join(singular)}) at the top")])
    try:
        return data_file.model_validate(raw)
    except ValidationError as error:
        raise DataError(validation_messages(path, raw, error.errors(), singular)) from None




def _merge_file(loaded: LoadedData, path: Path, data_file: BaseModel,
                singular: Mapping[str, str]) -> None:
    problems: list[str] = []
    default_collection = getattr(data_file, "collection", "")
    for kind in singular:
        for index, entry in enumerate(getattr(data_file, kind)):
            origin = Origin(path, index, kind, entry.id, singular[kind])
            if kind == "entities" and not entry.collection:
                if not default_collection:
                    problems.append(
                        f"{origin.describe('collection')}: required field is missing "
                        "(set it on the entity or once at the top of the file)"
                    )
                    continue
                entry.collection = default_collection
            key = (kind, entry.id)
            if key in loaded.origins:
                first = loaded.origins[key]
                problems.append(f"{origin.describe('id')}: this id is taken; first defined "
                                f"in {first.path} (line {first.line})")
                continue
            loaded.items[kind][entry.id] = entry
            loaded.origins[key] = origin
    if problems:
        raise DataError(problems)
