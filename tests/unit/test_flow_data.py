"""Flows (what-if widgets) in data: every reference is checked, bad ones fail naming file, flow
and field; the page of a flow's owner carries the default figures in its HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidekit.core import load_site
from guidekit.kinds.flow import KIND as FLOW
from guidekit.units import format_value
from tests.unit.mini_site import copy_mini, problems, replace_in

FLOWS = """\
collection: tools
entities:
  - id: shop
    name: Shop
    blocks:
      - {kind: diagram, id: shop-architecture, title: Architecture}
      - {kind: flow, id: shop-order, title: What if}
tables:
  - id: levels
    title: Levels
    columns: [{id: name, label: Name, header: true}, {id: level, label: Level}]
    rows:
      - {id: high, cells: {name: High, level: "99.99% uptime"}}
      - {id: none, cells: {name: None, level: n/a}}
lists:
  - {id: order-steps, title: Ordering, items: [Pick, Pay]}
diagrams:
  - id: shop-architecture
    title: Shop
    layers:
      - id: front
        label: Front
        nodes:
          - id: web
            label: Web
            availability: {percent: 99.5, replicas: 2, zones: 2, note: Two web servers.}
          - id: pay
            label: Payments
            availability:
              percent_from: {table: levels, row: high, column: level}
              note: A provider.
      - id: back
        label: Back
        nodes:
          - id: db
            label: Database
            availability: {percent: 99.9, replicas: 2, zones: 2, note: Primary and standby.}
          - id: bare
            label: Bare
flows:
  - id: shop-order
    title: Order
    diagram: shop-architecture
    guide: order-steps
    path:
      - web
      - pay
      - {regions: 2, label: Two regions, path: [db]}
    target_from: {table: levels, row: high, column: level}
    presets:
      - calculator: nails
        label: Nails for the shop
        values: {boards: 12, per: 5}
