"""Quantities parsed for sorting, and the human display of results."""

from __future__ import annotations

import math

import pytest

from guidekit.units import format_value, parse_quantity, sort_key


@pytest.mark.parametrize(
    ("text", "sort", "expected"),
    [
        ("10GB", "size", 10e9),
        ("10TB", "size", 10e12),
        ("100TB", "size", 100e12),
        ("Petabytes", "size", 1e15),
        ("<500ms", "duration", 0.5),
        ("<1s", "duration", 1.0),
        ("<hours", "duration", 3600.0),
        ("N/A", "duration", None),
        ("99.95%", "percent", 99.95),
        ("2,300", "number", 2300.0),
        ("Low", "text", None),
    ],
)
def test_sort_keys(text: str, sort: str, expected: float | None) -> None:
    assert sort_key(text, sort) == (pytest.approx(expected) if expected is not None else None)


def test_sizes_and_latencies_order_as_a_reader_expects() -> None:
    sizes = ["Petabytes", "100GB", "10TB", "1TB", "100TB", "10GB"]
    assert sorted(sizes, key=lambda s: sort_key(s, "size")) == [
        "10GB", "100GB", "1TB", "10TB", "100TB", "Petabytes"]
    assert parse_quantity("<500ms", "ms") == 500
    assert parse_quantity("<2s", "ms") == 2000


@pytest.mark.parametrize(
    ("value", "fmt", "unit", "expected"),
    [
        (2314.8148, "rate", "RPS", "2.3K RPS"),
        (200_000_000, "count", "", "200M"),
        (6944.44, "count", "", "6.9K"),
        (15000, "count", "", "15K"),
        (999, "count", "", "999"),
        (10e9, "bytes", "", "10 GB"),
        (7.3e12, "bytes", "", "7.3 TB"),
        (512, "bytes", "", "512 B"),
        (31536, "duration", "", "8 h 45 m 36 s"),
        (2628, "duration", "", "43 m 48 s"),
        (315360, "duration", "", "3 d 15 h 36 m"),
        (26.28, "duration", "", "26.3 s"),
        (0.35, "duration", "", "350 ms"),
        (99.9, "percent", "", "99.9%"),
        (1234567.891, "number", "", "1,234,567.89"),
        (0.125, "number", "", "0.12"),
        (-1500, "count", "", "-1.5K"),
        (math.nan, "number", "", "—"),
        (math.inf, "count", "", "∞"),
    ],
)
def test_display(value: float, fmt: str, unit: str, expected: str) -> None:
    assert format_value(value, fmt, unit) == expected
