"""`make test` runs two pytest-xdist workers, and tests/conftest.py sends every test that asks
for an expensive session fixture (``guide_walk``, ``zensical_guide``) to one worker. If that
grouping stopped working, nothing would fail: each worker would quietly make the fixture for
itself, and the walk would run twice. pytest 9.2 did exactly that (pytest-dev/pytest-xdist#1386),
so this test runs a small suite under the same options, with the same hook, and checks where
each test ran."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

CONFTEST = '''
import pytest
from tests.conftest import pytest_collection_modifyitems  # the hook under test

@pytest.fixture(scope="session")
def guide_walk():
    return "walk"
'''

TESTS = '''
import os

def where(name):
    with open(os.path.join(os.path.dirname(__file__), name), "w") as f:
        f.write(os.environ.get("PYTEST_XDIST_WORKER", "none"))

# Interleaved: without the groups, xdist hands these out in turn, one to each worker.
def test_reads_the_walk_1(guide_walk): where("walk-1")
def test_other_1(): where("other-1")
def test_reads_the_walk_2(guide_walk): where("walk-2")
def test_other_2(): where("other-2")
def test_reads_the_walk_3(guide_walk): where("walk-3")
def test_other_3(): where("other-3")
'''


def test_the_tests_of_one_session_fixture_run_in_one_worker(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_groups.py").write_text(TESTS, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q",
         "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ran = {name: (tmp_path / name).read_text(encoding="utf-8")
           for name in ("walk-1", "walk-2", "walk-3", "other-1", "other-2", "other-3")}
    walk_workers = {ran[f"walk-{i}"] for i in (1, 2, 3)}
    assert len(walk_workers) == 1, f"the walk's readers ran in {sorted(walk_workers)}"
    assert walk_workers <= {"gw0", "gw1"}, ran
