"""Fixtures for the widget browser tests: the mini fixture site (plain mkdocs theme) and its
Material + instant-navigation variant, each built once per session and served on 127.0.0.1,
plus ``new_context`` for extra monitored contexts (a "fresh browser" opening a shared link).

The Material variant is built with ``site_url`` set to the URL it is served at
(``GUIDEKIT_SITE_URL``): Material's instant navigation only intercepts links that match its
sitemap by host *and port*, so with another site_url every click would be a full page load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gates import DESKTOP, PageMonitor, check_console_errors, check_offline_requests
from tests.gates import build_site as _build_site
from tests.gates.serve import StaticServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = FIXTURES / "mini"
MINI_MATERIAL = FIXTURES / "mini-material"
READY = "[data-gk][data-gk-ready]"


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/mini built once with --strict (plain mkdocs theme)."""
    return _build_site(MINI, tmp_path_factory.mktemp("mini") / "site", True).site_dir


@pytest.fixture(scope="session")
def mini_url(mini_site: Path) -> Iterator[str]:
    """Base URL serving ``mini_site``."""
    server = StaticServer(mini_site)
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def material_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of tests/fixtures/mini-material (Material, navigation.instant), built with
    its site_url equal to the served URL so instant navigation really happens."""
    site = tmp_path_factory.mktemp("mini-material") / "site"
    site.mkdir()
    server = StaticServer(site)
    try:
        with pytest.MonkeyPatch.context() as patch:  # the build subprocess inherits os.environ
            patch.setenv("GUIDEKIT_SITE_URL", server.base_url)
            _build_site(MINI_MATERIAL, site, True)
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """``new_context(**options)``: another browser context (fresh storage), monitored like
    ``context``: the test fails on off-site requests or console errors in it."""
    made: list[tuple[Any, PageMonitor]] = []

    def make(**options: Any) -> Any:
        settings = {"viewport": DESKTOP, "locale": "en-US", "service_workers": "block"}
        settings.update(options)
        ctx = browser.new_context(**settings)
        ctx.set_default_timeout(15_000)
        monitor = PageMonitor()
        monitor.attach(ctx)
        made.append((ctx, monitor))
        return ctx

    yield make
    problems: list[str] = []
    for ctx, monitor in made:
        ctx.close()
        problems += check_offline_requests(monitor) + check_console_errors(monitor)
    if problems:
        pytest.fail("browser monitor:\n" + "\n".join(problems), pytrace=False)


def open_widgets(page: Any, url: str) -> Any:
    """Go to ``url`` and wait until every guidekit widget root on it has started."""
    page.goto(url)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-gk]').length > 0 && "
        "[...document.querySelectorAll('[data-gk]')].every(r => r.hasAttribute('data-gk-ready'))"
    )
    return page


def calculator_action(page: Any, root: str, action: str) -> None:
    """Open the calculator's actions menu (share, copy, reset) and click ``action``."""
    page.click(f"{root} [data-gk-controls] > summary")
    page.click(f"{root} [data-gk-action={action}]")


def clipboard_text(page: Any) -> str:
    """The clipboard's text (the context needs clipboard-read permission)."""
    return str(page.evaluate("navigator.clipboard.readText()"))


@pytest.fixture
def clipboard_context(new_context: Callable[..., Any], mini_url: str) -> Any:
    """A monitored context allowed to read and write the clipboard."""
    ctx = new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=mini_url.rstrip("/"))
    return ctx
