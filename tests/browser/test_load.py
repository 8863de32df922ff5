"""The load what-if on the guide's template pages, in Chromium: raising traffic raises every
utilisation and the bottleneck mark (table and diagram) sits where Python's maths puts it;
past saturation the widget says "unstable", not a number, and cites the guide; "what it takes"
meets the target once applied; the address carries the scenario to a fresh browser; the
compiled formulas in the page agree with Python on random scenarios."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from guidekit.core import load_site
from guidekit.kinds.load import KIND as LOAD
from guidekit.kinds.load.model import Load
from guidekit.kinds.load.view import ms_text
from guidekit.load import LoadModel, Targets
from tests.browser.conftest import open_widgets
from tests.browser.formula_calls import calls, count_calls

pytestmark = pytest.mark.browser

PAGE = "industry-templates/ecommerce/"
FLOW = "ecommerce-checkout"
ROOT = f'[data-gk="load"][data-gk-id="{FLOW}"]'
DIAGRAM = "#diagram-ecommerce-architecture"
FIELD = f"#gk-ld-{FLOW}-"  # + s<i> / n<i> / factor


@dataclass(frozen=True)
class Loads:
    """The guide's load models as checking compiled them, their targets and their data."""

    models: dict[str, LoadModel]
    targets: dict[str, Targets]
    items: dict[str, Load]


def guide_loads(data_dir: Path) -> Loads:
    site = load_site(data_dir)
    result = LOAD.result(site.checked)
    return Loads(result.models, result.targets, site.catalog.loads)


@pytest.fixture(scope="module")
def loads(repo_root: Path) -> Loads:
    return guide_loads(repo_root / "data")


def state(page: Any, root: str = ROOT, diagram: str = DIAGRAM) -> dict[str, Any]:
    """What the widget shows: figures (data-value), the bottleneck in table and diagram."""
    return dict(page.evaluate(
        """([root, diagram]) => {
            const el = document.querySelector(root), out = {};
            el.querySelectorAll('output[data-value]').forEach(o => {
                out[o.dataset.gkOutput || ('plan' + o.dataset.gkPlanN)] = +o.dataset.value; });
            const flow = el.dataset.gkId, badge = diagram &&
                document.querySelector(diagram + ' [data-gk-bottleneck="' + flow + '"]');
            return {
                values: out,
                bottleneck: el.querySelector('[data-gk-output="bottleneck"]').textContent,
                rows: [...el.querySelectorAll('tr[data-gk-bottleneck]')]
                    .map(r => r.dataset.gkStation),
                tags: [...el.querySelectorAll('[data-gk-hot-tag]')].filter(t => !t.hidden)
                    .map(t => t.closest('tr').dataset.gkStation),
                badge: badge ? badge.parentElement.id : null,
                state: el.querySelector('[data-gk-output="state"]').textContent,
                p50: (el.querySelector('[data-gk-output="p50"]') || {}).textContent,
                p99: (el.querySelector('[data-gk-output="p99"]') || {}).textContent,
                verdicts: Object.fromEntries([...el.querySelectorAll('[data-gk-verdict]')]
                    .map(v => [v.dataset.gkVerdict, v.dataset.gkState])),
                saturatedCite: !el.querySelector('[data-gk-breach="saturated"]').hidden,
                latencyCite: !el.querySelector('[data-gk-breach="latency"]').hidden,
            };
        }""",
        [root, diagram],
    ))


def set_traffic(page: Any, level: str, factor: float, root: str = ROOT) -> None:
    page.evaluate(
        """([root, level, factor]) => {
            const el = document.querySelector(root);
            const radio = el.querySelector('[data-gk-level-choice="' + level + '"]');
            if (!radio.checked) { radio.checked = true;
                radio.dispatchEvent(new Event('change', {bubbles: true})); }
            const range = el.querySelector('[data-gk-factor]');
            range.value = String(factor);
            range.dispatchEvent(new Event('input', {bubbles: true}));
        }""",
        [root, level, factor],
    )


