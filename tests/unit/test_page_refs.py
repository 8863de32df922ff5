"""[[prefix:id]] in a page's HTML: linked in prose, left alone in code, unknown ones reported."""

from __future__ import annotations

from guidekit.links.refs import Target, link_page_refs

TARGETS = {"sdg:kafka": Target("https://example.org/sdg/technologies/kafka/", "Kafka <log>")}


def test_refs_in_prose_are_linked_and_code_is_left_alone() -> None:
    html = ("<p>Use [[sdg:kafka]] or [[sdg:kafka|a log]].</p>"
            "<p><code>[[sdg:kafka]]</code></p><pre><code>[[sdg:kafka]]\n</code></pre>"
            '<p><a href="x">[[sdg:kafka]]</a></p>')
    linked, unknown = link_page_refs(html, TARGETS.get)
    assert unknown == []
    assert linked.count('href="https://example.org/sdg/technologies/kafka/"') == 2
    assert ">Kafka &lt;log&gt;</a>" in linked  # the name is escaped
    assert ">a log</a>" in linked
    assert linked.count("[[sdg:kafka]]") == 3  # code, pre and the existing link


def test_unknown_refs_are_reported_in_order() -> None:
    linked, unknown = link_page_refs("<p>[[sdg:kafak]] and [[x:y]]</p>", TARGETS.get)
    assert unknown == ["sdg:kafak", "x:y"]
    assert "[[sdg:kafak]]" in linked
