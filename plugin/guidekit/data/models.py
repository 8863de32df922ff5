"""The data formats guidekit reads, as pydantic models.

Every YAML file under the data directory is a mapping whose top-level keys are
the *kinds* (the fields of :class:`DataFile`, ``collections`` to ``drills``; a site may
register more, see ``guidekit.kinds``), each holding a list of entries with an ``id``.
A site may split its data into as many files as it likes; ids are unique per kind across
files, and entity ids are unique across all collections so a reference is one word.

Text fields documented as *Markdown* are rendered with raw HTML disabled and
may reference an entity with ``[[id]]`` or ``[[id|label]]``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
NonEmpty = Annotated[str, Field(min_length=1)]
# An entity id, or "prefix:id" for an entity of a guide the site imports (option `imports`).
REF_PATTERN = r"^(?:[a-z][a-z0-9_-]*:)?[a-z0-9][a-z0-9_-]*$"
EntityRef = Annotated[str, Field(pattern=REF_PATTERN, max_length=120)]


class Model(BaseModel):
    """Base for every data model: unknown keys are errors, so typos surface."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class SourceFloat(float):
    """A YAML float that remembers how it was written, so a cell ``0.10`` reads "0.10"."""

    source: str

    def __new__(cls, value: float, source: str = "") -> SourceFloat:
        number = super().__new__(cls, value)
        number.source = source
        return number


class SourceInt(int):
    """A YAML integer that remembers how it was written (``007``, ``1_000``)."""

    source: str

    def __new__(cls, value: int, source: str = "") -> SourceInt:
        number = super().__new__(cls, value)
        number.source = source
        return number


