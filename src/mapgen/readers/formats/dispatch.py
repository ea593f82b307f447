"""Pick the reader of a file by its content first, then by its extension; a folder of CSV files is one.

Content decides when it is unambiguous (a zip is a workbook, `{` opens the JSON model, a first
line `journey` is Mermaid, a pipe table with its |---| row is Markdown, consistent columns are
CSV), so a CSV saved as .txt or a Mermaid journey saved as .md is read for what it is. A file
named like a workbook (.xlsx, .xls) always goes to the workbook reader, which names what else it
is. A file that is none of them gets one sentence saying what it is and what mapgen reads.
"""

from __future__ import annotations

from pathlib import Path

from mapgen.errors import InputError
from mapgen.model import Journeys
from mapgen.readers.formats.csvfile import looks_like_csv, read_csv
from mapgen.readers.formats.jsonmodel import read_model
from mapgen.readers.formats.markdown import markdown_shape, read_markdown
from mapgen.readers.formats.mermaid import diagram_kind, read_mermaid
from mapgen.readers.formats.text import READS, Text, check_file, decode, fail
from mapgen.readers.headers import ColumnMap
from mapgen.readers.limits import MAX_TEXT_FILES

__all__ = ["CSV_SUFFIXES", "TEXT_SUFFIXES", "csv_files_in", "format_of", "read_journeys"]

CSV_SUFFIXES = (".csv", ".tsv")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (*CSV_SUFFIXES, *MARKDOWN_SUFFIXES, ".mmd", ".json", ".txt")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")  # the packages openpyxl opens
_CONTAINERS = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # zip, OLE2 (.xls)


def csv_files_in(folder: Path) -> list[Path]:
    """Return a folder's CSV files (one persona each), skipping hidden files and Excel's ~$ locks."""
    found = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in CSV_SUFFIXES and p.is_file() and not p.name.startswith(("~$", "."))
    )
    if not found:
        raise InputError.at(
            str(folder), "this folder holds no .xlsx workbook and no CSV file; point mapgen at one"
        )
    if len(found) > MAX_TEXT_FILES:
        raise InputError.at(
            str(folder),
            f"this folder holds {len(found)} CSV files, over mapgen's limit of {MAX_TEXT_FILES} personas "
            "in one project; split them over several folders",
        )
    return found


def _is_workbook(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.startswith("xl/") for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False  # the workbook reader says what is wrong with it


def _read(path: Path) -> Text:
    check_file(path)
    return decode(path, path.read_bytes())


def _head(path: Path) -> bytes:
    check_file(path, None)  # sized once its kind is known: a workbook's bound is not a text's
    with path.open("rb") as stream:
        return stream.read(8)


def format_of(text: Text) -> str:
    """Return which reader a text file is for: "json", "mermaid", "markdown" or "csv".

    Raise InputError when its content is none of them.
    """
    suffix = text.path.suffix.lower()
    start = text.content.lstrip()[:1]
    if start == "{" or (start == "[" and suffix == ".json"):
        return "json"  # a list is no model, and its reader says so
    kind = diagram_kind(text.content)
    if kind == "journey" or suffix == ".mmd":
        return "mermaid"
    # A heading alone does not make Markdown of a .csv ("# exported by ..."); a pipe table does.
    if suffix in MARKDOWN_SUFFIXES or markdown_shape(text.content) & {"table", "mermaid"}:
        return "markdown"  # with no table, its reader says so
    if start == "<":
        raise fail(text.path, f"this is an HTML or XML file; {READS}")
    if suffix in CSV_SUFFIXES or looks_like_csv(text.content):
        return "csv"
    if suffix == ".json":
        raise fail(
            text.path,
            "the file is not JSON (it does not start with {); write the model as "
            "`mapgen inspect --json` prints it",
        )
    raise fail(
        text.path,
        f"this text file is not CSV, a Markdown table, a Mermaid journey nor the JSON model; {READS}",
    )


def _read_workbook(path: Path, columns: ColumnMap | None) -> Journeys:
    from mapgen.readers.reader import read

    return read(path, columns)


def read_journeys(path: Path, columns: ColumnMap | None = None) -> Journeys:
    """Read any input mapgen takes into Journeys: a workbook, a text file, or a folder of CSV files."""
    if path.is_dir():
        files = csv_files_in(path)
        return read_csv(path, [_read(p) for p in files], columns)
    head = _head(path)
    suffix = path.suffix.lower()
    if head.startswith(_CONTAINERS[:2]) and suffix not in _EXCEL_SUFFIXES and _is_workbook(path):
        # openpyxl opens a package only by an Excel extension; a renamed one is named for what it is.
        raise fail(
            path,
            f"this is an Excel workbook named {suffix or 'without an extension'}; rename it to .xlsx",
        )
    if head.startswith(_CONTAINERS) or suffix in (*_EXCEL_SUFFIXES, ".xls"):
        # Text named .xlsx is refused by the workbook reader, which says what it is: Excel would
        # not open it as a workbook either, and the name should say what the file holds.
        return _read_workbook(path, columns)
    text = _read(path)
    kind = format_of(text)
    if kind == "json":
        return read_model(text)
    if kind == "mermaid":
        return read_mermaid(text, columns)
    if kind == "markdown":
        return read_markdown(text, columns)
    return read_csv(path, [text], columns)
