"""Each kind of widget, driven once on the guide built by MkDocs and once on the guide built by
Zensical (generate, zensical build, postbuild): the same steps pass on both. The builds are
the session fixtures ``guide_url`` and ``zensical_guide_url`` (tests/conftest.py); the
detailed behaviour of each widget is tested on the MkDocs build in its own file.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from guidekit.core import load_site
from tests.browser.conftest import open_widgets
from tests.browser.test_decision import answer, question
from tests.conftest import REPO_ROOT

# The Zensical build is made once, in the worker that runs every test asking for it.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("zensical_guide")]
ENGINES = ("mkdocs", "zensical")


@pytest.fixture(params=ENGINES)
def site_url(request: pytest.FixtureRequest) -> str:
    name = "guide_url" if request.param == "mkdocs" else "zensical_guide_url"
    return str(request.getfixturevalue(name))


def test_checklist_tick_is_counted_and_kept(page: Any, site_url: str) -> None:
    open_widgets(page, site_url + "checklists/requirements/")
    root = page.locator('[data-gk="checklist"]').first
    progress = root.locator("[data-gk-progress-text]")
    expect(progress).to_contain_text("0 of ")
    root.locator("input[data-gk-check]").first.check()
    expect(progress).to_contain_text("1 of ")
    open_widgets(page, page.url)
    expect(page.locator('[data-gk="checklist"] input[data-gk-check]').first).to_be_checked()


def test_calculator_recomputes(page: Any, site_url: str) -> None:
    open_widgets(page, site_url + "calculators/capacity/")
    root = page.locator('[data-gk="calculator"]').first
    output = root.locator("output[data-gk-output]").first
    before = output.text_content()
    field = root.locator("[data-gk-input]").first
    field.fill(str(float(field.input_value() or "1") * 10))
    expect(output).not_to_have_text(str(before))


def test_matrix_filters(page: Any, site_url: str) -> None:
    open_widgets(page, site_url + "matrices/databases/")
    root = "[data-gk-id=databases]"
    page.locator(f"{root} [data-gk-filter]").fill("petabytes write")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-gk-id=databases] [data-gk-table] tbody tr')]"
        ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.gkRow).join()"
        " === 'cassandra'")


def test_decision_asks_the_next_question(page: Any, site_url: str) -> None:
    wizard = "#decision-database-selection [data-gk-wizard]"
    open_widgets(page, site_url + "decisions/database-selection/")
    assert question(page, wizard) == "Need ACID transactions?"
    answer(page, "Yes", wizard)
    expect(page.locator(f"{wizard} .gk-wizard__question")).to_have_text(
        "Need complex queries/joins?")


def test_whatif_lowers_the_availability(page: Any, site_url: str) -> None:
    root = '[data-gk="whatif"][data-gk-id="ecommerce-checkout"]'
    open_widgets(page, site_url + "industry-templates/ecommerce/")
    figure = page.locator(f'{root} [data-gk-output="availability"]')
    before = float(str(figure.get_attribute("data-value")))
    page.fill("#gk-wi-ecommerce-checkout-a4", "99")
    page.fill("#gk-wi-ecommerce-checkout-r4", "1")
    page.wait_for_function(
        "([sel, before]) => parseFloat(document.querySelector(sel).dataset.value) < before",
        arg=[f'{root} [data-gk-output="availability"]', before])


def test_flashcard_shows_its_answer(page: Any, site_url: str) -> None:
    open_widgets(page, site_url + "flashcards/targets/")
    root = page.locator('[data-gk="flashcards"]').first
    root.locator('[data-gk-action="flip"]').click()
    expect(root.locator('[data-gk-action="right"]')).to_be_visible()


def test_progress_counts_a_page_read(page: Any, site_url: str) -> None:
    open_widgets(page, site_url + "methodology/")
    page.get_by_label("I have read this page").check()
    expect(page.locator(".md-nav--primary a.gk-nav-done").first).to_be_attached()
    open_widgets(page, site_url)
    expect(page.locator("#progress-nav [data-gk-progress-text]")).to_contain_text("1 of ")


# What postbuild adds to a page: the links of its stylesheets and preloads in the head, and
# the marker naming its stylesheets in its content.
UNLINKED_LINKS = re.compile(r"""<link rel="(?:stylesheet|preload)"[^>]*assets/guidekit/"""
                            r"""guidekit-(?!formulas)[\w-]+\.(?:css|js)"[^>]*>"""
                            r"""|<div hidden data-gk-styles="[^"]*"></div>""")


def test_a_page_served_unlinked_gets_its_stylesheets_from_the_core(
    page: Any, guide_url: str
) -> None:
    """Under `zensical serve` no postbuild links a page's stylesheets (nor the print one): the
    settings name each bundle's and each static part's, and the core loads them. Here the
    MkDocs build is served that way: its pages without those links, its settings as the
    staged tree writes them."""
    settings = load_site(REPO_ROOT / "data").formulas_script("assets/vendor/mermaid.min.js")

    def unlinked(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=UNLINKED_LINKS.sub("", response.text()))

    page.route("**/*/", unlinked)
    page.route("**/guidekit-formulas.js", lambda route: route.fulfill(
        body=settings, content_type="text/javascript"))
    open_widgets(page, guide_url + "technologies/")
    assert not page.locator("[data-gk-styles]").count()
    expect(page.locator('link[href$="guidekit-index.css"]')).to_be_attached()
    expect(page.locator("ul.gk-cards").first).to_have_css("display", "grid")
    open_widgets(page, guide_url + "calculators/capacity/")
    for name in ("guidekit-widgets.css", "guidekit-calculator.css"):
        expect(page.locator(f'link[href$="{name}"]')).to_be_attached()
    assert not page.locator('link[href$="guidekit-print.css"]').count()
    expect(page.locator('[data-gk="calculator"]').first).to_have_css("border-top-style", "solid")
