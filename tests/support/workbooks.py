"""Build small journey workbooks in code for the reader's tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from mapgen.model import Journeys
from mapgen.readers import read_workbook

Cell = Any  # what openpyxl accepts as a cell value

HEADERS = ("Stage", "Step", "Touchpoint", "Emotions", "Emotion score (-5 to +5)", "Pain points")


def new_book() -> Workbook:
    """Return an empty workbook (no default sheet)."""
    book = Workbook()
    book.remove(book.active)
    return book


def add_rows(book: Workbook, name: str, rows: Sequence[Sequence[Cell]], *, start: int = 1) -> Worksheet:
    """Add a sheet holding rows from row start, column A."""
    sheet = book.create_sheet(name)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(row=start + offset, column=column, value=value)
    return sheet


def add_project(book: Workbook, **fields: str) -> Worksheet:
    """Add a Project sheet of key/value pairs."""
    return add_rows(book, "Project", list(fields.items()))


def add_stages(book: Workbook, stages: Sequence[str | tuple[str, str]]) -> Worksheet:
    """Add a Stages sheet with a header row."""
    rows: list[tuple[str, str | None]] = [("Stage", "Description")]
    rows += [(s, None) if isinstance(s, str) else s for s in stages]
    return add_rows(book, "Stages", rows)


def add_row_persona(
    book: Workbook,
    name: str,
    steps: Sequence[Sequence[Cell]],
    *,
    headers: Sequence[str] = HEADERS,
    profile: Sequence[tuple[str, Cell]] = (),
    title: str | None = None,
) -> Worksheet:
    """Add a persona sheet in the row layout: an optional title, a profile block, the header, the steps."""
    rows: list[Sequence[Cell]] = []
    if title:
        rows += [(title,), ()]
    rows += list(profile)
    if profile:
        rows.append(())
    rows.append(tuple(headers))
    rows += list(steps)
    return add_rows(book, name, rows)


def add_canvas_persona(
    book: Workbook,
    name: str,
    stages: Sequence[str | None],
    lanes: Sequence[tuple[str | None, Sequence[Cell]]],
    *,
    profile: Sequence[tuple[str, Cell]] = (),
) -> Worksheet:
    """Add a persona sheet in the canvas layout: a Stage row, then one row per lane."""
    rows: list[Sequence[Cell]] = list(profile)
    if profile:
        rows.append(())
    rows.append(("Stage", *stages))
    rows += [(label, *values) for label, values in lanes]
    return add_rows(book, name, rows)


def save(book: Workbook, path: Path) -> Path:
    """Save a workbook and return its path."""
    book.save(path)
    return path


def read(book: Workbook, folder: Path, name: str = "journeys.xlsx") -> Journeys:
    """Save a workbook into folder and read it back."""
    return read_workbook(save(book, folder / name))


def png(width: int = 8, height: int = 8, colour: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    """Return a small PNG."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def messages(journeys: Journeys, severity: str | None = None) -> list[str]:
    """Return the problems as 'sheet!cell: message' lines, optionally of one severity."""
    return [
        f"{p.sheet}!{p.cell}: {p.message}"
        for p in journeys.problems
        if severity is None or p.severity == severity
    ]


def three_scales(folder: Path) -> Journeys:
    """Return a workbook's model whose personas score on -5..+5 (Ana), 1..5 (Ben) and not at all (Cy).

    Ana scores +2, -4 and +5; Ben 4, 1 and 3; Cy's scores are inferred from "happy" and "frustrated".
    """
    book = new_book()
    add_stages(book, ["Awareness", "Purchase"])
    add_rows(
        book,
        "Ana",
        [
            ("Stage", "Step", "Emotion score (-5 to +5)", "Pain points"),
            ("Awareness", "Sees an ad", 2, None),
            ("Purchase", "Pays", -4, "Fees shown late"),
            ("Purchase", "Gets the parcel", 5, None),
        ],
    )
    add_rows(
        book,
        "Ben",
        [
            ("Stage", "Step", "Rating (1-5)", "Pain points"),
            ("Awareness", "Sees an ad", 4, None),
            ("Purchase", "Pays", 1, "Card refused"),
            ("Purchase", "Gets the parcel", 3, None),
        ],
    )
    add_rows(
        book,
        "Cy",
        [
            ("Stage", "Step", "Emotions", "Pain points"),
            ("Awareness", "Sees an ad", "happy", None),
            ("Purchase", "Pays", "frustrated", "Slow page"),
        ],
    )
    return read(book, folder, "scales.xlsx")


# The one-cell profile lines of issue #14's workbooks, and the value each must show.
PROFILE_LINES = {
    "Context": "First family camping trip",
    "Scenario": "Buys a tent on her phone",
    "Duration": "Three weeks",
    "Key Actors": "Emma, her partner, support",
    "Household": "Partner and two children",
}


def profile_lines(folder: Path) -> Journeys:
    """Return the model of a persona whose profile has the PROFILE_LINES, one 'Key: value' cell each."""
    book = new_book()
    rows: list[Sequence[Cell]] = [("Name: Emma Hughes",), ("Role: Parent",)]
    rows += [(f"{key}: {value}",) for key, value in PROFILE_LINES.items()]
    rows += [
        (),
        ("Stage", "Step", "Emotions"),
        ("Awareness", "Sees an ad", "happy"),
        ("Purchase", "Pays", "relieved"),
    ]
    add_rows(book, "Emma", rows)
    return read(book, folder)
