"""Checking calculators: choice inputs get their options (from the data or a table's rows),
and every output formula is compiled once, for the page and the browser alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...data.catalog import Checker, strip_markup
from ...formulas import CompiledCalculator, FormulaError, OutputError, compile_calculator
from ...units import parse_quantity
from ..table.rows import table_rows
from .model import Calculator, ChoiceOption


@dataclass
class CalculatorResult:
    """What checking the calculators derived: compiled formulas and the options of choices."""

    compiled: dict[str, CompiledCalculator] = field(default_factory=dict)
    choices: dict[tuple[str, str], list[ChoiceOption]] = field(default_factory=dict)


def check(checker: Checker) -> CalculatorResult:
    result = CalculatorResult()
    c = checker.catalog
    for calculator in c.calculators.values():
        names: dict[str, str] = {}
        for index, spec in enumerate(calculator.inputs):
            if spec.type == "choice":
                options = _choice_options(checker, calculator, index)
                if options is None:
                    continue
                result.choices[(calculator.id, spec.id)] = options
                index = int(spec.default) if not isinstance(spec.default, list) else 0
                if index >= len(options):
                    checker.problem("calculators", calculator.id, f"inputs.{spec.id}.default",
                                    f"index {index} but only {len(options)} options")
                for key in options[0].values:
                    names[f"{spec.id}_{key}"] = "number"
                names[spec.id] = "number"
            else:
                names[spec.id] = spec.type
        try:
            result.compiled[calculator.id] = compile_calculator(
                calculator.id, names, [(o.id, o.formula) for o in calculator.outputs]
            )
        except OutputError as error:
            checker.problem("calculators", calculator.id,
                            f"outputs.{error.output_id}.formula", str(error))
        except FormulaError as error:  # pragma: no cover - OutputError covers all paths
            checker.problem("calculators", calculator.id, "outputs", str(error))
    return result


def _choice_options(checker: Checker, calculator: Calculator,
                    index: int) -> list[ChoiceOption] | None:
    spec = calculator.inputs[index]
    field_name = f"inputs.{spec.id}.options"
    if spec.options:
        keys = set(spec.options[0].values)
        if any(set(o.values) != keys for o in spec.options):
            checker.problem("calculators", calculator.id, field_name,
                            "every option needs the same value names")
            return None
        return spec.options
    source = spec.options_from
    assert source is not None
    table = checker.catalog.tables.get(source.table)
    if table is None:
        checker.unknown("calculators", calculator.id, f"{field_name}_from.table", "table",
                        source.table, checker.catalog.tables)
        return None
    columns = {col.id for col in table.columns}
    for column_id in [source.label, *source.values.values()]:
        if column_id not in columns:
            checker.unknown("calculators", calculator.id, f"{field_name}_from", "column",
                            column_id, columns)
            return None
    options: list[ChoiceOption] = []
    for row in table_rows(checker.catalog, table):
        values: dict[str, float] = {}
        for key, column_id in source.values.items():
            parsed = parse_quantity(strip_markup(row.cells.get(column_id, "")), source.unit)
            if parsed is None:
                break
            values[key] = parsed
        else:
            options.append(ChoiceOption(label=strip_markup(row.cells.get(source.label, "")) or
                                        row.id, values=values))
    if not options:
        checker.problem("calculators", calculator.id, f"{field_name}_from",
                        f"no row of table '{table.id}' has numbers in every value column")
        return None
    return options
