"""A layered architecture diagram: nodes in the HTML, drawn by Mermaid, with the weakest link
of every what-if flow through it marked, and each component's utilisation under every load
through it."""

from __future__ import annotations

from markupsafe import Markup

from ..base import ItemPage
from ..flow import KIND as FLOW
from ..flow.view import weakest_marks
from ..load import KIND as LOAD
from ..load.view import load_marks
from ..mermaid import mermaid_id, mermaid_label
from .model import Diagram


def render(page: ItemPage, diagram: Diagram) -> Markup:
    return page.fragment("guidekit/diagram.html", diagram=diagram,
                         mermaid=diagram_mermaid(diagram, page),
                         weakest=weakest_marks(page.catalog, FLOW.result(page.checked),
                                               diagram.id),
                         loads=load_marks(page.catalog, LOAD.result(page.checked), diagram.id))


def diagram_mermaid(diagram: Diagram, ctx: ItemPage) -> str:
    lines = ["flowchart TB"]
    for layer in diagram.layers:
        lines.append(f'  subgraph {mermaid_id(layer.id)}["{mermaid_label(layer.label)}"]')
        for node in layer.nodes:
            lines.append(f'    {mermaid_id(node.id)}["{mermaid_label(node.label)}"]')
        lines.append("  end")
    for edge in diagram.edges:
        label = f'|"{mermaid_label(edge.label)}"|' if edge.label else ""
        lines.append(f"  {mermaid_id(edge.source)} -->{label} {mermaid_id(edge.target)}")
    for layer in diagram.layers:
        for node in layer.nodes:
            if node.ref:
                lines.append(f'  click {mermaid_id(node.id)} href "{ctx.link_for(node.ref)}"')
    return "\n".join(lines)
