"""Other guides' ``guide.json``, read so this site can link their entities as ``[[prefix:id]]``.

A guide is read from a file, or from a URL fetched once and kept in a cache folder so later
builds work offline. Only what linking needs is kept: each entity's id, name, aliases, URL and
links. No MkDocs import.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from .guide import GUIDE_FORMAT, GUIDE_VERSION

PREFIX_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
FETCH_TIMEOUT = 30  # seconds
CACHE_FOLDER = Path(".cache") / "guidekit" / "imports"  # under the project: builds offline
# A scheme other than http(s) (javascript:, data:...): never written into a link.
_UNSAFE_URL = re.compile(r"^(?!https?:)[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class GuideImportError(Exception):
    """A guide that cannot be imported: the message names the import and the reason."""


@dataclass(frozen=True)
class ImportedEntity:
    ref: str  # "prefix:id", as this site writes it
    id: str
    name: str
    aliases: tuple[str, ...]
    url: str
    summary: str = ""
    autolink: bool = True


@dataclass
class ImportedGuide:
    prefix: str
    name: str
    url: str
    entities: dict[str, ImportedEntity] = field(default_factory=dict)  # by "prefix:id"
    links: set[tuple[str, str, str]] = field(default_factory=set)  # (from id, relation, to id)
    autolink: bool = True

    def closest(self, ref: str) -> list[str]:
        return difflib.get_close_matches(ref, list(self.entities), n=3, cutoff=0.5)


def read_guide(document: Any, prefix: str, base_url: str = "",
               source: str = "guide.json") -> ImportedGuide:
    """The entities of a parsed guide.json. Relative URLs in it are made absolute against
    ``base_url`` or the guide's ``site.url``; without either they stay as written."""
    if not PREFIX_PATTERN.match(prefix):
        raise GuideImportError(f"import prefix '{prefix}': use lowercase letters, digits, '-' "
                               "and '_', starting with a letter")
    if not isinstance(document, dict) or document.get("format") != GUIDE_FORMAT:
        raise GuideImportError(f"{source}: not a guidekit guide.json (no \"format\": "
                               f"\"{GUIDE_FORMAT}\")")
    if document.get("version") != GUIDE_VERSION:
        raise GuideImportError(f"{source}: guide.json version {document.get('version')!r}; "
                               f"this guidekit reads version {GUIDE_VERSION}")
    site = document.get("site") or {}
    root = base_url or str(site.get("url") or "")
    guide = ImportedGuide(prefix, str(site.get("name") or prefix), root)
    try:
        entries = document["kinds"]["entities"]
        for entry in entries:
            data = entry["data"]
            ref = f"{prefix}:{entry['id']}"
            url = str(entry.get("url") or "")
            if _UNSAFE_URL.match(url):
                raise GuideImportError(f"{source}: entity '{entry['id']}': url {url!r} is "
                                       "neither http(s) nor relative")
            guide.entities[ref] = ImportedEntity(
                ref, entry["id"], str(data.get("name") or entry["id"]),
                tuple(str(a) for a in data.get("aliases", [])),
                urljoin(root, url) if root else url, str(data.get("summary", "")),
                bool(data.get("autolink", True)))
            for link in entry.get("links", []):
                guide.links.add((entry["id"], link["relation"], link["to"]))
    except (KeyError, TypeError) as error:
        raise GuideImportError(f"{source}: malformed guide.json (missing {error})") from None
    return guide


def load_guide(prefix: str, *, path: Path | None = None, url: str | None = None,
               base_url: str = "", cache_dir: Path | None = None) -> ImportedGuide:
    """Read a guide from ``path``, or from ``url`` through the cache (fetched only when the
    cache has no copy)."""
    if (path is None) == (url is None):
        raise GuideImportError(f"import '{prefix}': give either 'path' or 'url'")
    if path is not None:
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise GuideImportError(f"import '{prefix}': cannot read {path}: "
                                   f"{error.strerror or error}") from None
    else:
        assert url is not None
        source = url
        text = _cached_fetch(prefix, url, cache_dir)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise GuideImportError(f"import '{prefix}': {source}: invalid JSON at line "
                               f"{error.lineno}: {error.msg}") from None
    return read_guide(document, prefix, base_url, f"import '{prefix}': {source}")


def load_imports(specs: list[dict[str, Any]], root: Path) -> dict[str, ImportedEntity]:
    """The entities of every imported guide, by "prefix:id". Each spec is the ``imports``
    option's entry (prefix, path or url, base_url, autolink); paths are relative to ``root``,
    and URLs are cached under ``root/.cache/guidekit/imports``."""
    entities: dict[str, ImportedEntity] = {}
    prefixes: set[str] = set()
    for spec in specs:
        prefix = str(spec.get("prefix") or "")
        if prefix in prefixes:
            raise GuideImportError(f"prefix '{prefix}' is imported twice")
        prefixes.add(prefix)
        guide = load_guide(prefix, path=root / spec["path"] if spec.get("path") else None,
                           url=spec.get("url") or None, base_url=spec.get("base_url") or "",
                           cache_dir=root / CACHE_FOLDER)
        for ref, entity in guide.entities.items():
            entities[ref] = entity if spec.get("autolink", True) else replace(entity,
                                                                                autolink=False)
    return entities


def cache_file(prefix: str, url: str, cache_dir: Path) -> Path:
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"{prefix}-{digest}.json"


def _cached_fetch(prefix: str, url: str, cache_dir: Path | None) -> str:
    if not url.startswith(("https://", "http://")):
        raise GuideImportError(f"import '{prefix}': url must start with https:// or http://")
    cached = cache_file(prefix, url, cache_dir) if cache_dir is not None else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    # Imported here: urllib.request (with http.client, ssl and email) costs every build
    # milliseconds, and only a first build with a guide to fetch needs it.
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
            text = response.read().decode("utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise GuideImportError(f"import '{prefix}': cannot fetch {url}: {error}") from None
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(text, encoding="utf-8")
    return text
