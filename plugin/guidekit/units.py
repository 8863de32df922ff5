"""Quantities in text ("10TB", "<500ms", "99.95%") and human display of numbers.

Parsing gives sort keys to matrix cells at build time, so the browser sorts by a number the
build computed instead of re-parsing text. Display formatting is mirrored line by line in
``kinds/calculator/20-calculator.js`` (``fmt``, exposed as ``GK.format``); a browser test checks
both print the same strings.
"""

from __future__ import annotations

import math
import re

from .formulas import _round

SIZE_UNITS = {
    "b": 1, "byte": 1, "bytes": 1,
    "kb": 1e3, "kilobyte": 1e3, "kilobytes": 1e3,
    "mb": 1e6, "megabyte": 1e6, "megabytes": 1e6,
    "gb": 1e9, "gigabyte": 1e9, "gigabytes": 1e9,
    "tb": 1e12, "terabyte": 1e12, "terabytes": 1e12,
    "pb": 1e15, "petabyte": 1e15, "petabytes": 1e15,
    "eb": 1e18, "exabyte": 1e18, "exabytes": 1e18,
}  # fmt: skip
DURATION_UNITS = {
    "us": 1e-6, "µs": 1e-6,
    "ms": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "week": 604800, "weeks": 604800,
    "y": 31536000, "year": 31536000, "years": 31536000,
}  # fmt: skip
COUNT_UNITS = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}

_QUANTITY = re.compile(
    r"^[<>≤≥~≈]?\s*=?\s*(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)?\s*(?P<unit>[a-zµ%]+)?\.?$",
    re.IGNORECASE,
)


def parse_quantity(text: str, unit: str = "number") -> float | None:
    """The value of ``text`` in the base unit of ``unit`` (ms, s, bytes, number, percent).

    A bare unit counts as one of it ("Petabytes" is 1 PB, "<hours" is 1 h); text that is not
    a quantity (N/A, empty) gives None.
    """
    cleaned = text.strip().replace("\u202f", "").replace(" ", "")
    match = _QUANTITY.match(cleaned)
    if not match or not (match.group("number") or match.group("unit")):
        return None
    number = float(match.group("number").replace(",", "")) if match.group("number") else 1.0
    word = (match.group("unit") or "").lower()
    if unit in {"ms", "s", "duration"}:
        factor = DURATION_UNITS.get(word) if word else (1e-3 if unit == "ms" else 1.0)
        if factor is None:
            return None
        seconds = number * factor
        return seconds * 1000 if unit == "ms" else seconds
    if unit in {"size", "bytes"}:
        factor = SIZE_UNITS.get(word) if word else 1.0
        return None if factor is None else number * factor
    if unit == "percent":
        return number if word in {"", "%"} else None
    if not word:
        return number
    factor = COUNT_UNITS.get(word)
    return None if factor is None else number * factor


def sort_key(text: str, sort: str) -> float | None:
    """Numeric sort key for a cell, or None to sort it by text (after numbers)."""
    if sort in {"text", "none"}:
        return None
    return parse_quantity(text, {"size": "bytes", "duration": "s"}.get(sort, sort))


# --------------------------------------------------------------------------- display

_COUNT_STEPS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_BYTE_STEPS = ((1e18, "EB"), (1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))


def group_thousands(value: float, decimals: int, fixed: bool = False) -> str:
    """``1234567.891`` -> ``1,234,567.89`` after half-even rounding; trailing zeros dropped
    unless ``fixed`` (``157.5`` at 2 fixed decimals is ``157.50``)."""
    rounded = _round(value, decimals)
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if not fixed:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sign = "-" if rounded < 0 else ""
    return sign + ",".join(groups) + (f".{fraction}" if fraction else "")


def _scaled(value: float, steps: tuple[tuple[float, str], ...], base: str, decimals: int,
            fixed: bool = False) -> str:
    # Scaled values (1.5 K, 2.3 GB) show up to one decimal, whatever the output asks.
    for factor, suffix in steps:
        if abs(value) >= factor:
            return f"{group_thousands(value / factor, 1)}{' ' if base else ''}{suffix}"
    return f"{group_thousands(value, decimals, fixed)}{' ' + base if base else ''}"


def format_duration(seconds: float) -> str:
    """``31536`` -> ``8 h 45 m 36 s``: whole units, at most three, largest first."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds < 1:
        return f"{sign}{group_thousands(seconds * 1000, 1)} ms"
    if seconds < 60:
        return f"{sign}{group_thousands(seconds, 1)} s"
    remaining = _round(seconds, 0)
    parts: list[tuple[int, str]] = []
    for size, name in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        count = math.floor(remaining / size)
        remaining -= count * size
        if count or parts:
            parts.append((count, name))
    shown = [f"{count} {name}" for count, name in parts[:3] if count]
    return sign + " ".join(shown)


def format_value(
    value: float, fmt: str, unit: str = "", decimals: int = 2, fixed: bool = False,
    words: tuple[str, str] = ("yes", "no"),
) -> str:
    """The text a reader sees for a result; mirrored exactly by ``fmt`` in guidekit.js.
    ``fixed`` keeps trailing zeros (an output's ``decimals``); otherwise they are dropped.
    ``yesno`` results read as words (the site's own ``words`` for true and false)."""
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    suffix = f" {unit}" if unit else ""
    if fmt in {"count", "rate"}:
        return _scaled(value, _COUNT_STEPS, "", decimals, fixed) + suffix
    if fmt == "bytes":
        return _scaled(value, _BYTE_STEPS, "B", decimals, fixed)
    if fmt == "duration":
        return format_duration(value)
    if fmt == "percent":
        return f"{group_thousands(value, decimals, fixed)}%"
    if fmt == "yesno":
        return words[0] if value else words[1]
    return group_thousands(value, decimals, fixed) + suffix
