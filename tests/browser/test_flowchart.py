"""Architecture flowcharts: opening one draws the Mermaid source as SVG from the site's own
mermaid.min.js (fetched by `make vendor`, never a CDN), with nodes linking to entity pages."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_opening_a_flowchart_draws_it_with_linked_nodes(page: Any, guide_url: str) -> None:
    page.goto(guide_url + "industry-templates/ecommerce/")
    details = page.locator("details.gk-diagram__mermaid")
    assert page.locator(".gk-mermaid-svg").count() == 0, "nothing is drawn until asked"
    details.locator("summary").click()
    page.wait_for_selector(".gk-mermaid-svg svg", timeout=20000)
    hrefs = page.eval_on_selector_all(
        ".gk-mermaid-svg svg a",
        "els => els.map(e => e.getAttribute('href') || e.getAttribute('xlink:href'))",
    )
    assert "../../technologies/postgresql/" in hrefs
    assert "../../components/api-gateway/" in hrefs
    assert details.locator("pre[data-gk-mermaid]").is_hidden(), "the SVG replaces the source"
    # Mermaid writes the link as href or xlink:href depending on the browser: follow it.
    index = hrefs.index("../../technologies/postgresql/")
    page.locator(".gk-mermaid-svg svg a").nth(index).click()
    page.wait_for_url("**/technologies/postgresql/")


def test_decision_flowchart_draws_too(page: Any, guide_url: str) -> None:
    page.goto(guide_url + "decisions/database-selection/")
    page.locator("details.gk-decision__flowchart summary").click()
    page.wait_for_selector(".gk-decision__flowchart .gk-mermaid-svg svg", timeout=20000)
    text = page.locator(".gk-decision__flowchart .gk-mermaid-svg").inner_text()
    assert "CockroachDB" in text and "Need ACID transactions?" in text
