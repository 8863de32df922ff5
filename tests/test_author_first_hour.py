"""What a new author meets first (issue 23): the behaviour the docs promise.

One small "cloud cost guide" site, written the way the docs' quick start says (no ``nav:``,
MkDocs' built-in theme), built ``--strict`` once per module in tmp; the tests read its HTML.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidekit.kinds.table.view import natural_key
from guidekit.units import format_value
from tests.gates import BuildResult, build_site

CONFIG = """\
site_name: Cloud cost guide
theme:
  name: mkdocs
  highlightjs: false
plugins:
  - search
  - guidekit
"""

DATA = """\
collections:
  - {id: services, title: Cloud services, singular: Service}
collection: services
entities:
  - {id: storage, name: Object storage, summary: Buckets of files.}
  - {id: compute, name: Virtual machines, summary: Servers by the hour.}
tables:
  - id: prices
    title: Prices by region
    interactive: true
    columns:
      - {id: region, label: Region, header: true, facet: true}
      - {id: price, label: Price per GB, sort: number}
    rows:
      - {id: r10, cells: {region: region-10, price: 0.10}}
      - {id: r2, cells: {region: region-2, price: 0.125}}
      - {id: r1, cells: {region: region-1, price: 1.50}}
calculators:
  - id: monthly
    title: Monthly cost
    inputs:
      - {id: gigabytes, label: Stored, unit: GB, default: 1050}
    outputs:
      - {id: cost, label: Cost, unit: USD, formula: gigabytes * 0.15, decimals: 2}
      - {id: rough, label: Rough cost, unit: USD, formula: gigabytes * 0.15}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = tmp_path_factory.mktemp("cloud")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Cloud costs\n\nStart with storage.\n",
                                               encoding="utf-8")
    (project / "data").mkdir()
    (project / "data" / "all.yml").write_text(textwrap.dedent(DATA), encoding="utf-8")
    return build_site(project)


def page(result: BuildResult, url: str) -> BeautifulSoup:
    return BeautifulSoup((result.site_dir / url / "index.html").read_text("utf-8"), "html.parser")


def nav_titles(result: BuildResult) -> list[str]:
    """Titles of the top-level entries of the built-in theme's navigation bar."""
    home = page(result, "")
    return [item.find(["a"], recursive=False).get_text(" ", strip=True)
            for item in home.select("ul.navbar-nav > li.nav-item")]


def test_sections_without_nav_have_the_documented_titles(built: BuildResult) -> None:
    titles = nav_titles(built)
    # The collection's title and the kinds' titles, not the folders' names.
    assert "Cloud services" in titles, titles
    assert "Comparison matrices" in titles, titles
    assert "Calculators" in titles, titles
    assert "Services" not in titles and "Matrices" not in titles, titles


def test_decimals_are_fixed(built: BuildResult) -> None:
    calculator = page(built, "calculators/monthly")
    cost = calculator.select_one('output[data-gk-output="cost"]')
    rough = calculator.select_one('output[data-gk-output="rough"]')
    assert cost is not None and rough is not None
    assert cost.get_text() == "157.50 USD"  # decimals: 2 -> always two
    assert cost.has_attr("data-fixed")  # so the browser keeps them too
    assert rough.get_text() == "157.5 USD"  # no decimals: up to two, zeros dropped
    assert not rough.has_attr("data-fixed")


def test_cells_keep_the_text_written(built: BuildResult) -> None:
    matrix = page(built, "matrices/prices")
    prices = [cell.get_text(strip=True) for cell in matrix.select('td[data-gk-col="price"]')]
    assert prices == ["0.10", "0.125", "1.50"], prices


def test_facet_values_sort_naturally(built: BuildResult) -> None:
    matrix = page(built, "matrices/prices")
    values = [box.get("value") for box in matrix.select("input[data-gk-facet-value]")]
    assert values == ["region-1", "region-2", "region-10"], values


def test_natural_key_and_fixed_format() -> None:
    assert sorted(["region-10", "Region-2", "region-1b", "region-1a"], key=natural_key) == [
        "region-1a", "region-1b", "Region-2", "region-10"]
    assert format_value(157.5, "number", "USD", 2, fixed=True) == "157.50 USD"
    assert format_value(157.5, "number", "USD", 2) == "157.5 USD"
    assert format_value(99.9, "percent", "", 4, fixed=True) == "99.9000%"
    assert format_value(1500, "count", "", 2, fixed=True) == "1.5K"  # scaled: up to one


def test_scaffold_readme_and_guide_docs_agree() -> None:
    """The README and quick start say what the issue found missing."""
    repo = Path(__file__).resolve().parents[1]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    for needed in ("npm", "registry.npmjs.org", "chromium", "Python 3.11", "/system-design-guide/",
                   "technologies/<id>/", "font: false"):
        assert needed in readme, needed
    quick_start = (repo / "docs" / "use-guidekit" / "index.md").read_text(encoding="utf-8")
    assert "font: false" in quick_start
    assert "yaml-language-server" in quick_start
    assert "python -m guidekit schema" in quick_start
