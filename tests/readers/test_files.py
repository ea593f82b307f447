"""Files that are not usable workbooks get one clear sentence; skipped sheets are listed with a reason."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mapgen.errors import InputError
from mapgen.readers import read_workbook
from mapgen.readers.xlsx import workbook
from tests.support import INPUTS
from tests.support.workbooks import add_project, add_row_persona, add_rows, add_stages, new_book, read, save

EXAMPLE = INPUTS / "example.xlsx"
STEP = [("Awareness", "Looks", "Web", "curious", 1, "")]


def refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    (problem,) = caught.value.problems
    assert problem.file == path.name and problem.severity == "error"
    assert str(caught.value) == str(problem)
    return problem.message


def test_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xlsx"
    path.write_text("Stage,Step\nAwareness,Looks\n", encoding="utf-8")
    assert refused(path) == (
        "this is a CSV or text file, not an Excel workbook; open it in Excel and save it as an Excel "
        "Workbook (.xlsx)"
    )


def test_a_legacy_xls_file(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le"))
    assert "legacy Excel 97-2003 .xls file" in refused(path)
    assert "save it as .xlsx" in refused(path)


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xlsx"
    directory = "EncryptionInfo".encode("utf-16-le") + bytes(40) + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + directory + bytes(1000))
    assert refused(path).startswith(
        "the workbook is password-protected; open it in Excel, remove the password"
    )


def test_a_truncated_workbook(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xlsx"
    data = EXAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert refused(path).startswith("the file is truncated or corrupt")


def test_a_workbook_with_a_corrupt_member(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xlsx"
    data = bytearray(EXAMPLE.read_bytes())
    start = data.find(b"xl/worksheets/sheet4.xml") + 200
    data[start : start + 64] = bytes(64)  # zeros in the middle of a compressed sheet
    path.write_bytes(bytes(data))
    assert "truncated or corrupt" in refused(path) or "cannot be read" in refused(path)


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xlsx"
    path.write_bytes(b"")
    assert refused(path).startswith("the file is empty (0 bytes)")


def test_an_empty_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = save(Workbook(), tmp_path / "journeys.xlsx")
    assert refused(path).startswith("the workbook is empty: no sheet holds any data")


def test_a_workbook_with_no_persona_sheet(tmp_path: Path) -> None:
    book = new_book()
    add_project(book, Title="T")
    add_stages(book, ["Awareness"])
    add_rows(book, "Notes", [("just notes",)])
    path = save(book, tmp_path / "journeys.xlsx")
    assert refused(path).startswith("the workbook has no persona sheet")


def test_a_persona_sheet_with_no_stage_column_is_an_error_naming_the_sheet(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(book, "Good", STEP)
    add_rows(book, "Budget", [("Item", "Cost"), ("Tent", 400)])
    journeys = read(book, tmp_path)
    assert [p.name for p in journeys.personas] == ["Good"]
    (problem,) = journeys.errors
    assert (problem.sheet, problem.cell) == ("Budget", None)
    assert problem.message.startswith("no Stage column was found in the first 30 rows: mapgen looks for")
    assert 'row 1 holds "Item", "Cost": none names a journey step' in problem.message


def test_other_zip_documents_say_what_they_are(tmp_path: Path) -> None:
    word = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(word).startswith("this is a Word document, not an Excel workbook")
    ods = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert refused(ods).startswith("this is an OpenDocument file")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    assert refused(tmp_path / "nowhere.xlsx").startswith("no such file")
    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    assert "is a folder" in refused(folder)


def test_files_and_sheets_over_the_limits_are_refused_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = new_book()
    add_row_persona(book, "P", STEP * 20)
    path = save(book, tmp_path / "journeys.xlsx")
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)
    assert refused(path) == (
        'sheet "P" has 21 rows, over mapgen\'s limit of 10; delete the unused rows at its bottom and '
        "save again"
    )
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 1000)
    assert "over mapgen's limit of 0 MB" in refused(path)


def test_a_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = new_book()
    add_row_persona(book, "P", STEP)
    path = save(book, tmp_path / "journeys.xlsx")
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1000)
    assert refused(path).startswith("the workbook unpacks to")


# Which sheets are read


def test_hidden_notes_and_underscored_sheets_are_skipped_with_their_reason(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(book, "Ana", STEP)
    for name in ("Hidden", "Secret", "_Sources", "#Draft", "Instructions", "README", "Notes", "Lookups"):
        add_row_persona(book, name, STEP)
    book["Hidden"].sheet_state = "hidden"
    book["Secret"].sheet_state = "veryHidden"
    book.create_sheet("Blank")
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert [p.name for p in journeys.personas] == ["Ana"]
    assert [(s.sheet, s.reason) for s in journeys.skipped_sheets] == [
        ("Hidden", "hidden sheet"),
        ("Secret", "very hidden sheet"),
        ("_Sources", 'name starts with "_"'),
        ("#Draft", 'name starts with "#"'),
        ("Instructions", "instructions sheet, for people rather than mapgen"),
        ("README", "readme sheet, for people rather than mapgen"),
        ("Notes", "notes sheet, for people rather than mapgen"),
        ("Lookups", "lookups sheet, for people rather than mapgen"),
        ("Blank", "empty sheet"),
    ]


def test_a_persona_is_named_by_its_name_field_else_its_sheet(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(book, "Sheet one", STEP, profile=[("Persona name", "Ana Lima")])
    add_row_persona(book, "Bruno", STEP)
    journeys = read(book, tmp_path)
    assert [(p.name, p.sheet) for p in journeys.personas] == [("Ana Lima", "Sheet one"), ("Bruno", "Bruno")]
