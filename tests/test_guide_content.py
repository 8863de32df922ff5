"""Nothing of the guide is lost: every heading, table cell, list and checklist line of the seed
appears in the built site's text (normalised for whitespace, case, quotes and Markdown marks)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "system-design-guide.md"

# Box-drawing and tree characters carry layout, not content.
_LAYOUT = re.compile(r"[│├└┌┐┘┬┴┼─═║╔╗╚╝▶▼◀▲→↓←↑□•■]+")
_MARKS = re.compile(r"\*\*|__|`")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    text = _MARKS.sub("", text)
    text = _LAYOUT.sub(" ", text)
    text = re.sub(r"\s+", " ", text)
    # Inline elements (links) are joined with spaces by get_text(" "): "a , b" reads "a, b".
    text = re.sub(r" ([,.;:)!?/])", r"\1", text)
    text = re.sub(r"([(/]) ", r"\1", text)
    return text.strip().casefold()


@lru_cache(maxsize=1)
def seed_blocks() -> tuple[list[str], list[list[str]], list[list[str]], list[str]]:
    """Headings, table rows (cells), code blocks (lines) and quote lines of the seed."""
    headings: list[str] = []
    rows: list[list[str]] = []
    blocks: list[list[str]] = []
    quotes: list[str] = []
    lines = SEED.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            end = index + 1
            while not lines[end].startswith("```"):
                end += 1
            blocks.append(lines[index + 1 : end])
            index = end + 1
            continue
        if line.startswith("#"):
            headings.append(line.lstrip("#").strip())
        elif line.startswith("|") and not re.match(r"^\|[\s|:-]+\|$", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif line.startswith(">"):
            quotes.append(line.lstrip("> ").strip())
        index += 1
    return headings, rows, blocks, quotes


@pytest.fixture(scope="module")
def site_text(guide_site: Path) -> str:
    texts = []
    for page in sorted(guide_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        main = soup.find("article") or soup.body or soup
        texts.append(main.get_text(" "))
    return normalise(" ".join(texts))


def test_the_seed_is_where_the_tests_expect_it() -> None:
    headings, rows, blocks, _ = seed_blocks()
    assert len(headings) > 60 and len(rows) > 80 and len(blocks) > 30


def test_every_heading_is_on_the_site(site_text: str) -> None:
    headings, _, _, _ = seed_blocks()
    skip = {"table of contents"}
    missing = [h for h in headings if normalise(h) not in skip and normalise(h) not in site_text]
    # Numbered headings ("6.1 E-Commerce Platform") may drop the number on generated pages.
    missing = [h for h in missing if normalise(re.sub(r"^[\d.]+\s*", "", h)) not in site_text]
    # The SACRED letters ("**S** - Scalability") read "S - Scalability" or "Scalability".
    missing = [h for h in missing if normalise(h.split(" - ")[-1]) not in site_text]
    assert not missing, f"{len(missing)} headings lost: {missing[:10]}"


def test_every_table_cell_is_on_the_site(site_text: str) -> None:
    _, rows, _, _ = seed_blocks()
    missing = []
    for row in rows:
        for cell in row:
            text = normalise(cell)
            if text and text not in site_text:
                missing.append((row[0], cell))
    assert not missing, f"{len(missing)} table cells lost, e.g. {missing[:10]}"


def _content_lines(block: list[str]) -> list[str]:
    """The content of each line of a code block, split where boxes put columns side by side."""
    pieces = []
    for line in block:
        for piece in re.split(r"│|\s{3,}|─{2,}▶|─▶", line):
            # List markers are layout too: "1. Validate cart" is the item "Validate cart".
            # Also after the tree's box-drawing marks go ("├── 1. Lock source account").
            text = normalise(re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", piece))
            text = re.sub(r"^\d+\.\s+", "", text)
            if len(re.sub(r"[^a-z0-9]", "", text)) >= 2:
                pieces.append(text)
    return pieces


def test_every_list_checklist_and_diagram_line_is_on_the_site(site_text: str) -> None:
    _, _, blocks, _ = seed_blocks()
    missing = []
    for block in blocks:
        for piece in _content_lines(block):
            if piece not in site_text:
                missing.append(piece)
    assert not missing, f"{len(missing)} lines of lists/diagrams lost, e.g. {missing[:15]}"


def test_the_interview_quotes_are_on_the_site(site_text: str) -> None:
    _, _, _, quotes = seed_blocks()
    missing = [q for q in quotes if normalise(q) and normalise(q) not in site_text]
    assert not missing, missing
