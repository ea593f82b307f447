"""The Project sheet: the deliverables' front matter as key/value pairs."""

from __future__ import annotations

from mapgen.model import Project
from mapgen.readers.cells import tidy_text
from mapgen.readers.grid import Grid
from mapgen.readers.headers import project_key
from mapgen.readers.keyvalues import pairs
from mapgen.readers.problems import Problems

__all__ = ["read_project"]

_NAMES = "Title, Client, Prepared by, Date, Version, Confidentiality, Description, Theme"


def read_project(grid: Grid, problems: Problems) -> Project:
    """Return the project fields of a Project sheet; unknown keys are reported, not dropped silently."""
    values: dict[str, str] = {}
    for pair in pairs(grid):
        key = project_key(pair.key)
        if key is None:
            problems.warning(
                f'"{pair.key}" is not a project field and is ignored; the fields are {_NAMES}',
                grid.sheet,
                pair.cell,
            )
            continue
        if key in values:
            problems.warning(
                f'the project field "{pair.key}" is given twice; the first is used', grid.sheet, pair.cell
            )
            continue
        values[key] = tidy_text(pair.value)
    return Project(**values)
