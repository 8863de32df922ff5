"""Flashcards and estimation drills without a browser: card field substitution and its errors,
the seeded generator, range expansion, reading estimates, tolerance grading, and a drill's
default scenario computed with its calculator's formulas."""

from __future__ import annotations

import math
import shutil
import textwrap
from pathlib import Path

import pytest

from guidekit.core import load_site
from guidekit.data.loader import DataError
from guidekit.kinds.calculator import KIND as CALCULATOR
from guidekit.kinds.deck import KIND as DECK
from guidekit.kinds.deck.cards import deck_tsv, fill, slots, tsv_text
from guidekit.kinds.drill import KIND as DRILL
from guidekit.kinds.drill import view as drill_widget
from guidekit.kinds.drill.model import DrillParam
from guidekit.kinds.drill.view import (
    candidates,
    draw,
    grade,
    mulberry32,
    needed_steps,
    parse_estimate,
    substitute,
)

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"

PRACTICE = textwrap.dedent("""\
    decks:
      - id: kit
        title: Know your kit
        cards:
          - id: weight
            from: table:weights
            front: "How heavy is the {tool}?"
            back: "{weight} ({kind})"
          - from: checklist:before
            front: "Safety: {text}?"
            back: "Yes, in {section}. {{literal}}"
          - from: collection:tools
            front: "When to use {name}?"
            back: "{facts.When to use}"
    drills:
      - id: boards
        title: Boards
        calculator: nails
        scenario: "You have {boards} boards and use {per} nails on each."
        params:
          boards: {min: 10, max: 1000, log: true}
          per: [2, 4, 6]
        questions:
          - {output: total, within: 25%}
          - {output: boxes, within: exact, prompt: How many boxes of 100?}
        seed: 42
    """)


@pytest.fixture()
def site_dir(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    (target / "data" / "practice.yml").write_text(PRACTICE, encoding="utf-8")
    return target


def problems(site: Path, old: str, new: str) -> str:
    path = site / "data" / "practice.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_site(site / "data")
    return str(info.value)


# --------------------------------------------------------------------------- cards


def test_slots_and_fill_substitute_text_and_keep_doubled_braces() -> None:
    assert slots("{a} and {b.c d} but {{not}}") == ["a", "b.c d"]
    assert fill("{a} and {{x}} {b}", {"a": "*A*", "b": "{b}"}) == "*A* and {x} {b}"
    with pytest.raises(KeyError):
        fill("{missing}", {})
    # Substituted text is never evaluated: Jinja-looking data stays text.
    assert fill("{a}", {"a": "{{ 7 * 7 }}"}) == "{{ 7 * 7 }}"


def test_deck_cards_come_from_tables_checklists_and_collections(site_dir: Path) -> None:
    site = load_site(site_dir / "data")
    cards = {card.id: card for card in DECK.result(site.checked).cards["kit"]}
    assert cards["weight-hammer"].front == "How heavy is the Hammer?"
    assert cards["weight-hammer"].back == "10GB (Steel)"
    assert cards["weight-hammer"].answer_values == ("10GB", "Steel")
    assert cards["before-goggles"].back == "Yes, in Safety. {literal}"
    # Only entities with a "When to use" fact make a card: no blank answers.
    assert cards["tools-hammer"].back == "Nails"
    assert "tools-mallet" not in cards
    assert len(cards) == 2 + 2 + 1


def test_anki_export_is_plain_text_one_line_per_card(site_dir: Path) -> None:
    site = load_site(site_dir / "data")
    text = site.extra_files()["assets/guidekit/decks/kit.tsv"]
    lines = text.splitlines()
    rows = [line for line in lines if not line.startswith("#")]
    assert lines[:2] == ["#separator:tab", "#html:false"]
    assert len(rows) == len(DECK.result(site.checked).cards["kit"])
    assert all(row.count("\t") == 2 for row in rows)
    assert "How heavy is the Hammer?\t10GB (Steel)\tkit" in rows
    assert tsv_text("a\tb\r\nc") == "a b c"
    deck = site.catalog.decks["kit"]
    assert deck_tsv(deck, [("q\tx", "line\nbreak")]).splitlines()[-1] == "q x\tline break\tkit"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("from: table:weights", "from: table:weight",
         "deck 'kit', field cards[0].from (line 6): unknown table 'weight'"),
        ('back: "{weight} ({kind})"', 'back: "{weigth}"',
         "deck 'kit', field cards[0].back (line 8): unknown field '{weigth}' of table:weights; "
         "fields are tool, weight, kind"),
        ("from: checklist:before", "from: sheet:before",
         "deck 'kit', field cards[1].from (line 9): 'sheet:before': write table:<id>"),
        ("      - id: weight\n", "      - id: tools\n",
         "two cards have the id 'tools-hammer'"),
    ],
)
def test_bad_decks_name_file_entry_and_field(site_dir: Path, old: str, new: str,
                                             expected: str) -> None:
    message = problems(site_dir, old, new)
    assert "practice.yml" in message
    assert expected in message


