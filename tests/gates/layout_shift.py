"""Cumulative layout shift of a page while its widgets start, measured in Chromium.

A ``PerformanceObserver`` for ``layout-shift`` entries is installed before any script of the
page runs (``context.add_init_script``); the page is loaded, every widget root is waited for
(``data-gk-ready``), then two animation frames and a short pause let the last shifts land.
The score is the sum of entries without recent input, as Chrome's CLS counts them (one
session window is enough here: pages are measured for a second or two, not minutes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Installed in every page of the context, before the page's own scripts.
OBSERVER_SCRIPT = """
window.__gkShifts = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) {
      if (e.hadRecentInput) return;
      window.__gkShifts.push({ value: e.value, sources: (e.sources || []).map(function (s) {
        var n = s.node;
        if (!n || !n.nodeType) return '?';
        if (n.nodeType !== 1) n = n.parentElement;
        if (!n) return '?';
        var cls = typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\\s+/).join('.') : '';
        return n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + cls;
      }) });
    });
  }).observe({ type: 'layout-shift', buffered: true });
} catch (e) { /* no Layout Instability API: no entries */ }
"""

# Widgets whose roots start on every page (reading progress) are waited for too.
READY_SCRIPT = """() => [...document.querySelectorAll('[data-gk]')]
  .every((el) => el.hasAttribute('data-gk-ready'))"""
SETTLE_SCRIPT = """() => new Promise((done) => requestAnimationFrame(() =>
  requestAnimationFrame(() => setTimeout(done, 300))))"""


def widget_pages(site_dir: Path | str, kinds_ignored: tuple[str, ...] = ("reading",)) -> list[Path]:
    """Every page of a built site that holds a widget other than ``kinds_ignored``."""
    import re

    from .pages import html_pages

    marker = re.compile(r'data-gk="([a-z-]+)"')
    found = []
    for page in html_pages(site_dir):
        kinds = set(marker.findall(page.read_text(encoding="utf-8", errors="replace")))
        if kinds - set(kinds_ignored):
            found.append(page)
    return found


def measure_layout_shift(page: Any, url: str, timeout_ms: int = 20_000) -> tuple[float, list[str]]:
    """(CLS of ``url`` once its widgets started, the elements that moved, largest first).

    ``page`` must belong to a context that ran ``context.add_init_script(OBSERVER_SCRIPT)``.
    """
    page.goto(url, wait_until="load")
    page.evaluate("() => document.fonts ? document.fonts.ready.then(() => 0) : 0")
    page.wait_for_function(READY_SCRIPT, timeout=timeout_ms)
    page.evaluate(SETTLE_SCRIPT)
    shifts = page.evaluate("() => window.__gkShifts || []")
    total = sum(s["value"] for s in shifts)
    movers = [
        f"{s['value']:.3f} {', '.join(s['sources'][:3])}"
        for s in sorted(shifts, key=lambda s: -s["value"])
    ]
    return total, movers
