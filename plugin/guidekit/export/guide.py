"""``guide.json``: a site's data as one versioned JSON document other sites can read and link to.

Every kind of the site's registry is exported the same way, so a new kind is exported without
touching this module: each item is ``{"id", "title", "url", "data"}``, where ``data`` is the
item as the data file declares it (after validation; fields at their default left out) and
``url`` the page where a reader sees it. Entities add their links both ways (``links`` and
``backlinks``), which the catalog computed. The JSON Schema (:func:`guide_schema`) is built
from the data files' schema for the same kinds, so the two never disagree. No MkDocs import:
any adapter can write it.

Version 1 of the format; a change that breaks readers raises ``GUIDE_VERSION``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from pydantic import BaseModel

from ..data.catalog import LinkView
from ..data.schema import json_schema
from ..kinds.registry import DEFAULT, Registry
from ..text import plain_text

GUIDE_FORMAT = "guidekit-guide"
GUIDE_VERSION = 1
GUIDE_FILE = "guide.json"
GUIDE_SCHEMA_FILE = "guide.schema.json"
GUIDE_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / GUIDE_SCHEMA_FILE


def guide_export(site: Any, *, name: str, url: str = "", description: str = "",
                 generator: str = "") -> dict[str, Any]:
    """The export of a loaded :class:`~guidekit.core.Site`: URLs are absolute when the site
    has a ``url`` (MkDocs' ``site_url``), else relative to the site's root."""
    catalog = site.catalog

    def absolute(site_path: str | None) -> str | None:
        if site_path is None:
            return None
        return urljoin(url, site_path) if url else site_path

    kinds: dict[str, list[dict[str, Any]]] = {}
    for registered in site.kinds:
        kind = registered.plural
        items = []
        for item_id, item in catalog.items[kind].items():
            entry: dict[str, Any] = {
                "id": item_id,
                "title": plain_text(_title(item) or item_id, site.renderer.text.names),
                "url": absolute(_location(site, kind, item_id)),
                "data": _dump(item),
            }
            if kind == "entities":
                entry["links"] = [_link(link, "to") for link in catalog.outgoing.get(item_id, [])]
                entry["backlinks"] = [_link(link, "from")
                                      for link in catalog.incoming.get(item_id, [])]
            items.append(entry)
        kinds[kind] = items
    return {
        "$schema": GUIDE_SCHEMA_FILE,
        "format": GUIDE_FORMAT,
        "version": GUIDE_VERSION,
        "generator": generator,
        "site": {"name": name, "url": url, "description": description},
        "kinds": kinds,
    }


def guide_text(export: dict[str, Any]) -> str:
    # Compact: other sites fetch it; json.tool or any viewer pretty-prints it.
    return json.dumps(export, ensure_ascii=False, separators=(",", ":")) + "\n"


def _location(site: Any, kind: str, item_id: str) -> str | None:
    """Site URL of the page that shows the item: its own, the entity page that embeds it, or
    the docs page that places it; None for an item no page shows (a snippet used nowhere)."""
    layout = site.layout
    if kind == "entities":
        return str(layout.url(layout.entity_src(item_id)))
    if kind == "collections":
        return str(layout.url(layout.collection_src(item_id)))
    if kind == "relations":
        return None  # shown on the entity pages, not on a page of their own
    src = site.renderer.item_location(kind, item_id, build=site.build)
    return str(layout.url(src)) if src else None


def _title(item: BaseModel) -> str:
    """The item's ``title`` field, else its ``name`` (an entity's). Read from the fields
    themselves: ``getattr`` of a field a model lacks goes through pydantic's slow path (a
    raised AttributeError), which at 2,000 items was most of this export's time."""
    fields = vars(item)
    return str(fields.get("title") or fields.get("name") or "")


def _dump(item: BaseModel) -> Any:
    # Fields left at their default are left out, as a data file would leave them out (some
    # defaults, such as an empty id, are not valid values of the field).
    return item.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _link(link: LinkView, direction: str) -> dict[str, str]:
    return {"relation": link.relation.id, "label": link.label, direction: link.other.id,
            "note": link.note}


# --------------------------------------------------------------------------- the schema


def guide_schema(registry: Registry = DEFAULT) -> dict[str, Any]:
    """The JSON Schema of ``guide.json``: its envelope, and each kind's ``data`` as the data
    files' schema describes that kind's items (added kinds included)."""
    data_schema = json_schema(registry.data_file)
    kinds: dict[str, Any] = {}
    plurals = [kind.plural for kind in registry]
    for kind in plurals:
        required = ["id", "title", "url", "data"]
        properties: dict[str, Any] = {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": ["string", "null"],
                    "description": "The page that shows the item (absolute when the site has "
                                   "a URL); null when no page does."},
            "data": data_schema["properties"][kind]["items"],
        }
        if kind == "entities":
            required += ["links", "backlinks"]
            properties["links"] = {"type": "array", "items": _link_schema("to")}
            properties["backlinks"] = {"type": "array", "items": _link_schema("from")}
        item = {"type": "object", "required": required, "properties": properties,
                "additionalProperties": False}
        kinds[kind] = {"type": "array", "items": item}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "guidekit guide export (guide.json)",
        "description": "A guidekit site's data: every item with the URL of its page, entities "
                       "with their links both ways.",
        "type": "object",
        "required": ["format", "version", "site", "kinds"],
        "properties": {
            "$schema": {"type": "string"},
            "format": {"const": GUIDE_FORMAT},
            "version": {"const": GUIDE_VERSION},
            "generator": {"type": "string"},
            "site": {
                "type": "object",
                "required": ["name", "url"],
                "properties": {"name": {"type": "string"}, "url": {"type": "string"},
                               "description": {"type": "string"}},
                "additionalProperties": False,
            },
            "kinds": {"type": "object", "properties": kinds, "required": plurals,
                      "additionalProperties": False},
        },
        "additionalProperties": False,
        "$defs": data_schema["$defs"],
    }


def _link_schema(direction: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["relation", "label", direction, "note"],
        "properties": {"relation": {"type": "string"}, "label": {"type": "string"},
                       direction: {"type": "string"}, "note": {"type": "string"}},
        "additionalProperties": False,
    }


def guide_schema_text(registry: Registry = DEFAULT) -> str:
    return json.dumps(guide_schema(registry), indent=2, sort_keys=True) + "\n"


def site_guide_schema_text(registry: Registry) -> str:
    """The schema a site publishes beside its guide.json. With guidekit's own kinds only it is
    the published file (a test keeps that equal to :func:`guide_schema_text`): deriving it from
    the models costs every build tens of milliseconds."""
    if registry.kinds == DEFAULT.kinds:
        return GUIDE_SCHEMA_PATH.read_text(encoding="utf-8")
    return guide_schema_text(registry)


def main(argv: list[str]) -> int:
    """``python -m guidekit.export.guide --write`` regenerates the published schema."""
    if "--write" in argv:
        GUIDE_SCHEMA_PATH.write_text(guide_schema_text(), encoding="utf-8")
        print(f"wrote {GUIDE_SCHEMA_PATH}")
        return 0
    sys.stdout.write(guide_schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
