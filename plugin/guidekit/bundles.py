"""The scripts and stylesheets a site loads: guidekit's shared files and each kind's own.

One source file per widget, concatenated in the order of the file names (``00-core.js`` first)
and minified per bundle (rjsmin/rcssmin: comments and whitespace only). A kind whose
``lazy_script`` names a bundle is left out of ``guidekit.js``: 00-core.js fetches that bundle
when a page holds one of its widgets (it learns which from the bundles' GK.register calls), so
the script every page loads stays small.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin

from .kinds.registry import DEFAULT, Registry

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
MAIN_SCRIPT = "guidekit.js"
STYLESHEET = "guidekit.css"
_REGISTERS = re.compile(r"""GK\.register\(\s*'([\w-]+)'""")

Plan = tuple[tuple[str, tuple[Path, ...]], ...]  # (bundle name, its source files)


def bundle_plan(kinds: Registry) -> Plan:
    """Every bundle with its source files, in order."""
    main: list[Path] = sorted((ASSETS_DIR / "js").glob("*.js"))
    lazy: dict[str, list[Path]] = {}
    css: list[Path] = sorted((ASSETS_DIR / "css").glob("*.css"))
    for kind in kinds:
        if kind.directory is None:
            continue
        scripts = sorted(kind.directory.glob("*.js"))
        (lazy.setdefault(kind.lazy_script, []) if kind.lazy_script else main).extend(scripts)
        css.extend(sorted(kind.directory.glob("*.css")))
    by_name = lambda path: path.name  # noqa: E731 - the order of the bundles is by file name
    plan = [(MAIN_SCRIPT, tuple(sorted(main, key=by_name)))]
    plan.extend((name, tuple(sorted(parts, key=by_name))) for name, parts in lazy.items())
    plan.append((STYLESHEET, tuple(sorted(css, key=by_name))))
    return tuple(plan)


def bundled_assets(kinds: Registry = DEFAULT, *, minify: bool = True) -> dict[str, str]:
    """Bundle name -> its text (guidekit.js, guidekit.css, the lazy widget bundles)."""
    plan = bundle_plan(kinds)
    sources = tuple(sorted(path for _, parts in plan for path in parts))
    return _bundle(plan, fingerprint(sources), minify)


def lazy_module_kinds(kinds: Registry) -> dict[str, str]:
    """Widget kind (as scripts register it) -> the lazy bundle that registers it."""
    found: dict[str, str] = {}
    for name, parts in bundle_plan(kinds):
        if name in (MAIN_SCRIPT, STYLESHEET):
            continue
        for part in parts:
            for kind in _REGISTERS.findall(part.read_text("utf-8")):
                found[kind] = name
    return found


@lru_cache(maxsize=4)
def _bundle(plan: Plan, stamp: tuple[tuple[str, int, int], ...], minify: bool) -> dict[str, str]:
    bundles = {}
    for name, parts in sorted(plan, key=lambda entry: entry[0] == STYLESHEET):
        text = "\n".join(p.read_text(encoding="utf-8") for p in parts)
        if minify:
            text = rjsmin.jsmin(text) if name.endswith(".js") else rcssmin.cssmin(text)
        bundles[name] = text
    return bundles


def fingerprint(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    """Cheap change detection for `mkdocs serve`: path, size and mtime of every input file."""
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)
