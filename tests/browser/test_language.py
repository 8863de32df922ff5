"""The second language: a site whose theme language is French shows every widget string in
French, in the HTML and from the scripts; a site may reword single strings; a wrong key fails
the build naming it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import MINI, open_widgets
from tests.gates import build_site as _build_site
from tests.gates.serve import StaticServer

MKDOCS_YML = """site_name: Mini
use_directory_urls: true
theme:
  name: mkdocs
  highlightjs: false
  locale: fr
plugins:
  - search
  - guidekit:
      language: {language}
      strings: {strings}
"""


def french_project(root: Path, language: str = "fr", strings: str = "{}") -> Path:
    project = root / "mini-fr"
    shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("mkdocs.yml", "site"))
    (project / "mkdocs.yml").write_text(MKDOCS_YML.format(language=language, strings=strings),
                                        encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("french")
    project = french_project(root, strings='{"matrix.clear_filters": "Tout afficher"}')
    return _build_site(project, root / "site", True).site_dir


@pytest.fixture(scope="module")
def french_url(french_site: Path) -> Iterator[str]:
    server = StaticServer(french_site)
    try:
        yield server.base_url
    finally:
        server.stop()


def test_widget_html_is_french_with_the_sites_own_wording(french_site: Path) -> None:
    soup = BeautifulSoup((french_site / "checklists/trip/index.html").read_text("utf-8"),
                         "html.parser")
    assert soup.select_one("[data-gk-progress-text]").get_text() == "0 sur 5 faits"
    assert soup.select_one('[data-gk-action="reset"]').get_text() == "Réinitialiser"
    matrix = BeautifulSoup((french_site / "matrices/weights/index.html").read_text("utf-8"),
                           "html.parser")
    assert matrix.select_one('[data-gk-action="clear"]').get_text() == "Tout afficher"
    assert matrix.select_one("[data-gk-status]").get_text() == "2 lignes sur 2"
    script = (french_site / "assets/guidekit/guidekit-checklist.js").read_text("utf-8")
    assert "Liste de contr\\u00f4le vid\\u00e9e." in script or "Liste de contrôle vidée." in script


@pytest.mark.browser
def test_scripts_speak_french(page: Any, french_url: str) -> None:
    open_widgets(page, french_url + "checklists/trip/")
    page.check("#gk-trip-hammer")
    root = "#checklist-trip"
    assert page.text_content(f"{root} [data-gk-progress-text]") == "1 sur 5 faits"
    page.click(f'{root} [data-gk-action="reset"]')
    assert page.text_content(f"{root} [data-gk-message]") == (
        "Décocher tous les éléments ? Impossible d’annuler.")
    page.click(f"{root} .gk-danger")
    assert page.text_content(f"{root} [data-gk-message]") == "Liste de contrôle vidée."

    open_widgets(page, french_url + "calculators/nails/")
    page.fill("#gk-nails-boards", "-5")
    assert page.text_content("#gk-nails-boards-error") == "Saisissez au moins 0."
    stale = page.wait_for_selector("#calculator-nails [data-gk-stale] dt")
    assert stale.evaluate("dt => getComputedStyle(dt, '::after').content") == (
        '" (d’après la dernière valeur valide)"')


def test_an_unknown_string_key_fails_the_build_naming_it(
    tmp_path: Path, build_site_fails: Callable[..., Any]
) -> None:
    project = french_project(tmp_path, strings='{"checklist.clear": "x"}')
    result = build_site_fails(project)
    assert "unknown UI string 'checklist.clear'" in result.output
    assert "checklist.cleared" in result.output
    assert "Traceback" not in result.output


def test_an_unshipped_language_falls_back_to_english(
    tmp_path: Path, build_site: Callable[..., Any]
) -> None:
    site = build_site(french_project(tmp_path, language="pt-BR")).site_dir
    soup = BeautifulSoup((site / "checklists/trip/index.html").read_text("utf-8"), "html.parser")
    assert soup.select_one("[data-gk-progress-text]").get_text() == "0 of 5 done"
