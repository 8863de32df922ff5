"""The design worksheet: what the reader ticks, enters, chooses and writes ends up in one
downloaded Markdown document, and the choice and notes survive a reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WORKSHEET = "worksheets/design/"


def open_worksheet(page: Any, guide_url: str) -> Any:
    page.goto(guide_url + WORKSHEET)
    root = page.locator('[data-gk="worksheet"][data-gk-ready]')
    root.wait_for()
    return root


def test_the_download_holds_ticks_inputs_choice_and_notes(page: Any, guide_url: str) -> None:
    root = open_worksheet(page, guide_url)
    step = root.locator('[data-gk-step="requirements"]')
    labels = step.locator('[data-gk-item] label')
    first, second = labels.nth(0).inner_text().strip(), labels.nth(1).inner_text().strip()
    labels.nth(0).click()
    labels.nth(1).click()
    dau = root.locator('[data-gk="calculator"][data-gk-id="capacity"] [data-gk-input="dau"]')
    dau.fill("5000000")
    daily = root.locator('[data-gk-id="capacity"] [data-gk-output="daily_requests"]')
    page.wait_for_function(
        "el => el.textContent.trim() === '100M'", arg=daily.element_handle(), timeout=5000
    )
    root.locator('[data-gk-choice="high-level"]').select_option("ecommerce")
    root.locator('[data-gk-notes="bottlenecks"]').fill("Chose Kafka over SQS for replay.")

    with page.expect_download() as info:
        root.locator('[data-gk-action="download"]').click()
    download = info.value
    assert download.suggested_filename == "design-document.md"
    document = Path(download.path()).read_text(encoding="utf-8")

    assert document.startswith("# System design document\n")
    assert f"- [x] {first}" in document and f"- [x] {second}" in document
    assert "- [ ] " in document, "unticked items are listed unticked"
    assert "| 5000000 |" in document, "the value the reader entered"
    assert "| 100M" in document, "the results the reader's inputs produced"
    assert "E-Commerce Platform](http" in document, "the chosen template, linked absolutely"
    assert "PostgreSQL](http" in document, "with the components it uses"
    assert "Chose Kafka over SQS for replay." in document
    for phase in ("Phase 1", "Phase 2", "Phase 3", "Phase 4"):
        assert f"## {phase}" in document

    page.reload()
    root = open_worksheet(page, guide_url)
    assert root.locator('[data-gk-choice="high-level"]').input_value() == "ecommerce"
    assert root.locator('[data-gk-notes="bottlenecks"]').input_value().startswith("Chose Kafka")
    assert "E-Commerce Platform" in root.locator("[data-gk-chosen]").inner_text()


def test_without_javascript_every_step_is_readable(browser: Any, guide_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(guide_url + WORKSHEET)
        steps = page.locator("[data-gk-step]")
        assert steps.count() == 4
        assert page.locator('[data-gk-step="requirements"] [data-gk-item]').count() > 5
        outputs = page.locator('[data-gk-id="capacity"] [data-gk-output="daily_requests"]')
        assert outputs.inner_text().strip() == "200M", "the default result is in the HTML"
    finally:
        context.close()
