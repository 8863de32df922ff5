"""The built guide runs under the strict Content-Security-Policy the plugin writes to
``_headers``: served WITH that header (as Netlify or Cloudflare Pages would send it), no page
raises a ``securitypolicyviolation``, loading every page of the guide (the walk of
``guide_walk``, tests/gates/walk.py) and driving every kind of widget once (Mermaid
flowcharts, the search worker and dark mode included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guidekit import csp
from tests.gates import build_site
from tests.gates.layout_shift import READY_SCRIPT
from tests.gates.serve import StaticServer
from tests.gates.walk import RECORD, Walk

MINI_MATERIAL = Path(__file__).resolve().parents[1] / "fixtures" / "mini-material"

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def csp_url(guide_site: Path, guide_base_path: str) -> Iterator[str]:
    """The guide with its _headers, and files the browser may keep as a host lets it (each
    page still comes with the policy)."""
    server = StaticServer(guide_site, guide_base_path, site_headers=True, cache=True)
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def strict_styles_url(guide_site: Path, guide_base_path: str) -> Iterator[str]:
    """The same policy without 'unsafe-inline' for styles: only Mermaid should need it."""
    def strict(name: str, value: str) -> str:
        return value.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'")

    server = StaticServer(guide_site, guide_base_path, site_headers=True, edit_headers=strict)
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def instant_csp_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/fixtures/mini-material (instant navigation) built for the URL it is served at,
    served with its _headers."""
    site = tmp_path_factory.mktemp("mini-material-csp") / "site"
    site.mkdir()
    server = StaticServer(site, site_headers=True)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("GUIDEKIT_SITE_URL", server.base_url)
            build_site(MINI_MATERIAL, site, True)
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture
def csp_page(page: Any) -> Any:
    page.add_init_script(RECORD)
    return page


def violations(page: Any) -> list[str]:
    return list(page.evaluate("window.__gkViolations || []"))


def visit(page: Any, url: str) -> list[str]:
    page.goto(url, wait_until="load")
    page.wait_for_function(READY_SCRIPT, timeout=20000)
    return [f"{url}: {v}" for v in violations(page)]


def test_the_headers_file_holds_the_strict_policy(guide_site: Path) -> None:
    text = (guide_site / "_headers").read_text(encoding="utf-8")
    assert text.startswith("/*\n  Content-Security-Policy: ")
    value = text.split("Content-Security-Policy: ", 1)[1].strip()
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'",
                      "frame-ancestors 'none'", "style-src 'self' 'unsafe-inline'"):
        assert directive in value
    script_src = next(d for d in value.split("; ") if d.startswith("script-src "))
    pages = [p.read_text(encoding="utf-8") for p in guide_site.rglob("*.html")]
    assert script_src == "script-src 'self' " + " ".join(csp.inline_script_hashes(pages))
    assert "unsafe-eval" not in value and "unsafe-inline" not in script_src


def test_no_page_of_the_guide_violates_the_policy(guide_walk: Walk, guide_site: Path) -> None:
    """Every page at both widths of ``guide_walk``: it came with the policy, its widgets
    started under it, and nothing was blocked, the flowcharts' drawing included."""
    assert len(guide_walk.visits) > 200
    found: list[str] = []
    for visit in guide_walk.visits:
        where = f"{visit.url} @{visit.width}px"
        if not visit.policy.startswith("default-src 'self'"):
            found.append(f"{where}: came without the policy ({visit.policy!r})")
        if visit.not_ready:
            found.append(f"{where}: widgets never started: {', '.join(visit.not_ready)}")
        found += [f"{where}: {violation}" for violation in visit.violations]
    assert found == []


def test_driving_every_kind_of_widget_violates_nothing(csp_page: Any, csp_url: str) -> None:
    assert drive_every_widget(csp_page, csp_url, mermaid=True) == []


def test_only_mermaid_needs_inline_styles(csp_page: Any, strict_styles_url: str) -> None:
    """guidekit's scripts and Material's set styles through the CSSOM or classes, which a
    policy without 'unsafe-inline' allows: everything but drawing a flowchart passes."""
    page = csp_page
    response = page.goto(strict_styles_url)
    assert response is not None
    assert "style-src 'self';" in response.headers["content-security-policy"]
    assert drive_every_widget(page, strict_styles_url, mermaid=False) == []


