"""Pictures for print: decoded at reduced size, downscaled to about 300 dpi, RGB or JPEG, never RGBA.

A workbook's photo can be a 40 MB camera picture, and reportlab embeds an RGBA PNG as raw RGB
plus a soft mask, decoded in full (a 30-page report once peaked at 441 MiB that way). Here every
picture is reduced to what print needs at the size it is drawn, transparency is flattened onto
the colour it sits on, photos become JPEG and flat artwork (logos) stays lossless RGB.
"""

from __future__ import annotations

import functools
import io
import math
from typing import Any

from mapgen import colors

__all__ = ["PRINT_DPI", "image_reader", "print_size"]

PRINT_DPI = 300
# Flat artwork has few colours; a photo has thousands. Photos are JPEG-encoded at this quality.
_FLAT_COLOURS = 4096
_JPEG_QUALITY = 88


def print_size(width_pt: float, height_pt: float, dpi: int = PRINT_DPI) -> tuple[int, int]:
    """Return the pixel size a picture drawn at width x height points needs in print."""
    return max(1, math.ceil(width_pt * dpi / 72)), max(1, math.ceil(height_pt * dpi / 72))


def image_reader(data: bytes, width_pt: float, height_pt: float, *, matte: str) -> Any:
    """Return a reportlab ImageReader for a picture drawn at width x height points.

    Raise ValueError when the bytes are not an image Pillow can read.
    """
    # Sizes are rounded up to 16 px so that pictures drawn at nearly the same size share one copy.
    width_px, height_px = print_size(width_pt, height_pt)
    width_px, height_px = -(-width_px // 16) * 16, -(-height_px // 16) * 16
    return _reader(data, width_px, height_px, colors.parse_color(matte))


@functools.lru_cache(maxsize=128)
def _reader(data: bytes, width_px: int, height_px: int, matte: str) -> Any:
    from reportlab.lib.utils import ImageReader

    encoded, image = _prepare(data, width_px, height_px, matte)
    return ImageReader(io.BytesIO(encoded)) if encoded is not None else ImageReader(image)


def _prepare(data: bytes, width_px: int, height_px: int, matte: str) -> tuple[bytes | None, Any]:
    """Return (JPEG bytes, None) for a photo or (None, an RGB or L image) for flat artwork."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    image: Any
    try:
        image = Image.open(io.BytesIO(data))
        source_format = image.format
        if source_format == "JPEG":
            # Let libjpeg decode at 1/2, 1/4 or 1/8 scale: a huge photo never exists in full.
            image.draft("RGB", (width_px, height_px))
        image.load()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ValueError(f"cannot read the picture: {error}") from None
    image = ImageOps.exif_transpose(image)
    fits = image.width <= width_px and image.height <= height_px
    if source_format == "JPEG" and fits and image.mode in ("RGB", "L") and not _rotated(data):
        return data, None  # already small enough: embed the original JPEG untouched
    image = _flatten(image, matte)
    if not fits:
        image.thumbnail((width_px, height_px), Image.Resampling.LANCZOS)
    if source_format == "JPEG" or image.getcolors(_FLAT_COLOURS) is None:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=_JPEG_QUALITY, optimize=False, progressive=False)
        return out.getvalue(), None
    return None, image


def _rotated(data: bytes) -> bool:
    """Return True when a JPEG carries an EXIF orientation other than upright."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get(0x0112, 1) != 1)


def _flatten(image: Any, matte: str) -> Any:
    """Return the image as RGB (or L), transparency composited onto the matte colour."""
    from PIL import Image

    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "RGB" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (*colors.to_rgb255(matte), 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode in ("RGB", "L"):
        return image
    return image.convert("RGB")  # CMYK, I;16, 1 ...
