"""A quiet, threaded static HTTP server on 127.0.0.1 for serving a built site."""

from __future__ import annotations

import fnmatch
import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar


class QuietHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler without request logging and without client caching, serving
    the directory under URL path ``prefix`` (``/`` or e.g. ``/system-design-guide/``)."""

    prefix = "/"
    cache: ClassVar[bool] = False  # True: let the browser keep files (a gate that loads every page)
    # Send the headers the site's _headers file gives each path (read at each request, so a
    # site built after the server started, to match its site_url, gets them too).
    site_headers: ClassVar[bool] = False
    edit_headers: ClassVar[Callable[[str, str], str] | None] = None

    def header_rules(self) -> list[tuple[str, list[tuple[str, str]]]]:
        path = Path(self.directory) / "_headers"
        if not self.site_headers or not path.is_file():
            return []
        edit = type(self).edit_headers
        return [(pattern, [(name, edit(name, value) if edit else value)
                           for name, value in headers])
                for pattern, headers in read_headers_file(path)]

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
        path = "/" + self.path.split("?", 1)[0].split("#", 1)[0][len(self.prefix):]
        for pattern, headers in self.header_rules():
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()


def read_headers_file(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rules of a Netlify / Cloudflare Pages ``_headers`` file: a path pattern on its own
    line, then its headers indented as ``Name: value``; ``#`` starts a comment."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class _Server(ThreadingHTTPServer):
    # The standard backlog of 5 overflowed when Chromium opened a page's requests at once on a
    # loaded machine: a request now and then (the favicon, last in line) was reset.
    request_queue_size = 128


class StaticServer:
    """Serve ``directory`` on ``127.0.0.1:<free port>`` under ``base_path`` from a daemon
    thread (``base_path`` as in mkdocs' ``site_url``, so root-absolute links work)."""

    def __init__(self, directory: Path | str, base_path: str = "/",
                 site_headers: bool = False,
                 edit_headers: Callable[[str, str], str] | None = None,
                 cache: bool = False) -> None:
        """With ``site_headers``, responses carry the headers the site's ``_headers`` file
        gives their path (as Netlify and Cloudflare Pages send them); ``edit_headers(name,
        value)`` may change a value first (a test trying a stricter policy); ``cache`` lets
        the browser keep what it fetched."""
        self.directory = Path(directory).resolve()
        if not self.directory.is_dir():
            raise FileNotFoundError(f"cannot serve missing directory {self.directory}")
        stripped = base_path.strip("/")
        self.base_path = f"/{stripped}/" if stripped else "/"
        handler_class = type("PrefixedHandler", (QuietHandler,),
                             {"prefix": self.base_path, "site_headers": site_headers,
                              "edit_headers": staticmethod(edit_headers) if edit_headers
                              else None, "cache": cache})
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
    server = StaticServer(directory, base_path, cache=cache)
    try:
        yield server.base_url
    finally:
        server.stop()
