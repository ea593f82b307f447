"""Decide what each sheet is: Project, Stages, Columns, metrics, opportunities, a persona, or skipped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from mapgen.readers.headers import normalise, split_hint

__all__ = ["SheetRole", "classify", "is_blueprint"]

_PROJECT_NAMES = frozenset(
    normalise(n) for n in ("Project", "About", "Cover", "Project info", "Project details", "Front matter")
)
_STAGES_NAMES = frozenset(normalise(n) for n in ("Stages", "Phases", "Journey stages", "Stage order"))
# Figures per stage from analytics or surveys, kept for the data work that follows; never a persona.
_METRICS_NAMES = frozenset(
    normalise(n)
    for n in (
        "Metrics",
        "Stage metrics",
        "Journey metrics",
        "KPIs by stage",
        "Stage KPIs",
        "Measures",
        "Data",
        "Stage data",
        "Analytics",
    )
)
# An action plan: an opportunity per row with its owner, priority and status; never a persona.
_OPPORTUNITIES_NAMES = frozenset(
    normalise(n)
    for n in (
        "Opportunities",
        "Opportunity",
        "Action plan",
        "Actions",
        "Backlog",
        "Initiatives",
        "Ideas",
        "Recommendations",
        "Next steps",
        "Roadmap",
        "Improvements",
    )
)
# The lanes of a service blueprint (Shostack; NN/g): the organisation's side of the journey.
# They stay extra lanes of the steps; two of them make a sheet a blueprint.
_BLUEPRINT_LANES = frozenset(
    normalise(n)
    for n in (
        "Frontstage",
        "Front stage",
        "Frontstage actions",
        "Frontstage interactions",
        "Onstage",
        "Onstage actions",
        "Employee actions",
        "Staff actions",
        "Backstage",
        "Back stage",
        "Backstage actions",
        "Backstage interactions",
        "Support processes",
        "Support process",
        "Supporting processes",
        "Support",
        "Systems",
        "System",
        "IT systems",
        "Technology",
        "Line of interaction",
        "Line of visibility",
        "Line of internal interaction",
        "Physical evidence",
        "Props",
    )
)
# The workbook's own header names: a header, then the step field it holds (readers/sheets/columns.py).
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

Kind = Literal["project", "stages", "columns", "metrics", "opportunities", "persona", "skipped"]


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
    if key in _METRICS_NAMES:
        return SheetRole(name, "metrics")
    if key in _OPPORTUNITIES_NAMES:
        return SheetRole(name, "opportunities")
    return SheetRole(name, "persona")


def _first(name: str, kind: Kind, seen: set[Kind]) -> SheetRole:
    if kind in seen:
        return SheetRole(name, "skipped", f"a second {kind} sheet; only the first is read")
    seen.add(kind)
    return SheetRole(name, kind)


def is_blueprint(sheet: str, lanes: Iterable[str]) -> bool:
    """Return True for a service blueprint: a sheet named so, or with two blueprint lanes or more."""
    if "blueprint" in normalise(sheet):
        return True
    return sum(1 for lane in lanes if normalise(split_hint(lane)[0]) in _BLUEPRINT_LANES) >= 2


def classify(book: Any) -> list[SheetRole]:
    """Return every sheet's role, in workbook order."""
    seen: set[Kind] = set()
    return [_role(sheet, seen) for sheet in book._sheets]
