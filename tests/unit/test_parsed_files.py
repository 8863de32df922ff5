"""Parsed data files kept between builds: an unchanged file is not parsed again, and no edit is
ever missed (a same-size edit, an edit in the same clock tick, an mtime set back), nor does one
build's use of the data reach the next."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from guidekit.data import parsed_files
from guidekit.data.loader import PARSED, DataError, load_data
from guidekit.data.parsed_files import ParsedFiles
from guidekit.kinds.registry import DEFAULT


def counting_parser() -> tuple[ParsedFiles, list[Path]]:
    seen: list[Path] = []

    def parse(path: Path) -> dict[str, str]:
        seen.append(path)
        return {"text": path.read_text(encoding="utf-8")}

    return ParsedFiles(parse), seen


def settle() -> None:
    """Past the file system's clock tick, so the next write gets a later ctime."""
    time.sleep(0.05)


@pytest.fixture()
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust a stamp at once (files written by a test are always 'just changed')."""
    monkeypatch.setattr(parsed_files, "RACY_SECONDS", 0.0)


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path, trusting: None) -> None:
    cache, seen = counting_parser()
    path = tmp_path / "a.yml"
    path.write_text("one")
    settle()
    assert cache.get(path) == {"text": "one"}
    assert cache.get(path) == {"text": "one"}
    assert cache.get(tmp_path / "." / "a.yml") == {"text": "one"}
    assert seen == [path]


def test_a_same_size_edit_is_seen(tmp_path: Path, trusting: None) -> None:
    cache, seen = counting_parser()
    path = tmp_path / "a.yml"
    path.write_text("one")
    settle()
    assert cache.get(path) == {"text": "one"}
    settle()
    path.write_text("two")
    assert cache.get(path) == {"text": "two"}
    assert len(seen) == 2


def test_an_edit_with_its_mtime_set_back_is_seen(tmp_path: Path, trusting: None) -> None:
    cache, _ = counting_parser()
    path = tmp_path / "a.yml"
    path.write_text("one")
    settle()
    before = path.stat()
    assert cache.get(path) == {"text": "one"}
    settle()
    path.write_text("two")  # same size, and the old modification time (as git checkout may)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert cache.get(path) == {"text": "two"}


def test_a_file_changed_just_now_is_not_trusted(tmp_path: Path) -> None:
    """Two writes in one clock tick may leave the same stamp: a fresh file is parsed each time."""
    cache, seen = counting_parser()
    path = tmp_path / "a.yml"
    path.write_text("one")
    stamp = path.stat()
    assert cache.get(path) == {"text": "one"}
    path.write_text("two")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert cache.get(path) == {"text": "two"}
    assert len(seen) == 2


def test_each_build_gets_its_own_copy(tmp_path: Path, trusting: None) -> None:
    cache, seen = counting_parser()
    path = tmp_path / "a.yml"
    path.write_text("one")
    settle()
    cache.get(path)["text"] = "changed by a build"
    assert cache.get(path) == {"text": "one"}
    cache.get(path)["text"] = "changed again"
    assert cache.get(path) == {"text": "one"}
    assert len(seen) == 1


def test_a_broken_file_is_read_again_once_fixed(tmp_path: Path, trusting: None) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "all.yml"
    path.write_text("entities: [oops\n")
    settle()
    with pytest.raises(DataError, match="invalid YAML"):
        load_data(data, DEFAULT.data_file, DEFAULT.singular())
    settle()
    path.write_text("collections: [{id: tools, title: Tools, singular: Tool}]\n")
    loaded = load_data(data, DEFAULT.data_file, DEFAULT.singular())
    assert list(loaded.items["collections"]) == ["tools"]


def test_the_loader_parses_only_the_edited_file(tmp_path: Path, trusting: None) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "collections.yml").write_text(
        "collections: [{id: tools, title: Tools, singular: Tool}]\n")
    entity = data / "hammer.yml"
    entity.write_text("entities: [{id: hammer, name: Hammer, collection: tools, "
                      "summary: Drives nails.}]\n")
    settle()
    load_data(data, DEFAULT.data_file, DEFAULT.singular())
    parsed = PARSED.parsed
    again = load_data(data, DEFAULT.data_file, DEFAULT.singular())
    assert PARSED.parsed == parsed, "nothing changed: nothing parsed"
    assert again.items["entities"]["hammer"].summary == "Drives nails."
    settle()
    entity.write_text(entity.read_text().replace("nails", "screw"))  # same size
    edited = load_data(data, DEFAULT.data_file, DEFAULT.singular())
    assert PARSED.parsed == parsed + 1, "only the edited file is parsed"
    assert edited.items["entities"]["hammer"].summary == "Drives screw."
