"""Gate: axe-core accessibility checks in a real browser page.

Uses the ``axe.min.js`` shipped inside the installed ``axe_playwright_python`` package (no
download). The script is evaluated into the page by Playwright for testing only; it is not
part of the site.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BLOCKING_IMPACTS = ("serious", "critical")
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


def run_axe(page: Any, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Inject axe-core into ``page`` (once per document) and return the raw ``axe.run`` result.

    ``options`` are axe run options; default ``{"resultTypes": ["violations"]}`` keeps the
    result small.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    opts = options if options is not None else {"resultTypes": ["violations"]}
    result: dict[str, Any] = page.evaluate("(opts) => axe.run(document, opts)", opts)
    return result


def format_violation(violation: dict[str, Any], where: str = "") -> str:
    """One line per violation: ``[impact] rule-id: help (helpUrl) - targets: a, b``."""
    nodes = violation.get("nodes", [])
    targets = []
    for node in nodes[:_MAX_TARGETS]:
        target = node.get("target", [])
        if isinstance(target, list):
            targets.append(" >> ".join(str(t) for t in target))
        else:
            targets.append(str(target))
    more = f" (+{len(nodes) - _MAX_TARGETS} more)" if len(nodes) > _MAX_TARGETS else ""
    prefix = f"{where}: " if where else ""
    return (
        f"{prefix}[{violation.get('impact')}] {violation.get('id')}: {violation.get('help')} "
        f"({violation.get('helpUrl')}) - targets: {', '.join(targets)}{more}"
    )


def check_axe(
    page: Any,
    impacts: Iterable[str] = BLOCKING_IMPACTS,
    options: dict[str, Any] | None = None,
) -> list[str]:
    """Run axe-core on the document currently loaded in ``page``.

    Returns one problem per violated rule whose impact is in ``impacts`` (default serious and
    critical), formatted by ``format_violation`` and prefixed with the page URL.
    """
    wanted = set(impacts)
    result = run_axe(page, options)
    return [
        format_violation(v, page.url)
        for v in result.get("violations", [])
        if v.get("impact") in wanted
    ]
