"""Workbooks built to exhaust memory or time are refused, before openpyxl loads them, naming the cell.

Each worst case runs `mapgen validate` (and `mapgen build` where it matters) in a fresh process:
the refusal is one line per problem naming the sheet and the cell, peak memory stays under 1 GB
and the time under a bound generous enough for a busy two-core machine.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapgen.readers import limits
from mapgen.readers.xlsx.package.refs import column_name
from tests.hostile.packages import (
    MB,
    SHEET,
    Run,
    after,
    assert_refused,
    before,
    mapgen,
    patch,
    persona_book,
    share,
)
from tests.support.workbooks import add_project, add_row_persona, add_stages, new_book, save

PEAK_MB = 1024
SECONDS = 90

_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_TAIL = b"</sheetData></worksheet>"


def bounded(run: Run) -> None:
    """Assert the run stayed within the memory and time every hostile case must keep to."""
    assert 0 < run.peak_mb < PEAK_MB, f"peak {run.peak_mb:.0f} MB"
    assert run.seconds < SECONDS, f"{run.seconds:.0f} s"


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_merged_range_over_the_whole_sheet_is_refused_by_the_scan(tmp_path: Path) -> None:
    """A few KB merging every cell of a sheet (openpyxl would make 17 billion cells) is one error."""
    path = patch(
        persona_book(tmp_path / "merged.xlsx"),
        {SHEET: after("sheetData", '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')},
    )
    assert path.stat().st_size < 10_000
    for command in ("validate", "build"):
        run = mapgen(command, path, *(["--out", tmp_path / "out"] if command == "build" else []))
        assert_refused(
            run,
            "merged.xlsx:P!A1:XFD1048576: error: the merged range A1:XFD1048576 covers 17,179,869,184 "
            f"cells, over mapgen's limit of {limits.MAX_CELLS:,} for the whole workbook; unmerge it",
        )
        bounded(run)
    assert not (tmp_path / "out").exists()


def test_a_hyperlink_or_a_comment_over_a_huge_range_is_refused(tmp_path: Path) -> None:
    """openpyxl makes a cell for each cell of a hyperlink's or a comment's range: both are counted."""
    linked = patch(
        persona_book(tmp_path / "linked.xlsx"),
        {
            SHEET: after(
                "sheetData", '<hyperlinks><hyperlink ref="A1:ZZ1048576" location="P!A1"/></hyperlinks>'
            )
        },
    )
    run = mapgen("validate", linked)
    assert_refused(run, "linked.xlsx:P!A1:ZZ1048576: error: the hyperlink A1:ZZ1048576 covers")
    bounded(run)

    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    book = load_workbook(persona_book(tmp_path / "commented.xlsx"))
    book["P"]["A1"].comment = Comment("a note", "someone")
    book.save(tmp_path / "commented.xlsx")
    with zipfile.ZipFile(tmp_path / "commented.xlsx") as archive:
        (part,) = [n for n in archive.namelist() if "comments" in n and n.endswith(".xml")]
    patch(tmp_path / "commented.xlsx", {part: lambda data: data.replace(b'ref="A1"', b'ref="A1:XFD1048576"')})
    run = mapgen("validate", tmp_path / "commented.xlsx")
    assert_refused(run, "commented.xlsx:P!A1:XFD1048576: error: the comment on A1:XFD1048576 covers")
    bounded(run)


def _blank_rows(rows: int, columns: int) -> Iterator[bytes]:
    yield _HEAD
    cells = b'<c s="0"/>' * columns
    for row in range(1, rows + 1):
        yield b'<row r="%d">' % row + cells + b"</row>"
    yield _TAIL


def test_twenty_million_styled_blank_cells_under_every_size_limit_are_refused(tmp_path: Path) -> None:
    """Cells are counted in the scan, not only rows: 100,000 rows of 200 styled blank cells is refused."""
    rows, columns = limits.MAX_ROWS, 200
    path = patch(
        persona_book(tmp_path / "formatted.xlsx"), {SHEET: None}, [(SHEET, _blank_rows(rows, columns))]
    )
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert path.stat().st_size < limits.MAX_FILE_BYTES and unpacked < limits.MAX_UNPACKED_BYTES
    run = mapgen("validate", path)
    assert_refused(
        run, f"formatted.xlsx:P: error: the workbook holds more than {limits.MAX_CELLS:,} cells (written or"
    )
    assert len(run.lines) == 1
    bounded(run)


def test_a_390_mb_cell_is_refused_by_the_scan_naming_the_cell(tmp_path: Path) -> None:
    """One shared string of 390 MB (a 400 KB file) never reaches openpyxl or a worker."""
    size = 390 * MB
    path = share(persona_book(tmp_path / "huge.xlsx"), "B2", (b"a" * MB for _ in range(size // MB)))
    assert path.stat().st_size < 2 * MB
    for command in ("validate", "build"):
        run = mapgen(command, path, *(["--out", tmp_path / "out"] if command == "build" else []))
        assert_refused(
            run,
            f"huge.xlsx:P!B2: error: the cell holds {size:,} characters, over Excel's own limit of "
            f"{limits.MAX_EXCEL_CHARS:,} (the file was not saved by Excel); shorten it",
        )
        bounded(run)


def test_an_inline_string_over_excels_limit_is_refused_naming_the_cell(tmp_path: Path) -> None:
    """Text written in the sheet itself (an inline string) is measured as well as shared strings."""
    path = patch(persona_book(tmp_path / "inline.xlsx"), {SHEET: before("row", _inline("H1", "b" * 100_000))})
    run = mapgen("validate", path)
    assert_refused(run, "inline.xlsx:P!H1: error: the cell holds 100,000 characters, over Excel's own limit")
    bounded(run)


@pytest.mark.parametrize(
    ("where", "chars", "profile", "step"),
    [
        ("B1", 5_000, [("Role", "r" * 5_000)], ("Awareness", "Looks", "Web", "curious", 1, "")),
        ("B2", 32_767, [], ("Awareness", "word " * 6553 + "ab", "Web", "curious", 1, "")),
    ],
    ids=["a 5,000-character Role", "a 32,767-character step"],
)
def test_text_longer_than_a_deliverable_can_show_is_refused_naming_the_cell(
    tmp_path: Path, where: str, chars: int, profile: list[tuple[str, str]], step: tuple[object, ...]
) -> None:
    """Both crashed the report (a table row taller than the page); now validate and build say which cell."""
    path = persona_book(tmp_path / "long.xlsx", [step], profile=profile)
    expected = (
        f"long.xlsx:P!{where}: error: the cell holds {chars:,} characters, more than a map, a slide or "
        f"a report row can show (mapgen's limit is {limits.MAX_CELL_CHARS:,}); shorten it"
    )
    assert_refused(mapgen("validate", path), expected)
    run = mapgen("build", path, "--out", tmp_path / "out", "--format", "pdf")
    assert_refused(run, expected)
    assert not (tmp_path / "out").exists()


def test_a_persona_name_too_long_for_a_heading_is_refused(tmp_path: Path) -> None:
    """A 2,000-character Name crashed the report's heading; it is refused, naming the cell."""
    path = persona_book(tmp_path / "name.xlsx", profile=[("Name", "Ana " * 500)])
    assert_refused(
        mapgen("validate", path),
        f"name.xlsx:P!B1: error: the persona's name has 1,999 characters, over mapgen's limit of "
        f"{limits.MAX_NAME_CHARS} for a name",
    )