def test_raising_traffic_raises_every_utilisation_and_marks_the_predicted_bottleneck(
    page: Any, guide_url: str, loads: Loads
) -> None:
    model, load = loads.models[FLOW], loads.items[FLOW]
    assert load is not None
    open_widgets(page, guide_url + PAGE)
    shown = state(page)
    assert shown["bottleneck"] == "Order DB (PostgreSQL)"
    assert shown["rows"] == shown["tags"] == ["order-db"]
    assert shown["badge"] == "diagram-ecommerce-architecture-order-db"

    # a second primary for the order database: the payment workers become the busiest
    page.fill(FIELD + "n4", "2")
    edits = {"n4": 2.0}
    expected = model.bottleneck(model.evaluate(load.traffic.design, edits))
    assert expected == "payment-worker"
    shown = state(page)
    assert shown["rows"] == shown["tags"] == [expected]
    assert shown["badge"] == f"diagram-ecommerce-architecture-{expected}"
    assert shown["bottleneck"] == "Payment Worker"

    before = None
    for factor in (1, 2, 4.5, 8):
        set_traffic(page, "average", factor)
        shown = state(page)
        python = model.evaluate(load.traffic.average * factor, edits)
        assert shown["values"]["rps"] == pytest.approx(load.traffic.average * factor)
        now = [shown["values"][f"u{i}"] for i in range(1, len(model.stations) + 1)]
        assert now == pytest.approx([python[f"u{i}"] for i in range(1, len(now) + 1)],
                                    rel=1e-12)
        if before is not None:
            assert all(b < a for b, a in zip(before, now, strict=True))
        before = now
        assert shown["rows"] == [model.bottleneck(python)]
        assert shown["badge"] == f"diagram-ecommerce-architecture-{model.bottleneck(python)}"
        mark = page.text_content(f'{DIAGRAM}-payment-worker [data-gk-load="{FLOW}"]')
        assert mark == f"{round(python['u7'] * 100)}% busy"
    assert shown["state"] == "Stable" and not shown["saturatedCite"]


def test_past_saturation_it_says_unstable_and_cites_the_guide(
    page: Any, guide_url: str, loads: Loads
) -> None:
    model, load = loads.models[FLOW], loads.items[FLOW]
    assert load is not None
    open_widgets(page, guide_url + PAGE)
    # exactly at saturation of the order database (1 primary): u = 1 at 16,000 req/s
    set_traffic(page, "design", 16000 / load.traffic.design * 1)
    page.fill(FIELD + "s4", "2")  # unchanged; the factor snaps to the slider's step
    factor = float(page.input_value(FIELD + "factor"))
    python = model.evaluate(load.traffic.design * factor)
    shown = state(page)
    assert shown["values"]["u4"] == pytest.approx(python["u4"], rel=1e-12)
    if python["stable"] == 1:  # the slider's 0.1 step may land below; go one step further
        set_traffic(page, "design", factor + 0.1)
        python = model.evaluate(load.traffic.design * (factor + 0.1))
        shown = state(page)
    assert python["stable"] == 0 and math.isinf(python["p99"])
    assert shown["state"] == "Unstable"
    assert shown["p50"] == shown["p99"] == "Unstable"
    assert shown["verdicts"] == {"p50": "missed", "p99": "missed"}
    assert shown["saturatedCite"] and shown["latencyCite"]
    cite = page.locator(f'{ROOT} [data-gk-breach="saturated"] a')
    assert cite.text_content() == "Questions to Ask Yourself: How do we scale when traffic 10x?"
    assert page.text_content(f'{DIAGRAM}-order-db [data-gk-load="{FLOW}"]') == (
        f"{round(python['u4'] * 100)}% busy")
    page.wait_for_function(
        "document.querySelector('" + ROOT + " [data-gk-status]').textContent"
        ".includes('past saturation')")


def test_what_it_takes_meets_the_target_when_applied(
    page: Any, guide_url: str, loads: Loads
) -> None:
    model, load = loads.models[FLOW], loads.items[FLOW]
    targets = loads.targets[FLOW]
    assert load is not None
    open_widgets(page, guide_url + PAGE)
    # a slower order service (120 ms a call): 20 instances no longer keep up at design load
    page.fill(FIELD + "s2", "120")
    edits = {"s2": 120.0}
    assert model.evaluate(load.traffic.design, edits)["stable"] == 0
    plan = model.what_it_takes(load.traffic.design, targets, edits)
    assert plan is not None and plan["order-service"] > 20
    shown = state(page)
    assert shown["state"] == "Unstable"
    assert [shown["values"][f"plan{i}"] for i in range(1, len(model.stations) + 1)] == [
        plan[s.key] for s in model.stations]

    set_traffic(page, "peak", 3)  # applying also brings the traffic back to the design load
    page.click(f'{ROOT} [data-gk-action="apply"]')
    for i, station in enumerate(model.stations, 1):
        assert page.input_value(FIELD + f"n{i}") == str(plan[station.key])  # all visited
    shown = state(page)
    assert shown["values"]["rps"] == load.traffic.design
    assert shown["state"] == "Stable"
    assert shown["verdicts"] == {"p50": "met", "p99": "met"}
    assert not shown["latencyCite"] and not shown["saturatedCite"]
    applied = {**edits, **{f"n{i}": float(plan[s.key]) for i, s in enumerate(model.stations, 1)}}
    python = model.evaluate(load.traffic.design, applied)
    assert targets.met(python)
    assert shown["p99"] == ms_text(python["p99"])
    assert page.text_content(f"{ROOT} [data-gk-message]") == (
        "Instances set to what it takes, at the design load.")


