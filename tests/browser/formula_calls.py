"""Counting the calls of the compiled formulas a page's items' files bring.

Each item's file (``items/<kind>/<id>.js``) sets ``window.<global>[id]`` to its outputs'
functions; an init script puts a proxy there first that wraps each function as it is set.
"""

from __future__ import annotations

import json
from typing import Any


def count_calls(global_name: str) -> str:
    """An init script counting every call of the formulas set in ``window.<global_name>``;
    read the count with :func:`calls`."""
    name = json.dumps(global_name)
    return f"""
window.__gkCalls = window.__gkCalls || {{}};
window.__gkCalls[{name}] = 0;
window[{name}] = new Proxy({{}}, {{set: (sets, id, formulas) => {{
  for (const [key, formula] of Object.entries(formulas)) {{
    formulas[key] = function (v) {{ window.__gkCalls[{name}]++; return formula.call(this, v); }};
  }}
  sets[id] = formulas;
  return true;
}}}});
"""


def calls(page: Any, global_name: str) -> int:
    """How many times the page called the formulas in ``window.<global_name>`` so far."""
    return int(page.evaluate(f"window.__gkCalls[{json.dumps(global_name)}]"))
