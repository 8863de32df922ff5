"""Which entities the guide leans on most, ranked: the content lint demands real articles of the
top of this list. Run ``python -m tests.entity_ranking`` to print it.

An entity's score is how often the guide uses it:

- references in the data (not counting the articles, which are about the entities): links
  *to* it from other entities (``related``; both ends of a symmetric link), rows, checklist
  items and decision outcomes naming it (the catalog's mentions), architecture-diagram nodes
  standing for it, and ``[[id]]`` references in any text;
- name mentions (its name or an alias, as a whole word) in the hand-written docs pages (not the
  plugin's manual under ``use-guidekit/``) and in the seed text of the guide.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guidekit.core import load_site
from guidekit.data.catalog import REF_PATTERN, Catalog, _texts

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "system-design-guide.md"
MANUAL = "use-guidekit"
TEXT_KINDS = ("entities", "tables", "checklists", "calculators", "decisions", "lists",
              "diagrams", "worksheets", "flows", "decks", "drills")


@dataclass(frozen=True)
class Ranked:
    entity_id: str
    name: str
    data_refs: int
    doc_mentions: int

    @property
    def score(self) -> int:
        return self.data_refs + self.doc_mentions


@lru_cache(maxsize=1)
def guide_catalog() -> Catalog:
    return load_site(ROOT / "data").catalog


def data_references(catalog: Catalog) -> Counter[str]:
    counts: Counter[str] = Counter()
    for entity in catalog.entities.values():
        for relation_id, links in entity.related.items():
            symmetric = catalog.relations[relation_id].symmetric
            for link in links:
                counts[link.ref] += 1
                if symmetric:
                    counts[entity.id] += 1
    for entity_id, mentions in catalog.mentions.items():
        counts[entity_id] += len(mentions)
    for diagram in catalog.diagrams.values():
        for layer in diagram.layers:
            counts.update(node.ref for node in layer.nodes if node.ref)
    for kind in TEXT_KINDS:
        for item in getattr(catalog, kind).values():
            for _, text in _texts(item, ""):
                counts.update(match.group(1) for match in REF_PATTERN.finditer(text))
    return counts


def _name_pattern(names: list[str]) -> re.Pattern[str]:
    """Whole-word names; short ones (``Go``, ``S3``) only in their own case."""
    long = [re.escape(n) for n in names if len(n) >= 4]
    short = [re.escape(n) for n in names if len(n) < 4]
    parts = []
    if long:
        parts.append(f"(?i:{'|'.join(long)})")
    if short:
        parts.append("|".join(short))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def guide_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob("*.md"))
             if MANUAL not in path.relative_to(ROOT / "docs").parts]
    if SEED.is_file():
        texts.append(SEED.read_text(encoding="utf-8"))
    return texts


def name_mentions(catalog: Catalog, texts: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for entity in catalog.entities.values():
        pattern = _name_pattern(sorted({entity.name, *entity.aliases}, key=len, reverse=True))
        counts[entity.id] = sum(len(pattern.findall(text)) for text in texts)
    return counts


@lru_cache(maxsize=1)
def ranking() -> tuple[Ranked, ...]:
    """Every entity, most used first (ties by name)."""
    catalog = guide_catalog()
    refs = data_references(catalog)
    mentions = name_mentions(catalog, guide_texts())
    ranked = [Ranked(e.id, e.name, refs[e.id], mentions[e.id]) for e in catalog.entities.values()]
    return tuple(sorted(ranked, key=lambda r: (-r.score, r.name.casefold())))


def top(count: int) -> list[Ranked]:
    """The ``count`` most used entities."""
    return list(ranking()[:count])


def format_ranking(rows: list[Ranked], words: dict[str, int] | None = None) -> str:
    catalog = guide_catalog()
    lines = [f"{'#':>3}  {'entity':<28} {'score':>5} {'data':>5} {'docs':>5}"
             + ("  words  article" if words is not None else "")]
    for index, row in enumerate(rows, 1):
        line = (f"{index:>3}  {row.entity_id:<28} {row.score:>5} {row.data_refs:>5} "
                f"{row.doc_mentions:>5}")
        if words is not None:
            has = "yes" if row.entity_id in catalog.articles else "NO"
            line += f"  {words.get(row.entity_id, 0):>5}  {has}"
        lines.append(line)
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_ranking(top(60)))
