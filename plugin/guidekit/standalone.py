"""What the adapters that run without the guidekit plugin share: the macros pluglet under
Zensical (or under mkdocs-macros without the plugin) and the Python-Markdown extension.

Those adapters are called once per page (Zensical builds a new Markdown instance and a new
macros environment for every page), so the loaded data is kept here, per data folder, and
reloaded only when a data file changes (as under ``zensical serve``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .core import BuildContext, Site, load_site

# The file ``python -m guidekit generate`` writes beside a staged configuration: where it is,
# the generated pages exist (an item's own page, a matrix's tool page).
STAGED_MANIFEST = "guidekit-build.json"
_SITES: dict[tuple[str, bool, str, str | None, bool], Site] = {}
_BUILDS: dict[str, tuple[int, BuildContext]] = {}
_DETACHED: dict[str, list[str]] = {}


def site_for(data_dir: str | Path, *, use_directory_urls: bool = True,
             namespace: str = "guidekit", language: str | None = None,
             item_pages: bool = True) -> Site:
    """The site loaded from ``data_dir``, loaded once and reused until its data changes.
    ``item_pages``: the items' own pages exist (a staged build); without them (a site that
    only uses the fences and macros) widgets link to no item page, as there is none.

    Raises :class:`guidekit.DataError` naming every problem of the data."""
    key = (str(Path(data_dir).resolve()), use_directory_urls, namespace, language, item_pages)
    site = _SITES.get(key)
    if site is None or site.changed():
        site = load_site(key[0], use_directory_urls=use_directory_urls, namespace=namespace,
                         language=language, folders=None if item_pages else {})
        _SITES[key] = site
    return site


def theme_language(conf: Any) -> str | None:
    """``theme.language`` of the site's configuration, as the plugin defaults to it."""
    theme = _get(conf, "theme") if conf is not None else None
    if isinstance(theme, str) or theme is None:
        return None
    language = _get(theme, "language")
    return str(language) if language else None


def project_root(conf: Any) -> Path:
    """The folder of the configuration file: MkDocs' ``config_file_path``, or the
    ``root_dir`` that Zensical sets (both hold ``mkdocs.yml`` or ``zensical.toml``)."""
    config_file = _get(conf, "config_file_path")
    if config_file:
        return Path(config_file).resolve().parent
    return Path(_get(conf, "root_dir") or ".").resolve()


def page_location(page: Any) -> tuple[str, str]:
    """(source path relative to docs_dir, the location links are written relative to).

    A MkDocs ``Page`` has ``file.src_uri`` and its URL: MkDocs leaves links in raw HTML as
    they are, so they are made relative to the page's URL. Zensical's page context has
    ``path`` and ``url``, but Zensical rewrites every relative link of a page as if it were
    written relative to the *source file* (``brewing.md`` at ``brewing/``), so there the
    links are made relative to the source path and Zensical turns them into URLs."""
    file = getattr(page, "file", None)
    if file is not None:
        return file.src_uri, str(page.url or "")
    src = str(getattr(page, "path", "") or "").replace("\\", "/")
    return src, src


def _get(conf: Any, key: str) -> Any:
    getter = getattr(conf, "get", None)
    return getter(key) if callable(getter) else getattr(conf, key, None)


def staged_detached(path: Path) -> list[str]:
    """The ``detached`` globs of the staged build (pages whose fences place nothing)."""
    staged_build(path)
    return _DETACHED.get(str(path.resolve()), [])


def staged_build(path: Path) -> BuildContext:
    """The build context that ``python -m guidekit generate`` recorded (placements of items
    and the pages' titles), read again only when the file changes."""
    key = str(path.resolve())
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return BuildContext()
    cached = _BUILDS.get(key)
    if cached is None or cached[0] != mtime:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        build = BuildContext(doc_titles=dict(manifest.get("doc_titles", {})))
        _DETACHED[key] = [str(pattern) for pattern in manifest.get("detached", [])]
        for kind, item_id, src in manifest.get("placements", []):
            build.place(kind, item_id, src)
        cached = _BUILDS[key] = (mtime, build)
    return cached[1]
