"""The Project sheet: the deliverables' front matter as key/value pairs."""

from __future__ import annotations

import difflib
from pathlib import Path

from mapgen.model import Project
from mapgen.paths import Refused, inside
from mapgen.readers.cells import tidy_text
from mapgen.readers.grid import Grid
from mapgen.readers.headers import project_key
from mapgen.readers.keyvalues import pairs
from mapgen.readers.problems import Problems

__all__ = ["read_project"]

_NAMES = "Title, Client, Prepared by, Date, Version, Confidentiality, Description, Theme"


def read_project(grid: Grid, problems: Problems, folder: Path) -> Project:
    """Return the project fields of a Project sheet; unknown keys are reported, not dropped silently."""
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
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
        cells[key] = pair.cell
    if values.get("theme"):
        _check_theme(values["theme"], folder, grid.sheet, cells["theme"], problems)
    return Project(**values)


def _check_theme(spec: str, folder: Path, sheet: str, cell: str, problems: Problems) -> None:
    """Report a Theme field that names no built-in theme, or a theme file outside the workbook's folder."""
    from mapgen.themes.finding import builtin_names, is_path_spec

    if is_path_spec(spec):
        try:
            inside(spec, folder, "theme file", "the workbook's folder")
        except Refused as error:
            problems.error(str(error), sheet, cell)
        return
    names = builtin_names()
    if spec not in names:
        close = difflib.get_close_matches(spec, names, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        problems.error(
            f"the Theme field names no built-in theme {spec!r}; {hint}the built-in themes are "
            f"{', '.join(names)}, or give a .toml file in the workbook's folder",
            sheet,
            cell,
        )