def _coerce_text(value: Any) -> Any:
    """Numbers in YAML cells and facts read as the text the author wrote (``10TB`` is text
    already; ``0.10`` stays "0.10", not the float's "0.1")."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return getattr(value, "source", "") or str(value)
    return value


Text = Annotated[str, Field()]


# --------------------------------------------------------------------------- entities


class Collection(Model):
    """A kind of entity, e.g. technologies; each gets an overview page and one page per entity."""

    id: Slug
    title: NonEmpty
    singular: NonEmpty
    path: str = Field(default="", description="URL folder of the pages; defaults to the id.")
    description: str = Field(default="", description="Markdown shown on the overview page.")
    group_by: Literal["category", "none"] = "category"
    icon: str = ""
    showcase: bool = Field(
        default=False,
        description="Its entities are worked examples (e.g. reference architectures): the page "
                    "of each entity they link to shows how each example uses it, from the "
                    "links' notes, under its own heading instead of among the backlinks.",
    )

    @model_validator(mode="after")
    def _default_path(self) -> Collection:
        if not self.path:
            self.path = self.id
        if not re.fullmatch(r"[a-z0-9][a-z0-9_/-]*", self.path):
            raise ValueError("path must be lowercase letters, digits, '-', '_' and '/'")
        return self


class Relation(Model):
    """A named kind of link between entities, with the label shown on each side."""

    id: Slug
    label: NonEmpty
    inverse_label: NonEmpty
    symmetric: bool = Field(
        default=False, description="Alternatives-style: A->B also shows B->A under the same label."
    )


class Link(Model):
    """One link from an entity to another, with an optional note (Markdown) saying why."""

    ref: EntityRef
    note: str = ""


def _coerce_link(value: Any) -> Any:
    return {"ref": value} if isinstance(value, str) else value


LinkItem = Annotated[Link, Field()]


class Block(Model):
    """One piece of an entity page body, in order: prose, or a data item by id."""

    kind: Literal[
        "markdown", "table", "checklist", "calculator", "decision", "list", "snippet", "diagram",
        "flow", "load",
    ]
    id: str = ""
    title: str = ""
    text: str = ""

    @model_validator(mode="after")
    def _needs_id_or_text(self) -> Block:
        if self.kind == "markdown" and not self.text:
            raise ValueError("a markdown block needs 'text'")
        if self.kind != "markdown" and not self.id:
            raise ValueError(f"a {self.kind} block needs the 'id' of a {self.kind}")
        return self


class Entity(Model):
    """A thing the site talks about: a technology, a component, a pattern, a template..."""

    id: Slug
    name: NonEmpty
    collection: Slug = ""
    aliases: list[NonEmpty] = []
    category: str = ""
    summary: str = Field(default="", description="Markdown, one or two sentences.")
    tags: list[NonEmpty] = []
    facts: dict[NonEmpty, str] = Field(
        default_factory=dict, description="Ordered label -> Markdown, e.g. 'When to use'."
    )
    related: dict[Slug, list[LinkItem]] = Field(
        default_factory=dict, description="Relation id -> links to other entities."
    )
    blocks: list[Block] = []
    source: str = Field(default="", description="Docs page (and #anchor) this entity comes from.")
    autolink: bool = True

    @field_validator("facts", mode="before")
    @classmethod
    def _facts_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _coerce_text(v) for k, v in value.items()}
        return value

    @field_validator("related", mode="before")
    @classmethod
    def _related_shorthand(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: [_coerce_link(x) for x in v] if isinstance(v, list) else v
                for k, v in value.items()
            }
        return value


# --------------------------------------------------------------------------- tables / matrices


class Column(Model):
    """A table column. ``field`` pulls the value from an entity when rows come from a collection."""

    id: Slug
    label: NonEmpty
    field: str = Field(
        default="",
        description="For collection rows: name, category, summary, tags, or facts.<label>.",
    )
    facet: bool = Field(default=False, description="Offer a filter by this column's values.")
    sort: Literal["text", "number", "size", "duration", "percent", "none"] = "text"
    hidden: bool = Field(default=False, description="Hidden until the reader shows it.")
    header: bool = Field(default=False, description="Cells of this column name the row.")


class CellSource(Model):
    """Where the fact in one cell comes from: a public page (http or https) and, optionally,
    what it says. Shown as a numbered note under the table, marked in the cell."""

    label: NonEmpty = Field(description="The source's name, e.g. 'MongoDB manual: Transactions'.")
    href: str = Field(description="An http:// or https:// address.")
    note: str = Field(default="", description="Markdown: what the source states, briefly.")

    @field_validator("href")
    @classmethod
    def _web_address(cls, value: str) -> str:
        # Only web links: a source is for readers to open, and no other scheme runs in a page.
        if not re.fullmatch(r"https?://[^\s\"'<>]+", value):
            raise ValueError(f"a source's address must start with http:// or https:// "
                             f"(it reads {value!r})")
        return value


class Row(Model):
    """A table row: cells by column id (Markdown), a stable id, and the entity it is about."""

    id: Slug = ""
    ref: str = ""
    cells: dict[Slug, str] = {}
    sources: dict[Slug, list[CellSource]] = Field(
        default={}, description="Column id -> the sources of that cell's fact.")

    @field_validator("cells", mode="before")
    @classmethod
    def _cells_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _coerce_text(v) if v is not None else "" for k, v in value.items()}
        return value


class RowsFrom(Model):
    """Build rows from a collection's entities, optionally only those with a category or tag."""

    collection: Slug
    category: list[str] = []
    tag: list[str] = []


class Table(Model):
    """A table of facts; ``interactive: true`` makes it a filterable comparison matrix."""

    id: Slug
    title: NonEmpty
    caption: str = ""
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = []
    rows_from: RowsFrom | None = None
    interactive: bool = False
    page: bool = Field(default=True, description="Interactive tables also get a page of their own.")

    @property
    def header_column(self) -> str:
        """Id of the column whose cells name the rows: the one marked ``header``, else the first."""
        return next((c.id for c in self.columns if c.header), self.columns[0].id)

    @model_validator(mode="after")
    def _rows_present(self) -> Table:
        if not self.rows and self.rows_from is None:
            raise ValueError("a table needs 'rows' or 'rows_from'")
        ids = {c.id for c in self.columns}
        if len(ids) != len(self.columns):
            raise ValueError("column ids must be unique")
        for index, row in enumerate(self.rows):
            unknown = set(row.cells) - ids
            if unknown:
                raise ValueError(
                    f"row {row.id or index}: unknown column(s) {sorted(unknown)}; "
                    f"columns are {sorted(ids)}"
                )
            cited = set(row.sources) - set(row.cells)
            if cited:
                raise ValueError(
                    f"row {row.id or index}: sources for column(s) {sorted(cited)} "
                    "but no cell there to cite them for"
                )
        return self


# --------------------------------------------------------------------------- checklists


class ChecklistItem(Model):
    id: Slug
    text: NonEmpty
    help: str = ""
    refs: list[Slug] = []


