"""The coffee example built with Zensical (pinned in requirements/compat.lock), which runs no
MkDocs plugin: ``mkdocs-zensical.yml`` uses guidekit's Python-Markdown extension for the
```guidekit fences and Zensical's macros extension for guidekit's pluglet, and lists the files
that ``python -m guidekit assets`` wrote.

One build per module, from a copy of examples/coffee in tmp: ``python -m guidekit assets
docs/assets/guidekit``, then ``python -m zensical build --strict``. The built pages are read
with BeautifulSoup (the same checks as the MkDocs builds of the example), then driven in
headless Chromium: a checklist tick is kept, a calculator recomputes, a matrix filters, a
decision answers, a worksheet remembers a choice.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from tests.test_example_site import (
    EXAMPLE,
    WIDGET_CHECKS,
    check_calculator,
    check_checklist,
    content,
    entity_url,
    linked_urls,
    soup,
)

CONFIG = "mkdocs-zensical.yml"
COPY_IGNORE = shutil.ignore_patterns("site", "site-*", ".cache")


def run(command: list[str | Path], cwd: Path) -> str:
    proc = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{' '.join(map(str, command))} failed:\n{output}"
    return output


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/coffee/mkdocs-zensical.yml built by Zensical --strict, in a copy in tmp."""
    project = tmp_path_factory.mktemp("zensical") / "coffee"
    shutil.copytree(EXAMPLE, project, ignore=COPY_IGNORE)
    written = run([sys.executable, "-m", "guidekit", "assets", "docs/assets/guidekit"], project)
    assert sorted(written.split()) == [f"docs/assets/guidekit/{name}" for name in (
        "guidekit-calculator.js", "guidekit-checklist.js", "guidekit-decision.js",
        "guidekit-drill.js", "guidekit-flashcards.js", "guidekit-formulas.js",
        "guidekit-matrix.js", "guidekit-progress.js", "guidekit-reading.js", "guidekit-whatif.js",
        "guidekit-worksheet.js", "guidekit.css", "guidekit.js",
        "items/calculator/brew-ratio.js")]
    output = run([sys.executable, "-m", "zensical", "build", "--strict", "-f", CONFIG], project)
    assert "No issues found" in output, output
    return project / "site-zensical"


def page(site: Path, url: str) -> Tag:
    return content(soup(site, url))


# --------------------------------------------------------------------------- built HTML


def test_zensical_built_it(zensical_site: Path) -> None:
    generator = soup(zensical_site, "brewing/").select_one('meta[name="generator"]')
    assert generator is not None and generator["content"].startswith("zensical-0.0.73")


@pytest.mark.parametrize("kind", sorted(WIDGET_CHECKS))
def test_fence_widget_html(zensical_site: Path, kind: str) -> None:
    """The Markdown extension expanded each fence into the same HTML the plugin writes."""
    roots = page(zensical_site, "brewing/").select(f'[data-gk="{kind}"]')
    assert len(roots) == 1, f"{len(roots)} {kind} widgets"
    WIDGET_CHECKS[kind](roots[0])
    assert "```guidekit" not in page(zensical_site, "brewing/").get_text()


@pytest.mark.parametrize("kind", sorted(WIDGET_CHECKS))
def test_macro_widget_html(zensical_site: Path, kind: str) -> None:
    """Zensical's macros extension ran guidekit.macros: each macro wrote its widget."""
    body = page(zensical_site, "macros/")
    roots = body.select(f'[data-gk="{kind}"]')
    assert len(roots) == 1, f"{len(roots)} {kind} widgets"
    WIDGET_CHECKS[kind](roots[0])
    text = body.get_text()
    assert "{{" not in text and "{%" not in text


def test_worksheet_html(zensical_site: Path) -> None:
    root = page(zensical_site, "recipe-card/").select_one('[data-gk="worksheet"]')
    assert root is not None
    assert [s["data-gk-step"] for s in root.select("[data-gk-step]")] == [
        "method", "amounts", "brew", "verdict"]
    check_calculator(root.select_one('[data-gk="calculator"]'))
    check_checklist(root.select_one('[data-gk="checklist"]'))


def test_links_from_widgets_and_macros_are_page_relative(zensical_site: Path) -> None:
    """Zensical rewrites relative links as if written from the source file; guidekit writes
    them so, and they come out as the MkDocs build has them (pointing at entity pages that
    only the plugin generates: see test_no_generated_pages)."""
    for url in ("brewing/", "macros/"):
        refs = page(zensical_site, url).select('[data-gk-item="grind"] a.gk-ref')
        assert linked_urls(url, refs) == {entity_url("burr-grinder")}, url
    text_links = page(zensical_site, "macros/").select("p a.gk-ref")
    assert entity_url("burr-grinder") in linked_urls("macros/", text_links)
    assert entity_url("scale") in linked_urls("macros/", text_links)


def test_assets_are_on_every_widget_page(zensical_site: Path) -> None:
    for url in ("brewing/", "macros/", "recipe-card/"):
        built = soup(zensical_site, url)
        scripts = [s["src"] for s in built.select("script[src]")]
        assert any(s.endswith("assets/guidekit/guidekit.js") for s in scripts), url
        assert any(s.endswith("assets/guidekit/guidekit-formulas.js") for s in scripts), url
        styles = [s["href"] for s in built.select('link[rel="stylesheet"]')]
        assert any(s.endswith("assets/guidekit/guidekit.css") for s in styles), url
    formulas = (zensical_site / "assets/guidekit/items/calculator/brew-ratio.js").read_text()
    assert '"brew-ratio"' in formulas


