"""The JSON Schema of guidekit data files, generated from the pydantic models.

Editors validate ``data/*.yml`` with it (e.g. the YAML language server's
``# yaml-language-server: $schema=...`` comment). The model of a file comes from the kind
registry (``Registry.data_file``); the shorthands the models accept are in the models' own
``json_schema_extra``. The published copy is written by ``guidekit.export.data_schema``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "guidekit-data.schema.json"


def json_schema(data_file: type[BaseModel]) -> dict[str, Any]:
    """The schema of a data file whose model is ``data_file`` (a registry's ``data_file``:
    guidekit's own kinds, and a site's added kinds)."""
    schema = data_file.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "guidekit data file"
    return schema
