"""The data format of estimation drills (``drills:``): a scenario, questions, tolerances."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from ...data.models import Model, NonEmpty, Slug, also_takes


class DrillParam(Model):
    """A scenario value: fixed (a number), one of ``choices`` (a list), or drawn from ``min`` to
    ``max``: by ``step``, or with ``log: true`` among round numbers (1, 1.2, 1.5, 2, 2.5, 3, 4, 5,
    6, 8 times a power of ten) so that scenarios span orders of magnitude."""

    in_words: ClassVar[str] = "a number, a list of choices or a range (min, max, step)"

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


IDENTIFIER = r"^[a-z_][a-z0-9_]*$"  # a calculator input's id
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
    params: dict[Annotated[str, Field(pattern=IDENTIFIER)], DrillParam] = Field(
        default_factory=dict,
        description="Calculator input id -> value, choices or range; others keep their default.",
        # A parameter may be a bare number (fixed) or a list of numbers (choices): _shorthand.
        json_schema_extra=also_takes(["patternProperties", IDENTIFIER], {"type": "number"},
                                     {"type": "array", "items": {"type": "number"}}),
    )
    questions: list[DrillQuestion] = Field(min_length=1)
    seed: int = Field(default=1, ge=0, le=4294967295, description="Scenario shown without JS.")
    page: bool = True
