"""Auto-linking skips code, headings, links and widgets; the embed fence scanner."""

from __future__ import annotations

import pytest

from guidekit.embeds import Embed, EmbedError, expand_embeds
from guidekit.links.autolink import NameIndex, autolink

INDEX = NameIndex.build({"redis": "redis", "kafka": "kafka", "aws api gateway": "aws-apigw",
                         "api gateway": "api-gateway", "oauth 2.0": "oauth2"})


def link(html: str, skip: str | None = None) -> tuple[str, list[str]]:
    out, mentions = autolink(html, INDEX, lambda e: f"/{e}/", skip_entity=skip)
    return out, [m.entity_id for m in mentions]


def test_first_mention_per_section_is_linked() -> None:
    out, ids = link("<h2 id='a'>A</h2><p>Redis and Redis.</p><h2 id=\"b\">B</h2><p>redis</p>")
    assert out.count('href="/redis/"') == 2
    assert ids == ["redis", "redis"]


def test_code_headings_links_and_widgets_are_left_alone() -> None:
    html = (
        "<h2>Redis</h2><p><code>Redis</code> <a href='x'>Redis</a></p>"
        "<pre><code>Kafka</code></pre><div class=\"gk gk-table\"><div><p>Kafka</p></div>"
        "<p>Kafka</p></div><p>Kafka then Redis</p>"
    )
    out, ids = link(html)
    assert ids == ["kafka", "redis"]
    assert out.endswith('<p><a class="gk-autolink" href="/kafka/">Kafka</a> then '
                        '<a class="gk-autolink" href="/redis/">Redis</a></p>')


def test_longest_name_wins_and_words_must_be_adjacent() -> None:
    out, ids = link("<p>Use AWS API Gateway. Not API. Gateway. OAuth 2.0 too.</p>")
    assert ids == ["aws-apigw", "oauth2"]
    assert ">AWS API Gateway</a>" in out


def test_an_entity_is_not_linked_on_its_own_page() -> None:
    _, ids = link("<p>Redis is fast.</p>", skip="redis")
    assert ids == []


def test_headings_record_the_section_of_each_mention() -> None:
    _, mentions = autolink('<h2 id="caching">Caching ¶</h2><p>Redis</p>', INDEX, lambda e: e)
    assert mentions[0].anchor == "caching" and mentions[0].heading == "Caching"


def render(embed: Embed) -> str:
    return f"<div>{embed.kind}:{embed.item_id}</div>"


def test_fence_is_replaced_by_a_raw_html_block() -> None:
    out = expand_embeds("Text\n\n```guidekit\ncalculator: capacity\n```\n\nMore", render)
    assert "\n\n<div>calculator:capacity</div>\n\n" in out and "```" not in out


def test_fences_shown_as_examples_inside_longer_fences_stay() -> None:
    source = "````markdown\n```guidekit\nchecklist: x\n```\n````\n"
    assert expand_embeds(source, render) == source


def test_indented_fence_keeps_its_indent_for_admonitions() -> None:
    out = expand_embeds("!!! tip\n    ```guidekit\n    table: t\n    ```\n", render)
    assert "    <div>table:t</div>" in out


@pytest.mark.parametrize("body", ["", "checklist", "widget: x", "checklist: a\ntable: b"])
def test_malformed_embeds_say_what_is_expected(body: str) -> None:
    with pytest.raises(EmbedError) as info:
        expand_embeds(f"para\n\n```guidekit\n{body}\n```\n", render)
    assert "line 3" in str(info.value)
