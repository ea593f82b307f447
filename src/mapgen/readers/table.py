"""A persona sheet's journey as a table of raw steps, and which layout the sheet uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import ColumnMap, Header, parse_header
from mapgen.readers.limits import MAX_NAME_CHARS, MAX_STEPS
from mapgen.readers.problems import Problems

__all__ = [
    "SEARCH_ROWS",
    "Detection",
    "Field",
    "Record",
    "Table",
    "dedupe",
    "detect",
    "explain",
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
    """Where a sheet's journey table starts, which layout it has, and where its stages come from.

    stages: "column", the column (or canvas row) at column; "each", every step its own stage (a
    short flat list of steps); "one", every step in one stage called name. note, when set, is the
    warning that says what was guessed and how to say it for sure.
    """

    layout: Literal["row", "canvas"]
    row: int
    column: int  # the Stage header's column; 0 when no column holds the stages
    stages: Literal["column", "each", "one"] = "column"
    name: str = ""
    note: str | None = None
    alone: bool = False  # found by its Stage cell alone: no other header names a step field


# A flat list of up to this many steps gets a stage per step; a longer one, one stage.
EACH_STAGE_STEPS = 8
# A step field that says what happens at a step: a row naming one (and another field) is a table
# of steps, where "Metric, Owner" alone could be any table.
_STEP_WORDS = frozenset({"action", "touchpoint", "thoughts", "emotions", "score", "pain_points"})
# A stage label is short: a few words, not a sentence, a number or a date.
_LABEL_CHARS = 30
_LABEL_WORDS = 4
_LABEL_COLUMNS = 50
_NOT_LABEL = re.compile(r"[\d\s.,:;%+\-−/#()]*")


class _Heads:
    """The cells of a sheet's first rows as headers, each text parsed once: a hostile sheet of a
    thousand columns repeats them, and every rule below reads them again."""

    def __init__(self, grid: Grid, columns: ColumnMap | None) -> None:
        self.grid = grid
        self.columns = columns
        self._memo: dict[str, Header] = {}
        self._rows: dict[int, list[tuple[int, str, Header]]] = {}

    def of(self, text: str) -> Header:
        """Return what a header's text names."""
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = parse_header(text, self.columns)
        return found

    def row(self, row: int) -> list[tuple[int, str, Header]]:
        """Return a row's non-blank cells as (column, text, header)."""
        found = self._rows.get(row)
        if found is None:
            found = self._rows[row] = [(c, t, self.of(t)) for c, t in self.grid.row(row)]
        return found

    def known(self, row: int) -> set[str]:
        """Return the step fields, besides the stage, a row's headers name."""
        return {h.field for _, _, h in self.row(row) if h.field not in (None, "stage")}

    def rows(self) -> range:
        """Return the rows a table's header may be in."""
        return range(1, min(self.grid.max_row, SEARCH_ROWS) + 1)


def _is_step(header: Header) -> bool:
    return header.field not in (None, "stage")


def _strict(heads: _Heads) -> Detection | None:
    """Return the table a Stage header names beside a known header, or a canvas's Stage row."""
    grid = heads.grid
    for row in heads.rows():
        cells = heads.row(row)
        stages = sorted(
            (h.rank, c) for c, _, h in cells if h.field == "stage" and (row, c) not in grid.filled
        )
        if not stages:
            continue
        if any(_is_step(h) for _, _, h in cells):
            return Detection("row", row, stages[0][1])  # "Stage" before "Phase", whatever their order
        column = cells[0][0]  # a canvas's Stage label starts its row
        if any(c == column for _, c in stages):
            lanes = [grid.get(r, column) for r in range(row + 1, min(grid.max_row, row + 25) + 1)]
            if any(lane and _is_step(heads.of(lane)) for lane in lanes):
                return Detection("canvas", row, column)
    return None


