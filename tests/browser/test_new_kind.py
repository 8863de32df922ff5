"""The kind written in tests/kinds/medal/ runs in the browser like guidekit's own: its script,
bundled into guidekit.js, wakes each medal once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.gates import build_site

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini-kind"


@pytest.fixture(scope="module")
def kind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(FIXTURE, tmp_path_factory.mktemp("kind-browser") / "site").site_dir


def test_its_script_wakes_every_medal_once(
    kind_site: Path, serve_dir: Callable[..., str], page: Any
) -> None:
    page.goto(serve_dir(kind_site))
    page.wait_for_selector('[data-gk="medal"][data-gk-id="quiet"][data-gk-medal-awake]')
    awake = page.locator('[data-gk="medal"][data-gk-medal-awake][data-gk-ready]')
    assert awake.count() == 2
    page.evaluate("GK.start(document)")  # as after instant navigation: nothing starts twice
    assert page.locator("[data-gk][data-gk-ready]").count() == 2
