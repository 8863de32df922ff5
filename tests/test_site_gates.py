"""QUALITY GATES OVER THE REAL GUIDE SITE (the repository's own mkdocs.yml).

Every test here uses ``guide_site``: the site is built once per session with
``mkdocs build --strict``. Until the site builds, these tests ERROR with the full build
output - they are never skipped. Deselect them while iterating on something else with
``pytest -m "not site"``; CI runs them.

Gates: internal links/anchors and no CDN (``check_links``), well-formed HTML
(``check_html``), axe-core serious/critical violations on every page (``check_axe``), no
request leaving the machine, screenshots for a human (test-artifacts/screenshots/).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.gates import (
    axe_violations,
    check_console_errors,
    check_html,
    check_links,
    check_offline_requests,
    html_pages,
    page_path,
    summarize_violations,
    take_screenshots,
)
from tests.gates.axe import chrome_exclusions
from tests.gates.walk import LAPTOP, Walk, walk_site
from tests.gates.walk import Pass as WalkPass

pytestmark = pytest.mark.site

# Sections that must be represented in the screenshots: home + first page of each.
SCREENSHOT_SECTIONS: tuple[tuple[str, ...], ...] = (
    ("industry-templates",),
    ("calculators",),
    ("tables", "matrices"),
)
MAX_SHOWN = 150


def report(problems: list[str], what: str) -> str:
    shown = problems[:MAX_SHOWN]
    more = f"\n... and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
    return f"{len(problems)} {what}:\n" + "\n".join(shown) + more


def first_page_under(site: Path, section: str) -> str | None:
    """Site path of the first page below ``section/`` (a sub-page if there is one, else the
    section's own index), or None if the site has no such section."""
    rels = [p.relative_to(site).as_posix() for p in html_pages(site)]
    under = [r for r in rels if r.startswith(f"{section}/")]
    if not under:
        return None
    sub = [r for r in under if r != f"{section}/index.html"]
    chosen = (sub or under)[0]
    return page_path(site, site / chosen)


def screenshot_paths(site: Path) -> tuple[list[str], list[str]]:
    """(paths to shoot, sections that were not found)."""
    paths = [""]
    missing = []
    for alternatives in SCREENSHOT_SECTIONS:
        found = next(
            (p for p in (first_page_under(site, s) for s in alternatives) if p is not None), None
        )
        if found is None:
            missing.append(" or ".join(f"{s}/" for s in alternatives))
        else:
            paths.append(found)
    return paths, missing


def sample_paths(site: Path, limit: int = 20) -> list[str]:
    """The screenshot pages plus an even spread of the other pages, ``limit`` at most."""
    wanted, _ = screenshot_paths(site)
    pages = [page_path(site, p) for p in html_pages(site)]
    step = max(1, len(pages) // max(1, limit - len(wanted)))
    for path in pages[::step]:
        if path not in wanted and len(wanted) < limit:
            wanted.append(path)
    return wanted


def test_no_broken_links(guide_site: Path, guide_base_path: str) -> None:
    problems = check_links(guide_site, guide_base_path)
    assert not problems, report(problems, "broken links or off-site resources")


def test_html_well_formed(guide_site: Path) -> None:
    problems = check_html(guide_site)
    assert not problems, report(problems, "HTML problems")


@pytest.mark.browser
def test_axe_every_page(page: Any, guide_walk: Walk, guide_url: str, guide_site: Path) -> None:
    """axe-core on every built page, light scheme, at 1366 px (the walk of ``guide_walk``:
    Material's chrome is checked on ``chrome_sample`` only); serious/critical violations
    fail once they show again on a calm second look (``confirm_violations``)."""
    checked = guide_walk.at(LAPTOP["width"])
    assert len(checked) == len(html_pages(guide_site))
    exclude_at = chrome_exclusions(guide_site)
    exclude_for = lambda url: exclude_at(url.removeprefix(guide_url))  # noqa: E731
    found = [(guide_url + visit.path, violation) for visit in checked for violation in visit.axe]
    found = confirm_violations(page, found, exclude_for)
    problems = summarize_violations(found)
    assert not problems, report(problems, f"axe rules violated ({len(checked)} pages checked)")


@pytest.mark.browser
def test_no_page_logs_an_error_or_asks_another_host(guide_walk: Walk) -> None:
    """What the walk's browser recorded over every page at both widths (the reader view's
    flowcharts drawn): no console error or uncaught error, no request leaving the machine."""
    problems = check_offline_requests(guide_walk.monitor)
    problems += check_console_errors(guide_walk.monitor)
    assert not problems, report(problems, "problems while walking every page")


def confirm_violations(page: Any, found: list[tuple[str, dict[str, Any]]],
                       exclude_for: Any) -> list[tuple[str, dict[str, Any]]]:
    """Violations that hold on a second, unhurried look at their page.

    The pipelined scan runs axe while the other page loads; on a loaded machine it has
    reported colour contrast in Material's table of contents on a few random pages per run,
    never the same twice and never on a re-check. Each reported page is loaded again alone,
    left to settle (network idle, two frames), and checked again: what is real shows again."""
    confirmed: list[tuple[str, dict[str, Any]]] = []
    for url in dict.fromkeys(url for url, _ in found):
        load_settled(page, url)
        confirmed += [(url, v) for v in axe_violations(page, exclude=exclude_for(url))]
    return confirmed


def load_settled(page: Any, url: str) -> None:
    """Load ``url`` and let Material finish its layout (network idle, then two frames): it
    sizes the sidebars from script, and a check made before that sees a box a pixel too
    short for its contents (a "scrollable region" on the 404 page, once, on a busy machine)."""
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.browser
def test_axe_dark_scheme_sample(page: Any, guide_url: str, guide_site: Path) -> None:
    """Dark (slate) palette has its own colours: axe on a sample of pages in dark mode."""
    page.emulate_media(color_scheme="dark")
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sample_paths(guide_site, limit=12):
        load_settled(page, guide_url + path)
        found += [(page.url, v) for v in axe_violations(page)]
    problems = summarize_violations(found)
    assert not problems, report(problems, "axe rules violated in dark mode")


@pytest.mark.browser
def test_no_offsite_requests(
    page: Any,
    guide_url: str,
    guide_site: Path,
    offsite_requests: list[str],
    console_errors: list[str],
) -> None:
    """Load a spread of pages, let them go idle, use the search box: nothing may leave
    127.0.0.1 and no console errors may occur."""
    for path in sample_paths(guide_site):
        page.goto(guide_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
    search = page.locator("input[data-md-component=search-query]")
    if search.count():
        page.goto(guide_url, wait_until="load")
        search.first.click()
        search.first.fill("data")
        page.wait_for_load_state("networkidle")
    assert not offsite_requests, report(offsite_requests, "off-site requests")
    assert not console_errors, report(console_errors, "console errors")


@pytest.mark.browser
def test_screenshots(browser: Any, guide_url: str, guide_site: Path, artifacts_dir: Path) -> None:
    """Desktop/mobile x light/dark full-page PNGs of home and the first page of each main
    section, into test-artifacts/screenshots/ (gitignored) for a human to look at."""
    paths, missing = screenshot_paths(guide_site)
    out = artifacts_dir / "screenshots"
    shutil.rmtree(out, ignore_errors=True)  # no stale shots from earlier runs
    shots = take_screenshots(browser, guide_url, paths, out)
    assert len(shots) == 4 * len(paths)
    wrong_scheme = [
        f"{s.path.name}: body data-md-color-scheme={s.md_color_scheme!r}"
        for s in shots
        if s.md_color_scheme is not None and (s.md_color_scheme == "slate") != (s.scheme == "dark")
    ]
    assert not wrong_scheme, (
        "palette does not follow prefers-color-scheme (mkdocs.yml palette needs "
        "media: '(prefers-color-scheme: light/dark)'):\n" + "\n".join(wrong_scheme)
    )
    assert not missing, f"site has no section {', '.join(missing)} to screenshot"


@pytest.mark.browser
def test_the_walk_catches_what_each_of_its_gates_looks_for(
        browser: Any, guide_site: Path, guide_base_path: str) -> None:
    """One page of the guide walked with planted defects: an inline script (blocked by the
    policy), an image without a text alternative (axe), an error in the console, and a widget
    root that never starts. Each must show in the visit or the monitor; without them, none."""
    planted = """document.addEventListener('DOMContentLoaded', () => {
      const script = document.createElement('script');
      script.textContent = 'window.planted = 1';
      document.head.append(script);
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('article').append(img);
      const root = document.createElement('div');
      root.setAttribute('data-gk', 'planted');
      document.querySelector('article').append(root);
      console.error('planted error');
    });"""
    page = [guide_site / "technologies" / "aes-256" / "index.html"]
    passes = [WalkPass(**LAPTOP, axe=True, reader=False, ready_within_ms=2000)]
    clean = walk_site(browser, guide_site, guide_base_path, passes, page)
    bad = walk_site(browser, guide_site, guide_base_path, passes, page, init_script=planted)
    visit = clean.visits[0]
    assert (visit.violations, visit.axe, visit.not_ready) == ([], [], [])
    assert clean.monitor.console_errors == []
    visit = bad.visits[0]
    assert any(v.startswith("script-src") for v in visit.violations), visit.violations
    assert "image-alt" in {v["id"] for v in visit.axe}
    assert visit.not_ready == ["planted"]
    assert any("planted error" in e for e in bad.monitor.console_errors)