class ChecklistSection(Model):
    id: Slug
    title: NonEmpty
    items: list[ChecklistItem] = Field(min_length=1)


class Checklist(Model):
    """A tickable list of items grouped in sections; ids keep ticks across edits."""

    id: Slug
    title: NonEmpty
    description: str = ""
    sections: list[ChecklistSection] = Field(min_length=1)
    page: bool = True

    @model_validator(mode="after")
    def _unique_ids(self) -> Checklist:
        seen: set[str] = set()
        for section in self.sections:
            for item in section.items:
                if item.id in seen:
                    raise ValueError(f"item id {item.id!r} appears twice")
                seen.add(item.id)
        return self


# --------------------------------------------------------------------------- calculators


class ChoiceOption(Model):
    """One choice of a ``type: choice`` input; each value is a formula name ``<input>_<key>``."""

    label: NonEmpty
    values: dict[Annotated[str, Field(pattern=r"^[a-z0-9_]+$")], float] = Field(min_length=1)


class OptionsFrom(Model):
    """Choices read from a table: one per row, values parsed from cells (durations in ms)."""

    table: Slug
    label: Slug = Field(description="Column id whose cell labels the choice.")
    values: dict[Annotated[str, Field(pattern=r"^[a-z0-9_]+$")], Slug] = Field(
        min_length=1, description="Value key -> column id."
    )
    unit: Literal["ms", "s", "number"] = "ms"


class CalculatorInput(Model):
    id: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")]
    label: NonEmpty
    unit: str = ""
    default: float | list[float] = Field(description="A number, a list, or a choice's index.")
    min: float | None = None
    max: float | None = None
    step: float | None = None
    help: str = ""
    type: Literal["number", "list", "choice"] = "number"
    options: list[ChoiceOption] = []
    options_from: OptionsFrom | None = None

    @model_validator(mode="after")
    def _default_matches_type(self) -> CalculatorInput:
        if self.type == "choice":
            if not self.options and self.options_from is None:
                raise ValueError("a choice input needs 'options' or 'options_from'")
            if isinstance(self.default, list) or self.default < 0:
                raise ValueError("a choice input's default is the index of an option")
            return self
        if self.options or self.options_from:
            raise ValueError("'options' only go with type: choice")
        if self.type == "list" and not isinstance(self.default, list):
            raise ValueError("a list input needs a list default")
        if self.type == "number" and isinstance(self.default, list):
            raise ValueError("a number input needs a number default (or type: list)")
        values = self.default if isinstance(self.default, list) else [self.default]
        for value in values:
            if self.min is not None and value < self.min:
                raise ValueError(f"default {value} is below min {self.min}")
            if self.max is not None and value > self.max:
                raise ValueError(f"default {value} is above max {self.max}")
        return self


Format = Literal["number", "count", "rate", "bytes", "duration", "percent", "yesno"]


class CalculatorOutput(Model):
    id: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")]
    label: NonEmpty
    formula: NonEmpty
    unit: str = ""
    format: Format = "number"
    decimals: int | None = Field(
        default=None, ge=0, le=10,
        description="Always this many decimals (2: 157.50); unset: up to 2, zeros dropped.")
    max_decimals: int | None = Field(
        default=None, ge=0, le=10,
        description="Up to this many decimals, trailing zeros dropped (4: 99.95%).")
    help: str = ""

    @model_validator(mode="after")
    def _one_precision(self) -> CalculatorOutput:
        if self.decimals is not None and self.max_decimals is not None:
            raise ValueError("give 'decimals' (always that many) or 'max_decimals' (up to "
                             "that many), not both")
        return self

    @property
    def places(self) -> int:
        """Decimals shown: exactly ``decimals``, or up to ``max_decimals`` (default 2)."""
        if self.decimals is not None:
            return self.decimals
        return 2 if self.max_decimals is None else self.max_decimals

    @property
    def fixed(self) -> bool:
        """Whether trailing zeros are kept (``decimals`` was given)."""
        return self.decimals is not None


class SourceLink(Model):
    label: NonEmpty
    href: NonEmpty


class Calculator(Model):
    """Inputs and formula outputs; formulas are checked, then run in Python and in JS."""

    id: Slug
    title: NonEmpty
    description: str = ""
    inputs: list[CalculatorInput] = Field(min_length=1)
    outputs: list[CalculatorOutput] = Field(min_length=1)
    notes: str = ""
    sources: list[SourceLink] = []
    page: bool = True


