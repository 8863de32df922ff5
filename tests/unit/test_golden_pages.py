"""Golden files: the Markdown of every page guidekit generates for the mini fixture site, as
committed under tests/golden/mini/. A change to a generated page shows up as a diff here.

Refresh them after an intended change (then read the diff before committing):

    GUIDEKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_golden_pages.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from guidekit.core import load_site

TESTS = Path(__file__).resolve().parents[1]
DATA = TESTS / "fixtures" / "mini" / "data"
GOLDEN = TESTS / "golden" / "mini"
UPDATE = os.environ.get("GUIDEKIT_UPDATE_GOLDEN") == "1"


def generated() -> dict[str, str]:
    site = load_site(DATA)
    # As the plugin does: the site's pages first say where their fences place items.
    build = site.start_build({"index.md": "Mini"})
    site.note_placements((TESTS / "fixtures" / "mini" / "docs" / "index.md").read_text(),
                         "index.md", build)
    return {src: content for src, (_, _, content) in site.generated_pages(build).items()}


def test_generated_pages_match_the_golden_files() -> None:
    pages = generated()
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for src, content in pages.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_text(content, encoding="utf-8")
        pytest.skip("golden files refreshed: review the diff before committing")
    stored = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.md")}
    assert sorted(stored) == sorted(pages), "pages added or gone: refresh the golden files"
    for src, content in pages.items():
        assert content == (GOLDEN / src).read_text(encoding="utf-8"), (
            f"{src} differs from tests/golden/mini/{src} (refresh: see this module's docstring)")


def test_the_golden_files_cover_every_kind_of_generated_page() -> None:
    stored = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.md")}
    assert {"tools/index.md", "tools/hammer.md", "checklists/index.md",
            "checklists/before.md", "calculators/nails.md", "matrices/weights.md",
            "decisions/pick.md"} <= stored
