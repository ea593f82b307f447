"""The Columns sheet: the workbook's own headers and the step field each holds, read as a ColumnMap.

It travels with the workbook, so a colleague's build reads "Section" as the stage without a
project file. A row is a header as the persona sheets write it, then the field: a step field's
name ("pain_points") or one of its usual names ("Pain points"). An optional heading row comes first.
"""

from __future__ import annotations

from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import STEP_FIELDS, ColumnMap, normalise, step_field
from mapgen.readers.problems import Problems

__all__ = ["read_columns_sheet"]

# Words of a heading row over the two columns ("Header" | "Field", "In the workbook" | "Maps to").
_HEADINGS = frozenset(
    normalise(word)
    for word in (
        "header",
        "headers",
        "column",
        "columns",
        "workbook header",
        "header in the workbook",
        "in the workbook",
        "label",
        "field",
        "fields",
        "step field",
        "mapgen field",
        "maps to",
        "map to",
        "means",
        "holds",
        "read as",
    )
)
_FIELDS = ", ".join(STEP_FIELDS)


def _is_heading(header: str, field: str) -> bool:
    return step_field(field) is None and (normalise(header) in _HEADINGS or normalise(field) in _HEADINGS)


def read_columns_sheet(grid: Grid, problems: Problems) -> ColumnMap | None:
    """Return the sheet's header -> field map; every wrong row is an error naming its cell."""
    first = min((c for _, c in grid.cells), default=1)
    index: dict[str, str] = {}
    where: dict[str, tuple[str, str]] = {}  # the header as matched -> the header as written, its cell
    rows = sorted({r for r, c in grid.cells if c in (first, first + 1)})
    for position, row in enumerate(rows):
        header, field = grid.get(row, first), grid.get(row, first + 1)
        header_cell, field_cell = cell_name(row, first), cell_name(row, first + 1)
        if position == 0 and _is_heading(header, field):
            continue
        if not header:
            problems.error(
                f'the field "{field}" has no header beside it; write the header as the persona sheets '
                "write it in this cell, or delete the row",
                grid.sheet,
                header_cell,
            )
            continue
        if not field:
            problems.error(
                f'the header "{header}" names no field; write the step field it holds in the next cell '
                f"({_FIELDS}), or delete the row",
                grid.sheet,
                field_cell,
            )
            continue
        name = step_field(field)
        if name is None:
            problems.error(
                f'"{field}" is not a step field; write one of {_FIELDS} (or one of their usual names, '
                'such as "Pain points")',
                grid.sheet,
                field_cell,
            )
            continue
        key = normalise(header)
        if not key:
            problems.error(
                f'the header "{header}" has no letters or digits to match a header by; write the header '
                "as the persona sheets write it",
                grid.sheet,
                header_cell,
            )
            continue
        if index.get(key, name) != name:
            other, cell = where[key]
            problems.error(
                f'"{header}" matches "{other}" in {cell} (case, spaces and punctuation are ignored), which '
                f"holds the {index[key].replace('_', ' ')}; keep one of the two rows",
                grid.sheet,
                header_cell,
            )
            continue
        index[key] = name
        where.setdefault(key, (header, header_cell))
    return ColumnMap(index) if index else None
