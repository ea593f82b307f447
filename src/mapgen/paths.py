"""Paths that a file names (a workbook's photo or theme, a theme's logo or fonts): kept in its folder.

A workbook or a theme may come from anyone, so a path written inside it is data, not a licence to
read the machine: it must be relative, stay inside the folder of the file that names it (links
followed), and name a regular file (never a device or a FIFO, which would hang or never end).
The one rule serves every such path, so they are all refused alike and in the same words.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path, PureWindowsPath

__all__ = ["Refused", "inside"]

# "https://", "file:", "mailto:", "www.": what a person pastes from a browser. A drive letter
# ("C:") is one letter and is caught as absolute instead.
_URL = re.compile(r"^(?:[a-z][a-z0-9+.\-]+:(?://|[^\\/])|www\.)", re.IGNORECASE)
_DRIVE = re.compile(r"^[a-z]:", re.IGNORECASE)


class Refused(ValueError):
    """A path a file names that mapgen will not open; the message says why and what to do."""


def inside(text: str, folder: Path, what: str, where: str, *, hint: str = "") -> Path:
    """Return the regular file a relative path names inside folder; raise Refused saying why not.

    what names the file in messages ("photo", "logo"); where names the folder ("the workbook's
    folder"); hint ends the messages about the file itself (", or place the picture in the sheet").
    """
    text = text.strip()
    advice = f"put the file in {where} (or a folder inside it) and give the path from there{hint}"
    if _URL.match(text) or text.startswith(("\\\\", "//")):
        raise Refused(f'{what} "{text}" is a web or network address, which mapgen never fetches; {advice}')
    windows = PureWindowsPath(text)
    if text.startswith(("/", "\\", "~")) or _DRIVE.match(text) or windows.is_absolute():
        raise Refused(f'{what} path "{text}" is absolute; {advice}')
    if ".." in windows.parts:
        raise Refused(f'{what} path "{text}" leaves {where}; {advice}')
    root = folder.resolve()
    try:
        path = (root / Path(*windows.parts)).resolve()
        info = path.stat()
    except FileNotFoundError:
        raise Refused(f'{what} file "{text}" was not found in {where}; check the name{hint}') from None
    except (OSError, RuntimeError, ValueError) as error:  # a loop of links, a name too long, a NUL
        reason = getattr(error, "strerror", None) or "a link loop or a bad name"
        raise Refused(
            f'{what} path "{text[:80]}" cannot be opened ({reason}); give a plain file name in {where}'
        ) from None
    if not path.is_relative_to(root):
        raise Refused(f'{what} path "{text}" leads out of {where} through a link; copy the file into it')
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f'{what} path "{text}" is not a regular file (a folder, a device or a pipe); {advice}')
    return path
