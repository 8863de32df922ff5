"""Shared pytest fixtures for guidekit: building sites, serving them, driving headless Chromium.

Fixtures (see each docstring):

==================  ========  =======================================================
fixture             scope     gives
==================  ========  =======================================================
``repo_root``       session   Path of the repository (the directory holding mkdocs.yml)
``chromium_path``   session   Path of Debian's Chromium; fails (never skips) if missing
``playwright``      session   the started sync Playwright object
``browser``         session   one headless Chromium for the whole session
``page_monitor``    function  PageMonitor: off-site requests + console errors of ``context``
``context``         function  a fresh BrowserContext (1280x800, light), monitored
``page``            function  a new page in ``context``
``offsite_requests``function  the list of off-site requests recorded so far
``console_errors``  function  the list of console errors / uncaught errors so far
``serve_dir``       function  ``serve_dir(path, base_path="/") -> base_url`` on 127.0.0.1
``build_site``      function  ``build_site(project_dir, site_dir=None, strict=True)``
``build_site_fails``function  same, but expects the build to fail and returns its result
``guide_build``     session   BuildResult of the repo's own site, built once (--strict)
``guide_site``      session   its site directory (Path)
``guide_base_path`` session   the path of its ``site_url`` (e.g. ``/system-design-guide/``)
``guide_url``       session   base URL serving ``guide_site`` under ``guide_base_path``
``guide_walk``      session   Walk: every page of ``guide_site`` loaded once at 1366 px
                              and once at 390 px, and checked (tests/gates/walk.py)
``zensical_guide``  session   ZensicalBuild of the repo's site: generate, zensical build,
                              postbuild (tests/gates/zensical.py), built once
``zensical_guide_url`` session  base URL serving it under ``guide_base_path``
``artifacts_dir``   session   ``<repo>/test-artifacts`` (gitignored)
==================  ========  =======================================================

Offline guarantee: every ``context`` is monitored. Requests to any host but loopback are
aborted and recorded; at teardown the test fails if there were any, and also if the pages
logged console errors or threw uncaught exceptions. Opt out per test with
``@pytest.mark.allow_offsite_requests`` / ``@pytest.mark.allow_console_errors`` (then assert
on ``offsite_requests`` / ``console_errors`` yourself).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gates import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    DESKTOP,
    BuildResult,
    PageMonitor,
    build_site_expect_failure,
    check_console_errors,
    check_offline_requests,
    run_mkdocs_build,
    serve_directory,
)
from tests.gates import build_site as _build_site
from tests.gates.axe import chrome_exclusions
from tests.gates.layout_shift import widget_pages
from tests.gates.pages import page_path
from tests.gates.readerview import GUIDE_MANUAL
from tests.gates.serve import StaticServer
from tests.gates.walk import LAPTOP, PHONE, Walk, walk_site
from tests.gates.walk import Pass as WalkPass
from tests.gates.zensical import ZensicalBuild, build_with_zensical

REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "allow_offsite_requests: do not fail the test on off-site browser requests"
    )
    config.addinivalue_line(
        "markers", "allow_console_errors: do not fail the test on browser console errors"
    )
    config.addinivalue_line(
        "markers", "site: runs a quality gate over the real guide site (builds it once)"
    )


# Session fixtures that cost minutes: under pytest-xdist (`make test` runs two workers) each
# worker would make its own, so every test that asks for one goes to the same worker.
_SHARED_ONCE = ("guide_walk", "zensical_guide")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        needs = [name for name in _SHARED_ONCE if name in getattr(item, "fixturenames", ())]
        if needs:
            item.add_marker(pytest.mark.xdist_group(needs[0]))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (parent of tests/), wherever the clone lives."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def artifacts_dir(repo_root: Path) -> Path:
    """``<repo>/test-artifacts``: screenshots and other files meant for a human to look at."""
    path = repo_root / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Path of Debian's Chromium (``/usr/bin/chromium``; override with $GUIDEKIT_CHROMIUM).

    Browser tests never skip: if Chromium is missing the test fails, telling how to install.
    """
    if not CHROMIUM_PATH.exists():
        pytest.fail(
            f"{CHROMIUM_PATH} is missing: browser tests need Debian's Chromium. Run "
            "`bash .ci/run` (it installs it) or `apt-get update && apt-get install -y chromium`.",
            pytrace=False,
        )
    return CHROMIUM_PATH


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """The sync Playwright driver, started once per session."""
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()


