"""guidekit's command line: ``python -m guidekit COMMAND``.

- ``new DIR [--theme material|mkdocs]``: a complete starter site that builds ``--strict``;
- ``schema [--write FILE]``: where the installed JSON Schema of the data files is (or a copy);
- ``assets DIR``: guidekit's browser files for a site built without the plugin (Zensical, or
  any generator that runs the ``guidekit.markdown`` extension).

For ``assets``, the three files are what the plugin adds to every page: ``guidekit.css`` (here
with every widget's styles, as nothing links them per page), ``guidekit.js`` and
``guidekit-formulas.js`` (the site's settings). List them in the site's ``extra_css`` /
``extra_javascript``; the widgets' scripts (with the site's formulas compiled to JavaScript,
so they depend on the data) are written beside them and fetched by the pages holding one.
The flashcard decks' Anki downloads go to ``decks/<id>.tsv`` beside them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .core import load_site
from .data.loader import DataError
from .data.schema import SCHEMA_PATH
from .scaffold import DEFAULT_TITLE, THEMES, ScaffoldError, create_site

# The files every page lists; the lazy widget modules are written beside them.
ASSET_NAMES = ("guidekit.css", "guidekit-formulas.js", "guidekit.js")


def write_assets(target: Path, data_dir: Path, mermaid_js: str | None = None,
                 language: str | None = None) -> list[Path]:
    """Write the assets into ``target`` (created if missing): the three files pages list and
    the lazy widget modules beside them; return their paths.
    The formulas file carries the scripts' words, so it is written in the site's language."""
    site = load_site(data_dir, language=language)
    contents = site.bundled_assets(one_stylesheet=True)  # no adapter links them per page
    contents["guidekit-formulas.js"] = site.formulas_script(mermaid_js, unlinked_pages=False)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(contents):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)  # the items' own files: items/<kind>/
        path.write_text(contents[name], encoding="utf-8")
        written.append(path)
    # Files kinds add (the decks' Anki downloads, linked as assets/guidekit/decks/...).
    for site_path, content in site.extra_files().items():
        path = target / site_path.removeprefix("assets/guidekit/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


DESCRIPTION = "guidekit: start a site, find the data's JSON Schema, write the browser files."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m guidekit", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     title="commands")
    new = commands.add_parser(
        "new", help="create a complete starter site in DIR (builds with mkdocs build --strict)",
        description="Create a starter site: a collection of linked entities, a checklist, a "
                    "calculator, a matrix, a decision guide and a page placing them.")
    new.add_argument("dir", type=Path, help="folder of the new site (created if missing)")
    new.add_argument("--theme", choices=THEMES, default="material",
                     help="material (needs mkdocs-material) or MkDocs' built-in mkdocs theme "
                          "(default: material)")
    new.add_argument("--title", default=DEFAULT_TITLE, help="the site's name")
    schema = commands.add_parser(
        "schema", help="print the path of the installed JSON Schema of the data files",
        description="Print the path of guidekit's JSON Schema of data files (for a "
                    "'# yaml-language-server: $schema=PATH' line), or copy it with --write.")
    schema.add_argument("--write", type=Path, metavar="FILE", default=None,
                        help="copy the schema to FILE instead")
    assets = commands.add_parser(
        "assets", help="write guidekit.css, guidekit.js and guidekit-formulas.js into DIR, "
                       "for a site built without the plugin (Zensical)")
    assets.add_argument("dir", type=Path, help="target folder, e.g. docs/assets/guidekit")
    assets.add_argument("--data-dir", type=Path, default=Path("data"),
                        help="folder of the site's YAML data (default: data)")
    assets.add_argument("--mermaid-js", default=None,
                        help="site URL of a local mermaid.min.js, relative to the site root, "
                             "as the plugin's mermaid_js option")
    assets.add_argument("--language", default=None,
                        help="language of the widgets' words, as the theme's (default: en)")
    generate = commands.add_parser(
        "generate", help="write the whole site as Markdown into a staging tree for Zensical")
    generate.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    generate.add_argument("-o", "--out", type=Path, default=Path("build/zensical"),
                          help="the staging folder (default: build/zensical)")
    generate.add_argument("--theme-overrides", action="store_true",
                          help="give Zensical the theme's custom_dir too (overrides written "
                               "for Material's templates may not fit Zensical's)")
    generate.add_argument("--watch", action="store_true",
                          help="keep running: regenerate when the data, docs or config change "
                               "(beside `zensical serve -f OUT/mkdocs.yml`)")
    postbuild = commands.add_parser(
        "postbuild", help="finish a Zensical build of a staged tree: auto-links, 'Discussed "
                          "in', reading progress, the print edition, search rows")
    postbuild.add_argument("site", type=Path, help="the built site (e.g. site-zensical)")
    postbuild.add_argument("--staging", type=Path, default=Path("build/zensical"),
                           help="the staging folder generate wrote (default: build/zensical)")
    args = parser.parse_args(argv)
    if args.command in ("generate", "postbuild"):
        from .staging.cli import run_staging

        return run_staging(args)
    if args.command == "new":
        return _new(args.dir, args.theme, args.title)
    if args.command == "schema":
        return _schema(args.write)
    return _assets(args)


def _new(target: Path, theme: str, title: str) -> int:
    try:
        create_site(target, theme, title)
    except ScaffoldError as error:
        print(f"guidekit: {error}", file=sys.stderr)
        return 1
    print(f"created a guidekit site in {target}; next:\n"
          f"  cd {target}\n  mkdocs serve        # or: mkdocs build --strict")
    return 0


def _schema(write: Path | None) -> int:
    if write is None:
        print(SCHEMA_PATH)
        return 0
    write.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SCHEMA_PATH, write)
    print(write)
    return 0


def _assets(args: argparse.Namespace) -> int:
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
