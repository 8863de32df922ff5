"""Loads (load what-ifs): a flow's path as M/M/c queues under the traffic of its template, each
component's utilisation, the bottleneck, the end-to-end p50 and p99 against a latency target
and what it takes to meet it, recomputed as a reader moves the traffic or edits the numbers."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ...data.catalog import Catalog, Checked
from ..base import ItemPage, Kind, item_script
from .check import LoadResult, check
from .model import Load


def render(page: ItemPage, load: Load) -> Markup:
    # Imported when first needed, as the flow's view is (see kinds/flow/__init__.py).
    from .view import (
        DEFAULT_PRESET,
        FACTOR_MAX,
        FACTOR_MIN,
        FACTOR_STEP,
        PRESETS,
        load_view,
        number_text,
        rate_text,
        settings_json,
        traffic,
    )

    view = load_view(page.catalog, KIND.result(page.checked), load)
    return page.fragment(
        "guidekit/load.html", view=view, presets=PRESETS, default_preset=DEFAULT_PRESET,
        levels={name: rate_text(traffic(load, name)) for name in PRESETS},
        factor_min=FACTOR_MIN, factor_max=FACTOR_MAX, factor_step=FACTOR_STEP,
        settings=settings_json(view), number_text=number_text,
        needs=item_script(KIND.name, load.id),
    )


def script_sets(catalog: Catalog, checked: Checked) -> dict[str, dict[str, str]]:
    """Each load model compiled in a file of its own: a template carries its own model's."""
    models = KIND.result(checked).models
    return {"GuidekitLoad": {load_id: model.compiled.to_js() for load_id, model in models.items()}}


# Checked after the flows (it follows their paths); its script shares the what-if's bundle,
# since every page with a load what-if has the availability what-if too.
KIND: Kind[Load, LoadResult] = Kind(
    name="load", plural="loads", model=Load, directory=Path(__file__).parent, view=render,
    check=check, lazy_script="guidekit-whatif.js", script_sets=script_sets,
    shared_runtime=True,
)
