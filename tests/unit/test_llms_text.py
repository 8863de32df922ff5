"""llms-full.txt's text of a page (export/llms.py ``html_text``): headings, paragraphs, lists,
tables and code kept; hidden parts, controls, drawings and comments dropped; tolerant of the
unclosed and stray tags HTML allows."""

from __future__ import annotations

import pytest

from guidekit.export.llms import html_text


@pytest.mark.parametrize(("page", "text"), [
    ('<h2 id="a">Title<a class="headerlink" href="#a">¶</a></h2><p>One &amp;  two\n three</p>',
     "### Title\n\nOne & two three"),
    ("<table><tr><th>Name</th><th>Cost</th></tr><tr><td>a|b</td><td> 1 <br> 2 </td></tr></table>",
     "| Name | Cost |\n| a\\|b | 1 2 |"),
    ("<pre><code>  keep   this\n    indent  </code></pre><p>after</p>",
     "```\n  keep   this\n    indent\n```\n\nafter"),
    ("<ul><li>one<li>two</ul><p>open<p>next</span></p>", "- one\n- two\n\nopen\n\nnext"),
    ('<div hidden><p>gone</p></div><span aria-hidden="true">gone</span><button>gone</button>'
     "<p>kept<svg><path/><text>gone</text></svg></p>", "kept"),
    ("<dl><dt>Term</dt><dd>Meaning</dd></dl><!-- a <p>comment</p> --><p>x</p>",
     "Term: Meaning\n\nx"),
    ("<!DOCTYPE html><P>Upper &lt;case&gt;</P>< p>not a tag", "Upper <case>\n\nnot a tag"),
    ("<p>a</p>\n\n\n\n<p>b</p>", "a\n\nb"),
])
def test_page_text(page: str, text: str) -> None:
    assert html_text(page) == text
