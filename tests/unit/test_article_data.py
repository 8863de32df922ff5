"""Articles: bad article data fails with one message naming file, line, entry and field; good
article data lands on the entity page (text through the data Markdown, never Jinja)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.unit.mini_site import build, copy_mini, problems, replace_in

ARTICLE = """\
articles:
  - id: hammer
    what: |
      A hammer turns the swing of an arm into force on the small face of its head;
      a [[mallet]] spreads it wider. {{ 7 * 7 }} stays text.
    when_to_use: [Driving nails into wood.]
    when_not: ["Delicate surfaces; use a [[mallet]]."]
    tradeoffs: [A heavier head drives faster but tires the wrist.]
    failure_modes: [A loose head can fly off.]
    numbers:
      - text: A framing hammer's head weighs about 0.6 kg.
        source: https://example.org/hammer-guide
        source_title: Example Tools, Hammer guide
      - text: The workshop allows one hammer per bench.
        source: index.md#rules
        source_title: This site, Rules
    guide_note: The index page calls every hammer a claw hammer.
    diagram:
      caption: How a swing becomes force.
      nodes:
        - {id: arm, label: Arm}
        - {id: head, label: Head}
        - {id: nail, label: Nail, ref: mallet}
      edges:
        - {from: arm, to: head, label: swing}
        - {from: head, to: nail, label: impact}
    reading:
      - {title: Example Tools, url: "https://example.org/hammer-guide"}
"""


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    target = copy_mini(tmp_path, {"articles.yml": ARTICLE})
    (target / "docs" / "index.md").write_text("# Mini\n\n## Rules\n\nOne hammer per bench.\n")
    return target


def edit(site: Path, old: str, new: str) -> None:
    replace_in(site / "data" / "articles.yml", old, new)


def test_an_article_about_an_unknown_entity_names_the_closest(mini: Path) -> None:
    edit(mini, "  - id: hammer", "  - id: hamer")
    message = problems(mini)
    assert "articles.yml: article 'hamer', field id (line 2): unknown entity 'hamer'" in message
    assert "closest known: hammer" in message


def test_an_edge_to_a_missing_node_is_named(mini: Path) -> None:
    edit(mini, "{from: head, to: nail", "{from: head, to: nial")
    message = problems(mini)
    assert "article 'hammer', field diagram (line 18)" in message
    assert "'nial' is not one of the nodes (arm, head, nail)" in message


def test_unsafe_link_schemes_and_unknown_refs_are_refused(mini: Path) -> None:
    edit(mini, "[Driving nails into wood.]", '["[Drive](javascript:alert(1)) nails."]')
    edit(mini, "ref: mallet}", "ref: malet}")
    message = problems(mini)
    assert message.count("is not allowed") == 1, "one message per problem"
    assert "field when_to_use[0] (line 6): link 'javascript:alert(1)': the scheme " \
        "'javascript:' is not allowed" in message
    assert "field diagram.nodes[2].ref (line 23): unknown entity 'malet'; closest known: " \
        "mallet" in message


def test_a_number_needs_an_https_or_docs_source(mini: Path) -> None:
    edit(mini, "source: https://example.org/hammer-guide", "source: http://example.org/x")
    message = problems(mini)
    assert "field numbers[0].source (line 12)" in message
    assert "neither an https:// URL nor a docs page" in message


def test_a_docs_source_needs_the_page_and_its_heading(mini: Path) -> None:
    edit(mini, "source: index.md#rules", "source: index.md#rule")
    result = build(mini)
    assert result.returncode != 0
    assert "article 'hammer', field numbers[1].source (line 15): 'index.md' has no heading " \
        "'#rule'; closest: #rules" in result.stderr
    assert "Traceback" not in result.stderr
    edit(mini, "source: index.md#rule", "source: rules.md")
    assert "'rules.md' is not a page of the docs" in build(mini).stderr


def test_the_article_is_laid_out_on_the_entity_page(mini: Path) -> None:
    result = build(mini)
    assert result.returncode == 0, result.stderr
    html = (mini / "site" / "tools" / "hammer" / "index.html").read_text()
    page = BeautifulSoup(html, "html.parser")
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.find_all("h2")]
    expected = ["How it works", "When to use", "When not to", "Trade-offs", "Failure modes",
                "Typical numbers", "Where the guide differs"]
    assert headings[:len(expected)] == expected
    assert headings[-1] == "Further reading" or "Further reading" in headings
    what = page.select_one('[data-gk-article="what"]')
    assert what is not None and "{{ 7 * 7 }} stays text" in what.get_text()
    assert what.select_one('a.gk-ref[href="../mallet/"]') is not None
    sources = [a["href"] for a in page.select(".gk-article__source a")]
    assert sources == ["https://example.org/hammer-guide", "../../#rules"]
    figure = page.select_one("figure.gk-article-diagram")
    assert figure is not None and "Arm" in figure.get_text() and "swing" in figure.get_text()
    assert "flowchart LR" in figure.select_one("[data-gk-mermaid]").get_text()
    glossary = (mini / "site" / "glossary" / "index.html").read_text()
    entry = BeautifulSoup(glossary, "html.parser").find(id="g-hammer")
    assert entry is not None and entry.select_one('a[href="../tools/hammer/"]') is not None
