"""A Python-Markdown extension that expands ```guidekit fences without the MkDocs plugin.

For generators that run Python-Markdown extensions but not MkDocs plugins, Zensical first::

    markdown_extensions:
      - guidekit.markdown:
          data_dir: data          # relative to the folder of the configuration file

It renders every widget exactly as the plugin does (same portable core, same templates).
What it cannot do is what needs a whole-site build: generated pages, auto-links, navigation,
search rows, and adding the scripts; ``python -m guidekit assets DIR`` writes those files
for the site to list in ``extra_javascript`` and ``extra_css``.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .core import Site
from .data.loader import DataError
from .embeds import EmbedError
from .standalone import (
    page_location,
    project_root,
    site_for,
    staged_build,
    staged_detached,
    theme_language,
)

# Python-Markdown preprocessors run from the highest priority down: Zensical's macros
# extension runs at 35 (so a macro may write a fence), pymdownx.superfences and fenced_code
# take fences at 31.05 and 25; normalize_whitespace is at 30.
PRIORITY = 33


class GuidekitError(ValueError):
    """A fence or the data is wrong: the message names the page (and line, or every problem)."""


class GuidekitPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: GuidekitExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "guidekit" not in text:
            return lines
        context = _rendering_context(self.md)
        page = getattr(context, "page", None)
        src, url = page_location(page) if page is not None else ("", "")
        site = self.extension.site(getattr(context, "config", None))
        try:
            place = not any(fnmatch.fnmatch(src, glob) for glob in self.extension.detached(
                getattr(context, "config", None)))
            return site.expand_embeds(text, src, url, place=place).split("\n")
        except (EmbedError, KeyError) as error:
            message = error.args[0] if error.args else str(error)
            raise GuidekitError(f"guidekit: {src or '<text>'}: {message}") from None


class GuidekitExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "data_dir": ["data", "Folder of the YAML data, relative to the configuration "
                                 "file's folder (or to the working directory)."],
            "use_directory_urls": [None, "Whether pages are at dir/ rather than dir.html; "
                                         "default: the site's configuration, else true."],
            "storage_namespace": ["", "Prefix of the browser storage keys; default: the "
                                      "site name, as with the plugin."],
            "language": ["", "Language of the widgets' own words (en, fr); default: the "
                             "theme's language, else English."],
            "build_file": ["", "The staged build's guidekit-build.json (written by python -m "
                               "guidekit generate), relative to the configuration's folder: "
                               "where items are placed and the pages' titles, so widgets link "
                               "as the plugin's do."],
        }
        super().__init__(**kwargs)

    def site(self, conf: Any) -> Site:
        """The loaded data, for the site whose configuration is ``conf`` (None outside a
        site generator: paths are then relative to the working directory)."""
        root = project_root(conf) if conf is not None else Path.cwd()
        data_dir = root / self.getConfig("data_dir")
        directory_urls = self.getConfig("use_directory_urls")
        if directory_urls is None:
            directory_urls = _setting(conf, "use_directory_urls", True)
        namespace = (self.getConfig("storage_namespace")
                     or _setting(conf, "site_name", "") or "guidekit")
        language = self.getConfig("language") or theme_language(conf)
        try:
            site = site_for(data_dir, use_directory_urls=bool(directory_urls),
                            namespace=str(namespace), language=language,
                            item_pages=bool(self.getConfig("build_file")))
        except DataError as error:
            raise GuidekitError(f"guidekit: {len(error.problems)} problem(s) in {data_dir}:\n  "
                                + "\n  ".join(error.problems)) from None
        if self.getConfig("build_file"):
            site.build = staged_build(root / self.getConfig("build_file"))
        return site

    def detached(self, conf: Any) -> list[str]:
        """The staged build's ``detached`` globs: those pages place no item (as the plugin)."""
        if not self.getConfig("build_file"):
            return []
        root = project_root(conf) if conf is not None else Path.cwd()
        return staged_detached(root / self.getConfig("build_file"))

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(GuidekitPreprocessor(md, self), "guidekit", PRIORITY)


def _rendering_context(md: Markdown) -> Any:
    """Zensical's per-page context (``.page`` with ``path``/``url``, ``.config``), found by
    name so that this module never imports Zensical."""
    try:
        return md.preprocessors["rendering_context"]
    except KeyError:
        return None


def _setting(conf: Any, key: str, default: Any) -> Any:
    if conf is None:
        return default
    getter = getattr(conf, "get", None)
    value = getter(key) if callable(getter) else getattr(conf, key, None)
    return default if value is None else value


def makeExtension(**kwargs: Any) -> GuidekitExtension:
    return GuidekitExtension(**kwargs)
