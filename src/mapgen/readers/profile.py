"""A persona's profile: the key/value block above the journey table."""

from __future__ import annotations

from dataclasses import dataclass

from mapgen.model import PROFILE_LIST_KEYS, ProfileValue
from mapgen.readers.cells import split_list, tidy_text
from mapgen.readers.grid import Grid
from mapgen.readers.headers import normalise, profile_key
from mapgen.readers.keyvalues import pairs
from mapgen.readers.limits import MAX_NAME_CHARS
from mapgen.readers.problems import Problems

__all__ = ["Profile", "read_profile"]


@dataclass(frozen=True)
class Profile:
    """What a profile block gives: the name, the Photo field, the other keys in sheet order."""

    name: str | None
    photo: tuple[str, str] | None  # (path as written, cell)
    fields: tuple[tuple[str, ProfileValue], ...]


def read_profile(grid: Grid, last_row: int, problems: Problems) -> Profile:
    """Return the profile of rows 1..last_row; known keys get their canonical name, others stay as written."""
    name: str | None = None
    photo: tuple[str, str] | None = None
    fields: dict[str, ProfileValue] = {}
    seen: set[str] = set()
    for pair in pairs(grid, 1, last_row):
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
            fields[key] = split_list(pair.value)
        elif key is not None:
            fields[key] = tidy_text(pair.value)
        else:
            items = split_list(pair.value)
            fields[pair.key] = items if len(items) > 1 else tidy_text(pair.value)
    return Profile(name, photo, tuple(fields.items()))