def test_the_shared_url_restores_the_scenario_in_a_fresh_browser(
    page: Any, guide_url: str, new_context: Callable[..., Any]
) -> None:
    open_widgets(page, guide_url + PAGE)
    set_traffic(page, "peak", 1.5)
    page.fill(FIELD + "n2", "12")
    page.fill(FIELD + "s4", "3.5")
    page.wait_for_function(f"location.search.includes('gk-load-{FLOW}')")
    page.wait_for_function("location.search.includes('s.order-db')")
    shared = page.url
    assert "t%3Apeak" in shared and "x%3A1.5" in shared and "n.order-service%3A12" in shared
    assert "api-gateway" not in shared  # only what differs from the defaults
    edited = state(page)

    fresh = new_context().new_page()
    open_widgets(fresh, shared)
    assert fresh.input_value(FIELD + "n2") == "12"
    assert fresh.input_value(FIELD + "s4") == "3.5"
    assert fresh.input_value(FIELD + "factor") == "1.5"
    assert state(fresh) == edited

    fresh.click(f'{ROOT} [data-gk-action="reset"]')
    assert fresh.input_value(FIELD + "n2") == "20"
    assert state(fresh)["values"]["rps"] == 15000
    fresh.wait_for_function("!location.search.includes('gk-load')")



def test_starting_as_built_shows_the_build_figures_without_running_the_model(
    page: Any, guide_url: str
) -> None:
    """With no link and nothing typed, the page already shows the build's figures for the
    values in its fields: the start does not run the model again. Changing a field and
    putting it back runs the model in the browser, which shows those figures again."""
    page.add_init_script(count_calls("GuidekitLoad"))
    open_widgets(page, guide_url + PAGE)
    built = state(page)
    assert calls(page, "GuidekitLoad") == 0
    assert page.is_visible(f"{ROOT} [data-gk-controls]")
    field = FIELD + "n2"
    default = page.input_value(field)
    page.fill(field, str(int(default) + 3))
    assert calls(page, "GuidekitLoad") > 0
    assert state(page)["values"] != built["values"]
    page.fill(field, default)
    again = state(page)
    for key, value in built["values"].items():
        assert math.isclose(again["values"][key], value, rel_tol=1e-9, abs_tol=1e-9), key
    assert {k: v for k, v in again.items() if k != "values"} == \
        {k: v for k, v in built.items() if k != "values"}
    # "What it takes" applies the build's plan.
    page.click(f'{ROOT} [data-gk-action="apply"]')
    assert state(page)["verdicts"] == {"p50": "met", "p99": "met"}


