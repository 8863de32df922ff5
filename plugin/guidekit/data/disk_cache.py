"""Parsed data files kept on disk between builds, in ``.cache/guidekit/data/`` beside mkdocs.yml.

Parsing YAML is most of what loading a site's data costs (a 1 MB data file: ~1.2 s), and every
``mkdocs build`` is a fresh process, so the in-memory cache of ``parsed_files.py`` (which serves
``mkdocs serve`` rebuilds) starts empty each time. This one survives the process: a build whose
data files did not change reads the parsed values back (about 10x faster than parsing).

One entry per data file, named by a hash of the file's absolute path (an edit replaces the
entry, it does not add one), holding the key it was made for, a hash of its value (checked
when read, so a damaged entry is never taken for data) and the parsed value:

- the key is a SHA-256 of the file's bytes and of what else decides the parse (guidekit's
  version, PyYAML's, and the source of the loader and of this module), so an entry is used only
  for the very bytes it was parsed from, whatever the file's times say (no racy stamps, no
  ``git checkout`` setting a time back), and never after guidekit's parsing changed;
- the value is JSON, which cannot run code when read (not pickle). YAML's own types are
  tagged: numbers keep how they were written (``SourceInt``/``SourceFloat``), and lists,
  tuples, sets, dates and mappings with keys other than text are written as ``[tag, ...]``.
  A value holding anything else is simply not stored.

Nothing here can fail a build: an unwritable folder, a full disk, a corrupt, truncated or
foreign entry all mean the file is parsed again, silently. What parsing raises (bad YAML) is
never stored, so the error and its line come from parsing, as without the cache. Deleting the
folder is always safe; ``cache: false`` in the plugin's options turns it off.

The same folder keeps other pure functions' results as one mapping per site
(:func:`load_texts`, :func:`keep_texts`): the HTML of the data's Markdown text (text.py) and
the text of each page for llms-full.txt (export/llms.py).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from .models import SourceFloat, SourceInt

FOLDER = Path(".cache") / "guidekit" / "data"  # under the project, beside mkdocs.yml
_GITIGNORE = "# Written by guidekit: what its builds keep for the next one; safe to delete.\n*\n"

# Tags of the values JSON has no type for (the first item of a list that stands for one).
_LIST, _INT, _FLOAT, _MAPPING, _TUPLE, _SET, _DATE, _DATETIME, _BYTES = range(9)


class _Unstorable(Exception):
    """A value of a type this format does not write: the file is just not stored."""


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind is str or value is None or kind is bool or kind is int or kind is float:
        return value
    if kind is dict:
        if all(type(key) is str for key in value):
            return {key: item if type(item) is str else _encode(item)
                    for key, item in value.items()}
        pairs: list[Any] = [_MAPPING]
        for key, item in value.items():
            pairs.append(_encode(key))
            pairs.append(_encode(item))
        return pairs
    if kind is list:
        return [_LIST, *(item if type(item) is str else _encode(item) for item in value)]
    if kind is SourceInt:
        return [_INT, int(value), value.source]
    if kind is SourceFloat:
        return [_FLOAT, float(value), value.source]
    if kind is tuple:
        return [_TUPLE, *map(_encode, value)]
    if kind is set:
        return [_SET, *map(_encode, value)]
    if kind is datetime.date:
        return [_DATE, value.isoformat()]
    if kind is datetime.datetime:
        return [_DATETIME, value.isoformat()]
    if kind is bytes:
        return [_BYTES, base64.b64encode(value).decode("ascii")]
    raise _Unstorable(kind.__name__)


def _decode(node: Any) -> Any:
    kind = type(node)
    if kind is dict:
        return {key: item if type(item) is str else _decode(item) for key, item in node.items()}
    if kind is not list:
        return node
    tag = node[0]
    if tag == _LIST:
        return [item if type(item) is str else _decode(item) for item in node[1:]]
    if tag == _INT:
        return SourceInt(node[1], node[2])
    if tag == _FLOAT:
        return SourceFloat(node[1], node[2])
    if tag == _MAPPING:
        items = node[1:]
        return {_hashable(_decode(items[i])): _decode(items[i + 1])
                for i in range(0, len(items), 2)}
    if tag == _TUPLE:
        return tuple(map(_decode, node[1:]))
    if tag == _SET:
        return {_hashable(_decode(item)) for item in node[1:]}
    if tag == _DATE:
        return datetime.date.fromisoformat(node[1])
    if tag == _DATETIME:
        return datetime.datetime.fromisoformat(node[1])
    if tag == _BYTES:
        return base64.b64decode(node[1])
    raise ValueError(f"unknown tag {tag!r}")


def _hashable(value: Any) -> Any:
    hash(value)  # a corrupt entry could put a list where a key goes: a TypeError, caught
    return value


def encode(value: Any) -> str:
    """The JSON text of a parsed value; raises ``_Unstorable`` for a type it cannot write."""
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> Any:
    """The parsed value back from :func:`encode`'s text (raises on anything malformed)."""
    return _decode(json.loads(text))


