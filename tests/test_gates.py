"""Tests FOR the quality gates: each gate must catch a planted defect and pass a clean page.

Sites here are tiny: hand-written HTML in ``tmp_path``, or a real mkdocs-material build of a
two-page project. Browser tests drive the real headless Chromium through ``serve_dir``.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.gates import (
    IGNORED_ERRORS,
    MATERIAL_CHROME,
    BuildError,
    PageMonitor,
    axe_scan,
    axe_violations,
    build_site,
    check_axe,
    check_html,
    check_html_document,
    check_links,
    check_offline_requests,
    html_pages,
    is_local_url,
    page_url,
    site_base_path,
    summarize_violations,
    take_screenshots,
)

# ----------------------------------------------------------------------------- helpers


def doc(body: str, head: str = "", title: str = "Test page") -> str:
    """A complete, valid, accessible HTML document around ``body``."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width">\n<title>{title}</title>\n'
        f"{head}\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


# A hand-written site that exercises every kind of link the link gate must accept.
CLEAN_INDEX_BODY = """
<p id="intro">Links:
<a href="other/">dir URL</a>
<a href="other/#section-b">fragment</a>
<a href="other/index.html#section-b">file + fragment</a>
<a href="/other/">root-relative</a>
<a href="other">dir without slash</a>
<a href="other/?tab=2#section-b">query string</a>
<a href="a%20b/">percent-encoded dir</a>
<a href="caf%C3%A9/#s%C3%A9lection">percent-encoded path and fragment</a>
<a href="#intro">local fragment</a>
<a href="#legacy">legacy name anchor</a>
<a href="#top">top</a>
<a href="#">hash only</a>
<a href="https://example.com/">external link (not followed)</a>
<a href="mailto:someone@example.com">mail</a>
<a href="data.csv">file download</a>
<a name="legacy">named anchor</a>
</p>
<img src="img/pic.png" alt="A grey square" srcset="img/pic.png 1x, img/pic.png 2x">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
<form><label for="q">Search</label> <input id="q" type="text"></form>
"""
CLEAN_HEAD = (
    '<link rel="stylesheet" href="assets/site.css">\n'
    '<link rel="icon" href="img/pic.png">\n'
    '<link rel="canonical" href="https://guide.example.com/">\n'
    '<script src="assets/site.js"></script>'
)


def clean_site(root: Path) -> Path:
    return write_site(
        root,
        {
            "index.html": doc(CLEAN_INDEX_BODY, CLEAN_HEAD, "Home"),
            "other/index.html": doc(
                '<h2 id="section-b">B</h2><p><a href="../">up</a> <a href="../#intro">home</a></p>'
                '<p><a href="../a%20b/">spaced</a></p>',
                '<link rel="stylesheet" href="../assets/site.css">',
                "Other",
            ),
            "a b/index.html": doc('<p><a href="../caf%C3%A9/">café</a></p>', title="Spaced"),
            "café/index.html": doc('<h2 id="sélection">Sélection</h2>', title="Café"),
            "assets/site.css": "body { font-family: sans-serif; }\n",
            "assets/site.js": "document.documentElement.dataset.js = 'ok';\n",
            "img/pic.png": png_bytes(),
            "data.csv": "a,b\n1,2\n",
        },
    )


# ----------------------------------------------------------------------------- check_links


