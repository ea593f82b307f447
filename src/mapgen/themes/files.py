"""Read the files a theme names besides fonts (the logo, the deck template) and check each is usable."""

from __future__ import annotations

import stat
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from mapgen.limits import MAX_PICTURE_PIXELS, MAX_TEMPLATE_BYTES, MAX_TEMPLATE_UNPACKED_BYTES
from mapgen.paths import Refused, inside
from mapgen.themes.values import Reader, string_value


def optional_file(r: Reader, key: str, check: Callable[[Path], str | None]) -> Path | None:
    """Return the resolved file a key names, or None when it names none or check rejects it."""
    raw = r.get(key, string_value, "").strip()
    if not raw:
        return None
    try:
        path = inside(raw, r.path_of(key), "file", "the theme's folder")
    except Refused as error:
        r.problems.error(key, str(error))
        return None
    message = check(path)
    if message is not None:
        r.problems.error(key, f"{path}: {message}")
        return None
    return path.resolve()


def check_image(path: Path) -> str | None:
    """Return why a logo cannot be used, or None for a PNG or JPEG file."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        return "the logo must be a PNG or JPEG image (all three renderers embed those)"
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns of a decompression bomb past its own limit; ours below is lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:  # reads the header only: the size, not the pixels
                width, height = image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        return f"cannot be read as an image ({error})"
    if width * height > MAX_PICTURE_PIXELS:
        return (
            f"the logo is {width} x {height} pixels, over mapgen's limit of "
            f"{MAX_PICTURE_PIXELS // 1_000_000} megapixels; save a smaller copy (1000 pixels wide is plenty)"
        )
    return None


def check_template(path: Path) -> str | None:
    """Return why a deck template cannot be used, or None for a bounded .pptx or .potx package."""
    try:
        info = path.stat()
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file; give a .pptx or .potx file"
    if path.suffix.lower() not in (".pptx", ".potx"):
        return "a deck template must be a .pptx or .potx file"
    if info.st_size > MAX_TEMPLATE_BYTES:
        return (
            f"{info.st_size / 2**20:.0f} MB, over mapgen's limit of {MAX_TEMPLATE_BYTES // 2**20} MB "
            "for a deck template; remove its slides and large pictures"
        )
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (OSError, zipfile.BadZipFile):
        return "not a PowerPoint file (not a zip archive)"
    names = {m.filename for m in members}
    if "ppt/presentation.xml" not in names:
        return "not a PowerPoint file (it has no ppt/presentation.xml: an Excel or Word file renamed?)"
    if "[Content_Types].xml" not in names:
        # python-pptx would stop on it with a bare KeyError: say it here, in words.
        return "not a PowerPoint file (it has no [Content_Types].xml); save it again from PowerPoint"
    if sum(m.file_size for m in members) > MAX_TEMPLATE_UNPACKED_BYTES:
        return (
            f"it unpacks to over {MAX_TEMPLATE_UNPACKED_BYTES // 2**20} MB, mapgen's limit for a deck "
            "template; remove its slides and large pictures"
        )
    return None