@pytest.fixture(scope="session")
def browser(playwright: Any, chromium_path: Path) -> Iterator[Any]:
    """One headless Chromium (Debian's, no Playwright download) shared by the session."""
    instance = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture
def page_monitor() -> PageMonitor:
    """The ``PageMonitor`` that ``context`` attaches: ``.offsite_requests``, ``.console_errors``."""
    return PageMonitor()


@pytest.fixture
def context(
    browser: Any, page_monitor: PageMonitor, request: pytest.FixtureRequest,
    serve_dir: Callable[..., str],
) -> Iterator[Any]:
    """A fresh browser context per test (desktop 1280x800, light scheme, empty storage).

    Off-site requests are aborted and recorded; at teardown the test fails if any were made
    (unless marked ``allow_offsite_requests``) or if pages logged console errors / threw
    (unless marked ``allow_console_errors``).

    ``serve_dir`` is asked for first so that its servers stop after the context closes: a
    test that took ``page`` before its server's URL stopped the server while the page was
    still open, and the browser's late favicon request was reset (a console error).
    """
    ctx = browser.new_context(
        viewport=DESKTOP,
        color_scheme="light",
        locale="en-US",
        reduced_motion="reduce",
        service_workers="block",
    )
    ctx.set_default_timeout(15_000)
    ctx.set_default_navigation_timeout(30_000)
    page_monitor.attach(ctx)
    try:
        yield ctx
    finally:
        ctx.close()
    problems: list[str] = []
    if request.node.get_closest_marker("allow_offsite_requests") is None:
        problems += check_offline_requests(page_monitor)
    if request.node.get_closest_marker("allow_console_errors") is None:
        problems += check_console_errors(page_monitor)
    if problems:
        pytest.fail("browser monitor:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def page(context: Any) -> Any:
    """A new page in this test's ``context`` (so it is monitored)."""
    return context.new_page()


@pytest.fixture
def offsite_requests(page_monitor: PageMonitor) -> list[str]:
    """Off-site requests recorded in this test's context (live list: read it after loading)."""
    return page_monitor.offsite_requests


@pytest.fixture
def console_errors(page_monitor: PageMonitor) -> list[str]:
    """Console errors and uncaught exceptions recorded in this test's context (live list)."""
    return page_monitor.console_errors


# --------------------------------------------------------------------------- serving


@pytest.fixture
def serve_dir() -> Iterator[Callable[..., str]]:
    """``serve_dir(path, base_path="/") -> base_url``: serve a directory (e.g. a built site)
    over HTTP on 127.0.0.1 at a free port, threaded and quiet, under URL path ``base_path``
    (use the site_url's path so that root-absolute links resolve). ``base_url`` ends with
    ``/``. Every server started by the test is stopped at teardown."""
    servers: list[StaticServer] = []

    def start(path: Path | str, base_path: str = "/") -> str:
        server = StaticServer(path, base_path)
        servers.append(server)
        return server.base_url

    yield start
    for server in servers:
        server.stop()


# --------------------------------------------------------------------------- building


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., BuildResult]:
    """``build_site(project_dir, site_dir=None, strict=True) -> BuildResult``.

    Runs ``python -m mkdocs build [--strict] -f <project_dir>/mkdocs.yml -d <site_dir>`` with
    this interpreter (the venv). ``site_dir`` defaults to a fresh directory under ``tmp_path``.
    Returns ``BuildResult(site_dir, output, returncode, ...)``; raises ``BuildError`` with
    the full output if the build fails."""
    counter = itertools.count()

    def build(
        project_dir: Path | str, site_dir: Path | str | None = None, strict: bool = True
    ) -> BuildResult:
        target = site_dir if site_dir is not None else tmp_path / f"site-{next(counter)}"
        return _build_site(project_dir, target, strict)

    return build


@pytest.fixture
def build_site_fails(tmp_path: Path) -> Callable[..., BuildResult]:
    """``build_site_fails(project_dir, site_dir=None, strict=True) -> BuildResult`` for tests
    of bad input: expects mkdocs to exit non-zero and returns the result (assert on
    ``.output``); raises ``BuildError`` if the build succeeded."""
    counter = itertools.count()

    def build(
        project_dir: Path | str, site_dir: Path | str | None = None, strict: bool = True
    ) -> BuildResult:
        target = site_dir if site_dir is not None else tmp_path / f"failed-site-{next(counter)}"
        return build_site_expect_failure(project_dir, target, strict)

    return build


