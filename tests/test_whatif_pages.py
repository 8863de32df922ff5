"""Every industry template page of the built guide has its flow's what-if, readable without
JavaScript: the default figures (Python's) in the HTML, where the flow comes from (the guide's
list, or the derivation text), the weakest link marked in the template's diagram, and preset
links in the calculators' own URL format."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from guidekit.composite import REGION
from guidekit.core import load_site
from guidekit.kinds.flow import KIND as FLOW
from guidekit.kinds.flow.view import nines_floor
from guidekit.units import format_value

pytestmark = pytest.mark.site


def template_pages(guide_site: Path) -> dict[str, BeautifulSoup]:
    folder = guide_site / "industry-templates"
    return {p.parent.name: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(folder.glob("*/index.html"))}


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select(selector)
    assert len(found) == 1, (selector, len(found))
    return found[0]


def test_every_template_page_shows_its_flow_with_the_python_figures(
    guide_site: Path, repo_root: Path
) -> None:
    site = load_site(repo_root / "data")
    catalog, flows = site.catalog, FLOW.result(site.checked)
    pages = template_pages(guide_site)
    templates = {e.id for e in catalog.by_collection("templates")}
    assert set(pages) == templates and len(templates) == 8
    owners = {catalog.owners[("flows", flow_id)]: flow_id for flow_id in catalog.flows}
    assert set(owners) == templates  # one critical flow per template

    for template, soup in pages.items():
        flow = catalog.flows[owners[template]]
        model = flows.models[flow.id]
        results = model.evaluate()
        widget = one(soup, f'[data-gk="whatif"][data-gk-id="{flow.id}"]')
        availability = one(widget, '[data-gk-output="availability"]')
        assert availability.text == format_value(
            nines_floor(results["availability"], 4), "percent", "", 4), template
        for key in ("downtime_year", "downtime_month"):
            output = one(widget, f'[data-gk-output="{key}"]')
            assert output.text == format_value(results[key], "duration", "", 2), (template, key)
        rows = widget.select("tr[data-gk-component]:not([data-gk-shared])")
        assert [r["data-gk-component"] for r in rows] == [c.key for c in model.components]
        for row, component in zip(rows, model.components, strict=True):
            field = one(row, "input[data-gk-input^=a]")
            assert float(str(field["value"])) == component.availability
            assert one(row, "input[data-gk-input^=r]")["value"] == str(component.replicas)
            assert one(row, ".gk-whatif__source").text.strip(), (template, component.key)
            assert soup.find(id=f"diagram-{flow.diagram}-{component.key}") is not None
        weakest = model.weakest(results)
        assert [r["data-gk-component"] for r in widget.select("tr[data-gk-weakest]")] == [weakest]
        badge = one(soup, f'#diagram-{flow.diagram} [data-gk-badge="{flow.id}"]')
        assert badge.parent is not None
        if weakest == REGION:  # no node: the badge waits hidden in the diagram
            assert badge.parent["id"] == f"diagram-{flow.diagram}"
            assert badge.has_attr("hidden")
        else:
            assert badge.parent["id"] == f"diagram-{flow.diagram}-{weakest}"
            assert "gk-diagram__node--weakest" in badge.parent["class"]
            assert not badge.has_attr("hidden")
        if flow.derived:
            assert "Derived from the diagram" in one(widget, "[data-gk-derived]").text
        else:
            link = one(widget, ".gk-whatif__origin a")
            assert str(link["href"]).endswith(f"#list-{flow.guide}")
            assert soup.find(id=f"list-{flow.guide}") is not None


def test_every_flow_shares_zones_and_regions_with_sourced_defaults(
    guide_site: Path, repo_root: Path
) -> None:
    """Zones and regions are rows of every what-if, their figures linked to the table of
    published SLAs; no component reads 100% and no default flow reads above 99.999%."""
    site = load_site(repo_root / "data")
    catalog, flows = site.catalog, FLOW.result(site.checked)
    owners = {catalog.owners[("flows", flow_id)]: flow_id for flow_id in catalog.flows}
    for template, soup in template_pages(guide_site).items():
        flow_id = owners[template]
        widget = one(soup, f'[data-gk="whatif"][data-gk-id="{flow_id}"]')
        for domain, row_id in (("zone", "zone"), ("region", "region")):
            row = one(widget, f'tr[data-gk-shared="{domain}"]')
            assert one(row, f'input[data-gk-input="{domain}"]')["value"] in {"99.95", "99.99"}
            link = one(row, ".gk-whatif__source a")
            assert str(link["href"]).endswith(f"#cloud-slas-{row_id}"), (template, domain)
        for output in widget.select("output[data-format=percent]"):
            assert not output.text.startswith("100"), (template, output)
        results = flows.models[flow_id].evaluate()
        assert results["availability"] <= 99.999, template
    sla_page = BeautifulSoup(
        (guide_site / "non-functional-requirements" / "index.html").read_text(encoding="utf-8"),
        "html.parser")
    notes = sla_page.select("#table-cloud-slas .gk-table__notes li a")
    assert notes and all(str(a["href"]).startswith("https://") for a in notes)


def test_derived_flows_say_so_and_named_flows_link_the_guide(repo_root: Path) -> None:
    catalog = load_site(repo_root / "data").catalog
    named = sorted(f.id for f in catalog.flows.values() if f.guide)
    assert named == ["ecommerce-checkout", "fintech-money-transfer", "social-media-feed-read"]
    for flow in catalog.flows.values():
        assert bool(flow.derived) != bool(flow.guide)


def test_preset_links_are_in_the_calculators_url_format(guide_site: Path, repo_root: Path) -> None:
    catalog = load_site(repo_root / "data").catalog
    seen = 0
    for template, soup in template_pages(guide_site).items():
        for link in soup.select("[data-gk-preset]"):
            url = urlsplit(str(link["href"]))
            assert url.path.startswith("../../calculators/"), template
            calc_id = url.path.rstrip("/").split("/")[-1]
            (state,) = parse_qs(url.query)[f"gk-calculator-{calc_id}"]
            inputs = {spec.id for spec in catalog.calculators[calc_id].inputs}
            pairs = dict(pair.split(":", 1) for pair in state.split(";"))
            assert set(pairs) <= inputs and all(pairs.values()), (template, state)
            assert (guide_site / "calculators" / calc_id / "index.html").is_file()
            seen += 1
    assert seen == 7  # e-commerce 2, fintech 2, social media 1, streaming 1, healthcare 1


def test_each_template_carries_its_own_flows_formulas_only(guide_site: Path,
                                                            repo_root: Path) -> None:
    """A flow's compiled model is a file of its own (items/flow/<id>.js), which its what-if
    names in data-gk-needs and its page preloads; the what-if bundle holds none of them."""
    bundle = (guide_site / "assets" / "guidekit" / "guidekit-whatif.js").read_text()
    catalog = load_site(repo_root / "data").catalog
    assert "window.GuidekitWhatif" in bundle and "function(v)" not in bundle
    pages = template_pages(guide_site)
    for flow_id in catalog.flows:
        script = (guide_site / "assets" / "guidekit" / "items" / "flow" / f"{flow_id}.js")
        text = script.read_text()
        assert f'sets["{flow_id}"]=' in text and "window.GuidekitWhatif" in text, flow_id
        assert "eval(" not in text and "Function(" not in text
        (page,) = [soup for soup in pages.values() if soup.select_one(f"#whatif-{flow_id}")]
        widget = one(page, f"#whatif-{flow_id}")
        assert widget["data-gk-needs"] == f"items/flow/{flow_id}.js"
        preloads = [link["href"] for link in page.select('link[rel="preload"][as="script"]')]
        assert [href for href in preloads if "/items/flow/" in href] == [
            f"../../assets/guidekit/items/flow/{flow_id}.js"]
    seen = {path.stem for path in (guide_site / "assets/guidekit/items/flow").glob("*.js")}
    assert seen == set(catalog.flows)
