"""The what-if widget on the guide's template pages, in Chromium: lowering one component lowers
the flow's figure and moves the weakest-link mark (table and diagram); the address carries the
scenario to a fresh browser; the page reads right without JavaScript; the compiled formulas in
the page agree with Python on random scenarios; preset links open calculators prefilled."""

from __future__ import annotations

import math
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from guidekit.composite import REGION, CompositeModel
from guidekit.core import load_site
from guidekit.kinds.flow import KIND as FLOW
from guidekit.kinds.flow.view import nines_floor
from guidekit.units import format_value
from tests.browser.conftest import MINI, open_widgets
from tests.browser.formula_calls import calls, count_calls
from tests.gates import build_site
from tests.gates.serve import StaticServer
from tests.unit.test_flow_data import FLOWS

pytestmark = pytest.mark.browser

PAGE = "industry-templates/ecommerce/"
ROOT = '[data-gk="whatif"][data-gk-id="ecommerce-checkout"]'
DIAGRAM = "#diagram-ecommerce-architecture"
DB_AVAILABILITY = "#gk-wi-ecommerce-checkout-a4"
DB_REPLICAS = "#gk-wi-ecommerce-checkout-r4"


@pytest.fixture(scope="module")
def models(repo_root: Path) -> dict[str, CompositeModel]:
    return FLOW.result(load_site(repo_root / "data").checked).models


def availability_text(value: float) -> str:
    return format_value(nines_floor(value, 4), "percent", "", 4)


def figure(page: Any, key: str) -> float:
    return float(page.get_attribute(f'{ROOT} [data-gk-output="{key}"]', "data-value"))


def weakest_state(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(
        """([root, diagram]) => ({
            name: document.querySelector(root + ' [data-gk-output="weakest"]').textContent,
            rows: [...document.querySelectorAll(root + ' [data-gk-weakest]')]
                .map(r => r.dataset.gkComponent),
            tags: [...document.querySelectorAll(root + ' [data-gk-weak-tag]')]
                .filter(t => !t.hidden).map(t => t.closest('tr').dataset.gkComponent),
            marked: [...document.querySelectorAll(diagram + ' .gk-diagram__node--weakest')]
                .map(n => n.id),
            badge: document.querySelector(diagram + ' [data-gk-badge="ecommerce-checkout"]')
                .parentElement.id,
        })""",
        [ROOT, DIAGRAM],
    ))


def test_lowering_a_component_lowers_the_flow_and_moves_the_weakest_link(
    page: Any, guide_url: str, models: dict[str, CompositeModel]
) -> None:
    open_widgets(page, guide_url + PAGE)
    model = models["ecommerce-checkout"]
    before = figure(page, "availability")
    assert before == pytest.approx(model.evaluate()["availability"], rel=1e-12)
    assert weakest_state(page) == {
        "name": "API Gateway", "rows": ["api-gateway"], "tags": ["api-gateway"],
        "marked": ["diagram-ecommerce-architecture-api-gateway"],
        "badge": "diagram-ecommerce-architecture-api-gateway",
    }
    # the managed gateway's 99.95% SLA alone uses up the guide's 99.95% e-commerce level
    assert page.text_content(f"{ROOT} [data-gk-verdict]") == "missed"

    page.fill(DB_AVAILABILITY, "99")
    page.fill(DB_REPLICAS, "1")
    after = figure(page, "availability")
    assert after < before
    expected = model.evaluate({"a4": 99.0, "r4": 1.0})
    assert after == pytest.approx(expected["availability"], rel=1e-12)
    assert page.text_content(f'{ROOT} [data-gk-output="availability"]') == availability_text(
        expected["availability"])
    assert page.text_content(f'{ROOT} [data-gk-output="downtime_year"]') == format_value(
        expected["downtime_year"], "duration")
    assert weakest_state(page) == {
        "name": "Order DB (PostgreSQL)", "rows": ["order-db"], "tags": ["order-db"],
        "marked": ["diagram-ecommerce-architecture-order-db"],
        "badge": "diagram-ecommerce-architecture-order-db",
    }
    assert page.text_content(f"{ROOT} [data-gk-verdict]") == "missed"
    page.wait_for_function(
        "document.querySelector('" + ROOT + " [data-gk-status]').textContent.includes('Order DB')")


