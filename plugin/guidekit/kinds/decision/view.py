"""A decision tree on a page: one question at a time in the browser, every path in the HTML,
and the whole tree as a Mermaid flowchart."""

from __future__ import annotations

from markupsafe import Markup

from ..base import ItemPage
from ..mermaid import mermaid_id, mermaid_label
from .model import Decision


def render(page: ItemPage, decision: Decision) -> Markup:
    nodes = {n.id: n for n in decision.nodes}
    mermaid = decision_mermaid(decision, page)
    return page.fragment("guidekit/decision.html", decision=decision, nodes=nodes,
                         mermaid=mermaid)


def decision_mermaid(decision: Decision, ctx: ItemPage) -> str:
    lines = ["flowchart TD"]
    for node in decision.nodes:
        text = mermaid_label(node.question or node.outcome)
        shape = f'{{"{text}"}}' if node.question else f'(["{text}"])'
        lines.append(f"  {mermaid_id(node.id)}{shape}")
    for node in decision.nodes:
        for answer in node.answers:
            lines.append(
                f'  {mermaid_id(node.id)} -->|"{mermaid_label(answer.label)}"| '
                f"{mermaid_id(answer.next)}"
            )
    for node in decision.nodes:
        if node.refs:
            lines.append(f'  click {mermaid_id(node.id)} href "{ctx.link_for(node.refs[0])}"')
    return "\n".join(lines)
