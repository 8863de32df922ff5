"""The published JSON Schema of data files, for guidekit's own kinds.

Regenerate after changing a model (``kinds/<kind>/model.py`` or ``data/models.py``)::

    python -m guidekit.export.data_schema --write
"""

from __future__ import annotations

import json
import sys

from ..data.schema import SCHEMA_PATH, json_schema
from ..kinds.registry import DEFAULT, Registry


def schema_text(registry: Registry = DEFAULT) -> str:
    return json.dumps(json_schema(registry.data_file), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    if "--write" in argv:
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return 0
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
