"""The scans of every built page that decide its lazy stylesheets and scripts (bundles.py)
find exactly what their regexes find, on the odd HTML too."""

from __future__ import annotations

import random

import pytest

from guidekit.bundles import _CLASS_ATTR, _ROOT_ATTR, class_values, page_scripts

ODD = [
    ' class="a"', 'class="at the start"', '\nclass="a b"', '\tclass="tab"', "\u2028class=\"u\"",
    'x class="abc class="def"', 'data-class=" class="y"', ' class="unclosed', ' class=""',
    '  class="a" class="b"', '<p class="one">t</p><div\n  class="two three">', 'xclass="no"',
    ' class=\'single\'', ' class = "spaced"', ' CLASS="upper"', ' class="a"class="b"',
]


@pytest.mark.parametrize("html", ODD)
def test_class_values_are_the_regex_matches(html: str) -> None:
    assert class_values(html) == _CLASS_ATTR.findall(html)


def test_class_values_on_random_markup() -> None:
    pieces = ["class=", '"', " ", "\n", "x", "<p", ">", "data-", "gk-a", "c", "lass", "=\""]
    rng = random.Random(24)
    for _ in range(20_000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert class_values(html) == _CLASS_ATTR.findall(html), html


def test_page_scripts_without_any_widget_root() -> None:
    scripts = {"matrix": "guidekit-matrix.js", "calculator": "guidekit-calculator.js"}
    assert page_scripts('<div class="x" data-gk-styles="a">', scripts) == []
    html = '<div data-gk="calculator"></div><div\ndata-gk="matrix"><i data-gk="calculator">'
    assert page_scripts(html, scripts) == ["guidekit-calculator.js", "guidekit-matrix.js"]
    assert _ROOT_ATTR.findall(html) == ["calculator", "matrix", "calculator"]
