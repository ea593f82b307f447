"""Damaged or tampered workbooks that crashed mapgen or lost a persona now get one line naming what to fix.

Every run here goes through the command line in a fresh process: exit 1, one line per problem
naming the file, the sheet and the cell where there is one, never a traceback or "internal error".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mapgen.readers import read_workbook
from tests.hostile.packages import SHEET, STEP, assert_refused, before, mapgen, patch, share
from tests.support.workbooks import add_row_persona, new_book, save


def two_personas(path: Path) -> Path:
    """Save a workbook with persona sheets P and Q (parts sheet1.xml and sheet2.xml)."""
    book = new_book()
    add_row_persona(book, "P", [STEP])
    add_row_persona(book, "Q", [STEP])
    return save(book, path)


def test_a_sheet_whose_part_is_missing_is_an_error_naming_it(tmp_path: Path) -> None:
    """A persona listed in workbook.xml but absent from the zip no longer vanishes with 0 errors."""
    path = patch(two_personas(tmp_path / "missing.xlsx"), {"xl/worksheets/sheet2.xml": None})
    run = mapgen("validate", path)
    assert_refused(
        run,
        'missing.xlsx:Q: error: sheet "Q" cannot be read: its part xl/worksheets/sheet2.xml is missing '
        "from the file; the file is damaged, save it again from Excel",
    )
    assert "1 persona" in run.out and "1 error" in run.out, "the other persona is still read and counted"


@pytest.mark.parametrize(
    ("target", "mode"),
    [("../../../etc/passwd", ""), ("file:///etc/passwd", ' TargetMode="External"')],
    ids=["climbing out", "external"],
)
def test_a_sheet_pointing_outside_the_package_is_an_error_naming_it(
    tmp_path: Path, target: str, mode: str
) -> None:
    """A sheet relationship leading out of the zip is reported, never followed."""

    def relink(data: bytes) -> bytes:
        return data.replace(b'Target="/xl/worksheets/sheet2.xml"', f'Target="{target}"{mode}'.encode())

    path = patch(two_personas(tmp_path / "outside.xlsx"), {"xl/_rels/workbook.xml.rels": relink})
    assert_refused(
        mapgen("validate", path),
        'outside.xlsx:Q: error: sheet "Q" cannot be read: it points outside the workbook file',
    )


@pytest.mark.parametrize("part", ["xl/workbook.xml", SHEET, "xl/_rels/workbook.xml.rels"])
def test_dtd_entities_are_refused_in_one_line(tmp_path: Path, part: str) -> None:
    """A DTD (the billion-laughs shape) in workbook.xml crashed the reader; in any part it is one line."""
    dtd = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def declare(data: bytes) -> bytes:
        text = data.decode("utf-8")
        if text.startswith("<?xml"):
            end = text.index("?>") + 2
            return (text[:end] + dtd + text[end:]).encode("utf-8")
        return (dtd + text).encode("utf-8")

    book = new_book()
    add_row_persona(book, "P", [STEP])
    path = patch(save(book, tmp_path / "dtd.xlsx"), {part: declare})
    assert_refused(
        mapgen("validate", path),
        "dtd.xlsx: error: the workbook's XML declares a DTD or entities, which Excel never writes and "
        "mapgen refuses as unsafe; open the file in Excel and save it again",
    )


def test_cells_with_an_undefined_style_number_are_named_all_at_once(tmp_path: Path) -> None:
    """openpyxl crashed with an IndexError; now every such cell of every sheet is named."""
    styled = before("sheetData", "")

    def restyle(data: bytes) -> bytes:
        return styled(data).replace(b'<c r="B2" t="inlineStr">', b'<c r="B2" s="999" t="inlineStr">')

    path = patch(
        two_personas(tmp_path / "styles.xlsx"),
        {SHEET: restyle, "xl/worksheets/sheet2.xml": restyle},
    )
    run = mapgen("validate", path)
    message = "error: the cell uses style number 999, which the workbook does not define (it defines 1)"
    assert_refused(run, f"styles.xlsx:P!B2: {message}", f"styles.xlsx:Q!B2: {message}")
    assert len(run.lines) == 2


@pytest.mark.parametrize("shared", [False, True], ids=["inline string", "shared string"])
def test_a_raw_control_character_is_named_by_sheet_and_cell(tmp_path: Path, shared: bool) -> None:
    """A control byte makes the XML invalid; the error names the cell instead of only the file."""
    book = new_book()
    add_row_persona(book, "P", [STEP])
    path = save(book, tmp_path / "control.xlsx")
    if shared:
        share(path, "B2", [b"Lo\x01oks"])
    else:
        patch(path, {SHEET: lambda data: data.replace(b"<t>Looks</t>", b"<t>Lo\x01oks</t>")})
    assert_refused(
        mapgen("validate", path),
        "control.xlsx:P!B2: error: the XML is not well formed here, most often because of a control "
        "character pasted from another program; retype the cell's text in Excel and save again",
    )


def test_excel_escapes_are_decoded_and_control_characters_dropped_with_a_warning(tmp_path: Path) -> None:
    """_x000D_, _x0009_ read as Excel shows them; _x0001_ is left out with a warning naming the cell."""
    book = new_book()
    add_row_persona(book, "P", [("Awareness", "Looks", "Web", "curious", 1, "Slow_x000D_\nsite"), STEP])
    path = save(book, tmp_path / "escapes.xlsx")
    patch(
        path,
        {
            SHEET: lambda data: data.replace(b"<t>Web</t>", b"<t>Web_x0009_app</t>", 1).replace(
                b"<t>Looks</t>", b"<t>Looks_x0001_</t>", 1
            )
        },
    )
    journeys = read_workbook(path)
    step = journeys.personas[0].steps[0]
    assert (step.action, step.touchpoint, step.pain_points) == ("Looks", "Web\tapp", ("Slow", "site"))
    assert [f"{p.sheet}!{p.cell}: {p.severity}" for p in journeys.problems] == ["P!B2: warning"]
    assert "control characters" in journeys.problems[0].message


def test_a_control_character_in_the_file_name_is_one_line_with_the_name_escaped(tmp_path: Path) -> None:
    """The name is written with \\x07, never sent raw to the terminal; the file is refused, not crashed on."""
    book = new_book()
    add_row_persona(book, "P", [STEP])
    path = save(book, tmp_path / "bell\x07name.xlsx")
    for command in ("validate", "build"):
        run = mapgen(command, path, *(["--out", tmp_path / "out"] if command == "build" else []))
        assert_refused(
            run,
            "bell\\x07name.xlsx: error: the file name holds a control character (shown as \\xNN), which the "
            "deliverables' names and documents cannot carry; rename the file",
        )
        assert "\x07" not in run.err


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_a_fifo_is_not_a_regular_file_and_never_blocks(tmp_path: Path, kind: str) -> None:
    """/dev/zero was called a folder, and a FIFO would block the first read; neither is opened."""
    if kind == "device":
        path = Path("/dev/zero")
    else:
        path = tmp_path / "journeys.xlsx"
        os.mkfifo(path)
    for command in ("validate", "build"):
        run = mapgen(command, path, *(["--out", tmp_path / "out"] if command == "build" else []), timeout=60)
        assert_refused(
            run, f"{path.name}: error: {path} is not a regular file (a device, a pipe or a socket)"
        )


def test_a_persona_sheet_name_over_excels_length_is_refused(tmp_path: Path) -> None:
    """A sheet name is the persona's name when there is no Name field: a tampered long one is named."""
    book = new_book()
    add_row_persona(book, "P", [STEP])
    path = save(book, tmp_path / "sheetname.xlsx")
    long = "S" * 500
    patch(path, {"xl/workbook.xml": lambda data: data.replace(b'name="P"', f'name="{long}"'.encode())})
    assert_refused(
        mapgen("validate", path), f"sheetname.xlsx:{long}: error: the sheet's name has 500 characters"
    )


def test_the_sample_workbooks_meet_every_limit(tmp_path: Path) -> None:
    """The limits sit well above real maps: the bundled samples read with no new problem."""
    for sample in ("example.xlsx", "b2b-example.xlsx"):
        copy = shutil.copy(Path(__file__).resolve().parents[2] / "inputs" / sample, tmp_path / sample)
        run = mapgen("validate", copy)
        assert run.code == 0 and "0 errors" in run.out, run.err
