"""Parsed data files kept on disk between builds (data/disk_cache.py): a fresh process with
unchanged data parses nothing, any edit is seen, a damaged or unwritable cache only means
parsing again, and bad data gives the same message, at the same line, with or without it."""

from __future__ import annotations

import datetime
import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from guidekit import text
from guidekit.core import load_site
from guidekit.data import loader
from guidekit.data.disk_cache import FOLDER, DiskCache, decode, encode, write_entry
from guidekit.data.loader import PARSED, DataError, _parse_yaml, load_data
from guidekit.data.models import SourceFloat, SourceInt
from guidekit.export import llms
from guidekit.kinds.registry import DEFAULT
from guidekit.render import page_cache, placed_cache
from tests.unit.mini_site import build, copy_mini, replace_in

COLLECTION = "collections: [{id: tools, title: Tools, singular: Tool}]\n"
HAMMER = "entities: [{id: hammer, name: Hammer, collection: tools, summary: Drives nails.}]\n"


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each load below starts like a new `mkdocs build`: nothing kept in memory."""
    PARSED.clear()
    loader._DISK_CACHES.clear()
    yield
    PARSED.clear()
    loader._DISK_CACHES.clear()


def new_process() -> None:
    PARSED.clear()
    loader._DISK_CACHES.clear()


class CountingParse:
    def __init__(self) -> None:
        self.seen: list[Path] = []

    def __call__(self, path: Path, text: str) -> Any:
        self.seen.append(path)
        return _parse_yaml(path, text)


def same(left: Any, right: Any) -> bool:
    """Equal, of the same types all the way down, numbers with the same source text."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return (list(map(type, left)) == list(map(type, right)) and list(left) == list(right)
                and all(same(left[key], right[key]) for key in left))
    if isinstance(left, list | tuple):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, SourceInt | SourceFloat):
        if left.source != right.source:
            return False
        if isinstance(left, float) and math.isnan(left):
            return math.isnan(right)
    return bool(left == right)


def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "collections.yml").write_text(COLLECTION)
    (data / "hammer.yml").write_text(HAMMER)
    return data


def load(data: Path, cache: Path | None) -> Any:
    return load_data(data, DEFAULT.data_file, DEFAULT.singular(), cache)


def test_every_yaml_type_comes_back_as_parsed(tmp_path: Path) -> None:
    text = """
        ints: [0, 007, 1_000, -3, 0x1F, 12345678901234567890]
        floats: [0.10, 1e3, -0.0, .inf, -.inf, .nan, 2.50]
        plain: [yes, no, ~, null, "quoted", 'single', text with: colon]
        keys: {1: one, 2.5: two and a half, true: yes, null: nothing, text: text}
        when: [2024-02-29, 2024-02-29T10:20:30.5+02:00, 2024-02-29 10:20:30]
        blob: !!binary aGVsbG8=
        group: !!set {a, b}
        ordered: !!omap [{b: 1}, {a: 2}]
        nested: {list: [[1, [2, {deep: [3.0]}]]], empty: {}, none: []}
        block: |
          two
          lines
    """
    path = tmp_path / "types.yml"
    path.write_text(text)
    parsed = _parse_yaml(path)
    back = decode(encode(parsed))
    assert same(back, parsed)
    assert back["ints"][1].source == "007" and back["floats"][0].source == "0.10"
    assert isinstance(back["when"][1], datetime.datetime) and back["when"][1].utcoffset()
    assert not same({"a": SourceInt(1, "01")}, {"a": SourceInt(1, "1")}), "the check can fail"


