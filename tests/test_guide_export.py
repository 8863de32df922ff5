"""guide.json, llms.txt and imports between guides (issue 23), on the example site.

examples/coffee (built-in theme variant) is built ``--strict`` once per module; it imports
the system design guide's own guide.json from a file (examples/coffee/imports/) and links five
of its entities. The tests read what the build wrote.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from guidekit import load_site
from guidekit.export.guide import GUIDE_SCHEMA_PATH, guide_schema_text
from guidekit.export.imports import (
    GuideImportError,
    cache_file,
    load_guide,
    read_guide,
)
from tests.gates import build_site, build_site_expect_failure

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "coffee"
IMPORTED = EXAMPLE / "imports" / "system-design-guide.json"
LINKED = {"ecommerce", "cdn", "postgresql", "cache", "redis"}  # docs/selling-online.md


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_site(EXAMPLE / "mkdocs-basic.yml",
                        tmp_path_factory.mktemp("coffee") / "site", strict=True)
    assert not result.warnings, "\n".join(result.warnings)
    return result.site_dir


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- guide.json


def test_published_guide_schema_is_up_to_date() -> None:
    assert GUIDE_SCHEMA_PATH.read_text(encoding="utf-8") == guide_schema_text(), (
        "run: python -m guidekit.export.guide --write")


def test_guide_json_validates_against_its_published_schema(site: Path) -> None:
    export = read_json(site / "guide.json")
    published = read_json(site / "guide.schema.json")
    assert published == read_json(GUIDE_SCHEMA_PATH)
    errors = list(jsonschema.Draft202012Validator(published).iter_errors(export))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert export["format"] == "guidekit-guide" and export["version"] == 1
    # A wrong document does not validate: the schema can fail.
    export["kinds"]["entities"][0]["data"]["colour"] = "red"
    assert list(jsonschema.Draft202012Validator(published).iter_errors(export))


def test_every_item_url_is_a_built_page(site: Path) -> None:
    export = read_json(site / "guide.json")
    for kind, items in export["kinds"].items():
        for item in items:
            url = item["url"]
            if url is None:
                continue
            path = site / url / "index.html" if url.endswith("/") or not url else site / url
            assert path.is_file(), f"{kind} '{item['id']}': {url} is not a page"
    kinds = {kind for kind, items in export["kinds"].items() if items}
    assert {"entities", "collections", "tables", "checklists", "calculators", "decisions",
            "lists", "diagrams", "worksheets"} <= kinds, kinds
    formulas = [o["formula"] for c in export["kinds"]["calculators"] for o in c["data"]["outputs"]]
    assert "coffee * strength_ratio" in formulas


def test_reloaded_guide_gives_back_the_same_entity_graph(site: Path) -> None:
    catalog = load_site(EXAMPLE / "data").catalog
    reloaded = read_guide(read_json(site / "guide.json"), "coffee")
    assert {ref.partition(":")[2] for ref in reloaded.entities} == set(catalog.entities)
    for entity_id, entity in catalog.entities.items():
        imported = reloaded.entities[f"coffee:{entity_id}"]
        assert (imported.name, imported.aliases) == (entity.name, tuple(entity.aliases))
    edges = {(entity_id, link.relation.id, link.other.id)
             for entity_id, links in catalog.outgoing.items() for link in links}
    assert edges and reloaded.links == edges
    # Backlinks are the same edges seen from the other end.
    export = read_json(site / "guide.json")
    back = {(b["from"], b["relation"], e["id"])
            for e in export["kinds"]["entities"] for b in e["backlinks"]}
    assert back and back <= edges


# --------------------------------------------------------------------------- llms.txt


def built_pages(site: Path) -> list[str]:
    """Site URL of every HTML page (directory URLs), but the 404 page."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def test_llms_txt_lists_every_page_once(site: Path) -> None:
    text = (site / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Home Coffee Brewing (basic)"
    assert lines[2].startswith("> ")
    assert any(line.startswith("## ") for line in lines)
    links = re.findall(r"^- \[[^\]]+\]\(([^)]*)\)", text, re.M)
    pages = [url for url in links if not url.endswith(".json")]
    expected = [url or "./" for url in built_pages(site)]
    assert sorted(pages) == sorted(expected)
    assert len(pages) == len(set(pages)), "a page is listed twice"
    assert "guide.json" in links


def test_llms_full_txt_holds_every_page_text(site: Path) -> None:
    full = (site / "llms-full.txt").read_text(encoding="utf-8")
    assert full.count("\nURL: ") == len(built_pages(site))
    # Text of a generated page and of a widget, without scripts or buttons.
    assert "Pour-over" in full and "Morning pour-over" in full
    assert "<script" not in full and "<div" not in full


# --------------------------------------------------------------------------- imports


def test_example_links_five_entities_of_the_imported_guide(site: Path) -> None:
    guide = read_json(IMPORTED)
    urls = {e["id"]: e["url"] for e in guide["kinds"]["entities"]}
    page = BeautifulSoup((site / "selling-online/index.html").read_text("utf-8"), "html.parser")
    explicit = {a["href"] for a in page.select("a.gk-ref--external")}
    assert explicit == {urls[entity_id] for entity_id in LINKED}
    assert all(href.startswith("https://example.org/system-design-guide/") for href in explicit)
    autolinked = {a["href"] for a in page.select("a.gk-autolink")}
    assert urls["elasticsearch"] in autolinked  # a name in the prose, auto-linked
    assert "[[" not in page.select_one("div[role=main]").get_text().replace("[[sdg:<id>]]", "")


def copy_example(tmp_path: Path) -> Path:
    project = tmp_path / "coffee"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", "site-*"))
    return project


def test_data_refs_into_the_imported_guide_link_its_pages(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    methods = project / "data" / "methods.yml"
    text = methods.read_text("utf-8").replace(
        "a clean, bright cup that rewards", "a clean cup ([[sdg:kafka|not a queue]]) that rewards")
    text = text.replace("        - scale\n      alternatives:\n        - {ref: aeropress",
                        "        - scale\n        - sdg:cdn\n      alternatives:\n"
                        "        - {ref: aeropress", 1)
    methods.write_text(text, encoding="utf-8")
    result = build_site(project / "mkdocs-basic.yml", tmp_path / "site")
    page = BeautifulSoup((result.site_dir / "methods/pour-over/index.html").read_text("utf-8"),
                         "html.parser")
    inline = page.select_one('a[href="https://example.org/system-design-guide/technologies/kafka/"]')
    assert inline is not None and inline.get_text() == "not a queue"
    uses = page.select_one('[data-gk-links="Uses"]')
    assert uses is not None
    cdn = uses.select_one('a[href="https://example.org/system-design-guide/components/cdn/"]')
    assert cdn is not None and cdn.get_text() == "CDN"  # a related link into the other guide


@pytest.mark.parametrize(("where", "misspelt"), [("page", "[[sdg:rediss]]"),
                                                 ("data", "[[sdg:rediss]]")])
def test_misspelt_imported_entity_fails_strict_with_the_closest(
        tmp_path: Path, where: str, misspelt: str) -> None:
    project = copy_example(tmp_path)
    if where == "page":
        page = project / "docs" / "selling-online.md"
        page.write_text(page.read_text("utf-8").replace("[[sdg:redis]]", misspelt), "utf-8")
    else:
        data = project / "data" / "equipment.yml"
        text = data.read_text("utf-8")
        data.write_text(re.sub(r"(summary: >-\n\s+)", rf"\1{misspelt} ", text, count=1), "utf-8")
    result = build_site_expect_failure(project / "mkdocs-basic.yml", tmp_path / "site")
    assert "sdg:rediss" in result.output and "sdg:redis" in result.output.replace(
        "sdg:rediss", ""), result.output
    if where == "page":
        assert "selling-online.md" in result.output
    else:
        assert "equipment.yml" in result.output
    assert "Traceback" not in result.output


def test_url_import_reads_the_cache_and_never_fetches(tmp_path: Path) -> None:
    url = "https://guides.example.invalid/sdg/guide.json"
    cached = cache_file("sdg", url, tmp_path)
    cached.write_text(IMPORTED.read_text("utf-8"), encoding="utf-8")
    guide = load_guide("sdg", url=url, cache_dir=tmp_path)
    assert "sdg:kafka" in guide.entities
    with pytest.raises(GuideImportError, match="neither http"):
        read_guide({"format": "guidekit-guide", "version": 1, "site": {"name": "x", "url": ""},
                    "kinds": {"entities": [{"id": "a", "url": "javascript:alert(1)",
                                            "data": {"name": "A"}}]}}, "x")
    with pytest.raises(GuideImportError, match="version"):
        read_guide({"format": "guidekit-guide", "version": 99}, "x")


def test_a_kind_a_site_adds_is_exported_and_described() -> None:
    """The exporter iterates over the registry: the test kind 'medal' (tests/kinds/medal)
    is in guide.json and in its schema without any change to the exporter."""
    from guidekit.export.guide import guide_export, guide_schema
    from guidekit.kinds.registry import load_registry

    registry = load_registry(["tests.kinds.medal"])
    fixture = Path(__file__).resolve().parent / "fixtures" / "mini-kind"
    site = load_site(fixture / "data", kinds=registry)
    export = json.loads(json.dumps(guide_export(site, name="Mini kind")))
    medals = {item["id"]: item for item in export["kinds"]["medals"]}
    assert medals["gold"]["url"] == "medals/gold/" and medals["gold"]["title"] == "Gold hammer"
    schema = guide_schema(registry)
    assert "medals" in schema["properties"]["kinds"]["required"]
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(export))
    export["kinds"]["medals"][0]["data"]["shine"] = "lots"  # not a field of the medal model
    assert list(validator.iter_errors(export))


def test_the_policy_file_is_written_with_the_exports_off(tmp_path: Path) -> None:
    """The content-security policy (``_headers``) does not depend on llms.txt being on."""
    project = copy_example(tmp_path)
    config = project / "mkdocs-basic.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      storage_namespace: coffee",
        "      export: {llms_txt: false, guide_json: false}\n      storage_namespace: coffee", 1),
        "utf-8")
    site = build_site(config, tmp_path / "site").site_dir
    assert not (site / "llms.txt").exists() and not (site / "guide.json").exists()
    headers = (site / "_headers").read_text("utf-8")
    assert "Content-Security-Policy: " in headers and "script-src 'self'" in headers
