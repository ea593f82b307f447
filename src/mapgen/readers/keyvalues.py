"""Read key/value blocks: the Project sheet, and the persona profile above a journey table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import normalise, profile_key, project_key

__all__ = ["Pair", "pairs"]

_INLINE = re.compile(r"^\s*([^:\n]{1,40}?)\s*[:：]\s*(.+)$", re.DOTALL)
# A "Field | Value" heading row above a key/value table is not itself a field.
_HEADING_KEYS = frozenset({"field", "key", "property", "item", "attribute"})


@dataclass(frozen=True)
class Pair:
    """A key and its value, with the cell the value was read from."""

    key: str
    value: str
    cell: str


def _known(key: str) -> bool:
    return profile_key(key) is not None or project_key(key) is not None


def pairs(grid: Grid, first_row: int = 1, last_row: int | None = None) -> list[Pair]:
    """Return the key/value pairs of rows first_row..last_row: a key cell, its value in the next cell.

    A lone cell is a title and is ignored, unless it reads 'Key: value' with a known key.
    """
    found: list[Pair] = []
    last = grid.max_row if last_row is None else last_row
    for row in range(first_row, last + 1):
        cells = [(c, t) for c, t in grid.row(row) if (row, c) not in grid.filled]
        i = 0
        while i < len(cells):
            column, text = cells[i]
            if i + 1 < len(cells) and cells[i + 1][0] == column + 1:
                value_column, value = cells[i + 1]
                if not (normalise(text) in _HEADING_KEYS and normalise(value) == "value"):
                    found.append(Pair(text.rstrip(":：").strip(), value, cell_name(row, value_column)))
                i += 2
                continue
            match = _INLINE.match(text)
            if match and _known(match.group(1)):
                found.append(Pair(match.group(1).strip(), match.group(2).strip(), cell_name(row, column)))
            i += 1
    return found
