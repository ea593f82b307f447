"""A worksheet as a grid of plain, trimmed strings: what a person sees in the cells."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from mapgen.readers.numbers import format_number, plain_number

__all__ = ["Grid", "Number", "cell_name", "cell_text", "decode_escapes", "grid_of"]

# Excel's error values, as openpyxl returns them from cached results.
_ERROR_VALUES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)

# Excel writes a character XML cannot carry as _xHHHH_ (a line break typed on a Mac as _x000D_,
# a tab as _x0009_), and an underscore that would read as such an escape as _x005F_.
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Control characters no deliverable can hold; tabs and line breaks are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_escapes(text: str) -> str:
    """Return text with Excel's _xHHHH_ escapes replaced by the characters they stand for."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def cell_name(row: int, column: int) -> str:
    """Return the A1 name of a cell."""
    return f"{get_column_letter(column)}{row}"


def cell_text(value: Any, number_format: str = "General") -> str:
    """Return a cell value as the text it shows: numbers in their number format, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        fmt = number_format or "General"
        return format_number(value, fmt) or plain_number(value, fmt)
    text = decode_escapes(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.strip().split("\n"))


@dataclass(frozen=True)
class Number:
    """A number cell's value, and its plain text ("60.7142857142857%") for readers of the number itself."""

    value: float
    plain: str


@dataclass
class Grid:
    """The non-blank cells of one sheet by (row, column), merged ranges filled in."""

    sheet: str
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # cells holding #N/A and the like
    filled: set[tuple[int, int]] = field(default_factory=set)  # merged cells given their range's value
    controls: set[tuple[int, int]] = field(default_factory=set)  # cells whose control characters were dropped
    # Number cells: the cells show them formatted ("60.7%"), scores and metrics read the number.
    numbers: dict[tuple[int, int], Number] = field(default_factory=dict)
    max_row: int = 0
    max_column: int = 0

    def get(self, row: int, column: int) -> str:
        """Return the text of a cell ('' when blank)."""
        return self.cells.get((row, column), "")

    def number(self, cell: str) -> Number | None:
        """Return the number an A1-named cell holds, or None when it holds text or nothing."""
        try:
            return self.numbers.get(coordinate_to_tuple(cell))
        except (ValueError, TypeError):
            return None

    def row(self, row: int) -> list[tuple[int, str]]:
        """Return the non-blank cells of a row as (column, text), left to right."""
        return [(c, self.cells[(row, c)]) for c in range(1, self.max_column + 1) if (row, c) in self.cells]

    def is_empty(self) -> bool:
        """Return True when the sheet holds no text at all."""
        return not self.cells


def grid_of(sheet: Any) -> Grid:
    """Return a worksheet's cells as text; every cell of a merged range gets the range's value."""
    grid = Grid(sheet.title)
    # The private cell dict holds only cells that exist: iterating the used range instead would
    # create a cell object for every blank coordinate of a sheet formatted down to row 1,048,576.
    for (row, column), cell in sheet._cells.items():
        value = cell.value
        if value is None:
            continue
        text = cell_text(value, cell.number_format)
        if _CONTROL.search(text):
            grid.controls.add((row, column))
            text = _CONTROL.sub("", text).strip()
        if not text:
            continue
        if cell.data_type == "e" or (isinstance(value, str) and text in _ERROR_VALUES):
            grid.errors[(row, column)] = text
            continue
        grid.cells[(row, column)] = text
        if isinstance(value, int | float) and not isinstance(value, bool):
            grid.numbers[(row, column)] = Number(float(value), plain_number(value, cell.number_format or ""))
    # Fill merged ranges only as far as the data reaches: a range merged down a whole column
    # must not make a million cells.
    data_rows = max((r for r, _ in grid.cells), default=0)
    data_columns = max((c for _, c in grid.cells), default=0)
    for merged in sheet.merged_cells.ranges:
        value = grid.cells.get((merged.min_row, merged.min_col))
        if value is None:
            continue
        for row in range(merged.min_row, min(merged.max_row, data_rows) + 1):
            for column in range(merged.min_col, min(merged.max_col, data_columns) + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    grid.cells[(row, column)] = value
                    grid.filled.add((row, column))
    if grid.cells:
        grid.max_row = max(r for r, _ in grid.cells)
        grid.max_column = max(c for _, c in grid.cells)
    return grid
