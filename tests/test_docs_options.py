"""The "Use guidekit in your site" pages (docs/use-guidekit/) stay in sync with the code.

* configuration.md has a table row for every option of ``GuidekitConfig`` (sub-options as
  ``pages.checklists``), with the default the code has, and no row for an option that is gone;
  its overview YAML block has the same option tree and defaults.
* data.md has a section per data kind; embedding.md shows every fence kind and every macro;
  templates.md lists every template the package ships; formulas.md names every function.
* The pages link only to files that exist, and hold no ``{{`` / ``{%`` outside code (the guide
  renders macros only on request, but a page must stay correct if that changes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import config_options

from guidekit.config import GuidekitConfig
from guidekit.formulas import FUNCTIONS
from guidekit.kinds.registry import DEFAULT as KINDS_REGISTRY

DOCS = Path(__file__).resolve().parents[1] / "docs" / "use-guidekit"
PACKAGE = Path(__file__).resolve().parents[1] / "plugin" / "guidekit"
# Every template a site can override as guidekit/<name>: shared ones and each kind's own.
TEMPLATE_FILES = [*(PACKAGE / "templates" / "guidekit").iterdir(),
                  *(PACKAGE / "kinds").glob("*/*.*")]
PAGES = ("index.md", "configuration.md", "data.md", "embedding.md", "formulas.md",
         "templates.md", "themes.md", "compatibility.md", "new-kind.md",
         "errors.md")
ROW = re.compile(r"^\|\s*`(?P<name>[a-z_.]+)`\s*\|\s*(?P<default>[^|]*?)\s*\|", re.M)


def options(schema: Any = GuidekitConfig._schema, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted name, default) of every leaf option, sub-configs flattened."""
    for name, option in schema:
        if isinstance(option, config_options.SubConfig):
            yield from options(option.config_class._schema, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", option.default


def option_tree(schema: Any = GuidekitConfig._schema) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for name, option in schema:
        if isinstance(option, config_options.SubConfig):
            tree[name] = option_tree(option.config_class._schema)
        else:
            tree[name] = option.default
    return tree


def shown(default: Any) -> str:
    """A default as configuration.md writes it: YAML/JSON in backticks."""
    if isinstance(default, bool):
        return f"`{'true' if default else 'false'}`"
    return f"`{json.dumps(default)}`"


def read(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def without_code(markdown: str) -> str:
    """The page with fenced blocks and inline code removed."""
    out, fence = [], None
    for line in markdown.splitlines():
        opened = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence is None and opened:
            fence = opened.group(1)
            continue
        if fence is not None:
            if re.match(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
                fence = None
            continue
        out.append(re.sub(r"(`+).*?\1", "", line))
    return "\n".join(out)


def fenced_blocks(markdown: str, language: str) -> list[str]:
    pattern = rf"^(`{{3,}}){language}\n(.*?)^\1\s*$"
    return [m.group(2) for m in re.finditer(pattern, markdown, re.M | re.S)]


# --------------------------------------------------------------------------- configuration


def test_every_option_has_a_row_with_its_default() -> None:
    rows = {m.group("name"): m.group("default") for m in ROW.finditer(read("configuration.md"))}
    problems = []
    for name, default in options():
        if name not in rows:
            problems.append(f"option {name!r} is not in docs/use-guidekit/configuration.md")
        elif default is not None and rows[name] != shown(default):
            problems.append(f"{name}: the docs say {rows[name]}, the code {shown(default)}")
    stale = sorted(set(rows) - {name for name, _ in options()})
    problems += [f"configuration.md documents {name!r}, which GuidekitConfig lacks"
                 for name in stale]
    assert not problems, "\n".join(problems)


def test_overview_block_has_every_option_and_default() -> None:
    blocks = fenced_blocks(read("configuration.md"), "yaml")
    assert blocks, "configuration.md has no yaml block"
    plugins = yaml.safe_load(blocks[0])["plugins"]
    documented = next(p["guidekit"] for p in plugins if isinstance(p, dict) and "guidekit" in p)

    def compare(code: dict[str, Any], docs: dict[str, Any], prefix: str = "") -> list[str]:
        problems = [f"{prefix}{k} missing from the overview" for k in code if k not in docs]
        problems += [f"{prefix}{k} is not an option" for k in docs if k not in code]
        for key in set(code) & set(docs):
            if isinstance(code[key], dict) and isinstance(docs[key], dict) and code[key] == {}:
                continue  # nav_titles: an empty mapping by default
            if isinstance(code[key], dict) or isinstance(docs[key], dict):
                problems += compare(code[key], docs[key] or {}, f"{prefix}{key}.")
            elif code[key] is not None and code[key] != docs[key]:
                problems.append(f"{prefix}{key}: overview {docs[key]!r}, code {code[key]!r}")
        return problems

    tree = option_tree()
    problems = compare(tree, documented)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- other pages


def test_every_data_kind_has_a_section() -> None:
    headings = set(re.findall(r"^## (\S+)\s*$", read("data.md"), re.M))
    missing = [kind.plural for kind in KINDS_REGISTRY if kind.plural not in headings]
    assert not missing, f"data.md has no '## <kind>' section for {missing}"


def test_every_fence_kind_and_macro_is_shown() -> None:
    page = read("embedding.md")
    names = [*KINDS_REGISTRY.embed_names(), "progress"]
    missing = [kind for kind in names if f"`{kind}: <id>`" not in page]
    assert not missing, f"embedding.md does not show the fence line for {missing}"

    class Env:
        def __init__(self) -> None:
            self.macros: list[str] = []
            self.variables: dict[str, Any] = {}

        def macro(self, function: Any, name: str | None = None) -> None:
            self.macros.append(name or function.__name__)

    from guidekit.macros import define_env

    env = Env()
    define_env(env)
    assert env.macros, "guidekit.macros registered no macro"
    missing = [name for name in env.macros if f"{{{{ {name}(" not in page]
    assert not missing, f"embedding.md does not show the macros {missing}"
    missing = [name for name in env.variables if f"`{name}." not in page]
    assert not missing, f"embedding.md does not describe the variables {missing}"


def test_every_template_is_listed() -> None:
    page = read("templates.md")
    names = sorted(p.name for p in TEMPLATE_FILES if p.suffix in {".html", ".md"})
    missing = [name for name in names if f"| `{name}` |" not in page]
    assert not missing, f"templates.md does not list {missing}"


def test_every_formula_function_is_named() -> None:
    page = read("formulas.md")
    missing = [name for name in FUNCTIONS if f"`{name}" not in page]
    assert not missing, f"formulas.md does not name {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_relative_links_point_at_existing_pages(page: str) -> None:
    text = without_code(read(page))
    problems = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        path = target.split("#", 1)[0]
        if not (DOCS / page).parent.joinpath(path).resolve().is_file():
            problems.append(f"{page}: link to {target} (no such file)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_no_macro_syntax_outside_code(page: str) -> None:
    text = read(page)
    assert "render_macros: true" not in without_code(text)
    found = re.findall(r".{0,30}(?:\{\{|\{%).{0,30}", without_code(text))
    assert not found, f"{page}: macro syntax outside code: {found}"


def test_every_page_is_listed_here() -> None:
    assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(PAGES)
