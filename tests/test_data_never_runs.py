"""Data never runs: text that looks like Jinja stays text, even with mkdocs-macros at its defaults.

The fixture (tests/fixtures/mini-macros) enables mkdocs-macros the way its own docs do,
``modules: [guidekit.macros]`` and nothing else, so ``render_by_default`` is true and every
page would be rendered as a template. Its data holds ``{{ 7*7 }}``, ``{% raw %}`` (a template
syntax error if rendered), ``{{ config }}`` and a payload that would create a file named
MARKER in the working directory if it ever ran.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.gates import BuildResult

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini-macros"
PAYLOAD = "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project copy, built site): one build for every test of this module."""
    from tests.gates import build_site

    project = tmp_path_factory.mktemp("macros") / "project"
    shutil.copytree(FIXTURE, project)
    result: BuildResult = build_site(project, project / "site", True)
    assert "WARNING" not in result.output, result.output
    return project, project / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_the_payload_never_ran(built: tuple[Path, Path]) -> None:
    project, _ = built
    assert not list(project.parent.rglob("MARKER")), "a Jinja payload from data ran"


def test_nothing_was_evaluated_anywhere(built: tuple[Path, Path]) -> None:
    _, site = built
    for path in [*site.rglob("*.html"), site / "search" / "search_index.json"]:
        text = path.read_text(encoding="utf-8")
        assert "49" not in text.replace("{{ 7*7 }}", ""), f"{path}: 7*7 was evaluated"
        assert "Macro Syntax Error" not in text and "site_name" not in text, path


def test_generated_pages_show_the_text_as_written(built: tuple[Path, Path]) -> None:
    _, site = built
    page = soup(site, "tricks/sum/index.html")
    assert page.h1 is not None and page.h1.get_text() == "Sum {{ 7*7 }}"
    assert page.title is not None and page.title.get_text().startswith("Sum {{ 7*7 }}")
    text = page.get_text(" ")
    for written in ("Summary {{ 7*7 }} and {{ config }}.", "Category {% raw %}",
                    "Value {% raw %} {{ 7*7 }}", "Note {{ 7*7 }}"):
        assert written in text, written
    shell = soup(site, "tricks/shell/index.html")
    assert shell.h1 is not None and shell.h1.get_text() == PAYLOAD.replace("{{", "Shell {{", 1)
    checklist = soup(site, "checklists/steps/index.html")
    assert "Section {% raw %}" in checklist.get_text(" ")


def test_nav_titles_from_data_are_plain_text(built: tuple[Path, Path]) -> None:
    _, site = built
    nav = soup(site, "index.html").select_one("nav.md-nav--primary")
    assert nav is not None
    labels = [" ".join(a.get_text(" ").split()) for a in nav.select(".md-nav__link")]
    assert any("Tricks {{ 7*7 }} <i>x</i>" in label for label in labels), labels
    assert nav.find("i") is None, "a nav title from data became HTML"
    assert any("Sum {{ 7*7 }}" in label for label in labels), labels


def test_widgets_placed_by_macros_and_fences_keep_their_text(built: tuple[Path, Path]) -> None:
    _, site = built
    page = soup(site, "index.html")
    checklists = page.select('[data-gk="checklist"]')
    assert len(checklists) == 2, "one by the macro, one by the fence"
    for checklist in checklists:
        assert "Item {{ 7*7 }}" in checklist.get_text(" ")
        assert "Help {{ config }}" in checklist.get_text(" ")
    calculator = page.select_one('[data-gk="calculator"]')
    assert calculator is not None and "Input {{ 7*7 }}" in calculator.get_text(" ")
    assert "Description {{ config }}" in calculator.get_text(" ")


def test_the_search_index_holds_the_text_as_written(built: tuple[Path, Path]) -> None:
    _, site = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert "Sum {{ 7*7 }}" in titles and "Steps {{ 7*7 }}" in titles
    assert any("Summary {{ 7*7 }} and {{ config }}." in doc["text"] for doc in index["docs"])


def test_data_variables_in_pages_are_escaped_text(
    built: tuple[Path, Path], build_site: Callable[..., BuildResult], tmp_path: Path
) -> None:
    """``{{ guidekit.entities[...].summary }}`` prints the data as text: no HTML from data."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    data = project / "data" / "all.yml"
    data.write_text(data.read_text().replace(
        'summary: "Summary', 'summary: "<img src=x class=injected> Summary', 1))
    page = project / "docs" / "index.md"
    page.write_text(page.read_text() + '\nSummary: {{ guidekit.entities["sum"].summary }}\n'
                    "{% for e in guidekit.entities.values() %}[{{ e.name }}]{% endfor %}\n")
    result = build_site(project)
    html = soup(result.site_dir, "index.html")
    assert html.select_one("img.injected") is None
    assert "<img src=x class=injected> Summary" in html.get_text(" ")