def test_the_shared_url_restores_the_scenario_in_a_fresh_browser(
    page: Any, guide_url: str, new_context: Callable[..., Any]
) -> None:
    open_widgets(page, guide_url + PAGE)
    page.fill(DB_AVAILABILITY, "99")
    page.fill(DB_REPLICAS, "1")
    page.fill("#gk-wi-ecommerce-checkout-r1", "2")
    # The address is written 600 ms after the last edit; on a busy machine an earlier edit's
    # write can land first, so wait for the last value, not just for the parameter.
    page.wait_for_function("location.search.includes('r.api-gateway%3A2')")
    shared = page.url
    assert "a.order-db%3A99" in shared and "r.api-gateway%3A2" in shared
    assert "order-service" not in shared  # only what differs from the defaults
    edited = figure(page, "availability")

    fresh = new_context().new_page()
    open_widgets(fresh, shared)
    assert fresh.input_value(DB_AVAILABILITY) == "99"
    assert fresh.input_value(DB_REPLICAS) == "1"
    assert fresh.input_value("#gk-wi-ecommerce-checkout-r1") == "2"
    assert figure(fresh, "availability") == edited
    assert weakest_state(fresh)["badge"] == "diagram-ecommerce-architecture-order-db"

    fresh.click(f'{ROOT} [data-gk-action="reset"]')
    assert fresh.input_value(DB_AVAILABILITY) == "99.95"
    assert weakest_state(fresh)["name"] == "API Gateway"
    fresh.wait_for_function("!location.search.includes('gk-whatif')")


def test_copy_share_link_copies_the_scenario(
    new_context: Callable[..., Any], guide_url: str
) -> None:
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=guide_url.split("/system-design-guide")[0])
    page = context.new_page()
    open_widgets(page, guide_url + PAGE)
    page.fill(DB_REPLICAS, "3")
    page.click(f'{ROOT} [data-gk-action="share"]')
    page.wait_for_function(
        "document.querySelector('" + ROOT + " [data-gk-message]').textContent !== ''")
    assert page.text_content(f"{ROOT} [data-gk-message]") == "Share link copied."
    copied = urlsplit(str(page.evaluate("navigator.clipboard.readText()")))
    assert copied._replace(query="", fragment="").geturl() == guide_url + PAGE
    # The fragment is whatever section Material's navigation.tracking put in the address
    # bar as the page scrolled to the field (a race with the click): only the query counts.
    assert copied.query == "gk-whatif-ecommerce-checkout=r.order-db%3A3"


def test_bad_values_in_the_link_are_ignored_and_bad_input_is_flagged(
    page: Any, guide_url: str, models: dict[str, CompositeModel]
) -> None:
    default = models["ecommerce-checkout"].evaluate()["availability"]
    open_widgets(page, guide_url + PAGE + "?gk-whatif-ecommerce-checkout="
                 "a.order-db:150;r.order-db:1.5;a.nope:50;x;n.1:2")
    assert page.input_value(DB_AVAILABILITY) == "99.95"
    assert figure(page, "availability") == pytest.approx(default, rel=1e-12)
    assert page.text_content(f"{ROOT} [data-gk-message]") == (
        "5 values in the link could not be used.")
    page.fill(DB_REPLICAS, "0")
    assert page.get_attribute(DB_REPLICAS, "aria-invalid") == "true"
    assert "whole number from 1 to 100" in page.text_content(DB_REPLICAS + "-error")
    assert figure(page, "availability") == pytest.approx(default, rel=1e-12)  # last valid value


