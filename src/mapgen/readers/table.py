"""A persona sheet's journey as a table of raw steps, and which layout the sheet uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import ColumnMap, Header, is_stage_header, parse_header
from mapgen.readers.limits import MAX_NAME_CHARS
from mapgen.readers.problems import Problems

__all__ = [
    "SEARCH_ROWS",
    "Detection",
    "Field",
    "Record",
    "Table",
    "dedupe",
    "detect",
    "extra_label",
    "stage_name",
]

# The header row (or the canvas's Stage row) must be within the first rows of a sheet.
SEARCH_ROWS = 30


@dataclass(frozen=True)
class Field:
    """A column (row layout) or a lane (canvas layout): its header and what it maps to."""

    header: Header
    cell: str  # where the header is written
    kind: Literal["column", "row"]

    @property
    def label(self) -> str:
        """Return how messages name it: 'column "Emotion score (-5 to +5)"'."""
        return f'{self.kind} "{self.header.text}"'


@dataclass
class Record:
    """One step as read: its stage, where it was read from, and the non-blank values by field."""

    stage: str
    cell: str
    values: list[tuple[Field, str, str]] = field(default_factory=list)  # (field, text, cell)


@dataclass
class Table:
    """The steps of one persona sheet, before their values are interpreted."""

    layout: Literal["row", "canvas"]
    top: int  # the header row or the Stage row: the profile block is above it
    fields: list[Field] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)  # every stage named, in order, even with no step

    def name_stage(self, stage: str) -> None:
        """Note a stage in order of appearance."""
        if stage not in self.stages:
            self.stages.append(stage)


@dataclass(frozen=True)
class Detection:
    """Where a sheet's journey table starts and which layout it has."""

    layout: Literal["row", "canvas"]
    row: int
    column: int  # the Stage header's column


def _step_headers(cells: list[tuple[int, str]], skip: int, columns: ColumnMap | None) -> int:
    return sum(1 for c, t in cells if c != skip and parse_header(t, columns).field not in (None, "stage"))


def detect(grid: Grid, columns: ColumnMap | None = None) -> Detection | None:
    """Find the table: the first row with a Stage-like header and another known header (row layout),
    or a Stage-like label with stage names to its right and known lanes below it (canvas layout).
    Headers are known by columns, the workbook's own names, and by the synonyms.
    """
    for row in range(1, min(grid.max_row, SEARCH_ROWS) + 1):
        cells = grid.row(row)
        for column, text in cells:
            if (row, column) in grid.filled or not is_stage_header(text, columns):
                continue
            if _step_headers(cells, column, columns) >= 1:
                return Detection("row", row, column)
            first = cells[0][0] == column
            lanes = [grid.get(r, column) for r in range(row + 1, min(grid.max_row, row + 25) + 1)]
            known = sum(
                1 for lane in lanes if lane and parse_header(lane, columns).field not in (None, "stage")
            )
            if first and known >= 1:
                return Detection("canvas", row, column)
    return None


def extra_label(kind: Literal["column", "row"], row: int, column: int) -> str:
    """Return the name of a field with no header: 'Column H' or 'Row 12'."""
    return f"Column {cell_name(1, column)[:-1]}" if kind == "column" else f"Row {row}"


# Fields that hold one value per step: a second column for one of them is kept as an extra.
_SINGLE = frozenset({"stage", "action", "touchpoint", "goal", "thoughts", "score", "owner", "evidence"})


def dedupe(fields: list[Field], sheet: str, problems: Problems) -> list[Field]:
    """Return the fields with a second column for a one-value field turned into an extra, with a warning."""
    seen: dict[str, Field] = {}
    out: list[Field] = []
    for item in fields:
        name = item.header.field
        if name in _SINGLE and name in seen:
            first = seen[name]
            problems.warning(
                f"{item.label} and {first.label} both name the {name.replace('_', ' ')}; the second is "
                "kept as an extra field; rename one of them",
                sheet,
                item.cell,
            )
            item = Field(Header(item.header.text, None), item.cell, item.kind)
        elif name is not None:
            seen.setdefault(name, item)
        out.append(item)
    return out


def stage_name(written: str, grid: Grid, row: int, column: int, problems: Problems) -> str:
    """Return a stage name as written in a cell, spaces tidied; refuse one too long to be a name."""
    name = " ".join(written.split())
    if len(name) > MAX_NAME_CHARS and (row, column) not in grid.filled:
        problems.error(
            f"the stage name has {len(name):,} characters, over mapgen's limit of {MAX_NAME_CHARS} for "
            "a name (it heads a band of every map); shorten it and describe the stage on the Stages sheet",
            grid.sheet,
            cell_name(row, column),
        )
    return name
