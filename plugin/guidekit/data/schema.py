"""The JSON Schema of guidekit data files, generated from the pydantic models.

Editors validate ``data/*.yml`` with it (e.g. the YAML language server's
``# yaml-language-server: $schema=...`` comment). Regenerate after changing models.py::

    python -m guidekit.data.schema --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .models import REF_PATTERN, SLUG_PATTERN, DataFile

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "guidekit-data.schema.json"


SCALAR = [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]


def _allow_shorthands(defs: dict[str, Any]) -> None:
    """The models accept shorthands in a before-validator; say so in the schema too:
    a link may be just the entity id, a list item just its text, a cell or fact a number,
    a drill parameter a number or a list of numbers."""
    link_ref = {"$ref": "#/$defs/Link"}
    related = defs["Entity"]["properties"]["related"]["patternProperties"][SLUG_PATTERN]
    related["items"] = {"anyOf": [link_ref, {"type": "string", "pattern": REF_PATTERN}]}
    item_ref = {"$ref": "#/$defs/ListItem"}
    shorthand_item = {"anyOf": [item_ref, *SCALAR]}
    defs["ListItem"]["properties"]["children"]["items"] = shorthand_item
    defs["ItemList"]["properties"]["items"]["items"] = shorthand_item
    defs["Row"]["properties"]["cells"]["patternProperties"][SLUG_PATTERN] = {
        "anyOf": [*SCALAR, {"type": "null"}]
    }
    # A drill parameter may be a bare number (fixed) or a list of numbers (choices).
    params = defs["Drill"]["properties"]["params"]["patternProperties"]
    for pattern in params:
        params[pattern] = {"anyOf": [{"$ref": "#/$defs/DrillParam"}, {"type": "number"},
                                     {"type": "array", "items": {"type": "number"}}]}
    facts = defs["Entity"]["properties"]["facts"]
    facts.pop("additionalProperties", None)
    facts["additionalProperties"] = {"anyOf": SCALAR}


def json_schema(data_file: type[BaseModel] = DataFile) -> dict[str, Any]:
    """The schema of a data file: guidekit's own kinds, or ``data_file`` with a site's added
    kinds (a registry's ``data_file``)."""
    schema = data_file.model_json_schema(by_alias=True)
    _allow_shorthands(schema["$defs"])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "guidekit data file"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    if "--write" in argv:
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return 0
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
