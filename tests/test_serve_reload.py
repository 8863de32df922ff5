"""`mkdocs serve` behaviour, driven through the plugin's hooks: the data folder is watched, and a
rebuild after editing a data file shows the edit (while an unchanged data folder is reused)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
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


def test_appears_in_follows_a_fence_moved_to_another_page(mini: Path) -> None:
    """The hammer's page lists where its mentions are; a checklist without a page of its own
    is where the page that places it is. Moving that fence to another page and rebuilding
    (unchanged data, so the loaded site is reused) must move the link too."""
    data = mini / "data" / "all.yml"
    data.write_text(data.read_text().replace(
        "  - id: before\n    title: Before you start\n",
        "  - id: before\n    title: Before you start\n    page: false\n"))
    index = mini / "docs" / "index.md"
    fence = "```guidekit\nchecklist: before\n```\n"
    assert fence in index.read_text()

    def appears_in() -> list[str]:
        html = (mini / "site" / "tools" / "hammer" / "index.html").read_text()
        soup = BeautifulSoup(html, "html.parser")
        links = soup.select("[data-gk-mentions] a")
        return [str(a["href"]) for a in links if a.get_text() == "Before you start"]

    _, plugin = serve_like_build(mini)
    assert appears_in() == ["../../#gk-before-gloves"]
    first_site = plugin.site

    index.write_text(index.read_text().replace(fence, ""))
    (mini / "docs" / "other.md").write_text(f"# Other\n\n{fence}")
    _, plugin = serve_like_build(mini)
    assert plugin.site is first_site, "the data did not change: the loaded site is reused"
    assert appears_in() == ["../../other/#gk-before-gloves"]


def test_a_rebuild_parses_only_the_edited_data_file(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same plugin instance, as in serve: the untouched file comes from the cache of parsed
    files, and a same-size edit of the other is on the rebuilt page."""
    import time

    from guidekit.data import parsed_files
    from guidekit.data.loader import PARSED

    monkeypatch.setattr(parsed_files, "RACY_SECONDS", 0.0)  # the copied files are all new
    extra = mini / "data" / "saw.yml"
    extra.write_text("collection: tools\nentities:\n"
                     "  - {id: saw, name: Saw, category: Hand tool, summary: Cuts wood.}\n")
    time.sleep(0.05)  # past the clock tick: the edit below gets a later change time
    _, plugin = serve_like_build(mini)
    page = mini / "site" / "tools" / "saw" / "index.html"
    assert "Cuts wood." in page.read_text()
    parsed = PARSED.parsed

    time.sleep(0.05)
    extra.write_text(extra.read_text().replace("wood", "iron"))  # same size
    _, again = serve_like_build(mini)
    assert again is plugin
    assert PARSED.parsed == parsed + 1, "only saw.yml is parsed again"
    assert "Cuts iron." in page.read_text()
    assert "Drives <strong>nails</strong>" in (
        mini / "site" / "tools" / "hammer" / "index.html").read_text()


def test_an_edited_template_override_is_compiled_again(mini: Path) -> None:
    """Compiled templates are kept between rebuilds (one bytecode cache for the process): an
    edit of a site's override must still show on the next rebuild."""
    import time

    from guidekit.render.renderer import PACKAGE_TEMPLATES

    config_file = mini / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace(
        "  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n"))
    overrides = mini / "overrides" / "guidekit"
    overrides.mkdir(parents=True)
    shipped = (PACKAGE_TEMPLATES / "guidekit" / "entity.md").read_text()
    override = overrides / "entity.md"
    override.write_text(shipped + "\nFirst override.\n")
    _, plugin = serve_like_build(mini)
    page = mini / "site" / "tools" / "hammer" / "index.html"
    assert "First override." in page.read_text()

    time.sleep(0.05)
    override.write_text(shipped + "\nSecond override.\n")
    _, again = serve_like_build(mini)
    assert again is plugin
    assert "Second override." in page.read_text()
    assert "First override." not in page.read_text()


def test_a_renamed_entity_shows_its_new_name_where_text_refers_to_it(mini: Path) -> None:
    """Converted data text is kept between rebuilds: a [[ref]] in unchanged text must still
    show the referred entity's new name after a rename."""
    import time

    serve_like_build(mini)
    page = mini / "site" / "tools" / "workshop" / "index.html"
    assert ">Mallet</a>-free jobs" in page.read_text()
    time.sleep(0.05)
    data = mini / "data" / "all.yml"
    data.write_text(data.read_text().replace("    name: Mallet\n", "    name: Soft mallet\n"))
    serve_like_build(mini)
    assert ">Soft mallet</a>-free jobs" in page.read_text()
