"""``python -m guidekit assets DIR``: write guidekit's browser files for a site built without
the plugin (Zensical, or any generator that runs the ``guidekit.markdown`` extension).

The three files are what the plugin adds to every page: ``guidekit.css``, ``guidekit.js``
and ``guidekit-formulas.js`` (the site's calculator formulas compiled to JavaScript, so it
depends on the data). List them in the site's ``extra_css`` / ``extra_javascript``. The
flashcard decks' Anki downloads go to ``decks/<id>.tsv`` beside them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .core import load_site
from .data.loader import DataError

# The files every page lists; the lazy widget modules are written beside them.
ASSET_NAMES = ("guidekit.css", "guidekit-formulas.js", "guidekit.js")


def write_assets(target: Path, data_dir: Path, mermaid_js: str | None = None,
                 language: str | None = None) -> list[Path]:
    """Write the assets into ``target`` (created if missing): the three files pages list and
    the lazy widget modules beside them; return their paths.
    The formulas file carries the scripts' words, so it is written in the site's language."""
    site = load_site(data_dir, language=language)
    contents = site.bundled_assets()
    contents["guidekit-formulas.js"] = site.formulas_script(mermaid_js)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(contents):
        path = target / name
        path.write_text(contents[name], encoding="utf-8")
        written.append(path)
    # Files kinds add (the decks' Anki downloads, linked as assets/guidekit/decks/...).
    for site_path, content in site.extra_files().items():
        path = target / site_path.removeprefix("assets/guidekit/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidekit", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    assets = commands.add_parser(
        "assets", help="write guidekit.css, guidekit.js and guidekit-formulas.js into DIR")
    assets.add_argument("dir", type=Path, help="target folder, e.g. docs/assets/guidekit")
    assets.add_argument("--data-dir", type=Path, default=Path("data"),
                        help="folder of the site's YAML data (default: data)")
    assets.add_argument("--mermaid-js", default=None,
                        help="site URL of a local mermaid.min.js, relative to the site root, "
                             "as the plugin's mermaid_js option")
    assets.add_argument("--language", default=None,
                        help="language of the widgets' words, as the theme's (default: en)")
    args = parser.parse_args(argv)
    try:
        written = write_assets(args.dir, args.data_dir, args.mermaid_js, args.language)
    except DataError as error:
        print(f"guidekit: {len(error.problems)} problem(s) in {args.data_dir}:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
