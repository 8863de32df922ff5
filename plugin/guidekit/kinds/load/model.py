"""The data format of loads (``loads:``): the load model of a flow, shown as the load what-if."""

from __future__ import annotations

from pydantic import Field, model_validator

from ...data.models import CellRef, Model, NonEmpty, Slug


class StationLoad(Model):
    """Load assumptions for one component of a flow (the load what-if): how long one request
    takes it, how many instances serve and how many requests each serves at once, and how
    often an end-to-end request reaches it."""

    node: Slug
    service_ms: float = Field(gt=0, le=600_000, description="Mean service time of one visit.")
    instances: int = Field(ge=1, le=1000)
    concurrency: int = Field(default=1, ge=1, le=1000,
                             description="Requests one instance serves at the same time.")
    visits: float = Field(default=1, ge=0, le=100, description=(
        "Visits per end-to-end request: 0.2 behind a cache that hits 80% of the time, 2 for "
        "two calls in a row, 0 for a component off the request's critical path."))
    waits: bool = Field(default=True, description=(
        "False for a component the request does not wait for (a consumer behind a queue): "
        "its load counts, its time does not."))
    note: NonEmpty = Field(description="Markdown: the source or the stated assumption.")


class TrafficLevels(Model):
    """The request rates the load what-if offers: an average, a peak and a design load."""

    average: float = Field(gt=0, le=1e9)
    peak: float = Field(gt=0, le=1e9)
    design: float = Field(gt=0, le=1e9)
    note: NonEmpty = Field(description="Markdown: where the figures come from.")

    @model_validator(mode="after")
    def _ordered(self) -> TrafficLevels:
        if not self.average <= self.peak <= self.design:
            raise ValueError("give average <= peak <= design")
        return self


class LatencyTarget(Model):
    """End-to-end latency targets in ms, stated or read from table cells (``<200ms``)."""

    p50: float | None = Field(default=None, gt=0)
    p50_from: CellRef | None = None
    p99: float | None = Field(default=None, gt=0)
    p99_from: CellRef | None = None
    note: str = Field(default="", description="Markdown: why this target for this system.")

    @model_validator(mode="after")
    def _one_each(self) -> LatencyTarget:
        for name in ("p50", "p99"):
            if getattr(self, name) is not None and getattr(self, f"{name}_from") is not None:
                raise ValueError(f"give '{name}' or '{name}_from', not both")
        if all(getattr(self, name) is None for name in ("p50", "p50_from", "p99", "p99_from")):
            raise ValueError("give at least one of p50, p50_from, p99, p99_from")
        return self


class Citation(Model):
    """A checklist item of the guide, cited where the what-if shows a breach."""

    checklist: Slug
    item: Slug


class Load(Model):
    """The load model of a flow (``flows``): traffic, latency targets and one station per
    component of its path. Shown as the load what-if, beside the flow's availability what-if."""

    id: Slug
    flow: Slug | None = Field(default=None, description="The flow it loads (default: its id).")
    traffic: TrafficLevels
    target: LatencyTarget
    stations: list[StationLoad] = Field(min_length=1, max_length=20)
    saturated: Citation = Field(description="Cited when a component saturates.")
    latency: Citation = Field(description="Cited when a latency target is missed.")
    explained: str = Field(default="", description=(
        "A docs page explaining the model (``page.md#anchor``, relative to docs_dir)."))

    @property
    def flow_id(self) -> str:
        return self.flow or self.id
