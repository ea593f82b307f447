"""Read key/value blocks: the Project sheet, and the persona profile above a journey table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import normalise, profile_key, project_key

__all__ = ["Block", "Pair", "block", "pairs"]

_INLINE = re.compile(r"^\s*([^:\n]{1,40}?)\s*[:：]\s*(.+)$", re.DOTALL)
# A key a person writes before a colon: a letter first, then words ("Key Actors", "Age (years)").
_ANY_KEY = re.compile(r"^[^\W\d_][\w &'()/.,+-]{0,39}$")
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


@dataclass(frozen=True)
class Block:
    """A key/value block: its pairs, and its lone cells that are no pair, as (cell, text)."""

    pairs: list[Pair]
    lone: list[tuple[str, str]]


def _inline(text: str, any_key: bool) -> tuple[str, str] | None:
    match = _INLINE.match(text)
    if not match:
        return None
    key, value = match.group(1).strip(), match.group(2).strip()
    if _known(key):
        return key, value
    if any_key and _ANY_KEY.match(key) and not value.startswith("//"):  # "https://..." is no field
        return key, value
    return None


def pairs(grid: Grid, first_row: int = 1, last_row: int | None = None) -> list[Pair]:
    """Return the key/value pairs of rows first_row..last_row: a key cell, its value in the next cell.

    A lone cell is a title and is ignored, unless it reads 'Key: value' with a known key.
    """
    return block(grid, first_row, last_row).pairs


def block(grid: Grid, first_row: int = 1, last_row: int | None = None, *, any_key: bool = False) -> Block:
    """Return the pairs of rows first_row..last_row and the lone cells left over.

    A lone cell reading 'Key: value' is a pair when its key is known, or with any_key when the key
    is a short label starting with a letter (a persona's "Household: ...").
    """
    found: list[Pair] = []
    lone: list[tuple[str, str]] = []
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
            inline = _inline(text, any_key)
            if inline is not None:
                found.append(Pair(*inline, cell_name(row, column)))
            else:
                lone.append((cell_name(row, column), text))
            i += 1
    return Block(found, lone)
