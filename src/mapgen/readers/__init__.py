"""Read journey-mapping workbooks (.xlsx) into the journey model.

Only read_workbook lives here; the modules that need openpyxl are imported when it is called,
so `import mapgen.readers` stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mapgen.model import Journeys

__all__ = ["read_workbook"]


def read_workbook(path: str | Path) -> Journeys:
    """Read a workbook into Journeys; problems are collected in Journeys.problems.

    A file that is not a usable workbook at all raises InputError with one sentence saying what
    it is and what to do.
    """
    from mapgen.readers.reader import read

    return read(Path(path))
