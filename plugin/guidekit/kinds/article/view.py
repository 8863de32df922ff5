"""An article on its entity's page: the Markdown of its sections (``article.md``), placed after
the entity's summary, and its further reading at the end of the page."""

from __future__ import annotations

from collections.abc import Callable

from ...data.models import Entity
from ..base import EntityPart, ItemPage
from ..mermaid import mermaid_id, mermaid_label
from .model import Article, ArticleDiagram


def entity_part(page: ItemPage, entity: Entity, articles: dict[str, Article]) -> EntityPart | None:
    article = articles.get(entity.id)
    if article is None:
        return None
    diagram = article.diagram
    mermaid = article_mermaid(diagram, page.link_for) if diagram else ""
    return EntityPart(
        body=page.markdown("guidekit/article.md", entity=entity, article=article,
                           article_mermaid=mermaid),
        end=page.markdown("guidekit/article-reading.md", article=article),
    )


def article_mermaid(diagram: ArticleDiagram, link_for: Callable[[str], str]) -> str:
    """The article's diagram as Mermaid source, drawn in the browser like template diagrams."""
    lines = [f"flowchart {diagram.direction}"]
    for node in diagram.nodes:
        lines.append(f'  {mermaid_id(node.id)}["{mermaid_label(node.label)}"]')
    for edge in diagram.edges:
        label = f'|"{mermaid_label(edge.label)}"|' if edge.label else ""
        lines.append(f"  {mermaid_id(edge.source)} -->{label} {mermaid_id(edge.target)}")
    for node in diagram.nodes:
        if node.ref:
            lines.append(f'  click {mermaid_id(node.id)} href "{link_for(node.ref)}"')
    return "\n".join(lines)