def test_links_clean_site_passes(tmp_path: Path) -> None:
    site = clean_site(tmp_path)
    assert check_links(site) == []


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<a href="missing/">x</a>', "no such directory: /missing/"),
        ('<a href="nope.html">x</a>', "no such file: /nope.html"),
        ('<a href="/other/gone.html#x">x</a>', "no such file: /other/gone.html"),
        ('<a href="empty/">x</a>', "directory has no index.html"),
        ('<a href="other/#nope">x</a>', "no id or name 'nope' in /other/index.html"),
        ('<a href="#absent">x</a>', "no id or name 'absent' in /index.html"),
        ('<a href="a%20c/">x</a>', "no such directory: /a c/"),
        ('<img src="img/missing.png" alt="x">', "no such file: /img/missing.png"),
        ('<script src="js/app.js"></script>', "no such file: /js/app.js"),
        ('<link rel="stylesheet" href="css/x.css">', "no such file: /css/x.css"),
        ('<link rel="next" href="nowhere/">', "no such directory: /nowhere/"),
        (
            '<script src="https://cdn.example.invalid/lib.js"></script>',
            "off-site resource",
        ),
        ('<script src="//cdn.example.invalid/lib.js"></script>', "off-site resource"),
        (
            '<link rel="stylesheet" href="https://fonts.example.invalid/css">',
            "off-site resource",
        ),
        ('<link rel="preconnect" href="https://fonts.example.invalid">', "off-site resource"),
        ('<img src="http://img.example.invalid/a.png" alt="a">', "off-site resource"),
        ('<img src="img/pic.png" srcset="https://x.example.invalid/a.png 2x" alt="a">', "off-site"),
        ('<iframe src="https://video.example.invalid/embed" title="v"></iframe>', "off-site"),
    ],
)
def test_links_planted_defect_is_reported(tmp_path: Path, snippet: str, expected: str) -> None:
    site = clean_site(tmp_path)
    (site / "empty").mkdir()
    (site / "index.html").write_text(doc(CLEAN_INDEX_BODY + snippet, CLEAN_HEAD, "Home"))
    problems = check_links(site)
    assert len(problems) == 1, problems
    assert problems[0].startswith("index.html: ")
    assert expected in problems[0], problems


def test_links_reports_each_page_and_dedupes(tmp_path: Path) -> None:
    site = clean_site(tmp_path)
    bad = '<a href="missing/">x</a><a href="missing/">again</a>'
    (site / "other" / "index.html").write_text(doc(bad, title="Other"))
    (site / "a b" / "index.html").write_text(doc(bad, title="Spaced"))
    problems = check_links(site)
    # "other/" lost its #section-b id, so the home page's fragments to it break too.
    assert sorted(p.split(":")[0] for p in problems if "missing" in p) == [
        "a b/index.html",
        "other/index.html",
    ]
    assert any("section-b" in p for p in problems)


def test_links_external_anchors_are_not_reported(tmp_path: Path) -> None:
    body = (
        '<a href="https://example.com/x">a</a><a href="http://example.com">b</a>'
        '<a href="mailto:a@b.c">c</a><a href="tel:+1">d</a>'
        '<link rel="alternate" href="https://example.com/feed.xml">'
    )
    write_site(tmp_path, {"index.html": doc(body)})
    assert check_links(tmp_path) == []


def test_links_with_base_path(tmp_path: Path) -> None:
    """A site deployed under /guide/ (site_url path): MkDocs' 404.html uses root-absolute
    URLs under that path; those resolve, root-absolute URLs outside it do not."""
    clean_site(tmp_path)
    (tmp_path / "404.html").write_text(
        doc(
            '<a href="/guide/">home</a> <a href="/guide/other/#section-b">b</a>'
            '<img src="/guide/img/pic.png" alt="x">',
            '<link rel="stylesheet" href="/guide/assets/site.css">',
        )
    )
    for base in ("/guide/", "guide", "/guide"):
        # index.html's own "/other/" link now points outside the site.
        assert check_links(tmp_path, base) == [
            'index.html: <a href="/other/"> -> outside the site\'s base path /guide/'
        ]
    problems = check_links(tmp_path)  # deployed at the root, 404.html's links break
    assert sorted(p.split(" -> ")[1] for p in problems if p.startswith("404.html")) == [
        "no such directory: /guide/",
        "no such directory: /guide/other/",
        "no such file: /guide/assets/site.css",
        "no such file: /guide/img/pic.png",
    ]


