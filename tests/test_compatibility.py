"""The compatibility page cannot drift from the tests, and the macros adapters keep working.

Every cell of the table in docs/use-guidekit/compatibility.md that says *works*, *partly* or
*no* links to a list naming the pytest node ids of the tests behind it: each list matches its
cell, and every id is one that pytest collects.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "use-guidekit" / "compatibility.md"
EXAMPLE = REPO / "examples" / "coffee"
NODE_ID = re.compile(r"`(tests/[^`]+\.py::[^`]+)`")
ROWS = ("MkDocs 1.6", "ProperDocs", "Zensical", "mkdocs-macros")
COLUMNS = ("Generated pages", "Cross-links", "Checklist", "Calculator", "Matrix", "Decision",
           "Worksheet", "Search indexing", "`serve` reload")


def table() -> dict[str, dict[str, str]]:
    """The compatibility table: row name -> column -> status ("works", "partly", "no", "—"
    or "not tested"), and the anchor each cell links to (after a '#')."""
    lines = [line for line in PAGE.read_text(encoding="utf-8").splitlines()
             if line.startswith("| ")]
    cells = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    header, rows = cells[0], cells[2:]
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        statuses = {}
        for column, cell in zip(header[1:], row[1:], strict=True):
            link = re.fullmatch(r"\[([^\]]+)\]\(#([a-z-]+)\)", cell)
            statuses[column] = f"{link.group(1).split()[0]}#{link.group(2)}" if link else cell
        found[row[0]] = statuses
    return found


def listed_tests() -> dict[str, tuple[str, dict[str, tuple[str, list[str]]]]]:
    """Row name -> (anchor, column -> (status, node ids)) from "The tests behind the table"."""
    text = PAGE.read_text(encoding="utf-8").split("## The tests behind the table", 1)[1]
    text = text.split("\n## ", 1)[0]
    found = {}
    for block in text.split("\n### ")[1:]:
        heading = re.match(r"(.+?) \{#([a-z-]+)\}", block)
        assert heading, block[:80]
        items = {}
        for item in re.finditer(r"^- (.+?): (works|partly|no): (.+)$", block, re.M):
            items[item.group(1)] = (item.group(2), NODE_ID.findall(item.group(3)))
        found[heading.group(1)] = (heading.group(2), items)
    return found


def test_table_has_every_generator_and_column() -> None:
    found = table()
    assert [name.split(" ")[0] for name in found] == [row.split(" ")[0] for row in ROWS]
    for row in found.values():
        assert tuple(row) == COLUMNS


def test_every_working_cell_names_a_test_that_exists() -> None:
    behind = listed_tests()
    claims: dict[str, str] = {}
    for generator, row in table().items():
        anchor, items = behind[generator]
        for column, cell in row.items():
            where = f"{generator} / {column}"
            status = cell.split("#")[0]
            if status in ("works", "partly"):
                assert cell == f"{status}#{anchor}", f"{where}: links to {cell}"
            elif status == "no":
                assert cell == "no#without-the-plugin", where
            else:
                assert cell.startswith(("—", "not tested")), f"{where}: {cell}"
                assert column not in items, f"{where}: tests listed for a cell without a claim"
                continue
            assert column in items, f"{where}: no test listed under {generator}"
            listed_status, ids = items[column]
            assert listed_status == status and ids, f"{where}: {items[column]}"
            for node_id in ids:
                claims[node_id] = where
    files = sorted({node_id.split("::")[0] for node_id in claims})
    proc = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p",
                           "no:cacheprovider", *files], cwd=REPO, capture_output=True,
                          text=True, timeout=600, check=False)
    collected = set(proc.stdout.split())
    missing = {node_id: cell for node_id, cell in claims.items() if node_id not in collected}
    assert not missing, f"the compatibility table names tests pytest does not collect: {missing}"
    assert len(claims) >= 25


def test_the_guide_uses_the_macros_pluglet(guide_site: Path) -> None:
    """quick-reference.md lists every tool from the data through macros (render_macros)."""
    import yaml

    page = BeautifulSoup((guide_site / "quick-reference" / "index.html").read_text(
        encoding="utf-8"), "html.parser").select_one("article")
    assert page is not None
    text = page.get_text(" ")
    assert "{{" not in text and "{%" not in text
    links = {a["href"] for a in page.select("li a[href]")}
    for folder in ("calculators", "checklists", "decisions", "worksheets"):
        for path in sorted((REPO / "data" / folder).glob("*.yml")):
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))[folder]:
                assert f"../{folder}/{item['id']}/" in links, f"{folder}/{item['id']}"


class ZensicalLikeEnv:
    """What Zensical's macros extension hands define_env: a dict config with root_dir, and a
    page with path and url (no MkDocs File)."""

    def __init__(self) -> None:
        self.conf = {"root_dir": str(EXAMPLE), "site_name": "Coffee", "extra": {},
                     "use_directory_urls": True, "theme": {"name": "material"}}
        self.page = SimpleNamespace(path="guides/card.md", url="guides/card/", meta={})
        self.macros: dict[str, Any] = {}
        self.variables: dict[str, Any] = {}

    def macro(self, function: Any, name: str | None = None) -> Any:
        self.macros[name or function.__name__] = function
        return function


def test_pluglet_renders_every_kind_on_a_zensical_page() -> None:
    from guidekit.macros import define_env

    env = ZensicalLikeEnv()
    define_env(env)
    for kind, item_id in (("checklist", "morning-brew"), ("calculator", "brew-ratio"),
                          ("matrix", "brew-methods"), ("decision", "choose-method"),
                          ("worksheet", "dial-in")):
        html = str(env.macros[kind](item_id))
        root = BeautifulSoup(html, "html.parser").select_one("[data-gk]")
        assert root is not None and root["data-gk-id"] == item_id, kind
        assert root["data-gk-ns"] == "Coffee", kind
    # Links are written relative to the source file (guides/), which Zensical rewrites.
    link = BeautifulSoup(str(env.macros["entity_link"]("scale")), "html.parser").a
    assert link is not None and link["href"] == "../equipment/scale/"
    assert env.variables["guidekit"].entities["scale"].name == "Kitchen scale"


def test_pins_that_keep_a_build_working() -> None:
    """MkDocs 2 has no plugins; Material 9.7.7 fixed a search XSS; compat.lock pins exactly."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "mkdocs>=1.6,<2" in project["dependencies"]
    extras = project["optional-dependencies"]
    assert "mkdocs-material>=9.7.7,<10" in extras["material"]
    assert any(r.startswith("properdocs>=1.6.7") for r in extras["properdocs"])
    assert any(r.startswith("zensical>=0.0.73") for r in extras["zensical"])
    lock = (REPO / "requirements" / "compat.lock").read_text(encoding="utf-8")
    pins = [line for line in lock.splitlines() if line and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", p) for p in pins)
    assert {"properdocs==1.6.7", "zensical==0.0.73"} <= set(pins)
