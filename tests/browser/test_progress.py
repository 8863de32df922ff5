"""Reading progress in a real browser (tests/fixtures/mini-progress, Material with instant
navigation, and the same pages with MkDocs' built-in theme): pages and sections marked done,
the home page's progress and the navigation's marks after reloads and instant navigation,
export / clear / import of everything the site saved, bad files refused, broken storage."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import FIXTURES, open_widgets
from tests.gates import build_site
from tests.gates.serve import StaticServer

pytestmark = pytest.mark.browser

PROJECT = FIXTURES / "mini-progress"
NS = "Progress fixture"
READING = f"gk:{NS}:progress:reading"
CHECKLIST = f"gk:{NS}:checklist:before"
MAP = "#progress-nav"


@pytest.fixture(scope="module")
def progress_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Material fixture, built with its site_url equal to the served URL (so Material's
    instant navigation really intercepts the clicks)."""
    site = tmp_path_factory.mktemp("mini-progress") / "site"
    site.mkdir()
    server = StaticServer(site)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("GUIDEKIT_SITE_URL", server.base_url)
            build_site(PROJECT, site, True)
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def builtin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("mini-progress-builtin") / "site"
    build_site(PROJECT / "mkdocs-builtin.yml", site, True)
    server = StaticServer(site)
    try:
        yield server.base_url
    finally:
        server.stop()


def nav_done(page: Any) -> list[str]:
    """Text of the primary navigation's links marked done (Material and built-in theme), once
    the page's reading marker says the navigation shows what is saved (the ticks' script comes
    after the page's own when something is saved)."""
    page.wait_for_selector('[data-gk="reading"][data-gk-nav-ready]', state="attached")
    return page.eval_on_selector_all(
        ".md-nav--primary a.gk-nav-done, .navbar-nav a.gk-nav-done",
        "as => [...new Set(as.map(a => a.textContent.replace(/\\(done\\)/, '').trim()))]",
    )


