"""Headless Chromium settings and the page monitor behind the offline/console-error gates.

The monitor is attached to a Playwright ``BrowserContext`` *before* any page opens, so it
sees every request of every page, frame and worker in that context:

* a request to any host other than loopback (127.0.0.0/8, ``localhost``, ``::1``) is
  recorded in ``offsite_requests`` and aborted, so no traffic leaves the machine;
* ``console.error`` messages and uncaught page errors are recorded in ``console_errors``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM_PATH = Path(os.environ.get("GUIDEKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    # No host but loopback resolves, so nothing can leave the machine even where a context
    # does not route requests to abort them (the every-page walk: tests/gates/walk.py).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})
_NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})


def is_local_url(url: str) -> bool:
    """True if fetching ``url`` stays on this machine (loopback host, or a non-network URL
    such as ``data:``, ``blob:``, ``about:``)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in _NETWORK_SCHEMES:
        return True
    host = (parts.hostname or "").lower().rstrip(".")
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class PageMonitor:
    """Records off-site requests and console errors of one browser context."""

    offsite_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, context: Any, block: bool = True) -> None:
        """Listen on ``context`` (call before opening pages); ``block`` aborts off-site
        requests instead of letting them go out."""
        context.on("request", self._on_request)
        context.on("console", self._on_console)
        context.on("weberror", self._on_weberror)
        if block:
            context.route(lambda url: not is_local_url(url), lambda route: route.abort())

    def _on_request(self, request: Any) -> None:
        if not is_local_url(request.url):
            frame_url = ""
            with contextlib.suppress(Exception):  # worker requests have no frame
                frame_url = request.frame.url
            where = f" (from {frame_url})" if frame_url else ""
            self.offsite_requests.append(f"{request.method} {request.url}{where}")

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            if where and location.get("lineNumber") is not None:
                where = f"{where}:{location['lineNumber']}"
            suffix = f" ({where})" if where else ""
            self.console_errors.append(f"console.error: {message.text}{suffix}")

    def _on_weberror(self, web_error: Any) -> None:
        page = web_error.page
        where = f" ({page.url})" if page is not None else ""
        self.console_errors.append(f"uncaught error: {web_error.error}{where}")


def check_offline_requests(monitor: PageMonitor) -> list[str]:
    """Gate: one problem per request that tried to leave the machine."""
    return [f"off-site request: {r}" for r in monitor.offsite_requests]


def check_console_errors(monitor: PageMonitor) -> list[str]:
    """Gate: one problem per console error or uncaught exception."""
    return list(monitor.console_errors)
