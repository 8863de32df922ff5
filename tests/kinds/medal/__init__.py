"""A kind written outside guidekit: medals. Everything about it is in this folder, and a site
adds it with ``kinds: [path/to/medal]`` under the guidekit plugin."""

from __future__ import annotations

from pathlib import Path

from guidekit.kinds.base import Kind

from .model import Medal
from .view import render

KIND: Kind[Medal, None] = Kind(
    name="medal", plural="medals", model=Medal, directory=Path(__file__).parent, view=render,
    folder="medals",
    strings={"en": {"pages.kind_medals": "Medals"}, "fr": {"pages.kind_medals": "Médailles"}},
)
