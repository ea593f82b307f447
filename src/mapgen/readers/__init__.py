"""Read journey-mapping workbooks (.xlsx) into the journey model.

Only read_workbook lives here; the modules that need openpyxl are imported when it is called,
so `import mapgen.readers` stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mapgen.model import Journeys

__all__ = ["read_workbook"]


def read_workbook(
    path: str | Path, columns: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
) -> Journeys:
    """Read a workbook into Journeys; problems are collected in Journeys.problems.

    columns maps a header (or canvas lane label) as the workbook writes it to the step field it
    holds, e.g. {"Section": "stage"}: matched ignoring case, spaces and punctuation, as the built-in
    header names are, and consulted before them and before the workbook's own Columns sheet. A field
    that is not a step field raises ValueError.

    A file that is not a usable workbook at all raises InputError with one sentence saying what
    it is and what to do.
    """
    from mapgen.readers.headers import ColumnMap
    from mapgen.readers.reader import read

    return read(Path(path), ColumnMap.of(columns))