def test_site_base_path(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    for text, expected in [
        (
            "site_name: x\nsite_url: https://example.org/system-design-guide/\n",
            "/system-design-guide/",
        ),
        ("site_url: 'https://example.org/a/b'  # comment\n", "/a/b/"),
        ("site_url: https://example.org\n", "/"),
        ("site_name: x\n", "/"),
    ]:
        config.write_text(text)
        assert site_base_path(config) == expected, text


def test_links_is_fast_on_200_pages(tmp_path: Path) -> None:
    """Parsing each page once: 200 pages x 200 links each in a few seconds at most."""
    nav = "".join(f'<li><a href="../p{i}/#h">p{i}</a></li>' for i in range(200))
    files: dict[str, str | bytes] = {"index.html": doc('<a href="p0/">start</a>')}
    for i in range(200):
        files[f"p{i}/index.html"] = doc(f'<h2 id="h">H</h2><ul>{nav}</ul>', title=f"p{i}")
    write_site(tmp_path, files)
    import time

    start = time.perf_counter()
    assert check_links(tmp_path) == []
    assert time.perf_counter() - start < 30


# ----------------------------------------------------------------------------- check_html


def test_html_clean_document_passes() -> None:
    assert check_html_document(doc(CLEAN_INDEX_BODY, CLEAN_HEAD)) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<section><div>unclosed div</section>", "end-tag-too-early"),
        ("<div>unclosed at end of main", "End tag (main) seen too early"),
        ("<div><span>mismatched</div></span>", "end-tag-too-early"),
        ("<p><em><strong>misnested</em></strong></p>", "adoption-agency"),
        ("<p>stray end tag</p></section>", "end-tag-too-early"),
        ("<p>stray</p></span>", "unexpected-end-tag"),
        ('<p class="a" class="b">dup attribute</p>', "duplicate-attribute"),
        ('<p id="same">a</p><p id="same">b</p>', "duplicate id 'same'"),
        ('<p id="">empty</p>', "empty id"),
        ("<p>unknown entity &bogus; here</p>", "unknown-named-character-reference"),
        ("<p>no semicolon &copy here</p>", "named-entity-without-semicolon"),
        ("<table><tr><td>unclosed table</td></tr>", "eof-in-table"),
    ],
)
def test_html_planted_defect_is_reported(body: str, expected: str) -> None:
    problems = check_html_document(doc(body), "page.html")
    assert problems, f"no problem reported for {body!r}"
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("page.html") for p in problems)


def test_html_missing_doctype_is_reported() -> None:
    problems = check_html_document(doc("<p>x</p>").replace("<!DOCTYPE html>", ""))
    assert any("expected-doctype-but-got-start-tag" in p for p in problems), problems


def test_html_benign_ampersands_are_ignored() -> None:
    """What IGNORED_ERRORS documents: bare '&name' without ';' (Material's font URL)."""
    head = '<link rel="stylesheet" href="fonts/css?family=Roboto:300,400&display=fallback">'
    body = '<p><a href="?a=1&b=2">query</a> Tom &amp; Jerry, R&D, AT&T</p>'
    assert check_html_document(doc(body, head)) == []
    assert "expected-named-entity" in IGNORED_ERRORS


@pytest.mark.parametrize("jobs", [1, 2])
def test_html_site_reports_the_bad_page_only(tmp_path: Path, jobs: int) -> None:
    """Also exercises the multi-process path (>= 24 pages, jobs=2)."""
    files: dict[str, str | bytes] = {f"p{i}/index.html": doc(f"<p>{i}</p>") for i in range(30)}
    files["p17/index.html"] = doc("<div><span>bad</div></span>")
    write_site(tmp_path, files)
    problems = check_html(tmp_path, jobs=jobs)
    assert problems, "planted defect not found"
    assert {p.split(":")[0] for p in problems} == {"p17/index.html"}, problems


# ----------------------------------------------------------------------------- browser gates

AXE_CLEAN_BODY = """
<p>Plain text with a <a href="other.html">link that has text</a>.</p>
<img src="pic.png" alt="A grey square">
<form><label for="name">Name</label> <input id="name" type="text">
<button type="submit">Send</button></form>
"""


