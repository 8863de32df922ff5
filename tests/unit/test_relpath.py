"""Links between generated pages are computed by layout._relpath, a faster posixpath.relpath:
the same result for every pair of absolute paths, odd ones included."""

from __future__ import annotations

import itertools
import posixpath
import random

from guidekit.render.layout import _relpath, relative_url

PATHS = ["/", "//", "/a", "/a/", "/a/b", "/a/b/", "/a//b", "/a/./b", "/a/../b", "/../a",
         "/a/b/c.html", "/a/c", "/b", "/ab", "/a/bc", "/.", "/..", "/a/b/../../..", "/ä/ü"]


def test_relpath_matches_posixpath() -> None:
    for path, start in itertools.product(PATHS, repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)
    rng = random.Random(24)
    parts = ["a", "b", "..", ".", "", "c.html", "index.html"]
    for _ in range(5_000):
        path = "/" + "/".join(rng.choice(parts) for _ in range(rng.randint(0, 5)))
        start = "/" + "/".join(rng.choice(parts) for _ in range(rng.randint(0, 5)))
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)


def test_relative_url_examples() -> None:
    assert relative_url("tools/hammer/", "tools/saw/") == "../hammer/"
    assert relative_url("tools/hammer/#uses", "") == "tools/hammer/#uses"
    assert relative_url("", "tools/saw/") == "../../"
    assert relative_url("tools/saw/", "tools/saw/") == "./"
    assert relative_url("tools/hammer.html", "tools/saw.html") == "hammer.html"
