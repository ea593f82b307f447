"""The pictures placed in each sheet: where they are anchored and which part holds their bytes."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from mapgen.readers.xlsx.package.parts import relationships
from mapgen.readers.xlsx.package.xml import attribute, parse_part

__all__ = ["Picture", "placed_pictures"]

_ANCHORS = frozenset({"twoCellAnchor", "oneCellAnchor", "absoluteAnchor"})


@dataclass(frozen=True)
class Picture:
    """A picture placed in a sheet: its top-left cell (0-based, as DrawingML counts) and its part."""

    row: int
    column: int
    part: str  # the zip member, or "" when the drawing names no picture part in the package
    size: int  # bytes once unpacked


def _anchors(archive: zipfile.ZipFile, drawing: str) -> list[tuple[int, int, str]]:
    """Return (row, column, relationship id) of every picture of a drawing part."""
    found: list[tuple[int, int, str]] = []
    state: dict[str, object] = {"anchor": False, "from": False, "field": "", "row": 0, "col": 0}
    text: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag in _ANCHORS:
            state.update(anchor=True, row=0, col=0)
        elif tag == "from":
            state["from"] = True
        elif state["from"] and tag in ("row", "col"):
            state["field"] = tag
            text.clear()
        elif tag == "blip" and state["anchor"]:
            found.append((int(str(state["row"])), int(str(state["col"])), attribute(attrs, "embed")))

    def end(tag: str) -> None:
        if tag in _ANCHORS:
            state["anchor"] = False
        elif tag == "from":
            state["from"] = False
        elif tag == state["field"]:
            value = "".join(text).strip()
            state[tag] = int(value) if value.isdigit() and len(value) < 8 else 0
            state["field"] = ""

    def chars(data: str) -> None:
        if state["field"] and len(text) < 4:
            text.append(data)

    parse_part(archive, drawing, start, end, chars)
    return found


def placed_pictures(archive: zipfile.ZipFile, sheet_part: str) -> list[Picture]:
    """Return the pictures placed in a worksheet, top-left first."""
    pictures: list[Picture] = []
    for kind, drawing, external in relationships(archive, sheet_part).values():
        if kind != "drawing" or external or drawing not in archive.NameToInfo:
            continue
        media = relationships(archive, drawing)
        for row, column, rel_id in _anchors(archive, drawing):
            _kind, part, outside = media.get(rel_id, ("", "", True))
            info = None if outside else archive.NameToInfo.get(part)
            pictures.append(Picture(row, column, part if info else "", info.file_size if info else 0))
    return sorted(pictures, key=lambda p: (p.row, p.column))
