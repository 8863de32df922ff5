"""READER-VIEW GATE: every page of the guide as a reader sees it, at 1366 px and 390 px.

``tests/gates/readerview.py`` checks each loaded page in Chromium with one JavaScript
function: tables without cell rules, text cut inside its box (diagram labels included, once
the flowcharts are drawn), boxes that scroll sideways on a desktop, pages wider than a
phone, bullets that begin with a step number, tooling words on a reader's page, and
sidebars of more than 60 links. The fixture site tests/fixtures/reader-defects plants one
defect of each kind (and one clean page), so the gate is shown to catch each.

Also here: the print edition holds no hosted-site addresses and no empty input boxes, the
home page lists each chapter once, and screenshots of the reader's main kinds of page at
three widths in both schemes (test-artifacts/reader/) for a human to look at.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.gates import html_pages
from tests.gates.readerview import GUIDE_MANUAL, RULES, Finding, format_findings
from tests.gates.screenshots import shot_name
from tests.gates.walk import LAPTOP, PHONE, Walk, walk_site
from tests.gates.walk import Pass as WalkPass

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reader-defects"
DESKTOP_WIDTH, PHONE_WIDTH = LAPTOP["width"], PHONE["width"]
# The page of the fixture that holds each planted defect, and the width that shows it.
PLANTED = {
    "table-rules": ("table/", DESKTOP_WIDTH),
    "text-cut": ("cut/", DESKTOP_WIDTH),
    "scrolls-sideways": ("sideways/", DESKTOP_WIDTH),
    "wider-than-phone": ("phone/", PHONE_WIDTH),
    "numbered-bullet": ("bullets/", DESKTOP_WIDTH),
    "tooling-word": ("words/", DESKTOP_WIDTH),
    "sidebar-links": ("many/", DESKTOP_WIDTH),
}


def run_gate(browser: Any, site: Path, base_path: str, paths: list[Path] | None = None,
             draw_at: tuple[int, ...] = (DESKTOP_WIDTH, PHONE_WIDTH)) -> list[Finding]:
    """Every reader-view finding of the built ``site`` (or of ``paths``) at both widths,
    flowcharts drawn at the widths in ``draw_at``: the walk of tests/gates/walk.py with
    the reader view alone."""
    passes = [WalkPass(**viewport, draw_charts=viewport["width"] in draw_at)
              for viewport in (LAPTOP, PHONE)]
    walk = walk_site(browser, site, base_path, passes, paths, manual_prefixes=GUIDE_MANUAL)
    return [finding for visit in walk.visits for finding in visit.reader]


@pytest.fixture(scope="module")
def defects_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.gates import build_site

    return build_site(FIXTURE, tmp_path_factory.mktemp("reader-defects") / "site", True).site_dir


@pytest.mark.browser
def test_the_gate_catches_each_planted_defect_and_nothing_on_the_clean_page(
        browser: Any, defects_site: Path) -> None:
    found = run_gate(browser, defects_site, "/")
    by_page: dict[tuple[str, int], set[str]] = {}
    for finding in found:
        path = finding.url.split("/", 3)[3]
        by_page.setdefault((path, finding.width), set()).add(finding.rule)
    assert set(PLANTED) == set(RULES), "a rule of the gate has no planted defect"
    for rule, (path, width) in PLANTED.items():
        assert rule in by_page.get((path, width), set()), (
            f"{rule} not caught on {path} at {width} px:\n" + "\n".join(map(str, found)))
    # Nothing else: each defect page shows its own rule only (at both widths, but for the
    # two rules of one width), the clean page none.
    expected = {(path, width): {rule} for rule, (path, _) in PLANTED.items()
                for width in (DESKTOP_WIDTH, PHONE_WIDTH)}
    unexpected = {key: rules - expected.get(key, set()) for key, rules in by_page.items()}
    unexpected = {key: rules for key, rules in unexpected.items() if rules}
    assert not unexpected, f"findings no defect was planted for: {unexpected}\n" + "\n".join(
        str(f) for f in found if f.rule in unexpected.get(
            (f.url.split('/', 3)[3], f.width), set()))


@pytest.mark.site
@pytest.mark.browser
def test_every_page_of_the_guide_reads_well(guide_walk: Walk, guide_site: Path,
                                            artifacts_dir: Path) -> None:
    """Every page at 1366 px and 390 px (the walk of ``guide_walk``: flowcharts drawn at
    1366 px); the full list goes to test-artifacts/reader-view.txt."""
    found = [finding for visit in guide_walk.visits for finding in visit.reader]
    lines = format_findings(found, per_rule=1000)
    (artifacts_dir / "reader-view.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(guide_walk.visits) == 2 * len(html_pages(guide_site))
    assert not found, f"{len(found)} reader-view findings over {len(html_pages(guide_site))} " \
        "pages x 2 widths:\n" + "\n".join(format_findings(found))


# The pages of the bugs this gate was written for: the flowchart whose "TimescaleDB/Inf"
# label was cut, the steps written as bullets that kept their "1.", tooling words; and an
# article whose diagram is drawn on a phone too.
BUG_PAGES = ("", "decisions/database-selection/", "database-selection/", "interview-template/",
             "industry-templates/ecommerce/", "industry-templates/fintech/", "quick-reference/",
             "technologies/redis/", "components/cdn/", "technologies/kafka/")
# Rules whose fixes belong to the table and what-if work (see the full-site test above).
TABLE_RULES = {"table-rules", "scrolls-sideways"}


@pytest.mark.site
@pytest.mark.browser
def test_the_reader_bugs_stay_fixed(browser: Any, guide_site: Path,
                                    guide_base_path: str) -> None:
    paths = [guide_site / p / "index.html" for p in BUG_PAGES]
    found = [f for f in run_gate(browser, guide_site, guide_base_path, paths)
             if f.rule not in TABLE_RULES]
    assert not found, "\n".join(format_findings(found))


def test_steps_are_ordered_lists_everywhere(guide_site: Path) -> None:
    """No bulleted item of any page begins with a step number (the gate checks the same
    in the browser; this reads every built page at once)."""
    bad = []
    for html in html_pages(guide_site):
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(
            "article")
        for li in article.select("ul > li") if article else []:
            text = li.get_text(" ", strip=True)
            if re.match(r"\d+[.)]\s", text):
                bad.append(f"{html.relative_to(guide_site)}: {text[:60]}")
    assert not bad, "\n".join(bad)


def test_tag_chips_stay_out_of_the_search_results(guide_site: Path) -> None:
    """Search results render a page's lists with bullets: the tag chips would be stray
    bullets under every entity and overview, so they are excluded from the index."""
    index = json.loads((guide_site / "search" / "search_index.json").read_text())
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    redis = next(text for loc, text in texts.items() if loc == "technologies/redis/")
    assert "<li>database</li>" not in redis and "<li>cache</li>" not in redis
    assert "When to use Caching" in redis  # a fact's label and value do not run together


@pytest.mark.browser
def test_the_diagram_reads_from_the_start_edge(page: Any, guide_url: str) -> None:
    """Material centres a figure's content: the connections list and the layers' notes
    were centred with their bullets stranded at the left."""
    page.goto(guide_url + "industry-templates/iot/", wait_until="load")
    aligns = page.eval_on_selector_all(
        "figure.gk-diagram li, figure.gk-diagram .gk-diagram__layer",
        "els => [...new Set(els.map(e => getComputedStyle(e).textAlign))]")
    assert aligns and set(aligns) <= {"start", "left"}, aligns


def test_the_home_page_lists_each_chapter_once(guide_site: Path) -> None:
    article = BeautifulSoup((guide_site / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert article is not None
    targets = [a["href"].split("#")[0] for a in article.select("a[href]")
               if not a["href"].startswith(("#", "http"))]
    for chapter in ("design-philosophy/", "methodology/", "security/", "interview-template/"):
        count = sum(1 for href in targets if href.rstrip("/").endswith(chapter.rstrip("/")))
        # Once on the map; "Design Philosophy" also on the start button above it.
        assert count == (2 if chapter == "design-philosophy/" else 1), (chapter, count)
    cards = article.select(".gk-progress-map__page")
    assert len(cards) >= 19 and all(c.select_one("a") for c in cards)


@pytest.mark.browser
def test_the_print_edition_prints_no_hosted_addresses_nor_empty_boxes(
        page: Any, guide_url: str) -> None:
    page.goto(guide_url + "print/", wait_until="load")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    shown = page.evaluate("""() => {
      const host = new URL(document.baseURI).host, out = {addresses: [], empty: []};
      for (const a of document.querySelectorAll('article a[href]')) {
        const after = getComputedStyle(a, '::after').content;
        if (/example\\.org|127\\.0\\.0\\.1/.test(after) || (after.includes(host) && host))
          out.addresses.push(a.textContent.trim() + after);
      }
      for (const i of document.querySelectorAll('article input, article textarea')) {
        if (!i.getClientRects().length) continue;
        const boxed = ['text', 'search', 'number', 'email', 'url', 'textarea', 'checkbox'];
        const kind = i.tagName === 'TEXTAREA' ? 'textarea' : i.type;
        const empty = kind === 'checkbox' ? !i.closest('.gk-checklist') : !i.value;
        if (boxed.includes(kind) && empty) out.empty.push(kind + ' ' + (i.id || i.name));
      }
      return out;
    }""")
    assert not shown["addresses"], shown["addresses"][:10]
    assert not shown["empty"], shown["empty"][:10]


READER_SHOTS = ("", "methodology/", "industry-templates/ecommerce/", "technologies/redis/")
SHOT_WIDTHS = (390, 768, 1366)


@pytest.mark.browser
def test_reader_screenshots(browser: Any, guide_url: str, artifacts_dir: Path) -> None:
    """Home, a chapter, a template and a technology at three widths, light and dark, into
    test-artifacts/reader/ for a human to look at (the gate above is what fails)."""
    out = artifacts_dir / "reader"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for width in SHOT_WIDTHS:
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          color_scheme=scheme, reduced_motion="reduce",
                                          service_workers="block")
            try:
                shoot: Callable[[str], None]
                page = context.new_page()

                def shoot(path: str, page: Any = page, width: int = width,
                          scheme: str = scheme) -> None:
                    page.goto(guide_url + path, wait_until="load")
                    file = out / f"{shot_name(path)}-{width}-{scheme}.png"
                    page.screenshot(path=str(file), full_page=True, animations="disabled")

                for path in READER_SHOTS:
                    shoot(path)
            finally:
                context.close()
    assert len(list(out.glob("*.png"))) == len(READER_SHOTS) * len(SHOT_WIDTHS) * 2
