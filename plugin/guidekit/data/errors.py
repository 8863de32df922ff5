"""Every data problem in one style, in plain words, at the line of the field itself.

A message reads ``<file>: <kind> '<id>', field <path> (line <n>): <what is wrong>``, e.g.::

    data/calc.yml: calculator 'storage', field inputs[0].default (line 14): expected a number
    or a list of numbers, got 'two'

One path style everywhere: names joined by dots, list positions in brackets (``inputs[0]``,
counted from 0 as YAML lists are), keys that are not plain names quoted
(``facts['When to use']``). Checks written in terms of ids (``inputs.storage.default``) are
turned into positions by walking the YAML, which also gives the line. Validation errors are
translated from the library's codes into words here, once, so no message carries its internal
type names; a value that may take several forms gets one message naming them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..names import closest
from .models import SLUG_PATTERN, Model

# libyaml parses ~30x faster than the pure-Python loader; it is optional in PyYAML wheels.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Part = str | int
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_WHOLE = re.compile(r"\b(\d+)\.0\b")


# --------------------------------------------------------------------------- the one format


def message(path: Path | str, entry: str, field_path: str, line: int | None, text: str) -> str:
    """``file: entry, field path (line n): text``; parts left out when they are empty."""
    subject = ", ".join(part for part in (entry, f"field {field_path}" if field_path else "")
                        if part)
    at = f" (line {line})" if line else ""
    if subject:
        return f"{path}: {subject}{at}: {text}"
    return f"{path}{at}: {text}"


def entry_name(singular: str, entry_id: str | None, index: int) -> str:
    """``calculator 'nails'``, or ``calculator #2`` for an entry without a usable id
    (``singular``: the kind's name in messages)."""
    if entry_id:
        return f"{singular} '{entry_id}'"
    return f"{singular} #{index + 1}"


def format_path(parts: Iterable[Part]) -> str:
    """``['inputs', 0, 'default']`` -> ``inputs[0].default``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_NAME.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


def shown_value(value: Any) -> str:
    """A value as a message shows it after 'got'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value of another kind"


# --------------------------------------------------------------------------- YAML positions


@lru_cache(maxsize=64)
def _compose_cached(path: str, stamp: int) -> yaml.Node | None:
    try:
        return yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return None


def compose(path: Path) -> yaml.Node | None:
    """The file's YAML nodes (for lines), composed once per version of the file."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _compose_cached(str(path), stamp)


def entry_node(root: yaml.Node | None, kind: str, index: int) -> yaml.Node | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == kind and isinstance(value, yaml.SequenceNode):
            return value.value[index] if index < len(value.value) else None
    return None


def locate(node: yaml.Node | None, parts: Sequence[Part],
           value: str | None = None) -> tuple[list[Part], int | None]:
    """Follow a field path through YAML nodes: (the path with list positions, its line).

    A part naming a list item by its ``id`` (or ``label``) becomes that item's position; the
    line is that of the deepest key or item found. With ``value``, a list found at the end is
    searched for that value, so a bad reference in ``refs: [a, b]`` points at the reference.
    """
    line = node.start_mark.line + 1 if node is not None else None
    out: list[Part] = []
    current = node
    rest = list(parts)
    while rest:
        part = rest[0]
        if isinstance(current, yaml.MappingNode):
            found = next(((k, v) for k, v in current.value if str(k.value) == str(part)), None)
            if found is None:
                break
            out.append(str(part))
            line = found[0].start_mark.line + 1
            current = found[1]
        elif isinstance(current, yaml.SequenceNode):
            position = _position(current, part)
            if position is None:
                break
            out.append(position)
            current = current.value[position]
            line = current.start_mark.line + 1
        else:
            break
        rest.pop(0)
    out.extend(int(p) if isinstance(p, str) and p.isdigit() else p for p in rest)
    if value is not None and not rest and isinstance(current, yaml.SequenceNode):
        for position, item in enumerate(current.value):
            if isinstance(item, yaml.ScalarNode) and item.value == value:
                out.append(position)
                line = item.start_mark.line + 1
                break
            if isinstance(item, yaml.MappingNode) and _field(item, "ref") == value:
                out.append(position)
                line = item.start_mark.line + 1
                break
    return out, line


def _position(sequence: yaml.SequenceNode, part: Part) -> int | None:
    if isinstance(part, int) or part.isdigit():
        position = int(part)
        return position if position < len(sequence.value) else None
    for position, item in enumerate(sequence.value):
        if isinstance(item, yaml.MappingNode) and part in (_field(item, "id"),
                                                           _field(item, "label")):
            return position
    return None


def _field(mapping: yaml.MappingNode, name: str) -> str | None:
    for key, value in mapping.value:
        if key.value == name and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return None


def parse_path(field_path: str) -> list[Part]:
    """A dotted path as checks write it (``inputs.storage.default``, ``related.uses.0``)."""
    parts: list[Part] = []
    for piece in field_path.split(".") if field_path else []:
        parts.append(int(piece) if piece.isdigit() else piece)
    return parts


def describe_field(path: Path, kind: str, singular: str, index: int, entry_id: str,
                   field_path: str, value: str | None = None) -> str:
    """The start of a message about a field of a loaded entry (the caller adds ': text')."""
    root = compose(path)
    node = entry_node(root, kind, index)
    parts, line = locate(node, parse_path(field_path), value)
    head = message(path, entry_name(singular, entry_id, index), format_path(parts), line, "")
    return head[:-2]  # without the trailing ': '


# --------------------------------------------------------------------------- validation


def validation_messages(path: Path, raw: Any, errors: Sequence[Any],
                        singular: Mapping[str, str]) -> list[str]:
    """One message per problem found by validation (``ValidationError.errors()``);
    ``singular`` names the kinds (plural -> singular) for the messages."""
    root = compose(path)
    located = [_data_location(raw, error) for error in errors]
    messages: list[str] = []
    for key, group in _by_union(located).items():
        deeper = [item for item in group if len(item[0]) > len(key)]
        if len(group) > 1 and not deeper and all(tags for _, tags, _ in group):
            # Every form of the union failed at the value itself: one message naming them.
            messages.append(_one_message(path, raw, root, key,
                                         _union_text(group, _value_at(raw, key)), singular))
            continue
        # The value matched one form's shape (a list, a mapping) and failed inside it: the
        # messages from inside that form say what is wrong; the other forms' add nothing.
        for parts, _, error in deeper or group:
            messages.append(_one_message(path, raw, root, parts, _error_text(error), singular))
    return list(dict.fromkeys(messages))


def _data_location(raw: Any, error: dict[str, Any]) -> tuple[list[Part], list[str], Any]:
    """(the path in the data, the union member tags met on the way, the error). The library's
    locations also name the member of a union that was tried (``float``, ``list[float]``);
    those are not in the data, so they are taken out and kept aside."""
    parts: list[Part] = []
    tags: list[str] = []
    current = raw
    loc = list(error["loc"])
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_dict or in_list:
            parts.append(part)
            current = current[part]
        elif isinstance(current, dict) and last and error["type"] == "missing":
            parts.append(part)
        elif isinstance(part, str):
            tags.append(f"{len(parts)}:{part}")
        else:
            parts.append(part)
            current = None
    return parts, tags, error


def _by_union(located: list[tuple[list[Part], list[str], Any]]
              ) -> dict[tuple[Part, ...], list[tuple[list[Part], list[str], Any]]]:
    """Errors grouped by where their union is (or by their own path when there is none)."""
    groups: dict[tuple[Part, ...], list[tuple[list[Part], list[str], Any]]] = {}
    for parts, tags, error in located:
        if tags:
            depth = int(tags[0].partition(":")[0])
            key = tuple(parts[:depth])
        else:
            key = tuple(parts)
        groups.setdefault(key, []).append((parts, tags, error))
    return groups


def _value_at(raw: Any, parts: Sequence[Part]) -> Any:
    current = raw
    for part in parts:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            return None
    return current


def _one_message(path: Path, raw: Any, root: yaml.Node | None, parts: Sequence[Part],
                 text: str, singular: Mapping[str, str]) -> str:
    entry = ""
    rest: list[Part] = list(parts)
    node = root
    if len(parts) >= 2 and parts[0] in singular and isinstance(parts[1], int):
        kind, index = str(parts[0]), parts[1]
        entries = raw.get(kind) if isinstance(raw, dict) else None
        entry_id = None
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            candidate = entries[index].get("id")
            entry_id = str(candidate) if isinstance(candidate, str | int) and candidate else None
        entry = entry_name(singular[kind], entry_id, index)
        node = entry_node(root, kind, index)
        rest = list(parts[2:])
    found, line = locate(node, rest)
    return message(path, entry, format_path(found), line, text)


# Plain words for each kind of validation error; {..} from the error's context.
_TYPE_WORDS = {
    "float": "a number", "int": "a whole number", "str": "text", "bool": "true or false",
    "constrained-str": "text", "dict": "a mapping",
}
_PLURAL_WORDS = {"float": "numbers", "int": "whole numbers", "str": "texts",
                 "constrained-str": "texts", "bool": "true or false values"}
_EXPECTED = {
    "float_parsing": "a number", "float_type": "a number", "finite_number": "a finite number",
    "int_parsing": "a whole number", "int_type": "a whole number",
    "int_from_float": "a whole number", "bool_parsing": "true or false",
    "bool_type": "true or false", "string_type": "text", "list_type": "a list",
    "dict_type": "a mapping (key: value lines)", "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}
_ID_PATTERNS = {
    SLUG_PATTERN: "an id: lowercase letters, digits, '-' and '_', starting with a letter or digit",
    r"^[a-z_][a-z0-9_]*$": "a name: lowercase letters, digits and '_', not starting with a digit",
    r"^[a-z0-9_]+$": "a name: lowercase letters, digits and '_'",
}


def _error_text(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = f", got {shown_value(error.get('input'))}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the JSON Schema)"
    if kind in ("value_error", "assertion_error"):
        # The model's own words; whole numbers as written in YAML (500, not 500.0).
        return _WHOLE.sub(r"\1", str(ctx.get("error", ""))) or "not valid here"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}{got}{_closest_hint(error)}"
    if kind == "string_pattern_mismatch":
        return f"expected {_ID_PATTERNS.get(str(ctx.get('pattern')), 'text of another form')}{got}"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return "must not be empty"
        return f"needs at least {ctx.get('min_length')} characters{got}"
    if kind == "string_too_long":
        return f"may have at most {ctx.get('max_length')} characters"
    if kind == "too_short":
        count = ctx.get("min_length", 1)
        return f"needs at least {'one entry' if count == 1 else f'{count} entries'}"
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} entries, has {ctx.get('actual_length')}"
    bounds = {"greater_than": "more than", "greater_than_equal": "at least",
              "less_than": "less than", "less_than_equal": "at most"}
    if kind in bounds:
        limit = next(iter(ctx.values()), "")
        return f"must be {bounds[kind]} {shown_value(limit)}{got}"
    if kind in ("model_type", "model_attributes_type") and (
            words := _model_words(str(ctx.get("class_name", "")))):
        return f"expected {words}{got}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}{got}"
    return f"not a value this field takes{got}"


def _closest_hint(error: dict[str, Any]) -> str:
    """'; closest known: table' for a misspelt choice (a block's kind 'tabel')."""
    value = error.get("input")
    if not isinstance(value, str):
        return ""
    choices = re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))
    close = closest(value, choices)
    return f"; closest known: {', '.join(close)}" if close else ""


