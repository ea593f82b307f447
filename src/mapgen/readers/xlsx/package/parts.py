"""The package's map: which part is the workbook, which part each sheet is, what a sheet links to."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from mapgen.readers.xlsx.package.xml import attribute, parse_part

__all__ = ["SheetEntry", "relationships", "sheet_entries", "workbook_part"]

_REL_OFFICE = "officeDocument"


@dataclass(frozen=True)
class SheetEntry:
    """A sheet listed in workbook.xml: its name, kind and part, or why the part cannot be read."""

    name: str
    kind: str  # the relationship type's last word: worksheet, chartsheet, dialogsheet...
    part: str
    hidden: bool
    missing: str = ""  # why the part is not there, when it is not


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str, bool]]:
    """Return Id -> (type's last word, resolved target, external) of a part's relationships."""
    rels_part = _rels_part(part)
    if rels_part not in archive.NameToInfo:
        return {}
    out: dict[str, tuple[str, str, bool]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship":
            kind = attrs.get("Type", "").rsplit("/", 1)[-1]
            target = attrs.get("Target", "")
            external = attrs.get("TargetMode", "") == "External"
            out[attrs.get("Id", "")] = (kind, target if external else _resolve(part, target), external)

    parse_part(archive, rels_part, start)
    return out


def workbook_part(archive: zipfile.ZipFile) -> str | None:
    """Return the zip member of the workbook part, or None when the package is not a workbook."""
    for kind, part, external in relationships(archive, "").values():
        if kind == _REL_OFFICE:
            usable = not external and part in archive.NameToInfo and part.endswith(".xml")
            return part if usable and "workbook" in part else None
    return "xl/workbook.xml" if "xl/workbook.xml" in archive.NameToInfo else None


def sheet_entries(archive: zipfile.ZipFile, workbook: str) -> list[SheetEntry]:
    """Return every sheet workbook.xml lists, in order, each with its part or why it has none."""
    rels = relationships(archive, workbook)
    listed: list[tuple[str, str, bool]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet":
            hidden = attrs.get("state", "visible") != "visible"
            listed.append((attrs.get("name", ""), attribute(attrs, "id"), hidden))

    parse_part(archive, workbook, start)
    entries = []
    for name, rel_id, hidden in listed:
        kind, part, external = rels.get(rel_id, ("", "", False))
        missing = ""
        if not kind:
            missing = "workbook.xml lists it but does not say which part holds it"
        elif external or part.startswith("../") or part == "..":
            missing = f'it points outside the workbook file (to "{part}")'
        elif part not in archive.NameToInfo:
            missing = f"its part {part} is missing from the file"
        entries.append(SheetEntry(name, kind, part, hidden, missing))
    return entries
