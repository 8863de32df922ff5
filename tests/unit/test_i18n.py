"""UI strings: one place for every string a widget shows, complete in every shipped language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidekit.i18n import (
    FALLBACK,
    LOCALES_DIR,
    Strings,
    StringsError,
    available_languages,
    language_table,
    placeholders,
    resolve_language,
)

PACKAGE = LOCALES_DIR.parent
# Shared files, and each kind's own in its folder (kinds/<kind>/).
JS_FILES = sorted([*(PACKAGE / "assets" / "js").glob("*.js"), *(PACKAGE / "kinds").glob("*/*.js")])
TEMPLATES = sorted([*(PACKAGE / "templates" / "guidekit").glob("*.*"),
                    *(PACKAGE / "kinds").glob("*/*.html")])
JS_CALL = re.compile(r"GK\.t\(")
JS_LITERAL = re.compile(r"""GK\.t\(\s*'([\w.-]+)'""")
TEMPLATE_KEY = re.compile(r"""\bt\(\s*"([\w.-]+)\"""")


def test_every_script_string_is_a_literal_key_that_english_has() -> None:
    english = language_table(FALLBACK)
    for path in JS_FILES:
        source = path.read_text(encoding="utf-8")
        calls, literals = JS_CALL.findall(source), JS_LITERAL.findall(source)
        # A computed key would never reach the page: the per-site script only carries the
        # literal keys found in the scripts.
        assert len(calls) == len(literals), f"{path.name}: GK.t() with a computed key"
        missing = [key for key in literals if key not in english]
        assert not missing, f"{path.name}: keys not in i18n/en: {missing}"


def test_every_template_string_is_a_key_that_english_has() -> None:
    english = language_table(FALLBACK)
    used = set()
    for path in TEMPLATES:
        keys = TEMPLATE_KEY.findall(path.read_text(encoding="utf-8"))
        used.update(keys)
        missing = [key for key in keys if key not in english]
        assert not missing, f"{path.name}: keys not in i18n/en: {missing}"
    assert len(used) > 30  # the templates really are translated


def test_no_english_literal_left_in_the_scripts() -> None:
    """Text shown to readers is set through GK.say/textContent/labels; none of it may be an
    English literal any more (messages, button labels, aria-labels)."""
    shown = re.compile(
        r"""(?:GK\.say\([^,]+,\s*|textContent\s*=\s*|'aria-label',\s*|button\()'[A-Z][a-z]""")
    for path in JS_FILES:
        hits = shown.findall(path.read_text(encoding="utf-8"))
        assert not hits, f"{path.name}: {hits}"


@pytest.mark.parametrize("language", [lang for lang in available_languages() if lang != FALLBACK])
def test_shipped_languages_are_complete_with_the_same_placeholders(language: str) -> None:
    english, other = language_table(FALLBACK), language_table(language)
    assert sorted(other) == sorted(english)
    for key, text in english.items():
        assert placeholders(other[key]) == placeholders(text), key
        assert other[key] != text or key.endswith(("md_input",)) or len(text) < 4, key


def test_a_second_language_ships() -> None:
    assert "fr" in available_languages()


def test_placeholders_plurals_and_fallbacks() -> None:
    t = Strings("en")
    assert t("checklist.progress", done=2, total=5) == "2 of 5 done"
    assert t("checklist.loaded_shared", count=1) == "Loaded 1 ticked item from a shared link."
    assert t("checklist.loaded_shared", count=3) == "Loaded 3 ticked items from a shared link."
    assert Strings("fr")("checklist.progress", done=2, total=5) == "2 sur 5 faits"
    assert resolve_language("fr-CA") == "fr"
    assert resolve_language("pt_BR") == FALLBACK  # not shipped: English
    assert resolve_language(None) == FALLBACK
    assert Strings("xx").language == FALLBACK


def test_site_overrides_win_and_unknown_keys_are_named() -> None:
    t = Strings("fr", {"checklist.cleared": "Tout est décoché."})
    assert t("checklist.cleared") == "Tout est décoché."
    with pytest.raises(StringsError,
                       match=r"unknown UI string 'checklist.clear'.*checklist.cleared"):
        Strings("en", {"checklist.clear": "x"})
    with pytest.raises(StringsError, match=r"unknown UI string 'nope\.key'"):
        Strings()("nope.key")


def test_scripts_get_only_the_strings_they_use() -> None:
    chosen = Strings("fr").for_scripts(["GK.t('matrix.comparing', {count: n})"])
    assert chosen == {"matrix.comparing": language_table("fr")["matrix.comparing"],
                      "matrix.comparing_one": language_table("fr")["matrix.comparing_one"]}


def test_language_files_are_flat_mappings_of_text() -> None:
    for path in sorted(Path(LOCALES_DIR).glob("*/*.yml")):
        table = language_table(path.parent.name)
        prefix = path.stem + "."
        assert any(key.startswith(prefix) for key in table), path
