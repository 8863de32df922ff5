"""Quality gates for built guidekit sites.

Every ``check_*`` function returns a list of human-readable problems; a gate passes when the
list is empty, so tests do ``assert not problems, "\\n".join(problems)``.

* ``check_links(site_dir, base_path="/")`` - internal links, anchors and resources resolve;
  nothing is loaded off-site.
* ``check_html(site_dir)`` - html5lib parse errors that matter; duplicate/empty ids.
* ``check_axe(page)`` - axe-core serious/critical violations of the page loaded in ``page``.
* ``check_offline_requests(monitor)`` / ``check_console_errors(monitor)`` - what a
  ``PageMonitor`` attached to a browser context recorded.
* ``take_screenshots(browser, base_url, paths, out_dir)`` - desktop/mobile x light/dark PNGs.
"""

from .axe import (
    MATERIAL_CHROME,
    axe_scan,
    axe_violations,
    check_axe,
    format_violation,
    run_axe,
    summarize_violations,
)
from .browser import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    DESKTOP,
    MOBILE,
    PageMonitor,
    check_console_errors,
    check_offline_requests,
    is_local_url,
)
from .build import (
    BuildError,
    BuildResult,
    build_site,
    build_site_expect_failure,
    run_mkdocs_build,
    site_base_path,
)
from .links import check_links
from .pages import html_pages, page_path, page_url
from .screenshots import Shot, take_screenshots
from .serve import serve_directory
from .wellformed import IGNORED_ERRORS, check_html, check_html_document

__all__ = [
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "DESKTOP",
    "IGNORED_ERRORS",
    "MATERIAL_CHROME",
    "MOBILE",
    "BuildError",
    "BuildResult",
    "PageMonitor",
    "Shot",
    "axe_scan",
    "axe_violations",
    "build_site",
    "build_site_expect_failure",
    "check_axe",
    "check_console_errors",
    "check_html",
    "check_html_document",
    "check_links",
    "check_offline_requests",
    "format_violation",
    "html_pages",
    "is_local_url",
    "page_path",
    "page_url",
    "run_axe",
    "run_mkdocs_build",
    "serve_directory",
    "site_base_path",
    "summarize_violations",
    "take_screenshots",
]
