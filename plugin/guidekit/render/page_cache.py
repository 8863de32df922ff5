"""Generated pages kept between builds, in the cache folder (``data/disk_cache.py``).

Writing the Markdown of every entity, collection and item page is most of what guidekit adds
to a build of a large site (2,060 entities: about 1 s of the 12 s build). Those pages follow
from the site's inputs alone, so a build whose inputs did not change (a rebuild after a page
edit, a second ``mkdocs build``) reads them back instead. The key is a SHA-256 of everything
that decides them:

- the bytes of every data file and of every guidekit template override (``Site._inputs``);
- how the site was loaded (``load_site``'s settings: URLs, folders, titles, strings, language,
  imported entities), given as ``settings``;
- what this build learned from the site's own pages before generating: their titles and where
  their fences place items (``BuildContext``);
- the source of guidekit and of every kind the site registers (any file under their folders),
  and the versions of Markdown, Jinja and MarkupSafe, so an edited template or view, or
  another release of what writes the text, never serves pages an older one wrote.

One entry per site (a hit replaces nothing; a miss writes the new pages over the old). As with
the data cache, nothing here can fail a build: a damaged, foreign or unwritable entry means the
pages are generated again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from ..data.disk_cache import read_entry, salt, write_entry
from ..kinds.registry import AnyKind
from .renderer import BuildContext

ENTRY = "pages.json"
Pages = dict[str, tuple[str, str, str]]  # source path -> (kind, id, Markdown)
PACKAGE = Path(__file__).resolve().parents[1]  # guidekit's own folder


def code_files(kinds: Iterable[AnyKind]) -> tuple[Path, ...]:
    """The code whose change must invalidate the pages: every file of guidekit and, for a kind
    a site or a package adds, the files of its folder (templates, scripts, styles: not its
    subfolders) and the modules defining its model and functions (a package's whole folder)."""
    files = set(_tree(PACKAGE))
    for kind in kinds:
        if kind.directory is not None and not _inside(kind.directory):
            files.update(path for path in kind.directory.glob("*") if path.is_file())
        for value in (kind.model, kind.view, kind.check, kind.entity_part, kind.index_widget):
            module = sys.modules.get(getattr(value, "__module__", "") or "")
            source = getattr(module, "__file__", None)
            if not source or _inside(Path(source)):
                continue
            path = Path(source).resolve()
            files.update(_tree(path.parent) if path.name == "__init__.py" else [path])
    return tuple(sorted(files))


def _inside(path: Path) -> bool:
    return path.resolve().is_relative_to(PACKAGE)


def _tree(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts]


@lru_cache(maxsize=8)
def code_salt(files: tuple[Path, ...]) -> bytes:
    """A digest of ``files`` (once per process: code does not change under a running build;
    ``mkdocs serve`` reloads templates it watches, which are inputs, not code)."""
    # The libraries that write the pages' text: data Markdown, templates, escaping.
    versions = [version(name) for name in ("markdown", "jinja2", "markupsafe")]
    return salt(str(sys.version_info[:2]), *versions, code=files)


def pages_key(settings: str, inputs: Iterable[Path], build: BuildContext,
              code: tuple[Path, ...]) -> str | None:
    """The key of the pages one build generates; None when an input cannot be read (then
    nothing is kept: the build reports that file itself)."""
    digest = hashlib.sha256(code_salt(code))
    digest.update(settings.encode())
    try:
        for path in inputs:
            digest.update(os.fsencode(path) + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    learned = [sorted(build.doc_titles.items()), placement_list(build.placements)]
    digest.update(json.dumps(learned, ensure_ascii=False).encode())
    return digest.hexdigest()


def placement_list(placements: Mapping[tuple[str, str], str]) -> list[list[str]]:
    """Where the site's pages placed items, as ``[plural, id, page source]`` in a stable order
    (what a key holds of them)."""
    return sorted([*place, src] for place, src in placements.items())


def load_pages(folder: Path, key: str) -> Pages | None:
    """The pages kept for ``key``, or None (none, another key's, damaged)."""
    body = read_entry(folder / ENTRY, key)
    if body is None:
        return None
    try:
        stored = json.loads(body)
    except ValueError:
        return None
    if not isinstance(stored, dict):
        return None
    pages: Pages = {}
    for src, value in stored.items():
        if not (isinstance(value, list) and len(value) == 3
                and all(isinstance(part, str) for part in value)):
            return None
        pages[src] = (value[0], value[1], value[2])
    return pages


def keep_pages(folder: Path, key: str, pages: Pages) -> bool:
    """Write ``pages`` as the entry for ``key``; False if it could not be written."""
    body = json.dumps(pages, ensure_ascii=False, separators=(",", ":"))
    return write_entry(folder, folder / ENTRY, key, body)
