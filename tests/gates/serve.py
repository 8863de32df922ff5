"""A quiet, threaded static HTTP server on 127.0.0.1 for serving a built site."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler without request logging and without client caching, serving
    the directory under URL path ``prefix`` (``/`` or e.g. ``/system-design-guide/``)."""

    prefix = "/"
    cache = False  # True: let the browser keep files (a gate that loads every page)

    def translate_path(self, path: str) -> str:
        if self.prefix != "/":
            clean = path.split("?", 1)[0].split("#", 1)[0]
            if not (clean + "/").startswith(self.prefix):
                return str(Path(self.directory) / ".no-such-file-outside-prefix")
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600" if self.cache else "no-store")
        super().end_headers()


class _Server(ThreadingHTTPServer):
    # The standard backlog of 5 overflowed when Chromium opened a page's requests at once on a
    # loaded machine: a request now and then (the favicon, last in line) was reset.
    request_queue_size = 128


class StaticServer:
    """Serve ``directory`` on ``127.0.0.1:<free port>`` under ``base_path`` from a daemon
    thread (``base_path`` as in mkdocs' ``site_url``, so root-absolute links work)."""

    def __init__(self, directory: Path | str, base_path: str = "/", cache: bool = False) -> None:
        self.directory = Path(directory).resolve()
        if not self.directory.is_dir():
            raise FileNotFoundError(f"cannot serve missing directory {self.directory}")
        stripped = base_path.strip("/")
        self.base_path = f"/{stripped}/" if stripped else "/"
        handler_class = type("PrefixedHandler", (QuietHandler,),
                             {"prefix": self.base_path, "cache": cache})
        handler = functools.partial(handler_class, directory=str(self.directory))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, name=f"serve:{self.directory.name}", daemon=True
        )
        self.thread.start()

    @property
    def base_url(self) -> str:
        port = self.httpd.server_address[1]
        return f"http://127.0.0.1:{port}{self.base_path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@contextmanager
def serve_directory(directory: Path | str, base_path: str = "/",
                    cache: bool = False) -> Iterator[str]:
    """Context manager: serve ``directory`` and yield its base URL (ending with ``/``);
    ``cache`` lets the browser keep what it fetched (the default forbids it)."""
    server = StaticServer(directory, base_path, cache)
    try:
        yield server.base_url
    finally:
        server.stop()