def drive_every_widget(page: Any, csp_url: str, mermaid: bool) -> list[str]:
    """Use every kind of widget once; the violations seen (Mermaid flowcharts if asked)."""
    found: list[str] = []

    def done(where: str) -> None:
        found.extend(f"{where}: {v}" for v in violations(page))

    # Checklist (tick, reset with its in-page confirmation) and calculator (type a value).
    found.extend(visit(page, csp_url + "checklists/requirements/"))
    checklist = page.locator('[data-gk="checklist"]').first
    checklist.locator("[data-gk-check]").first.check()
    checklist.locator('[data-gk-action="reset"]').click()
    checklist.get_by_role("button", name="Confirm reset").click()
    done("checklist")
    found.extend(visit(page, csp_url + "calculators/capacity/"))
    calculator = page.locator('[data-gk="calculator"][data-gk-id="capacity"]')
    calculator.locator('[data-gk-input="dau"]').fill("5000000")
    page.wait_for_function(
        "el => el.textContent.trim() === '100M'",
        arg=calculator.locator('[data-gk-output="daily_requests"]').element_handle())
    done("calculator")

    # Matrix: filter, facet, sort.
    found.extend(visit(page, csp_url + "matrices/databases/"))
    matrix = page.locator('[data-gk-id="databases"]')
    matrix.locator("[data-gk-filter]").fill("write")
    matrix.locator("[data-gk-facet=acid] input[value=No]").check()
    matrix.locator("th[data-gk-col=scale] button").click()
    done("matrix")

    # Decision wizard, then its Mermaid flowchart (Mermaid injects SVG with <style>).
    found.extend(visit(page, csp_url + "decisions/database-selection/"))
    wizard = page.locator("#decision-database-selection [data-gk-wizard]")
    wizard.locator(".gk-wizard__step button").first.click()
    if mermaid:
        page.locator("details.gk-decision__flowchart summary").click()
        page.wait_for_selector(".gk-decision__flowchart .gk-mermaid-svg svg", timeout=30000)
    done("decision")

    # Diagram flowchart and the availability what-if on one page.
    found.extend(visit(page, csp_url + "industry-templates/ecommerce/"))
    if mermaid:
        page.locator("details.gk-diagram__mermaid summary").first.click()
        page.wait_for_selector(".gk-mermaid-svg svg", timeout=30000)
    page.fill("#gk-wi-ecommerce-checkout-a4", "99")
    done("diagram and what-if")

    # Worksheet: a tick, a number, a choice, notes.
    found.extend(visit(page, csp_url + "worksheets/design/"))
    worksheet = page.locator('[data-gk="worksheet"]')
    worksheet.locator("[data-gk-item] label").first.click()
    worksheet.locator('[data-gk-notes]').first.fill("Notes")
    done("worksheet")

    # Flashcards and an estimation drill.
    found.extend(visit(page, csp_url + "flashcards/targets/"))
    deck = page.locator('[data-gk="flashcards"]').first
    deck.locator('[data-gk-action="flip"]').click()
    deck.locator('[data-gk-action="right"]').click()
    done("flashcards")
    found.extend(visit(page, csp_url + "drills/storage/"))
    drill = page.locator('[data-gk="drill"]')
    drill.locator("input").first.fill("12")
    drill.locator('[data-gk-action="check"]').click()
    done("drill")

    # Reading progress, dark mode, and search (Material's worker).
    found.extend(visit(page, csp_url + "methodology/"))
    page.get_by_label("I have read this page").check()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("cache")  # Material searches on key events, not on fill()
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    done("progress, dark mode and search")
    return found


def test_instant_navigation_there_and_back_violates_nothing(
    csp_page: Any, instant_csp_url: str
) -> None:
    """Material swaps the page body and runs its inline scripts again: the hashes cover them."""
    page = csp_page
    response = page.goto(instant_csp_url)
    assert response is not None
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    found = visit(page, instant_csp_url)
    page.evaluate("window.__gkSameDocument = true")
    page.get_by_role("link", name="other page").click()
    page.wait_for_url("**/other/")
    page.go_back()
    calculator = page.locator("#calculator-mix[data-gk-ready]")
    calculator.wait_for()
    assert page.evaluate("window.__gkSameDocument === true"), "not instant navigation"
    # That the calculator computes after going back is test_instant_nav's to show. Here, in a
    # page whose every widget this module drove first, a typed value was once lost after the
    # swap (the output kept its default, 2 CI runs of 4, never alone); under investigation,
    # so this test checks what it is for: no policy violation there and back.
    assert found + violations(page) == []
