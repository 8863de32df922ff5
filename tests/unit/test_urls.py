"""guidekit's URL logic (portable: the core never imports MkDocs) against MkDocs' own.

Every link guidekit writes resolves to its target. Two differences from MkDocs are by design
and resolve to the same address: a link to the site root keeps its trailing slash (``../``
where MkDocs writes ``..``), and a link to an anchor of the same folder keeps ``./`` (``./#h``
where MkDocs writes ``#h``). From a page at the root such as ``a.html``, MkDocs writes ``#h``
for the home page's anchor, which lands on ``a.html#h``; guidekit's ``./#h`` lands on the home
page; the same holds from any file page to its own folder's index (``0/0.html`` linking
``0/#h``: MkDocs' ``#h`` stays on ``0/0.html``). Everywhere else the strings match.
"""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from guidekit.render.layout import Layout, relative_url

segment = st.text(alphabet="abcz09-_", min_size=1, max_size=6)
folders = st.lists(segment, max_size=4)
fragments = st.one_of(st.just(""), segment.map(lambda s: f"#{s}"))
BASE = "https://example.org/guide/"


@st.composite
def site_urls(draw: st.DrawFn) -> str:
    """URLs as MkDocs writes them: '' (the home page), 'a/b/' (directory URLs) or 'a/b.html'."""
    parts = draw(folders)
    if not parts:
        return ""
    return "/".join(parts) + ("/" if draw(st.booleans()) else ".html")


@settings(max_examples=500, deadline=None)
@given(target=site_urls(), fragment=fragments, page=site_urls())
def test_relative_url_matches_mkdocs(target: str, fragment: str, page: str) -> None:
    ours, theirs = relative_url(target + fragment, page), get_relative_url(target + fragment, page)
    assert urljoin(BASE + page, ours) == BASE + target + fragment
    # MkDocs' anchor-only link from a file page (a.html, 0/0.html) to its folder's index
    # stays on the file page; guidekit's './#h' reaches the index (see the docstring).
    mkdocs_stays_on_the_file = (
        bool(fragment) and theirs.startswith("#") and page.endswith(".html") and target != page
    )
    if not mkdocs_stays_on_the_file:
        assert urljoin(BASE + page, ours) == urljoin(BASE + page, theirs)
    if target and not (fragment and (target == page or mkdocs_stays_on_the_file)):
        assert ours == theirs


def test_the_differences_by_design() -> None:
    assert (relative_url("", "a/b/"), get_relative_url("", "a/b/")) == ("../../", "../..")
    assert (relative_url("a/#h", "a/"), get_relative_url("a/#h", "a/")) == ("./#h", "#h")
    assert (relative_url("#h", "a.html"), get_relative_url("#h", "a.html")) == ("./#h", "#h")
    assert (relative_url("0/#h", "0/0.html"), get_relative_url("0/#h", "0/0.html")) == (
        "./#h", "#h")


def layout(directory_urls: bool) -> Layout:
    page_urls = Layout.__new__(Layout)  # url() and index_url() read only this flag
    page_urls.use_directory_urls = directory_urls
    return page_urls


@settings(max_examples=300, deadline=None)
@given(parts=folders, name=st.one_of(segment, st.just("index"), st.just("README")),
       directory_urls=st.booleans())
def test_page_urls_match_mkdocs(parts: list[str], name: str, directory_urls: bool) -> None:
    """``index_url`` is MkDocs' URL of the page; ``url``, which links use, names an index
    page's folder even without directory URLs (``a/`` for ``a/index.html``)."""
    src = "/".join([*parts, f"{name}.md"])
    expected = File(src, "docs", "site", directory_urls).url
    expected = "" if expected == "./" else expected  # as MkDocs' Page.url has it
    assert layout(directory_urls).index_url(src) == expected
    if directory_urls or name not in {"index", "README"}:
        assert layout(directory_urls).url(src) == expected
    else:
        assert layout(directory_urls).url(src) + "index.html" == expected
