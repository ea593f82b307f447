"""Read journey-mapping workbooks (.xlsx), CSV, Markdown, Mermaid and the JSON model into the model.

Only read_journeys and read_workbook live here; the modules that need openpyxl are imported when
they are called, so `import mapgen.readers` stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mapgen.model import Journeys

__all__ = ["read_journeys", "read_workbook"]


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


def read_journeys(
    path: str | Path, columns: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
) -> Journeys:
    """Read any input mapgen takes: a workbook, CSV, Markdown, Mermaid, the JSON model, a CSV folder.

    The reader is picked by the file's content and extension (readers/formats/dispatch.py); every
    format but the JSON model goes through the workbook reader, so columns and every check apply
    alike. A file mapgen cannot read raises InputError with one sentence saying what it is.
    """
    from mapgen.readers.formats.dispatch import read_journeys as read_any
    from mapgen.readers.headers import ColumnMap

    return read_any(Path(path), ColumnMap.of(columns))
