"""Decide what each sheet is: the Project, Stages or Columns sheet, a persona, or one to skip and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from mapgen.readers.headers import normalise

__all__ = ["SheetRole", "classify"]

_PROJECT_NAMES = frozenset(
    normalise(n) for n in ("Project", "About", "Cover", "Project info", "Project details", "Front matter")
)
_STAGES_NAMES = frozenset(normalise(n) for n in ("Stages", "Phases", "Journey stages", "Stage order"))
# The workbook's own header names: a header, then the step field it holds (readers/columns_sheet.py).
_COLUMNS_NAMES = frozenset(normalise(n) for n in ("Columns", "Column mapping", "Mapping", "Headers"))
# Sheets written for people, not for mapgen.
_NOTES_NAMES = {
    normalise(n): label
    for label, names in (
        ("instructions", ("Instructions", "Instruction", "How to", "How to use", "Help", "Guide")),
        ("readme", ("README", "Read me", "Readme first")),
        ("notes", ("Notes", "Note", "Changelog", "Change log", "Legend", "Glossary")),
        ("lookups", ("Lookups", "Lookup", "Lists", "Dropdowns", "Lookup lists", "Data validation")),
    )
    for n in names
}

Kind = Literal["project", "stages", "columns", "persona", "skipped"]


@dataclass(frozen=True)
class SheetRole:
    """A sheet's name, what it holds, and for a skipped sheet the reason."""

    name: str
    kind: Kind
    reason: str = ""


def _role(sheet: Any, seen: set[Kind]) -> SheetRole:
    name: str = sheet.title
    state = getattr(sheet, "sheet_state", "visible")
    if state == "veryHidden":
        return SheetRole(name, "skipped", "very hidden sheet")
    if state == "hidden":
        return SheetRole(name, "skipped", "hidden sheet")
    if not hasattr(sheet, "_cells"):
        return SheetRole(name, "skipped", "chart sheet")
    if name.startswith(("_", "#")):
        return SheetRole(name, "skipped", f'name starts with "{name[0]}"')
    key = normalise(name)
    if key in _NOTES_NAMES:
        return SheetRole(name, "skipped", f"{_NOTES_NAMES[key]} sheet, for people rather than mapgen")
    if key in _PROJECT_NAMES:
        return _first(name, "project", seen)
    if key in _STAGES_NAMES:
        return _first(name, "stages", seen)
    if key in _COLUMNS_NAMES:
        return _first(name, "columns", seen)
    return SheetRole(name, "persona")


def _first(name: str, kind: Kind, seen: set[Kind]) -> SheetRole:
    if kind in seen:
        return SheetRole(name, "skipped", f"a second {kind} sheet; only the first is read")
    seen.add(kind)
    return SheetRole(name, kind)


def classify(book: Any) -> list[SheetRole]:
    """Return every sheet's role, in workbook order."""
    seen: set[Kind] = set()
    return [_role(sheet, seen) for sheet in book._sheets]
