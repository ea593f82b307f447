"""Open a workbook file: say plainly what it is when it is not a usable .xlsx, then load it."""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from mapgen.errors import InputError
from mapgen.readers.files import regular_file, shown_name
from mapgen.readers.limits import MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES
from mapgen.readers.problems import Problems
from mapgen.readers.xlsx.package import PackageScan, scan_package, workbook_part
from mapgen.readers.xlsx.package.xml import Refused

__all__ = ["MAX_FILE_BYTES", "MAX_ROWS", "MAX_UNPACKED_BYTES", "Opened", "open_workbook", "shown_name"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# An encrypted .xlsx is an OLE2 container whose directory names this stream (UTF-16LE).
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SAVE_AS = "open it in Excel and save it as an Excel Workbook (.xlsx)"


@dataclass
class Opened:
    """A loaded openpyxl workbook, what the package scan found, and the problems met so far."""

    path: Path
    book: Any
    scan: PackageScan
    problems: Problems

    def read_part(self, part: str) -> bytes:
        """Return the bytes of one part of the package (a placed picture)."""
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(part)


def _fail(path: Path, message: str) -> InputError:
    return InputError.at(shown_name(path), message)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # a character cut at the end of the sample is fine
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def _check_file(path: Path) -> int:
    """Return the size of a regular file; raise InputError for anything else, without opening it."""
    return regular_file(path, "an .xlsx file").st_size


def _sniff(path: Path, size: int) -> None:
    """Raise InputError unless the file starts like a zip package."""
    if size == 0:
        raise _fail(path, f"the file is empty (0 bytes); {_SAVE_AS} again")
    if size > MAX_FILE_BYTES:
        raise _fail(
            path,
            f"the file is {_mb(size)}, over mapgen's limit of {_mb(MAX_FILE_BYTES)}; remove unused sheets, "
            "pictures and formatted empty rows, or split the personas over several workbooks",
        )
    with path.open("rb") as stream:
        head = stream.read(8192)
    if head.startswith(_OLE2):
        data = path.read_bytes()
        if _ENCRYPTED in data:
            raise _fail(
                path,
                "the workbook is password-protected; open it in Excel, remove the password "
                "(File > Info > Protect Workbook > Encrypt with Password) and save it again",
            )
        raise _fail(path, "this is a legacy Excel 97-2003 .xls file; open it in Excel and save it as .xlsx")
    if head.startswith(_ZIP):
        return
    if _looks_like_text(head):
        lowered = head.lower()
        kind = "an HTML or XML file" if b"<html" in lowered or b"<?xml" in lowered else "a CSV or text file"
        raise _fail(path, f"this is {kind}, not an Excel workbook; {_SAVE_AS}")
    raise _fail(path, f"this is not an Excel workbook (.xlsx); {_SAVE_AS}")


def _check_package(path: Path, archive: zipfile.ZipFile) -> str:
    """Return the workbook part; raise InputError for a zip that is another kind of document."""
    names = set(archive.namelist())
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        raise _fail(path, f"this is an OpenDocument file (LibreOffice or Numbers); {_SAVE_AS}")
    part = workbook_part(archive)
    if part is None:
        if "word/document.xml" in names:
            kind = "a Word document"
        elif "ppt/presentation.xml" in names:
            kind = "a PowerPoint presentation"
        else:
            kind = "a zip archive"
        raise _fail(path, f"this is {kind}, not an Excel workbook; give mapgen the .xlsx file itself")
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise _fail(
            path,
            f"the workbook unpacks to {_mb(unpacked)}, over mapgen's limit of {_mb(MAX_UNPACKED_BYTES)}; "
            "remove unused sheets and formatted empty rows",
        )
    return part


def _corrupt(path: Path) -> InputError:
    return _fail(
        path,
        "the file is truncated or corrupt (it is not a complete .xlsx package); save it again from "
        "Excel, or copy it again if it came by download or e-mail",
    )


def open_workbook(path: Path) -> Opened:
    """Open and load a workbook; raise InputError with one clear sentence when it cannot be used.

    Problems met in the package that do not stop the loading (a sheet whose part is missing) are
    in Opened.problems; those that do are raised together.
    """
    _sniff(path, _check_file(path))
    problems = Problems(shown_name(path))
    try:
        with zipfile.ZipFile(path) as archive:
            part = _check_package(path, archive)
            scan = scan_package(archive, part, problems, MAX_ROWS)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError) as error:
        raise _corrupt(path) from error
    except Refused:
        raise _fail(
            path,
            "the workbook's XML declares a DTD or entities, which Excel never writes and mapgen refuses as "
            "unsafe; open the file in Excel and save it again",
        ) from None
    except ExpatError as error:
        raise _fail(path, f"the workbook's XML cannot be read ({error}); save it again from Excel") from None
    if not scan.loadable:
        raise InputError(str(problems.all()[0]), problems.all())
    return Opened(path, _load(path), scan, problems)


@contextmanager
def _without_pictures() -> Iterator[None]:
    """Keep openpyxl from decoding placed pictures: mapgen reads them from the package itself.

    openpyxl would decode every picture with Pillow while loading, crash on a huge one and drop
    an unreadable one without a word; with Pillow hidden it takes the path it has for a Python
    without Pillow and skips them. The scan lists them, and photos reads the one it uses.
    """
    from openpyxl.reader import drawings

    saved = drawings.PILImage
    drawings.PILImage = False
    try:
        yield
    finally:
        drawings.PILImage = saved


def _load(path: Path) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings(), _without_pictures():
            # openpyxl warns about features it drops on reading (extensions, slicers, print
            # settings); none of them carries journey content.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=True, keep_links=False, rich_text=False)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _corrupt(path) from error
    except Exception as error:  # openpyxl reports a malformed part with whatever its parser raised
        raise _fail(
            path, f"the workbook cannot be read ({type(error).__name__}: {error}); save it again from Excel"
        ) from error