@pytest.mark.browser
def test_axe_clean_page_passes(page, serve_dir, tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "index.html": doc(AXE_CLEAN_BODY),
            "pic.png": png_bytes(),
            "other.html": doc("<p>o</p>", title="Other"),
        },
    )
    page.goto(serve_dir(tmp_path))
    assert check_axe(page) == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ('<img src="pic.png">', "image-alt"),
        ('<form><input type="text" name="q"></form>', "label"),
        ('<p style="color:#bbb;background:#fff">Barely visible text</p>', "color-contrast"),
        ('<button type="button"></button>', "button-name"),
    ],
)
def test_axe_planted_violation_is_reported(
    page, serve_dir, tmp_path: Path, body: str, rule: str
) -> None:
    write_site(tmp_path, {"index.html": doc(body), "pic.png": png_bytes()})
    page.goto(serve_dir(tmp_path))
    problems = check_axe(page)
    assert any(f"] {rule}:" in p for p in problems), problems
    assert all(p.startswith("http://127.0.0.1:") for p in problems)


@pytest.mark.browser
def test_axe_reinjects_after_navigation(page, serve_dir, tmp_path: Path) -> None:
    """Reusing one page across URLs (as the whole-site test does) checks each document."""
    write_site(
        tmp_path,
        {
            "a.html": doc('<img src="pic.png">'),
            "b.html": doc("<p>fine</p>"),
            "pic.png": png_bytes(),
        },
    )
    base = serve_dir(tmp_path)
    page.goto(base + "a.html")
    assert check_axe(page)
    page.goto(base + "b.html")
    assert check_axe(page) == []
    page.goto(base + "a.html")
    assert any("image-alt" in p for p in check_axe(page))


@pytest.mark.browser
def test_axe_exclude_skips_regions_but_not_page_rules(page, serve_dir, tmp_path: Path) -> None:
    body = '<nav class="md-sidebar md-sidebar--primary"><img src="pic.png"></nav>'
    untitled = doc(body).replace("<title>Test page</title>", "")
    write_site(
        tmp_path, {"index.html": doc(body), "untitled.html": untitled, "pic.png": png_bytes()}
    )
    base = serve_dir(tmp_path)
    page.goto(base)
    assert any("image-alt" in p for p in check_axe(page))
    assert check_axe(page, exclude=MATERIAL_CHROME) == []
    page.goto(base + "untitled.html")
    rules = {v["id"] for v in axe_violations(page, exclude=MATERIAL_CHROME)}
    assert rules == {"document-title"}, rules


@pytest.mark.browser
def test_axe_scan_pipelined_matches_page_by_page(context, page, serve_dir, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"pic.png": png_bytes()}
    for i in range(7):
        body = '<img src="pic.png">' if i % 3 == 0 else "<p>fine</p>"
        if i == 4:
            body += '<nav class="md-sidebar--primary"><button type="button"></button></nav>'
        files[f"p{i}.html"] = doc(body, title=f"Page {i}")
    write_site(tmp_path, files)
    base = serve_dir(tmp_path)
    urls = [f"{base}p{i}.html" for i in range(7)]
    found = axe_scan(
        [page, context.new_page()],
        urls,
        exclude_for=lambda url: MATERIAL_CHROME if url.endswith("p4.html") else (),
    )
    assert sorted((url.rsplit("/", 1)[1], v["id"]) for url, v in found) == [
        ("p0.html", "image-alt"),
        ("p3.html", "image-alt"),
        ("p6.html", "image-alt"),
    ]
    assert axe_scan([page], urls[4:5]) != []  # the button in the "chrome" without exclude


def test_summarize_violations_groups_by_rule() -> None:
    alt = {
        "id": "image-alt",
        "impact": "critical",
        "help": "Images need alt",
        "helpUrl": "u",
        "nodes": [{"target": ["img"]}],
    }
    label = {
        "id": "label",
        "impact": "critical",
        "help": "Label inputs",
        "helpUrl": "v",
        "nodes": [{"target": ["#q"]}],
    }
    found = [(f"http://h/p{i}/", alt) for i in range(6)] + [("http://h/p1/", label)]
    lines = summarize_violations(found)
    assert len(lines) == 2
    assert lines[0].startswith("[critical] image-alt on 6 page(s): Images need alt (u)")
    assert "pages: http://h/p0/, http://h/p1/, http://h/p2/, http://h/p3/ (+2 more)" in lines[0]
    assert lines[1].startswith("[critical] label on 1 page(s)") and "#q" in lines[1]


