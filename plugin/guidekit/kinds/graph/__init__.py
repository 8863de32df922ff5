"""The entity graph's own kinds: collections, relations and entities.

They are data like the others but are placed by guidekit itself (an entity page per entity, an
overview page per collection) rather than by fences; the catalog checks and indexes them.
"""

from __future__ import annotations

from ...data.models import Collection, Entity, Relation, entity_model
from ..base import Kind

COLLECTION: Kind[Collection, None] = Kind(name="collection", plural="collections",
                                          model=Collection)
RELATION: Kind[Relation, None] = Kind(name="relation", plural="relations", model=Relation,
                                      text_refs=False)
# Data files validate entities with blocks narrowed to the registry's kinds (entity_model).
ENTITY: Kind[Entity, None] = Kind(name="entity", plural="entities", model=Entity,
                                  file_model=entity_model)
