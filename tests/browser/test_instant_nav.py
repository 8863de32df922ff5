"""Material's instant navigation swaps the page without reloading scripts: widgets must start
again on the new body, exactly once, and keep their saved state. Also dark mode and phones."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_widgets
from tests.gates import MOBILE

pytestmark = pytest.mark.browser

ROOT = "#checklist-before"


def still_same_document(page: Any) -> bool:
    """True while no full page load happened since ``mark_document``."""
    return bool(page.evaluate("window.__gkSameDocument === true"))


def mark_document(page: Any) -> None:
    page.evaluate("window.__gkSameDocument = true")


def wait_ready(page: Any) -> None:
    page.wait_for_function(
        "() => document.querySelector('#checklist-before[data-gk-ready]') !== null"
    )


def state(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => ({
          roots: document.querySelectorAll('[data-gk]').length,
          ready: document.querySelectorAll('[data-gk][data-gk-ready]').length,
          buttons: document.querySelectorAll('#checklist-before [data-gk-controls] button').length,
          wizards: document.querySelectorAll('[data-gk-wizard] .gk-wizard__step').length,
          progress: document.querySelector('#checklist-before [data-gk-progress-text]').textContent,
          ticked: [...document.querySelectorAll('#checklist-before [data-gk-check]:checked')]
            .map(b => b.dataset.gkCheck),
        })"""
    )


def test_widgets_start_once_after_instant_navigation(page: Any, material_url: str) -> None:
    open_widgets(page, material_url)
    first = state(page)
    assert first["roots"] == first["ready"] == 3
    assert first["buttons"] == 5  # export, share, reset + the hidden confirm and cancel
    mark_document(page)
    page.check("#gk-before-goggles")

    page.get_by_role("link", name="other page").click()
    page.wait_for_url("**/other/")
    page.wait_for_selector("text=Nothing to tick here")
    assert still_same_document(page), "the click was a full page load, not instant navigation"
    assert page.locator("[data-gk]").count() == 0

    page.get_by_role("link", name="home page").click()
    wait_ready(page)
    assert still_same_document(page)
    after = state(page)
    assert after == {**first, "progress": "1 of 2 done", "ticked": ["goggles"]}
    page.check("#gk-before-gloves")
    assert state(page)["progress"] == "2 of 2 done"
    page.uncheck("#gk-before-gloves")
    assert state(page)["progress"] == "1 of 2 done"

    # Reset shows exactly one confirmation button: a second start would have added another.
    page.click(f"{ROOT} [data-gk-action=reset]")
    assert page.get_by_role("button", name="Confirm reset").count() == 1
    page.get_by_role("button", name="Cancel").click()

    # Browser history: back to the other page and forward again, still instant.
    page.go_back()
    page.wait_for_url("**/other/")
    page.go_forward()
    wait_ready(page)
    assert still_same_document(page)
    assert state(page) == after


def test_calculator_and_wizard_work_after_instant_navigation(page: Any, material_url: str) -> None:
    open_widgets(page, material_url)
    mark_document(page)
    page.get_by_role("link", name="other page").click()
    page.wait_for_url("**/other/")
    page.go_back()
    # Going back, Material may swap the page's content in twice: a calculator found ready at
    # once was replaced by a fresh one in 3 of 10 runs, and what was typed into it was gone
    # (1 run in 8 failed so, 2026-12-01). Once its fetch of the page is done, the content
    # stays (12 of 12). Then wait for the very widgets driven below, not for a neighbour.
    page.wait_for_load_state("networkidle")
    calculator = page.locator("#calculator-mix[data-gk-ready]")
    calculator.wait_for()
    assert still_same_document(page)

    calculator.locator("#gk-mix-copies").fill("1")
    # A locator, not an element handle: it is looked up again on each poll.
    expect(calculator.locator("[data-gk-output=files]")).to_have_text("3")
    page.locator("#decision-route[data-gk-ready]").wait_for()
    wizard = page.locator("#decision-route [data-gk-wizard]")
    wizard.get_by_role("button", name="Yes", exact=True).click()
    wizard.get_by_role("button", name="No", exact=True).click()
    assert wizard.locator(".gk-wizard__outcome").text_content().startswith("Recommendation")
    assert "Ride a bike" in wizard.inner_text()
    assert page.locator("[data-gk-wizard] .gk-wizard__step").count() == 1


