"""The data format of decision trees (``decisions:``): questions, answers and outcomes."""

from __future__ import annotations

from pydantic import Field, model_validator

from ...data.models import Model, NonEmpty, Slug


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