# --------------------------------------------------------------------------- decision trees


class Answer(Model):
    label: NonEmpty
    next: Slug


class DecisionNode(Model):
    """Either a question with answers, or an outcome."""

    id: Slug
    question: str = ""
    help: str = ""
    answers: list[Answer] = []
    outcome: str = ""
    refs: list[Slug] = []
    rationale: str = ""
    alternatives: list[Slug] = []
    rows: list[str] = Field(default=[], description="table-id#row-id links to matrix rows.")

    @model_validator(mode="after")
    def _question_or_outcome(self) -> DecisionNode:
        if bool(self.question) == bool(self.outcome):
            raise ValueError("a node has either 'question' (with 'answers') or 'outcome'")
        if self.question and len(self.answers) < 2:
            raise ValueError("a question needs at least two answers")
        return self


class Decision(Model):
    id: Slug
    title: NonEmpty
    description: str = ""
    start: Slug
    nodes: list[DecisionNode] = Field(min_length=2)
    page: bool = True


# ------------------------------------------------------------------ lists, snippets, diagrams


class ListItem(Model):
    text: NonEmpty
    children: list[ListItem] = []
    ordered: bool = Field(default=False, description="Number this item's children (steps).")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"text": _coerce_text(value)} if isinstance(value, str | int | float) else value

    @field_validator("children", mode="before")
    @classmethod
    def _children_shorthand(cls, value: Any) -> Any:
        return value or []


class ItemList(Model):
    """A nested list of facts (Markdown items); ``ordered`` numbers the top level."""

    id: Slug
    title: str = ""
    ordered: bool = False
    items: list[ListItem] = Field(min_length=1)


class Snippet(Model):
    """Verbatim text kept for fidelity: ASCII art, example payloads."""

    id: Slug
    title: str = ""
    lang: str = "text"
    code: NonEmpty


class CellRef(Model):
    """A number read from a table cell, e.g. the ``99.95%`` of an availability table's row.

    The first quantity in the cell counts: ``99.99% uptime requirement`` reads as 99.99.
    """

    table: Slug
    row: NonEmpty
    column: Slug


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


class SharedAvailability(Model):
    """The availability that replicas share in a flow: one zone's, or one region's. A number
    with a ``note`` saying where it comes from, or ``percent_from`` a table cell."""

    percent: float | None = Field(default=None, gt=0, le=100)
    percent_from: CellRef | None = None
    note: str = Field(default="", description="Markdown: the source of the figure.")

    @model_validator(mode="after")
    def _one_source(self) -> SharedAvailability:
        if (self.percent is None) == (self.percent_from is None):
            raise ValueError("give either 'percent' or 'percent_from' (a table cell)")
        if self.percent is not None and not self.note:
            raise ValueError("a stated 'percent' needs a 'note' saying where it comes from")
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


# --------------------------------------------------------------------------- flows (what-if)


class RegionGroup(Model):
    """Part of a flow that runs in each of several regions (active-active): one is enough."""

    regions: int = Field(ge=1, le=20)
    label: NonEmpty = "Regions"
    note: str = Field(default="", description="Markdown: why these run in several regions.")
    path: list[Slug] = Field(min_length=1, max_length=20)


class Preset(Model):
    """A link that opens a calculator with this flow's own numbers filled in."""

    calculator: Slug
    label: NonEmpty
    values: dict[Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], float | str | CellRef] = (
        Field(min_length=1, description="Input id -> number, table cell, or a choice's label.")
    )
    note: str = Field(default="", description="Markdown: where the numbers come from.")


