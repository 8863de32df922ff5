"""Read every YAML file of a data directory into validated models, or fail with one clear message.

Errors name the file, the entry (kind and id) and the field, with the line where YAML knows it.
The YAML is composed into a node tree first so a pydantic error location such as
``entities.3.facts`` can be mapped back to the line of that node.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

# libyaml parses ~30x faster than the pure-Python loader; it is optional in PyYAML wheels.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataError(Exception):
    """Bad data: the message names file, entry, field and line. Raised for the first file only;
    ``problems`` holds every problem found so one run shows them all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Origin:
    """Where an entry came from, for messages about it after loading.

    The line is looked up only when a message needs it: composing YAML nodes for every file
    on every build would cost more than loading the data itself.
    """

    path: Path
    index: int
    kind: str
    entry_id: str
    singular: str  # the kind's name in messages

    @property
    def line(self) -> int | None:
        lines = _entry_lines(_compose(self.path), self.kind)
        return lines[self.index] if self.index < len(lines) else None

    def describe(self, field_name: str = "") -> str:
        where = f"{self.path}" + (f":{self.line}" if self.line else "")
        entry = f"{self.singular} '{self.entry_id}'"
        return f"{where}: {entry}" + (f", field '{field_name}'" if field_name else "")


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
              singular: Mapping[str, str]) -> LoadedData:
    """Load and validate every data file; raise :class:`DataError` listing every problem.

    ``data_file`` is the model of one file and ``singular`` names its kinds (plural ->
    singular, in order): both come from the kind registry (``guidekit.kinds.registry``)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([f"{data_dir}: data directory not found"])
    loaded = LoadedData(items={kind: {} for kind in singular})
    problems: list[str] = []
    for path in iter_data_files(data_dir):
        loaded.files.append(path)
        try:
            _merge_file(loaded, path, _read_file(path, data_file, singular), singular)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return loaded


def _compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return None


def _read_file(path: Path, data_file: type[BaseModel], singular: Mapping[str, str]) -> BaseModel:
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=_Loader)  # a safe loader: plain data only
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataError([f"{path}{line}: invalid YAML: {problem}"]) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise DataError([f"{path}: expected a mapping of kinds ({', '.join(singular)}) at the top"])
    try:
        return data_file.model_validate(raw)
    except ValidationError as error:
        node = _compose(path)  # only now: the lines for the messages
        raise DataError([_describe_error(path, raw, node, e, singular)
                         for e in error.errors()]) from None


def _describe_error(path: Path, raw: Any, node: yaml.Node | None, error: Any,
                    singular: Mapping[str, str]) -> str:
    """Turn one pydantic error into 'file:line: <kind> '<id>', field 'a.b': message'."""
    loc = [str(part) for part in error["loc"]]
    line = _line_of(node, loc)
    where = f"{path}" + (f":{line}" if line else "")
    entry = ""
    rest = loc
    if len(loc) >= 2 and loc[0] in singular and loc[1].isdigit():
        kind, index = loc[0], int(loc[1])
        entries = raw.get(kind) if isinstance(raw, dict) else None
        entry_id = "?"
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            entry_id = str(entries[index].get("id", f"#{index + 1}"))
        entry = f" {singular[kind]} '{entry_id}'"
        rest = loc[2:]
    if not rest and error["type"] == "missing":
        rest = loc
    field_name = ".".join(p for p in rest if not p.startswith("function-")) or "(entry)"
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = "unknown field (check its spelling against the JSON Schema)"
    elif error["type"] == "missing":
        message = "required field is missing"
    return f"{where}:{entry}, field '{field_name}': {message}"


def _line_of(node: yaml.Node | None, loc: Iterable[str]) -> int | None:
    """Follow a pydantic location through the YAML nodes; the deepest node found gives the line."""
    current = node
    line = current.start_mark.line + 1 if current is not None else None
    for part in loc:
        if isinstance(current, yaml.MappingNode):
            match = next((v for k, v in current.value if str(k.value) == part), None)
            if match is None:
                break
            current = match
        elif isinstance(current, yaml.SequenceNode) and part.isdigit():
            index = int(part)
            if index >= len(current.value):
                break
            current = current.value[index]
        else:
            break
        line = current.start_mark.line + 1
    return line


def _entry_lines(node: yaml.Node | None, kind: str) -> list[int | None]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == kind and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


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
                        f"{origin.describe('collection')}: required "
                        "(set it on the entity or once at the top of the file)"
                    )
                    continue
                entry.collection = default_collection
            key = (kind, entry.id)
            if key in loaded.origins:
                first = loaded.origins[key]
                problems.append(
                    f"{origin.describe('id')}: duplicate; "
                    f"first defined at {first.path}:{first.line}"
                )
                continue
            loaded.items[kind][entry.id] = entry
            loaded.origins[key] = origin
    if problems:
        raise DataError(problems)
