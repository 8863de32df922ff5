"""Translatable UI strings: every string a widget shows comes from here.

Strings live in ``i18n/<language>/<area>.yml``, one flat mapping per widget or area; the full
key is ``<area>.<key>`` (file ``checklist.yml``, key ``reset`` -> ``checklist.reset``).
Placeholders are ``{name}``; a key with a ``_one`` variant uses it when ``count`` is 1.
English is complete and the fallback of every other language; a site overrides single strings
in its configuration. Templates call ``t(key, **values)``; the browser gets the strings its
scripts use in the per-site script and calls ``GK.t(key, {values})``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from ..names import closest

LOCALES_DIR = Path(__file__).resolve().parent
FALLBACK = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Keys the browser needs: literal first arguments of GK.t(...) in the bundled scripts.
_JS_KEY = re.compile(r"""GK\.t\(\s*['"]([\w.-]+)['"]""")
# libyaml reads the string tables several times faster than the pure-Python loader (every
# build reads them); both are safe loaders. It is optional in PyYAML wheels.
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StringsError(ValueError):
    """A bad language setting or string override; the message names the key."""


def available_languages() -> list[str]:
    return sorted(p.name for p in LOCALES_DIR.iterdir()
                  if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=16)
def language_table(language: str) -> dict[str, str]:
    """Every string of one shipped language (no fallback), keyed ``area.key``."""
    table: dict[str, str] = {}
    folder = LOCALES_DIR / language
    for path in sorted(folder.glob("*.yml")):
        with open(path, encoding="utf-8") as handle:
            entries = yaml.load(handle, Loader=_SafeLoader) or {}  # safe: plain data
        if not isinstance(entries, dict):
            raise StringsError(f"{path}: expected a mapping of key: text")
        for key, text in entries.items():
            table[f"{path.stem}.{key}"] = str(text)
    return table


def resolve_language(language: str | None) -> str:
    """The shipped language closest to a theme's ``language`` (``pt-BR`` -> ``pt``)."""
    if not language:
        return FALLBACK
    shipped = available_languages()
    for candidate in (language, language.replace("_", "-").split("-")[0]):
        if candidate in shipped:
            return candidate
    return FALLBACK


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


class Strings:
    """The UI strings of one site: a language, English beneath it, the site's overrides above."""

    def __init__(self, language: str | None = None,
                 overrides: Mapping[str, str] | None = None,
                 added: Mapping[str, Mapping[str, str]] | None = None) -> None:
        """``added``: language -> key -> text of strings that kinds added to a site bring."""
        self.language = resolve_language(language)
        added = added or {}
        english = {**language_table(FALLBACK), **added.get(FALLBACK, {})}
        self.table = dict(english)
        if self.language != FALLBACK:
            self.table.update(language_table(self.language))
            self.table.update(added.get(self.language, {}))
        unknown = [key for key in (overrides or {}) if key not in english]
        if unknown:
            raise StringsError("; ".join(_unknown_key(key, english) for key in unknown))
        self.table.update({key: str(text) for key, text in (overrides or {}).items()})

    def __call__(self, key: str, **values: object) -> str:
        text = self.text(key, values.get("count"))
        return _PLACEHOLDER.sub(
            lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)

    def text(self, key: str, count: object = None) -> str:
        if count == 1 and f"{key}_one" in self.table:
            return self.table[f"{key}_one"]
        try:
            return self.table[key]
        except KeyError:
            raise StringsError(_unknown_key(key, self.table)) from None

    def for_scripts(self, sources: Iterable[str]) -> dict[str, str]:
        """The strings (with their ``_one`` variants) that the given JS sources ask for."""
        wanted: set[str] = set()
        for source in sources:
            wanted.update(_JS_KEY.findall(source))
        chosen = {}
        for key in sorted(wanted):
            for variant in (key, f"{key}_one"):
                if variant in self.table:
                    chosen[variant] = self.table[variant]
        return chosen


def _unknown_key(key: str, known: Mapping[str, str]) -> str:
    close = closest(key, known)
    hint = f" (closest: {', '.join(close)})" if close else ""
    return f"unknown UI string '{key}'{hint}"
