"""A persona's profile: the key/value block above the journey table."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import column_index_from_string

from mapgen.model import PROFILE_LIST_KEYS, ProfileValue
from mapgen.readers.cells import split_lane_list, split_list, tidy_text
from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import normalise, profile_key
from mapgen.readers.keyvalues import block
from mapgen.readers.limits import MAX_NAME_CHARS
from mapgen.readers.problems import Problems

__all__ = ["Profile", "read_profile"]


@dataclass(frozen=True)
class Profile:
    """What a profile block gives: the name, the Photo field, the other keys in sheet order."""

    name: str | None
    photo: tuple[str, str] | None  # (path as written, cell)
    fields: tuple[tuple[str, ProfileValue], ...]


def _title_cell(grid: Grid, last_row: int) -> str | None:
    """Return the cell of the title: the first line above the table when it is a lone cell."""
    for row in range(1, last_row + 1):
        cells = [c for c, _ in grid.row(row) if (row, c) not in grid.filled]
        if cells:
            return cell_name(row, cells[0]) if len(cells) == 1 else None
    return None


def _blank_field(cell: str, text: str, key_columns: set[int]) -> bool:
    """Return True for a field left blank: "Photo" or "Household:" with nothing beside it."""
    if text.rstrip().endswith((":", "：")) or profile_key(text) is not None:
        return True
    # A short label in the column of the other keys is a key waiting for its value, not a line.
    column = column_index_from_string(cell.rstrip("0123456789"))
    short = len(text) <= 40 and len(text.split()) <= 4 and not text.rstrip().endswith((".", "!", "?"))
    return short and column in key_columns


def read_profile(grid: Grid, last_row: int, problems: Problems) -> Profile:
    """Return the profile of rows 1..last_row; known keys get their canonical name, others stay as written.

    Every 'Key: value' line is a field; a line that is neither the title nor a field is a warning.
    """
    name: str | None = None
    photo: tuple[str, str] | None = None
    fields: dict[str, ProfileValue] = {}
    seen: set[str] = set()
    title = _title_cell(grid, last_row)
    found = block(grid, 1, last_row, any_key=True)
    keys = {column_index_from_string(pair.cell.rstrip("0123456789")) for pair in found.pairs}
    keys |= {column - 1 for column in keys}  # a value's cell, and the key's cell before it
    for cell, text in found.lone:
        if cell == title or _blank_field(cell, text, keys):
            continue
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 40 else shown[:40].rsplit(" ", 1)[0] + "…"
        problems.warning(
            f'the line "{shown}" above the journey table is neither the title (the first line) nor a '
            'profile field, so no deliverable shows it; write it as "Key: value" (or a key and its value '
            "in two cells) to keep it, or move it to a sheet whose name starts with _",
            grid.sheet,
            cell,
        )
    for pair in found.pairs:
        if pair.cell == title and profile_key(pair.key) is None:
            continue  # "Renée Dubois: buying trail shoes" on the first line is a title, colon or not
        key = profile_key(pair.key)
        folded = key or normalise(pair.key)
        if folded in seen:
            problems.warning(
                f'the profile field "{pair.key}" is given twice; the first is used', grid.sheet, pair.cell
            )
            continue
        seen.add(folded)
        if key == "name":
            name = " ".join(pair.value.split())
            if len(name) > MAX_NAME_CHARS:
                problems.error(
                    f"the persona's name has {len(name):,} characters, over mapgen's limit of "
                    f"{MAX_NAME_CHARS} for a name (it is a heading, a slide title and a file name); "
                    "shorten it and put the rest in a Role or Description field",
                    grid.sheet,
                    pair.cell,
                )
                name = name[:MAX_NAME_CHARS]
        elif key == "photo":
            photo = (pair.value, pair.cell)
        elif key in PROFILE_LIST_KEYS:
            fields[key] = split_lane_list(pair.value)
        elif key is not None:
            fields[key] = tidy_text(pair.value)
        else:
            items = split_list(pair.value)
            fields[pair.key] = items if len(items) > 1 else tidy_text(pair.value)
    return Profile(name, photo, tuple(fields.items()))
