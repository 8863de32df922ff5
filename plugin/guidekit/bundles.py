"""The scripts and stylesheets a site loads: guidekit's shared files and each kind's own.

One source file per widget, concatenated in the order of the file names (``00-core.js`` first)
and minified per bundle (rjsmin/rcssmin: comments and whitespace only). A kind whose
``lazy_script`` names a bundle (``guidekit-matrix.js``) is left out of ``guidekit.js`` and
``guidekit.css``: its script goes into that bundle, which 00-core.js fetches when a page holds
one of its widgets (it learns which from the bundles' GK.register calls), and its styles into
the stylesheet of the same name (``guidekit-matrix.css``), which the pages using one of its
classes link in their head (:func:`page_stylesheets`), so the files every page loads stay
small. guidekit's own files for parts of some pages (``assets/lazy/<name>/`` and
``assets/parts/<name>/``) make bundles of the same kind. Helpers several bundles share
(``assets/shared/*.js``: the number formatter, URL state, reading progress) go into each
bundle that calls them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin

from .kinds.registry import DEFAULT, Registry

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
MAIN_SCRIPT = "guidekit.js"
STYLESHEET = "guidekit.css"
# The print rules, linked last with media="print": after every widget's styles (which they
# override on paper) and never in the way of a screen's first paint.
PRINT_STYLESHEET = "guidekit-print.css"
# The parts widgets share (buttons, toolbars, status lines): linked by a page that uses one of
# its classes or links any other lazy stylesheet, and before them. Tables are a part of their
# own (assets/parts/table/: a chapter's plain table needs none of these).
WIDGETS = "guidekit-widgets.css"
LAZY_DIR = ASSETS_DIR / "lazy"
# guidekit's files for parts of some pages that are no widget: linked by class like a widget's,
# without the widgets' shared parts (WIDGETS), which nothing in them uses.
PARTS_DIR = ASSETS_DIR / "parts"
_REGISTERS = re.compile(r"""GK\.register\(\s*'([\w-]+)'""")
_DEFINES = re.compile(r"""^\s*(GK\.[\w.]+)\s*=""", re.M)  # what a shared helper file defines
_CLASSES = re.compile(r"\.(gk-[\w-]+)")  # the classes a stylesheet styles
_SELECTORS = re.compile(r"([^{}]+)\{")  # a rule's selectors (or an @media line, harmless)
_WIDGET_KIND = re.compile(r"[\w-]+").fullmatch  # a widget root's data-gk="kind"

Plan = tuple[tuple[str, tuple[Path, ...]], ...]  # (bundle name, its source files)


def bundle_plan(kinds: Registry) -> Plan:
    """Every bundle with its source files, in order: guidekit.js, each lazy script bundle,
    guidekit.css, each lazy stylesheet. Made once per set of kinds while no source file
    changes (a build asks several times; reading every file to find the helpers each bundle
    calls was ~35 ms a time)."""
    places = tuple((kind.directory, kind.lazy_script) for kind in kinds
                   if kind.directory is not None)
    folders = [ASSETS_DIR / "js", ASSETS_DIR / "css", ASSETS_DIR / "print", ASSETS_DIR / "shared",
               *(path for base in (LAZY_DIR, PARTS_DIR) for path in base.iterdir()
                 if path.is_dir()), *(directory for directory, _ in places)]
    sources = [path for folder in folders for path in folder.glob("*.[jc]s*")]
    return _plan(places, fingerprint(sorted(sources)))


@lru_cache(maxsize=8)
def _plan(places: tuple[tuple[Path, str], ...], stamp: tuple[tuple[str, int, int], ...]) -> Plan:
    main: list[Path] = sorted((ASSETS_DIR / "js").glob("*.js"))
    lazy: dict[str, list[Path]] = {}
    css: list[Path] = sorted((ASSETS_DIR / "css").glob("*.css"))
    lazy_css: dict[str, list[Path]] = {}
    # guidekit's own files only some pages load: assets/lazy/<name>/ (the progress list, the
    # parts widgets share, first, as every widget's styles refine them) and assets/parts/<name>/
    # (parts of pages that are no widget: the "read" checkboxes of the pages that count).
    folders = [path for base in (LAZY_DIR, PARTS_DIR) for path in base.iterdir() if path.is_dir()]
    for folder in sorted(folders, key=lambda path: (f"guidekit-{path.name}.css" != WIDGETS,
                                                    path.name)):
        if scripts := sorted(folder.glob("*.js")):
            lazy[f"guidekit-{folder.name}.js"] = scripts
        if styles := sorted(folder.glob("*.css")):
            lazy_css[f"guidekit-{folder.name}.css"] = styles
    for directory, lazy_script in places:
        scripts = sorted(directory.glob("*.js"))
        styles = sorted(directory.glob("*.css"))
        if lazy_script:
            if scripts:
                lazy.setdefault(lazy_script, []).extend(scripts)
            if styles:
                lazy_css.setdefault(stylesheet_of(lazy_script), []).extend(styles)
        else:
            main.extend(scripts)
            css.extend(styles)
    by_name = lambda path: path.name  # noqa: E731 - the order of the bundles is by file name
    core, *rest = sorted(main, key=by_name)  # 00-core.js defines GK, which the helpers fill
    plan = [(MAIN_SCRIPT, (core, *_with_helpers(rest)))]
    for name, parts in lazy.items():
        plan.append((name, tuple(_with_helpers(sorted(parts, key=by_name)))))
    plan.append((STYLESHEET, tuple(sorted(css, key=by_name))))
    plan.extend((name, tuple(sorted(parts, key=by_name))) for name, parts in lazy_css.items())
    plan.append((PRINT_STYLESHEET, tuple(sorted((ASSETS_DIR / "print").glob("*.css")))))
    return tuple(plan)


def stylesheet_of(script: str) -> str:
    """The stylesheet a lazy script bundle's kinds bring: guidekit-matrix.js -> .css."""
    return script.removesuffix(".js") + ".css"


def script_of(stylesheet: str) -> str:
    """The script bundle of the same name as a stylesheet: guidekit-matrix.css -> .js."""
    return stylesheet.removesuffix(".css") + ".js"


def _with_helpers(parts: list[Path]) -> list[Path]:
    """A bundle's files, after the shared helpers (assets/shared/) its files call."""
    text = "\n".join(part.read_text(encoding="utf-8") for part in parts)
    helpers = [path for path in sorted((ASSETS_DIR / "shared").glob("*.js"))
               if any(name in text for name in
                      _DEFINES.findall(path.read_text(encoding="utf-8")))]
    return helpers + parts


def lazy_stylesheets(kinds: Registry) -> tuple[str, ...]:
    """The stylesheets linked only by the pages that use them."""
    return tuple(name for name, _ in bundle_plan(kinds)
                 if name.endswith(".css") and name not in (STYLESHEET, PRINT_STYLESHEET))


def stylesheet_classes(bundles: dict[str, str], names: Sequence[str]) -> dict[str, frozenset[str]]:
    """Lazy stylesheet -> the gk- classes only it styles (a page using one of them links it).
    A class several of them style (gk-status) is a part inside their widgets, which each
    have classes of their own, so it decides nothing."""
    styled = {name: frozenset(_scope_classes(bundles[name])) for name in names}
    counts = Counter(cls for classes in styled.values() for cls in classes)
    return {name: frozenset(cls for cls in classes if counts[cls] == 1)
            for name, classes in styled.items()}


def _scope_classes(css: str) -> set[str]:
    """The leftmost gk- class of each selector: the widget part a rule is about
    (``.gk-matrix .gk-status`` styles a matrix's status line, not every status line)."""
    found = set()
    for selectors in _SELECTORS.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        for selector in selectors.split(","):
            first = _CLASSES.search(selector)
            if first:
                found.add(first.group(1))
    return found


def standalone_stylesheets(kinds: Registry) -> frozenset[str]:
    """The lazy stylesheets that come without the widgets' shared parts (WIDGETS): those of
    guidekit's page parts (assets/parts/) and of kinds with no script (articles), which are
    static content that uses none of them."""
    names = [name for name, _ in bundle_plan(kinds)]
    parts = {f"guidekit-{path.name}.css" for path in PARTS_DIR.iterdir() if path.is_dir()}
    return frozenset(name for name in names if name.endswith(".css") and name not in (
        STYLESHEET, PRINT_STYLESHEET, WIDGETS) and (name in parts or script_of(name) not in names))


def attribute_values(html: str, name: str,
                     accept: Callable[[str], object] | None = None) -> list[str]:
    """The values of the page's ``name`` attributes (those ``accept`` takes, if given), as
    ``re.findall(r'\\sNAME="([^"]*)"', html)`` finds them (tests/unit/test_page_scan.py
    compares), but with ``str.find``: a regex starting with ``\\s`` is tried at every
    position of a whole page, and this runs on every built page. Same matches: ``NAME="``
    right after white space (``\\s`` is ``str.isspace``), up to the next quote, the search
    going on after the value taken (no match can start inside a value, which holds no quote,
    nor inside ``NAME="`` itself)."""
    values: list[str] = []
    find = html.find
    opening = f'{name}="'
    skip = len(opening)
    position = 0
    while True:
        start = find(opening, position)
        if start < 0:
            return values
        if start and html[start - 1].isspace():
            end = find('"', start + skip)
            if end < 0:
                return values
            value = html[start + skip:end]
            if accept is None or accept(value):
                values.append(value)
                position = end + 1
                continue
        position = start + skip


def class_values(html: str) -> list[str]:
    """The values of the page's ``class`` attributes."""
    return attribute_values(html, "class")


def _in_order(names: Iterable[str | None]) -> list[str]:
    """Each name once, in the order first given; None and empty left out."""
    return list(dict.fromkeys(name for name in names if name))


def page_stylesheets(html: str, classes: dict[str, frozenset[str]],
                     standalone: frozenset[str] = frozenset()) -> list[str]:
    """The lazy stylesheets a page's HTML needs: those styling a class the page uses, and the
    widgets' shared parts (first) with any of them but the ``standalone`` ones."""
    # Stylesheets style gk- classes only (_CLASSES): other values need not be split.
    used = {word for value in class_values(html) if "gk-" in value for word in value.split()}
    names = [name for name, styled in classes.items() if styled & used]
    if set(names) - standalone and WIDGETS in classes and WIDGETS not in names:
        names.insert(0, WIDGETS)
    return names


def bundled_assets(kinds: Registry = DEFAULT, *, minify: bool = True) -> dict[str, str]:
    """Bundle name -> its text (guidekit.js, guidekit.css, the lazy widget bundles)."""
    plan = bundle_plan(kinds)
    sources = tuple(sorted(path for _, parts in plan for path in parts))
    return _bundle(plan, fingerprint(sources), minify)


def lazy_module_kinds(kinds: Registry) -> dict[str, str]:
    """Widget kind (as scripts register it) -> the lazy bundle that registers it. A kind that
    guidekit.js registers starts from it, on every page: a lazy bundle that adds behaviour
    to it (the reading ticks) is not fetched for its roots."""
    registered: dict[str, list[str]] = {}
    for name, parts in bundle_plan(kinds):
        if name.endswith(".css"):
            continue
        for part in parts:
            for kind in _REGISTERS.findall(part.read_text("utf-8")):
                registered.setdefault(kind, []).append(name)
    return {kind: names[-1] for kind, names in registered.items() if MAIN_SCRIPT not in names}


@lru_cache(maxsize=4)
def _bundle(plan: Plan, stamp: tuple[tuple[str, int, int], ...], minify: bool) -> dict[str, str]:
    bundles = {}
    for name, parts in sorted(plan, key=lambda entry: entry[0].endswith(".css")):
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


_MAIN_LINK = re.compile(r"""<link\b[^>]*\bhref="([^"]*)guidekit\.css"[^>]*>""")
_MARKER = re.compile(r"""<div hidden data-gk-styles="[^"]*"></div>""")


@dataclass(frozen=True)
class PageAssets:
    """What decides the files a built page links: each lazy stylesheet with the classes only
    it styles, each widget kind with the lazy script bundle that registers it, and the
    stylesheets that come without the widgets' shared parts."""

    stylesheets: dict[str, frozenset[str]] = field(default_factory=dict)
    scripts: dict[str, str] = field(default_factory=dict)
    standalone: frozenset[str] = frozenset()


def widget_kinds(html: str) -> list[str]:
    """The kind of each widget root of the page (``data-gk="matrix"``), in order."""
    if 'data-gk="' not in html:  # most pages hold no widget: skip the whole scan
        return []
    return attribute_values(html, "data-gk", _WIDGET_KIND)


def needed_files(html: str) -> list[str]:
    """The items' own files the page's widget roots name (``data-gk-needs``), in order."""
    if 'data-gk-needs="' not in html:
        return []
    return [name for value in attribute_values(html, "data-gk-needs") for name in value.split()]


def page_scripts(html: str, scripts: dict[str, str]) -> list[str]:
    """The lazy script bundles a page's widgets need, in the order of their first root."""
    return _in_order(map(scripts.get, widget_kinds(html)))


def page_item_scripts(html: str) -> list[str]:
    """The items' own files the page's widget roots need, each once, in order."""
    return _in_order(needed_files(html))


def link_page_assets(html: str, assets: PageAssets) -> str:
    """A built page with the files it needs: in the head, right after guidekit.css's link (so
    the site's own extra_css, listed after, still wins), a link to each lazy stylesheet whose
    classes the page uses (render-blocking, so the page paints styled), the print stylesheet,
    and a preload of each lazy script and item file (a calculator's formulas) its widgets
    need (the core fetches those only once guidekit.js has run: a chain of two requests,
    which on a slow phone network delays the first paint of the widget by a round trip); and
    a marker at the end of its content naming the lazy stylesheets, which Material's instant
    navigation carries to the core (it swaps the content, not the head). Pages that do not
    link guidekit.css (assets off) are left as they are; running it again (the print edition,
    filled after the build) adds only what is missing."""
    main = _MAIN_LINK.search(html)
    if main is None:
        return html
    prefix = main.group(1)
    names = page_stylesheets(html, assets.stylesheets, assets.standalone)
    links = "".join(f'<link rel="stylesheet" href="{prefix}{name}">' for name in names
                    if f'href="{prefix}{name}"' not in html)
    if f'href="{prefix}{PRINT_STYLESHEET}"' not in html:
        links += f'<link rel="stylesheet" href="{prefix}{PRINT_STYLESHEET}" media="print">'
    links += "".join(f'<link rel="preload" as="script" href="{prefix}{name}">'
                     for name in [*page_scripts(html, assets.scripts), *page_item_scripts(html)]
                     if f'href="{prefix}{name}"' not in html)
    html = html[:main.end()] + links + html[main.end():]
    if not names:
        return html
    marker = f'<div hidden data-gk-styles="{" ".join(names)}"></div>'
    html, replaced = _MARKER.subn(marker, html, count=1)
    end = html.rfind("</article>")
    if not replaced and end != -1:
        html = html[:end] + marker + html[end:]
    return html
