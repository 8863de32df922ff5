"""Every industry template page has its flow's load what-if beside the availability what-if,
readable without JavaScript: the default figures (Python's, at the design load) in the HTML,
each component's utilisation and the bottleneck in the shared diagram, the latency target with
its verdict and source, what it takes, and the checklist items breaches cite, all linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from guidekit.core import load_site
from guidekit.kinds.load.view import ms_text, utilisation_text
from tests.browser.test_load import guide_loads
from tests.test_whatif_pages import one, template_pages

pytestmark = pytest.mark.site


def test_every_template_page_shows_its_load_model_with_the_python_figures(
    guide_site: Path, repo_root: Path
) -> None:
    catalog = load_site(repo_root / "data").catalog
    loads = guide_loads(repo_root / "data")
    pages = template_pages(guide_site)
    owners = {catalog.owners[("loads", load_id)]: load_id for load_id in loads.models}
    assert set(owners) == set(pages) and len(owners) == 8  # every template has one

    for template, soup in pages.items():
        load = loads.items[owners[template]]
        flow = catalog.flows[load.flow_id]
        model = loads.models[load.id]
        results = model.evaluate(load.traffic.design)
        widget = one(soup, f'[data-gk="load"][data-gk-id="{load.id}"]')
        availability = one(soup, f'[data-gk="whatif"][data-gk-id="{flow.id}"]')
        assert availability.find_next(attrs={"data-gk": "load"}) is widget  # beside it
        assert one(widget, '[data-gk-output="rps"]').text == f"{load.traffic.design:,.0f}"
        rows = widget.select("[data-gk-station]")
        assert [r["data-gk-station"] for r in rows] == [s.key for s in model.stations]
        for i, (row, station) in enumerate(zip(rows, model.stations, strict=True), 1):
            assert one(row, f'[data-gk-output="u{i}"]').text == utilisation_text(results[f"u{i}"])
            assert float(str(one(row, f'input[data-gk-input="n{i}"]')["value"])) == (
                station.instances)
            node = one(soup, f"#diagram-{flow.diagram}-{station.key}")
            mark = one(node, f'[data-gk-load="{load.id}"]')
            assert utilisation_text(results[f"u{i}"]) in mark.text
        bottleneck = model.bottleneck(results)
        assert [r["data-gk-station"] for r in widget.select("tr[data-gk-bottleneck]")] == [
            bottleneck]
        badge = one(soup, f'#diagram-{flow.diagram} [data-gk-bottleneck="{load.id}"]')
        assert isinstance(badge.parent, Tag)
        assert badge.parent["id"] == f"diagram-{flow.diagram}-{bottleneck}"
        targets = loads.targets[load.id]
        for key, target in (("p50", targets.p50), ("p99", targets.p99)):
            if target is None:
                assert not widget.select(f'[data-gk-output="{key}"]')
                continue
            assert one(widget, f'[data-gk-output="{key}"]').text == ms_text(results[key])
            verdict = one(widget, f'[data-gk-verdict="{key}"]')
            assert verdict["data-gk-state"] == ("met" if results[key] <= target else "missed")
        assert one(widget, '[data-gk-output="state"]').text == (
            "Stable" if results["stable"] == 1 else "Unstable")
        plan = model.what_it_takes(load.traffic.design, targets)
        assert plan is not None, template
        shown = {li["data-gk-plan-station"]: int(one(li, "output").text)
                 for li in widget.select("[data-gk-plan-station]")}
        assert shown == {k: n for k, n in plan.items()
                         if next(s for s in model.stations if s.key == k).visits > 0}


def test_breaches_cite_the_guides_own_checklist_items(guide_site: Path) -> None:
    for template, soup in template_pages(guide_site).items():
        widget = one(soup, '[data-gk="load"]')
        for breach, anchor in (("saturated", "gk-questions-to-ask-yourself-traffic-10x"),
                               ("latency", "gk-requirements-latency")):
            link = one(widget, f'[data-gk-breach="{breach}"] a')
            page, _, fragment = str(link["href"]).partition("#")
            assert fragment == anchor, template
            target = (guide_site / "industry-templates" / template / page / "index.html")
            html = BeautifulSoup(target.resolve().read_text(encoding="utf-8"), "html.parser")
            assert html.find(id=anchor) is not None, (template, breach)
        explained = one(widget, ".gk-whatif__how a")
        assert str(explained["href"]).endswith("load-model/")


def test_the_model_page_explains_it_with_the_compiled_formulas(guide_site: Path,
                                                               repo_root: Path) -> None:
    soup = BeautifulSoup((guide_site / "load-model" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = soup.get_text(" ")
    for phrase in ("Poisson", "exponential", "independent", "Erlang", "unstable"):
        assert phrase in text, phrase
    model = guide_loads(repo_root / "data").models["social-media-feed-read"]
    formulas = {row.th.get_text(): row.td.get_text()
                for row in soup.select(".gk-load__formulas tbody tr")}
    assert formulas == {o.id: o.formula.source for o in model.compiled.outputs}
    assert "path_quantile(0.99, c1, a1, s1, v1" in formulas["p99"]


def test_each_template_carries_its_own_load_model_only(guide_site: Path,
                                                        repo_root: Path) -> None:
    """A load model's compiled formulas are a file of their own, named by its widget; the
    queueing functions they call come once, with the what-if bundle (the shared runtime), not
    in each model's file; the bundle holds no model."""
    bundle = (guide_site / "assets" / "guidekit" / "guidekit-whatif.js").read_text()
    assert "window.GuidekitLoad" in bundle and "function(v)" not in bundle
    assert bundle.count("G.path_quantile=function") == 1
    models = guide_loads(repo_root / "data").models
    pages = template_pages(guide_site)
    for load_id in models:
        text = (guide_site / "assets/guidekit/items/load" / f"{load_id}.js").read_text()
        assert "window.GuidekitLoad" in text and f'sets["{load_id}"]=' in text
        assert "G.path_quantile(" in text and "G.path_quantile=" not in text, load_id
        assert "window.GuidekitRuntime" in text and "eval(" not in text, load_id
        (page,) = [soup for soup in pages.values() if soup.select_one(f"#load-{load_id}")]
        assert one(page, f"#load-{load_id}")["data-gk-needs"] == f"items/load/{load_id}.js"
    assert {p.stem for p in (guide_site / "assets/guidekit/items/load").glob("*.js")} == set(models)