def detect(grid: Grid, columns: ColumnMap | None = None) -> Detection | None:
    """Find the table: the first row with a Stage-like header and another known header (row layout),
    or a Stage-like label with stage names to its right and known lanes below it (canvas layout).
    Headers are known by columns, the workbook's own names, and by the synonyms.

    Failing both, a guess, with a note to warn with: a header row of known step fields without a
    stage (its stages from a column of short labels, else a stage per step or one stage), or a
    Stage header whose neighbours name nothing known (kept as lanes of their own).
    """
    heads = _Heads(grid, columns)
    found = _strict(heads)
    if found is not None:
        return found
    steps = _steps_row(heads)
    alone = _stage_alone(heads)
    if steps is not None and (alone is None or steps < alone.row):
        return _flat(heads, steps)
    return alone


def _steps_row(heads: _Heads) -> int | None:
    """Return the first row that names two step fields, one of them what happens at a step."""
    for row in heads.rows():
        known = heads.known(row)
        if len(known) >= 2 and known & _STEP_WORDS:
            return row
    return None


def _data_rows(grid: Grid, header: int, first: int) -> list[int]:
    # Rows past the step limit are an error of their own: a guess needs to look no further.
    return sorted({r for (r, c) in grid.cells if r > header and c >= first})[: MAX_STEPS + 1]


def _is_label(text: str) -> bool:
    short = len(text) <= _LABEL_CHARS and len(text.split()) <= _LABEL_WORDS and "\n" not in text
    return short and not _NOT_LABEL.fullmatch(text)


def _labels(grid: Grid, column: int, rows: list[int]) -> list[str] | None:
    """Return a column's values down rows (blank: the value above), if they are stage-like labels."""
    values: list[str] = []
    for row in rows:
        text = grid.get(row, column)
        if not text:
            if not values:
                return None  # a first step without a stage: no stage column
            text = values[-1]
        elif not _is_label(text):
            return None
        values.append(text)
    return values or None


def _groups(values: list[str]) -> bool:
    """Return True when values repeat in runs, each value in one run: they group the steps."""
    runs = [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]
    return len(set(runs)) == len(runs) and 2 <= len(runs) < len(values)


def _flat(heads: _Heads, header: int) -> Detection:
    """Return how a table of step fields without a stage column gets its stages, with a note."""
    grid = heads.grid
    cells = heads.row(header)
    rows = _data_rows(grid, header, cells[0][0])
    below = set(rows)
    used = sorted({c for (r, c) in grid.cells if r in below} | {c for c, _, _ in cells})
    first = used[0]
    named = {c: (t, h) for c, t, h in cells}
    # The first columns are enough to find one of labels; a sheet of thousands costs no more.
    unknown = [c for c in used if c not in named or named[c][1].field is None][:_LABEL_COLUMNS]
    has_action = "action" in heads.known(header)
    for column in unknown:
        values = _labels(grid, column, rows)
        # The first column may hold distinct labels (a stage per step) beside the actions; any
        # other column must group the steps, as a stage column does.
        if values is None or not (_groups(values) or (column == first and has_action)):
            continue
        label = named[column][0] if column in named else extra_label("column", header, column)
        where = "first column" if column == first else "column"
        return Detection(
            "row",
            header,
            column,
            note=f'no column is named Stage; the {where} "{label}" holds short labels, read as the '
            'stages; name it Stage (or map it: a Columns sheet, or --column "HEADER=stage") to make '
            "it sure",
        )
    if not rows:
        return Detection("row", header, 0, "each")  # no steps yet: the reader says so
    how = (
        "add a Stage column (or map a column of the sheet to the stage: a Columns sheet, or --column "
        '"HEADER=stage")'
    )
    if len(rows) <= EACH_STAGE_STEPS:
        note = (
            f"no column names the stages, so each of the {len(rows)} steps is a stage of its own; "
            f"to group the steps into stages, {how}"
        )
        return Detection("row", header, 0, "each", note=note)
    note = (
        f'no column names the stages, so the {len(rows)} steps are one stage, "{grid.sheet}"; to '
        f"show the journey's stages, {how}"
    )
    return Detection("row", header, 0, "one", grid.sheet, note)


