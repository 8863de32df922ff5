"""A kind written only inside tests/ (tests/kinds/medal/: model, view, template, script and
stylesheet in one folder) that a site adds with the plugin's ``kinds`` option: its fence
renders, its pages are generated, it has its nav entry, its script and style are bundled."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidekit.core import load_site
from guidekit.data.loader import DataError
from guidekit.kinds.registry import BUILTIN, KindError, Registry, load_registry
from tests.gates.build import BuildResult

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "fixtures" / "mini-kind"
MEDAL = TESTS / "kinds" / "medal"
PACKAGE = TESTS.parent / "plugin" / "guidekit"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def kind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.gates.build import build_site

    return build_site(FIXTURE, tmp_path_factory.mktemp("kind") / "site").site_dir


def test_the_fence_renders_the_new_kind(kind_site: Path) -> None:
    home = soup_of(kind_site / "index.html")
    gold = home.select_one('[data-gk="medal"][data-gk-id="gold"]')
    assert gold is not None and "gk-medal--gold" in gold["class"]
    assert gold.select_one(".gk-medal__label").get_text() == "Gold hammer"  # type: ignore[union-attr]
    # Its Markdown went through guidekit's text rendering: [[hammer]] is a link.
    link = gold.select_one("a")
    assert link is not None and link["href"] == "tools/hammer/" and link.get_text() == "Hammer"
    assert home.select_one('[data-gk="medal"][data-gk-id="quiet"]') is not None


def test_its_pages_and_index_are_generated_and_in_the_nav(kind_site: Path) -> None:
    page = soup_of(kind_site / "medals" / "gold" / "index.html")
    assert page.select_one('[data-gk="medal"][data-gk-id="gold"]') is not None
    assert not (kind_site / "medals" / "quiet").exists()  # page: false
    index = soup_of(kind_site / "medals" / "index.html")
    titles = [a.get_text() for a in index.select(".gk-card__title")]
    assert titles == ["Gold hammer"]
    nav = {a.get_text(strip=True): a["href"] for a in soup_of(kind_site / "index.html").select(
        ".navbar a[href], .bs-sidebar a[href], nav a[href]")}
    assert nav.get("Medals") == "medals/"
    assert nav.get("Gold hammer") == "medals/gold/"


def test_its_script_and_stylesheet_are_bundled(kind_site: Path) -> None:
    assets = kind_site / "assets" / "guidekit"
    assert "data-gk-medal-awake" in (assets / "guidekit.js").read_text(encoding="utf-8")
    assert ".gk-medal__label" in (assets / "guidekit.css").read_text(encoding="utf-8")


def test_nothing_outside_its_folder_names_it() -> None:
    """The kind is one folder: guidekit's own code and templates never mention it."""
    mentions = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.*")
                if path.suffix in {".py", ".html", ".md", ".js", ".css", ".yml"}
                and "medal" in path.read_text(encoding="utf-8").lower()]
    assert mentions == []
    assert sorted(p.name for p in MEDAL.iterdir() if p.is_file()) == [
        "95-medal.css", "95-medal.js", "__init__.py", "medal.html", "model.py", "view.py"]


def test_without_the_option_the_data_is_unknown(
    tmp_path: Path, build_site_fails: Callable[..., BuildResult]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("      kinds: [../../kinds/medal]\n", ""))
    result = build_site_fails(site)
    assert "medals" in result.output and "unknown field" in result.output
    assert "Traceback" not in result.output


def test_the_registry_loads_it_by_folder_and_by_module_name() -> None:
    by_folder = load_registry(["kinds/medal"], TESTS)
    by_module = load_registry(["tests.kinds.medal"])
    for registry in (by_folder, by_module):
        medal = registry.get("medal")
        assert medal is not None and registry.get("medals") is medal
        assert [k.name for k in registry][: len(BUILTIN)] == [k.name for k in BUILTIN]
    site = load_site(FIXTURE / "data", kinds=by_module)
    html = site.render_embed("medal", "gold", "index.md", "")
    assert 'data-gk-id="gold"' in html
    assert "medals/gold.md" in site.generated_pages()
    assert site.build.placements == {("medals", "gold"): "index.md"}


def test_a_kind_cannot_take_a_name_another_has() -> None:
    medal = load_registry(["tests.kinds.medal"]).get("medal")
    assert medal is not None
    from dataclasses import replace

    with pytest.raises(KindError, match="the name 'matrix' is taken by kind 'table'"):
        Registry([*BUILTIN, replace(medal, aliases=("matrix",))])
    with pytest.raises(KindError, match="has no KIND"):
        load_registry(["tests.gates"])


def test_the_docs_page_shows_the_test_kind_as_it_is() -> None:
    """docs/use-guidekit/new-kind.md is built from this kind: every listing is the file."""
    import re

    page = (TESTS.parent / "docs" / "use-guidekit" / "new-kind.md").read_text(encoding="utf-8")
    listings = dict(re.findall(r"\*\*`([\w.-]+)`\*\*\n\n```\w+\n(.*?)\n```\n", page, re.S))
    files = {p.name for p in MEDAL.iterdir() if p.is_file()}
    assert set(listings) == files
    for name, code in listings.items():
        assert code == (MEDAL / name).read_text(encoding="utf-8").rstrip(), name


def _medal_data(tmp_path: Path, medals: str, blocks: str = "") -> Path:
    data = tmp_path / "data"
    data.mkdir(parents=True)
    (data / "all.yml").write_text(
        "collections:\n  - {id: tools, title: Tools, singular: Tool}\n"
        "entities:\n  - id: hammer\n    name: Hammer\n    collection: tools\n" + blocks +
        "medals:\n" + medals, encoding="utf-8")
    return data


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load_site(data, kinds=load_registry(["tests.kinds.medal"]))
    return raised.value.problems


def test_its_model_validates_medals_entries_with_the_usual_message(tmp_path: Path) -> None:
    """The model in the kind's folder is what a data file's ``medals:`` is checked against:
    a bad field gets the plain message naming file, line, entry and field."""
    data = _medal_data(tmp_path, "  - id: gold\n    title: Gold hammer\n    level: platinum\n"
                                 "  - {id: tin, title: Tin, colour: grey}\n")
    assert _problems(data) == [
        f"{data / 'all.yml'}: medal 'gold', field level (line 10): expected one of 'bronze', "
        "'silver' or 'gold', got 'platinum'",
        f"{data / 'all.yml'}: medal 'tin', field colour (line 11): unknown field (check its "
        "spelling against the JSON Schema)",
    ]


def test_an_entity_page_may_place_it_in_its_blocks(tmp_path: Path) -> None:
    """Block kinds come from the registry: a medal is one once the site adds the kind, and a
    misspelt one names the closest."""
    medal = "  - {id: gold, title: Gold hammer, level: gold}\n"
    good = _medal_data(tmp_path / "good", medal, "    blocks: [{kind: medal, id: gold}]\n")
    site = load_site(good, kinds=load_registry(["tests.kinds.medal"]))
    assert site.catalog.owners == {("medals", "gold"): "hammer"}
    bad = _medal_data(tmp_path / "bad", medal, "    blocks: [{kind: medl, id: gold}]\n")
    [problem] = _problems(bad)
    assert problem.startswith(f"{bad / 'all.yml'}: entity 'hammer', field blocks[0].kind "
                              "(line 7): expected one of 'markdown', 'table', ")
    assert problem.endswith("or 'medal', got 'medl'; closest known: medal")
    with pytest.raises(DataError, match="field blocks"):
        load_site(good)  # without the kind, no medal block (nor medals)