def test_is_local_url() -> None:
    assert is_local_url("http://127.0.0.1:8000/x")
    assert is_local_url("http://127.5.0.1/x")
    assert is_local_url("http://localhost:1/")
    assert is_local_url("http://[::1]:8000/")
    assert is_local_url("data:image/png;base64,xx")
    assert is_local_url("blob:http://127.0.0.1/uuid")
    assert not is_local_url("https://cdn.jsdelivr.net/npm/x")
    assert not is_local_url("http://10.0.0.1/")
    assert not is_local_url("wss://example.com/socket")


@pytest.mark.browser
@pytest.mark.allow_offsite_requests
@pytest.mark.allow_console_errors
def test_offline_monitor_records_offsite_requests(
    page, serve_dir, tmp_path: Path, offsite_requests: list[str], page_monitor: PageMonitor
) -> None:
    body = (
        '<img src="http://img.example.invalid/a.png" alt="a">'
        '<script src="https://cdn.example.invalid/lib.js"></script>'
        "<script>fetch('https://api.example.invalid/data').catch(() => {});</script>"
    )
    write_site(tmp_path, {"index.html": doc(body)})
    page.goto(serve_dir(tmp_path))
    page.wait_for_load_state("networkidle")
    hosts = sorted(r.split("/")[2] for r in offsite_requests)
    assert hosts == ["api.example.invalid", "cdn.example.invalid", "img.example.invalid"]
    problems = check_offline_requests(page_monitor)
    assert len(problems) == 3 and all(p.startswith("off-site request: GET ") for p in problems)


@pytest.mark.browser
def test_offline_monitor_clean_page(page, serve_dir, tmp_path: Path, offsite_requests) -> None:
    clean_site(tmp_path)
    page.goto(serve_dir(tmp_path))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.documentElement.dataset.js") == "ok"
    assert offsite_requests == []


@pytest.mark.browser
@pytest.mark.allow_console_errors
def test_console_errors_are_collected(
    page, serve_dir, tmp_path: Path, console_errors: list[str]
) -> None:
    body = "<script>console.error('boom'); throw new Error('kaboom');</script>"
    write_site(tmp_path, {"index.html": doc(body)})
    page.goto(serve_dir(tmp_path))
    assert any("console.error: boom" in e for e in console_errors), console_errors
    assert any("uncaught error" in e and "kaboom" in e for e in console_errors), console_errors


INNER_TESTS = """
import pytest

def test_offsite_request_fails_the_test(page, serve_dir, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title>'
        '<img src="https://img.example.invalid/a.png" alt="a">'
    )
    page.goto(serve_dir(tmp_path))
    page.wait_for_load_state("networkidle")

def test_console_error_fails_the_test(page, serve_dir, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><script>throw new Error("kaboom")</script>'
    )
    page.goto(serve_dir(tmp_path))

def test_clean_page_passes(page, serve_dir, tmp_path):
    (tmp_path / "index.html").write_text('<!DOCTYPE html><html lang="en"><title>x</title><p>ok')
    page.goto(serve_dir(tmp_path))
"""


@pytest.mark.browser
def test_monitor_fails_unmarked_tests(tmp_path: Path, repo_root: Path) -> None:
    """Run an inner pytest with our conftest: unmarked tests that go off-site or log errors
    must fail at teardown, a clean one must pass."""
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n")
    (inner / "test_inner.py").write_text(INNER_TESTS)
    env = dict(os.environ, PYTHONPATH=str(repo_root))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(inner),
            str(inner),
        ],
        cwd=inner,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "3 passed, 2 errors" in out, out
    assert "off-site request: GET https://img.example.invalid/a.png" in out, out
    assert "kaboom" in out, out


