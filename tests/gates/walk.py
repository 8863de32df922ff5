"""One walk over every page of a built site: each page is loaded once per width, and every
check that needs a loaded page reads that one load.

The every-page gates used to walk the guide one after the other: the reader view (twice),
axe, the Content-Security-Policy and the layout shift (twice). Each load costs the same
whatever is checked on it, so six walks paid for 1,400 page loads where 550 do (2026-12-01:
the suite had reached the 30-minute limit of CI, two thirds of it in those walks).

A page is checked in this order, in one promise started in the page (``_STEP``):

1. its widgets start: every ``[data-gk]`` root says ``data-gk-ready`` (20 s at most);
2. on a widget page, the layout shift is read once the fonts are in and two frames and
   300 ms have passed (``tests/gates/layout_shift.py``): before anything below changes it;
3. the ``securitypolicyviolation`` events so far are read (``RECORD``);
4. axe-core runs, at the widths that ask for it;
5. the reader-view checks run (``tests/gates/readerview.js``), flowcharts drawn first at the
   widths that ask for it; the policy violations are read again, Mermaid's drawing included.

Two tabs are in flight at once, so that one page loads while the other is checked (both cores
work). Each tab goes on to its next page by navigating, a new document with nothing of the
page before in it: a new tab for every page cost a new renderer process each time, 17 % more
CPU for the same walk (30 pages, 2026-12-03), and under `make test` the other worker needs
that CPU. The site is served as a host serves it: with its ``_headers`` and with files the
browser may keep (see ``guide_url`` in tests/conftest.py for why caching matters).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .axe import BLOCKING_IMPACTS, SETTLE_CSS, axe_source
from .browser import PageMonitor
from .layout_shift import OBSERVER_SCRIPT, LayoutShift, layout_shift_of
from .pages import html_pages, page_path
from .readerview import MAX_SIDEBAR_LINKS, READER_CHECKS, TOOLING_WORDS, Finding, reader_options
from .serve import StaticServer

# The viewports of the walk: a laptop's and a phone's (the layout shift is measured at these).
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Recorded before any script of the page runs, so violations while parsing count too.
RECORD = """
window.__gkViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__gkViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || ''}` +
    `:${e.lineNumber || ''} ${e.sample || ''}`);
});
"""

# Started by one evaluate and read by a later one, so that the other tab loads meanwhile.
_STEP = """([opts]) => { window.__gateWalk = (async () => {
  await new Promise((r) => setTimeout(r, 0));
  const out = {};
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const waiting = () => [...document.querySelectorAll('[data-gk]')]
    .filter((el) => !el.hasAttribute('data-gk-ready'));
  const deadline = Date.now() + opts.readyWithin;
  while (waiting().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  out.notReady = waiting().map((el) => el.getAttribute('data-gk'));
  if (opts.shift) {
    if (document.fonts) await document.fonts.ready;
    await frames();
    await new Promise((r) => setTimeout(r, 300));
    out.shifts = window.__gkShifts || [];
    out.loaded = window.__gkLoaded;
  }
  out.violations = [...(window.__gkViolations || [])];
  if (opts.axe) {
    /* Colours at their end state: see SETTLE_CSS in tests/gates/axe.py. */
    const style = document.createElement('style');
    style.textContent = opts.axe.settle;
    document.head.appendChild(style);
    const ctx = opts.axe.exclude.length ? {exclude: opts.axe.exclude.map((s) => [s])} : document;
    const result = await axe.run(ctx, {resultTypes: ['violations']});
    out.axe = result.violations.filter((v) => opts.axe.impacts.includes(v.impact));
  }
  if (opts.reader) {
    out.reader = await (""" + READER_CHECKS + """)(opts.reader);
    out.violations = [...(window.__gkViolations || [])];
  }
  return out;
})(); }"""


@dataclass(frozen=True)
class Pass:
    """What to check at one width: the viewport, axe (with the regions to leave out of it on
    each page), the reader view (flowcharts drawn or not), the layout shift (on which pages).
    Pages are named by their path in the site (``page_path``: ``""``, ``"a/b/"``)."""

    width: int
    height: int
    axe: bool = False
    exclude_for: Callable[[str], Iterable[str]] = lambda path: ()
    reader: bool = True
    draw_charts: bool = True
    shift_for: Callable[[str], bool] = lambda path: False
    ready_within_ms: int = 20_000  # for every widget root to say data-gk-ready


@dataclass
class Visit:
    """What one load of one page showed."""

    path: str  # in the site (page_path): "" for the home page, "a/b/"
    url: str
    width: int
    policy: str  # the Content-Security-Policy header the page came with ("" for none)
    not_ready: list[str]  # kinds of the widget roots that never said data-gk-ready
    violations: list[str]  # securitypolicyviolation events, "<directive> blocked ..."
    axe: list[dict[str, Any]] = field(default_factory=list)
    reader: list[Finding] = field(default_factory=list)
    shift: LayoutShift | None = None


@dataclass
class Walk:
    """Every visit of a walk, and what its browser contexts recorded (off-site requests are
    aborted; console errors and uncaught errors, of every page)."""

    visits: list[Visit]
    monitor: PageMonitor

    def at(self, width: int) -> list[Visit]:
        return [visit for visit in self.visits if visit.width == width]


def walk_site(browser: Any, site: Path, base_path: str, passes: Sequence[Pass],
              paths: Sequence[Path] | None = None, manual_prefixes: Iterable[str] = (),
              init_script: str = "", tabs: int = 2) -> Walk:
    """Load every page of the built ``site`` (or ``paths``) once per pass and check it.
    Pages under a prefix of ``manual_prefixes`` are the tooling's own manual: the reader view
    does not look for tooling words there. ``init_script`` runs in every page before its own
    scripts (a test plants a defect with it)."""
    monitor = PageMonitor()
    visits: list[Visit] = []
    server = StaticServer(site, base_path, site_headers=True, cache=True)
    try:
        base = server.base_url
        pages = [page_path(site, html) for html in (paths or html_pages(site))]
        exempt = tuple(manual_prefixes)
        for walk_pass in passes:
            visits += _walk_pass(browser, base, pages, walk_pass, monitor, exempt,
                                 init_script, tabs)
    finally:
        server.stop()
    return Walk(visits, monitor)


def _walk_pass(browser: Any, base: str, pages: Sequence[str], walk_pass: Pass,
               monitor: PageMonitor, exempt: tuple[str, ...], init_script: str,
               tabs: int) -> list[Visit]:
    context = browser.new_context(
        viewport={"width": walk_pass.width, "height": walk_pass.height},
        color_scheme="light", locale="en-US", reduced_motion="reduce", service_workers="block")
    context.set_default_navigation_timeout(30_000)
    # Off-site requests are recorded, not routed: the browser resolves no host but loopback
    # (CHROMIUM_ARGS). Routing passed every request of every page through Playwright and
    # turned the browser's cache off, so each page fetched and compiled its scripts (Mermaid's
    # 2.6 MB on every flowchart page) afresh.
    monitor.attach(context, block=False)
    context.add_init_script(RECORD)
    context.add_init_script(OBSERVER_SCRIPT)
    if init_script:
        context.add_init_script(init_script)
    open_tabs = [context.new_page() for _ in range(tabs)]
    in_flight: list[tuple[Visit, bool] | None] = [None] * tabs
    visits: list[Visit] = []

    def collect(slot: int) -> None:
        held = in_flight[slot]
        if held is None:
            return
        visit, with_shift = held
        _read_step(open_tabs[slot], visit, with_shift)
        visits.append(visit)
        in_flight[slot] = None

    try:
        for index, path in enumerate(pages):
            slot = index % tabs
            collect(slot)
            tab = open_tabs[slot]
            url = base + path
            response = tab.goto(url, wait_until="load")
            policy = response.headers.get("content-security-policy", "") if response else ""
            options = _step_options(walk_pass, path, check_words=not (exempt and
                                                                      path.startswith(exempt)))
            if options["axe"]:
                tab.evaluate(axe_source())
            tab.evaluate(_STEP, [options])
            in_flight[slot] = (Visit(path, url, walk_pass.width, policy, [], []),
                               bool(options["shift"]))
        for slot in range(tabs):
            collect(slot)
    finally:
        context.close()
    return visits


def _step_options(walk_pass: Pass, path: str, check_words: bool) -> dict[str, Any]:
    return {
        "readyWithin": walk_pass.ready_within_ms,
        "shift": walk_pass.shift_for(path),
        "axe": {"exclude": list(walk_pass.exclude_for(path)), "impacts": list(BLOCKING_IMPACTS),
                "settle": SETTLE_CSS} if walk_pass.axe else None,
        "reader": reader_options(walk_pass.width, check_words, TOOLING_WORDS, MAX_SIDEBAR_LINKS,
                                 walk_pass.draw_charts) if walk_pass.reader else None,
    }


def _read_step(tab: Any, visit: Visit, with_shift: bool) -> None:
    out = tab.evaluate("() => window.__gateWalk")
    visit.not_ready = list(out["notReady"])
    visit.violations = list(out["violations"])
    visit.axe = list(out.get("axe") or [])
    visit.reader = [Finding(item["rule"], visit.url, visit.width, item["where"], item["detail"])
                    for item in out.get("reader") or []]
    if with_shift:
        visit.shift = layout_shift_of(out["shifts"], out["loaded"])
