"""Mermaid sources (flowcharts drawn in the browser) shared by the kinds that draw one."""

from __future__ import annotations

import re


def mermaid_id(value: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", value)


def mermaid_label(text: str) -> str:
    # Quotes and brackets end a Mermaid label; #quot; style entities are Mermaid's own escape.
    cleaned = text.replace('"', "#quot;").replace("\n", " ")
    return re.sub(r"[\[\]{}()<>|]", " ", cleaned).strip()