@pytest.fixture(scope="session")
def guide_build(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own site, built once per session with ``mkdocs build --strict``
    into a temporary directory; the full log goes to test-artifacts/guide-build.log. If the
    build fails, every test using it errors with the build's warnings/errors and the tail of
    its output (it is never skipped). ``$GUIDEKIT_PROJECT`` (a directory with a mkdocs.yml,
    or the file) points the site gates at another project."""
    project = Path(os.environ.get("GUIDEKIT_PROJECT") or repo_root)
    site = tmp_path_factory.mktemp("guide") / "site"
    result = run_mkdocs_build(project, site, strict=True)
    log = repo_root / "test-artifacts" / "guide-build.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text(result.output, encoding="utf-8")
    if not result.ok:
        # Every test using this fixture reports the failure: keep it readable - all
        # WARNING/ERROR lines and the tail (tracebacks end there); the full log is on disk.
        lines = result.output.splitlines()
        tail = lines[-25:]
        flagged = [line for line in result.warnings if line not in tail]
        pytest.fail(
            f"guide site build failed (exit {result.returncode}): {' '.join(result.command)}\n"
            + "\n".join([*flagged, "...", *tail] if flagged else tail)
            + f"\n(full output: {log})",
            pytrace=False,
        )
    return result


@pytest.fixture(scope="session")
def guide_site(guide_build: BuildResult) -> Path:
    """Directory of the repository's own built site (see ``guide_build``)."""
    return guide_build.site_dir


@pytest.fixture(scope="session")
def guide_base_path(guide_build: BuildResult) -> str:
    """URL path the guide is deployed under: the path of its ``site_url`` (``/`` if none)."""
    return guide_build.base_path


@pytest.fixture(scope="session")
def guide_url(guide_site: Path, guide_base_path: str) -> Iterator[str]:
    """Base URL (ending with ``/``) of ``guide_site`` served on 127.0.0.1 for the session,
    under ``guide_base_path`` like the real deployment, with files the browser may keep as a
    host serves them (the site does not change during the session; each test's browser
    context has a cache of its own, and a context that routes requests keeps none). With
    ``no-store``, Chromium on a busy machine painted frames without the page's stylesheets
    (tests/browser/test_layout_shift.py)."""
    with serve_directory(guide_site, guide_base_path, cache=True) as url:
        yield url


@pytest.fixture(scope="session")
def guide_walk(browser: Any, guide_site: Path, guide_base_path: str) -> Walk:
    """Every page of the guide loaded once at 1366 px and once at 390 px, served with its
    ``_headers``: the reader view at both widths (flowcharts drawn at 1366 px only), axe at
    1366 px (Material's chrome on ``chrome_sample`` only), the policy violations and the
    layout shift of widget pages at both. The gates that read it (test_reader_view.py,
    test_site_gates.py, browser/test_csp.py, browser/test_layout_shift.py) each assert their
    part; asking for one of them runs the whole walk (about ten minutes on two cores)."""
    widgets = {page_path(guide_site, html) for html in widget_pages(guide_site)}
    # Flowcharts are drawn at the desktop width only: a label that fits there fits on a phone
    # (the drawing scales as a whole), and Mermaid's 2.6 MB on ~100 pages is a third of the
    # walk's time. tests/test_reader_view.py draws the bug pages' charts at both widths.
    passes = [
        WalkPass(**LAPTOP, axe=True, shift_for=widgets.__contains__,
                 exclude_for=chrome_exclusions(guide_site)),
        WalkPass(**PHONE, draw_charts=False, shift_for=widgets.__contains__),
    ]
    return walk_site(browser, guide_site, guide_base_path, passes, manual_prefixes=GUIDE_MANUAL)


@pytest.fixture(scope="session")
def zensical_guide(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> ZensicalBuild:
    """The repository's own site built with Zensical, once per session: ``python -m guidekit
    generate`` into a staging folder in tmp, ``zensical build`` of it, ``python -m guidekit
    postbuild``; the log goes to test-artifacts/zensical-build.log."""
    result = build_with_zensical(repo_root / "mkdocs.yml", tmp_path_factory.mktemp("zensical"))
    log = repo_root / "test-artifacts" / "zensical-build.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text(result.output, encoding="utf-8")
    return result


@pytest.fixture(scope="session")
def zensical_guide_url(zensical_guide: ZensicalBuild, guide_base_path: str) -> Iterator[str]:
    """Base URL of ``zensical_guide`` served under the same path as ``guide_url``."""
    with serve_directory(zensical_guide.site_dir, guide_base_path) as url:
        yield url