def test_dark_scheme_colours_follow_material(page: Any, material_url: str) -> None:
    open_widgets(page, material_url)

    def colours() -> dict[str, str]:
        return page.evaluate(
            """() => ({
              // The card is transparent: its effective background is the first painted one.
              result: (() => {
                for (let el = document.querySelector('.gk-result'); el; el = el.parentElement) {
                  const bg = getComputedStyle(el).backgroundColor;
                  if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
                }
                return 'rgb(255, 255, 255)';
              })(),
              output: getComputedStyle(document.querySelector('.gk-result output')).color,
            })"""
        )

    light = colours()
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = colours()
    assert dark["result"] != light["result"]
    assert dark["output"] != light["output"]

    def luminance(css: str) -> float:
        parts = [float(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        return sum(parts) / 3

    assert luminance(dark["result"]) < 80 < luminance(dark["output"])
    assert luminance(light["result"]) > 200 > luminance(light["output"])


def test_no_horizontal_overflow_on_a_phone(page: Any, material_url: str) -> None:
    page.set_viewport_size(MOBILE)
    open_widgets(page, material_url)
    page.locator("[data-gk-wizard]").get_by_role("button", name="Yes", exact=True).click()
    page.locator("[data-gk-wizard]").get_by_role("button", name="Not sure", exact=True).click()
    page.click(f"{ROOT} [data-gk-action=reset]")
    page.fill("#gk-mix-sizes", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, x")
    widths = page.evaluate(
        """() => ({page: document.documentElement.scrollWidth,
                   widgets: Math.max(...[...document.querySelectorAll('.gk')]
                     .map(e => e.getBoundingClientRect().right))})"""
    )
    assert widths["page"] <= MOBILE["width"]
    assert widths["widgets"] <= MOBILE["width"]


def test_a_widgets_stylesheet_is_in_before_it_starts_after_instant_navigation(
    page: Any, material_url: str
) -> None:
    """A page without widgets links no widget stylesheet; navigating instantly to one with a
    checklist, the core adds the checklist's stylesheet to the head and starts the widget
    (revealing its controls) only once that stylesheet is in."""
    held: list[Any] = []
    page.route("**/guidekit-checklist.css", lambda route: held.append(route))
    page.goto(material_url + "other/")
    page.wait_for_selector("text=Nothing to tick here")
    assert page.locator('head link[href$="guidekit-checklist.css"]').count() == 0
    mark_document(page)
    page.get_by_role("link", name="home page").click()
    page.locator(ROOT).wait_for(state="attached")
    page.wait_for_function(
        "() => document.querySelector('head link[href$=\"guidekit-checklist.css\"]')")
    assert still_same_document(page)
    page.wait_for_timeout(300)  # the stylesheet is held: nothing may start meanwhile
    assert page.locator(f"{ROOT}[data-gk-ready]").count() == 0
    assert held, "the core never asked for the checklist's stylesheet"
    for route in held:
        route.continue_()
    wait_ready(page)
    assert page.evaluate(
        "() => [...document.querySelectorAll('head link[href$=\"guidekit-checklist.css\"]')]"
        ".some(link => link.sheet !== null)")


def test_content_waits_hidden_for_its_stylesheets_after_instant_navigation(
    page: Any, material_url: str
) -> None:
    """An entity page's facts are styled by a part (guidekit-pages.css) a page without them
    does not link. Arriving by instant navigation, the new content stays hidden in its place
    until that stylesheet is in, as a first load holds it behind the head: it never shows
    unstyled, and nothing shifts when the styles apply. A stylesheet that never answers holds
    it a few seconds only."""
    held: list[Any] = []
    page.route("**/guidekit-pages.css", lambda route: held.append(route))
    page.goto(material_url + "other/")
    page.wait_for_selector("text=Nothing to tick here")
    page.evaluate("""() => { window.__gkShifts = 0; new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__gkShifts += entry.value;
      }
    }).observe({type: 'layout-shift'}); }""")
    mark_document(page)
    article = "article:has(.gk-facts)"
    visibility = f"() => getComputedStyle(document.querySelector('{article}')).visibility"

    page.get_by_role("link", name="hammer").click()
    page.wait_for_function(f"() => document.querySelector('{article}') !== null")
    assert still_same_document(page), "the click was a full page load, not instant navigation"
    # Held: the stylesheet cannot arrive meanwhile, so the content must be hidden, not styled.
    page.wait_for_function(f"() => ({visibility})() === 'hidden'")
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.gk-facts')).display") != "grid"
    assert held, "the core never asked for the generated pages' stylesheet"
    for route in held:
        route.continue_()
    page.wait_for_function(f"() => ({visibility})() === 'visible'")
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.gk-facts')).display") == "grid"
    assert page.evaluate("window.__gkShifts") == 0

    # Back, and to the hammer again in a fresh context whose stylesheet never answers.
    page.unroute("**/guidekit-pages.css")
    stalled = page.context.new_page()
    stalled.route("**/guidekit-pages.css", lambda route: None)  # never continued
    stalled.goto(material_url + "other/")
    stalled.wait_for_selector("text=Nothing to tick here")
    stalled.get_by_role("link", name="hammer").click()
    stalled.wait_for_function(f"() => document.querySelector('{article}') !== null")
    stalled.wait_for_function(f"() => ({visibility})() === 'visible'", timeout=15_000)
    stalled.close()
