"""A reader can type into a widget before its script has started (the HTML is a working form
first): when the script starts, it keeps what was typed, over saved state and shared links.

The script is held back by serving an empty guidekit.js, the reader types, then the real
script is added to the page, as a slow network would deliver it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCRIPT = "**/assets/guidekit/guidekit.js"


def hold_script(page: Any) -> None:
    page.route(SCRIPT, lambda route: route.fulfill(body="", content_type="text/javascript"))


def release_script(page: Any, base_url: str) -> None:
    page.unroute(SCRIPT)
    page.add_script_tag(url=base_url + "assets/guidekit/guidekit.js")


def test_the_calculator_keeps_a_number_typed_before_it_started(page: Any, mini_url: str) -> None:
    hold_script(page)
    page.goto(mini_url + "calculators/mix/?gk-calculator-mix=copies:2")
    page.fill("#gk-mix-copies", "1")
    release_script(page, mini_url)
    root = page.locator("#calculator-mix[data-gk-ready]")
    root.wait_for()
    assert page.input_value("#gk-mix-copies") == "1", "the shared link overwrote the reader"
    page.wait_for_function("el => el.textContent === '3'",
                           arg=root.locator("[data-gk-output=files]").element_handle())
    page.wait_for_url(re.compile(r"copies(:|%3A)1"))


def test_the_checklist_keeps_a_tick_made_before_it_started(page: Any, mini_url: str) -> None:
    page.goto(mini_url + "checklists/trip/")
    page.evaluate("localStorage.setItem('gk:Mini:checklist:trip', JSON.stringify({map: true}))")
    hold_script(page)
    page.reload()
    page.check("#gk-trip-hammer")
    release_script(page, mini_url)
    root = page.locator("#checklist-trip[data-gk-ready]")
    root.wait_for()
    assert page.is_checked("#gk-trip-hammer") and page.is_checked("#gk-trip-map")
    assert root.locator("[data-gk-progress-text]").text_content() == "2 of 5 done"
    saved = json.loads(page.evaluate("localStorage.getItem('gk:Mini:checklist:trip')"))
    assert saved == {"map": True, "hammer": True}
