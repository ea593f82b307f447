"""Text read as sheets: grids made from rows of text, read by the workbook reader, placed by line.

Every format becomes Grids named like sheets (a file's stem, a section's heading, a journey's
title) and goes through the one reader of workbooks, so every header, layout, profile, stage and
score rule applies to it. A CSV's problems keep A1 names (people open a CSV in Excel); those of a
Markdown or Mermaid file are moved back onto its lines.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from mapgen.errors import InputError
from mapgen.model import Journeys, SkippedSheet
from mapgen.readers.grid import Grid, cell_text
from mapgen.readers.headers import ColumnMap
from mapgen.readers.limits import MAX_ROWS
from mapgen.readers.problems import Problems
from mapgen.readers.reader import Container, NamedSheet, read_sheets
from mapgen.readers.sheets import SheetRole, classify

__all__ = ["TextSheet", "read_text_sheets", "role_kind", "unique_name"]

# Control characters no deliverable can hold; tabs and line breaks are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_A1 = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


@dataclass
class TextSheet:
    """One sheet made of text: its name, its rows, and where each row was read from.

    rows: (grid row, cells from column 1); lines: grid row -> line of the file (None: keep A1
    names); headers: the table's header per column, to name a cell beside its line.
    """

    name: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    lines: dict[int, int] | None = None
    headers: dict[int, str] = field(default_factory=dict)
    table_rows: set[int] = field(default_factory=set)

    def add(self, cells: Sequence[str], line: int | None = None, *, table: bool = False) -> int:
        """Add a row of cells under the last; return its grid row."""
        row = (self.rows[-1][0] + 1) if self.rows else 1
        self.rows.append((row, list(cells)))
        if line is not None:
            self.lines = self.lines if self.lines is not None else {}
            self.lines[row] = line
        if table:
            self.table_rows.add(row)
        return row

    def grid(self) -> Grid:
        """Return the rows as a Grid: text tidied as a cell's, control characters dropped and noted."""
        grid = Grid(self.name)
        for row, cells in self.rows:
            for column, raw in enumerate(cells, 1):
                text = cell_text(raw)
                if _CONTROL.search(text):
                    grid.controls.add((row, column))
                    text = _CONTROL.sub("", text).strip()
                if text:
                    grid.cells[(row, column)] = text
        if grid.cells:
            grid.max_row = max(r for r, _ in grid.cells)
            grid.max_column = max(c for _, c in grid.cells)
        return grid

    def place(self, cell: str) -> str:
        """Return where an A1 cell of this sheet is in the file: 'line 14 (Touchpoint)'."""
        match = _A1.match(cell)
        if self.lines is None or match is None:
            return cell
        row = int(match.group(2))
        line = self.lines.get(row)
        if line is None:
            return cell
        column = 0
        for letter in match.group(1):
            column = column * 26 + ord(letter) - 64
        header = self.headers.get(column) if row in self.table_rows else None
        return f"line {line} ({header})" if header else f"line {line}"


def unique_name(name: str, taken: set[str]) -> str:
    """Return name, or name (2), (3)... when another sheet has it already; note it as taken."""
    found, n = name, 1
    while found.casefold() in taken:
        n += 1
        found = f"{name} ({n})"
    taken.add(found.casefold())
    return found


def _roles(names: Sequence[str]) -> list[SheetRole]:
    # The same rule as a workbook's sheets (Project, Stages, notes, a leading _): classify reads
    # only a sheet's title and state, so plain stand-ins serve.
    book = SimpleNamespace(
        _sheets=[SimpleNamespace(title=n, sheet_state="visible", _cells={}) for n in names]
    )
    return classify(book)


def role_kind(name: str) -> str:
    """Return what a sheet of this name is: "project", "stages", "opportunities", "persona"..."""
    return _roles([name])[0].kind


def _relocate(journeys: Journeys, sheets: dict[str, TextSheet]) -> Journeys:
    """Return journeys with the A1 cells of text sheets named by their lines instead."""

    def where(sheet: str | None, cell: str | None) -> str | None:
        found = sheets.get(sheet or "")
        return found.place(cell) if found is not None and cell else cell

    problems = tuple(dataclasses.replace(p, cell=where(p.sheet, p.cell)) for p in journeys.problems)
    personas = tuple(
        dataclasses.replace(
            persona,
            steps=tuple(
                dataclasses.replace(s, cell=where(persona.sheet, s.cell) or "") for s in persona.steps
            ),
        )
        for persona in journeys.personas
    )
    return dataclasses.replace(journeys, problems=problems, personas=personas)


def read_text_sheets(
    path: Path,
    problems: Problems,
    sheets: Sequence[TextSheet],
    columns: ColumnMap | None,
    *,
    title: str | None = None,
    skipped: Sequence[SkippedSheet] = (),
    kind: str = "file",
) -> Journeys:
    """Read text sheets through the workbook reader; kind names the file in messages ("CSV file")."""
    rows = sum(len(sheet.rows) for sheet in sheets)
    if rows > MAX_ROWS:
        raise InputError.at(
            problems.file,
            f"the {kind} has {rows:,} rows, over mapgen's limit of {MAX_ROWS:,}, more than any journey; "
            "split it into a file per persona",
        )
    named = [
        NamedSheet(role, sheet.grid() if role.kind != "skipped" else None, bool(sheet.rows))
        for role, sheet in zip(_roles([s.name for s in sheets]), sheets, strict=True)
    ]
    # Photo paths and the Theme field are relative to the folder a file is in: a CSV folder's own.
    container = Container(
        path / "project" if path.is_dir() else path,
        problems,
        title=lambda: title,
        empty=f"the {kind} holds no data; write a journey table with a Stage column",
        no_persona=(
            f"the {kind} has no persona (every part of it is a Project, Stages or notes part); "
            "add a journey table with a Stage column"
        ),
    )
    # A file refused as a whole (no data, no persona) is refused by one sentence without a cell.
    journeys = read_sheets(container, named, columns)
    journeys = _relocate(journeys, {s.name: s for s in sheets if s.lines is not None})
    journeys = dataclasses.replace(journeys, source=path.name)
    if skipped:
        journeys = dataclasses.replace(journeys, skipped_sheets=(*journeys.skipped_sheets, *skipped))
    return journeys
