"""Read a whole workbook: sheets to roles, tables to steps, everything into Journeys."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapgen.errors import InputError
from mapgen.model import Journeys, Persona, Photo, Project, SkippedSheet, Stage
from mapgen.readers.canvas_layout import read_canvas
from mapgen.readers.grid import Grid, cell_name, grid_of
from mapgen.readers.headers import ColumnMap
from mapgen.readers.limits import MAX_CELL_CHARS, MAX_NAME_CHARS, MAX_STAGES, MAX_STEPS
from mapgen.readers.problems import Problems
from mapgen.readers.profile import Profile, read_profile
from mapgen.readers.project import document_title, read_project
from mapgen.readers.row_layout import read_rows
from mapgen.readers.sheets import SheetRole, classify
from mapgen.readers.stages import StageOrder, read_stages_sheet
from mapgen.readers.steps import ScoreScales, build_steps, numbers_as_scores, persona_scale
from mapgen.readers.table import SEARCH_ROWS, Table, detect
from mapgen.readers.xlsx.package import PackageScan
from mapgen.readers.xlsx.photos import photo_from_path, placed_photo
from mapgen.readers.xlsx.workbook import open_workbook

__all__ = ["Container", "NamedSheet", "read", "read_sheets"]


@dataclass
class _PersonaSheet:
    sheet: Any
    grid: Grid
    table: Table
    profile: Profile


@dataclass
class NamedSheet:
    """One sheet of a file, whatever its format: its role, its cells (None when skipped)."""

    role: SheetRole
    grid: Grid | None
    has_data: bool = False  # a skipped sheet's: whether it holds anything (for "the file is empty")


@dataclass
class Container:
    """What the workbook-wide reading asks of the file that holds the sheets (.xlsx, CSV, text)."""

    path: Path
    problems: Problems
    # Problems of a sheet's cells that only its container knows (a formula without a saved result).
    report_cells: Callable[[Grid, Problems], None] = lambda _grid, _problems: None
    # A sheet's placed pictures: whether it has any, and the persona's photo among them.
    has_pictures: Callable[[str], bool] = lambda _sheet: False
    placed_photo: Callable[[str, Problems], Photo | None] = lambda _sheet, _problems: None
    title: Callable[[], str | None] = lambda: None  # the document's title, when the file has one
    # The sentences for a file with no data at all, and with no persona sheet.
    empty: str = (
        "the workbook is empty: no sheet holds any data; fill in a persona sheet, or start from "
        "`mapgen template journeys.xlsx`"
    )
    no_persona: str = (
        "the workbook has no persona sheet (every sheet is a Project, Stages, notes, hidden or "
        "empty sheet); add one sheet per persona with a Stage column"
    )


def _report_uncached(grid: Grid, scan: PackageScan, problems: Problems) -> None:
    """Warn about the cells of a sheet that read as blank because they hold a formula without a result."""
    for cell, formula in scan.uncached.get(grid.sheet, ()):
        shown = f"formula ={formula}" if formula else "a formula"
        problems.warning(
            f"{shown} has no saved result, so the cell reads as blank; open the workbook in Excel or "
            "LibreOffice and save it to store the results",
            grid.sheet,
            cell,
        )


def _report_cells(grid: Grid, problems: Problems) -> None:
    """Warn about the cells of a sheet that read as blank because of an Excel error, or are too long."""
    for (row, column), value in sorted(grid.errors.items()):
        problems.warning(
            f"the cell shows the Excel error {value} and reads as blank; fix its formula",
            grid.sheet,
            cell_name(row, column),
        )
    for row, column in sorted(grid.controls):
        problems.warning(
            "the cell holds control characters (pasted from another program), which are left out; "
            "retype the cell's text to be sure it reads as meant",
            grid.sheet,
            cell_name(row, column),
        )
    for (row, column), text in sorted(grid.cells.items()):
        if len(text) > MAX_CELL_CHARS and (row, column) not in grid.filled:
            problems.error(
                f"the cell holds {len(text):,} characters, more than a map, a slide or a report row can "
                f"show (mapgen's limit is {MAX_CELL_CHARS:,}); shorten it, or move the detail to a sheet "
                "whose name starts with _",
                grid.sheet,
                cell_name(row, column),
            )


def _persona_sheet(
    sheet: Any, grid: Grid, problems: Problems, columns: ColumnMap | None
) -> _PersonaSheet | None:
    found = detect(grid, columns)
    if found is None:
        problems.error(
            f"no Stage column was found in the first {SEARCH_ROWS} rows; add a header row with a Stage "
            "column (or, for a canvas, a row starting with Stage), or start the sheet's name with _ "
            "if it is not a persona",
            grid.sheet,
        )
        return None
    if found.layout == "row":
        table = read_rows(grid, found, problems, columns)
    else:
        table = read_canvas(grid, found, problems, columns)
    if len(table.records) > MAX_STEPS:
        problems.error(
            f"the journey has {len(table.records):,} steps, over mapgen's limit of {MAX_STEPS} per persona "
            f"(this is step {MAX_STEPS + 1}); a map that long cannot be read: split the journey over "
            "several sheets, or merge steps",
            grid.sheet,
            table.records[MAX_STEPS].cell,
        )
        del table.records[MAX_STEPS:]  # the build stops on the error; reading on costs nothing
    numbers_as_scores(table)
    profile = read_profile(grid, found.row - 1, problems)
    if not table.records:
        problems.warning("the journey table has no steps yet; fill in a row per step", grid.sheet)
    return _PersonaSheet(sheet, grid, table, profile)


def _order(declared: list[Stage], tables: list[tuple[str, Table]], problems: Problems) -> StageOrder:
    order = StageOrder(declared)
    for sheet, table in tables:
        for stage in table.stages:
            if not order.knows(stage) and len(order.stages()) == MAX_STAGES:
                record = next((r for r in table.records if r.stage == stage), None)
                problems.error(
                    f'stage "{stage[:40]}" is one more than mapgen\'s limit of {MAX_STAGES} stages in a '
                    "workbook; each stage is a band of every map: merge stages, or split the journeys "
                    "over several workbooks",
                    sheet,
                    record.cell if record else None,
                )
                return order
            if order.declared and not order.knows(stage):
                record = next((r for r in table.records if r.stage == stage), None)
                problems.warning(
                    f'stage "{stage}" is not on the Stages sheet; it is placed after the listed stages; '
                    "add it to the Stages sheet to give it its place",
                    sheet,
                    record.cell if record else None,
                )
            order.add(stage)
    return order


def _refuse(problems: Problems, message: str) -> InputError:
    """Return the error for a workbook mapgen cannot use, with every problem found before it."""
    problems.error(message)
    found = problems.all()
    return InputError(str(found[-1]), found)


def _xlsx_sheets(opened: Any) -> list[NamedSheet]:
    """Return an opened workbook's sheets: their roles, and the cells of those that are read."""
    sheets: list[NamedSheet] = []
    for role in classify(opened.book):
        sheet = opened.book[role.name]
        if role.kind == "skipped":
            cells = getattr(sheet, "_cells", {})
            sheets.append(NamedSheet(role, None, any(cell.value is not None for cell in cells.values())))
            continue
        sheets.append(NamedSheet(role, grid_of(sheet)))
    return sheets