def test_without_javascript_the_default_figures_are_in_the_page(
    new_context: Callable[..., Any], guide_url: str, models: dict[str, CompositeModel]
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(guide_url + PAGE)
    results = models["ecommerce-checkout"].evaluate()
    assert page.text_content(f'{ROOT} [data-gk-output="availability"]') == availability_text(
        results["availability"])
    assert page.is_visible(f'{ROOT} [data-gk-output="downtime_month"]')
    assert page.is_visible(f"{DIAGRAM} [data-gk-badge]")
    assert not page.is_visible(f"{ROOT} [data-gk-controls]")
    visible_tags = page.locator(f"{ROOT} [data-gk-weak-tag]:visible")
    assert visible_tags.count() == 1


def whatif_state(page: Any) -> dict[str, Any]:
    """Every figure of the e-commerce what-if (its value and its text), the verdict and the
    weakest link in the table and the diagram."""
    figures = page.evaluate(
        """root => Object.fromEntries([...document.querySelectorAll(root + ' output[data-value]')]
            .map(o => [o.dataset.gkOutput, [+o.dataset.value, o.textContent]]))""", ROOT)
    verdict = page.get_attribute(f"{ROOT} [data-gk-verdict]", "data-gk-verdict")
    return {"figures": figures, "verdict": verdict, "weakest": weakest_state(page)}


def test_starting_as_built_shows_the_build_figures_without_running_the_formulas(
    page: Any, guide_url: str
) -> None:
    """With no link and nothing typed, the page already shows the build's figures and weakest
    link for its fields' values: the start runs no formula. A change and back runs them in
    the browser, which shows the same figures again."""
    page.add_init_script(count_calls("GuidekitWhatif"))
    open_widgets(page, guide_url + PAGE)
    built = whatif_state(page)
    assert len(built["figures"]) > 10 and calls(page, "GuidekitWhatif") == 0
    assert page.is_visible(f"{ROOT} [data-gk-controls]")
    default = page.input_value(DB_REPLICAS)
    page.fill(DB_REPLICAS, "1")
    assert calls(page, "GuidekitWhatif") > 0
    assert whatif_state(page)["figures"] != built["figures"]
    page.fill(DB_REPLICAS, default)
    again = whatif_state(page)
    assert again["figures"].keys() == built["figures"].keys()
    for key, (value, text) in built["figures"].items():
        assert math.isclose(again["figures"][key][0], value, rel_tol=1e-9, abs_tol=1e-9), key
        assert again["figures"][key][1] == text, key
    assert (again["verdict"], again["weakest"]) == (built["verdict"], built["weakest"])


def test_compiled_formulas_agree_with_python_on_random_scenarios(
    page: Any, guide_url: str, guide_site: Path, models: dict[str, CompositeModel]
) -> None:
    rng = random.Random(13)
    for flow_id, model in models.items():
        pages = [p for p in (guide_site / "industry-templates").glob("*/index.html")
                 if f'data-gk-id="{flow_id}"' in p.read_text(encoding="utf-8")]
        assert len(pages) == 1, flow_id
        open_widgets(page, guide_url + pages[0].parent.relative_to(guide_site).as_posix() + "/")
        root = f'[data-gk="whatif"][data-gk-id="{flow_id}"]'
        for _ in range(12):
            values = {}
            for name in model.defaults():
                if name.startswith("a") or name in {"zone", "region"}:
                    values[name] = rng.choice([0.0, 100.0, round(rng.uniform(0, 100), 3),
                                               round(rng.uniform(99, 100), 4)])
                else:
                    values[name] = float(rng.randint(1, 5))
            shown = page.evaluate(
                """([root, values]) => {
                    const el = document.querySelector(root);
                    for (const [name, value] of Object.entries(values)) {
                        const input = el.querySelector('[data-gk-input="' + name + '"]');
                        input.value = String(value);
                        input.dispatchEvent(new Event('input', {bubbles: true}));
                    }
                    const out = {};
                    el.querySelectorAll('output[data-value]').forEach(
                        o => { out[o.dataset.gkOutput] = [+o.dataset.value, o.textContent]; });
                    out.weakest = el.querySelector('[data-gk-weakest]').dataset.gkComponent;
                    return out;
                }""",
                [root, values],
            )
            expected = model.evaluate(values)
            for key, value in expected.items():
                scale = 100 if key == "h" or (key[0] in "cg" and key[1:].isdigit()) else 1
                got, text = shown[key]
                assert math.isclose(got, value * scale, rel_tol=1e-9, abs_tol=1e-9), (
                    flow_id, key, values)
                if key == "availability":
                    assert text == availability_text(value), (flow_id, values)
                elif scale == 100:
                    assert text == format_value(nines_floor(value * 100, 6), "percent", "", 6)
            assert shown["weakest"] == model.weakest(expected), (flow_id, values)


SOCIAL = "industry-templates/social-media/"
SOCIAL_ROOT = '[data-gk="whatif"][data-gk-id="social-media-feed-read"]'
SOCIAL_DIAGRAM = "#diagram-social-media-architecture"


def test_zones_and_the_region_are_shared_failures_the_reader_can_change(
    page: Any, guide_url: str, models: dict[str, CompositeModel]
) -> None:
    """The feed read runs in one region: the region is its weakest link, its diagram badge
    waits hidden; a perfect region hands the mark to a component; the Redis replicas put in
    one zone lower the flow as Python says."""
    model = models["social-media-feed-read"]
    assert model.weakest(model.evaluate()) == REGION
    open_widgets(page, guide_url + SOCIAL)
    weakest = f'{SOCIAL_ROOT} [data-gk-output="weakest"]'
    badge = f'{SOCIAL_DIAGRAM} [data-gk-badge="social-media-feed-read"]'
    assert page.text_content(weakest) == "The region"
    assert page.get_attribute(f"{SOCIAL_ROOT} tr[data-gk-weakest]", "data-gk-component") == (
        "region")
    assert page.eval_on_selector(badge, "b => [b.hidden, b.parentElement.id]") == [
        True, "diagram-social-media-architecture"]
    region = "#gk-wi-social-media-feed-read-region"
    page.fill(region, "100")
    expected = model.evaluate({"region": 100.0})
    name = model.weakest(expected)
    row = f'{SOCIAL_ROOT} tr[data-gk-component="{name}"]'
    page.wait_for_function(
        "r => document.querySelector(r).hasAttribute('data-gk-weakest')", arg=row)
    assert figure_of(page, SOCIAL_ROOT, "availability") == pytest.approx(
        expected["availability"], rel=1e-12)
    assert page.eval_on_selector(badge, "b => [b.hidden, b.parentElement.id]") == [
        False, f"diagram-social-media-architecture-{name}"]

    redis = model.index("redis")
    page.fill(f"#gk-wi-social-media-feed-read-z{redis}", "1")
    both = model.evaluate({"region": 100.0, f"z{redis}": 1.0})
    assert both["availability"] < expected["availability"]
    assert figure_of(page, SOCIAL_ROOT, "availability") == pytest.approx(
        both["availability"], rel=1e-12)
    assert page.text_content(f'{SOCIAL_ROOT} [data-gk-output="availability"]') == (
        availability_text(both["availability"]))
    assert page.text_content(weakest) == "Redis (Feed Cache)"
    page.wait_for_function("location.search.includes('region%3A100')")


def figure_of(page: Any, root: str, key: str) -> float:
    return float(page.get_attribute(f'{root} [data-gk-output="{key}"]', "data-value"))


def test_preset_links_open_the_calculators_prefilled(page: Any, guide_url: str) -> None:
    open_widgets(page, guide_url + PAGE)
    page.click(f"{ROOT} [data-gk-preset] >> text=Downtime budget at the e-commerce level")
    page.wait_for_selector('[data-gk="calculator"][data-gk-id="availability"][data-gk-ready]')
    assert page.input_value("#gk-availability-sla") == "99.95"
    assert page.text_content('#calculator-availability [data-gk-output="downtime_month"]') == (
        "21 m 54 s")  # the guide's table: 21.9 min a month at 99.95%
    open_widgets(page, guide_url + PAGE)
    page.click(f"{ROOT} [data-gk-preset] >> text=Latency budget for an e-commerce checkout")
    page.wait_for_selector('[data-gk="calculator"][data-gk-id="latency-budget"][data-gk-ready]')
    assert page.eval_on_selector("#gk-latency-budget-system",
                                 "s => s.options[s.selectedIndex].text") == "E-commerce checkout"


def test_the_page_fits_a_phone_and_the_table_scrolls(
    new_context: Callable[..., Any], guide_url: str
) -> None:
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    open_widgets(page, guide_url + PAGE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.fill(DB_AVAILABILITY, "90")
    assert page.text_content(f'{ROOT} [data-gk-output="weakest"]') == "Order DB (PostgreSQL)"


# --------------------------------------------------------------------------- instant navigation

MATERIAL = """\
site_name: What-if fixture
site_url: !ENV [GUIDEKIT_SITE_URL, "http://127.0.0.1/"]
theme: {name: material, font: false, features: [navigation.instant]}
plugins: [search, {guidekit: {nav: false}}]
nav: [{Home: index.md}, {Shop: shop.md}]
"""
SHOP_PAGE = """\
# Shop

```guidekit
diagram: shop-architecture
```

```guidekit
flow: shop-order
```

Back [home](index.md).
"""


@pytest.fixture(scope="module")
def shop_material_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini data plus a shop with a flow, on Material with instant navigation, built with
    site_url equal to the served URL (Material only intercepts links to its own sitemap)."""
    root = tmp_path_factory.mktemp("whatif-material")
    shutil.copytree(MINI / "data", root / "data")
    (root / "data" / "shop.yml").write_text(FLOWS)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\nGo to the [shop](shop.md).\n")
    (root / "docs" / "shop.md").write_text(SHOP_PAGE)
    (root / "mkdocs.yml").write_text(MATERIAL)
    site = root / "site"
    site.mkdir()
    server = StaticServer(site)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("GUIDEKIT_SITE_URL", server.base_url)
            build_site(root, site, True)
        yield server.base_url
    finally:
        server.stop()


def test_the_widget_works_after_instant_navigation_there_and_back(
    page: Any, shop_material_url: str
) -> None:
    page.goto(shop_material_url)
    page.evaluate("window.__gkSameDocument = true")
    # The widget of the visit before may still be in the document when the click returns
    # (instant navigation swaps the content later): mark it, and wait for the new one.
    root = '[data-gk="whatif"]:not([data-gk-stale])'
    for _ in range(2):
        page.evaluate("""() => document.querySelectorAll('[data-gk="whatif"]')
                              .forEach((el) => { el.dataset.gkStale = '1'; })""")
        page.get_by_role("link", name="shop", exact=True).click()
        page.wait_for_selector(f"{root}[data-gk-ready]")
        assert page.locator(f"{root} [data-gk-controls] button").count() == 2
        assert page.text_content(f'{root} [data-gk-output="weakest"]') == "Payments"
        page.fill("#gk-wi-shop-order-a1", "90")
        assert page.text_content(f'{root} [data-gk-output="weakest"]') == "Web"
        assert page.eval_on_selector('[data-gk-badge="shop-order"]',
                                     "b => b.parentElement.id") == "diagram-shop-architecture-web"
        page.get_by_role("link", name="home", exact=True).click()
        page.wait_for_selector("text=Go to the")
    assert page.evaluate("window.__gkSameDocument === true"), "a full page load happened"
