"""Flows (what-if widgets): a request's path through a diagram, each node's availability, the
composite availability and its weakest link, recomputed as a reader changes the numbers."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ...data.catalog import Catalog, Checked
from ..base import ItemPage, Kind, item_script
from .check import FlowResult, check
from .model import Flow


# The views are imported when a page first needs one: a warm build renders none of them (the
# page and placed-item caches hold their HTML), and importing them cost every build's start.
def render(page: ItemPage, flow: Flow) -> Markup:
    from .view import model_json, preset_views, whatif_view

    result = KIND.result(page.checked)
    view = whatif_view(page.catalog, result, flow)
    hrefs = {p.calculator: page.item_href("calculators", p.calculator) for p in flow.presets}
    return page.fragment(
        "guidekit/whatif.html", view=view,
        presets=preset_views(page.catalog, result, flow, hrefs),
        shape=model_json(result.models[flow.id]), needs=item_script(KIND.name, flow.id),
    )


def script_sets(catalog: Catalog, checked: Checked) -> dict[str, dict[str, str]]:
    """Each flow's compiled model in a file of its own: a template carries its own flow's."""
    models = KIND.result(checked).models
    return {"GuidekitWhatif": {key: model.compiled.to_js() for key, model in models.items()}}


KIND: Kind[Flow, FlowResult] = Kind(
    name="flow", plural="flows", model=Flow, directory=Path(__file__).parent, view=render,
    check=check, lazy_script="guidekit-whatif.js", script_sets=script_sets,
    shared_runtime=True,
)
