"""The data format of calculators (``calculators:``): inputs and the formulas of their outputs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from ...data.models import Model, NonEmpty, Slug


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
