"""Hostile pictures and Photo paths: a warning naming the persona's sheet and cell, never a crash or silence.

A placed picture that cannot be used is skipped and the persona is built without a photo; a Photo
path that loops, is too long for the file system or names a pipe is reported the same way.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from openpyxl.drawing.image import Image as SheetImage

from mapgen.readers import limits, read_workbook
from tests.hostile.packages import STEP, mapgen, patch
from tests.support.workbooks import add_row_persona, new_book, png, save


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width: int, height: int) -> bytes:
    """Return a PNG that says it is width x height (its pixels never written): 900 MP in 60 bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0"))
        + _chunk(b"IEND", b"")
    )


def truncated_jpeg() -> bytes:
    """Return the first half of a real JPEG."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 200, 30)).save(out, format="JPEG")
    return out.getvalue()[: len(out.getvalue()) // 2]


# An EMF header record whose sizes lie, a WMF placeable header with nothing after it, an SVG.
MALFORMED_EMF = struct.pack("<II", 1, 108) + b"\xff" * 32 + b" EMF" + b"\x00" * 20
WMF = b"\xd7\xcd\xc6\x9a" + b"\x00" * 18
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def placed(path: Path, data: bytes, name: str) -> Path:
    """Save a persona with a picture placed at C1, then swap the picture's bytes and part name."""
    book = new_book()
    sheet = add_row_persona(book, "P", [STEP], profile=[("Name", "Ana")])
    sheet.add_image(SheetImage(io.BytesIO(png())), "C1")
    save(book, path)
    target = f"xl/media/{name}"

    def relink(rels: bytes) -> bytes:
        return re.sub(rb'Target="/xl/media/image1\.png"', f'Target="/{target}"'.encode(), rels)

    return patch(
        path, {"xl/media/image1.png": None, target: data, "xl/drawings/_rels/drawing1.xml.rels": relink}
    )


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (huge_png(30_000, 30_000), "image1.png", "is too large to open safely (over 40 MP)"),
        (huge_png(8_000, 8_000), "image1.png", "is 8000 x 8000 pixels (64 MP), over the limit of 40 MP"),
        (truncated_jpeg(), "image1.jpeg", "is damaged or not an image mapgen can read"),
        (MALFORMED_EMF, "image1.emf", "is an EMF drawing, which mapgen cannot draw"),
        (WMF, "image1.wmf", "is a WMF drawing, which mapgen cannot draw"),
        (SVG, "image1.svg", "is an SVG drawing, which mapgen cannot draw"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image1.png", "is damaged or not an image mapgen can read"),
    ],
    ids=["30000x30000 PNG", "64 MP PNG", "truncated JPEG", "malformed EMF", "WMF", "SVG", "broken PNG"],
)
def test_an_unusable_placed_picture_is_a_warning_and_the_persona_is_built(
    tmp_path: Path, data: bytes, name: str, says: str
) -> None:
    """openpyxl crashed on the first and dropped the others without a word; now each is named and skipped."""
    path = placed(tmp_path / "pictures.xlsx", data, name)
    journeys = read_workbook(path)
    assert journeys.personas[0].photo is None
    (problem,) = journeys.problems
    assert (problem.severity, problem.sheet, problem.cell) == ("warning", "P", "C1")
    assert says in problem.message and problem.message.endswith("the persona is shown without a photo")
    run = mapgen("build", path, "--out", tmp_path / "out", "--format", "png", "--jobs", "1")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err and (tmp_path / "out" / "ana.png").is_file()
    assert run.peak_mb < 1024


def test_a_placed_picture_over_the_byte_limit_is_never_read(tmp_path: Path) -> None:
    """The size is taken from the package's directory, so a huge picture is skipped unread."""
    path = placed(tmp_path / "big.xlsx", b"\0" * (limits.MAX_PHOTO_BYTES + 1), "image1.png")
    (problem,) = read_workbook(path).problems
    assert (problem.sheet, problem.cell) == ("P", "C1") and "is over 20 MB" in problem.message


def photo_field(tmp_path: Path, value: str) -> str:
    """Read a persona whose Photo field is value; return the one problem's location and message."""
    book = new_book()
    add_row_persona(book, "P", [STEP], profile=[("Name", "Ana"), ("Photo", value)])
    journeys = read_workbook(save(book, tmp_path / "journeys.xlsx"))
    assert journeys.personas[0].photo is None
    (problem,) = journeys.problems
    return f"{problem.sheet}!{problem.cell}: {problem.severity}: {problem.message}"


def test_a_photo_path_in_a_link_loop_is_a_warning(tmp_path: Path) -> None:
    """ELOOP (and Python's 'Symlink loop') becomes a warning naming the cell."""
    (tmp_path / "a.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "b.png").symlink_to(tmp_path / "a.png")
    said = photo_field(tmp_path, "a.png")
    assert (
        said.startswith('P!B2: warning: photo path "a.png" cannot be opened')
        and "give a plain file name" in said
    )


def test_a_photo_name_too_long_for_the_file_system_is_a_warning(tmp_path: Path) -> None:
    """ENAMETOOLONG (a 300-character file name) becomes a warning naming the cell."""
    said = photo_field(tmp_path, "p" * 300 + ".png")
    assert said.startswith("P!B2: warning: photo path ") and "File name too long" in said


def test_a_photo_path_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    """A path longer than any real one is refused before the file system sees it."""
    said = photo_field(tmp_path, "d/" * 400 + "p.png")
    assert said.startswith(
        f"P!B2: warning: the photo path has 805 characters, over mapgen's limit of "
        f"{limits.MAX_PHOTO_PATH_CHARS}"
    )


def test_a_photo_path_naming_a_fifo_never_blocks(tmp_path: Path) -> None:
    """A FIFO named as the photo would block the read: it is reported as not a picture file."""
    os.mkfifo(tmp_path / "ana.png")
    said = photo_field(tmp_path, "ana.png")
    assert said == (
        'P!B2: warning: photo path "ana.png" is not a regular file (a folder, a device or a pipe); put the '
        "file in the workbook's folder (or a folder inside it) and give the path from there, or place the "
        "picture in the sheet"
    )
