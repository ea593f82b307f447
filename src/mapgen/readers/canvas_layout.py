"""The canvas layout: stages across the columns of a Stage row, lanes down the rows below it."""

from __future__ import annotations

from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import ColumnMap, Header, parse_header
from mapgen.readers.problems import Problems
from mapgen.readers.table import Detection, Field, Record, Table, dedupe, extra_label, stage_name

__all__ = ["read_canvas"]


def _lanes(grid: Grid, found: Detection, problems: Problems, columns: ColumnMap | None) -> dict[int, Field]:
    label_column = found.column
    lanes: dict[int, Field] = {}
    for row in range(found.row + 1, grid.max_row + 1):
        label = grid.get(row, label_column)
        has_values = any(c > label_column for c, _ in grid.row(row))
        if label:
            parsed = parse_header(label, columns)
            if parsed.field == "stage":
                problems.warning(
                    "a second Stage row is not read; give each canvas its own sheet",
                    grid.sheet,
                    cell_name(row, label_column),
                )
                break
            lanes[row] = Field(parsed, cell_name(row, label_column), "row")
        elif has_values:
            # Values in a lane without a label are kept under the row's number, never dropped.
            lanes[row] = Field(Header(extra_label("row", row, label_column), None), cell_name(row, 1), "row")
    rows = sorted(lanes)
    return dict(zip(rows, dedupe([lanes[r] for r in rows], grid.sheet, problems), strict=True))


def read_canvas(grid: Grid, found: Detection, problems: Problems, columns: ColumnMap | None = None) -> Table:
    """Return the steps of a canvas sheet: one per stage column; a merged stage spans its columns.

    columns, the workbook's own names for its lane labels, are consulted before the synonyms.
    """
    lanes = _lanes(grid, found, problems, columns)
    action_row = next((r for r, f in lanes.items() if f.header.field == "action"), found.row)
    table = Table("canvas", found.row, list(lanes.values()))
    stage = ""
    last_column = max((c for (r, c) in grid.cells if r >= found.row), default=found.column)
    for column in range(found.column + 1, last_column + 1):
        written = grid.get(found.row, column)
        if written:
            stage = stage_name(written, grid, found.row, column, problems)
            table.name_stage(stage)  # a stage column left empty is still a stage of the journey
        values = [
            (item, text, cell_name(row, column))
            for row, item in lanes.items()
            if (text := grid.get(row, column))
        ]
        if not values:
            continue
        if not stage:
            problems.error(
                "this step has no stage; write its stage in the Stage row above it",
                grid.sheet,
                cell_name(found.row, column),
            )
            continue
        table.records.append(Record(stage, cell_name(action_row, column), values))
    return table
