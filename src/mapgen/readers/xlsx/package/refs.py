"""A1 references: how many cells a range covers, as openpyxl would make them."""

from __future__ import annotations

import re

__all__ = ["area", "column_name"]

_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
_END = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d{0,7})$")


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_name(column: int) -> str:
    """Return a column's letters: 1 -> A, 28 -> AB."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def area(ref: str) -> int:
    """Return the number of cells of a reference such as A1, B2:D9, A:A or 3:5 (0 when unreadable).

    Several ranges separated by spaces add up; a whole column or row counts to the sheet's edge.
    """
    total = 0
    for one in ref.split():
        ends = one.split(":")
        if len(ends) > 2:
            continue
        matches = [_END.match(end) for end in ends]
        if not all(matches):
            continue
        columns = [_column(m.group(1)) if m and m.group(1) else 0 for m in matches]
        rows = [int(m.group(2)) if m and m.group(2) else 0 for m in matches]
        first_column, last_column = (columns[0], columns[-1]) if all(columns) else (1, _MAX_COLUMN)
        first_row, last_row = (rows[0], rows[-1]) if all(rows) else (1, _MAX_ROW)
        total += (abs(last_column - first_column) + 1) * (abs(last_row - first_row) + 1)
    return total
