"""Read a text input whole, bounded, in whichever encoding Excel or an editor saved it."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from mapgen.errors import InputError
from mapgen.readers.files import regular_file, shown_name
from mapgen.readers.limits import MAX_TEXT_BYTES

__all__ = ["READS", "Text", "check_file", "decode", "fail", "mb"]

READS = "mapgen reads .xlsx workbooks, CSV, Markdown tables, Mermaid journeys and its own JSON model"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    # Excel's "Unicode text" is UTF-16 with a byte order mark.
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Text:
    """A text file's content, the encoding it was read in, and its name as messages show it."""

    path: Path
    content: str
    encoding: str

    @property
    def name(self) -> str:
        """Return the file's name, fit for a message."""
        return shown_name(self.path)


def fail(path: Path, message: str) -> InputError:
    """Return the one-line error for a file mapgen cannot read."""
    return InputError.at(shown_name(path), message)


def mb(size: int) -> str:
    """Return a size in whole megabytes."""
    return f"{size / (1024 * 1024):.0f} MB"


def check_file(path: Path, limit: int | None = MAX_TEXT_BYTES) -> int:
    """Return a regular file's size; raise InputError for a missing, special, empty or too large one.

    limit None: no size bound here (a workbook's reader applies its own).
    """
    info = regular_file(path, "a file")
    if info.st_size == 0:
        raise fail(path, "the file is empty (0 bytes); fill it in, or save it again")
    if limit is not None and info.st_size > limit:
        raise fail(
            path,
            f"the file is {mb(info.st_size)}, over mapgen's limit of {mb(limit)} for a text file; "
            "a journey written out as text is far smaller: split the personas over several files",
        )
    return info.st_size


def _is_binary(data: bytes) -> bool:
    # Text never holds NUL bytes (UTF-16 is recognised by its byte order mark before this).
    return b"\x00" in data[:65536]


def decode(path: Path, data: bytes) -> Text:
    """Return the file's text: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252.

    Raise InputError for bytes that are no text in any of them (a binary file, a damaged one).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Text(path, data.decode(encoding).lstrip("\ufeff"), encoding)
            except UnicodeDecodeError:
                raise fail(
                    path,
                    f"the file starts like {encoding.upper()} text but holds bytes that are not; "
                    "save it again as CSV UTF-8 or plain UTF-8 text",
                ) from None
    if _is_binary(data):
        raise fail(path, f"this is a binary file, not text nor an .xlsx workbook; {READS}")
    try:
        return Text(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's legacy "CSV (Comma delimited)" on Western Windows.
        return Text(path, data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as error:
        raise fail(
            path,
            f"the file is neither UTF-8 nor Windows-1252 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start:,}); save it again as CSV UTF-8 or plain UTF-8 text",
        ) from None
