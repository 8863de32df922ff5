"""Items the site's pages place, kept between builds (render/placed_cache.py): an unchanged
site reads their HTML back instead of rendering them, and anything that decides the HTML (the
data, the page it lands on, where the build's pages placed items) has them rendered again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from guidekit.core import Site, load_site
from guidekit.data.disk_cache import FOLDER
from guidekit.render import placed_cache
from guidekit.render.renderer import Renderer
from tests.unit.mini_site import copy_mini, replace_in
from tests.unit.test_page_cache import DAMAGES, new_process


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    yield
    new_process()


class Rendered:
    """Counts the items the renderer renders for the pages' fences (a kept one is not
    rendered), not those of the generated pages."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = Renderer.render_item

        def counting(renderer: Renderer, *args: Any, **kwargs: Any) -> Any:
            if getattr(renderer, "placing", False):
                self.count += 1
            return real(renderer, *args, **kwargs)

        monkeypatch.setattr(Renderer, "placing", False, raising=False)
        monkeypatch.setattr(Renderer, "render_item", counting)


def placing(site: Site) -> None:
    """From here on, what the renderer renders is for the pages' fences."""
    site.renderer.placing = True  # type: ignore[attr-defined]


def build(mini: Path, pages: tuple[tuple[str, str], ...] = (("index.md", ""),),
          before: Callable[[Site], None] | None = None, cache: bool = True) -> list[str]:
    """A new process's build of the mini site whose ``pages`` (source, URL) each place the
    table ``weights``: the HTML each page gets."""
    new_process()
    site = load_site(mini / "data", cache_dir=mini / FOLDER if cache else None)
    site.generated_pages(site.start_build())
    placing(site)
    if before is not None:
        before(site)
    html = [str(site.render_embed("table", "weights", src, url)) for src, url in pages]
    site.keep_for_next_build()
    return html


def test_an_unchanged_site_reads_its_placed_items_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mini = copy_mini(tmp_path)
    rendered = Rendered(monkeypatch)
    first = build(mini)
    assert rendered.count == 1 and (mini / FOLDER / placed_cache.ENTRY).is_file()
    assert 'id="table-weights"' in first[0]
    assert build(mini) == first
    assert rendered.count == 1, "a kept item is not rendered again"


def test_an_edit_of_the_data_renders_them_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mini = copy_mini(tmp_path)
    build(mini)
    replace_in(mini / "data" / "all.yml", "title: Tool weights", "title: Tool masses")
    rendered = Rendered(monkeypatch)
    assert "Tool masses" in build(mini)[0]
    assert rendered.count == 1


def test_each_page_and_each_state_of_the_placements_has_its_own_html(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Links are relative to the page; a macro may place an item no fence does, which
    changes where the links of the items rendered after it point."""
    mini = copy_mini(tmp_path)
    two_pages = (("index.md", ""), ("deep/page.md", "deep/page/"))
    first = build(mini, two_pages)
    rendered = Rendered(monkeypatch)
    assert build(mini, two_pages) == first and rendered.count == 0
    assert first[0] != first[1], "the page's URL decides its links"

    def elsewhere(site: Site) -> None:
        site.build.place("checklists", "before", "other.md")

    build(mini, two_pages, before=elsewhere)
    assert rendered.count == 2, "other placements: rendered again"


def test_the_entry_holds_what_the_last_build_placed(tmp_path: Path) -> None:
    mini = copy_mini(tmp_path)
    build(mini, (("index.md", ""), ("deep/page.md", "deep/page/")))
    build(mini)
    entry = mini / FOLDER / placed_cache.ENTRY
    key = entry.read_text().split(" ", 1)[0]
    assert len(placed_cache.PlacedItems.load(entry.parent, key).kept) == 1


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_means_rendering_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[str], str]) -> None:
    mini = copy_mini(tmp_path)
    first = build(mini)
    entry = mini / FOLDER / placed_cache.ENTRY
    entry.write_text(damage(entry.read_text()))
    rendered = Rendered(monkeypatch)
    assert build(mini) == first
    assert rendered.count == 1


def test_without_a_cache_folder_every_build_renders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mini = copy_mini(tmp_path)
    rendered = Rendered(monkeypatch)
    first = build(mini, cache=False)
    assert build(mini, cache=False) == first
    assert rendered.count == 2 and not (mini / FOLDER).exists()


def test_a_serve_rebuild_with_the_same_key_reads_nothing_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One process, two builds (``mkdocs serve`` after a page edit): the second renders
    nothing and does not read the entry again."""
    mini = copy_mini(tmp_path)
    new_process()
    site = load_site(mini / "data", cache_dir=mini / FOLDER)
    site.generated_pages(site.start_build())
    first = site.render_embed("table", "weights", "index.md", "")
    rendered = Rendered(monkeypatch)
    placing(site)
    monkeypatch.setattr(placed_cache, "load_texts", lambda *args: pytest.fail("read again"))
    site.generated_pages(site.start_build())
    assert site.render_embed("table", "weights", "index.md", "") == first
    assert rendered.count == 0
