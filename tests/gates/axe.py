"""Gate: axe-core accessibility checks in a real browser page.

Uses the ``axe.min.js`` shipped inside the installed ``axe_playwright_python`` package (no
download). The script is evaluated into the page by Playwright for testing only; it is not
part of the site.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

BLOCKING_IMPACTS = ("serious", "critical")
# Material for MkDocs' chrome: identical on every page (header + search, tabs, navigation).
# The whole-site axe test checks it fully on a sample of pages and excludes it elsewhere.
MATERIAL_CHROME = (".md-header", ".md-tabs", ".md-sidebar--primary")
_MAX_TARGETS = 5


@functools.cache
def axe_script_path() -> Path:
    """Path of the axe.min.js bundled with axe_playwright_python."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        raise RuntimeError("axe_playwright_python is not installed (see requirements/dev.lock)")
    path = Path(spec.origin).parent / "axe.min.js"
    if not path.is_file():
        raise RuntimeError(f"axe.min.js not found in {path.parent}")
    return path


@functools.cache
def axe_source() -> str:
    return axe_script_path().read_text(encoding="utf-8")


def run_axe(
    page: Any,
    options: dict[str, Any] | None = None,
    exclude: Iterable[str] = (),
) -> dict[str, Any]:
    """Inject axe-core into ``page`` (once per document) and return the raw ``axe.run`` result.

    ``options`` are axe run options; default ``{"resultTypes": ["violations"]}`` keeps the
    result small. ``exclude``: CSS selectors of regions to leave out (the rest of the document,
    page-level rules included, is still checked).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    page.evaluate(_SETTLE, SETTLE_CSS)
    opts = options if options is not None else {"resultTypes": ["violations"]}
    result: dict[str, Any] = page.evaluate(
        "([ctx, opts]) => axe.run(ctx || document, opts)", [_axe_context(exclude), opts]
    )
    return result


# Colours are measured at their end state: Material fades the table of contents' active link
# in over 125 ms, and on a loaded machine axe used to sample it mid-transition (a contrast
# "violation" no reader sees). Stopping transitions changes no final colour.
SETTLE_CSS = "*,*::before,*::after{transition:none!important;animation:none!important}"
_SETTLE = """(css) => {
  if (document.getElementById('gate-settle')) return;
  const style = document.createElement('style');
  style.id = 'gate-settle';
  style.textContent = css;
  document.head.appendChild(style);
}"""


def _axe_context(exclude: Iterable[str]) -> Any:
    excluded = [[selector] for selector in exclude]
    return {"exclude": excluded} if excluded else None


def axe_scan(
    pages: Sequence[Any],
    urls: Iterable[str],
    exclude_for: Callable[[str], Iterable[str]] = lambda url: (),
    impacts: Iterable[str] = BLOCKING_IMPACTS,
) -> list[tuple[str, dict[str, Any]]]:
    """Load each URL and run axe-core on it, pipelined over ``pages`` (e.g. two pages of one
    context: while one page's axe runs in its renderer, the next URL loads in the other, so
    two cores are used). Returns ``(url, violation)`` pairs with impact in ``impacts``;
    ``exclude_for(url)`` gives the selectors to leave out on that URL."""
    wanted = set(impacts)
    opts = {"resultTypes": ["violations"]}
    pending: list[str | None] = [None] * len(pages)
    found: list[tuple[str, dict[str, Any]]] = []

    def collect(slot: int) -> None:
        url = pending[slot]
        if url is None:
            return
        result = pages[slot].evaluate("() => window.__gateAxe")
        found.extend((url, v) for v in result.get("violations", []) if v.get("impact") in wanted)
        pending[slot] = None

    for index, url in enumerate(urls):
        slot = index % len(pages)
        collect(slot)
        page = pages[slot]
        page.goto(url, wait_until="load")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_source())
        page.evaluate(_SETTLE, SETTLE_CSS)
        page.evaluate(
            "([ctx, opts]) => { window.__gateAxe = axe.run(ctx || document, opts); }",
            [_axe_context(exclude_for(url)), opts],
        )
        pending[slot] = url
    for slot in range(len(pages)):
        collect(slot)
    return found


def axe_violations(
    page: Any,
    impacts: Iterable[str] = BLOCKING_IMPACTS,
    exclude: Iterable[str] = (),
    options: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The raw axe violations of the loaded document whose impact is in ``impacts``."""
    wanted = set(impacts)
    result = run_axe(page, options, exclude)
    return [v for v in result.get("violations", []) if v.get("impact") in wanted]