def test_the_assets_command_writes_the_deck_downloads_too(site_dir: Path, tmp_path: Path) -> None:
    from guidekit.__main__ import write_assets

    target = tmp_path / "docs" / "assets" / "guidekit"
    written = write_assets(target, site_dir / "data")
    assert target / "decks" / "kit.tsv" in written
    site = load_site(site_dir / "data")
    assert (target / "decks" / "kit.tsv").read_text(encoding="utf-8") == \
        site.extra_files()["assets/guidekit/decks/kit.tsv"]


# --------------------------------------------------------------------------- drills


def test_mulberry32_gives_the_reference_sequence() -> None:
    # The first outputs of the reference JavaScript mulberry32 for seed 1.
    first = [next(gen) for gen in [mulberry32(1)] for _ in range(3)]
    assert first == [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]
    assert all(0 <= x < 1 for x, _ in zip(mulberry32(2**32 - 1), range(1000), strict=False))
    assert [next(mulberry32(7)) for _ in range(2)] == [next(mulberry32(7))] * 2


def test_ranges_expand_to_clean_candidates() -> None:
    assert candidates(DrillParam(min=0.1, max=0.5, step=0.1)) == [0.1, 0.2, 0.3, 0.4, 0.5]
    assert candidates(DrillParam(min=80, max=300, log=True)) == [80.0, 100.0, 120.0, 150.0,
                                                                200.0, 250.0, 300.0]
    assert candidates(DrillParam.model_validate([3, 1])) == [3, 1]
    assert candidates(DrillParam.model_validate(7)) == [7]
    with pytest.raises(ValueError, match="at most"):
        candidates(DrillParam(min=0, max=1e6, step=1))
    with pytest.raises(ValueError, match="exactly one"):
        DrillParam(value=1, choices=[1, 2])
    with pytest.raises(ValueError, match="step"):
        DrillParam(min=1, max=2)


def test_draw_is_reproducible_and_uses_one_draw_per_parameter() -> None:
    choices = {"a": [1.0, 2.0, 3.0, 4.0], "b": [10.0, 20.0]}
    assert draw(choices, 99) == draw(choices, 99)
    generator = mulberry32(99)
    expected = {name: values[math.floor(next(generator) * len(values))]
                for name, values in choices.items()}
    assert draw(choices, 99) == expected
    assert len({tuple(draw(choices, seed).values()) for seed in range(50)}) > 1


@pytest.mark.parametrize(
    ("text", "fmt", "value"),
    [
        ("2.3k", "count", 2.3 * 1e3), ("10M", "rate", 1e7), ("7e3", "count", 7e3),
        ("1,500", "count", 1500.0), ("~7000", "number", 7000.0), ("2 bn", "count", 2e9),
        ("20 GB", "bytes", 20e9), ("1.5T", "bytes", 1.5e12), ("300", "bytes", 300.0),
        ("4.5h", "duration", 4.5 * 3600), ("52 min", "duration", 52 * 60.0),
        ("90", "duration", 90.0), ("99.9%", "percent", 99.9), (".5k", "count", 500.0),
    ],
)
def test_estimates_read_like_people_write_numbers(text: str, fmt: str, value: float) -> None:
    assert parse_estimate(text, fmt) == value


@pytest.mark.parametrize(("text", "fmt"), [("abc", "count"), ("", "count"), ("10 GB", "count"),
                                           ("5x", "number"), ("1e999", "count"),
                                           ("2%", "bytes"), ("3 parsecs", "duration")])
