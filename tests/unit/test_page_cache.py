"""Generated pages kept between builds (render/page_cache.py): an unchanged site reads them
back instead of writing them, and anything that decides them makes them written again."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from guidekit import text
from guidekit.core import Site, load_site
from guidekit.data import loader
from guidekit.data.disk_cache import FOLDER
from guidekit.data.loader import PARSED
from guidekit.kinds.base import Kind
from guidekit.kinds.table import KIND as TABLE
from guidekit.render import page_cache
from guidekit.render.renderer import Renderer
from tests.unit.mini_site import copy_mini, replace_in


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each load below starts like a new `mkdocs build`: nothing kept in memory."""
    yield
    new_process()


def new_process() -> None:
    PARSED.clear()
    loader._DISK_CACHES.clear()
    text._markdown_html.cache_clear()
    page_cache.code_salt.cache_clear()


class Written:
    """Counts the entity pages the renderer writes (a kept page is not written)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = Renderer.entity_page

        def counting(renderer: Renderer, *args: Any, **kwargs: Any) -> str:
            self.count += 1
            return real(renderer, *args, **kwargs)

        monkeypatch.setattr(Renderer, "entity_page", counting)


def generate(mini: Path, titles: dict[str, str] | None = None,
             place: tuple[str, str] | None = None, **options: Any) -> dict[str, str]:
    """A new process's pages of the mini site, loaded with ``options``, after its docs
    pages said their ``titles`` and one of them placed the table ``place`` (id, page)."""
    new_process()
    site: Site = load_site(mini / "data", cache_dir=mini / FOLDER, **options)
    build = site.start_build(titles)
    if place is not None:
        build.place("tables", *place)
    return {src: page[2] for src, page in site.generated_pages(build).items()}


def test_an_unchanged_site_reads_its_pages_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mini = copy_mini(tmp_path)
    written = Written(monkeypatch)
    first = generate(mini)
    assert written.count == 3 and (mini / FOLDER / page_cache.ENTRY).is_file()
    again = generate(mini)
    assert written.count == 3, "kept pages are not written again"
    assert again == first and list(again) == list(first)


def test_the_kept_pages_leave_the_conversions_kept(tmp_path: Path) -> None:
    """A build reading its pages converts no data text: the conversions stay for the next."""
    mini = copy_mini(tmp_path)
    new_process()
    site = load_site(mini / "data", cache_dir=mini / FOLDER)
    site.generated_pages(site.start_build())
    site.keep_for_next_build()
    kept = (mini / FOLDER / text.CONVERSIONS).read_text()
    new_process()
    again = load_site(mini / "data", cache_dir=mini / FOLDER)
    again.generated_pages(again.start_build())
    assert again.renderer.text.keep_conversions(mini / FOLDER) is False, "not rewritten"
    assert (mini / FOLDER / text.CONVERSIONS).read_text() == kept


def _edit_data(mini: Path) -> dict[str, Any]:
    replace_in(mini / "data" / "all.yml", "A soft hammer.", "A softer hammer.")
    return {}


def _override_template(mini: Path) -> dict[str, Any]:
    overrides = mini / "overrides"
    (overrides / "guidekit").mkdir(parents=True)
    (overrides / "guidekit" / "entity.md").write_text("# {{ entity.name }} (overridden)\n")
    return {"template_dirs": [overrides]}


CHANGES: dict[str, tuple[Callable[[Path], dict[str, Any]], str]] = {
    # what changes -> (how, a text one of the written pages then holds)
    "data": (_edit_data, "A softer hammer."),
    "template": (_override_template, "(overridden)"),
    "settings": (lambda mini: {"use_directory_urls": False}, ".html"),
    "strings": (lambda mini: {"strings": {"pages.part_of": "Member of"}}, "Member of"),
    # The staging generator's pages (Zensical) link from their source files, not their URLs:
    # a `mkdocs build` and a `guidekit generate` of one site share the cache folder.
    "link base": (lambda mini: {"links_from_source": True}, 'href="./"'),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_what_decides_the_pages_has_them_written_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    mini = copy_mini(tmp_path)
    generate(mini)
    written = Written(monkeypatch)
    how, shown = CHANGES[change]
    options = how(mini)
    pages = generate(mini, **options)
    assert written.count == 3, f"a changed {change} must write the pages again"
    assert any(shown in page for page in pages.values())


def test_what_the_docs_pages_said_is_part_of_the_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The docs pages' titles and placements change the "Appears in" links of the pages."""
    mini = copy_mini(tmp_path)
    replace_in(mini / "data" / "all.yml", "summary: A soft hammer.",
               "summary: A soft hammer.\n    source: index.md")  # "From the guide: <title>"
    unplaced = generate(mini)
    written = Written(monkeypatch)
    placed = generate(mini, place=("weights", "index.md"))
    assert written.count == 3
    titled = generate(mini, titles={"index.md": "Start here"}, place=("weights", "index.md"))
    assert written.count == 6
    assert any("Start here" in page for page in titled.values())
    assert unplaced != titled and placed != titled
    generate(mini, titles={"index.md": "Start here"}, place=("weights", "index.md"))
    assert written.count == 6, "the same docs again: read back"