def chrome_sample(site: Path) -> set[str]:
    """Paths of the pages (``page_path``) axe checks *with* Material's chrome (header, tabs,
    navigation): home, 404 and the first page of every top-level section. The chrome is the
    same on every page, so the others are checked without it (much faster: the navigation is
    most of the DOM)."""
    from .pages import html_pages, page_path

    chosen: dict[str, Path] = {}
    for html in html_pages(site):
        rel = html.relative_to(site)
        key = rel.parts[0] if len(rel.parts) > 1 else rel.name
        chosen.setdefault(key, html)
    return {page_path(site, html) for html in chosen.values()}


def chrome_exclusions(site: Path) -> Callable[[str], tuple[str, ...]]:
    """For a page's path: the regions axe leaves out there (Material's chrome, except on
    ``chrome_sample``)."""
    full = chrome_sample(site)
    return lambda path: () if path in full else MATERIAL_CHROME


def _targets(violation: dict[str, Any], limit: int = _MAX_TARGETS) -> str:
    nodes = violation.get("nodes", [])
    targets = []
    for node in nodes[:limit]:
        target = node.get("target", [])
        if isinstance(target, list):
            targets.append(" >> ".join(str(t) for t in target))
        else:
            targets.append(str(target))
    more = f" (+{len(nodes) - limit} more)" if len(nodes) > limit else ""
    return ", ".join(targets) + more


def format_violation(violation: dict[str, Any], where: str = "") -> str:
    """One line per violation: ``[impact] rule-id: help (helpUrl) - targets: a, b``."""
    prefix = f"{where}: " if where else ""
    return (
        f"{prefix}[{violation.get('impact')}] {violation.get('id')}: {violation.get('help')} "
        f"({violation.get('helpUrl')}) - targets: {_targets(violation)}"
    )


def check_axe(
    page: Any,
    impacts: Iterable[str] = BLOCKING_IMPACTS,
    options: dict[str, Any] | None = None,
    exclude: Iterable[str] = (),
) -> list[str]:
    """Run axe-core on the document currently loaded in ``page``.

    Returns one problem per violated rule whose impact is in ``impacts`` (default serious and
    critical), formatted by ``format_violation`` and prefixed with the page URL. ``exclude``
    leaves regions out (e.g. ``MATERIAL_CHROME`` on pages whose chrome was already checked).
    """
    return [format_violation(v, page.url) for v in axe_violations(page, impacts, exclude, options)]


def summarize_violations(found: Iterable[tuple[str, dict[str, Any]]], pages: int = 4) -> list[str]:
    """Group ``(url, violation)`` pairs by rule: one line per rule with the number of pages,
    a few of them, and the targets seen first. For reports over a whole site."""
    by_rule: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for url, violation in found:
        by_rule.setdefault(str(violation.get("id")), []).append((url, violation))
    lines = []
    for rule, hits in sorted(by_rule.items(), key=lambda item: -len(item[1])):
        first = hits[0][1]
        urls = [url for url, _ in hits]
        more = f" (+{len(urls) - pages} more)" if len(urls) > pages else ""
        shown = ", ".join(urls[:pages]) + more
        lines.append(
            f"[{first.get('impact')}] {rule} on {len(urls)} page(s): {first.get('help')} "
            f"({first.get('helpUrl')})\n    e.g. targets: {_targets(first)}\n    pages: {shown}"
        )
    return lines