def test_no_generated_pages(zensical_site: Path) -> None:
    """What needs the plugin does not happen: no entity, collection or widget pages, and
    hand-written prose is not auto-linked. The compatibility table says so."""
    for url in (entity_url("burr-grinder"), "methods/", "checklists/morning-brew/"):
        assert not (zensical_site / url / "index.html").exists(), url
    home = BeautifulSoup((zensical_site / "index.html").read_text(), "html.parser")
    assert not home.select("article a.gk-ref")


def test_search_index_holds_widget_pages(zensical_site: Path) -> None:
    """Zensical's own search indexes the pages' text, widgets included (no per-row
    entries: those are the plugin's)."""
    index = (zensical_site / "search.json").read_text(encoding="utf-8")
    assert "Heat the water to 92" in index  # a checklist item
    assert "Brew methods compared" in index  # a matrix caption


# --------------------------------------------------------------------------- in the browser


@pytest.fixture
def zensical_url(zensical_site: Path, serve_dir: Any) -> str:
    return serve_dir(zensical_site)


def ready(page: Any, kind: str) -> None:
    page.wait_for_selector(f'[data-gk="{kind}"][data-gk-ready]', state="attached")


@pytest.mark.browser
def test_checklist_tick_is_kept(page: Any, zensical_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(zensical_url + "brewing/")
    ready(page, "checklist")
    box = page.locator('input[data-gk-check="grind"]')
    expect(box).not_to_be_checked()
    box.check()
    progress = page.locator('[data-gk="checklist"] [data-gk-progress-text]')
    expect(progress).to_contain_text("1 of 7")
    page.goto(zensical_url + "macros/")  # the same checklist, placed by a macro
    ready(page, "checklist")
    expect(page.locator('input[data-gk-check="grind"]')).to_be_checked()
    expect(page.locator('[data-gk="checklist"] [data-gk-progress-text]')).to_contain_text(
        "1 of 7")


@pytest.mark.browser
def test_calculator_recomputes(page: Any, zensical_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(zensical_url + "macros/")
    ready(page, "calculator")
    water = page.locator('[data-gk="calculator"] output[data-gk-output="water"]')
    expect(water).to_have_text("288 ml")
    page.locator('[data-gk="calculator"] [data-gk-input="coffee"]').fill("20")
    expect(water).to_have_text("320 ml")  # 20 g at 1:16, by the calculator bundle


@pytest.mark.browser
def test_matrix_filters(page: Any, zensical_url: str) -> None:
    page.goto(zensical_url + "brewing/")
    ready(page, "matrix")
    page.locator('[data-gk="matrix"] [data-gk-filter]').fill("cold")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-gk=matrix] tbody tr[data-gk-row]')]"
        ".filter(r => r.offsetParent !== null).map(r => r.dataset.gkRow).join() === 'cold-brew'"
    )


@pytest.mark.browser
def test_decision_answers(page: Any, zensical_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(zensical_url + "brewing/")
    ready(page, "decision")
    wizard = page.locator('[data-gk="decision"]')
    question = wizard.locator(".gk-wizard__question")
    expect(question).to_have_text("Do you want short, strong, espresso-style coffee?")
    wizard.get_by_role("button", name="No", exact=True).click()
    expect(question).to_have_text("Can you start the day before?")


@pytest.mark.browser
def test_worksheet_keeps_a_choice(page: Any, zensical_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(zensical_url + "recipe-card/")
    ready(page, "worksheet")
    choice = page.locator('select[data-gk-choice="method"]')
    choice.select_option(label="Pour-over")
    page.reload()
    ready(page, "worksheet")
    expect(page.locator('select[data-gk-choice="method"] option:checked')).to_have_text(
        "Pour-over")


# --------------------------------------------------------------------------- serve


@pytest.mark.slow
def test_serve_rebuilds_after_a_data_edit(tmp_path: Path) -> None:
    """``zensical serve`` rebuilds when a data file changes, because mkdocs-zensical.yml
    lists the data folder under ``watch:`` (without it Zensical watches docs and config
    only), and the widget shows the edit: the data is reloaded, not taken from a cache."""
    from tests.test_generators import free_port, serving, wait_for_text

    project = tmp_path / "coffee"
    shutil.copytree(EXAMPLE, project, ignore=COPY_IGNORE)
    run([sys.executable, "-m", "guidekit", "assets", "docs/assets/guidekit"], project)
    port = free_port()
    command = [sys.executable, "-m", "zensical", "serve", "-f", CONFIG,
               "-a", f"127.0.0.1:{port}"]
    with serving(command, project, port, tmp_path / "serve.log") as base:
        wait_for_text(base + "brewing/", "Heat the water to 92")
        data = project / "data" / "tools.yml"
        data.write_text(data.read_text(encoding="utf-8").replace(
            "Heat the water to 92", "Heat the water to 93"), encoding="utf-8")
        html = wait_for_text(base + "brewing/", "Heat the water to 93")
        assert "Heat the water to 92" not in html
