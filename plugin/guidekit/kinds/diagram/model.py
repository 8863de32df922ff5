"""The data format of diagrams (``diagrams:``): an architecture as layers of nodes and edges,
with the what-if assumptions of each node (flows read them)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from ...data.models import CellRef, Model, NonEmpty, Slug


class NodeAvailability(Model):
    """What-if assumptions for a diagram node on a flow: one instance's availability (a
    number with a ``note`` saying why, or ``percent_from`` a table cell), and its redundancy."""

    percent: float | None = Field(default=None, gt=0, le=100)
    percent_from: CellRef | None = None
    replicas: int = Field(default=1, ge=1, le=100, description="Instances that can each serve.")
    zones: int = Field(default=1, ge=1, le=100, description="Zones the replicas are spread over.")
    placement: Literal["zones", "managed", "site"] = Field(
        default="zones",
        description="zones: run in the flow's zones and region (replicas share them); managed: "
                    "a provider's service, one dependency at its published figure whatever its "
                    "internal replicas ('replicas' then counts independent providers); site: "
                    "hardware outside the cloud (its figure covers its site).",
    )
    note: str = Field(default="", description="Markdown: the source or the stated assumption.")

    @model_validator(mode="after")
    def _one_source(self) -> NodeAvailability:
        if (self.percent is None) == (self.percent_from is None):
            raise ValueError("give either 'percent' or 'percent_from' (a table cell)")
        if self.percent is not None and not self.note:
            raise ValueError("a stated 'percent' needs a 'note' saying where it comes from")
        if self.zones > self.replicas:
            raise ValueError(f"{self.zones} zones but only {self.replicas} replicas")
        if self.placement != "zones" and self.zones > 1:
            raise ValueError(f"a {self.placement} node is not spread over the flow's zones: "
                             "leave 'zones' out")
        return self


class DiagramNode(Model):
    id: Slug
    label: NonEmpty
    ref: str = ""
    notes: list[str] = []
    availability: NodeAvailability | None = Field(
        default=None, description="What-if assumptions, needed when a flow passes this node."
    )


class DiagramLayer(Model):
    id: Slug
    label: NonEmpty
    notes: list[str] = []
    nodes: list[DiagramNode] = []


class Edge(Model):
    source: Slug = Field(alias="from")
    target: Slug = Field(alias="to")
    label: str = ""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Diagram(Model):
    """An architecture as layers of nodes and edges; rendered as HTML and Mermaid."""

    id: Slug
    title: NonEmpty
    layers: list[DiagramLayer] = Field(min_length=1)
    edges: list[Edge] = []

    @model_validator(mode="after")
    def _edges_known(self) -> Diagram:
        ids = {n.id for layer in self.layers for n in layer.nodes} | {la.id for la in self.layers}
        for edge in self.edges:
            for end in (edge.source, edge.target):
                if end not in ids:
                    raise ValueError(f"edge end {end!r} is not a node or layer of this diagram")
        return self
