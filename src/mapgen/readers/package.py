"""Look inside an .xlsx package before loading it: sheet parts, row counts, formulas without a result.

openpyxl with data_only=True turns a formula that was never calculated into a blank cell, and it
loads every row into memory. This light scan of the zip's XML finds both cases first: the rows
are counted to refuse a sheet too big to load, and formula cells without a cached value are
named so the user knows why a cell reads as blank.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from defusedxml import ElementTree

__all__ = ["PackageScan", "SheetPart", "TooBig", "scan_package", "workbook_part"]

_CHUNK = 1 << 20
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_REL_OFFICE = "officeDocument"
_STRING_TYPES = frozenset({"str", "inlineStr"})


@dataclass(frozen=True)
class SheetPart:
    """One worksheet of the package: its name, zip member and number of row elements."""

    name: str
    part: str
    rows: int
    has_formulas: bool


@dataclass
class PackageScan:
    """What the scan found: the sheets and, by sheet name, formula cells with no cached value."""

    sheets: list[SheetPart] = field(default_factory=list)
    uncached: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # sheet -> (cell, formula)


class TooBig(Exception):
    """A sheet has more rows than mapgen loads."""

    def __init__(self, sheet: str, rows: int) -> None:
        super().__init__(sheet, rows)
        self.sheet = sheet
        self.rows = rows


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element: Any, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return str(value)
    return None


def _relationships(archive: zipfile.ZipFile, rels_part: str) -> dict[str, tuple[str, str]]:
    """Return Id -> (type's last word, target) of a relationships part ({} when absent)."""
    try:
        root = ElementTree.fromstring(archive.read(rels_part))
    except KeyError:
        return {}
    out = {}
    for rel in root:
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        out[rel.get("Id") or ""] = (kind, rel.get("Target") or "")
    return out


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def workbook_part(archive: zipfile.ZipFile) -> str | None:
    """Return the zip member of the workbook part, or None when the package is not a workbook."""
    for kind, target in _relationships(archive, "_rels/.rels").values():
        if kind == _REL_OFFICE:
            part = _resolve("", target)
            names = set(archive.namelist())
            return part if part in names and part.endswith(".xml") and "workbook" in part else None
    return "xl/workbook.xml" if "xl/workbook.xml" in archive.namelist() else None


def _count(stream: IO[bytes]) -> tuple[int, bool]:
    """Return the number of row elements of a sheet part and whether it holds any formula."""
    rows = 0
    formulas = False
    rest = b""
    while chunk := stream.read(_CHUNK):
        data = rest + chunk
        cut = data.rfind(b"<")  # a tag may straddle two chunks: keep the last one for the next
        body, rest = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
        rows += len(_ROW.findall(body))
        formulas = formulas or _FORMULA.search(body) is not None
    rows += len(_ROW.findall(rest))
    formulas = formulas or _FORMULA.search(rest) is not None
    return rows, formulas


def _uncached(stream: IO[bytes]) -> list[tuple[str, str]]:
    """Return (cell, formula) of every formula cell with no cached value."""
    found: list[tuple[str, str]] = []
    for _event, element in ElementTree.iterparse(stream, events=("end",)):
        tag = _local(element.tag)
        if tag == "c":
            formula = value = None
            for child in element:
                name = _local(child.tag)
                if name == "f":
                    formula = child
                elif name in ("v", "is") and value is None:
                    value = child
            # openpyxl writes an empty <v/> for a formula it cannot calculate; an empty cached
            # string is only a result when the cell is typed as one.
            empty = value is None or (
                not (value.text or "").strip() and element.get("t") not in _STRING_TYPES
            )
            if formula is not None and empty:
                found.append((element.get("r") or "", (formula.text or "").strip()))
            element.clear()
        elif tag == "row":
            element.clear()
    return found


def scan_package(archive: zipfile.ZipFile, workbook: str, max_rows: int) -> PackageScan:
    """Scan a workbook package; raise TooBig for a sheet with more than max_rows rows."""
    scan = PackageScan()
    root = ElementTree.fromstring(archive.read(workbook))
    folder, name = posixpath.split(workbook)
    rels = _relationships(archive, posixpath.join(folder, "_rels", f"{name}.rels"))
    members = set(archive.namelist())
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        name = element.get("name") or ""
        kind, target = rels.get(_attribute(element, "id") or "", ("", ""))
        part = _resolve(workbook, target) if target else ""
        if kind != "worksheet" or part not in members:
            continue  # chart sheets and dialog sheets hold no cells
        with archive.open(part) as stream:
            rows, formulas = _count(stream)
        if rows > max_rows:
            raise TooBig(name, rows)
        scan.sheets.append(SheetPart(name, part, rows, formulas))
    for sheet in scan.sheets:
        if sheet.has_formulas:
            with archive.open(sheet.part) as stream:
                missing = _uncached(stream)
            if missing:
                scan.uncached[sheet.name] = missing
    return scan