def home_progress(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => ({
          total: document.querySelector('#progress-nav [data-gk-progress-text]').textContent,
          bar: document.querySelector('#progress-nav [data-gk-progress]').value,
          groups: [...document.querySelectorAll('#progress-nav [data-gk-group-count]')]
            .map(e => e.textContent),
          pages: Object.fromEntries([...document.querySelectorAll('#progress-nav [data-gk-page]')]
            .map(li => [li.dataset.gkPage, li.querySelector('[data-gk-page-state]').textContent])),
        })"""
    )


def mark_document(page: Any) -> None:
    page.evaluate("window.__gkSameDocument = true")


def same_document(page: Any) -> bool:
    return bool(page.evaluate("window.__gkSameDocument === true"))


def wait_reading(page: Any, key: str) -> None:
    page.wait_for_selector(f'[data-gk="reading"][data-gk-page="{key}"][data-gk-nav-ready]',
                           state="attached")


def saved(page: Any) -> dict[str, Any]:
    return page.evaluate(
        f"""() => Object.fromEntries(Object.keys(localStorage)
          .filter(k => k.startsWith('gk:{NS}:')).map(k => [k, JSON.parse(localStorage[k])]))"""
    )


def test_two_pages_marked_done_show_on_home_and_in_the_nav(page: Any, progress_url: str) -> None:
    open_widgets(page, progress_url + "guide/one/")
    assert nav_done(page) == []
    assert page.locator("#gk-read-page").count() == 1
    page.get_by_label("I have read this page").check()
    assert nav_done(page) == ["Page one"]
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{READING}'))") == {
        "pages": {"guide/one/": 1}, "sections": {}}

    # Instant navigation to page two: the new page's nav is marked, and page two can be ticked.
    mark_document(page)
    page.locator(".md-nav--primary").get_by_role("link", name="Page two").click()
    page.wait_for_url("**/guide/two/")
    wait_reading(page, "guide/two/")
    assert same_document(page), "the click was a full page load, not instant navigation"
    assert nav_done(page) == ["Page one"]
    page.get_by_label("I have read this page").check()
    assert nav_done(page) == ["Page one", "Page two"]

    page.locator(".md-nav--primary").get_by_role("link", name="Home").click()
    page.wait_for_selector(f"{MAP}[data-gk-ready]")
    assert same_document(page)
    expected = {"total": "2 of 3 pages done", "bar": 2, "groups": ["2/2"],
                "pages": {"guide/one/": "done", "guide/two/": "done", "three/": ""}}
    assert home_progress(page) == expected
    assert nav_done(page) == ["Page one", "Page two"]

    page.reload()
    open_widgets(page, page.url)
    assert home_progress(page) == expected
    assert nav_done(page) == ["Page one", "Page two"]
    # The excluded page has no control; marks are by page, not by position.
    page.goto(progress_url + "extra/")
    wait_reading(page, "extra/")
    assert page.locator("#gk-read-page").count() == 0
    assert nav_done(page) == ["Page one", "Page two"]


def test_the_ticks_script_comes_only_once_something_is_saved(page: Any, progress_url: str) -> None:
    """A first visit to a page that does not count fetches no reading script: there is nothing
    to tick. Once the reader has marked a page read, every page fetches it and ticks."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(progress_url + "extra/")
    wait_reading(page, "extra/")
    assert nav_done(page) == []
    assert not [url for url in fetched if url.endswith("/guidekit-reading.js")]
    page.evaluate(f"""localStorage.setItem('{READING}',
                      JSON.stringify({{pages: {{'three/': 1}}, sections: {{}}}}))""")
    page.reload()
    wait_reading(page, "extra/")
    assert [url for url in fetched if url.endswith("/guidekit-reading.js")]
    assert nav_done(page) == ["Three"]
    assert page.locator("#gk-read-page").count() == 0  # still no checkbox on this page


def test_sections_marked_done_show_on_home_and_in_the_toc(page: Any, progress_url: str) -> None:
    open_widgets(page, progress_url + "guide/one/")
    boxes = page.locator("[data-gk-read-section]")
    assert boxes.count() == 2
    page.get_by_label("Done with “Second steps”").check()
    status = page.locator(".gk-reading__status")
    assert status.text_content() == "1 of 2 sections done"
    toc = page.eval_on_selector_all(".md-nav--secondary a.gk-nav-done",
                                    "as => [...new Set(as.map(a => new URL(a.href).hash))]")
    assert toc == ["#second-steps"]
    page.reload()
    open_widgets(page, page.url)
    assert page.get_by_label("Done with “Second steps”").is_checked()
    assert status.text_content() == "1 of 2 sections done"
    page.goto(progress_url)
    open_widgets(page, progress_url)
    assert home_progress(page)["pages"]["guide/one/"] == "1/2 sections"
    assert home_progress(page)["total"] == "0 of 3 pages done"


def test_the_builtin_theme_marks_its_navbar(page: Any, builtin_url: str) -> None:
    open_widgets(page, builtin_url + "three/")
    page.get_by_label("I have read this page").check()
    assert nav_done(page) == ["Three"]
    page.goto(builtin_url)
    open_widgets(page, builtin_url)
    assert nav_done(page) == ["Three"]
    assert home_progress(page)["total"] == "1 of 3 pages done"


def export_file(page: Any, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.click(f"{MAP} [data-gk-action=export]")
    download = info.value
    assert download.suggested_filename == "progress-fixture-progress.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_export_clear_import_restores_everything(
    page: Any, progress_url: str, tmp_path: Path
) -> None:
    open_widgets(page, progress_url + "guide/one/")
    page.get_by_label("I have read this page").check()
    page.get_by_label("Done with “First steps”").check()
    page.check("#gk-before-gloves")  # a checklist's tick is progress too
    page.goto(progress_url + "three/")
    wait_reading(page, "three/")
    page.get_by_label("I have read this page").check()
    before = saved(page)
    assert set(before) == {READING, CHECKLIST}

    open_widgets(page, progress_url)
    path = export_file(page, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "guidekit-progress" and data["version"] == 1
    assert data["site"] == NS
    assert data["items"] == {k[len(f"gk:{NS}:"):]: v for k, v in before.items()}
    assert "Exported 2 saved items" in page.text_content(f"{MAP} [data-gk-message]")

    page.click(f"{MAP} [data-gk-action=clear]")
    assert saved(page) == before  # only asked so far
    page.get_by_role("button", name="Confirm clear").click()
    assert saved(page) == {}
    assert home_progress(page)["total"] == "0 of 3 pages done"
    assert nav_done(page) == []

    page.set_input_files(f"{MAP} input[type=file]", str(path))
    page.wait_for_function("document.querySelector('#progress-nav [data-gk-message]')"
                           ".textContent.startsWith('Imported')")
    assert saved(page) == before
    assert home_progress(page)["total"] == "2 of 3 pages done"
    assert nav_done(page) == ["Page one", "Three"]
    page.goto(progress_url + "guide/one/")
    open_widgets(page, page.url)
    assert page.is_checked("#gk-before-gloves")
    assert page.get_by_label("Done with “First steps”").is_checked()


BAD_FILES = {
    "not JSON": ("{oops", "is not a progress file (it is not JSON)"),
    "another format": (json.dumps({"format": "x", "version": 1, "site": NS, "items": {}}),
                       "is not a progress file of this site"),
    "a newer version": (json.dumps({"format": "guidekit-progress", "version": 2, "site": NS,
                                    "items": {}}), "of version 2; this site reads version 1"),
    "another site": (json.dumps({"format": "guidekit-progress", "version": 1, "site": "Other",
                                 "items": {}}), "holds the progress of another site (Other)"),
    "a bad entry": (json.dumps({"format": "guidekit-progress", "version": 1, "site": NS,
                                "items": {"progress:reading": [1, 2]}}),
                    "has an invalid entry (progress:reading)"),
}


@pytest.mark.parametrize(("content", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_changes_nothing_and_says_why(
    page: Any, progress_url: str, tmp_path: Path, content: str, message: str
) -> None:
    page.add_init_script(
        f"if (!localStorage.getItem('{READING}')) localStorage.setItem('{READING}', "
        "JSON.stringify({pages: {'three/': 1}, sections: {}}));")
    open_widgets(page, progress_url)
    before = saved(page)
    path = tmp_path / "mine.json"
    path.write_text(content, encoding="utf-8")
    page.set_input_files(f"{MAP} input[type=file]", str(path))
    page.wait_for_function(
        "document.querySelector('#progress-nav [data-gk-message]').textContent !== ''")
    text = page.text_content(f"{MAP} [data-gk-message]")
    assert text.startswith("mine.json ") and message in text
    assert text.endswith("Nothing was changed.")
    assert saved(page) == before
    assert home_progress(page)["total"] == "1 of 3 pages done"


BROKEN = {  # script run before the page's own, and whether storage is then unusable
    "setItem throws": ("Storage.prototype.setItem = function () {"
                       " throw new DOMException('full', 'QuotaExceededError'); };", True),
    "corrupt JSON": (f"localStorage.setItem('{READING}', '{{not json');", False),
    "JSON of the wrong shape": (
        f"localStorage.setItem('{READING}', '{{\"pages\": [1], \"sections\": 3}}');", False),
}


@pytest.mark.parametrize(("script", "blocked"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_storage_keeps_progress_working_in_the_page(
    page: Any, progress_url: str, script: str, blocked: bool
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(script)
    open_widgets(page, progress_url + "guide/one/")
    assert nav_done(page) == []
    page.get_by_label("I have read this page").check()
    assert nav_done(page) == ["Page one"]
    status = page.text_content(".gk-reading__status")
    assert ("does not let the site save" in status) is blocked
    # Instant navigation keeps the document, so the in-memory progress reaches the home page.
    page.locator(".md-nav--primary").get_by_role("link", name="Home").click()
    page.wait_for_selector(f"{MAP}[data-gk-ready]")
    assert home_progress(page)["total"] == "1 of 3 pages done"
    message = page.text_content(f"{MAP} [data-gk-message]")
    assert ("does not let the site save" in message) is blocked
    assert errors == []


UNREACHABLE = {
    "localStorage getter throws": "Object.defineProperty(window, 'localStorage',"
    " { get() { throw new DOMException('no', 'SecurityError'); } });",
    "all storage throws": "for (const m of ['getItem', 'setItem', 'removeItem', 'key']) {"
    " Storage.prototype[m] = function () { throw new DOMException('no', 'SecurityError'); }; }",
}


@pytest.mark.parametrize("script", UNREACHABLE.values(), ids=UNREACHABLE.keys())
def test_storage_that_cannot_be_read_at_all(page: Any, builtin_url: str, script: str) -> None:
    """Even reading storage throws (some privacy modes). Material's own inline scripts throw
    then (its __md_get), so this runs on the built-in theme."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(script)
    open_widgets(page, builtin_url + "guide/one/")
    page.get_by_label("I have read this page").check()
    page.get_by_label("Done with “First steps”").check()
    assert nav_done(page) == ["Page one"]
    assert page.text_content(".gk-reading__status").startswith(
        "1 of 2 sections done This browser does not let the site save")
    page.goto(builtin_url)
    open_widgets(page, builtin_url)
    assert home_progress(page)["total"] == "0 of 3 pages done"  # a new document: memory is new
    with page.expect_download() as info:
        page.click(f"{MAP} [data-gk-action=export]")
    assert info.value.suggested_filename == "progress-fixture-progress.json"
    assert errors == []


def test_print_hides_the_controls_and_shows_only_outside_addresses(
        page: Any, progress_url: str) -> None:
    open_widgets(page, progress_url + "guide/one/")
    page.emulate_media(media="print")
    assert not page.is_visible("#gk-read-page")
    assert not page.is_visible(".md-header") and not page.is_visible(".md-sidebar--primary")
    outside = page.get_by_role("link", name="an outside page")
    after = outside.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == '" (https://example.com/docs)"'
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    inside = page.get_by_role("link", name="second page")  # a page of this site: text only
    assert inside.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert inside.get_attribute("data-gk-site") is None
    page.emulate_media(media="screen")
    assert page.is_visible("#gk-read-page")


def test_without_javascript_the_pages_read_fine(new_context: Any, progress_url: str) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(progress_url)
    assert page.locator(f"{MAP} [data-gk-page] a").all_text_contents() == [
        "Page one", "Page two", "Three"]
    assert not page.is_visible(f"{MAP} [data-gk-controls]")
    page.goto(progress_url + "guide/one/")
    assert page.locator("input[type=checkbox][id^=gk-read]").count() == 0
