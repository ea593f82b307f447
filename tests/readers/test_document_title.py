"""The workbook's own title (Excel's File > Info) is the title when the Project sheet gives none."""

from __future__ import annotations

import zipfile
from pathlib import Path

from mapgen.readers import read_workbook
from mapgen.readers.sheets.project import MAX_CORE_BYTES, MAX_TITLE_CHARS, document_title
from tests.support.workbooks import add_project, add_row_persona, new_book, save

STEP = [("Awareness", "Looks", "Web", "curious", 1, "")]
_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">{body}</cp:coreProperties>'
)


def _book(tmp_path: Path, *, title: str | None = None, project_title: str | None = None) -> Path:
    book = new_book()
    if project_title is not None:
        add_project(book, Title=project_title)
    add_row_persona(book, "Emma", STEP)
    if title is not None:
        book.properties.title = title
    return save(book, tmp_path / "q3-export-final-v2.xlsx")


def _with_core(path: Path, core: bytes) -> Path:
    """Return a copy of the workbook whose docProps/core.xml is replaced by core."""
    out = path.with_name("rewritten.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = core if item.filename == "docProps/core.xml" else source.read(item)
            target.writestr(item, data)
    return out


def test_the_document_title_fills_a_missing_project_title(tmp_path: Path) -> None:
    journeys = read_workbook(_book(tmp_path, title="  Outdoor shoppers,\n 2025  "))
    assert journeys.project.title == "Outdoor shoppers, 2025"


def test_the_project_sheet_title_wins_over_the_document_title(tmp_path: Path) -> None:
    journeys = read_workbook(_book(tmp_path, title="Book1", project_title="Checkout journeys"))
    assert journeys.project.title == "Checkout journeys"


def test_without_either_title_there_is_none_and_never_the_file_name(tmp_path: Path) -> None:
    journeys = read_workbook(_book(tmp_path))
    assert journeys.project.title is None


def test_a_long_title_is_cut_at_a_word(tmp_path: Path) -> None:
    title = document_title(_book(tmp_path, title="word " * 100))
    assert title is not None and len(title) <= MAX_TITLE_CHARS + 1 and title.endswith("word…")


def test_hostile_or_broken_properties_read_as_no_title(tmp_path: Path) -> None:
    path = _book(tmp_path, title="Fine")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        + _CORE.format(body="<dc:title>&b;</dc:title>").encode()
    )
    huge = _CORE.format(body="<dc:title>" + "x" * (MAX_CORE_BYTES + 1) + "</dc:title>").encode()
    for core in (bomb, huge, b"<not xml", b""):
        assert document_title(_with_core(path, core)) is None
    # Too big to be worth reading is no title, and the workbook still reads.
    assert read_workbook(_with_core(path, huge)).project.title is None
    assert document_title(tmp_path / "missing.xlsx") is None
