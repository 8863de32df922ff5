"""guidekit: structured YAML knowledge as cross-linked pages and interactive widgets for MkDocs.

The portable core (no MkDocs import) is :func:`load_site`, returning a :class:`Site` whose
methods render every generated page and widget. ``guidekit.plugin.GuidekitPlugin`` adapts it
to MkDocs; ``guidekit.macros`` to mkdocs-macros and Zensical's macros extension.
"""

from __future__ import annotations

from .core import Site, load_site
from .data.loader import DataError
from .formulas import FormulaError

__version__ = "0.1.0"
__all__ = ["DataError", "FormulaError", "Site", "__version__", "load_site"]
