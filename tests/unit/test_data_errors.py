"""Broken data fails the build with one clear message naming file, entry, field and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidekit.core import load_site
from guidekit.data.loader import DataError
from tests.unit.mini_site import build, copy_mini, problems, replace_in


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    return copy_mini(tmp_path)


def edit(site: Path, old: str, new: str) -> Path:
    return replace_in(site / "data" / "all.yml", old, new)


def test_the_fixture_itself_is_valid(mini: Path) -> None:
    site = load_site(mini / "data")
    assert "hammer" in site.catalog.entities


def test_missing_required_field_names_file_entry_field_and_line(mini: Path) -> None:
    edit(mini, "    name: Mallet\n", "")
    message = problems(mini)
    assert "all.yml:" in message
    assert "entity 'mallet'" in message
    assert "field name (line 14): required field is missing" in message


def test_wrong_type(mini: Path) -> None:
    edit(mini, "{id: boards, label: Boards, default: 10, min: 0}",
         "{id: boards, label: Boards, default: ten, min: 0}")
    message = problems(mini)
    assert message.endswith("calculator 'nails', field inputs[0].default (line 63): "
                            "expected a number or a list of numbers, got 'ten'")
    assert message.count("\n") == 0, "one message for one problem, not one per form"


def test_unknown_field_is_reported_not_ignored(mini: Path) -> None:
    edit(mini, "    category: Hand tool\n    summary: A soft",
         "    categroy: Hand tool\n    summary: A soft")
    message = problems(mini)
    assert "field categroy (line 16): unknown field" in message


def test_invalid_yaml_names_the_line(mini: Path) -> None:
    path = edit(mini, "  - id: mallet\n", "  - id: mallet\n   bad: [\n")
    message = problems(mini)
    assert message.startswith(f"{path} (line ") and "invalid YAML" in message
    line = int(message.split("(line ")[1].split(")")[0])
    assert 10 < line < 30


def test_unknown_reference_suggests_the_closest_names(mini: Path) -> None:
    edit(mini, "related: {alternatives: [mallet]}", "related: {alternatives: [malet]}")
    message = problems(mini)
    assert "entity 'hammer', field related.alternatives[0] (line 13)" in message
    assert "unknown entity 'malet'" in message and "closest known: mallet" in message


def test_unknown_reference_inside_markdown_text(mini: Path) -> None:
    edit(mini, "for [[mallet]]-free jobs", "for [[mallets]]-free jobs")
    message = problems(mini)
    assert "unknown entity 'mallets'" in message
    assert "entity 'workshop', field related.uses[0].note (line 22)" in message


def test_duplicate_ids_point_at_the_first(mini: Path) -> None:
    edit(mini, "  - id: mallet\n", "  - id: hammer\n")
    message = problems(mini)
    assert "entity 'hammer', field id (line 14): this id is taken; first defined in " in message
    assert message.endswith("all.yml (line 8)")


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
    assert "calculator 'nails', field outputs[0].formula (line 66)" in message
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
         ("field rows[0].sources.kind[0].href (line 34)", "must start with http:// or https://")),
        ("{kind: [{label: Maker, href: 'ftp://example.org/x'}]}",
         ("must start with http:// or https:// (it reads 'ftp://example.org/x')",)),
        ("{kind: [{href: 'https://example.org/'}]}",
         ("field rows[0].sources.kind[0].label (line 34)", "required field is missing")),
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


# --------------------------------------------------------------------------- the docs' table

ERRORS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "use-guidekit" / "errors.md"
_ROW = re.compile(r"^\| (?P<what>[^|]+) \| (?P<change>[^|]+) \| `(?P<message>[^`]+)` \|$")
_CHANGE = re.compile(r"^`(?P<old>[^`]+)` → `(?P<new>[^`]+)`$|^remove `(?P<gone>[^`]+)`$")
# What no message may carry: the validation library's type names, codes and links.
INTERNALS = ("float", "list[", "Value error", "model_type", "literal_error", "pydantic",
             "errors.pydantic.dev", "Input should", "constrained-str", "function-after",
             "str_type", "[type=", "dict[", ".0.")


def errors_page() -> tuple[str, list[tuple[str, str, str]]]:
    """(the sample file, [(what, change, message)]) from docs/use-guidekit/errors.md."""
    text = ERRORS_PAGE.read_text(encoding="utf-8")
    sample = text.split('```yaml linenums="1"\n', 1)[1].split("```\n", 1)[0]
    rows = [(m["what"], m["change"].strip(), m["message"])
            for line in text.splitlines() if (m := _ROW.match(line))]
    return sample, rows


def apply_change(sample: str, change: str) -> str:
    match = _CHANGE.match(change)
    assert match, f"the docs' change {change!r} is not `old` → `new` or remove `old`"
    if match["gone"]:
        lines = sample.splitlines(keepends=True)
        hits = [line for line in lines if match["gone"] in line]
        assert hits, change
        return sample.replace(hits[0], "", 1)
    assert match["old"] in sample, change
    return sample.replace(match["old"], match["new"], 1)


def test_the_sample_file_of_the_docs_is_valid(tmp_path: Path) -> None:
    sample, rows = errors_page()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "costs.yml").write_text(sample)
    load_site(tmp_path / "data")
    assert len(rows) >= 15


@pytest.mark.parametrize("row", errors_page()[1], ids=lambda row: row[0])
def test_every_message_of_the_docs_table_is_the_one_the_build_gives(
    tmp_path: Path, row: tuple[str, str, str]
) -> None:
    sample, _ = errors_page()
    _, change, expected = row
    data = tmp_path / "data"
    data.mkdir()
    (data / "costs.yml").write_text(apply_change(sample, change))
    with pytest.raises(DataError) as info:
        load_site(data)
    shown = [p.replace(f"{tmp_path}/", "") for p in info.value.problems]
    assert shown == [expected]


def test_no_message_of_the_table_names_library_internals() -> None:
    for _, _, message in errors_page()[1]:
        for internal in INTERNALS:
            assert internal not in message, (internal, message)


# --------------------------------------------------------------------------- one message each


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{id: boards, label: Boards, default: 10, min: 0}",
         "{id: boards, label: Boards, default: {a: 1}, min: 0}",
         "field inputs[0].default (line 63): expected a number or a list of numbers, "
         "got a mapping"),
        ("{id: boards, label: Boards, default: 10, min: 0}",
         "{id: boards, label: Boards, default: 10, min: lots}",
         "field inputs[0].min (line 63): expected a number, got 'lots'"),
        ("format: count}", "format: money}",
         "field outputs[0].format (line 66): expected one of 'number', 'count', 'rate', "
         "'bytes', 'duration', 'percent' or 'yesno', got 'money'"),
        # A model's own words name it (Link.in_words), in data/ as in a kind's folder.
        ("related: {alternatives: [mallet]}", "related: {alternatives: [5]}",
         "field related.alternatives[0] (line 13): expected an entity id or a link (ref, note), "
         "got 5"),
        ("{id: goggles, text: Wear goggles}", "{id: goggles, text: ''}",
         "field sections[0].items[0].text (line 43): must not be empty"),
        ("    sections:\n      - id: safety", "    sections: []\n    x:\n      - id: safety",
         None),
    ],
)
def test_each_problem_gets_one_message_in_plain_words(
    mini: Path, old: str, new: str, expected: str | None
) -> None:
    edit(mini, old, new)
    with pytest.raises(DataError) as info:
        load_site(mini / "data")
    messages = info.value.problems
    for message in messages:
        for internal in INTERNALS:
            assert internal not in message, (internal, message)
    if expected is not None:
        assert len(messages) == 1 and messages[0].endswith(expected), messages


def test_a_bad_reference_in_a_list_points_at_that_reference(mini: Path) -> None:
    edit(mini, "refs: [hammer]}\n", "refs: [mallet, hamer]}\n")
    message = problems(mini)
    assert "checklist 'before', field sections[0].items[1].refs[1] (line 44): " \
           "unknown entity 'hamer'; closest known: hammer" in message


# --------------------------------------------------------------------------- duplicate keys


@pytest.mark.parametrize(
    ("old", "new", "key", "line", "first"),
    [
        ("    name: Mallet\n", "    name: Mallet\n    name: Maul\n", "name", 16, 15),
        ("{id: goggles, text: Wear goggles}", "{id: goggles, text: Wear goggles, id: x}",
         "id", 43, 43),
        ("checklists:\n", "calculators: []\nchecklists:\n", "calculators", 60, 36),
    ],
)
def test_a_key_written_twice_fails_naming_file_line_and_key(
    mini: Path, old: str, new: str, key: str, line: int, first: int
) -> None:
    path = edit(mini, old, new)
    assert problems(mini) == (
        f"{path} (line {line}): the key '{key}' appears twice in one mapping "
        f"(first on line {first}); remove or rename one")


def test_yaml_merge_keys_may_still_be_overridden(mini: Path) -> None:
    edit(mini, "  - {id: tools, title: Tools, singular: Tool}",
         "  - &tools {id: tools, title: Tools, singular: Tool}\n"
         "  - {<<: *tools, id: gear, title: Gear}")
    site = load_site(mini / "data")
    assert site.catalog.collections["gear"].singular == "Tool"


# --------------------------------------------------------------------------- link schemes

REFUSED = [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("jav&#x09;ascript:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("javascript&colon;alert(1)", "javascript"),
    ("<javascript:alert(1)>", "javascript"),
    ("data:text/html;base64,PHNjcmlwdD4=", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("file:///etc/passwd", "file"),
]


@pytest.mark.parametrize(("target", "scheme"), REFUSED)
@pytest.mark.parametrize("form", ["link", "image", "reference"])
def test_links_and_images_in_data_refuse_other_schemes(
    mini: Path, target: str, scheme: str, form: str
) -> None:
    markdown = {"link": f"[a soft one]({target})", "image": f"![a mallet]({target})",
                "reference": f"[a soft one][r]\\n\\n[r]: {target}"}[form]
    path = edit(mini, "summary: A soft hammer.", f'summary: "{markdown}"')
    what = "image" if form == "image" else "link"
    message = problems(mini)
    assert message.startswith(f"{path}: entity 'mallet', field summary (line 17): {what} ")
    assert f"the scheme '{scheme}:' is not allowed" in message


@pytest.mark.parametrize("target", ["java\\nscript:alert(1)", "java\\tscript:alert(1)",
                                    " javascript:alert(1)", "\\u0001javascript:alert(1)"])
def test_whitespace_and_control_characters_do_not_hide_a_scheme(mini: Path, target: str) -> None:
    edit(mini, "summary: A soft hammer.", f'summary: "[x]({target})"')
    assert "the scheme 'javascript:' is not allowed" in problems(mini)


@pytest.mark.parametrize("target", ["https://example.com/a:b", "http://example.com",
                                    "mailto:someone@example.com", "other.md#part",
                                    "#anchor", "../up/page.md", "./a:b"])
def test_safe_links_are_kept(mini: Path, target: str) -> None:
    edit(mini, "summary: A soft hammer.", f'summary: "[x]({target})"')
    load_site(mini / "data")


def test_link_fields_refuse_other_schemes_too(mini: Path) -> None:
    edit(mini, "    summary: A soft hammer.\n",
         "    summary: A soft hammer.\n    source: 'javascript:alert(1)'\n")
    assert "entity 'mallet', field source (line 18): link 'javascript:alert(1)': the scheme" \
        in problems(mini)


def test_the_build_fails_on_a_script_link_and_writes_no_site(mini: Path) -> None:
    edit(mini, "summary: A soft hammer.", 'summary: "[x](JaVaScRiPt:alert(3))"')
    result = build(mini)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "entity 'mallet', field summary (line 17): link 'JaVaScRiPt:alert(3)'" in output
    assert not (mini / "site" / "index.html").exists()


def test_a_calculator_source_link_refuses_other_schemes(mini: Path) -> None:
    edit(mini, "    title: Nails\n",
         "    title: Nails\n    sources: [{label: Prices, href: 'vbscript:msgbox(1)'}]\n")
    assert "calculator 'nails', field sources[0].href (line 62): link 'vbscript:msgbox(1)': " \
           "the scheme 'vbscript:' is not allowed" in problems(mini)


def test_a_generated_page_from_an_overridden_template_refuses_script_links(mini: Path) -> None:
    """The last sweep: a site's own template may add links the data check never saw."""
    from guidekit.render.renderer import PACKAGE_TEMPLATES

    overrides = mini / "overrides" / "guidekit"
    overrides.mkdir(parents=True)
    template = (PACKAGE_TEMPLATES / "guidekit" / "entity.md").read_text(encoding="utf-8")
    (overrides / "entity.md").write_text(template + "\n[more](javascript:alert(1))\n")
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: mkdocs\n",
                                                 "  name: mkdocs\n  custom_dir: overrides\n"))
    result = build(mini)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "generated page tools/hammer.md: link 'javascript:alert(1)': the scheme" in output
