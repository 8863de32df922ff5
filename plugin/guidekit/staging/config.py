"""The guide's ``mkdocs.yml`` read without MkDocs: the options the plugin would see, with the
plugin's defaults (config.py), and the staged configuration that Zensical builds.

``!!python/name:`` tags are kept as their dotted names, which Zensical resolves itself (its
``pymdownx.superfences`` shim takes ``format: "module.function"``), so the staged file needs
no Python object. Zensical 0.1 reads the same ``mkdocs.yml`` (``zensical.toml`` is its own
format; both name the same settings), so one staged file serves 0.0.73 and the 0.1 line.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads ``!!python/name:x.y`` as the string ``x.y`` and ``!ENV`` as its
    default: nothing in the configuration runs."""


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix.startswith("name:"):
        return suffix[len("name:"):]
    raise ValueError(f"unsupported YAML tag !!python/{suffix}")


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        for name in values[:-1]:
            if name in os.environ:
                return os.environ[name]
        return values[-1] if len(values) > 1 else None
    return os.environ.get(str(loader.construct_scalar(node)))  # type: ignore[arg-type]


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
_Loader.add_constructor("!ENV", _env_tag)

# The plugin's defaults (config.py), for the options the staging steps read.
DEFAULTS: dict[str, Any] = {
    "enabled": True, "data_dir": "data", "kinds": [], "pages": {}, "nav": True,
    "nav_titles": {}, "storage_namespace": None, "assets": True, "mermaid_js": None,
    "language": None, "strings": {}, "search_rows": True, "csp": True, "detached": [],
    "nav_by_category": [], "cache": True,
    "autolink": {"enabled": True, "include": ["*"], "exclude": [], "generated_pages": False},
    "progress": {"enabled": False, "sections": True, "include": ["*"], "exclude": [],
                 "nav_selector": "nav a[href], .navbar-nav a[href], .bs-sidebar a[href], "
                                 ".wy-menu a[href]"},
    "print": {"enabled": False, "page": "print.md", "title": None, "include": ["*"],
              "exclude": []},
}


@dataclass
class GuideConfig:
    """What the staging steps need from a site's ``mkdocs.yml``."""

    path: Path  # the configuration file
    raw: dict[str, Any]  # the whole file, tags read as strings
    options: dict[str, Any]  # guidekit's options, defaults filled in

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def docs_dir(self) -> Path:
        return (self.root / self.raw.get("docs_dir", "docs")).resolve()

    @property
    def site_dir(self) -> Path:
        return (self.root / self.raw.get("site_dir", "site")).resolve()

    @property
    def data_dir(self) -> Path:
        return (self.root / self.options["data_dir"]).resolve()

    @property
    def use_directory_urls(self) -> bool:
        return bool(self.raw.get("use_directory_urls", True))

    @property
    def site_name(self) -> str:
        return str(self.raw.get("site_name") or "")

    @property
    def theme(self) -> dict[str, Any]:
        theme = self.raw.get("theme") or {}
        return {"name": theme} if isinstance(theme, str) else dict(theme)

    @property
    def custom_dir(self) -> Path | None:
        custom = self.theme.get("custom_dir")
        return (self.root / custom).resolve() if custom else None

    @property
    def language(self) -> str | None:
        return self.options.get("language") or self.theme.get("language")


def read_config(path: Path) -> GuideConfig:
    """Read ``mkdocs.yml``; guidekit's options are those under ``plugins: - guidekit:``."""
    with open(path, encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=_Loader) or {}
    options = copy.deepcopy(DEFAULTS)
    for name, value in _plugins(raw):
        if name == "guidekit":
            for key, setting in (value or {}).items():
                if isinstance(setting, dict) and isinstance(options.get(key), dict):
                    options[key].update(setting)
                else:
                    options[key] = setting
    return GuideConfig(path.resolve(), raw, options)


def _plugins(raw: dict[str, Any]) -> list[tuple[str, Any]]:
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        return list(plugins.items())
    found: list[tuple[str, Any]] = []
    for entry in plugins:
        if isinstance(entry, str):
            found.append((entry, {}))
        else:
            found.extend(entry.items())
    return found


def staged_config(config: GuideConfig, staging: Path, nav: list[Any] | None,
                  extension_options: dict[str, Any],
                  theme_overrides: bool = False) -> dict[str, Any]:
    """The configuration Zensical builds: the site's own, with docs_dir the staged tree, paths
    pointing back at the project, the guidekit plugin replaced by the Markdown extension and
    the assets the plugin would add, and the navigation with the generated sections."""
    def rel(path: Path) -> str:
        return os.path.relpath(path, staging).replace(os.sep, "/")

    staged = copy.deepcopy(config.raw)
    staged["docs_dir"] = "docs"
    staged["site_dir"] = "site"  # Zensical wants it inside the project (the staging folder)
    theme = config.theme
    # custom_dir holds overrides of Material's templates, and Zensical's theme has templates
    # of its own (the guide's search partial, Material 9.x markup, breaks Zensical's search
    # box, and Zensical's partial already names its dialog). guidekit's own overrides in
    # custom_dir/guidekit/ are read by the generator, not by the theme: pass the folder to
    # Zensical only when asked.
    theme.pop("custom_dir", None)
    if theme_overrides and config.custom_dir is not None:
        theme["custom_dir"] = rel(config.custom_dir)
    staged["theme"] = theme
    plugins: list[Any] = []
    for name, value in _plugins(config.raw):
        if name == "guidekit":
            continue
        if name == "macros":  # the pluglet, without the plugin, finds the data by this
            extra = staged.setdefault("extra", {}) or {}
            extra["guidekit_data_dir"] = rel(config.data_dir)
            staged["extra"] = extra
        plugins.append({name: value} if value else name)
    staged["plugins"] = plugins
    extensions = list(staged.get("markdown_extensions") or [])
    extensions.append({"guidekit.markdown": extension_options})
    staged["markdown_extensions"] = extensions
    if config.options["assets"]:
        staged["extra_css"] = ["assets/guidekit/guidekit.css", *staged.get("extra_css", [])]
        staged["extra_javascript"] = [*staged.get("extra_javascript", []),
                                      "assets/guidekit/guidekit-formulas.js",
                                      "assets/guidekit/guidekit.js"]
    if nav is not None:
        staged["nav"] = nav
    staged.pop("validation", None)  # MkDocs' own setting; Zensical checks links itself
    return staged


def dump_config(staged: dict[str, Any]) -> str:
    return ("# Generated by `python -m guidekit generate` from the site's mkdocs.yml: do not "
            "edit.\n" + yaml.safe_dump(staged, sort_keys=False, allow_unicode=True))