class Flow(Model):
    """A critical flow of an architecture: a path through a diagram's nodes. Rendered as a
    what-if widget: end-to-end availability, downtime and the weakest link, all editable."""

    id: Slug
    title: NonEmpty
    diagram: Slug
    description: str = Field(default="", description="Markdown shown above the widget.")
    guide: Slug | None = Field(default=None, description="Id of the list describing the flow.")
    derived: str = Field(
        default="", description="Markdown: how the flow was derived when the guide names none."
    )
    path: list[Slug | RegionGroup] = Field(min_length=1, max_length=20)
    zone: SharedAvailability | None = Field(
        default=None, description="One zone's availability, shared by the replicas in it.")
    region: SharedAvailability | None = Field(
        default=None, description="One region's availability, shared by the zones in it.")
    target: float | None = Field(default=None, gt=0, le=100)
    target_from: CellRef | None = None
    target_note: str = ""
    presets: list[Preset] = []

    @model_validator(mode="after")
    def _guide_or_derived(self) -> Flow:
        if (self.guide is None) == (not self.derived):
            raise ValueError("give either 'guide' (the list that names the flow) or 'derived'")
        if self.target is not None and self.target_from is not None:
            raise ValueError("give 'target' or 'target_from', not both")
        return self


# --------------------------------------------------------------------------- loads (load what-if)


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


# --------------------------------------------------------------------------- worksheets


class WorksheetStep(Model):
    """One step of a worksheet: prose, widgets to fill in, a choice of entity, a notes box."""

    id: Slug
    title: NonEmpty
    text: str = Field(default="", description="Markdown guidance for the step.")
    checklists: list[Slug] = []
    calculators: list[Slug] = []
    choose: Slug = Field(default="", description="Collection id: the reader picks one entity.")
    choose_label: str = ""
    notes: str = Field(default="", description="Prompt of a free-text notes box (none if empty).")


class Worksheet(Model):
    """A guided page that gathers checklists, calculators, a choice and notes, and exports
    everything the reader entered as one Markdown document."""

    id: Slug
    title: NonEmpty
    description: str = ""
    document_title: str = "Design document"
    steps: list[WorksheetStep] = Field(min_length=1)
    page: bool = True


# --------------------------------------------------------------------------- flashcard decks

CARD_SOURCE = r"^(table|checklist|list|collection):[a-z0-9][a-z0-9_-]*$"


class CardRule(Model):
    """One kind of card in a deck: one card per row, item or entity of a data item, with the
    question and answer written as text in which ``{field}`` is replaced by that entry's field
    (a table column id; ``text``, ``help``, ``section`` of a checklist item; ``title`` and
    ``items`` of a checklist section; ``text`` and ``children`` of a list item; ``name``,
    ``category``, ``summary``, ``tags`` or ``facts.<label>`` of an entity). ``{{`` and ``}}``
    stand for literal braces. Entries with an empty field in the card are skipped."""

    id: Slug = Field(default="", description="Prefix of the card ids; defaults to the source id.")
    source: str = Field(
        alias="from", pattern=CARD_SOURCE,
        description="table:<id>, checklist:<id>, list:<id> or collection:<id>.",
    )
    per: Literal["item", "section"] = Field(
        default="item", description="Checklists: a card per item, or per section."
    )
    only: list[str] = Field(default=[], description="Only these row, item or entity ids.")
    category: list[str] = Field(default=[], description="Collections: only these categories.")
    front: NonEmpty = Field(description="The question (Markdown with {field} slots).")
    back: NonEmpty = Field(description="The answer (Markdown with {field} slots).")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: Any) -> Any:
        if not isinstance(value, str) or not re.fullmatch(CARD_SOURCE, value.strip()):
            raise ValueError(f"{value!r}: write table:<id>, checklist:<id>, list:<id> "
                             "or collection:<id>")
        return value

    @property
    def source_kind(self) -> str:
        return self.source.partition(":")[0]

    @property
    def source_id(self) -> str:
        return self.source.partition(":")[2]


class Deck(Model):
    """Flashcards generated from other data: a page with every card, a study mode with spaced
    repetition in the browser, and a TSV file that Anki imports."""

    id: Slug
    title: NonEmpty
    description: str = ""
    cards: list[CardRule] = Field(min_length=1)
    page: bool = True


# --------------------------------------------------------------------------- estimation drills


