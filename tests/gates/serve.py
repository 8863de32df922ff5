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
    """SimpleHTTPRequestHandler without request logging and without client caching."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class StaticServer:
    """Serve ``directory`` on ``127.0.0.1:<free port>`` from a daemon thread."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory).resolve()
        if not self.directory.is_dir():
            raise FileNotFoundError(f"cannot serve missing directory {self.directory}")
        handler = functools.partial(QuietHandler, directory=str(self.directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, name=f"serve:{self.directory.name}", daemon=True
        )
        self.thread.start()

    @property
    def base_url(self) -> str:
        port = self.httpd.server_address[1]
        return f"http://127.0.0.1:{port}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@contextmanager
def serve_directory(directory: Path | str) -> Iterator[str]:
    """Context manager: serve ``directory`` and yield its base URL (ending with ``/``)."""
    server = StaticServer(directory)
    try:
        yield server.base_url
    finally:
        server.stop()
