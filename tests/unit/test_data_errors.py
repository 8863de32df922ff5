"""Broken data fails the build with one clear message naming file, entry, field and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidekit.core import load_site
from guidekit.data.loader import DataError

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def edit(site: Path, old: str, new: str) -> Path:
    path = site / "data" / "all.yml"
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not found"
    path.write_text(text.replace(old, new, 1))
    return path


def problems(site: Path) -> str:
    with pytest.raises(DataError) as info:
        load_site(site / "data")
    return str(info.value)


def build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml"),
         "-d", str(site / "site")],
        capture_output=True, text=True, timeout=120,
    )


def test_the_fixture_itself_is_valid(mini: Path) -> None:
    site = load_site(mini / "data")
    assert "hammer" in site.catalog.entities


def test_missing_required_field_names_file_entry_field_and_line(mini: Path) -> None:
    edit(mini, "    name: Mallet\n", "")
    message = problems(mini)
    assert "all.yml:" in message
    assert "entity 'mallet'" in message
    assert "field 'name'" in message
    assert "required field is missing" in message


def test_wrong_type(mini: Path) -> None:
    edit(mini, "{id: boards, label: Boards, default: 10, min: 0}",
         "{id: boards, label: Boards, default: ten, min: 0}")
    message = problems(mini)
    assert "calculator 'nails'" in message and "inputs.0.default" in message


def test_unknown_field_is_reported_not_ignored(mini: Path) -> None:
    edit(mini, "    category: Hand tool\n    summary: A soft",
         "    categroy: Hand tool\n    summary: A soft")
    message = problems(mini)
    assert "field 'categroy'" in message and "unknown field" in message


def test_invalid_yaml_names_the_line(mini: Path) -> None:
    path = edit(mini, "  - id: mallet\n", "  - id: mallet\n   bad: [\n")
    message = problems(mini)
    assert str(path) in message and "invalid YAML" in message
    line = int(message.split("all.yml:")[1].split(":")[0])
    assert 10 < line < 30


def test_unknown_reference_suggests_the_closest_names(mini: Path) -> None:
    edit(mini, "related: {alternatives: [mallet]}", "related: {alternatives: [malet]}")
    message = problems(mini)
    assert "entity 'hammer', field 'related.alternatives.0'" in message
    assert "unknown entity 'malet'" in message and "closest known: mallet" in message


def test_unknown_reference_inside_markdown_text(mini: Path) -> None:
    edit(mini, "for [[mallet]]-free jobs", "for [[mallets]]-free jobs")
    message = problems(mini)
    assert "unknown entity 'mallets'" in message and "related.uses" in message


def test_duplicate_ids_point_at_the_first(mini: Path) -> None:
    edit(mini, "  - id: mallet\n", "  - id: hammer\n")
    message = problems(mini)
    assert "duplicate" in message and "first defined at" in message


def test_every_problem_is_listed_at_once(mini: Path) -> None:
    edit(mini, "related: {alternatives: [mallet]}", "related: {alternatives: [nope1]}")
    edit(mini, "refs: [hammer]", "refs: [nope2]")
    message = problems(mini)
    assert "nope1" in message and "nope2" in message


def test_decision_cycle_and_unknown_next(mini: Path) -> None:
    edit(mini, '{label: "No", next: h}', '{label: "No", next: q}')
    message = problems(mini)
    assert "cycle: q -> q" in message


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("boards.real", "attribute access is not allowed"),
        ("__import__('os')", "function '__import__' is not allowed"),
        ("'text'", "only numbers are allowed"),
        ("board * per", "unknown name 'board'"),
        ("boxes * 2", "this output or a later one"),
        ("(lambda: 1)()", "only calls of"),
        ("boards[0]", "subscripting is not allowed"),
    ],
)
def test_bad_formulas_fail_naming_calculator_and_output(
    mini: Path, formula: str, expected: str
) -> None:
    edit(mini, "formula: boards * per", f"formula: \"{formula}\"")
    message = problems(mini)
    assert "calculator 'nails', field 'outputs.total.formula'" in message
    assert expected in message


def test_the_build_fails_with_the_message_and_no_traceback(mini: Path) -> None:
    edit(mini, "related: {alternatives: [mallet]}", "related: {alternatives: [malet]}")
    result = build(mini)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "unknown entity 'malet'" in output and "all.yml" in output
    assert "Traceback" not in output
    assert not (mini / "site" / "index.html").exists(), "no half-built site"


def test_unknown_embed_fails_naming_the_page_and_line(mini: Path) -> None:
    index = mini / "docs" / "index.md"
    index.write_text(index.read_text().replace("checklist: before", "checklist: befor"))
    result = build(mini)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "index.md" in output and "unknown checklist 'befor'" in output
    assert "closest: before" in output and "Traceback" not in output


def test_the_valid_fixture_builds_strict(mini: Path) -> None:
    result = build(mini)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


HAMMER_ROW = "      - {id: hammer, ref: hammer, cells: {tool: Hammer, weight: 10GB, kind: Steel}}\n"


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ("{kind: [{label: Maker, href: 'javascript:alert(1)'}]}",
         ("field 'rows.0.sources.kind.0.href'", "must start with http:// or https://")),
        ("{kind: [{label: Maker, href: 'ftp://example.org/x'}]}",
         ("must start with http:// or https:// (it reads 'ftp://example.org/x')",)),
        ("{kind: [{href: 'https://example.org/'}]}",
         ("field 'rows.0.sources.kind.0.label'", "required field is missing")),
        ("{notes: [{label: Maker, href: 'https://example.org/'}]}",
         ("row hammer: sources for column(s) ['notes'] but no cell there",)),
    ],
)
def test_cell_sources_must_be_http_links_to_cells_the_row_has(
    mini: Path, sources: str, expected: tuple[str, ...]
) -> None:
    edit(mini, HAMMER_ROW,
         HAMMER_ROW.replace("kind: Steel}}", f"kind: Steel}}, sources: {sources}}}"))
    message = problems(mini)
    assert "all.yml:" in message and "table 'weights'" in message
    for words in expected:
        assert words in message


def test_cell_sources_are_numbered_notes_under_the_table(mini: Path) -> None:
    from bs4 import BeautifulSoup

    edit(mini, HAMMER_ROW, HAMMER_ROW.replace(
        "kind: Steel}}",
        "kind: Steel}, sources: {kind: [{label: Maker, href: 'https://example.org/steel', "
        "note: Forged <b>steel</b>.}], weight: [{label: Scale, href: 'http://example.org/w'}]}}"))
    result = build(mini)
    assert result.returncode == 0, result.stderr
    html = next(p for p in (mini / "site").rglob("*.html")
                if "table-weights-note-1" in p.read_text(encoding="utf-8"))
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("#table-weights")
    assert table is not None
    # numbered in row order, then column order: weight (1) before kind (2)
    assert [a["href"] for a in table.select("#weights-hammer .gk-note-ref a")] == [
        "#table-weights-note-1", "#table-weights-note-2"]
    notes = table.select(".gk-table__notes li")
    assert [n["id"] for n in notes] == ["table-weights-note-1", "table-weights-note-2"]
    assert notes[1].select_one("a")["href"] == "https://example.org/steel"
    assert notes[1].get_text().startswith("Hammer, Kind: Maker. Forged")
    assert notes[1].find("b") is None  # the note is data: its markup is text
