"""Checking estimation drills against their calculator: inputs, scenario slots, outputs."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...data.catalog import Checker
from ..deck.cards import slots
from .view import candidates


@dataclass
class DrillResult:
    """Drill id -> input name -> the values a drill draws that input from."""

    choices: dict[str, dict[str, list[float]]] = field(default_factory=dict)


def check(checker: Checker) -> DrillResult:
    result = DrillResult()
    c = checker.catalog
    for drill in c.drills.values():
        calculator = c.calculators.get(drill.calculator)
        if calculator is None:
            checker.unknown("drills", drill.id, "calculator", "calculator", drill.calculator,
                            c.calculators)
            continue
        inputs = {spec.id: spec for spec in calculator.inputs}
        choices: dict[str, list[float]] = {}
        for name, param in drill.params.items():
            spec = inputs.get(name)
            if spec is None:
                checker.unknown("drills", drill.id, f"params.{name}",
                                f"input of calculator '{calculator.id}'", name, inputs)
            elif spec.type != "number":
                checker.problem("drills", drill.id, f"params.{name}",
                                f"input '{name}' is a {spec.type}; drills vary number inputs")
            else:
                try:
                    choices[name] = candidates(param)
                except ValueError as error:
                    checker.problem("drills", drill.id, f"params.{name}", str(error))
        for name in slots(drill.scenario):
            if name not in inputs:
                checker.unknown("drills", drill.id, "scenario",
                                f"input of calculator '{calculator.id}' in {{...}}", name, inputs)
            elif inputs[name].type != "number":
                checker.problem("drills", drill.id, "scenario",
                                f"{{{name}}} is a {inputs[name].type} input; "
                                "the scenario shows number inputs only")
        outputs = {o.id for o in calculator.outputs}
        for index, question in enumerate(drill.questions):
            if question.output not in outputs:
                checker.unknown("drills", drill.id, f"questions.{index}.output",
                                f"output of calculator '{calculator.id}'", question.output,
                                outputs)
        result.choices[drill.id] = choices
    return result
