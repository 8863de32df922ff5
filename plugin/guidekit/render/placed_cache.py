"""Items the site's own pages place, kept between builds beside the generated pages.

A fence or a macro in a hand-written page renders its item on every build: on the guide, 55
placed items (the database matrix among them) are about a third of what guidekit adds to a
build. Their HTML follows from what decides the generated pages (``page_cache.pages_key``: the
data, the template overrides, the code, the settings, the pages' titles and where their fences
place items) and from three things of its own, which name it within the entry:

- the item, by kind and id;
- the URL of the page it lands on (its links are relative to it);
- where the build's pages had placed items when it was rendered: a macro may place an item
  that no fence does, and the links of the items rendered after it then point to that page.

One entry per site, written at the end of a build with what that build placed (so an entry
never grows with items no page places any more), and only when that differs from what it
read. As with the other caches, nothing here can fail a build: a damaged, foreign or
unwritable entry means the items are rendered again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..data.disk_cache import keep_texts, load_texts
from .page_cache import placement_list

ENTRY = "placed.json"


@dataclass
class PlacedItems:
    """The HTML of placed items for one key of the generated pages (None: nothing is kept,
    every item is rendered)."""

    key: str | None = None
    kept: dict[str, str] = field(default_factory=dict)  # read from the cache folder
    used: dict[str, str] = field(default_factory=dict)  # what this build placed

    @classmethod
    def load(cls, folder: Path, key: str) -> PlacedItems:
        return cls(key, load_texts(folder, ENTRY, key))

    def next_build(self, key: str | None, folder: Path) -> PlacedItems:
        """What the next build starts from: the items kept here when its key is the same (a
        ``mkdocs serve`` rebuild after a page edit reads nothing again), else the entry."""
        if key is None:
            return PlacedItems()
        if key == self.key:
            return PlacedItems(key, {**self.kept, **self.used})
        return PlacedItems.load(folder, key)

    def html(self, kind: str, item_id: str, page_url: str,
             placements: Mapping[tuple[str, str], str], render: Callable[[], str]) -> str:
        """The item's HTML on the page: kept, or ``render()`` now (and kept)."""
        if self.key is None:
            return render()
        name = f"{kind}\0{item_id}\0{page_url}\0{_digest(placements)}"
        html = self.used.get(name)
        if html is None:
            kept = self.kept.get(name)
            html = render() if kept is None else kept
            self.used[name] = html
        return html

    def keep(self, folder: Path) -> bool:
        """Write what this build placed as the entry; False if nothing needed writing or it
        could not be written."""
        if self.key is None or self.used == self.kept:
            return False
        return keep_texts(folder, ENTRY, self.key, self.used)


def _digest(placements: Mapping[tuple[str, str], str]) -> str:
    listed = json.dumps(placement_list(placements), ensure_ascii=False)
    return hashlib.sha256(listed.encode()).hexdigest()[:16]