# ----------------------------------------------------------------------------- real Material

MATERIAL_CONFIG = """\
site_name: Gate fixture
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
  features:
    - navigation.instant
    - navigation.sections
    - content.code.copy
    - content.tabs.link
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - def_list
  - footnotes
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.details
  - pymdownx.tabbed:
      alternate_style: true
plugins:
  - search
"""

MATERIAL_INDEX = """\
# Home

Read [the other page](other.md) and its [section B](other.md#section-b).

!!! note "An admonition"
    With text.

| Tier | Cost |
|------|------|
| S    | 1    |

```python
print("hello")
```

=== "First"
    one

=== "Second"
    two

??? info "Details"
    hidden

Term
:   Definition[^1]

[^1]: A footnote.

![A grey square](pic.png)
"""

MATERIAL_OTHER = """\
# Other

## Section A

Text.

## Section B

Back [home](index.md).
"""


# Stock mkdocs-material 9.8 fails axe (serious) on every page; a real site needs these fixes:
# * aria-dialog-name: the search <div role="dialog"> has no accessible name -> override
#   partials/search.html (theme.custom_dir) adding aria-label;
# * color-contrast: footer ".md-copyright" text is too faint -> use the lighter footer colour;
# * link-in-text-block: links in running text differ from text by colour only -> underline.
MATERIAL_A11Y_CSS = """\
.md-copyright { color: var(--md-footer-fg-color--light); }
.md-typeset a { text-decoration: underline; }
"""


def material_search_partial() -> str:
    import material

    source = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    text = source.read_text(encoding="utf-8")
    assert 'role="dialog"' in text, "Material's search partial changed: update the a11y fix"
    return text.replace('role="dialog"', 'role="dialog" aria-label="Search"', 1)


def material_project(root: Path, config: str = MATERIAL_CONFIG, a11y_fixes: bool = True) -> Path:
    files: dict[str, str | bytes] = {
        "mkdocs.yml": config,
        "docs/index.md": MATERIAL_INDEX,
        "docs/other.md": MATERIAL_OTHER,
        "docs/pic.png": png_bytes(),
    }
    if a11y_fixes:
        files["mkdocs.yml"] = (
            config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
            + "extra_css:\n  - css/a11y.css\n"
        )
        files["overrides/partials/search.html"] = material_search_partial()
        files["docs/css/a11y.css"] = MATERIAL_A11Y_CSS
    write_site(root, files)
    return root


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = material_project(tmp_path_factory.mktemp("material"))
    result = build_site(project, project / "site")
    assert result.ok and (result.site_dir / "index.html").is_file()
    return result.site_dir


def test_material_site_passes_static_gates(material_site: Path) -> None:
    assert [p.relative_to(material_site).as_posix() for p in html_pages(material_site)] == [
        "404.html",
        "index.html",
        "other/index.html",
    ]
    assert check_links(material_site) == []
    assert check_html(material_site) == []


def test_material_default_fonts_are_reported_as_offsite(tmp_path: Path, build_site) -> None:
    """Material without ``font: false`` loads Google Fonts: the link gate must say so, while
    the html gate ignores the benign '&display=' html5lib warning it causes."""
    config = MATERIAL_CONFIG.replace("  font: false\n", "")
    result = build_site(material_project(tmp_path / "proj", config))
    problems = check_links(result.site_dir)
    assert any("fonts.googleapis.com" in p and "off-site resource" in p for p in problems)
    assert check_html(result.site_dir) == []


@pytest.mark.browser
def test_material_site_passes_browser_gates(
    material_site: Path, page, serve_dir, offsite_requests
) -> None:
    base = serve_dir(material_site)
    problems: list[str] = []
    for html in html_pages(material_site):
        page.goto(page_url(base, material_site, html))
        problems += check_axe(page)
    page.wait_for_load_state("networkidle")
    assert problems == []
    assert offsite_requests == []