class DrillParam(Model):
    """A scenario value: fixed (a number), one of ``choices`` (a list), or drawn from ``min`` to
    ``max``: by ``step``, or with ``log: true`` among round numbers (1, 1.2, 1.5, 2, 2.5, 3, 4, 5,
    6, 8 times a power of ten) so that scenarios span orders of magnitude."""

    value: float | None = None
    choices: list[float] = []
    min: float | None = None
    max: float | None = None
    step: float | None = None
    log: bool = Field(default=False, description="Round numbers spread over orders of magnitude.")
    format: Literal["number", "count", "rate", "bytes", "duration", "percent", ""] = Field(
        default="", description="How the value is shown; defaults to count."
    )
    unit: str = Field(default="", description="Shown after the value; defaults to the input's.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"value": value}
        if isinstance(value, list):
            return {"choices": value}
        return value

    @model_validator(mode="after")
    def _one_way(self) -> DrillParam:
        ranged = self.min is not None or self.max is not None
        ways = (self.value is not None) + bool(self.choices) + ranged
        if ways != 1:
            raise ValueError("give exactly one of: a number, 'choices', or 'min' and 'max'")
        if ranged:
            if self.min is None or self.max is None:
                raise ValueError("a range needs both 'min' and 'max'")
            if self.min > self.max:
                raise ValueError(f"min {self.min} is above max {self.max}")
            if self.log and self.min <= 0:
                raise ValueError("a log range needs min > 0")
            if not self.log and (self.step is None or self.step <= 0):
                raise ValueError("a range needs a 'step' > 0 (or log: true)")
        elif self.step is not None or self.log:
            raise ValueError("'step' and 'log' only go with 'min' and 'max'")
        return self


TOLERANCE_PATTERN = r"^(\d+(\.\d+)?%|\d+(\.\d+)?x|order_of_magnitude|exact)$"


class DrillQuestion(Model):
    """A question about one calculator output, graded within a tolerance: ``25%`` (relative),
    ``2x`` (within a factor of two), ``order_of_magnitude`` (within a factor of √10, i.e. the
    same power of ten after rounding) or ``exact``."""

    output: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")]
    prompt: str = Field(default="", description="The question; defaults to the output's label.")
    within: str = Field(default="25%", pattern=TOLERANCE_PATTERN,
                        description="25%, 2x, order_of_magnitude or exact.")

    @field_validator("within", mode="before")
    @classmethod
    def _tolerance(cls, value: Any) -> Any:
        if not isinstance(value, str) or not re.fullmatch(TOLERANCE_PATTERN, value.strip()):
            raise ValueError(f"{value!r} is not a tolerance: write 25% (relative error), "
                             "2x (within a factor), order_of_magnitude or exact")
        return value


class Drill(Model):
    """An estimation drill: a scenario drawn from ranges (seeded, so a link replays it), questions
    answered by a calculator's formulas, and the worked solution step by step."""

    id: Slug
    title: NonEmpty
    description: str = ""
    calculator: Slug = Field(description="The calculator whose formulas answer the questions.")
    scenario: str = Field(description="Markdown; {input} slots show the scenario's values.")
    params: dict[Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], DrillParam] = Field(
        default_factory=dict,
        description="Calculator input id -> value, choices or range; others keep their default.",
    )
    questions: list[DrillQuestion] = Field(min_length=1)
    seed: int = Field(default=1, ge=0, le=4294967295, description="Scenario shown without JS.")
    page: bool = True


# --------------------------------------------------------------------------- concept articles
# An article is about one entity (its ``id`` is the entity's id). Its fields are separate so the
# entity page lays them out in order and other data can read them; never one Markdown blob.

