"""Read a whole workbook: sheets to roles, tables to steps, everything into Journeys."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapgen.errors import InputError
from mapgen.model import (
    Journeys,
    Metric,
    Opportunity,
    Persona,
    PersonaKind,
    Photo,
    Project,
    SkippedSheet,
    Stage,
)
from mapgen.readers.actions.sheet import read_opportunities
from mapgen.readers.canvas_layout import read_canvas
from mapgen.readers.grid import Grid, cell_name, grid_of
from mapgen.readers.headers import ColumnMap, is_stage_header
from mapgen.readers.limits import MAX_CELL_CHARS, MAX_NAME_CHARS, MAX_OPPORTUNITIES, MAX_STAGES, MAX_STEPS
from mapgen.readers.problems import Problems
from mapgen.readers.profile import Profile, read_profile
from mapgen.readers.row_layout import read_rows
from mapgen.readers.sheets import SheetRole, classify, is_blueprint
from mapgen.readers.sheets.columns import read_columns_sheet
from mapgen.readers.sheets.metrics import read_metrics
from mapgen.readers.sheets.project import document_title, read_project
from mapgen.readers.sheets.stages import StageOrder, read_stages_sheet
from mapgen.readers.steps import ScoreScales, build_steps, numbers_as_scores, persona_scale
from mapgen.readers.table import SEARCH_ROWS, Table, detect, explain, holds_figures
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
    kind: PersonaKind
    stage_cells: dict[str, str]  # where each stage is first named: its own cell, for messages


def _stage_cells(grid: Grid, table: Table, column: int) -> dict[str, str]:
    """Return the cell where each stage of a table is first written (merged cells aside)."""
    if table.layout == "row":
        cells = ((row, column) for row in range(table.top + 1, grid.max_row + 1))
    else:
        cells = ((table.top, c) for c in range(column + 1, grid.max_column + 1))
    found: dict[str, str] = {}
    for row, col in cells:
        name = " ".join(grid.get(row, col).split())
        if name and (row, col) not in grid.filled:
            found.setdefault(name, cell_name(row, col))
    return found


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
        "the workbook has no persona sheet (every sheet is a Project, Stages, Columns, metrics, "
        "Opportunities, notes, "
        "hidden or empty sheet); add one sheet per persona with a Stage column"
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


def _scores_read_as_numbers(table: Table, grid: Grid) -> None:
    """Give score and emotion cells holding numbers their plain number: a score is the number, not its look.

    A 0.0% cell shows "60.7%", but the score is 60.7142857...%, read as a percentage as before.
    """
    for record in table.records:
        record.values = [
            (item, number.plain, cell)
            if item.header.field in ("score", "emotions") and (number := grid.number(cell)) is not None
            else (item, text, cell)
            for item, text, cell in record.values
        ]


def _lone_stage_header(grid: Grid, columns: ColumnMap | None) -> str | None:
    """Return the cell of a Stage header with no known step header beside it (a table of figures)."""
    for row in range(1, min(grid.max_row, SEARCH_ROWS) + 1):
        for column, text in grid.row(row):
            if (row, column) not in grid.filled and is_stage_header(text, columns):
                return cell_name(row, column)
    return None


_LABELLED = re.compile(r"^\s*persona\s*\d*\s*[:–—-]\s*(?=\S)", re.IGNORECASE)


def name_of_sheet(sheet: str) -> str:
    """Return the persona's name a sheet (or file, or heading) gives when no Name field does.

    "Persona: Walter Brandt" names Walter Brandt, and a file's slug "bike-share-commuter" the
    Bike share commuter: the deliverables show it as a heading.
    """
    name = _LABELLED.sub("", sheet)
    if " " not in name and ("-" in name or "_" in name):
        words = name.replace("_", " ").replace("-", " ").split()
        name = " ".join(words)
        name = name[:1].upper() + name[1:]
    return name or sheet


def _figures_cell(grid: Grid, columns: ColumnMap | None) -> str | None:
    """Return the Stage cell of a sheet whose table holds only figures per stage, else None."""
    found = detect(grid, columns)
    return cell_name(found.row, found.column) if found and holds_figures(grid, found) else None


def _persona_sheet(
    sheet: Any, grid: Grid, problems: Problems, columns: ColumnMap | None
) -> _PersonaSheet | None:
    found = detect(grid, columns)
    stage_cell = None if found else _lone_stage_header(grid, columns)
    if stage_cell is not None:
        problems.error(
            "the sheet has a Stage column but no step column mapgen knows beside it (Step, Touchpoint, "
            "Emotions, Pain points...); if it holds figures per stage, name the sheet Metrics (or Stage "
            "metrics, KPIs by stage, Analytics) to keep them apart from the personas; else start its name "
            "with _ if it is not a persona",
            grid.sheet,
            stage_cell,
        )
        return None
    if found is None:
        problems.error(
            f"no Stage column was found in the first {SEARCH_ROWS} rows: mapgen looks for a header row "
            "with a Stage column (Stage, Phase, Section...) beside step columns (Step, Touchpoint, "
            f"Emotions...), or a canvas row starting with Stage; {explain(grid, columns)}; add a Stage "
            "column or rename the headers, map the sheet's own headers in a Columns sheet or with "
            '--column "HEADER=stage", or start the sheet\'s name with _ if it is not a persona',
            grid.sheet,
        )
        return None
    if found.note:
        # A table read by a guess (no Stage column, or no known step column): say so, and how to be sure.
        problems.warning(
            found.note, grid.sheet, cell_name(found.row, found.column or grid.row(found.row)[0][0])
        )
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
    _scores_read_as_numbers(table, grid)
    numbers_as_scores(table)
    profile = read_profile(grid, found.row - 1, problems)
    if not table.records:
        problems.warning("the journey table has no steps yet; fill in a row per step", grid.sheet)
    kind: PersonaKind = (
        "blueprint" if is_blueprint(grid.sheet, (f.header.text for f in table.fields)) else "persona"
    )
    return _PersonaSheet(sheet, grid, table, profile, kind, _stage_cells(grid, table, found.column))


def _order(declared: list[Stage], sheets: list[_PersonaSheet], problems: Problems) -> StageOrder:
    order = StageOrder(declared)
    for item in sheets:
        sheet, table = item.grid.sheet, item.table
        for stage in table.stages:
            cell = item.stage_cells.get(stage) or next(
                (r.cell for r in table.records if r.stage == stage), None
            )
            if not order.knows(stage) and len(order.stages()) == MAX_STAGES:
                problems.error(
                    f'stage "{stage[:40]}" is one more than mapgen\'s limit of {MAX_STAGES} stages in a '
                    "workbook; each stage is a band of every map: merge stages, or split the journeys "
                    "over several workbooks",
                    sheet,
                    cell,
                )
                return order
            if order.declared and not order.knows(stage):
                problems.warning(
                    f'stage "{stage}" is not on the Stages sheet; it is placed after the listed stages; '
                    "add it to the Stages sheet to give it its place",
                    sheet,
                    cell,
                )
            order.add(stage)
    return order


def _metrics(
    grids: list[Grid],
    personas: list[Persona],
    order: StageOrder,
    problems: Problems,
    columns: ColumnMap | None,
) -> list[Metric]:
    """Return the figures of the metrics sheets, each stage in the journeys' spelling."""
    named = {stage for persona in personas for stage in persona.stages}

    def spelling(stage: str) -> str | None:
        known = order.canonical(stage)
        return known if known in named else None

    return [metric for grid in grids for metric in read_metrics(grid, problems, spelling, columns)]


