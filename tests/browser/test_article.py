"""Concept articles in the browser: the article's diagram draws from the site's own Mermaid
(with linked nodes where the data says so), and the site's search finds a word that only an
article holds."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_the_article_diagram_draws_on_request(page: Any, guide_url: str) -> None:
    page.goto(guide_url + "patterns/circuit-breaker/")
    figure = page.locator("figure.gk-article-diagram")
    assert "Half-open" in figure.locator(".gk-article-diagram__edges").inner_text(), \
        "the arrows read as text before anything is drawn"
    assert figure.locator(".gk-mermaid-svg").count() == 0
    figure.locator("summary").click()
    figure.locator(".gk-mermaid-svg svg").wait_for(timeout=20000)
    assert "Half-open" in figure.locator(".gk-mermaid-svg").inner_text()
    assert figure.locator("pre[data-gk-mermaid]").is_hidden(), "the SVG replaces the source"


def test_search_finds_a_word_only_an_article_has(page: Any, guide_url: str) -> None:
    page.goto(guide_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    search.fill("zookeeper")
    result = page.locator('.md-search-result__item a[href*="technologies/kafka/"]').first
    result.wait_for(timeout=20000)
    assert "kafka" in (result.get_attribute("href") or "")
