"""The site is a web: template pages link what they use, those pages link back, nothing is
orphaned, auto-links stay out of code, headings and links, and matrix rows are searchable."""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidekit.core import Site, load_site

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def site_data() -> Site:
    return load_site(ROOT / "data")


def page_of(site_dir: Path, src: str) -> Path:
    """The built file of a page source (the guide uses directory URLs)."""
    return site_dir / site_data().layout.url(src) / "index.html"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path) -> BeautifulSoup:
    soup = soup_of(path)
    return soup.find("article") or soup


def linked_pages(site_dir: Path, page: Path, scope: BeautifulSoup) -> set[Path]:
    """Resolved target files of every relative link inside ``scope`` of ``page``."""
    targets = set()
    for anchor in scope.find_all("a", href=True):
        href = anchor["href"].split("#")[0]
        if not href or "://" in href or href.startswith("mailto:"):
            continue
        target = (page.parent / href).resolve()
        if target.is_dir():
            target = target / "index.html"
        targets.add(target)
    return targets


@pytest.fixture(scope="module")
def link_graph(guide_site: Path) -> dict[Path, set[Path]]:
    graph = {}
    for page in guide_site.rglob("*.html"):
        graph[page.resolve()] = linked_pages(guide_site, page, article(page))
    return graph


def template_entities() -> list[str]:
    data = site_data().catalog
    return [e.id for e in data.entities.values() if e.collection == "templates"]


def test_there_are_eight_industry_templates() -> None:
    assert len(template_entities()) == 8


@pytest.mark.parametrize("template_id", template_entities())
def test_template_page_links_every_entity_it_uses_and_they_link_back(
    guide_site: Path, link_graph: dict[Path, set[Path]], template_id: str
) -> None:
    site = site_data()
    template_page = page_of(guide_site, site.entity_src(template_id)).resolve()
    assert template_page.is_file(), template_page
    uses = [link.other.id for link in site.catalog.outgoing[template_id]
            if link.relation.id == "uses"]
    assert len(uses) >= 5, f"{template_id} uses too little: {uses}"
    for used in uses:
        used_page = page_of(guide_site, site.entity_src(used)).resolve()
        assert used_page in link_graph[template_page], f"{template_id} does not link {used}"
        assert template_page in link_graph[used_page], f"{used} does not link back to {template_id}"


def test_technology_pages_show_the_decisions_that_use_them(guide_site: Path) -> None:
    page = article(page_of(guide_site, site_data().entity_src("postgresql")))
    headings = [h.get_text(" ", strip=True).rstrip("¶ ") for h in page.find_all("h2")]
    # The templates' `uses` links show, with their notes, under the showcase collection's
    # heading rather than among the backlinks (the collection is marked showcase: true).
    assert "In the Industry Templates" in headings and "Appears in" in headings
    assert "Used by" not in headings, "a template's link shows once, not twice"
    text = page.get_text(" ")
    assert "ACID for inventory" in text, "the rationale from the e-commerce decision is shown"


def test_alternatives_link_both_ways(guide_site: Path, link_graph: dict[Path, set[Path]]) -> None:
    site = site_data()
    pairs = [(e.id, link.other.id) for e in site.catalog.entities.values()
             for link in site.catalog.outgoing[e.id] if link.relation.symmetric]
    assert pairs
    for a, b in pairs:
        page_a = page_of(guide_site, site.entity_src(a)).resolve()
        page_b = page_of(guide_site, site.entity_src(b)).resolve()
        assert page_b in link_graph[page_a] and page_a in link_graph[page_b], (a, b)