def _union_text(group: list[tuple[list[Part], list[str], Any]], value: Any) -> str:
    """'expected a number or a list of numbers, got 'two'' for a value of a union field."""
    names: list[str] = []
    for _, tags, error in group:
        tag = tags[0].partition(":")[2] if tags else ""
        words = _tag_words(tag) if tag else _EXPECTED.get(error["type"], "")
        if words and words not in names:
            names.append(words)
    if not names:
        return f"not a value this field takes, got {shown_value(value)}"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"expected {listed}, got {shown_value(value)}"


def _tag_words(tag: str) -> str:
    inner = re.fullmatch(r"list\[(.+)\]", tag)
    if inner:
        return f"a list of {_PLURAL_WORDS.get(inner.group(1), 'entries')}"
    if tag.startswith("dict["):
        return "a mapping"
    return _TYPE_WORDS.get(tag) or _model_words(tag) or "a mapping of fields"


def _model_words(class_name: str) -> str:
    """How messages name a model (its ``in_words``), found by its class name among every
    model loaded: guidekit's kinds and a site's own."""
    pending: list[type[Model]] = [Model]
    while pending:
        model = pending.pop()
        if model.__name__ == class_name and model.in_words:
            return model.in_words
        pending.extend(model.__subclasses__())
    return ""
