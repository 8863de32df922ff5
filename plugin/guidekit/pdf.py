"""Write a built site's print edition as one PDF with headless Chromium, offline.

    python -m guidekit.pdf SITE_DIR OUTPUT.pdf [--page print/] [--chromium /usr/bin/chromium]

The site is served from SITE_DIR on 127.0.0.1 (so scripts and styles load as on the web),
Chromium runs with a fresh profile, no network beyond loopback, and prints the print page
(the plugin's ``print`` option) with the PDF outline drawn from its headings: the chapters
become the PDF's bookmarks, beside the table of contents on its first page.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("GUIDEKIT_CHROMIUM", "/usr/bin/chromium")
# No sandbox: CI runs as root in a container; the page is our own site, served locally.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-extensions",
    "--disable-sync", "--mute-audio",
    # Offline: any host but loopback fails to resolve, so nothing leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
PRINT_FLAGS = ("--no-pdf-header-footer", "--generate-pdf-document-outline",
               # Lets the page's scripts run (widgets start, timers fire) before printing.
               "--virtual-time-budget=15000")


class PdfError(RuntimeError):
    """Chromium failed or wrote nothing; the message holds its output."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the stdlib's name for the parameter; requests are not worth a line each


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 at a free port; yields the base URL (ends with /)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def find_print_page(site_dir: Path) -> str:
    """The print page's URL path in a built site (``print/`` or ``print.html``)."""
    for candidate, url in (("print/index.html", "print/"), ("print.html", "print.html")):
        if (site_dir / candidate).is_file():
            return url
    raise PdfError(f"{site_dir} has no print page: turn on the guidekit option print.enabled "
                   "(and pass --page if print.page is not print.md)")


def chromium_command(chromium: str, url: str, output: Path, profile: Path) -> list[str]:
    return [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *PRINT_FLAGS,
            f"--print-to-pdf={output}", url]


def write_pdf(site_dir: Path | str, output: Path | str, page: str | None = None,
              chromium: str = CHROMIUM, timeout: float = 600) -> Path:
    """Print the site's print page to ``output``; returns its path."""
    site = Path(site_dir).resolve()
    target = Path(output).resolve()
    if shutil.which(chromium) is None and not Path(chromium).is_file():
        raise PdfError(f"{chromium} not found: install Debian's chromium (apt-get install "
                       "chromium) or set GUIDEKIT_CHROMIUM")
    page = page or find_print_page(site)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="guidekit-pdf-") as profile, serve(site) as base:
        command = chromium_command(chromium, base + page.lstrip("/"), target, Path(profile))
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired as error:
            raise PdfError(f"chromium did not finish within {timeout:.0f} s") from error
    if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise PdfError(f"chromium exited {result.returncode} without writing {target}:\n"
                       f"{result.stdout}{result.stderr}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidekit.pdf", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build's site_dir)")
    parser.add_argument("output", type=Path, help="the PDF to write")
    parser.add_argument("--page", help="URL path of the print page (default: found)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser (default {CHROMIUM})")
    options = parser.parse_args(argv)
    try:
        path = write_pdf(options.site_dir, options.output, options.page, options.chromium)
    except PdfError as error:
        print(f"guidekit.pdf: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