def test_no_entity_page_is_orphaned(guide_site: Path, link_graph: dict[Path, set[Path]]) -> None:
    inbound: dict[Path, int] = defaultdict(int)
    for source, targets in link_graph.items():
        for target in targets:
            if target != source:
                inbound[target] += 1
    site = site_data()
    orphans = []
    for entity_id in site.catalog.entities:
        page = page_of(guide_site, site.entity_src(entity_id)).resolve()
        assert page.is_file(), entity_id
        # The collection overview always links; an orphan has nothing else pointing at it.
        if inbound[page] < 2:
            orphans.append(entity_id)
    assert not orphans, f"entities linked only from their overview: {orphans}"


def test_autolinks_never_land_in_code_headings_or_links(guide_site: Path) -> None:
    count = 0
    for page in guide_site.rglob("*.html"):
        for link in soup_of(page).select("a.gk-autolink"):
            count += 1
            bad = link.find_parent(["code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "a"])
            assert bad is None, f"{page}: auto-link inside <{bad.name}>"
    assert count > 50, "hand-written pages get auto-linked"


def test_generated_pages_are_in_the_navigation(guide_site: Path) -> None:
    """Each generated page is in its own page's navigation (its branch is open there), and
    the home page carries only the top of the other branches (navigation.prune)."""
    home_links = {posixpath.normpath(a["href"])
                  for a in soup_of(guide_site / "index.html").select("nav.md-nav--primary a[href]")}
    for expected in ("technologies/postgresql", "industry-templates/ecommerce",
                     "matrices/databases", "calculators/capacity", "checklists/requirements"):
        page = soup_of(guide_site / expected / "index.html")
        active = page.select("nav.md-nav--primary a.md-nav__link--active")
        assert any(a.get("href") in ("./", ".") for a in active), f"{expected}: not in its nav"
        assert expected not in home_links, f"{expected}: the home page carries every branch"


def test_matrix_rows_are_in_the_search_index(guide_site: Path) -> None:
    index = json.loads((guide_site / "search" / "search_index.json").read_text())
    titles = {doc["title"]: doc["location"] for doc in index["docs"]}
    matches = [t for t in titles if t.startswith("Cassandra — ")]
    assert matches, "a database row is found by search under a useful title"
    location = titles[matches[0]]
    page, _, anchor = location.partition("#")
    assert anchor and (guide_site / page / "index.html").is_file()
    assert soup_of(guide_site / page / "index.html").find(id=anchor) is not None


def test_entity_pages_are_searchable(guide_site: Path) -> None:
    index = json.loads((guide_site / "search" / "search_index.json").read_text())
    assert any(doc["location"].startswith("technologies/kafka/") for doc in index["docs"])


def test_long_collections_are_nested_by_category_in_the_navigation(guide_site: Path) -> None:
    """nav_by_category: a technology's page shows its own domain's links, the other
    domains folded to one link each (navigation.prune), and its precise kind as a fact."""
    page = soup_of(guide_site / "technologies" / "redis" / "index.html")
    nav = page.select_one("nav.md-nav--primary")
    labels = [" ".join(el.get_text(" ").split()) for el in nav.select(".md-nav__link")]
    assert "Caching" in labels and "Data stores" in labels
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert any(h.rstrip("/").endswith("memcached") for h in hrefs)
    assert not any(h.rstrip("/").endswith("cockroachdb") for h in hrefs), "another domain"
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
             for dt in page.select(".gk-facts dt")}
    assert facts.get("Kind") == "Key-value store"


def test_the_manual_stands_apart_from_the_guide(guide_site: Path) -> None:
    """detached: [use-guidekit/*]: no entity page points into the manual (Discussed in,
    Appears in), the manual is not auto-linked and has no reading-progress control."""
    for page in (guide_site / "components").rglob("index.html"):
        links = [a["href"] for a in soup_of(page).select("article a[href]")]
        assert not [h for h in links if "use-guidekit" in h], page
    for page in (guide_site / "use-guidekit").rglob("index.html"):
        article = soup_of(page).select_one("article")
        assert not article.select("a.gk-autolink"), page
        assert not article.select("[data-gk-counted], [data-gk-reading-section]"), page
