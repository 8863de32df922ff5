"""Finding the pages of a built site and turning them into URLs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

HTML_SUFFIXES = (".html", ".htm")


def html_pages(site_dir: Path | str) -> list[Path]:
    """Every .html/.htm file under ``site_dir``, sorted by relative path."""
    root = Path(site_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"site directory does not exist: {root}")
    return sorted(
        (p for p in root.rglob("*") if p.suffix.lower() in HTML_SUFFIXES and p.is_file()),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def page_path(site_dir: Path | str, page: Path) -> str:
    """The URL path (relative to the site root, no leading slash) that serves ``page``.

    ``index.html`` files become their directory URL: ``a/b/index.html`` -> ``a/b/``,
    the root ``index.html`` -> ``""``.
    """
    rel = page.relative_to(Path(site_dir)).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return quote(rel)


def page_url(base_url: str, site_dir: Path | str, page: Path) -> str:
    """Absolute URL of ``page`` when ``site_dir`` is served at ``base_url``."""
    return base_url.rstrip("/") + "/" + page_path(site_dir, page)
