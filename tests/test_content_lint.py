"""Content lint of the built guide (issue 18): the concepts readers meet most are taught on
their pages, every article is complete and sourced, and no generated page is only links.

The site is built once per session (``guide_site``) and read with BeautifulSoup. The ranking of
entities by use is code (tests/entity_ranking.py); the test prints it with each page's prose
word count (``pytest -s`` shows it).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from guidekit.core import Site, load_site
from tests.entity_ranking import ROOT, format_ranking, guide_catalog, top

TOP = 60
MIN_WORDS = 200
# Entities of the top 60 still waiting for their article (written by the content writers):
# their pages are checked for being more than links, not yet for 200 words. The list may only
# shrink: an entity that gets an article must leave it (a test below says so).
AWAITING_ARTICLE: frozenset[str] = frozenset()

# What is not prose on a page: navigation and headings, the entity header's meta line, tags and
# source link, link lists (relations, backlinks, mentions, examples, further reading, sections),
# diagrams and code, widgets' controls, and the reading-progress markers.
NOT_PROSE = (
    "h1, h2, h3, h4, h5, h6, nav, script, style, pre, code, form, button, details, figure, "
    ".headerlink, .gk-entity__meta, ul.gk-tags, .gk-entity__source, ul.gk-links, "
    "ul.gk-examples, .gk-reading, .md-source-file"
)
ARTICLE_SECTIONS = ("what", "when_to_use", "when_not", "tradeoffs", "failure_modes")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")


@lru_cache(maxsize=1)
def guide() -> Site:
    return load_site(ROOT / "data")


def built_page(site_dir: Path, src_uri: str) -> Path:
    return site_dir / guide().layout.url(src_uri) / "index.html"


@lru_cache(maxsize=512)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_content(path: Path) -> Tag:
    article = _soup(path).select_one("article.md-content__inner")
    assert article is not None, f"{path}: no article element"
    return article


def words(text: str) -> int:
    return len(_WORD.findall(text))


def prose_words(content: Tag) -> int:
    """Words of running text: the page without its chrome, headings and link lists."""
    copy = BeautifulSoup(str(content), "html.parser")
    for element in copy.select(NOT_PROSE):
        element.decompose()
    return words(copy.get_text(" "))


def words_outside_links(content: Tag) -> int:
    """Words that are not the text of a link (nor a heading, nor page chrome)."""
    copy = BeautifulSoup(str(content), "html.parser")
    for element in copy.select("a, h1, .headerlink, nav, script, style, .gk-reading"):
        element.decompose()
    return words(copy.get_text(" "))


def entity_page(site_dir: Path, entity_id: str) -> Path:
    return built_page(site_dir, guide().layout.entity_src(entity_id))


# --------------------------------------------------------------------------- top 60


@pytest.fixture(scope="module")
def top_words(guide_site: Path) -> dict[str, int]:
    ranked = top(TOP)
    counts = {r.entity_id: prose_words(main_content(entity_page(guide_site, r.entity_id)))
              for r in ranked}
    print("\nTop entities by use, with the prose words of their pages:\n"
          + format_ranking(ranked, counts))
    return counts


def test_the_ranking_covers_sixty_concepts_with_articles_first_in_line(
        top_words: dict[str, int]) -> None:
    assert len(top_words) == TOP
    ranked = [r.entity_id for r in top(TOP)]
    assert ranked[:3] and all(r in guide_catalog().entities for r in ranked)


def test_top_entity_pages_teach_in_200_words(top_words: dict[str, int]) -> None:
    short = {e: n for e, n in top_words.items() if n < MIN_WORDS and e not in AWAITING_ARTICLE}
    assert not short, f"pages under {MIN_WORDS} words of prose: {short}"


def test_the_awaiting_list_only_names_top_entities_without_an_article(
        top_words: dict[str, int]) -> None:
    articles = guide_catalog().articles
    stale = sorted(e for e in AWAITING_ARTICLE if e in articles or e not in top_words)
    assert not stale, f"remove from AWAITING_ARTICLE (an article now, or out of the top): {stale}"


# --------------------------------------------------------------------------- articles


def article_ids() -> list[str]:
    return sorted(guide_catalog().articles)


@pytest.mark.parametrize("entity_id", article_ids())
def test_every_article_shows_its_required_sections(guide_site: Path, entity_id: str) -> None:
    content = main_content(entity_page(guide_site, entity_id))
    for name in ARTICLE_SECTIONS:
        section = content.select_one(f'[data-gk-article="{name}"]')
        assert section is not None, f"{entity_id}: no {name} section"
        assert words(section.get_text(" ")) >= 3, f"{entity_id}: empty {name} section"
    reading = content.select("[data-gk-reading] a[href]")
    assert reading, f"{entity_id}: no further reading"
    assert all(a["href"].startswith("https://") for a in reading), entity_id
    total = prose_words(content)
    assert total >= MIN_WORDS, f"{entity_id}: only {total} words of prose"


def _anchor_exists(site_dir: Path, page: Path, href: str) -> bool:
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    return not parts.fragment or _soup(target).find(id=parts.fragment) is not None


@pytest.mark.parametrize("entity_id", article_ids())
def test_every_number_in_an_article_has_a_source_link(guide_site: Path, entity_id: str) -> None:
    page = entity_page(guide_site, entity_id)
    numbers = main_content(page).select('[data-gk-article="numbers"] > li')
    assert len(numbers) == len(guide_catalog().articles[entity_id].numbers)
    for item in numbers:
        link = item.select_one(".gk-article__source a[href]")
        assert link is not None and link.get_text(strip=True), f"{entity_id}: {item.get_text()}"
        href = str(link["href"])
        if not href.startswith("https://"):
            assert _anchor_exists(guide_site, page, href), f"{entity_id}: {href} does not resolve"


def test_search_finds_a_word_that_only_an_article_has(guide_site: Path) -> None:
    """The article's text is in the page, so the search index holds it under that page."""
    index = json.loads((guide_site / "search" / "search_index.json").read_text("utf-8"))
    word = "ZooKeeper"  # only the Kafka article explains KRaft replacing it
    hits = {doc["location"].split("#")[0] for doc in index["docs"]
            if re.search(rf"\b{word}\b", doc["text"] + doc["title"], re.IGNORECASE)}
    kafka = guide().layout.url(guide().layout.entity_src("kafka"))
    assert kafka in hits, f"'{word}' is not indexed on {kafka}: {sorted(hits)}"


# --------------------------------------------------------------------------- only links


def generated_sources() -> list[str]:
    return sorted(guide().generated_pages())


def test_no_generated_page_is_only_links(guide_site: Path) -> None:
    only_links = {}
    for src in generated_sources():
        content = main_content(built_page(guide_site, src))
        count = words_outside_links(content)
        if count < 12:
            only_links[src] = count
    assert not only_links, f"pages that are (nearly) only links: {only_links}"


def test_the_glossary_has_an_entry_with_an_anchor_for_every_entity(guide_site: Path) -> None:
    src = guide().layout.glossary_src()
    assert src is not None
    content = main_content(built_page(guide_site, src))
    for entity_id, entity in guide_catalog().entities.items():
        entry = content.find(id=f"g-{entity_id}")
        assert entry is not None, entity_id
        if entity.summary:
            assert words(entry.select_one("dd").get_text(" ")) >= 3, entity_id
    page = main_content(entity_page(guide_site, "kafka"))
    assert page.select_one('a[href$="glossary/#g-kafka"]') is not None
