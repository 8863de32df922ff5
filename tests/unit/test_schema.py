"""The published JSON Schema is the one the models produce, and it validates real data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from guidekit.data.schema import SCHEMA_PATH
from guidekit.export.data_schema import schema_text

ROOT = Path(__file__).resolve().parents[2]


def test_published_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "run: python -m guidekit.export.data_schema --write"
    )


def test_schema_accepts_the_guide_data_and_rejects_a_typo() -> None:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((ROOT / "data").rglob("*.yml"))
    assert files, "the guide has data files"
    for path in files:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text()) or {}))
        assert not errors, f"{path}: {errors[0].message}"
    bad = {"entities": [{"id": "x", "name": "X", "collection": "c", "colour": "red"}]}
    assert list(validator.iter_errors(bad))
