"""Suggestions for a misspelt name: the one "did you mean" rule every message uses."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.5  # similarity (0..1) a known name needs to be suggested
LIMIT = 3


def closest(name: str, known: Iterable[str]) -> list[str]:
    """Up to three known names that look like ``name``, the closest first."""
    return difflib.get_close_matches(name, list(known), n=LIMIT, cutoff=CUTOFF)
