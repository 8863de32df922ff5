"""Which bundles a page loads: each kind's script and styles apart, linked where used."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from guidekit.bundles import (
    MAIN_SCRIPT,
    PRINT_STYLESHEET,
    STYLESHEET,
    bundle_plan,
    link_page_assets,
    page_stylesheets,
)
from guidekit.core import load_site
from guidekit.kinds.base import Kind
from guidekit.kinds.registry import DEFAULT, Registry
from guidekit.kinds.table import KIND as TABLE

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "coffee" / "data"

PAGE = """<html><head><link rel="stylesheet" href="../assets/guidekit/guidekit.css">
<link rel="stylesheet" href="../extra.css"></head><body><article class="md-content__inner">
{body}</article></body></html>"""


def test_every_widget_kind_is_a_bundle_of_its_own() -> None:
    plan = dict(bundle_plan(DEFAULT))
    main = [path.name for path in plan[MAIN_SCRIPT]]
    assert main == ["00-core.js", "80-reading.js", "90-print.js"]
    for name in ("guidekit-matrix", "guidekit-calculator", "guidekit-checklist",
                 "guidekit-progress"):
        assert f"{name}.js" in plan and f"{name}.css" in plan
    # The helpers several bundles call go into each of them, before their own code, and only
    # into the bundles that call them.
    for name, helpers in (("guidekit-calculator.js", ["changed.js", "copy.js", "format.js",
                                                      "url.js"]),
                          ("guidekit-whatif.js", ["changed.js", "copy.js", "fields.js",
                                                  "format.js", "url.js"]),
                          ("guidekit-drill.js", ["copy.js", "format.js", "url.js"]),
                          ("guidekit-matrix.js", ["copy.js", "url.js"]),
                          ("guidekit-progress.js", ["confirm.js", "reading.js"]),
                          ("guidekit-reading.js", ["reading.js"])):
        assert [path.name for path in plan[name][:len(helpers)]] == helpers, name
        assert all(path.parent.name != "shared" for path in plan[name][len(helpers):]), name
    assert "format.js" not in {path.name for path in plan["guidekit-matrix.js"]}
    # Flashcards and drills are bundles of their own: a deck's page carries no drill code.
    assert [path.name for path in plan["guidekit-flashcards.js"]] == ["85-flashcards.js"]
    # What only widgets use (URL state, form changes) and the reading ticks, needed once the
    # reader marked something read, are not in the file every page loads.
    assert not [path for path in plan[MAIN_SCRIPT] if path.parent.name == "shared"]
    assert [path.name for path in plan[STYLESHEET]] == ["00-base.css", "05-shared.css",
                                                        "80-reading.css"]
    assert [path.name for path in plan["guidekit-reading.css"]] == ["80-reading-page.css"]
    assert [path.name for path in plan["guidekit-index.css"]] == ["60-index.css"]
    # The generated pages' styles (an entity's facts, tags, links) and the result cards that
    # calculators, what-ifs and load models share are parts of their own.
    assert [path.name for path in plan["guidekit-pages.css"]] == ["60-pages.css"]
    assert [path.name for path in plan["guidekit-results.css"]] == ["20-results.css"]


def test_strings_and_formulas_travel_with_the_bundle_that_uses_them() -> None:
    site = load_site(EXAMPLE)
    bundles = site.bundled_assets()
    # Each calculator's formulas are a file of their own, which its root names: a page holds
    # the formulas of its own calculators only, with the runtime helpers they call.
    calculators = sorted(site.catalog.calculators)
    assert sorted(name for name in bundles if name.startswith("items/")) == [
        f"items/calculator/{calc_id}.js" for calc_id in calculators]
    for calc_id in calculators:
        own = bundles[f"items/calculator/{calc_id}.js"]
        assert f'window.GuidekitFormulas["{calc_id}"]' not in own  # set on the shared object
        assert f'sets["{calc_id}"]=' in own
        assert not [other for other in calculators if other != calc_id and f'"{other}"' in own]
    assert "G.div" in bundles["items/calculator/brew-ratio.js"]
    assert "erlang_c" not in bundles["items/calculator/brew-ratio.js"]
    assert not [name for name, text in bundles.items()
                if '"brew-ratio"' in text and name != "items/calculator/brew-ratio.js"]
    assert '"brew-ratio"' not in site.formulas_script()
    assert "checklist.reset_question" in bundles["guidekit-checklist.js"]
    assert "checklist.reset_question" not in bundles["guidekit.js"]
    # The reading ticks' words travel with them; the file every page loads has none.
    assert "progress.nav_done" in bundles["guidekit-reading.js"]
    assert "GK.strings(" not in bundles["guidekit.js"]
    # The settings script every page loads is small: only where each widget's bundle is
    # (MkDocs links every page's stylesheets). Where nothing links them (a staged tree under
    # `zensical serve`), it names them too: each bundle's, and the static parts' to load at once.
    assert len(gzip.compress(site.formulas_script(unlinked_pages=False).encode())) < 350
    unlinked = site.formulas_script()
    assert '"guidekit-calculator.js":"guidekit-widgets.css guidekit-calculator.css"' in unlinked
    assert ('"static":["guidekit-article.css","guidekit-index.css","guidekit-pages.css",'
            '"guidekit-results.css","guidekit-snippet.css","guidekit-table.css"]') in unlinked
    assert len(gzip.compress(unlinked.encode())) < 450


def test_a_site_kinds_script_global_goes_into_the_bundle_that_reads_it(tmp_path: Path) -> None:
    """``Kind.script_globals`` (no kind of guidekit's uses it since script_sets): the global
    is appended to the bundle whose code reads it, with the runtime helpers it calls, set
    only if no other bundle set it first; other bundles do not carry it."""
    folder = tmp_path / "gadget"
    folder.mkdir()
    (folder / "90-gadget.js").write_text(
        "GK.register('gadget', function (root) { root.textContent = window.GuidekitGadget; });\n")
    kind: Kind[Any, Any] = Kind(
        name="gadget", plural="gadgets", model=TABLE.model, directory=folder,
        lazy_script="guidekit-gadget.js",
        script_globals=lambda catalog, checked: {
            "GuidekitGadget": "{half: function (v) { return G.div(v, 2); }}"})
    bundles = load_site(EXAMPLE, kinds=Registry([*DEFAULT.kinds, kind])).bundled_assets()
    gadget = bundles["guidekit-gadget.js"]
    assert "if(!window.GuidekitGadget)window.GuidekitGadget={half:function(v)" in gadget
    assert "var G={div:function(a,b)" in gadget and "erlang_c" not in gadget
    assert not [name for name, text in bundles.items()
                if "window.GuidekitGadget=" in text and name != "guidekit-gadget.js"]


def test_a_page_links_the_stylesheets_of_the_classes_it_uses() -> None:
    site = load_site(EXAMPLE)
    assets = site.page_assets()
    classes = assets.stylesheets
    html = PAGE.format(body='<div class="gk gk-matrix"><p class="gk-status">x</p></div>')
    # The parts widgets share come with any widget's own stylesheet, first.
    assert page_stylesheets(html, classes) == ["guidekit-widgets.css", "guidekit-matrix.css"]
    linked = link_page_assets(html, assets)
    soup = BeautifulSoup(linked, "html.parser")
    hrefs = [link["href"] for link in soup.head.select("link")]
    # Right after guidekit.css, so the site's own stylesheet, listed after, still wins.
    assert hrefs == ["../assets/guidekit/guidekit.css", "../assets/guidekit/guidekit-widgets.css",
                     "../assets/guidekit/guidekit-matrix.css",
                     f"../assets/guidekit/{PRINT_STYLESHEET}", "../extra.css"]
    assert soup.head.select_one(f'link[href$="{PRINT_STYLESHEET}"]')["media"] == "print"
    marker = soup.select_one("article [data-gk-styles]")
    assert marker is not None
    assert marker["data-gk-styles"] == "guidekit-widgets.css guidekit-matrix.css"
    assert marker.has_attr("hidden")
    # Again (the print edition, filled later): nothing twice.
    assert link_page_assets(linked, assets) == linked
    # A class several stylesheets style (gk-menu: the shared parts and the calculator's)
    # alone links none of them; a page without widgets links none.
    for body in ('<details class="gk-menu"></details>', '<p class="gk-reading">x</p>'):
        plain = PAGE.format(body=body)
        assert page_stylesheets(plain, classes) == []
        assert "data-gk-styles" not in link_page_assets(plain, assets)
    # A plain table (a chapter's) links the tables' part alone: neither the widgets' shared
    # parts nor a matrix's rules; a matrix links all three, the tables' before its own.
    table = PAGE.format(body='<div class="gk gk-table"><p class="gk-table__title">x</p></div>')
    assert page_stylesheets(table, classes, assets.standalone) == ["guidekit-table.css"]
    matrix = PAGE.format(body='<div class="gk gk-table gk-matrix"><p class="gk-table__title">'
                              'x</p></div>')
    assert page_stylesheets(matrix, classes, assets.standalone) == [
        "guidekit-widgets.css", "guidekit-table.css", "guidekit-matrix.css"]
    # A what-if's table frame is the tables' part's too, with its own stylesheet.
    whatif = PAGE.format(body='<div class="gk gk-whatif"><div class="gk-whatif__scroll"></div>'
                              '</div>')
    assert page_stylesheets(whatif, classes, assets.standalone) == [
        "guidekit-widgets.css", "guidekit-table.css", "guidekit-whatif.css"]
    # A what-if's results are the shared result cards: their part, not a calculator's styles.
    results = PAGE.format(body='<div class="gk gk-whatif"><dl class="gk-results">'
                               '<div class="gk-result"></div></dl></div>')
    assert page_stylesheets(results, classes, assets.standalone) == [
        "guidekit-widgets.css", "guidekit-results.css", "guidekit-whatif.css"]
    # An entity's facts and links: the generated pages' part, alone (no widget on the page).
    entity = PAGE.format(body='<dl class="gk-facts"></dl><ul class="gk-links"></ul>')
    assert page_stylesheets(entity, classes, assets.standalone) == ["guidekit-pages.css"]
    # A part only the shared sheet styles (a status line) links it alone.
    status = PAGE.format(body='<div class="gk"><p class="gk-status">x</p></div>')
    assert page_stylesheets(status, classes) == ["guidekit-widgets.css"]
    # Without guidekit.css (assets off) the page is left alone.
    bare = "<html><head></head><body><div class='gk-matrix'></div></body></html>"
    assert link_page_assets(bare, assets) == bare


def test_a_page_preloads_the_scripts_of_the_widgets_it_holds() -> None:
    """The core fetches a widget's bundle only after guidekit.js has run; the head names it
    first, so a slow network fetches both at once."""
    assets = load_site(EXAMPLE).page_assets()
    body = ('<div class="gk" data-gk="flashcards"></div><div class="gk" data-gk="calculator" '
            'data-gk-needs="items/calculator/a.js"></div><div class="gk" data-gk="flashcards">'
            '</div><div class="gk" data-gk="table" data-gk-needs="items/calculator/a.js"></div>')
    soup = BeautifulSoup(link_page_assets(PAGE.format(body=body), assets), "html.parser")
    preloads = [(link["href"], link["as"]) for link in soup.head.select('link[rel="preload"]')]
    assert preloads == [("../assets/guidekit/guidekit-flashcards.js", "script"),
                        ("../assets/guidekit/guidekit-calculator.js", "script"),
                        ("../assets/guidekit/items/calculator/a.js", "script")]
    # A page without lazy widgets (a table is in guidekit.js) preloads nothing.
    plain = link_page_assets(PAGE.format(body='<div class="gk" data-gk="table"></div>'), assets)
    assert 'rel="preload"' not in plain


def test_the_assets_command_keeps_every_style_in_guidekit_css() -> None:
    bundles = load_site(EXAMPLE).bundled_assets(one_stylesheet=True)
    assert not [name for name in bundles if name.endswith(".css") and name != STYLESHEET]
    assert ".gk-matrix" in bundles[STYLESHEET] and "@media print" in bundles[STYLESHEET]
