"""Read a stage-level metrics sheet: a Stage column and a column per measure, each figure a Metric."""

from __future__ import annotations

from collections.abc import Callable

from mapgen.model import Metric
from mapgen.readers.cells import tidy_text
from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import ColumnMap, is_stage_header
from mapgen.readers.limits import MAX_NAME_CHARS
from mapgen.readers.problems import Problems

__all__ = ["read_metrics"]

# The header row is near the top, as on a Stages sheet.
_HEADER_ROWS = 10


def _header(grid: Grid, columns: ColumnMap | None) -> tuple[int, int] | None:
    for row in range(1, min(grid.max_row, _HEADER_ROWS) + 1):
        for column, text in grid.row(row):
            if is_stage_header(text, columns):
                return row, column
    return None


def read_metrics(
    grid: Grid,
    problems: Problems,
    stages: Callable[[str], str | None],
    columns: ColumnMap | None = None,
) -> list[Metric]:
    """Return a metrics sheet's figures, row by row, left to right; no Stage column is a warning.

    Each non-blank cell under a measure's header is a figure: its text as Excel shows it, its
    number when it holds one. stages gives a stage's spelling in the journeys, or None for a
    stage no persona has (a warning at its cell; its figures are kept).
    """
    found = _header(grid, columns)
    if found is None:
        problems.warning(
            f"the metrics sheet has no Stage column in its first {_HEADER_ROWS} rows, so its figures are "
            'not read; add a header row with a Stage column and a column per measure (e.g. "Conversion")',
            grid.sheet,
        )
        return []
    header_row, stage_column = found
    measures = {
        column: " ".join(text.split())[:MAX_NAME_CHARS]
        for column, text in grid.row(header_row)
        if column != stage_column and (header_row, column) not in grid.filled
    }
    metrics: list[Metric] = []
    unknown: set[str] = set()
    for row in range(header_row + 1, grid.max_row + 1):
        stage = " ".join(grid.get(row, stage_column).split())
        figures = [(c, grid.get(row, c)) for c in measures if grid.get(row, c)]
        if not stage:
            if figures:
                problems.warning(
                    "this row has figures but no stage, so they are not read; write the stage in the "
                    "Stage column",
                    grid.sheet,
                    cell_name(row, stage_column),
                )
            continue
        known = stages(stage)
        if known is None and figures and stage not in unknown:
            unknown.add(stage)
            problems.warning(
                f'stage "{stage}" is in no persona\'s journey, so its figures belong to no stage of the '
                "maps; check its spelling against the Stage column of the persona sheets",
                grid.sheet,
                cell_name(row, stage_column),
            )
        stage = known or stage
        for column, text in figures:
            where = cell_name(row, column)
            number = grid.number(where)
            value = number.value if number is not None else None
            metrics.append(Metric(stage, measures[column], tidy_text(text), value, grid.sheet, where))
    return metrics
