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

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_DRIVE = re.compile(r"^[a-zA-Z]:")


class Refused(ValueError):
    """A path a file names that mapgen will not open; the message says why and what to do."""


def inside(text: str, folder: Path, what: str, where: str) -> Path:
    """Return the regular file a relative path names inside folder; raise Refused saying why not.

    what names the file for the message ("photo", "logo"); where names the folder ("the
    workbook's folder").
    """
    text = text.strip()
    advice = f"put the file in {where} (or a folder inside it) and give the path from there"
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
        raise Refused(f'{what} "{text}" was not found in {where}; check the name') from None
    except (OSError, RuntimeError) as error:  # a loop of links, a name too long, no permission
        reason = getattr(error, "strerror", None) or "it cannot be opened"
        raise Refused(f'{what} "{text}" cannot be used ({reason.lower()}); {advice}') from None
    if not path.is_relative_to(root):
        raise Refused(f'{what} path "{text}" leads out of {where} through a link; copy the file into it')
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f'{what} "{text}" is not a regular file; {advice}')
    return path