@pytest.mark.browser
def test_axe_flags_stock_material(page, serve_dir, tmp_path: Path, build_site) -> None:
    """Without the fixes above, axe reports Material's own serious violations."""
    site = build_site(material_project(tmp_path / "proj", a11y_fixes=False)).site_dir
    base = serve_dir(site)
    page.goto(base + "other/")
    rules = {p.split("] ")[1].split(":")[0] for p in check_axe(page)}
    assert {"aria-dialog-name", "color-contrast", "link-in-text-block"} <= rules, rules


@pytest.mark.browser
def test_take_screenshots(material_site: Path, browser, serve_dir, tmp_path: Path) -> None:
    monitor = PageMonitor()
    shots = take_screenshots(
        browser, serve_dir(material_site), ["", "other/"], tmp_path / "shots", monitor=monitor
    )
    assert len(shots) == 8
    names = sorted(s.path.name for s in shots)
    assert names[0] == "home-desktop-dark.png" and "other-mobile-light.png" in names
    for shot in shots:
        width, height = png_size(shot.path)
        assert width == (1280 if shot.viewport == "desktop" else 390), shot
        assert height >= (800 if shot.viewport == "desktop" else 844), shot
        # The palette follows prefers-color-scheme: slate in dark mode.
        assert shot.md_color_scheme == ("slate" if shot.scheme == "dark" else "default"), shot
    assert monitor.offsite_requests == [] and monitor.console_errors == []


# ----------------------------------------------------------------------------- building


def test_build_site_returns_output(material_site: Path, tmp_path: Path, build_site) -> None:
    result = build_site(material_project(tmp_path / "proj"))
    assert result.returncode == 0
    assert result.site_dir.parent == tmp_path and (result.site_dir / "index.html").is_file()
    assert "Documentation built" in result.output


def test_build_failure_carries_output(tmp_path: Path, build_site, build_site_fails) -> None:
    project = material_project(tmp_path / "proj")
    (project / "docs" / "other.md").write_text("# Other\n\n[broken](missing.md)\n")
    result = build_site_fails(project)
    assert result.returncode != 0
    assert "missing.md" in result.output
    assert any("missing.md" in w for w in result.warnings)
    with pytest.raises(BuildError, match=r"missing\.md"):
        build_site(project)
    # Without --strict the same project builds.
    assert build_site(project, strict=False).ok


def test_build_site_expect_failure_raises_on_success(tmp_path: Path, build_site_fails) -> None:
    with pytest.raises(BuildError, match="expected to fail"):
        build_site_fails(material_project(tmp_path / "proj"))


def test_build_reports_missing_config(tmp_path: Path, build_site) -> None:
    with pytest.raises(BuildError, match=r"mkdocs\.yml"):
        build_site(tmp_path)


def test_serve_dir_serves_and_redirects(serve_dir, tmp_path: Path) -> None:
    import urllib.request

    clean_site(tmp_path)
    base = serve_dir(tmp_path)
    assert base.startswith("http://127.0.0.1:") and base.endswith("/")
    with urllib.request.urlopen(base + "other/", timeout=10) as resp:
        assert b'id="section-b"' in resp.read()
    with urllib.request.urlopen(base + "other", timeout=10) as resp:  # follows the 301
        assert resp.url.endswith("/other/")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(base + "nope/", timeout=10)
    assert err.value.code == 404


def test_serve_dir_under_base_path(serve_dir, tmp_path: Path) -> None:
    import urllib.request

    clean_site(tmp_path)
    base = serve_dir(tmp_path, "/guide/")
    assert base.endswith("/guide/")
    root = base[: -len("guide/")]
    with urllib.request.urlopen(base + "other/", timeout=10) as resp:
        assert b'id="section-b"' in resp.read()
    with urllib.request.urlopen(root + "guide", timeout=10) as resp:  # 301 -> /guide/
        assert resp.url.endswith("/guide/")
    for outside in ("other/", "guideother/", "index.html"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(root + outside, timeout=10)
        assert err.value.code == 404, outside
