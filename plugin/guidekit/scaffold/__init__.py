"""``python -m guidekit new DIR``: a complete starter site that builds ``--strict`` as it is.

The site's files live in ``files/`` beside this module (README, data, docs); only
``mkdocs.yml`` differs between themes, so it is written here. ``@SCHEMA@`` in the YAML files
becomes the path of the installed JSON Schema (for the YAML language server's
``$schema`` line) and ``@TITLE@`` the site's name.
"""

from __future__ import annotations

from pathlib import Path

from ..data.schema import SCHEMA_PATH

SITE_FILES = Path(__file__).resolve().parent / "files"
THEMES = ("material", "mkdocs")
DEFAULT_TITLE = "Houseplants at home"


class ScaffoldError(Exception):
    """The target cannot take a new site (a file of the site is already there)."""


_THEME_BLOCKS = {
    "material": """\
theme:
  name: material
  font: false              # no web fonts from a CDN: the site works offline
  features:
    - navigation.instant   # guidekit's widgets restart on every instant page view
    - navigation.sections
    - navigation.indexes
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
""",
    "mkdocs": """\
theme:
  name: mkdocs
  highlightjs: false       # the built-in theme would load highlight.js from a CDN
""",
}

_CONFIG = """\
# A guidekit site. Preview: mkdocs serve     Build: mkdocs build --strict
site_name: @TITLE@

@THEME@
plugins:
  - search
  - guidekit:
      data_dir: data       # the YAML of data/, checked against guidekit's JSON Schema

markdown_extensions:
  - admonition
  - toc:
      permalink: true

validation:
  links:
    absolute_links: warn
    unrecognized_links: warn
    anchors: warn

# The pages you write; guidekit adds its generated sections after them (a section per
# collection, titled with the collection's title, and one per kind of widget).
nav:
  - Home: index.md
  - Caring for plants: care.md
"""


def site_files(theme: str = "material", title: str = DEFAULT_TITLE,
               schema: str | None = None) -> dict[str, str]:
    """Relative path -> content of every file of a new site."""
    if theme not in THEMES:
        raise ScaffoldError(f"unknown theme '{theme}'; choose one of {', '.join(THEMES)}")
    schema = schema or SCHEMA_PATH.as_posix()
    files = {"mkdocs.yml": _CONFIG.replace("@THEME@", _THEME_BLOCKS[theme])}
    for path in sorted(SITE_FILES.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".yml"}:
            files[path.relative_to(SITE_FILES).as_posix()] = path.read_text(encoding="utf-8")
    return {name: text.replace("@SCHEMA@", schema).replace("@TITLE@", title)
            for name, text in files.items()}


def create_site(target: Path, theme: str = "material", title: str = DEFAULT_TITLE) -> list[Path]:
    """Write a new site into ``target`` (created if missing; files already there are never
    overwritten) and return the paths written."""
    files = site_files(theme, title)
    existing = sorted(name for name in files if (target / name).exists())
    if existing:
        raise ScaffoldError(f"{target} already has {', '.join(existing)}; "
                            "choose an empty or new folder")
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
