"""guidekit.markdown, the Python-Markdown extension for generators without MkDocs plugins,
called directly (as Zensical calls it: one Markdown instance per page, with a
``rendering_context`` preprocessor holding the page and the configuration)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.preprocessors import Preprocessor

from guidekit.markdown import GuidekitError, GuidekitExtension

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "coffee"
FENCE = "# Brew\n\n```guidekit\n{line}\n```\n"


class RenderingContext(Preprocessor):
    """Stands for Zensical's ContextPreprocessor: ``.page`` (path, url) and ``.config``."""

    def __init__(self, md: markdown.Markdown, page: Any, config: dict[str, Any]) -> None:
        super().__init__(md)
        self.page, self.config = page, config

    def run(self, lines: list[str]) -> list[str]:
        return lines


def convert(text: str, root: Path, src: str = "guides/brew.md", **options: Any) -> str:
    md = markdown.Markdown(extensions=[GuidekitExtension(**options)])
    page = SimpleNamespace(path=src, url=src.removesuffix(".md") + "/")
    config = {"root_dir": str(root), "site_name": "Coffee", "use_directory_urls": True,
              "theme": {"name": "material"}}
    md.preprocessors.register(RenderingContext(md, page, config), "rendering_context", 0)
    return md.convert(text)


def test_a_fence_becomes_the_widget_with_links_relative_to_the_source(tmp_path: Path) -> None:
    html = convert(FENCE.format(line="checklist: morning-brew"), EXAMPLE)
    root = BeautifulSoup(html, "html.parser").select_one('[data-gk="checklist"]')
    assert root is not None and root["data-gk-id"] == "morning-brew"
    assert root["data-gk-ns"] == "Coffee"  # the site name, as the plugin does
    hrefs = {a["href"] for a in root.select('[data-gk-item="grind"] a.gk-ref')}
    assert hrefs == {"../equipment/burr-grinder/"}  # from guides/, where brew.md is


def test_a_fence_shown_inside_a_longer_fence_is_left_alone() -> None:
    text = "````markdown\n```guidekit\nchecklist: morning-brew\n```\n````\n"
    html = convert(text, EXAMPLE)
    assert 'data-gk="checklist"' not in html and "checklist: morning-brew" in html


def test_an_unknown_id_names_the_page_line_and_closest() -> None:
    with pytest.raises(GuidekitError, match=r"guides/brew\.md: line 3: unknown calculator "
                                            r"'brew-rati'; closest: brew-ratio"):
        convert(FENCE.format(line="calculator: brew-rati"), EXAMPLE)


def test_bad_data_names_every_problem(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "data", tmp_path / "data")
    (tmp_path / "data" / "site.yml").unlink()
    with pytest.raises(GuidekitError, match=r"unknown collection 'methods'"):
        convert(FENCE.format(line="checklist: morning-brew"), tmp_path)


def test_data_is_loaded_once_and_again_after_an_edit(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "data", tmp_path / "data")
    first = GuidekitExtension().site({"root_dir": str(tmp_path)})
    assert GuidekitExtension().site({"root_dir": str(tmp_path)}) is first
    data = tmp_path / "data" / "tools.yml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "title: Morning pour-over", "title: Morning brew"), encoding="utf-8")
    stat = data.stat()
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    again = GuidekitExtension().site({"root_dir": str(tmp_path)})
    assert again is not first
    assert again.catalog.checklists["morning-brew"].title == "Morning brew"


def test_options_data_dir_and_namespace() -> None:
    html = convert(FENCE.format(line="calculator: brew-ratio"), EXAMPLE.parent,
                   data_dir="coffee/data", storage_namespace="beans")
    root = BeautifulSoup(html, "html.parser").select_one('[data-gk="calculator"]')
    assert root is not None and root["data-gk-ns"] == "beans"


def test_assets_command_writes_the_files_or_names_the_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from guidekit.__main__ import main

    assert main(["assets", str(tmp_path / "out"), "--data-dir", str(EXAMPLE / "data"),
                 "--language", "fr"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "guidekit-calculator.js", "guidekit-checklist.js", "guidekit-decision.js",
        "guidekit-drill.js", "guidekit-flashcards.js", "guidekit-formulas.js",
        "guidekit-matrix.js", "guidekit-progress.js", "guidekit-reading.js", "guidekit-whatif.js",
        "guidekit-worksheet.js", "guidekit.css", "guidekit.js", "items"]
    assert '"brew-ratio"' in (tmp_path / "out" / "items/calculator/brew-ratio.js").read_text()
    shutil.copytree(EXAMPLE / "data", tmp_path / "data")
    (tmp_path / "data" / "site.yml").unlink()
    assert main(["assets", str(tmp_path / "bad"), "--data-dir", str(tmp_path / "data")]) == 1
    error = capsys.readouterr().err
    assert "problem(s) in" in error and "unknown collection 'methods'" in error
    assert not (tmp_path / "bad").exists()
