"""The scans of every built page that decide its lazy stylesheets and scripts (bundles.py)
find exactly what their regexes find, on the odd HTML too."""

from __future__ import annotations

import random
import re

import pytest

from guidekit.bundles import (
    attribute_values,
    class_values,
    needed_files,
    page_item_scripts,
    page_scripts,
    widget_kinds,
)

# What each scan must find, as a regex (too slow for every page: it starts with \s).
_CLASS_ATTR = re.compile(r"""\sclass="([^"]*)\"""")
_ROOT_ATTR = re.compile(r"""\sdata-gk="([\w-]+)\"""")
_NEEDS_ATTR = re.compile(r"""\sdata-gk-needs="([^"]*)\"""")

ODD = [
    ' class="a"', 'class="at the start"', '\nclass="a b"', '\tclass="tab"', "\u2028class=\"u\"",
    'x class="abc class="def"', 'data-class=" class="y"', ' class="unclosed', ' class=""',
    '  class="a" class="b"', '<p class="one">t</p><div\n  class="two three">', 'xclass="no"',
    ' class=\'single\'', ' class = "spaced"', ' CLASS="upper"', ' class="a"class="b"',
]


@pytest.mark.parametrize("html", ODD)
def test_class_values_are_the_regex_matches(html: str) -> None:
    assert class_values(html) == _CLASS_ATTR.findall(html)


def test_the_scans_on_random_markup() -> None:
    pieces = ["class=", '"', " ", "\n", "x", "<p", ">", "data-", "gk-a", "c", "lass", "=\"",
              "data-gk=", "data-gk-needs=", "-", "é", "a b", "matrix"]
    rng = random.Random(24)
    for _ in range(30_000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert class_values(html) == _CLASS_ATTR.findall(html), html
        assert widget_kinds(html) == _ROOT_ATTR.findall(html), html
        assert needed_files(html) == [
            name for value in _NEEDS_ATTR.findall(html) for name in value.split()], html


@pytest.mark.parametrize("html", [*ODD, ' data-gk="a b" data-gk="ok"', ' data-gk="" x',
                                  ' data-gk="x data-gk="y"', ' data-gk="é-1"'])
def test_widget_kinds_are_the_regex_matches(html: str) -> None:
    html = html.replace("class", "data-gk")
    assert attribute_values(html, "data-gk", re.compile(r"[\w-]+").fullmatch) \
        == _ROOT_ATTR.findall(html) == widget_kinds(html)


def test_item_files_each_once_in_order() -> None:
    html = ('<div data-gk="calculator" data-gk-needs="items/calculator/a.js"></div>'
            '<div data-gk="drill" data-gk-needs="items/calculator/b.js items/calculator/a.js">')
    assert page_item_scripts(html) == ["items/calculator/a.js", "items/calculator/b.js"]
    assert page_item_scripts('<div data-gk="calculator">') == []


def test_page_scripts_without_any_widget_root() -> None:
    scripts = {"matrix": "guidekit-matrix.js", "calculator": "guidekit-calculator.js"}
    assert page_scripts('<div class="x" data-gk-styles="a">', scripts) == []
    html = '<div data-gk="calculator"></div><div\ndata-gk="matrix"><i data-gk="calculator">'
    assert page_scripts(html, scripts) == ["guidekit-calculator.js", "guidekit-matrix.js"]
    assert _ROOT_ATTR.findall(html) == ["calculator", "matrix", "calculator"]