def _steps_sheet(steps: int) -> Iterator[bytes]:
    yield _HEAD
    header = _inline("A1", "Stage") + _inline("B1", "Step") + _inline("C1", "Emotion score (-5 to +5)")
    yield f'<row r="1">{header}</row>'.encode()
    for n in range(2, steps + 2):
        cells = _inline(f"A{n}", "Awareness") + _inline(f"B{n}", f"step {n}") + f'<c r="C{n}"><v>1</v></c>'
        yield f'<row r="{n}">{cells}</row>'.encode()
    yield _TAIL


def test_a_persona_with_99_000_steps_is_refused_naming_the_first_step_over_the_limit(tmp_path: Path) -> None:
    """Steps per persona are bounded (100,000 rows are refused by the row limit before this one)."""
    steps = limits.MAX_ROWS - 1_000
    path = patch(persona_book(tmp_path / "steps.xlsx"), {SHEET: None}, [(SHEET, _steps_sheet(steps))])
    run = mapgen("validate", path)
    assert_refused(
        run,
        f"steps.xlsx:P!B{limits.MAX_STEPS + 2}: error: the journey has {steps:,} steps, over mapgen's "
        f"limit of {limits.MAX_STEPS} per persona (this is step {limits.MAX_STEPS + 1})",
    )
    bounded(run)


def _canvas_sheet(stages: int) -> Iterator[bytes]:
    yield _HEAD
    for row, label, value in (
        (1, "Stage", "S{}"),
        (2, "Actions", "do {}"),
        (3, "Emotion score (-5 to +5)", ""),
    ):
        cells = [_inline(f"A{row}", label)]
        for n in range(1, stages + 1):
            ref = f"{column_name(n + 1)}{row}"
            cells.append(_inline(ref, value.format(n)) if value else f'<c r="{ref}"><v>{n % 5}</v></c>')
        yield f'<row r="{row}">{"".join(cells)}</row>'.encode()
    yield _TAIL