def test_an_unchanged_file_is_not_parsed_in_the_next_process(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text(HAMMER)
    first = CountingParse()
    value = DiskCache(tmp_path / "cache", first).get(path)
    assert first.seen == [path]
    again = CountingParse()
    cache = DiskCache(tmp_path / "cache", again)
    assert same(cache.get(path), value)
    assert again.seen == [] and cache.hits == 1


def test_loading_a_site_twice_parses_nothing_the_second_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, cache = data_dir(tmp_path), tmp_path / FOLDER
    first = load(data, cache)
    assert sorted(p.name for p in cache.iterdir()) == [".gitignore", *sorted(
        loader.disk_cache(cache).entry(p).name for p in data.iterdir())]
    assert (cache / ".gitignore").read_text().endswith("\n*\n")
    new_process()

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("parsed although the cache has the file")

    monkeypatch.setattr(loader.yaml, "load", refuse)
    second = load(data, cache)
    assert loader.disk_cache(cache).hits == 2
    assert second.items["entities"]["hammer"] == first.items["entities"]["hammer"]
    assert second.items["entities"]["hammer"].summary == "Drives nails."


def test_an_edit_is_seen_even_of_the_same_size_and_time(tmp_path: Path) -> None:
    data, cache = data_dir(tmp_path), tmp_path / FOLDER
    hammer = data / "hammer.yml"
    load(data, cache)
    before = hammer.stat()
    hammer.write_text(HAMMER.replace("nails", "screw"))

    os.utime(hammer, ns=(before.st_atime_ns, before.st_mtime_ns))  # as git checkout may
    new_process()
    edited = load(data, cache)
    assert edited.items["entities"]["hammer"].summary == "Drives screw."
    assert loader.disk_cache(cache).hits == 1, "the other file still comes from the cache"


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # truncated
    lambda text: "not an entry at all",
    lambda text: "",
    lambda text: text.replace("Drives nails.", "Drives bolts."),  # value changed, not the key
    lambda text: text.split("\n", 1)[0] + "\n" + '{"entities": [[99, 1]]}',  # unknown tag
    lambda text: "\udcff",  # not UTF-8 once written with surrogateescape
])
def test_a_damaged_entry_is_parsed_again_silently(tmp_path: Path, damage: Any) -> None:
    path = tmp_path / "a.yml"
    path.write_text(HAMMER)
    expected = DiskCache(tmp_path / "cache", CountingParse()).get(path)
    entry = DiskCache(tmp_path / "cache", CountingParse()).entry(path)
    entry.write_bytes(damage(entry.read_text()).encode("utf-8", "surrogateescape"))
    parse = CountingParse()
    cache = DiskCache(tmp_path / "cache", parse)
    assert same(cache.get(path), expected)
    assert parse.seen == [path] and cache.hits == 0
    assert cache.stored == 1, "the damaged entry is replaced"
    assert same(DiskCache(tmp_path / "cache", CountingParse()).get(path), expected)