# How a kept entry may be damaged (the caches of placed_cache.py too).
DAMAGES: list[Callable[[str], str]] = [
    lambda body: body[: len(body) // 2],  # truncated
    lambda body: body[:-1] + ("y" if body.endswith("x") else "x"),  # edited: digest mismatch
    lambda body: "",
]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_means_writing_the_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[str], str]) -> None:
    mini = copy_mini(tmp_path)
    first = generate(mini)
    entry = mini / FOLDER / page_cache.ENTRY
    entry.write_text(damage(entry.read_text()))
    written = Written(monkeypatch)
    assert generate(mini) == first
    assert written.count == 3


def test_an_entry_of_another_shape_is_not_trusted(tmp_path: Path) -> None:
    """Well formed and for this key, but not pages (written by another version, say)."""
    mini = copy_mini(tmp_path)
    first = generate(mini)
    entry = mini / FOLDER / page_cache.ENTRY
    key = entry.read_text().split(" ", 1)[0]
    for body in ({"a.md": ["entity", "a"]}, ["a.md"], {"a.md": ["entity", "a", 7]}):
        page_cache.keep_pages(entry.parent, key, body)  # type: ignore[arg-type]
        assert page_cache.load_pages(entry.parent, key) is None
    assert generate(mini) == first
    assert json.loads(entry.read_text().split("\n", 1)[1]).keys() == first.keys()


def test_an_unwritable_folder_only_means_writing_the_pages(tmp_path: Path) -> None:
    mini = copy_mini(tmp_path)
    (mini / ".cache").write_text("a file where the folder would go")
    assert generate(mini)
    assert not page_cache.keep_pages(mini / FOLDER, "key", {"a.md": ("entity", "a", "# A")})


def test_the_code_of_a_site_kind_is_part_of_the_key(tmp_path: Path) -> None:
    """An edited view of a kind a site adds must not serve the pages the old one wrote; only
    the files of its folder count, not what lies below (a kind beside mkdocs.yml)."""
    folder = tmp_path / "my_kind"
    (folder / "site").mkdir(parents=True)
    (folder / "view.html").write_text("<p>one</p>")
    (folder / "site" / "index.html").write_text("a built page, rewritten by every build")
    kind: Kind[Any, Any] = Kind(name="gadget", plural="gadgets", model=TABLE.model,
                                directory=folder)
    files = page_cache.code_files([TABLE, kind])
    own = page_cache.code_files([TABLE])
    assert set(files) - set(own) == {folder / "view.html"}
    assert all(path.is_relative_to(page_cache.PACKAGE) for path in own), "guidekit's own"
    before = page_cache.code_salt(files)
    (folder / "view.html").write_text("<p>two</p>")
    page_cache.code_salt.cache_clear()
    assert page_cache.code_salt(files) != before


def test_a_kind_module_counts_alone_and_a_kind_package_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-file kind beside mkdocs.yml brings its file, not the project; a package brings
    its folder (its templates and other modules)."""
    (tmp_path / "gadget_kind.py").write_text("def view(page, item):\n    return ''\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# The site's own pages are not code\n")
    package = tmp_path / "widget_kind"
    package.mkdir()
    (package / "__init__.py").write_text("def check(checker):\n    return None\n")
    (package / "helpers.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib
    one, whole = importlib.import_module("gadget_kind"), importlib.import_module("widget_kind")
    kind: Kind[Any, Any] = Kind(name="gadget", plural="gadgets", model=TABLE.model,
                                view=one.view, check=whole.check)
    added = set(page_cache.code_files([kind])) - set(page_cache.code_files([TABLE]))
    assert added == {(tmp_path / "gadget_kind.py").resolve(), (package / "__init__.py").resolve(),
                     (package / "helpers.py").resolve()}
