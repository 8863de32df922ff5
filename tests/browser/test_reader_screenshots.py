"""Screenshots of the pages issue 17 reworked, for a human to look at: the matrix, a chapter
with calculators, the calculators, the flashcards and a template, at 390, 768 and 1366 px in
both schemes (test-artifacts/reworked/<page>-<width>-<scheme>.png).

A folder of their own: tests/test_reader_view.py empties test-artifacts/reader/ before it
shoots, and under `make test` the two run at the same time in two workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.gates import take_screenshots

pytestmark = pytest.mark.browser

PAGES = [
    "matrices/databases/",
    "calculators/",
    "non-functional-requirements/",
    "calculators/capacity/",
    "flashcards/databases/",
    "industry-templates/ecommerce/",
]
VIEWPORTS = {
    "390": {"width": 390, "height": 844},
    "768": {"width": 768, "height": 1024},
    "1366": {"width": 1366, "height": 900},
}


def test_screenshots_of_the_reworked_pages(
    browser: Any, guide_url: str, artifacts_dir: Path
) -> None:
    shots = take_screenshots(browser, guide_url, PAGES, artifacts_dir / "reworked",
                             viewports=VIEWPORTS)
    assert len(shots) == len(PAGES) * len(VIEWPORTS) * 2
    for shot in shots:
        assert shot.path.stat().st_size > 10_000, shot.path
        assert shot.md_color_scheme == ("slate" if shot.scheme == "dark" else "default"), shot