def _quoted(texts: list[str]) -> str:
    """Return up to six texts quoted, and how many more there are."""
    shown = ", ".join(f'"{t}"' for t in texts[:6])
    return shown + (f" and {len(texts) - 6} more" if len(texts) > 6 else "")


def _stage_alone(heads: _Heads) -> Detection | None:
    """Return a header row found by its Stage cell alone: its other headers are kept as lanes."""
    grid = heads.grid
    for row in heads.rows():
        cells = heads.row(row)
        if len(cells) < 2 or grid.max_row == row:  # a header row has something beside it and below it
            continue
        column = next((c for c, _, h in cells if h.field == "stage" and (row, c) not in grid.filled), None)
        if column is None:
            continue
        names = _quoted([t.replace("\n", " ")[:40] for c, t, _ in cells if c != column])
        return Detection(
            "row",
            row,
            column,
            note=f"no known step column (Step, Touchpoint, Emotions...) is beside the Stage "
            f"column; {names} are kept as lanes of their own; rename them, or map them in a "
            'Columns sheet or with --column "HEADER=action"',
            alone=True,
        )
    return None


_FIGURE = re.compile(r"[-+−(]?[$€£¥]?\s?\d[\d,.\s]*(?:%|[kKmM]\b)?\)?")


def holds_figures(grid: Grid, found: Detection) -> bool:
    """Return True when a table found by its Stage cell alone holds only figures beside the stages.

    Such a table is stage-level metrics (visits, conversion, CSAT per stage) on a sheet not named
    Metrics: no persona's journey, whatever its name.
    """
    if not found.alone:
        return False
    values = [
        (row, column)
        for (row, column) in grid.cells
        if row > found.row and column != found.column and (row, column) not in grid.filled
    ]
    return bool(values) and all(
        (cell in grid.numbers) or _FIGURE.fullmatch(grid.cells[cell].strip()) for cell in values
    )


def explain(grid: Grid, columns: ColumnMap | None = None) -> str:
    """Return what a sheet without a journey table holds, for the error that says so."""
    heads = _Heads(grid, columns)
    rows = [(len(written), -row, row) for row in heads.rows() if (written := grid.row(row))]
    if not rows:
        return "the sheet holds no text"
    width, _, row = max(rows)
    if width < 2:
        return f"no row of the first {SEARCH_ROWS} holds more than one cell, as a header row does"
    cells = heads.row(row)
    held = _quoted([t.replace("\n", " ")[:40] for _, t, _ in cells])
    known = [f'"{t[:40]}" ({(h.field or "").replace("_", " ")})' for _, t, h in cells if _is_step(h)]
    if not known:
        return f"row {row} holds {held}: none names a journey step"
    return f"row {row} holds {held}: only {', '.join(known[:6])} names a step field, and none a stage"


def extra_label(kind: Literal["column", "row"], row: int, column: int) -> str:
    """Return the name of a field with no header: 'Column H' or 'Row 12'."""
    return f"Column {cell_name(1, column)[:-1]}" if kind == "column" else f"Row {row}"


# Fields that hold one value per step: a second column for one of them is kept as an extra.
_SINGLE = frozenset({"stage", "action", "touchpoint", "goal", "thoughts", "score", "owner", "evidence"})


def dedupe(fields: list[Field], sheet: str, problems: Problems) -> list[Field]:
    """Return the fields with those that name a field less precisely than another turned into
    extras ("Channel" beside "Touchpoint"), and a second column for a one-value field too, with a
    warning.
    """
    best: dict[str, int] = {}
    for item in fields:
        if item.header.field is not None:
            best[item.header.field] = min(best.get(item.header.field, item.header.rank), item.header.rank)
    seen: dict[str, Field] = {}
    out: list[Field] = []
    for item in fields:
        name = item.header.field
        if name is not None and item.header.rank > best[name]:
            # A broader name beside a precise one: a lane of its own, as the sheet's author meant.
            item = Field(Header(item.header.text, None), item.cell, item.kind)
        elif name in _SINGLE and name in seen:
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
