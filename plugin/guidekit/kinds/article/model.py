"""The data format of concept articles (``articles:``): the sections of an entity's article."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ...data.models import Model, NonEmpty, Slug

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
