"""The example site in examples/coffee builds with the current source tree, both ways.

``mkdocs.yml`` is the full setup (Material, mkdocs-macros with guidekit's pluglet, a template
override); ``mkdocs-basic.yml`` is the same docs and data with MkDocs' built-in theme and no
macros plugin. Both are built ``--strict`` once per module, into temporary directories, with
this interpreter (the venv, where guidekit is installed editable from plugin/).

The expectations are read from the example's own data files where that is natural (every
entity has a page; every ``uses`` link shows on both ends), and spelled out where a number
proves the build computed something (calculator defaults, sort keys).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from tests.gates import BuildResult, build_site, check_html, check_links, html_pages

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "coffee"
_ORIGIN = "http://example.invalid/"
RAW_MACRO = re.compile(r"\{\{|\}\}|\{%|%\}")


# --------------------------------------------------------------------------- helpers


def load_data() -> dict[str, list[dict]]:
    """Every kind of the example's data, merged over its YAML files (as guidekit does)."""
    merged: dict[str, list[dict]] = {}
    for path in sorted((EXAMPLE / "data").glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        default_collection = content.get("collection", "")
        for kind, entries in content.items():
            if kind == "collection":
                continue
            for entry in entries:
                if kind == "entities":
                    entry.setdefault("collection", default_collection)
                merged.setdefault(kind, []).append(entry)
    return merged


DATA = load_data()
ENTITIES = {e["id"]: e for e in DATA["entities"]}
COLLECTION_PATHS = {c["id"]: c.get("path", c["id"]) for c in DATA["collections"]}


def entity_url(entity_id: str) -> str:
    return f"{COLLECTION_PATHS[ENTITIES[entity_id]['collection']]}/{entity_id}/"


def soup(site: Path, url: str) -> BeautifulSoup:
    """The page at site URL ``url`` (directory URLs, as use_directory_urls builds them)."""
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    assert path.is_file(), f"page {url or '/'} was not built ({path})"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(page: BeautifulSoup) -> Tag:
    """The page body without theme chrome: Material's <article>, else the built-in theme's
    main column."""
    found = page.select_one("article") or page.select_one("div[role=main]")
    assert found is not None, "no content element on the page"
    return found


def target(page_url: str, href: str) -> str:
    """Site URL that ``href`` on the page at ``page_url`` points to (no fragment)."""
    path = urlsplit(urljoin(_ORIGIN + page_url, href)).path
    return path.lstrip("/")


def linked_urls(page_url: str, anchors: list[Tag]) -> set[str]:
    return {target(page_url, a["href"]) for a in anchors if a.get("href")}


def uses_pairs() -> list[tuple[str, str]]:
    pairs = []
    for entity in DATA["entities"]:
        for link in entity.get("related", {}).get("uses", []):
            pairs.append((entity["id"], link if isinstance(link, str) else link["ref"]))
    return pairs


def alternative_pairs() -> list[tuple[str, str]]:
    pairs = []
    for entity in DATA["entities"]:
        for link in entity.get("related", {}).get("alternatives", []):
            pairs.append((entity["id"], link if isinstance(link, str) else link["ref"]))
    return pairs


# --------------------------------------------------------------------------- builds


def _build(config: str, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = tmp_path_factory.mktemp(Path(config).stem) / "site"
    result = build_site(EXAMPLE / config, site, strict=True)
    assert not result.warnings, "warnings in a --strict build:\n" + "\n".join(result.warnings)
    return result


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/coffee/mkdocs.yml built --strict: Material + macros + override."""
    return _build("mkdocs.yml", tmp_path_factory).site_dir


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/coffee/mkdocs-basic.yml built --strict: built-in theme, no macros plugin."""
    return _build("mkdocs-basic.yml", tmp_path_factory).site_dir


def build_with_properdocs(site: Path) -> Path:
    """examples/coffee/mkdocs.yml built --strict by ProperDocs (same venv: `properdocs`
    redirects the plugins' ``mkdocs.*`` imports to ``properdocs.*``)."""
    command = [sys.executable, "-m", "properdocs", "build", "--strict",
               "-f", str(EXAMPLE / "mkdocs.yml"), "-d", str(site)]
    proc = subprocess.run(command, cwd=EXAMPLE, capture_output=True, text=True, timeout=600,
                          check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"properdocs build failed:\n{output}"
    warnings = [line for line in output.splitlines()
                if line.lstrip().startswith(("WARNING", "ERROR"))]
    assert not warnings, "warnings in a --strict build:\n" + "\n".join(warnings)
    return site


@pytest.fixture(scope="module")
def properdocs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/coffee/mkdocs.yml built --strict by ProperDocs: Material + macros + override."""
    return build_with_properdocs(tmp_path_factory.mktemp("properdocs") / "site")


@pytest.fixture(params=["material", "basic", "properdocs"])
def site(request: pytest.FixtureRequest) -> Path:
    """Each build in turn: MkDocs with Material, MkDocs' built-in theme, ProperDocs."""
    return request.getfixturevalue(request.param)


# --------------------------------------------------------------------------- both builds


def test_every_entity_and_collection_has_a_page(site: Path) -> None:
    assert len(ENTITIES) >= 10
    for entity_id, entity in ENTITIES.items():
        page = soup(site, entity_url(entity_id))
        heading = content(page).find("h1")
        assert heading is not None and entity["name"] in heading.get_text(), entity_id
    for collection in DATA["collections"]:
        overview = content(soup(site, f"{COLLECTION_PATHS[collection['id']]}/"))
        cards = overview.select("a.gk-card__title")
        members = [e for e in ENTITIES.values() if e["collection"] == collection["id"]]
        assert {a.get_text(strip=True) for a in cards} == {e["name"] for e in members}


@pytest.mark.parametrize(("user", "used"), uses_pairs())
def test_uses_links_show_on_both_pages(site: Path, user: str, used: str) -> None:
    user_url, used_url = entity_url(user), entity_url(used)
    forward = content(soup(site, user_url)).select('[data-gk-links="Uses"] a.gk-ref')
    assert used_url in linked_urls(user_url, forward), f"{user} does not link to {used}"
    back = content(soup(site, used_url)).select('[data-gk-backlinks="Used by"] a.gk-ref')
    assert user_url in linked_urls(used_url, back), f"{used} does not link back to {user}"


@pytest.mark.parametrize(("one", "other"), alternative_pairs())
def test_alternatives_are_symmetric(site: Path, one: str, other: str) -> None:
    for a, b in ((one, other), (other, one)):
        links = content(soup(site, entity_url(a))).select('[data-gk-links="Alternatives"] a')
        assert entity_url(b) in linked_urls(entity_url(a), links), f"{a} -> {b} missing"


def test_markdown_refs_in_data_become_links(site: Path) -> None:
    page_url = entity_url("pour-over")
    summary = content(soup(site, page_url)).select_one(".gk-entity__summary")
    assert summary is not None
    assert entity_url("gooseneck-kettle") in linked_urls(page_url, summary.select("a"))
    # A label given as [[espresso|espresso]] is used as the link text.
    moka = content(soup(site, entity_url("moka-pot"))).select_one(".gk-entity__summary a")
    assert moka is not None and moka.get_text() == "espresso"


def test_brewing_page_embeds_every_kind_with_fences(site: Path) -> None:
    page = content(soup(site, "brewing/"))
    assert page.select_one('[data-gk="decision"][data-gk-id="choose-method"]')
    check_plain_table_linking_its_matrix(page, "brewing/")
    assert page.select_one('[data-gk="calculator"][data-gk-id="brew-ratio"]')
    assert page.select_one('[data-gk="checklist"][data-gk-id="morning-brew"]')
    assert page.select_one("#list-grind-sizes ol")
    assert page.select_one('[data-gk="diagram"]#diagram-brew-station')
    assert page.select_one("#snippet-brew-log pre code")
    assert page.select_one("#table-equipment-prices table")
    assert "```guidekit" not in page.get_text()


def check_checklist(root: Tag) -> None:
    checklist = next(c for c in DATA["checklists"] if c["id"] == "morning-brew")
    sections = root.select("[data-gk-section]")
    assert [s["data-gk-section"] for s in sections] == [s["id"] for s in checklist["sections"]]
    items = [i["id"] for s in checklist["sections"] for i in s["items"]]
    boxes = root.select('input[type="checkbox"][data-gk-check]')
    assert [b["data-gk-check"] for b in boxes] == items
    for box in boxes:  # every checkbox has its label
        assert root.select_one(f'label[for="{box["id"]}"]') is not None
    assert f"0 of {len(items)} done" in root.get_text()


def check_calculator(root: Tag) -> None:
    fields = {f["data-gk-input"]: f for f in root.select("[data-gk-input]")}
    assert set(fields) == {"coffee", "strength", "mugs"}
    assert fields["coffee"]["value"] == "18"
    assert fields["mugs"]["value"] == "250, 300"
    options = fields["strength"].select("option")
    assert [o.get_text() for o in options] == ["Strong (1:15)", "Balanced (1:16)", "Light (1:17)"]
    assert options[1].has_attr("selected")
    # Defaults computed at build time: 18 g at 1:16; 550 ml of mugs / 16 = 34.375 -> 34.4.
    expected = {"water": 288.0, "bloom": 36.0, "mugs_total": 550.0, "beans_for_mugs": 34.4}
    outputs = {o["data-gk-output"]: o for o in root.select("output[data-gk-output]")}
    assert set(outputs) == set(expected)
    for output_id, value in expected.items():
        assert float(outputs[output_id]["data-value"]) == value, output_id
    assert outputs["water"].get_text(strip=True) == "288 ml"
    assert outputs["beans_for_mugs"].get_text(strip=True) == "34.4 g"


def check_matrix(root: Tag) -> None:
    table = next(t for t in DATA["tables"] if t["id"] == "brew-methods")
    rows = root.select("tbody tr[data-gk-row]")
    assert [r["data-gk-row"] for r in rows] == [r["id"] for r in table["rows"]]
    facets = [f["data-gk-facet"] for f in root.select("[data-gk-facet]")]
    assert facets == ["style", "difficulty"]
    styles = {v["value"] for v in root.select('[data-gk-facet="style"] input')}
    assert styles == {"Filter", "Immersion", "Pressure"}
    # Sort keys are computed by the build: durations in seconds, numbers as numbers.
    times = {r["data-gk-row"]: r.select_one('[data-gk-col="time"]')["data-sort"] for r in rows}
    assert float(times["espresso"]) == 30
    assert float(times["pour-over"]) == 210
    assert float(times["cold-brew"]) == 12 * 3600
    ratio = root.select_one('tr[data-gk-row="espresso"] [data-gk-col="ratio"]')
    assert float(ratio["data-sort"]) == 2
    assert root.select_one('th[data-gk-col="notes"][data-gk-hidden]') is not None


def check_decision(root: Tag) -> None:
    decision = next(d for d in DATA["decisions"] if d["id"] == "choose-method")
    nodes = {n["data-gk-node"] for n in root.select("[data-gk-node]")}
    assert nodes == {n["id"] for n in decision["nodes"]}
    outcomes = [o.get_text(strip=True) for o in root.select("[data-gk-outcome]")]
    assert sorted(outcomes) == sorted(n["outcome"] for n in decision["nodes"] if "outcome" in n)
    assert root.select_one("[data-gk-mermaid]") is not None


def check_plain_table_linking_its_matrix(page: Tag, url: str) -> None:
    """In a chapter an interactive table is a plain table with a link to its matrix page
    (the filter, facets and compare live on that page only)."""
    assert page.select_one('[data-gk="matrix"]') is None, f"{url}: matrix tool in a chapter"
    table = page.select_one("#table-brew-methods")
    assert table is not None, f"{url}: brew-methods table missing"
    rows = table.select("tbody tr")
    assert len(rows) == len(next(t for t in DATA["tables"] if t["id"] == "brew-methods")["rows"])
    assert table.select_one("[data-gk-filter], [data-gk-facet]") is None
    link = table.select_one("a.gk-table__page")
    assert link is not None, f"{url}: no link to the matrix page"
    assert target(url, link["href"]) == WIDGET_PAGES["matrix"]


WIDGET_CHECKS = {
    "checklist": check_checklist,
    "calculator": check_calculator,
    "matrix": check_matrix,
    "decision": check_decision,
}
WIDGET_PAGES = {
    "checklist": "checklists/morning-brew/",
    "calculator": "calculators/brew-ratio/",
    "matrix": "matrices/brew-methods/",
    "decision": "decisions/choose-method/",
}


@pytest.mark.parametrize("kind", sorted(WIDGET_CHECKS))
def test_widget_html_on_its_own_page_and_in_the_fence_page(site: Path, kind: str) -> None:
    # A matrix in a chapter is a plain table (checked in the fence test above).
    urls = (WIDGET_PAGES[kind],) if kind == "matrix" else (WIDGET_PAGES[kind], "brewing/")
    for url in urls:
        roots = content(soup(site, url)).select(f'[data-gk="{kind}"]')
        assert len(roots) == 1, f"{url}: {len(roots)} {kind} widgets"
        WIDGET_CHECKS[kind](roots[0])


def test_worksheet_page_gathers_its_steps(site: Path) -> None:
    worksheet = next(w for w in DATA["worksheets"] if w["id"] == "dial-in")
    root = content(soup(site, "worksheets/dial-in/")).select_one('[data-gk="worksheet"]')
    assert root is not None
    assert [s["data-gk-step"] for s in root.select("[data-gk-step]")] == [
        s["id"] for s in worksheet["steps"]
    ]
    options = root.select('select[data-gk-choice="method"] option[value]:not([value=""])')
    methods = {e["name"] for e in ENTITIES.values() if e["collection"] == "methods"}
    assert {o.get_text() for o in options} == methods
    check_calculator(root.select_one('[data-gk="calculator"]'))
    check_checklist(root.select_one('[data-gk="checklist"]'))
    assert root.select_one('textarea[data-gk-notes="verdict"]') is not None


def test_widgets_point_at_entities(site: Path) -> None:
    url = WIDGET_PAGES["checklist"]
    refs = content(soup(site, url)).select('[data-gk-item="grind"] a.gk-ref')
    assert linked_urls(url, refs) == {entity_url("burr-grinder")}
    url = WIDGET_PAGES["decision"]
    outcome = content(soup(site, url)).select('[data-gk-node="pour-over"] [data-gk-refs] a')
    assert linked_urls(url, outcome) == {entity_url("pour-over")}


def test_entity_pages_list_where_they_appear(site: Path) -> None:
    url = entity_url("burr-grinder")
    page = content(soup(site, url))
    mentions = page.select("[data-gk-mentions] a")
    assert WIDGET_PAGES["checklist"] in linked_urls(url, mentions)
    # burr-grinder's own blocks embed the grind-size list.
    assert page.select_one("#list-grind-sizes") is not None
    # Its name is mentioned in index.md, so the page lists that section.
    assert "" in linked_urls(url, page.select("[data-gk-sections] a"))


def test_template_override_from_custom_dir(site: Path) -> None:
    snippet = content(soup(site, "brewing/")).select_one("#snippet-brew-log")
    assert snippet is not None and "coffee-snippet" in snippet["class"]
    assert snippet.select_one(".coffee-snippet__note") is not None


def test_hand_written_pages_are_autolinked(site: Path) -> None:
    links = content(soup(site, "")).select("a")
    assert entity_url("french-press") in linked_urls("", links)
    assert entity_url("burr-grinder") in linked_urls("", links)


def test_assets_and_search_rows(site: Path) -> None:
    page = soup(site, "brewing/")
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any(s.endswith("assets/guidekit/guidekit.js") for s in scripts)
    assert any(s.endswith("assets/guidekit/guidekit-formulas.js") for s in scripts)
    styles = [s["href"] for s in page.select('link[rel="stylesheet"]')]
    assert any(s.endswith("assets/guidekit/guidekit.css") for s in styles)
    formulas = (site / "assets/guidekit/items/calculator/brew-ratio.js").read_text(
        encoding="utf-8")
    assert '"brew-ratio"' in formulas
    # The page holding the calculator preloads its formulas, which its root names.
    assert page.select_one('link[rel="preload"][href$="assets/guidekit/items/calculator/'
                           'brew-ratio.js"]')
    assert page.select_one('[data-gk="calculator"][data-gk-needs="items/calculator/'
                           'brew-ratio.js"]')
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc.get("title", "") for doc in index["docs"]}
    assert any("Espresso" in t and "Brew methods compared" in t for t in titles), titles


def test_no_raw_macro_syntax_anywhere(site: Path) -> None:
    for path in html_pages(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        text = page.body.get_text() if page.body else ""
        assert not RAW_MACRO.search(text), f"{path.relative_to(site)}: raw macro syntax"


def test_links_resolve_and_nothing_loads_off_site(site: Path) -> None:
    problems = check_links(site)
    assert not problems, "\n".join(problems)


def test_html_is_well_formed(site: Path) -> None:
    problems = check_html(site)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- one build each


def test_macros_page_renders_every_widget(material: Path) -> None:
    page = content(soup(material, "macros/"))
    for kind, check in WIDGET_CHECKS.items():
        if kind == "matrix":
            check_plain_table_linking_its_matrix(page, "macros/")
            continue
        roots = page.select(f'[data-gk="{kind}"]')
        assert len(roots) == 1, f"macros page: {len(roots)} {kind} widgets"
        check(roots[0])
    text = " ".join(page.get_text(" ").split())
    assert f"this site knows {len(ENTITIES)} entities" in text
    methods = [e for e in ENTITIES.values() if e["collection"] == "methods"]
    links = page.select("ul a.gk-ref")
    assert {a.get_text() for a in links} >= {e["name"] for e in methods}
    # entity_link("scale", "scale") uses the label given.
    assert entity_url("scale") in linked_urls("macros/", page.select('a.gk-ref'))
    assert "scale" in {a.get_text() for a in page.select("a.gk-ref")}


def test_material_nav_places_generated_sections(material: Path) -> None:
    nav = soup(material, "").select_one("nav.md-nav--primary")
    assert nav is not None
    text = nav.get_text(" ", strip=True)
    # "Which method?" is the decisions section, renamed by nav_titles in mkdocs.yml.
    for title in ("Brew methods", "Equipment", "Checklists", "Calculators",
                  "Comparison matrices", "Which method?", "Worksheets"):
        assert title in text, title


def test_basic_build_has_no_macros_page_and_uses_builtin_theme(basic: Path) -> None:
    assert not (basic / "macros").exists()
    page = soup(basic, "brewing/")
    assert page.select_one(".md-content") is None  # not Material
    assert page.select_one("div[role=main]") is not None
    # storage_namespace from mkdocs-basic.yml reaches the widgets.
    assert {r["data-gk-ns"] for r in page.select("[data-gk-ns]")} == {"coffee"}


def test_material_build_namespaces_storage_by_site_name(material: Path) -> None:
    page = soup(material, "brewing/")
    assert {r["data-gk-ns"] for r in page.select("[data-gk-ns]")} == {"Home Coffee Brewing"}