def test_an_unwritable_cache_only_means_parsing(tmp_path: Path) -> None:
    data = data_dir(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    for folder in (blocker / "cache", blocker):
        for _ in range(2):
            new_process()
            loaded = load(data, folder)
            assert loaded.items["entities"]["hammer"].summary == "Drives nails."
            assert loader.disk_cache(folder).stored == 0
    assert blocker.read_text().startswith("a file")


def test_an_entry_that_cannot_be_replaced_only_means_parsing(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text(HAMMER)
    cache = DiskCache(tmp_path / "cache", CountingParse())
    (tmp_path / "cache").mkdir()
    cache.entry(path).mkdir()  # a folder in the entry's place: reading and renaming fail
    assert cache.get(path)["entities"][0]["id"] == "hammer"
    assert cache.stored == 0 and not list(cache.folder.glob(".*.tmp"))


def test_a_value_json_cannot_hold_is_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("x: 1\n")
    cache = DiskCache(tmp_path / "cache", lambda path, text: {"x": object()})
    cache.get(path)
    assert cache.stored == 0


def test_bad_data_has_the_same_message_and_line_from_the_cache(tmp_path: Path) -> None:
    data = data_dir(tmp_path)
    (data / "hammer.yml").write_text(
        "entities:\n"
        "  - id: hammer\n"
        "    name: Hammer\n"
        "    collection: tools\n"
        "    summary: Drives nails.\n"
        "    tags: [one, {two: 2}]\n")
    cache = tmp_path / FOLDER
    with pytest.raises(DataError) as parsed:
        load(data, cache)
    assert "hammer.yml: entity 'hammer', field tags[1] (line 6)" in str(parsed.value)
    new_process()
    with pytest.raises(DataError) as cached:
        load(data, cache)
    assert loader.disk_cache(cache).hits == 2, "the bad file's YAML came from the cache"
    assert str(cached.value) == str(parsed.value)
    new_process()
    with pytest.raises(DataError) as uncached:
        load(data, None)
    assert str(uncached.value) == str(parsed.value)


def test_invalid_yaml_is_never_stored(tmp_path: Path) -> None:
    data = data_dir(tmp_path)
    (data / "hammer.yml").write_text("entities:\n  - id: hammer\n    name: [oops\n")
    cache = tmp_path / FOLDER
    messages = []
    for run in range(2):
        new_process()
        with pytest.raises(DataError) as error:
            load(data, cache)
        messages.append(str(error.value))
        assert loader.disk_cache(cache).hits == run, "the good file, from the second run"
    assert messages[0] == messages[1] and "hammer.yml (line" in messages[0]
    assert "invalid YAML" in messages[0]


def test_a_new_parser_invalidates_every_entry(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text(HAMMER)
    code = tmp_path / "loader.py"
    code.write_text("# version 1\n")
    DiskCache(tmp_path / "cache", CountingParse(), code=[code]).get(path)
    code.write_text("# version 2\n")
    parse = CountingParse()
    DiskCache(tmp_path / "cache", parse, code=[code]).get(path)
    assert parse.seen == [path]


def test_without_a_folder_nothing_is_written(tmp_path: Path) -> None:
    data = data_dir(tmp_path)
    load(data, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def pages(site: Path) -> dict[Path, bytes]:
    """Every built page but the home page, which carries the build's date."""
    built = site / "site"
    return {path.relative_to(built): path.read_bytes() for path in built.rglob("*.html")
            if path.parent != built}


# The entries kept once per site, beside one per data file.
KEPT_PER_SITE = (text.CONVERSIONS, llms.TEXTS, page_cache.ENTRY, placed_cache.ENTRY)


def test_the_plugin_keeps_its_cache_beside_mkdocs_yml_unless_told_not_to(
        tmp_path: Path) -> None:
    site = copy_mini(tmp_path)
    result = build(site)
    assert result.returncode == 0, result.stderr
    entries = [path for path in (site / FOLDER).glob("*.json")
               if path.name not in KEPT_PER_SITE]
    assert all((site / FOLDER / name).is_file() for name in KEPT_PER_SITE)
    assert len(entries) == len(list((site / "data").glob("*.yml"))) >= 1
    first = pages(site)
    again = build(site)
    assert again.returncode == 0, again.stderr
    assert first and pages(site) == first
    assert not (site / "site" / ".cache").exists()
    off = copy_mini(tmp_path / "off")
    replace_in(off / "mkdocs.yml", "  - guidekit\n", "  - guidekit:\n      cache: false\n")
    result = build(off)
    assert result.returncode == 0, result.stderr
    assert not (off / ".cache").exists()


def test_yaml_is_what_the_loader_uses() -> None:
    """The refusal above patches ``yaml.load``: make sure that is what parsing calls."""
    assert loader.yaml is yaml


# ----------------------------------------------------------------- converted data Markdown


def fresh_text_process() -> None:
    new_process()
    text._markdown_html.cache_clear()


def pages_of(site: Any) -> dict[str, str]:
    site.start_build()
    return {src: page[2] for src, page in site.generated_pages().items()}


def test_converted_text_is_kept_for_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mini = copy_mini(tmp_path)
    cache = mini / FOLDER
    fresh_text_process()
    site = load_site(mini / "data", cache_dir=cache)
    first = pages_of(site)
    site.keep_for_next_build()
    stored = json.loads((cache / text.CONVERSIONS).read_text().split("\n", 1)[1])
    assert any("<strong>nails</strong>" in html for html in stored.values())
    assert not any("<script>" in html for html in stored.values()), "raw HTML stays text"

    fresh_text_process()

    def refuse(source: str) -> str:
        raise AssertionError(f"converted again: {source!r}")

    monkeypatch.setattr(text._MARKDOWN, "convert", refuse)
    again = load_site(mini / "data", cache_dir=cache)
    assert pages_of(again) == first
    assert again.renderer.text.keep_conversions(cache) is False, "nothing new: not rewritten"


def test_only_the_edited_text_is_converted_and_the_old_one_dropped(tmp_path: Path) -> None:
    mini = copy_mini(tmp_path)
    cache = mini / FOLDER
    fresh_text_process()
    site = load_site(mini / "data", cache_dir=cache)
    pages_of(site)
    site.keep_for_next_build()
    replace_in(mini / "data" / "all.yml", "Drives **nails**.", "Drives **screws**.")
    fresh_text_process()
    converted: list[str] = []
    real = text._MARKDOWN.convert

    def counting(source: str) -> str:
        converted.append(source)
        return real(source)

    text._MARKDOWN.convert = counting  # type: ignore[method-assign]
    try:
        edited = load_site(mini / "data", cache_dir=cache)
        pages = pages_of(edited)
    finally:
        del text._MARKDOWN.convert
    assert len(converted) == 1 and "screws" in converted[0]
    assert any("<strong>screws</strong>" in page for page in pages.values())
    assert edited.renderer.text.keep_conversions(cache) is True
    kept = json.loads((cache / text.CONVERSIONS).read_text().split("\n", 1)[1])
    assert any("Drives **screws**" in source for source in kept)
    assert not any("Drives **nails**" in source for source in kept)


def test_a_tampered_conversion_is_not_trusted(tmp_path: Path) -> None:
    """A stored conversion that links a refused scheme is made again from the text."""
    renderer = text.TextRenderer({}, stored={"Go **there**.": '<p><a href="javascript:x">'
                                             "there</a></p>"})
    assert str(renderer.block("Go **there**.", lambda ref: ref)) == \
        "<p>Go <strong>there</strong>.</p>"


@pytest.mark.parametrize("body", ["", "not json", "[1, 2]", '{"a": 1}'])
def test_damaged_conversions_are_ignored(tmp_path: Path, body: str) -> None:
    cache = tmp_path / "cache"
    assert write_entry(cache, cache / text.CONVERSIONS, text._conversions_key(), body)
    assert text.load_conversions(cache) == {}
    (cache / text.CONVERSIONS).write_text("garbage")
    assert text.load_conversions(cache) == {}


def test_conversions_in_an_unwritable_place_are_just_not_kept(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    renderer = text.TextRenderer({})
    renderer.block("Some **bold** text.", lambda ref: ref)
    assert renderer.keep_conversions(blocker / "cache") is False
    assert text.load_conversions(blocker / "cache") == {}


# ----------------------------------------------------------------- llms-full.txt page texts


def test_page_texts_are_kept_and_only_changed_pages_converted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    pages = ["<h2>One</h2><p>first &amp; page</p>", "<ul><li>a<li>b</ul>"]
    texts = llms.PageTexts.load(cache)
    first = [texts.text(page) for page in pages]
    assert first == [llms.html_text(page) for page in pages]
    assert texts.keep(cache) is True
    seen: list[str] = []
    real = llms.html_text

    def counting(page_html: str) -> str:
        seen.append(page_html)
        return real(page_html)

    monkeypatch.setattr(llms, "html_text", counting)
    again = llms.PageTexts.load(cache)
    assert [again.text(page) for page in pages] == first and seen == []
    assert again.keep(cache) is False, "the same pages: not rewritten"
    edited = llms.PageTexts.load(cache)
    assert edited.text("<p>changed</p>") == "changed" and seen == ["<p>changed</p>"]
    assert edited.text(pages[0]) == first[0]
    assert edited.keep(cache) is True
    assert sorted(llms.PageTexts.load(cache).stored.values()) == ["### One\n\nfirst & page",
                                                                  "changed"]


def test_page_texts_survive_damage_and_an_unwritable_folder(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    texts = llms.PageTexts.load(cache)
    texts.text("<p>x</p>")
    texts.keep(cache)
    entry = cache / llms.TEXTS
    entry.write_text(entry.read_text().replace('"x"', '"tampered"'))
    assert llms.PageTexts.load(cache).stored == {}
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert llms.PageTexts.load(blocker).stored == {}
    assert texts.keep(blocker / "cache") is False


def test_the_built_llms_full_txt_is_the_same_from_the_cache(tmp_path: Path) -> None:
    """Built twice, the second time from the kept texts: the same file (and the first build
    wrote the texts the second one used)."""
    site = copy_mini(tmp_path)
    assert build(site).returncode == 0
    first = (site / "site" / "llms-full.txt").read_bytes()
    stored = llms.PageTexts.load(site / FOLDER).stored
    assert len(stored) >= 3
    assert build(site).returncode == 0
    assert (site / "site" / "llms-full.txt").read_bytes() == first
