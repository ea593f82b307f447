"""Persona photos: a picture placed in the sheet, or a file named in the Photo field.

A Photo path is read only from inside the workbook's folder: web addresses, absolute paths and
paths that climb out with ".." are refused, never fetched or opened.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path, PureWindowsPath
from typing import Any

from mapgen.model import Photo
from mapgen.readers.grid import cell_name
from mapgen.readers.problems import Problems

__all__ = ["MAX_PIXELS", "photo_from_path", "placed_photo"]

MAX_PIXELS = 40_000_000
MAX_PHOTO_BYTES = 20 * 1024 * 1024
_URL = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:(?://|[^\\/])|www\.)", re.IGNORECASE)
_DRIVE = re.compile(r"^[a-z]:", re.IGNORECASE)
# Formats every renderer takes as they are; others are converted to PNG.
_DIRECT = frozenset({"png", "jpeg"})


class _Unusable(Exception):
    """An image mapgen will not use; the message says why."""


def _photo(data: bytes, label: str) -> Photo:
    """Return checked image bytes as a Photo; raise _Unusable with a message otherwise."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP on; the stricter pixel limit below decides instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _Unusable(
                    f"{label} is {width} x {height} pixels ({width * height / 1e6:.0f} MP), over the "
                    f"limit of {MAX_PIXELS // 1_000_000} MP; save a smaller copy (1000 x 1000 is plenty)"
                )
            kind = (image.format or "").lower()
            if kind in _DIRECT:
                image.verify()
                return Photo(data, kind)
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG")
            return Photo(out.getvalue(), "png")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, Image.DecompressionBombError):
            raise _Unusable(f"{label} is too large to open safely; save a smaller copy") from error
        raise _Unusable(f"{label} is not an image mapgen can read; use a PNG or JPEG picture") from error


def placed_photo(sheet: Any, problems: Problems) -> Photo | None:
    """Return the picture placed in a sheet (the top-left one when there are several), or None."""
    images = list(getattr(sheet, "_images", ()))
    if not images:
        return None

    def position(image: Any) -> tuple[int, int]:
        marker = getattr(image.anchor, "_from", None)
        return (marker.row, marker.col) if marker is not None else (0, 0)

    images.sort(key=position)
    row, column = position(images[0])
    where = cell_name(row + 1, column + 1)
    if len(images) > 1:
        problems.warning(
            f"{len(images)} pictures are placed in the sheet; the one at {where} is the persona's photo",
            sheet.title,
            where,
        )
    try:
        return _photo(images[0]._data(), "the picture placed in the sheet")
    except _Unusable as error:
        problems.warning(str(error), sheet.title, where)
        return None


def _refusal(text: str) -> str | None:
    if _URL.match(text) or text.startswith(("\\\\", "//")):
        return (
            f'photo "{text}" is a web or network address, which mapgen never fetches; save the picture '
            "in the workbook's folder and give its file name, or place it in the sheet"
        )
    windows = PureWindowsPath(text)
    if text.startswith(("/", "\\")) or _DRIVE.match(text) or windows.is_absolute():
        return (
            f'photo path "{text}" is absolute; put the picture in the workbook\'s folder (or a folder '
            "inside it) and give the path from there, e.g. photos/name.jpg"
        )
    if ".." in windows.parts:
        return (
            f'photo path "{text}" leaves the workbook\'s folder; put the picture inside that folder and '
            "give the path from there, e.g. photos/name.jpg"
        )
    return None


def photo_from_path(text: str, folder: Path, sheet: str, cell: str, problems: Problems) -> Photo | None:
    """Return the picture a Photo field names, relative to the workbook's folder, or None with a warning."""
    text = text.strip()
    refusal = _refusal(text)
    if refusal:
        problems.warning(refusal, sheet, cell)
        return None
    root = folder.resolve()
    path = (root / Path(*PureWindowsPath(text).parts)).resolve()
    if not path.is_relative_to(root):
        problems.warning(
            f'photo path "{text}" leads out of the workbook\'s folder (through a link); copy the picture '
            "into the folder",
            sheet,
            cell,
        )
        return None
    if not path.is_file():
        problems.warning(
            f'photo file "{text}" was not found in the workbook\'s folder; check the name, or place the '
            "picture in the sheet",
            sheet,
            cell,
        )
        return None
    if path.stat().st_size > MAX_PHOTO_BYTES:
        problems.warning(
            f'photo file "{text}" is over {MAX_PHOTO_BYTES // (1024 * 1024)} MB; save a smaller copy',
            sheet,
            cell,
        )
        return None
    try:
        return _photo(path.read_bytes(), f'photo file "{text}"')
    except _Unusable as error:
        problems.warning(str(error), sheet, cell)
        return None