def read(path: Path, columns: ColumnMap | None = None) -> Journeys:
    """Read a workbook file into Journeys; columns, its own names for headers, before the synonyms."""
    opened = open_workbook(path)
    container = Container(
        path,
        opened.problems,
        report_cells=lambda grid, problems: _report_uncached(grid, opened.scan, problems),
        has_pictures=lambda sheet: bool(opened.scan.pictures.get(sheet)),
        placed_photo=lambda sheet, problems: placed_photo(
            sheet, opened.scan.pictures.get(sheet, []), opened.read_part, problems
        ),
        title=lambda: document_title(path),
    )
    return read_sheets(container, _xlsx_sheets(opened), columns)


def read_sheets(
    container: Container, sheets: Sequence[NamedSheet], columns: ColumnMap | None = None
) -> Journeys:
    """Read a file's sheets, whatever their format, into Journeys: roles, tables, stages, scores."""
    path = container.path
    problems = container.problems
    skipped: list[SkippedSheet] = []
    project = Project()
    declared: list[Stage] = []
    candidates: list[tuple[SheetRole, Any, Grid]] = []
    any_data = False
    for named in sheets:
        role, grid = named.role, named.grid
        if role.kind == "skipped" or grid is None:
            skipped.append(SkippedSheet(role.name, role.reason))
            any_data = any_data or named.has_data
            continue
        any_data = any_data or not grid.is_empty()
        container.report_cells(grid, problems)
        _report_cells(grid, problems)
        if role.kind == "project":
            project = read_project(grid, problems, path.resolve().parent)
        elif role.kind == "stages":
            declared = read_stages_sheet(grid, problems, columns)
        elif grid.is_empty() and not container.has_pictures(role.name):
            skipped.append(SkippedSheet(role.name, "empty sheet"))
        else:
            candidates.append((role, named, grid))
    if not any_data:
        raise _refuse(problems, container.empty)
    if not candidates:
        raise _refuse(problems, container.no_persona)
    if not project.title:
        # Without a Title on the Project sheet, the title the workbook was given in Excel.
        project = dataclasses.replace(project, title=container.title())
    personas_read = [
        p for _, sheet, grid in candidates if (p := _persona_sheet(sheet, grid, problems, columns))
    ]
    tables = [(p.grid.sheet, p.table) for p in personas_read]
    order = _order(declared, tables, problems)
    scales = ScoreScales(table for _, table in tables)
    folder = path.resolve().parent
    journey_stages = order.stages()
    personas: list[Persona] = []
    names: set[str] = set()
    for item in personas_read:
        sheet_name = item.grid.sheet
        stage_name = {stage: order.canonical(stage) for stage in item.table.stages}
        steps = build_steps(item.table, sheet_name, scales, problems, stage_name)
        name = item.profile.name or sheet_name
        if len(name) > MAX_NAME_CHARS:  # a sheet name over Excel's 31 characters: a tampered file
            problems.error(
                f"the sheet's name has {len(name):,} characters, over mapgen's limit of {MAX_NAME_CHARS} "
                "for a persona's name; rename the sheet, or give the persona a Name field",
                sheet_name,
            )
        if name in names:
            problems.warning(f'two personas are named "{name}"; give each a different Name', sheet_name)
        names.add(name)
        photo = container.placed_photo(sheet_name, problems)
        if item.profile.photo is not None:
            text, cell = item.profile.photo
            if photo is None:
                photo = photo_from_path(text, folder, sheet_name, cell, problems)
            else:
                problems.warning(
                    "the sheet has both a placed picture and a Photo path; the placed picture is used",
                    sheet_name,
                    cell,
                )
        scale = persona_scale(item.table, scales, steps)
        own = set(stage_name.values())
        stages = tuple(s.name for s in journey_stages if s.name in own)
        personas.append(Persona(name, sheet_name, item.profile.fields, photo, steps, scale, stages))
    return Journeys(
        source=path.name,
        project=project,
        stages=journey_stages,
        personas=tuple(personas),
        skipped_sheets=tuple(skipped),
        problems=problems.all(),
    )