def text_of(data: bytes) -> str:
    """The file's bytes as ``Path.read_text(encoding="utf-8")`` reads them (newlines too)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def _digest(body: str) -> str:
    """Of an entry's value, checked when read: a damaged entry is never taken for data."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class DiskCache:
    """``parse(path, text)`` results kept in ``folder``, by the file's bytes.

    ``parse`` must be a pure function of the text (the path is for its messages only);
    ``code`` names the source files whose change must invalidate every entry."""

    def __init__(self, folder: Path, parse: Callable[[Path, str], Any],
                 code: Iterable[Path] = ()) -> None:
        self.folder = folder
        self._parse = parse
        self._code = tuple(code)
        self._salt: bytes | None = None
        self.hits = 0  # entries read back (tests check that an unchanged file is not parsed)
        self.stored = 0

    def _key(self, data: bytes) -> str:
        if self._salt is None:
            self._salt = salt(yaml.__version__, str(sys.version_info[:2]), code=self._code)
        return hashlib.sha256(self._salt + data).hexdigest()

    def entry(self, path: Path) -> Path:
        """Where the entry of the data file at ``path`` is kept."""
        name = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
        return self.folder / f"{name}.json"

    def get(self, path: Path) -> Any:
        data = path.read_bytes()
        key = self._key(data)
        entry = self.entry(path)
        body = read_entry(entry, key)
        if body is not None:
            try:
                value = decode(body)
            except Exception:  # a well-formed entry of another format: parse the file
                pass
            else:
                self.hits += 1
                return value
        value = self._parse(path, text_of(data))
        try:
            body = encode(value)
        except _Unstorable:
            return value
        if write_entry(self.folder, entry, key, body):
            self.stored += 1
        return value


def salt(*versions: str, code: Iterable[Path] = ()) -> bytes:
    """What an entry depends on besides its input: the versions named and the source of
    ``code`` (guidekit's own modules, so an edited parser never reads an older entry)."""
    from .. import __version__  # here: guidekit's __init__ imports this package

    digest = hashlib.sha256("\0".join((__version__, *versions)).encode())
    for source in (Path(__file__), *code):
        digest.update(source.read_bytes())
    return digest.digest()


def read_entry(entry: Path, key: str) -> str | None:
    """The body of the entry if it was written for ``key`` and is whole; else None (a
    missing, unreadable, damaged or outdated entry are all just a miss)."""
    try:
        stored = entry.read_text(encoding="utf-8")
    except Exception:
        return None
    head, _, body = stored.partition("\n")
    return body if head == f"{key} {_digest(body)}" else None


def write_entry(folder: Path, entry: Path, key: str, body: str) -> bool:
    """Write the entry for ``key``, whole or not at all (written beside, then renamed over
    the old one); False when it could not be written (unwritable folder, full disk)."""
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(f"{key} {_digest(body)}\n{body}", encoding="utf-8")
            os.replace(temporary, entry)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except Exception:
        return False
    return True


def load_texts(folder: Path, name: str, key: str) -> dict[str, str]:
    """A mapping of text to text kept in the entry ``name`` of ``folder`` for ``key``; empty
    when there is none, or it was made for another key, or it is damaged."""
    body = read_entry(folder / name, key)
    if body is None:
        return {}
    try:
        stored = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(stored, dict) or not all(
            isinstance(item, str) and isinstance(value, str) for item, value in stored.items()):
        return {}
    return stored


def keep_texts(folder: Path, name: str, key: str, texts: dict[str, str]) -> bool:
    """Write ``texts`` as the entry ``name`` for ``key``; False if it could not be written."""
    body = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
    return write_entry(folder, folder / name, key, body)