def test_unreadable_estimates_are_none(text: str, fmt: str) -> None:
    assert parse_estimate(text, fmt) is None


@pytest.mark.parametrize(
    ("estimate", "answer", "within", "right"),
    [
        (125, 100, "25%", True), (126, 100, "25%", False), (75, 100, "25%", True),
        (74, 100, "25%", False), (-100, -100, "25%", True),
        (300, 100, "3x", True), (301, 100, "3x", False), (34, 100, "3x", True),
        (316, 100, "order_of_magnitude", True), (317, 100, "order_of_magnitude", False),
        (32, 100, "order_of_magnitude", True), (31, 100, "order_of_magnitude", False),
        (-100, 100, "order_of_magnitude", False), (0, 0, "3x", True), (0, 1, "3x", False),
        (5, 5, "exact", True), (5.0000001, 5, "exact", False),
        (math.nan, 1, "25%", False), (1, math.inf, "25%", False),
    ],
)
def test_grading_within_each_kind_of_tolerance(estimate: float, answer: float, within: str,
                                              right: bool) -> None:
    assert grade(estimate, answer, within) is right


def test_drill_default_scenario_uses_the_calculators_formulas(site_dir: Path) -> None:
    site = load_site(site_dir / "data")
    drill = site.catalog.drills["boards"]
    view = drill_widget.drill_view(site.catalog, CALCULATOR.result(site.checked),
                                   DRILL.result(site.checked).choices, drill,
                                   lambda text: f"<p>{text}</p>")
    drawn = draw(DRILL.result(site.checked).choices["boards"], 42)
    assert view.seed == 42
    expected = CALCULATOR.result(site.checked).compiled["nails"].evaluate(drawn)
    assert [q.answer for q in view.questions] == [expected["total"], expected["boxes"]]
    assert view.questions[1].prompt == "How many boxes of 100?"
    assert view.questions[0].prompt == "Total nails"  # the output's label by default
    assert 'data-gk-param="boards"' in view.scenario
    # Boxes reads total: the solution shows both steps, in the calculator's order.
    assert [step.id for step in view.steps] == ["total", "boxes"]
    assert view.steps[1].numbers == f"ceil({drill_widget.number_text(expected['total'])} / 100)"


def test_worked_steps_follow_dependencies() -> None:
    from guidekit.formulas import compile_calculator

    compiled = compile_calculator("c", {"a": "number", "b": "number"},
                                  [("x", "a * 2"), ("y", "b + 1"), ("z", "x / 3")])
    assert [s.id for s in needed_steps(compiled, ["z"])] == ["x", "z"]
    assert substitute("x / 3 + a", {"x": 1234.5, "a": 2}) == "1,234.5 / 3 + 2"
    assert substitute("ceil(a) + 1e3", {"a": 1, "e3": 9}) == "ceil(1) + 1e3"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("calculator: nails", "calculator: nail", "drill 'boards', field calculator (line 18): "
         "unknown calculator 'nail'; closest known: nails"),
        ("- {output: total, within: 25%}", "- {output: totl, within: 25%}",
         "field questions[0].output (line 24): unknown output of calculator 'nails' 'totl'"),
        ("per: [2, 4, 6]", "pre: [2, 4, 6]",
         "field params.pre (line 22): unknown input of calculator"),
        ("use {per} nails", "use {pre} nails",
         "field scenario (line 19): unknown input of calculator"),
        ("within: 25%", "within: 25",
         "field questions[0].within (line 24): 25 is not a tolerance: write 25%"),
        ("boards: {min: 10, max: 1000, log: true}", "boards: {min: 10, max: 1000}",
         "field params.boards (line 21): a range needs"),
        # The drill's model names its parameter in plain words (DrillParam.in_words).
        ("per: [2, 4, 6]", "per: lots", "field params.per (line 22): expected a number, a list "
         "of choices or a range (min, max, step), got 'lots'"),
    ],
)
def test_bad_drills_name_file_entry_and_field(site_dir: Path, old: str, new: str,
                                              expected: str) -> None:
    message = problems(site_dir, old, new)
    assert "practice.yml" in message
    assert expected in message
