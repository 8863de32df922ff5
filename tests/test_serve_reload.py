"""`mkdocs serve` behaviour, driven through the plugin's hooks: the data folder is watched, and a
rebuild after editing a data file shows the edit (while an unchanged data folder is reused)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, *args: object, **kwargs: object) -> None:
        self.watched.append(path)


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def serve_like_build(site: Path):  # type: ignore[no-untyped-def]
    """One build as `mkdocs serve` runs it: a fresh config each time, while MkDocs keeps the
    plugin instance (it caches plugins that define on_startup for the whole process)."""
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site"))
    plugin = config.plugins["guidekit"]
    plugin.on_startup(command="serve", dirty=False)
    build(config)
    return config, plugin


def test_serve_watches_the_data_folder(mini: Path) -> None:
    config, plugin = serve_like_build(mini)
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)
    assert str(mini / "data") in [os.path.normpath(p) for p in server.watched]


def test_editing_a_data_file_regenerates_the_pages(mini: Path) -> None:
    _, plugin = serve_like_build(mini)
    page = mini / "site" / "tools" / "hammer" / "index.html"
    assert "Drives <strong>nails</strong>" in page.read_text()
    first_site = plugin.site

    _, again = serve_like_build(mini)
    assert again is plugin, "MkDocs keeps the instance, as in serve"
    assert plugin.site is first_site, "unchanged data is reused between rebuilds"

    data = mini / "data" / "all.yml"
    data.write_text(data.read_text().replace("Drives **nails**.", "Drives **screws**."))
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns + 10_000_000))
    _, plugin = serve_like_build(mini)
    assert plugin.site is not first_site
    assert "Drives <strong>screws</strong>" in page.read_text()


def test_a_bad_edit_fails_the_rebuild_and_a_fix_recovers(
    mini: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    serve_like_build(mini)
    data = mini / "data" / "all.yml"
    good = data.read_text()
    data.write_text(good.replace("related: {alternatives: [mallet]}",
                                 "related: {alternatives: [malet]}"))
    with pytest.raises(Abort):
        serve_like_build(mini)
    assert "unknown entity 'malet'; closest known: mallet" in caplog.text
    data.write_text(good)
    serve_like_build(mini)
    assert (mini / "site" / "tools" / "hammer" / "index.html").is_file()
