"""guidekit: structured YAML knowledge as cross-linked pages and interactive widgets for MkDocs.

The portable core (no MkDocs import) is :func:`load_site`, returning a :class:`Site` whose
methods render every generated page and widget. ``guidekit.plugin.GuidekitPlugin`` adapts it
to MkDocs; ``guidekit.macros`` to mkdocs-macros and Zensical's macros extension. Every kind of
data item is a :class:`Kind` record in ``guidekit.kinds`` (see :func:`load_registry`).
"""

from __future__ import annotations

from .core import Site, load_site
from .data.loader import DataError
from .formulas import FormulaError
from .kinds.base import ItemPage, Kind
from .kinds.registry import Registry, load_registry

__version__ = "0.1.0"
__all__ = [
           "DataError",
           "FormulaError",
           "ItemPage",
           "Kind",
           "Registry",
           "Site",
           "__version__",
           "load_registry",
           "load_site",
]
