"""mkdocs-macros pluglet: widgets as macros and the data as variables.

Enable with ``plugins: - macros: {modules: [guidekit.macros]}``. The same module works under
Zensical's macros extension (same ``define_env`` API). With the guidekit plugin active the
loaded data is shared; without it (e.g. Zensical) the pluglet loads ``data/`` itself.

In a page (with ``render_macros: true`` when macros render pages on request only)::

    {{ checklist("requirements") }}   {{ calculator("capacity") }}   {{ matrix("databases") }}
    {{ decision("database-selection") }}   {{ table("latency-targets") }}
    {{ deck("targets") }}   {{ drill("capacity") }}
    {{ entity_link("postgresql") }}   {{ guidekit.entities["redis"].name }}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from .core import Site, load_site
from .data.loader import DataError


def _shared_site(env: Any) -> Site | None:
    plugins = getattr(env.conf, "plugins", {}) if hasattr(env, "conf") else {}
    plugin = plugins.get("guidekit") if hasattr(plugins, "get") else None
    return getattr(plugin, "site", None)


def _own_site(env: Any) -> Site:
    config_file = env.conf.get("config_file_path") or "mkdocs.yml"
    extra = env.conf.get("extra", {}) or {}
    data_dir = Path(config_file).parent / extra.get("guidekit_data_dir", "data")
    try:
        theme = env.conf.get("theme") or {}
        language = theme.get("language") if hasattr(theme, "get") else None
        return load_site(data_dir, use_directory_urls=env.conf.get("use_directory_urls", True),
                         language=extra.get("guidekit_language") or language)
    except DataError as error:
        raise SystemExit("guidekit: " + "\n  ".join(error.problems)) from None


def define_env(env: Any) -> None:
    """Register guidekit's macros and the ``guidekit`` variable."""
    cache: dict[str, Site] = {}

    def site() -> Site:
        shared = _shared_site(env)
        if shared is not None:
            return shared
        if "own" not in cache:
            cache["own"] = _own_site(env)
        return cache["own"]

    def page_info() -> tuple[str, str]:
        page = env.page
        return page.file.src_uri, page.url

    def embed(kind: str) -> Any:
        def render(item_id: str) -> Markup:
            src, url = page_info()
            html = site().render_embed(kind, item_id, src, url)
            # Blank lines around: the HTML must stand as its own block in the Markdown.
            return Markup("\n\n" + html + "\n\n")

        render.__name__ = kind
        render.__doc__ = f"Embed the {kind} with this id."
        return render

    for kind in ("table", "checklist", "calculator", "decision", "list", "snippet", "diagram",
                 "worksheet", "progress", "deck", "drill"):
        env.macro(embed(kind), kind)
    env.macro(embed("table"), "matrix")

    def entity_link(entity_id: str, label: str | None = None) -> Markup:
        """A link to an entity's page from the current page."""
        _, url = page_info()
        return site().entity_link(entity_id, url, label)

    env.macro(entity_link)
    env.variables["guidekit"] = _Data(site)


class _Data:
    """Read-only view of the data for templates: ``guidekit.entities``, ``guidekit.tables``..."""

    def __init__(self, site: Any) -> None:
        self._site = site

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._site().catalog, name)
