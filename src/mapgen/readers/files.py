"""The one check every input file gets before it is opened: a regular file, under a name it can carry."""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from mapgen.errors import InputError

__all__ = ["regular_file", "shown_name"]


def shown_name(path: Path) -> str:
    """Return a file name fit for a message: control characters written as \\xNN, never sent raw."""
    return "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in path.name)


def _fail(path: Path, message: str) -> InputError:
    return InputError.at(shown_name(path), message)


def regular_file(path: Path, what: str) -> os.stat_result:
    """Return a regular file's stat; raise InputError for anything else, without opening it.

    what: the kind of file mapgen asks for in the message ("an .xlsx file", "a file").
    """
    if any(unicodedata.category(c) == "Cc" for c in path.name):
        raise _fail(
            path,
            "the file name holds a control character (shown as \\xNN), which the deliverables' names and "
            "documents cannot carry; rename the file",
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _fail(path, f"no such file: {shown_name(path.parent / path.name)}; check the path") from None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise _fail(path, f"the file cannot be opened ({reason}); check the path") from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail(path, f"{path} is a folder, not a workbook; give the path of {what}")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the first read and a device never ends: neither is ever opened.
        raise _fail(
            path, f"{path} is not a regular file (a device, a pipe or a socket); give the path of {what}"
        )
    return info
