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

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup, escape

from .core import Site
from .data.loader import DataError
from .embeds import embed_names
from .standalone import STAGED_MANIFEST, page_location, project_root, site_for, theme_language


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
                        language=extra.get("guidekit_language") or theme_language(conf),
                        item_pages=(project_root(conf) / STAGED_MANIFEST).is_file())
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
    """Read-only view of the data for templates: ``guidekit.entities``, ``guidekit.tables``...

    Every string it hands out is HTML-escaped text (``Markup``), so data printed into a page
    shows as written: a ``<script>`` in a summary stays text. The strings are values, never
    templates: Jinja prints a value without rendering it, so ``{{ 7*7 }}`` in data stays as is.
    """

    def __init__(self, site: Any) -> None:
        self._site = site

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return _escaped(getattr(self._site().catalog, name))


def _escaped(value: Any) -> Any:
    """Data as a template sees it: strings escaped, containers and models wrapped."""
    if isinstance(value, str):
        return value if isinstance(value, Markup) else escape(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    return _EscapedView(value)


class _EscapedView:
    """A data container or model whose strings come out escaped (see :class:`_Data`)."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        attribute = getattr(self._value, name)
        if callable(attribute):  # dict.items(), .keys(), .get(): wrap what they return
            return lambda *args, **kwargs: _escaped(attribute(*args, **kwargs))
        return _escaped(attribute)

    def __getitem__(self, key: Any) -> Any:
        return _escaped(self._value[key])

    def __iter__(self) -> Iterator[Any]:
        return (_escaped(item) for item in self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __contains__(self, item: Any) -> bool:
        return item in self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __str__(self) -> str:
        return str(escape(str(self._value)))

    def __html__(self) -> str:
        return str(self)