"""


@pytest.fixture()
def shop(tmp_path: Path) -> Path:
    return copy_mini(tmp_path, {"shop.yml": FLOWS})


def edit(site: Path, old: str, new: str) -> None:
    replace_in(site / "data" / "shop.yml", old, new)


def test_a_valid_flow_is_compiled_with_numbers_from_table_cells(shop: Path) -> None:
    flows = FLOW.result(load_site(shop / "data").checked)
    model = flows.models["shop-order"]
    assert [c.key for c in model.components] == ["web", "pay", "db"]
    assert model.components[1].availability == 99.99  # read from "99.99% uptime"
    assert flows.targets["shop-order"] == 99.99
    expected = (1 - 0.005**2) * 0.9999 * (1 - (1 - (1 - 0.001**2)) ** 2) * 100
    assert model.evaluate()["availability"] == pytest.approx(expected, rel=1e-12)
    [preset] = flows.presets["shop-order"]
    assert preset.pairs == (("boards", "12"), ("per", "5"))


def test_zones_and_regions_and_managed_nodes_enter_the_model(shop: Path) -> None:
    """With a zone and a region, the web replicas share zones, the payment provider (managed)
    is one dependency, and the home region counts once (hand-computed)."""
    edit(shop, "    path:\n      - web", "    zone: {percent: 99.9, note: One zone.}\n"
         "    region: {percent_from: {table: levels, row: high, column: level}}\n"
         "    path:\n      - web")
    edit(shop, "              percent_from: {table: levels, row: high, column: level}\n"
         "              note: A provider.",
         "              percent_from: {table: levels, row: high, column: level}\n"
         "              placement: managed\n              note: A provider.")
    model = FLOW.result(load_site(shop / "data").checked).models["shop-order"]
    web = 1 - (1 - 0.999 * 0.995) ** 2
    db = 1 - (1 - 0.999 * 0.999) ** 2
    group = 1 - (1 - 0.9999 * db) ** 2
    expected = 100 * web * 0.9999 * group * 0.9999
    assert model.evaluate()["availability"] == pytest.approx(expected, rel=1e-12)
    assert model.components[1].managed and not model.components[0].managed


def test_a_managed_node_cannot_spread_over_zones(shop: Path) -> None:
    edit(shop, "{percent: 99.5, replicas: 2, zones: 2, note: Two web servers.}",
         "{percent: 99.5, replicas: 2, zones: 2, placement: managed, note: Two web servers.}")
    text = problems(shop)
    assert "diagram 'shop-architecture'" in text
    assert "a managed node is not spread over the flow's zones" in text


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("diagram: shop-architecture\n    guide", "diagram: shop-architectur\n    guide",
         "diagram", "unknown diagram 'shop-architectur'; closest known: shop-architecture"),
        ("      - web\n", "      - webb\n", "path[0]",
         "unknown node 'webb' in diagram 'shop-architecture'; closest known: web"),
        ("      - web\n", "      - bare\n", "path[0]", "node 'bare' has no 'availability'"),
        ("      - web\n", "      - front\n", "path[0]", "unknown node 'front'"),
        ("path: [db]", "path: [web]", "path", "'web' appears twice on the path"),
        ("guide: order-steps", "guide: order-step", "guide", "unknown list 'order-step'"),
        ("row: high, column: level}\n              note", "row: none, column: level}\n"
         "              note", "path[1]",
         "node 'pay', availability.percent_from: no percent in cell 'level' of row 'none'"),
        ("target_from: {table: levels, row: high", "target_from: {table: level, row: high",
         "target_from.table", "unknown table 'level'"),
        ("target_from: {table: levels, row: high", "target_from: {table: levels, row: low",
         "target_from.row", "unknown row 'low' in table 'levels'"),
        ("values: {boards: 12, per: 5}", "values: {board: 12}", "presets[0].values.board",
         "unknown input 'board' of calculator 'nails'"),
        ("values: {boards: 12, per: 5}", "values: {per: 0}", "presets[0].values.per",
         "0 is outside the input's range: at least 1"),
        ("calculator: nails", "calculator: nail", "presets[0].calculator",
         "unknown calculator 'nail'"),
        ("    path:\n      - web", "    zone: {percent_from: {table: level, row: high, column: "
         "level}}\n    path:\n      - web", "zone.percent_from.table", "unknown table 'level'"),
        ("    path:\n      - web", "    region: {percent_from: {table: levels, row: none, "
         "column: level}}\n    path:\n      - web", "region.percent_from",
         "no percent in cell 'level' of row 'none'"),
    ],
)
def test_bad_references_name_the_flow_and_field(
    shop: Path, old: str, new: str, field: str, message: str
) -> None:
    edit(shop, old, new)
    text = problems(shop)
    assert "shop.yml" in text and "flow 'shop-order'" in text
    assert f"field {field} (line " in text, text
    assert message in text, text


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{percent: 99.5, replicas: 2, zones: 2, note: Two web servers.}",
         "{percent: 99.5, replicas: 2, zones: 2}", "needs a 'note'"),
        ("{percent: 99.5, replicas: 2, zones: 2, note: Two web servers.}",
         "{percent: 99.5, replicas: 1, zones: 2, note: x}", "2 zones but only 1 replicas"),
        ("{percent: 99.5, replicas: 2, zones: 2, note: Two web servers.}",
         "{percent: 101, note: x}", "must be at most 100, got 101"),
        ("    guide: order-steps\n", "", "give either 'guide'"),
        ("    guide: order-steps\n", "    guide: order-steps\n    derived: Both.\n",
         "give either 'guide'"),
        ("{regions: 2, label: Two regions, path: [db]}", "{regions: 0, path: [db]}",
         "must be at least 1, got 0"),
    ],
)
def test_bad_assumptions_fail_when_loading(shop: Path, old: str, new: str, message: str) -> None:
    edit(shop, old, new)
    assert message in problems(shop)


def test_the_owner_page_carries_the_default_figures(shop: Path) -> None:
    site = load_site(shop / "data")
    markdown = site.renderer.entity_page(site.catalog.entities["shop"])
    soup = BeautifulSoup(markdown, "html.parser")
    widget = soup.select_one('[data-gk="whatif"][data-gk-id="shop-order"]')
    assert widget is not None
    results = FLOW.result(site.checked).models["shop-order"].evaluate()
    shown = widget.select_one('[data-gk-output="availability"]')
    assert shown is not None
    assert shown.text == format_value(results["availability"], "percent", "", 4)
    assert float(str(shown["data-value"])) == results["availability"]
    assert widget.select_one('[data-gk-output="weakest"]').text == "Payments"  # type: ignore[union-attr]
    assert widget.select_one('[data-gk-verdict]').text == "missed"  # type: ignore[union-attr]
    badge = soup.select_one('#diagram-shop-architecture-pay [data-gk-badge="shop-order"]')
    assert badge is not None and "Order" in badge.text
    preset = widget.select_one("[data-gk-preset]")
    assert preset is not None
    assert str(preset["href"]).endswith("calculators/nails/?gk-calculator-nails=boards:12;per:5")


def test_a_hand_written_page_can_embed_a_flow(shop: Path) -> None:
    site = load_site(shop / "data")
    html = site.render_embed("flow", "shop-order", "guide/shop.md", "guide/shop/")
    soup = BeautifulSoup(str(html), "html.parser")
    widget = soup.select_one('[data-gk="whatif"]')
    assert widget is not None and widget["data-gk-id"] == "shop-order"
    assert "\n" not in str(html)  # one raw HTML block inside the Markdown
    with pytest.raises(Exception, match="unknown flow 'shop-ordr'; closest: shop-order"):
        site.render_embed("flow", "shop-ordr", "guide/shop.md", "guide/shop/")
