"""Full-page screenshots at desktop and mobile widths, light and dark colour schemes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .browser import DESKTOP, MOBILE, PageMonitor

VIEWPORTS: dict[str, dict[str, int]] = {"desktop": DESKTOP, "mobile": MOBILE}
SCHEMES = ("light", "dark")


@dataclass
class Shot:
    """One screenshot: file, page, viewport name, requested scheme, and the Material palette
    actually applied (``<body data-md-color-scheme>``, e.g. ``default``/``slate``; None on
    non-Material pages)."""

    path: Path
    url: str
    viewport: str
    scheme: str
    md_color_scheme: str | None


def shot_name(path: str) -> str:
    """File-name stem for a site path: ``""`` -> ``home``, ``a/b/`` -> ``a_b``."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", path.strip("/")).strip("_")
    return stem or "home"


def take_screenshots(
    browser: Any,
    base_url: str,
    paths: Iterable[str],
    out_dir: Path | str,
    viewports: dict[str, dict[str, int]] | None = None,
    schemes: Iterable[str] = SCHEMES,
    monitor: PageMonitor | None = None,
) -> list[Shot]:
    """Write ``<name>-<viewport>-<scheme>.png`` full-page PNGs of each site path into
    ``out_dir`` and return the ``Shot`` records.

    The colour scheme is set with ``page.emulate_media(color_scheme=...)`` in a fresh
    context (empty localStorage, so Material's stored ``__palette`` choice cannot override
    the ``media: "(prefers-color-scheme: ...)"`` palettes). ``monitor`` (optional) is attached
    to every context, so off-site requests and console errors are recorded too.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Shot] = []
    path_list = list(paths)
    for vp_name, viewport in (viewports or VIEWPORTS).items():
        for scheme in schemes:
            context = browser.new_context(
                viewport=viewport,
                color_scheme=scheme,
                reduced_motion="reduce",
                service_workers="block",
            )
            try:
                if monitor is not None:
                    monitor.attach(context)
                page = context.new_page()
                page.emulate_media(color_scheme=scheme)
                for path in path_list:
                    url = base_url.rstrip("/") + "/" + path.lstrip("/")
                    page.goto(url, wait_until="load")
                    page.evaluate("() => document.fonts ? document.fonts.ready.then(() => 0) : 0")
                    md_scheme = page.evaluate(
                        "() => document.body && document.body.getAttribute('data-md-color-scheme')"
                    )
                    file = out / f"{shot_name(path)}-{vp_name}-{scheme}.png"
                    page.screenshot(path=str(file), full_page=True, animations="disabled")
                    shots.append(Shot(file, url, vp_name, scheme, md_scheme))
            finally:
                context.close()
    return shots
