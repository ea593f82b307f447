"""Persona photos: a picture placed in the sheet, or a file named in the Photo field.

A Photo path is read only from inside the workbook's folder: web addresses, absolute paths and
paths that climb out with ".." are refused, never fetched or opened.
"""

from __future__ import annotations

import io
import posixpath
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from mapgen.model import Photo
from mapgen.paths import Refused, inside
from mapgen.readers.grid import cell_name
from mapgen.readers.limits import MAX_PHOTO_BYTES, MAX_PHOTO_PATH_CHARS, MAX_PIXELS
from mapgen.readers.problems import Problems
from mapgen.readers.xlsx.package import Picture

__all__ = ["MAX_PIXELS", "photo_from_path", "placed_photo"]

# Formats every renderer takes as they are; others are converted to PNG.
_DIRECT = frozenset({"png", "jpeg"})
# The only decoders Pillow may try on a picture from a workbook: the formats people place.
_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")
# Pictures Office draws but no renderer of mapgen can: named, so the message says what to do.
_VECTOR = {".emf": "an EMF", ".wmf": "a WMF", ".svg": "an SVG", ".emz": "an EMF", ".wmz": "a WMF"}


class _Unusable(Exception):
    """An image mapgen will not use; the message says why."""


def _photo(data: bytes, label: str, name: str = "") -> Photo:
    """Return checked image bytes as a Photo; raise _Unusable with a message otherwise."""
    from PIL import Image

    vector = _VECTOR.get(posixpath.splitext(name.lower())[1])
    if vector or (data.lstrip()[:5] in (b"<?xml", b"<svg ") and b"<svg" in data[:4096]):
        raise _Unusable(
            f"{label} is {vector or 'an SVG'} drawing, which mapgen cannot draw; save "
            "it as a PNG or JPEG picture"
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP on; the stricter pixel limit below decides instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=_FORMATS)
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _Unusable(
                    f"{label} is {width} x {height} pixels ({width * height / 1e6:.0f} MP), over the "
                    f"limit of {MAX_PIXELS // 1_000_000} MP; save a smaller copy (1000 x 1000 is plenty)"
                )
            kind = (image.format or "").lower()
            image.load()  # decode it all now: a truncated file fails here, not in a renderer
            if kind in _DIRECT:
                return Photo(data, kind)
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG")
            return Photo(out.getvalue(), "png")
    except _Unusable:
        raise
    except Image.DecompressionBombError as error:
        raise _Unusable(
            f"{label} is too large to open safely (over {MAX_PIXELS // 1_000_000} MP); save a smaller copy"
        ) from error
    except Exception as error:  # Pillow's decoders fail on a damaged file with many error types
        raise _Unusable(
            f"{label} is damaged or not an image mapgen can read; save it again as a PNG or JPEG picture"
        ) from error


def placed_photo(
    sheet: str, pictures: Sequence[Picture], read: Callable[[str], bytes], problems: Problems
) -> Photo | None:
    """Return the picture placed in a sheet (the top-left one when there are several), or None.

    pictures: the sheet's placed pictures, top-left first; read: returns a part's bytes.
    """
    if not pictures:
        return None
    first = pictures[0]
    where = cell_name(first.row + 1, first.column + 1)
    if len(pictures) > 1:
        problems.warning(
            f"{len(pictures)} pictures are placed in the sheet; the one at {where} is the persona's photo",
            sheet,
            where,
        )
    label = "the picture placed in the sheet"
    if not first.part:
        problems.warning(f"{label} is missing from the file; place it again", sheet, where)
        return None
    if first.size > MAX_PHOTO_BYTES:
        problems.warning(
            f"{label} is over {MAX_PHOTO_BYTES // (1024 * 1024)} MB; place a smaller copy", sheet, where
        )
        return None
    try:
        return _photo(read(first.part), label, first.part)
    except _Unusable as error:
        problems.warning(f"{error}; the persona is shown without a photo", sheet, where)
        return None


def photo_from_path(text: str, folder: Path, sheet: str, cell: str, problems: Problems) -> Photo | None:
    """Return the picture a Photo field names, relative to the workbook's folder, or None with a warning."""
    text = text.strip()
    if len(text) > MAX_PHOTO_PATH_CHARS:
        problems.warning(
            f"the photo path has {len(text):,} characters, over mapgen's limit of {MAX_PHOTO_PATH_CHARS}; "
            "give the picture a short file name in the workbook's folder",
            sheet,
            cell,
        )
        return None
    try:
        path = inside(
            text, folder, "photo", "the workbook's folder", hint=", or place the picture in the sheet"
        )
    except Refused as refusal:
        problems.warning(str(refusal), sheet, cell)
        return None
    info = path.stat()
    if info.st_size > MAX_PHOTO_BYTES:
        problems.warning(
            f'photo file "{text}" is over {MAX_PHOTO_BYTES // (1024 * 1024)} MB; save a smaller copy',
            sheet,
            cell,
        )
        return None
    try:
        return _photo(path.read_bytes(), f'photo file "{text}"', path.name)
    except _Unusable as error:
        problems.warning(str(error), sheet, cell)
        return None
