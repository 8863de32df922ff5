"""The portable core never imports MkDocs (nor ProperDocs, Material, mkdocs-macros, Zensical).

A fresh interpreter installs a ``sys.meta_path`` finder that makes any import of those fail,
then imports every guidekit module except the MkDocs adapters, loads the example's data,
renders a checklist, a calculator and a matrix, runs the Python-Markdown extension on a page
with fences, writes the browser assets, and stages the whole example for Zensical
(``python -m guidekit generate``). The adapters are imported last and must fail,
which shows the block was in force.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "coffee" / "data"
# The only modules allowed to import MkDocs: the plugin, its config, and its nav placement.
ADAPTERS = ("guidekit.plugin", "guidekit.config", "guidekit.pages.nav")
BLOCKED = ("mkdocs", "properdocs", "material", "mkdocs_macros", "zensical")

SCRIPT = textwrap.dedent("""
    import importlib, json, pkgutil, sys
    from pathlib import Path

    BLOCKED, ADAPTERS, DATA, OUT = json.loads(sys.argv[1])

    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked import of {name}")
            return None

    sys.meta_path.insert(0, Blocker())

    import guidekit
    imported = []
    for info in pkgutil.walk_packages(guidekit.__path__, "guidekit."):
        if info.name not in ADAPTERS:
            importlib.import_module(info.name)
            imported.append(info.name)

    site = guidekit.load_site(DATA)
    html = {kind: str(site.render_embed(kind, item, "guide/page.md", "guide/page/"))
            for kind, item in (("checklist", "morning-brew"), ("calculator", "brew-ratio"),
                               ("table", "brew-methods"))}

    import markdown
    from guidekit.markdown import GuidekitExtension
    page = "# Brew\\n\\n```guidekit\\nchecklist: morning-brew\\n```\\n"
    converted = markdown.markdown(page, extensions=[GuidekitExtension(data_dir=DATA)])

    from guidekit.__main__ import write_assets
    assets = [p.name for p in write_assets(Path(OUT), Path(DATA))]

    # The Zensical path: the whole example staged as Markdown, without MkDocs.
    from guidekit.staging.generate import generate
    staging = generate(Path(DATA).parent / "mkdocs.yml", Path(OUT).parent / "staging")
    staged = sorted(staging.generated)

    adapters = {}
    for name in ADAPTERS:
        try:
            importlib.import_module(name)
            adapters[name] = "imported"
        except ImportError as error:
            adapters[name] = str(error)

    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    print(json.dumps({"imported": imported, "html": html, "markdown": converted,
                      "assets": assets, "adapters": adapters, "loaded": loaded,
                      "staged": staged}))
""")


def test_core_renders_widgets_where_mkdocs_cannot_be_imported(tmp_path: Path) -> None:
    argument = json.dumps([BLOCKED, ADAPTERS, str(DATA), str(tmp_path / "assets")])
    proc = subprocess.run([sys.executable, "-c", SCRIPT, argument], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])

    for module in ("guidekit.core", "guidekit.macros", "guidekit.markdown",
                   "guidekit.standalone", "guidekit.formulas", "guidekit.render.renderer",
                   "guidekit.data.catalog", "guidekit.kinds.calculator.view",
                   "guidekit.staging.generate", "guidekit.staging.postbuild"):
        assert module in result["imported"], module
    html = result["html"]
    assert 'data-gk="checklist"' in html["checklist"] and 'data-gk-check="grind"' in html[
        "checklist"]
    assert 'data-gk="calculator"' in html["calculator"]
    assert 'data-gk-output="water"' in html["calculator"] and "288 ml" in html["calculator"]
    # Placed away from its own page, a matrix is a plain table that links to that page.
    assert 'data-gk-row="cold-brew"' in html["table"] and "gk-table__page" in html["table"]
    assert 'data-gk="checklist"' in result["markdown"] and "```" not in result["markdown"]
    assert sorted(result["assets"]) == [
        "brew-ratio.js", "guidekit-calculator.js", "guidekit-checklist.js", "guidekit-decision.js",
        "guidekit-drill.js", "guidekit-flashcards.js", "guidekit-formulas.js",
        "guidekit-matrix.js", "guidekit-progress.js", "guidekit-reading.js", "guidekit-whatif.js",
        "guidekit-worksheet.js", "guidekit.css", "guidekit.js"]
    # A calculator's formulas: a file of their own, which its root names (data-gk-needs).
    assert '"brew-ratio"' in (tmp_path / "assets" / "items/calculator/brew-ratio.js").read_text()
    assert 'data-gk-needs="items/calculator/brew-ratio.js"' in html["calculator"]
    assert "equipment/burr-grinder.md" in result["staged"]
    assert "checklists/morning-brew.md" in result["staged"]
    assert (tmp_path / "staging" / "mkdocs.yml").is_file()
    # The block was real: the MkDocs adapters could not be imported, and nothing got through.
    for name, outcome in result["adapters"].items():
        assert outcome.startswith("blocked import of mkdocs"), (name, outcome)
    assert result["loaded"] == []