def test_a_canvas_of_5000_stages_is_refused_before_any_picture_is_drawn(tmp_path: Path) -> None:
    """Stages are bounded: 5,000 of them made a 632-megapixel PNG; now the first one over is named."""
    path = patch(persona_book(tmp_path / "stages.xlsx"), {SHEET: None}, [(SHEET, _canvas_sheet(5_000))])
    over = limits.MAX_STAGES + 1
    for command in ("validate", "build"):
        options = ["--out", tmp_path / "out", "--format", "png"] if command == "build" else []
        run = mapgen(command, path, *options)
        assert_refused(
            run,
            f'stages.xlsx:P!{column_name(over + 1)}1: error: stage "S{over}" is one more than mapgen\'s '
            f"limit of {limits.MAX_STAGES} stages",
        )
        bounded(run)
    assert not (tmp_path / "out").exists()


def test_a_style_sheet_of_300_000_elements_is_refused_naming_the_part(tmp_path: Path) -> None:
    """Parts openpyxl parses whole (styles, drawings, comments) are bounded in elements."""
    path = patch(
        persona_book(tmp_path / "styles.xlsx"), {"xl/styles.xml": before("fonts", "<font/>" * 300_000)}
    )
    run = mapgen("validate", path)
    assert_refused(run, "styles.xlsx: error: the part xl/styles.xml holds 300,0")
    bounded(run)


def test_a_shared_string_table_longer_than_the_cell_limit_is_refused(tmp_path: Path) -> None:
    """Strings no cell can use still cost memory: more of them than the cell limit is refused."""
    count = limits.MAX_CELLS + 10
    more = b"</t></si><si><t>Stage" * count
    path = share(persona_book(tmp_path / "sst.xlsx"), "A1", [b"Stage", more])
    run = mapgen("validate", path)
    assert_refused(
        run, f"sst.xlsx: error: the workbook's shared string table holds more than {limits.MAX_CELLS:,}"
    )
    bounded(run)


def test_an_owner_longer_than_a_name_is_refused_naming_the_cell(tmp_path: Path) -> None:
    """The report gives owners a narrow column: 1,000 characters there made a row taller than a page."""
    headers = ("Stage", "Step", "Emotion score (-5 to +5)", "Owner")
    path = persona_book(
        tmp_path / "owner.xlsx", [("Awareness", "Looks", 1, "Marketing " * 100)], headers=headers
    )
    assert_refused(
        mapgen("validate", path),
        f"owner.xlsx:P!D2: error: the owner has 999 characters, over mapgen's limit of "
        f"{limits.MAX_NAME_CHARS}",
    )


def test_a_report_row_taller_than_a_page_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    """A model made in code skips the reader's bounds: the report still refuses with a MapgenError."""
    import dataclasses

    import mapgen as api
    from mapgen.errors import InputError

    book = new_book()
    add_project(book, Title="Journeys", Description="What customers go through")
    add_stages(book, [("Awareness", "Hearing of us"), ("Buy", "Paying")])
    headers = ("Stage", "Step", "Touchpoint", "Goal", "Thoughts", "Emotions", "Emotion score (-5 to +5)")
    headers += ("Pain points", "Opportunities", "KPIs", "Owner", "Evidence", "Notes")
    steps = [
        (
            "Awareness",
            "Looks",
            "Web",
            "Find",
            "Hm",
            "curious",
            2,
            "Slow",
            "Faster",
            "NPS",
            "Sales",
            "Survey",
            "n",
        ),
        ("Buy", "Pays", "Shop", "Pay", "Ok", "angry", -4, "Fees", "Clear", "CES", "Ops", "Logs", "n"),
    ]
    add_row_persona(book, "P", steps, headers=headers, profile=[("Name", "Ana"), ("Role", "Parent")])
    journeys = api.load(save(book, tmp_path / "api.xlsx"))
    assert not journeys.problems
    persona = journeys.personas[0]
    owner = ("owner lorem ipsum dolor sit amet consectetur " * 30)[:1000]
    first = dataclasses.replace(persona.steps[0], owner=owner)
    persona = dataclasses.replace(persona, steps=(first, *persona.steps[1:]))
    journeys = dataclasses.replace(journeys, personas=(persona,))
    with pytest.raises(InputError, match="the report cannot print a table row taller than a page"):
        api.render(journeys, formats=["pdf"], out=tmp_path / "out")