def test_without_javascript_the_design_load_figures_are_in_the_page(
    new_context: Callable[..., Any], guide_url: str, loads: Loads
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(guide_url + PAGE)
    load = loads.items[FLOW]
    assert load is not None
    results = loads.models[FLOW].evaluate(load.traffic.design)
    assert page.text_content(f'{ROOT} [data-gk-output="p99"]') == ms_text(results["p99"])
    assert page.is_visible(f'{DIAGRAM} [data-gk-bottleneck="{FLOW}"]')
    assert page.is_visible(f"{ROOT} [data-gk-plan]")
    assert not page.is_visible(f"{ROOT} [data-gk-controls]")


def test_on_a_phone_each_figure_of_the_load_table_says_what_it_is(
    new_context: Callable[..., Any], guide_url: str
) -> None:
    """Below 45em the table stacks each component's cells in a grid and hides its header
    row: every cell then shows its column's name above its figure."""
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    open_widgets(page, guide_url + PAGE)
    heads, rows = page.evaluate(
        """(root) => {
            const table = document.querySelector(root + ' table.gk-load__table');
            const heads = [...table.tHead.rows[0].cells].slice(1).map(c => c.textContent.trim());
            const rows = [...table.tBodies[0].rows].map(r => [...r.cells]
                .filter(c => c.tagName === 'TD')
                .map(c => [getComputedStyle(c, '::before').content,
                           c.getBoundingClientRect().top]));
            return [heads, rows];
        }""",
        ROOT,
    )
    assert len(heads) == 6 and rows
    for cells in rows:
        assert [content for content, _ in cells] == [f'"{head}"' for head in heads]
        assert len({top for _, top in cells}) == 3  # two figures a line, three lines


def test_compiled_formulas_agree_with_python_on_random_scenarios(
    page: Any, guide_url: str, guide_site: Path, loads: Loads
) -> None:
    rng = random.Random(22)
    for flow_id, model in loads.models.items():
        load = loads.items[flow_id]
        assert load is not None
        pages = [p for p in (guide_site / "industry-templates").glob("*/index.html")
                 if f'id="load-{flow_id}" data-gk="load"' in p.read_text(encoding="utf-8")]
        assert len(pages) == 1, flow_id
        open_widgets(page, guide_url + pages[0].parent.relative_to(guide_site).as_posix() + "/")
        root = f'[data-gk="load"][data-gk-id="{flow_id}"]'
        for _ in range(6):
            level = rng.choice(["average", "peak", "design"])
            factor = rng.choice([0.1, 1.0, round(rng.uniform(0.1, 3), 1)])
            values: dict[str, float] = {}
            for i, station in enumerate(model.stations, 1):
                values[f"s{i}"] = round(station.service_ms * rng.uniform(0.5, 1.5), 2)
                values[f"n{i}"] = float(max(1, station.instances + rng.randint(-2, 3)))
            page.evaluate(
                """([root, values]) => {
                    const el = document.querySelector(root);
                    for (const [name, value] of Object.entries(values)) {
                        const input = el.querySelector('[data-gk-input="' + name + '"]');
                        input.value = String(value);
                        input.dispatchEvent(new Event('input', {bubbles: true}));
                    }
                }""",
                [root, values],
            )
            set_traffic(page, level, factor, root)
            shown = state(page, root, "")
            rps = getattr(load.traffic, level) * factor
            expected = model.evaluate(rps, values)
            for key, value in shown["values"].items():
                if key.startswith("plan") or not key:
                    continue
                want = expected[key] if key != "rps" else rps
                if math.isinf(want):
                    assert math.isinf(value), (flow_id, key, values)
                else:
                    assert math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-9), (
                        flow_id, key, values, value, want)
            label = model.stations[int(expected["bottleneck"]) - 1].key
            assert shown["rows"] == [label], (flow_id, values)
            plan = model.what_it_takes(load.traffic.design, loads.targets[flow_id],
                                       {k: v for k, v in values.items() if k[0] == "s"})
            visited = [i for i, s in enumerate(model.stations, 1) if s.visits > 0]
            shown_plan = [shown["values"].get(f"plan{i}") for i in visited]
            if plan is None:
                assert all(p == 0 or math.isnan(p) for p in shown_plan), flow_id
            else:
                assert shown_plan == [plan[model.stations[i - 1].key] for i in visited], (
                    flow_id, values)


def test_what_the_reader_typed_before_the_script_started_wins_over_the_link(
    page: Any, guide_url: str, loads: Loads
) -> None:
    from tests.browser.test_early_input import hold_script, release_script

    model, load = loads.models[FLOW], loads.items[FLOW]
    hold_script(page)
    page.goto(guide_url + PAGE + f"?gk-load-{FLOW}=n.order-service:12;x:2")
    page.fill(FIELD + "n2", "25")
    release_script(page, guide_url)
    page.wait_for_selector(f"{ROOT}[data-gk-ready]")
    assert page.input_value(FIELD + "n2") == "25", "the shared link overwrote the reader"
    assert page.input_value(FIELD + "factor") == "2"  # what the reader left alone: the link's
    python = model.evaluate(load.traffic.design * 2, {"n2": 25.0})
    assert state(page)["values"]["u2"] == pytest.approx(python["u2"], rel=1e-12)
    page.wait_for_url(re.compile(r"n\.order-service(:|%3A)25"))
