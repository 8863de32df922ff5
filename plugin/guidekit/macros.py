"""mkdocs-macros pluglet: widgets as macros and the data as variables.

Enable with ``plugins: - macros: {modules: [guidekit.macros]}``. The same module works under
Zensical's macros extension (same ``define_env`` API; Zensical calls it once per page, and
its page has ``path``/``url`` where MkDocs' has ``file.src_uri``/``url``). With the guidekit
plugin active the loaded data is shared; without it (e.g. Zensical) the pluglet loads
``data/`` itself, once per build (see standalone.py).

In a page (with ``render_macros: true`` when macros render pages on request only)::

    {{ checklist("requirements") }}   {{ calculator("capacity") }}   {{ matrix("databases") }}
    {{ decision("database-selection") }}   {{ table("latency-targets") }}
    {{ deck("targets") }}   {{ drill("capacity") }}
    {{ entity_link("postgresql") }}   {{ guidekit.entities["redis"].name }}
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .core import Site
from .data.loader import DataError
from .embeds import embed_names
from .standalone import page_location, project_root, site_for, theme_language


def _shared_site(env: Any) -> Site | None:
    plugins = getattr(env.conf, "plugins", {}) if hasattr(env, "conf") else {}
    plugin = plugins.get("guidekit") if hasattr(plugins, "get") else None
    return getattr(plugin, "site", None)


def _own_site(env: Any) -> Site:
    """Without the plugin (Zensical, or mkdocs-macros alone): load ``data/`` beside the
    configuration file, or the folder named by ``extra.guidekit_data_dir``."""
    conf = env.conf
    extra = conf.get("extra", {}) or {}
    data_dir = project_root(conf) / extra.get("guidekit_data_dir", "data")
    try:
        return site_for(data_dir, use_directory_urls=conf.get("use_directory_urls", True),
                        namespace=conf.get("site_name") or "guidekit",
                        language=extra.get("guidekit_language") or theme_language(conf))
    except DataError as error:
        raise SystemExit("guidekit: " + "\n  ".join(error.problems)) from None


def define_env(env: Any) -> None:
    """Register guidekit's macros and the ``guidekit`` variable."""

    def site() -> Site:
        return _shared_site(env) or _own_site(env)

    def page_info() -> tuple[str, str]:
        return page_location(env.page)

    def embed(kind: str) -> Any:
        def render(item_id: str) -> Markup:
            src, url = page_info()
            html = site().render_embed(kind, item_id, src, url)
            # Blank lines around: the HTML must stand as its own block in the Markdown.
            return Markup("\n\n" + html + "\n\n")

        render.__name__ = kind
        render.__doc__ = f"Embed the {kind} with this id."
        return render

    # A macro per fence name (aliases too: matrix); the plugin's kinds when it has loaded them.
    shared = _shared_site(env)
    for name, kind in embed_names(shared.kinds.embed_names() if shared else None).items():
        env.macro(embed(kind), name)

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
