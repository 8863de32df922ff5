"""The mini fixture site, copied for one test, and the helpers the data tests share on it:
edit one data file, collect the load's problems, build the copy with MkDocs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidekit.core import load_site
from guidekit.data.loader import DataError

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"


def copy_mini(tmp_path: Path, data_files: dict[str, str] | None = None) -> Path:
    """A fresh copy of the mini site, with extra data files (name -> YAML text) written in."""
    target = tmp_path / "mini"
    # Not the cache a build of the fixture itself left (.cache/ beside its mkdocs.yml): each
    # copy starts as a fresh checkout would.
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns(".cache"))
    for name, text in (data_files or {}).items():
        (target / "data" / name).write_text(text)
    return target


def replace_in(path: Path, old: str, new: str) -> Path:
    """Replace the first ``old`` in the file; fails loudly if the fixture no longer has it."""
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1))
    return path


def problems(site: Path) -> str:
    """The message of the DataError that loading the site's data raises."""
    with pytest.raises(DataError) as info:
        load_site(site / "data")
    return str(info.value)


def build(site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the copy, into its own site folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml"),
         "-d", str(site / "site")],
        capture_output=True, text=True, timeout=120,
    )
