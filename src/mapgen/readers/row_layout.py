"""The row layout: a header row, one step per row below it."""

from __future__ import annotations

from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import ColumnMap, Header, is_stage_header, normalise, parse_header
from mapgen.readers.problems import Problems
from mapgen.readers.table import Detection, Field, Record, Table, dedupe, extra_label, stage_name

# A stage named after its step's action: a name on the stage bar, short enough to read at a glance.
MAX_STAGE_CHARS = 40

__all__ = ["read_rows"]


def _fields(grid: Grid, found: Detection, problems: Problems, columns: ColumnMap | None) -> dict[int, Field]:
    header = found.row
    fields: dict[int, Field] = {}
    for column, text in grid.row(header):
        parsed = parse_header(text, columns)
        if column == found.column:
            parsed = Header(parsed.text, "stage", parsed.hint, parsed.rank)  # a guessed one too
        elif parsed.field == "stage":
            parsed = Header(parsed.text, None)  # only the first Stage column holds the stage
        fields[column] = Field(parsed, cell_name(header, column), "column")
    # Values under a blank header are kept under the column's letter, never dropped.
    used = {c for (r, c) in grid.cells if r > header}
    for column in sorted(used - set(fields)):
        label = extra_label("column", header, column)
        fields[column] = Field(Header(label, None), cell_name(header, column), "column")
    order = sorted(fields)
    resolved = dedupe([fields[c] for c in order], grid.sheet, problems)
    return dict(zip(order, resolved, strict=True))


def read_rows(grid: Grid, found: Detection, problems: Problems, columns: ColumnMap | None = None) -> Table:
    """Return the steps of a row-layout sheet: blank rows skipped, a blank stage is the stage above.

    columns, the workbook's own names for its headers, are consulted before the synonyms.
    """
    fields = _fields(grid, found, problems, columns)
    stage_column = found.column  # 0 in a flat list of steps: no column holds the stages
    first_column = min(fields, default=1)
    action_column = next(
        (c for c, f in fields.items() if f.header.field == "action"), stage_column or first_column
    )
    table = Table("row", found.row, list(fields.values()))
    stage = found.name  # a flat list's one stage; else each row's, or the one above
    unfilled: list[str] = []  # stages named on rows with nothing else, kept if steps follow
    for row in range(found.row + 1, grid.max_row + 1):
        written = grid.get(row, stage_column)
        values = [
            (item, text, cell_name(row, column))
            for column, item in fields.items()
            if column != stage_column and (text := grid.get(row, column))
        ]
        repeated = written and is_stage_header(written, columns)
        if repeated and any(parse_header(t, columns).field for _, t, _ in values):
            continue  # the header row repeated, as in tables pasted from a printout
        if written:  # written in this row, or a merged stage cell reaching down to it
            stage = stage_name(written, grid, row, stage_column, problems)
        elif found.stages == "each":
            stage = f"Step {len(table.records) + 1}"  # named after the steps are read
        if not values:
            # A blank row, or a stage cell with nothing beside it: a stage left empty inside the
            # table, or a note written under it.
            if written and stage not in unfilled:
                unfilled.append(stage)
            continue
        if not stage:
            problems.error(
                "this step has no stage; write its stage in the Stage column (a blank stage cell "
                "means the stage of the row above, and there is none above)",
                grid.sheet,
                cell_name(row, stage_column),
            )
            continue
        for name in unfilled:
            table.name_stage(name)
        unfilled.clear()
        table.name_stage(stage)
        table.records.append(Record(stage, cell_name(row, action_column), values))
    if found.stages == "each":
        _stage_per_step(table)
    return table


def _stage_per_step(table: Table) -> None:
    """Name each step's own stage after its action when every action is short and distinct."""
    actions = [
        next((" ".join(t.split()) for f, t, _ in r.values if f.header.field == "action"), "")
        for r in table.records
    ]
    distinct = len({normalise(a) for a in actions}) == len(actions)  # stages match as headers do
    if all(actions) and distinct and all(len(a) <= MAX_STAGE_CHARS for a in actions):
        for record, action in zip(table.records, actions, strict=True):
            record.stage = action
    table.stages = [record.stage for record in table.records]