def _opportunities(
    grids: list[Grid], personas: list[Persona], stages: tuple[Stage, ...], problems: Problems
) -> list[Opportunity]:
    """Return the rows of the Opportunities sheets, in order, within the workbook's limit."""
    read: list[Opportunity] = []
    names = [s.name for s in stages]
    for grid in grids:
        room = MAX_OPPORTUNITIES - len(read)
        read.extend(read_opportunities(grid, problems, personas, names, room))
    return read


def _refuse(problems: Problems, message: str) -> InputError:
    """Return the error for a workbook mapgen cannot use, with every problem found before it."""
    problems.error(message)
    found = problems.all()
    return InputError(str(found[-1]), found)


def _mapping(sheets: Sequence[NamedSheet], problems: Problems, given: ColumnMap | None) -> ColumnMap | None:
    """Return the header names to read with: those given (the command line's over the project file's)
    laid over the file's own Columns sheet.
    """
    named = next((n for n in sheets if n.role.kind == "columns" and n.grid is not None), None)
    if named is None or named.grid is None:
        return given
    own = read_columns_sheet(named.grid, problems)
    return given.over(own) if given is not None else own


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
    """Read a workbook file into Journeys; columns, its own names for headers, before the synonyms
    and before the workbook's Columns sheet.
    """
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
    columns = _mapping(sheets, problems, columns)
    skipped: list[SkippedSheet] = []
    project = Project()
    declared: list[Stage] = []
    candidates: list[tuple[SheetRole, Any, Grid]] = []
    metric_grids: list[Grid] = []
    figures: list[tuple[SheetRole, NamedSheet, Grid, str]] = []  # tables of figures per stage
    opportunity_grids: list[Grid] = []
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
        if role.kind == "columns":
            continue  # read before every other sheet: the Stages sheet's header may be one of its names
        if role.kind == "project":
            project = read_project(grid, problems, path.resolve().parent)
        elif role.kind == "stages":
            declared = read_stages_sheet(grid, problems, columns)
        elif role.kind == "metrics":
            metric_grids.append(grid)
        elif role.kind == "opportunities":
            opportunity_grids.append(grid)
        elif grid.is_empty() and not container.has_pictures(role.name):
            skipped.append(SkippedSheet(role.name, "empty sheet"))
        elif (cell := _figures_cell(grid, columns)) is not None:
            figures.append((role, named, grid, cell))
        else:
            candidates.append((role, named, grid))
    only_figures = not candidates
    for role, named, grid, cell in figures:
        if only_figures:  # the workbook's only tables: journeys after all (with their guess's warning)
            candidates.append((role, named, grid))
            continue
        problems.warning(
            "the sheet holds only figures beside its Stage column, so it is read as stage metrics, "
            "not as a persona; name it Metrics (or Stage metrics, KPIs by stage) to say so",
            grid.sheet,
            cell,
        )
        metric_grids.append(grid)
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
    order = _order(declared, personas_read, problems)
    scales = ScoreScales(table for _, table in tables)
    folder = path.resolve().parent
    journey_stages = order.stages()
    personas: list[Persona] = []
    names: set[str] = set()
    for item in personas_read:
        sheet_name = item.grid.sheet
        stage_name = {stage: order.canonical(stage) for stage in item.table.stages}
        steps = build_steps(
            item.table, sheet_name, scales, problems, stage_name, blueprint=item.kind == "blueprint"
        )
        name = item.profile.name or name_of_sheet(sheet_name)
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
        personas.append(
            Persona(name, sheet_name, item.profile.fields, photo, steps, scale, stages, kind=item.kind)
        )
    metrics = _metrics(metric_grids, personas, order, problems, columns)
    opportunities = _opportunities(opportunity_grids, personas, journey_stages, problems)
    return Journeys(
        source=path.name,
        project=project,
        stages=journey_stages,
        personas=tuple(personas),
        skipped_sheets=tuple(skipped),
        problems=problems.all(),
        metrics=tuple(metrics),
        opportunities=tuple(opportunities),
    )