# A page of the site's docs, relative to docs_dir, with an optional anchor: `page.md#anchor`.
DOC_PAGE = re.compile(r"^(?![a-z][a-z0-9+.-]*:)[A-Za-z0-9_./-]+\.md(#[A-Za-z0-9_-]+)?$")
HTTPS = re.compile(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$")

Paragraphs = Annotated[str, Field(min_length=1, description="Markdown, one or more paragraphs.")]
Bullet = Annotated[str, Field(min_length=1, description="Markdown: one bullet, a sentence.")]


def _https(value: str) -> str:
    if not HTTPS.match(value):
        raise ValueError(f"'{value}' is not an https:// URL")
    return value


class ArticleNumber(Model):
    """A typical figure (latency, throughput, a limit, a default) and where it is documented."""

    text: NonEmpty = Field(description="Markdown: the figure in a sentence.")
    source: NonEmpty = Field(
        description="An https:// URL (official docs, paper, vendor page) or a page of this "
                    "site's docs, relative to docs_dir, with an optional anchor: `page.md#id`."
    )
    source_title: NonEmpty = Field(description="What the source is, as the link text.")

    @field_validator("source")
    @classmethod
    def _source_is_a_link(cls, value: str) -> str:
        if HTTPS.match(value) or DOC_PAGE.match(value):
            return value
        raise ValueError(f"'{value}' is neither an https:// URL nor a docs page "
                         "(`page.md` or `page.md#anchor`)")


class ArticleNode(Model):
    """A box of the article's diagram; ``ref`` makes it a link to an entity's page."""

    id: Slug = Field(description="The node's id, used by the edges.")
    label: NonEmpty = Field(description="The text in the box.")
    ref: str = Field(default="", description="Id of the entity the node stands for, if any.")


class ArticleEdge(Model):
    """An arrow of the article's diagram, between two of its nodes."""

    source: Slug = Field(alias="from", description="Id of the node the arrow starts at.")
    target: Slug = Field(alias="to", description="Id of the node the arrow points to.")
    label: str = Field(default="", description="Text on the arrow.")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class ArticleDiagram(Model):
    """A small picture of how the thing works: a few nodes and the arrows between them."""

    caption: NonEmpty = Field(description="One sentence saying what the diagram shows.")
    direction: Literal["LR", "TD"] = Field(
        default="LR", description="LR draws left to right, TD top down.")
    nodes: list[ArticleNode] = Field(min_length=2, max_length=12,
                                     description="The boxes, 2 to 12 of them.")
    edges: list[ArticleEdge] = Field(min_length=1, description="The arrows between the boxes.")

    @model_validator(mode="after")
    def _edges_join_nodes(self) -> ArticleDiagram:
        ids = [node.id for node in self.nodes]
        if len(set(ids)) != len(ids):
            raise ValueError("node ids must be unique")
        for index, edge in enumerate(self.edges):
            for end in (edge.source, edge.target):
                if end not in ids:
                    raise ValueError(f"edge {index + 1} ({edge.source} -> {edge.target}): "
                                     f"'{end}' is not one of the nodes ({', '.join(ids)})")
        return self


class ReadingLink(Model):
    """A canonical public source to read next: the paper, the official docs."""

    title: NonEmpty = Field(description="The source's title, as the link text.")
    url: NonEmpty = Field(description="An https:// URL.")

    @field_validator("url")
    @classmethod
    def _url_is_https(cls, value: str) -> str:
        return _https(value)


class Article(Model):
    """A concept article about an entity, laid out on the entity's page: how it works, when to
    use it and when not, trade-offs, failure modes, typical numbers with their sources, where
    the guide differs, a small diagram and further reading. Markdown fields may link entities
    with ``[[id]]`` or ``[[id|label]]``. How the site's worked examples (e.g. reference
    architectures) use the entity is not written here: the page derives it from their links."""

    id: Slug = Field(description="Id of the entity the article is about.")
    what: Paragraphs = Field(description="Markdown: what it is and how it works.")
    when_to_use: list[Bullet] = Field(min_length=1, description="Markdown bullets.")
    when_not: list[Bullet] = Field(
        min_length=1, description="Markdown bullets: when to avoid it, or what to use instead.")
    tradeoffs: list[Bullet] = Field(min_length=1, description="Markdown bullets: what it costs.")
    failure_modes: list[Bullet] = Field(
        min_length=1, description="Markdown bullets: how it goes wrong, and what to watch.")
    numbers: list[ArticleNumber] = Field(
        default=[], max_length=12, description="Typical figures, each with its source.")
    guide_note: str = Field(
        default="", description="Markdown: where the guide's text and today's facts differ.")
    diagram: ArticleDiagram | None = Field(
        default=None, description="Optional: a small diagram of how it works.")
    reading: list[ReadingLink] = Field(min_length=1, description="Further reading.")


# --------------------------------------------------------------------------- one file


class DataFile(Model):
    """What one YAML file may hold. ``collection`` sets the default for its entities."""

    collection: Slug = ""
    collections: list[Collection] = []
    relations: list[Relation] = []
    entities: list[Entity] = []
    tables: list[Table] = []
    checklists: list[Checklist] = []
    calculators: list[Calculator] = []
    decisions: list[Decision] = []
    lists: list[ItemList] = []
    snippets: list[Snippet] = []
    diagrams: list[Diagram] = []
    worksheets: list[Worksheet] = []
    flows: list[Flow] = []
    loads: list[Load] = []
    decks: list[Deck] = []
    drills: list[Drill] = []
    articles: list[Article] = []
