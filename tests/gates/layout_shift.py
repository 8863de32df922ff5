"""Cumulative layout shift of a page while its widgets start, measured in Chromium.

A ``PerformanceObserver`` for ``layout-shift`` entries is installed before any script of the
page runs (``context.add_init_script``); the page is loaded, every widget root is waited for
(``data-gk-ready``), then two animation frames and a short pause let the last shifts land.
The score is the sum of entries without recent input, as Chrome's CLS counts them (one
session window is enough here: pages are measured for a second or two, not minutes).

Widgets start after DOMContentLoaded (guidekit.js boots from a timeout, Material's document$
after its bundle ran), so ``measure_layout_shift`` counts the shifts from then on as the
widgets' (``widgets``), and reports the ones before it apart (``parsing``): Chromium paints a
long page while it still parses it, and where those frames land depends on the machine's load,
not on the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Installed in every page of the context, before the page's own scripts.
OBSERVER_SCRIPT = """
window.__gkShifts = [];
window.__gkLoaded = Infinity;
document.addEventListener('DOMContentLoaded', function () {
  window.__gkLoaded = performance.now();
});
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) {
      if (e.hadRecentInput) return;
      var sources = (e.sources || []).map(function (s) {
        var n = s.node;
        if (!n || !n.nodeType) return '?';
        if (n.nodeType !== 1) n = n.parentElement;
        if (!n) return '?';
        var cls = typeof n.className === 'string' && n.className
          ? '.' + n.className.trim().split(/\\s+/).join('.') : '';
        var a = s.previousRect, b = s.currentRect;
        /* Where it was and went (x,y WxH), to tell a widget growing from the page moving. */
        var rects = a && b ? ' [' + [a, b].map(function (r) {
          var at = [r.x, r.y, r.width, r.height].map(Math.round);
          return at[0] + ',' + at[1] + ' ' + at[2] + 'x' + at[3];
        }).join(' -> ') + ']' : '';
        return n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + cls + rects;
      });
      window.__gkShifts.push({ value: e.value, time: e.startTime, sources: sources,
                               scroll: window.scrollY, hidden: document.visibilityState });
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


@dataclass(frozen=True)
class LayoutShift:
    """Shift scores of one page load: while widgets start, and while the page was parsed."""

    widgets: float
    parsing: float
    movers: list[str]  # "<score> <elements>" of the widgets' shifts, largest first


def measure_layout_shift(page: Any, url: str, timeout_ms: int = 20_000) -> LayoutShift:
    """The layout shift of ``url`` until its widgets started and settled.

    ``page`` must belong to a context that ran ``context.add_init_script(OBSERVER_SCRIPT)``.
    """
    page.goto(url, wait_until="load")
    page.evaluate("() => document.fonts ? document.fonts.ready.then(() => 0) : 0")
    page.wait_for_function(READY_SCRIPT, timeout=timeout_ms)
    page.evaluate(SETTLE_SCRIPT)
    shifts, loaded = page.evaluate("() => [window.__gkShifts || [], window.__gkLoaded]")
    return layout_shift_of(shifts, loaded)


def layout_shift_of(shifts: list[dict[str, Any]], loaded: float) -> LayoutShift:
    """The scores of the entries ``OBSERVER_SCRIPT`` recorded, ``loaded`` being the time of
    DOMContentLoaded: from then on, the widgets'; before it, the parser's."""
    after = [s for s in shifts if s["time"] >= loaded]
    movers = [
        f"{s['value']:.3f} at {s['time']:.0f} ms (scrollY {s.get('scroll')}, {s.get('hidden')}, "
        f"loaded {loaded:.0f} ms): {', '.join(s['sources'][:3])}"
        for s in sorted(after, key=lambda s: -s["value"])
    ]
    return LayoutShift(
        widgets=sum(s["value"] for s in after),
        parsing=sum(s["value"] for s in shifts if s["time"] < loaded),
        movers=movers,
    )
