"""Checklist in a real browser: ticks saved per item, progress, in-page reset, share links,
Markdown export, print styles, and storage that throws or holds garbage."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import clipboard_text, open_widgets

pytestmark = pytest.mark.browser

PATH = "checklists/trip/"
KEY = "gk:Mini:checklist:trip"
ROOT = "#checklist-trip"


def progress(page: Any) -> tuple[str, int, list[str]]:
    """Overall text, progress element value, per-section counts."""
    return (
        page.text_content(f"{ROOT} [data-gk-progress-text]"),
        page.eval_on_selector(f"{ROOT} [data-gk-progress]", "p => p.value"),
        page.eval_on_selector_all(
            f"{ROOT} [data-gk-section-progress]", "s => s.map(e => e.textContent)"
        ),
    )


def ticked(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        f"{ROOT} [data-gk-check]:checked", "bs => bs.map(b => b.dataset.gkCheck)"
    )


def test_ticks_survive_a_reload_and_progress_counts_them(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + PATH)
    assert progress(page) == ("0 of 5 done", 0, ["0/3", "0/2"])
    assert page.is_visible(f"{ROOT} [data-gk-controls]")
    page.check("#gk-trip-hammer")
    assert progress(page) == ("1 of 5 done", 1, ["1/3", "0/2"])
    page.check("#gk-trip-map")
    assert progress(page) == ("2 of 5 done", 2, ["1/3", "1/2"])
    assert page.get_attribute(f"{ROOT} [data-gk-progress-text]", "role") == "status"
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))") == {
        "hammer": True,
        "map": True,
    }

    page.reload()
    open_widgets(page, page.url)
    assert ticked(page) == ["hammer", "map"]
    assert progress(page) == ("2 of 5 done", 2, ["1/3", "1/2"])
    page.uncheck("#gk-trip-hammer")
    assert progress(page) == ("1 of 5 done", 1, ["0/3", "1/2"])


def test_saved_ticks_are_keyed_by_item_id_not_position(page: Any, mini_url: str) -> None:
    # As if the checklist had been edited since: an unknown id is ignored, known ids tick.
    page.add_init_script(
        f"localStorage.setItem('{KEY}', JSON.stringify({{ticket: true, gone: true, nails: true}}))"
    )
    open_widgets(page, mini_url + PATH)
    assert ticked(page) == ["nails", "ticket"]
    assert progress(page)[0] == "2 of 5 done"


def test_reset_asks_in_the_page_then_clears(page: Any, mini_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_widgets(page, mini_url + PATH)
    page.check("#gk-trip-hammer")
    page.check("#gk-trip-ticket")
    reset = page.locator(f"{ROOT} [data-gk-action=reset]")
    confirm = page.get_by_role("button", name="Confirm reset")
    cancel = page.get_by_role("button", name="Cancel")
    assert not confirm.is_visible() and not cancel.is_visible()

    reset.click()
    assert confirm.is_visible() and cancel.is_visible() and not reset.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Confirm reset"
    assert ticked(page) == ["hammer", "ticket"]  # nothing cleared yet
    cancel.click()
    assert reset.is_visible() and not confirm.is_visible()
    assert ticked(page) == ["hammer", "ticket"]

    reset.click()
    confirm.click()
    assert ticked(page) == []
    assert progress(page) == ("0 of 5 done", 0, ["0/3", "0/2"])
    assert page.text_content(f"{ROOT} [data-gk-message]") == "Checklist cleared."
    assert reset.is_visible() and not confirm.is_visible()
    page.reload()
    open_widgets(page, page.url)
    assert ticked(page) == []
    assert dialogs == []


def test_share_link_restores_the_ticks_in_a_fresh_browser(
    clipboard_context: Any, new_context: Callable[..., Any], mini_url: str
) -> None:
    page = open_widgets(clipboard_context.new_page(), mini_url + PATH)
    page.check("#gk-trip-mallet")
    page.check("#gk-trip-ticket")
    page.click(f"{ROOT} [data-gk-action=share]")
    page.wait_for_function(
        "document.querySelector('#checklist-trip [data-gk-message]').textContent"
    )
    link = clipboard_text(page)
    assert parse_qs(urlsplit(link).query) == {"gk-checklist-trip": ["mallet,ticket"]}

    other = new_context().new_page()
    open_widgets(other, link)
    assert ticked(other) == ["mallet", "ticket"]
    assert progress(other)[0] == "2 of 5 done"
    assert "gk-checklist-trip" not in other.url  # applied, saved, then dropped from the URL
    assert "2 ticked items" in other.text_content(f"{ROOT} [data-gk-message]")
    other.reload()
    open_widgets(other, other.url)
    assert ticked(other) == ["mallet", "ticket"]


def test_share_link_with_nothing_ticked_and_unknown_ids(
    new_context: Callable[..., Any], mini_url: str
) -> None:
    page = new_context().new_page()
    page.add_init_script(f"localStorage.setItem('{KEY}', '{{\"map\": true}}')")
    open_widgets(page, mini_url + PATH + "?gk-checklist-trip=")
    assert ticked(page) == []  # the link says: nothing ticked
    open_widgets(page, mini_url + PATH + "?gk-checklist-trip=nope,<b>x</b>,map,map")
    assert ticked(page) == ["map"]
    assert page.locator(f"{ROOT} b").count() == 0


def test_export_copies_a_markdown_task_list(clipboard_context: Any, mini_url: str) -> None:
    page = open_widgets(clipboard_context.new_page(), mini_url + PATH)
    page.check("#gk-trip-hammer")
    page.check("#gk-trip-map")
    page.click(f"{ROOT} [data-gk-action=export]")
    page.wait_for_function(
        "document.querySelector('#checklist-trip [data-gk-message]').textContent"
    )
    assert clipboard_text(page) == (
        "## Pack for the trip\n"
        "\n"
        "### Tools\n"
        "\n"
        "- [x] Pack the hammer\n"
        "- [ ] Pack the mallet\n"
        "- [ ] Count the nails | twice\n"
        "\n"
        "### Papers\n"
        "\n"
        "- [x] Print the map\n"
        "- [ ] Buy a ticket\n"
    )
    assert page.text_content(f"{ROOT} [data-gk-message]") == "Checklist copied."


def test_export_falls_back_to_a_box_to_copy_by_hand(page: Any, mini_url: str) -> None:
    page.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));"
    )
    open_widgets(page, mini_url + PATH)
    page.check("#gk-trip-ticket")
    page.click(f"{ROOT} [data-gk-action=export]")
    box = page.locator(f"{ROOT} textarea.gk-copybox")
    box.wait_for()
    assert box.input_value().endswith("- [ ] Print the map\n- [x] Buy a ticket\n")
    assert page.evaluate("document.activeElement.classList.contains('gk-copybox')")


BLOCKED = {
    "setItem throws": "Storage.prototype.setItem = function () {"
    " throw new DOMException('full', 'QuotaExceededError'); };",
    "all storage throws": "for (const m of ['getItem', 'setItem', 'removeItem']) {"
    " Storage.prototype[m] = function () { throw new DOMException('no', 'SecurityError'); }; }",
    "localStorage getter throws": "Object.defineProperty(window, 'localStorage',"
    " { get() { throw new DOMException('no', 'SecurityError'); } });",
    "corrupt JSON": f"localStorage.setItem('{KEY}', '{{not json');",
    "JSON of the wrong shape": f"localStorage.setItem('{KEY}', '[\"map\", 3]');",
    "JSON null": f"localStorage.setItem('{KEY}', 'null');",
}


@pytest.mark.parametrize("script", BLOCKED.values(), ids=BLOCKED.keys())
def test_broken_storage_keeps_the_checklist_working(page: Any, mini_url: str, script: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(script)
    open_widgets(page, mini_url + PATH)
    assert ticked(page) == []
    page.check("#gk-trip-nails")
    page.check("#gk-trip-map")
    assert progress(page) == ("2 of 5 done", 2, ["1/3", "1/2"])
    page.uncheck("#gk-trip-nails")
    assert progress(page)[0] == "1 of 5 done"
    page.click(f"{ROOT} [data-gk-action=reset]")
    page.get_by_role("button", name="Confirm reset").click()
    assert progress(page)[0] == "0 of 5 done"
    assert errors == []


def test_print_shows_every_tick(page: Any, mini_url: str) -> None:
    open_widgets(page, mini_url + PATH)
    page.check("#gk-trip-mallet")
    page.emulate_media(media="print")
    marks = page.eval_on_selector_all(
        f"{ROOT} [data-gk-item] > label",
        "ls => ls.map(l => getComputedStyle(l, '::before').content)",
    )
    assert marks == ['"☐"', '"☑"', '"☐"', '"☐"', '"☐"']
    assert not page.is_visible(f"{ROOT} [data-gk-controls]")
    page.emulate_media(media="screen")
    assert page.is_visible("#gk-trip-mallet")


def test_without_javascript_the_checkboxes_are_plain_and_usable(
    new_context: Callable[..., Any], mini_url: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(mini_url + PATH)
    assert not page.is_visible(f"{ROOT} [data-gk-controls]")
    assert page.locator(f"{ROOT} input[type=checkbox]").count() == 5
    page.click("label[for=gk-trip-map]")
    assert page.is_checked("#gk-trip-map")
