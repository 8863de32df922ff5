"""`make pdf`: the guide's print edition printed by headless Chromium into one PDF. Every
chapter title and section title (h1/h2) and a sample of the table cells must be in the PDF's
text (pdftotext), the bookmarks must list the chapters, and nothing may leave the machine.

The test prints the built guide the way the Makefile's ``pdf`` target does (same module, same
arguments) and leaves the PDF in test-artifacts/guide.pdf with its page count beside it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.test_guide_content import normalise

pytestmark = pytest.mark.browser

# A link's address printed after its text, possibly broken over lines by the PDF.
_URL_AFTER_LINK = re.compile(r"\s*\((?:https?|mailto):[^)]*\)")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install Debian's poppler-utils (bash .ci/run does)",
                    pytrace=False)
    return path


@pytest.fixture(scope="module")
def guide_pdf(guide_site: Path, artifacts_dir: Path) -> Path:
    output = artifacts_dir / "guide.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "guidekit.pdf", str(guide_site), str(output)],
        capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def edition(guide_site: Path) -> BeautifulSoup:
    soup = BeautifulSoup((guide_site / "print" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup


def pdf_text(pdf: Path, *options: str) -> str:
    out = subprocess.run([tool("pdftotext"), *options, str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return normalise(_URL_AFTER_LINK.sub("", out))


def page_count(pdf: Path) -> int:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert match, info
    return int(match.group(1))


def test_every_chapter_and_section_title_is_in_the_pdf(
    guide_pdf: Path, edition: BeautifulSoup, artifacts_dir: Path
) -> None:
    pages = edition.select("section.gk-print__page")
    titles = [h.get_text(" ") for page in pages for h in page.select("h1, h2")]
    chapters = [page.find("h1").get_text(" ") for page in pages]
    assert len(pages) >= 20 and len(titles) >= 80  # 11 chapters, 9 template pages, their h2s
    text = pdf_text(guide_pdf)
    missing = [title for title in titles if normalise(title) not in text]
    assert not missing, f"{len(missing)} titles not in the PDF: {missing[:10]}"
    count = page_count(guide_pdf)
    report = (f"{guide_pdf.name}: {count} pages, {guide_pdf.stat().st_size // 1024} KiB, "
              f"{len(chapters)} chapters, {len(titles)} titles")
    (artifacts_dir / "guide-pdf.txt").write_text(report + "\n", encoding="utf-8")
    print(report)
    assert count >= len(chapters)  # every chapter starts a new sheet


def test_a_sample_of_table_cells_is_in_the_pdf(guide_pdf: Path, edition: BeautifulSoup) -> None:
    # The guide's tables: a widget's form (the what-if's inputs, with their screen-reader
    # labels) prints as fields, not as the text of its cells.
    # A cell's source marks (superscript numbers, 'Yes¹') print raised beside the text, not as
    # words of the cell: the sample reads the cell without them.
    for mark in edition.select(".gk-print__page table .gk-note-ref"):
        mark.decompose()
    cells = [c.get_text(" ") for c in edition.select(".gk-print__page table :is(td, th)")
             if not c.find_parent(attrs={"data-gk": ["whatif", "load"]})]
    cells = [c for c in cells if normalise(c)]
    sample = cells[::7]
    assert len(sample) >= 50, len(cells)
    # -raw keeps the order the page drew its text in: a cell's lines stay together even when
    # a neighbouring cell wraps too.
    text = pdf_text(guide_pdf, "-raw")
    missing = [cell for cell in sample if normalise(cell) not in text]
    assert not missing, f"{len(missing)} of {len(sample)} cells not in the PDF: {missing[:10]}"


def test_links_inside_the_edition_print_no_address(guide_pdf: Path) -> None:
    """Links between chapters are links inside the PDF; links to the site's other pages
    print as text, with no address of the hosted site (nor the local server's)."""
    raw = subprocess.run([tool("pdftotext"), str(guide_pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "127.0.0.1" not in raw
    assert "example.org" not in raw


def test_the_table_of_contents_and_bookmarks_list_the_chapters(
    guide_pdf: Path, edition: BeautifulSoup
) -> None:
    toc = [a.get_text(" ") for a in edition.select(".gk-print__toc a")]
    first_page = pdf_text(guide_pdf, "-l", "2")
    assert all(normalise(entry) in first_page for entry in toc), toc
    # Chromium's --generate-pdf-document-outline writes the headings as PDF bookmarks.
    raw = guide_pdf.read_bytes()
    assert b"/Outlines" in raw
    assert raw.count(b"/Dest") + raw.count(b"/A ") >= len(toc)


def test_the_makefile_prints_with_the_same_command() -> None:
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^pdf:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "the Makefile has no pdf target"
    assert "-m guidekit.pdf site" in recipe.group(1)


def test_chromium_runs_headless_offline_with_a_fresh_profile(tmp_path: Path) -> None:
    from guidekit.pdf import chromium_command

    command = chromium_command("/usr/bin/chromium", "http://127.0.0.1:1/print/",
                               tmp_path / "out.pdf", tmp_path / "profile")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--no-pdf-header-footer",
                 "--generate-pdf-document-outline", f"--user-data-dir={tmp_path / 'profile'}",
                 f"--print-to-pdf={tmp_path / 'out.pdf'}"):
        assert flag in command, flag
    assert any(f.startswith("--host-resolver-rules=MAP * ~NOTFOUND") for f in command)
    assert command[-1] == "http://127.0.0.1:1/print/"
