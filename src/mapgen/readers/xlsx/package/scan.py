"""Scan a whole package: every sheet against the limits, before openpyxl is let near it."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from mapgen.readers.limits import MAX_CELL_CHARS, MAX_CELLS, MAX_EXCEL_CHARS, MAX_PART_ELEMENTS
from mapgen.readers.problems import Problems
from mapgen.readers.xlsx.package.parts import SheetEntry, relationships, sheet_entries
from mapgen.readers.xlsx.package.pictures import Picture, placed_pictures
from mapgen.readers.xlsx.package.refs import area
from mapgen.readers.xlsx.package.sheet import Budget, SheetFacts, scan_sheet
from mapgen.readers.xlsx.package.strings import StringFacts, count_cell_formats, scan_strings
from mapgen.readers.xlsx.package.xml import parse_part

__all__ = ["PackageScan", "Picture", "scan_package"]

_CHUNK = 1 << 20
_START_TAG = re.compile(rb"<[A-Za-z_]")
_A1 = re.compile(r"^[A-Z]{1,3}\d+$")
_SHOWN = 20  # problems of one kind named per sheet; the rest are counted
_BROKEN = (
    "the XML is not well formed here, most often because of a control character pasted from "
    "another program; retype the cell's text in Excel and save again"
)
_SHORTEN = f"shorten it to {MAX_CELL_CHARS:,} characters or fewer"


@dataclass
class PackageScan:
    """What the scan found: the sheets, formula cells with no saved result, placed pictures."""

    sheets: list[SheetEntry] = field(default_factory=list)
    uncached: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # sheet -> (cell, formula)
    pictures: dict[str, list[Picture]] = field(default_factory=dict)  # sheet -> top-left first
    loadable: bool = True  # False when loading the package would break a limit


class _Scan:
    def __init__(self, archive: zipfile.ZipFile, problems: Problems, max_rows: int) -> None:
        self.archive = archive
        self.problems = problems
        self.max_rows = max_rows
        self.result = PackageScan()

    def refuse(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.problems.error(message, sheet, cell)
        self.result.loadable = False

    def refuse_each(self, items: Sequence[tuple[str, str]], sheet: str) -> None:
        """Refuse (cell, message) pairs, naming the first few and counting the rest."""
        for cell, message in items[:_SHOWN]:
            self.refuse(message, sheet, cell if _A1.match(cell) else None)
        if len(items) > _SHOWN:
            self.refuse(f"and {len(items) - _SHOWN:,} more cells like these", sheet)

    def big_parts(self, worksheets: set[str], strings: str) -> None:
        """Refuse parts openpyxl parses whole when they hold too many elements."""
        for info in self.archive.infolist():
            name = info.filename
            if name in worksheets or name == strings or not name.endswith((".xml", ".rels", ".vml")):
                continue
            if name.rsplit("/", 1)[-1].startswith("calcChain"):
                continue  # one element per formula, bounded by the cells; openpyxl never reads it
            count = 0
            with self.archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    count += len(_START_TAG.findall(chunk))
            if count > MAX_PART_ELEMENTS:
                self.refuse(
                    f"the part {name} holds {count:,} XML elements, over mapgen's limit of "
                    f"{MAX_PART_ELEMENTS:,}; remove unused cell styles, shapes or comments, or save the "
                    "workbook again from Excel"
                )

    def sheet(self, entry: SheetEntry, budget: Budget, styles: int, strings: StringFacts) -> SheetFacts:
        wanted = frozenset(strings.long) | ({strings.broken} if strings.broken is not None else set())
        facts = scan_sheet(
            self.archive, entry.part, budget, styles=styles, max_chars=MAX_EXCEL_CHARS, wanted=wanted
        )
        name = entry.name
        if facts.rows > self.max_rows:
            self.refuse(
                f'sheet "{name}" has {facts.rows:,} rows, over mapgen\'s limit of {self.max_rows:,}; '
                "delete the unused rows at its bottom and save again"
            )
        for what, ref, cells in facts.ranges:
            if cells > MAX_CELLS:
                self.refuse(
                    f"the {what} {ref} covers {cells:,} cells, over mapgen's limit of {MAX_CELLS:,} for "
                    f"the whole workbook; {'unmerge it' if what == 'merged range' else 'remove the link'} "
                    "and apply it only to the cells that need it",
                    name,
                    ref,
                )
        if facts.over_budget:
            self.refuse(
                f"the workbook holds more than {MAX_CELLS:,} cells (written or formatted cells, and the "
                "cells of merged, linked or commented ranges) by this sheet; clear the formatting of "
                "unused rows and columns (select them, Home > Clear > Clear All), unmerge large ranges "
                "and save again",
                name,
            )
        long = list(facts.long_text)
        for index, where in facts.shared.items():
            if index in strings.long:
                long += [(cell, strings.long[index]) for cell in where]
        self.refuse_each([(cell, _too_long(n)) for cell, n in long], name)
        broken = facts.shared.get(strings.broken, []) if strings.broken is not None else []
        if facts.broken_at:
            broken = [*broken, facts.broken_at]
        elif facts.broken_at is not None:
            self.refuse(f"the sheet's XML: {_BROKEN}", name)
        self.refuse_each([(cell, _BROKEN) for cell in broken], name)
        self.refuse_each([(where, _bad_style(where, n, styles)) for where, n in facts.bad_styles], name)
        return facts

    def comments(self, entry: SheetEntry, budget: Budget) -> bool:
        """Count the cells comment references make; return False once the budget is spent."""
        for kind, part, external in relationships(self.archive, entry.part).values():
            if kind != "comments" or external or part not in self.archive.NameToInfo:
                continue
            for ref in _comment_refs(self.archive, part):
                cells = area(ref)
                if not budget.spend(cells):
                    self.refuse(
                        f"the comment on {ref} covers {cells:,} cells, over what mapgen loads; put the "
                        "comment on one cell and save again",
                        entry.name,
                        ref,
                    )
                    return False
        return True


def _comment_refs(archive: zipfile.ZipFile, part: str) -> list[str]:
    refs: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "comment":
            refs.append(attrs.get("ref", ""))

    parse_part(archive, part, start)
    return refs


def _too_long(chars: int) -> str:
    return (
        f"the cell holds {chars:,} characters, over Excel's own limit of {MAX_EXCEL_CHARS:,} (the file "
        f"was not saved by Excel); {_SHORTEN}"
    )


def _bad_style(where: str, number: int, styles: int) -> str:
    what = "the cell uses" if where[:1].isalpha() and " " not in where else f"{where} use"
    return (
        f"{what} style number {number}, which the workbook does not define (it defines {styles}); clear "
        "the formatting (Home > Clear > Clear Formats) and save again from Excel"
    )


# Where openpyxl looks: the style sheet at a fixed name, the shared strings by content type.
_STYLES = "xl/styles.xml"
_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _strings_part(archive: zipfile.ZipFile) -> str:
    found: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "Override" and attrs.get("ContentType") == _STRINGS_TYPE:
            found.append(attrs.get("PartName", "").lstrip("/"))

    if "[Content_Types].xml" in archive.NameToInfo:
        parse_part(archive, "[Content_Types].xml", start)
    return next((part for part in found if part in archive.NameToInfo), "")


def scan_package(archive: zipfile.ZipFile, workbook: str, problems: Problems, max_rows: int) -> PackageScan:
    """Scan a workbook package into problems; the result says whether openpyxl may load it."""
    scan = _Scan(archive, problems, max_rows)
    entries = sheet_entries(archive, workbook)
    scan.result.sheets = entries
    for entry in entries:
        if entry.missing:
            problems.error(
                f'sheet "{entry.name}" cannot be read: {entry.missing}; the file is damaged, save it '
                "again from Excel",
                entry.name,
            )
    worksheets = [e for e in entries if e.kind == "worksheet" and not e.missing]
    styles_part = _STYLES if _STYLES in archive.NameToInfo else ""
    strings_part = _strings_part(archive)
    scan.big_parts({e.part for e in worksheets}, strings_part)
    if not scan.result.loadable:
        return scan.result
    # openpyxl gives a workbook without a style sheet one default format.
    styles = count_cell_formats(archive, styles_part) if styles_part else 1
    strings = StringFacts()
    if strings_part:
        strings = scan_strings(archive, strings_part, MAX_CELLS, MAX_EXCEL_CHARS)
        if strings.too_many:
            scan.refuse(
                f"the workbook's shared string table holds more than {MAX_CELLS:,} texts, over mapgen's "
                "limit; save the workbook again from Excel, which drops the unused ones"
            )
            return scan.result
    budget = Budget(MAX_CELLS)
    named: set[int] = set()
    for entry in worksheets:
        facts = scan.sheet(entry, budget, styles, strings)
        named.update(facts.shared)
        if facts.uncached:
            scan.result.uncached[entry.name] = facts.uncached
        if facts.over_budget or not scan.comments(entry, budget):
            return scan.result
        scan.result.pictures[entry.name] = placed_pictures(archive, entry.part)
    for index in sorted(set(strings.long) - named):
        scan.refuse(
            f"the workbook's shared strings hold a text of {strings.long[index]:,} characters that no "
            f"cell shows, over Excel's own limit of {MAX_EXCEL_CHARS:,}; save the workbook again from Excel"
        )
    if strings.broken is not None and strings.broken not in named:
        scan.refuse(f"the workbook's shared strings: {_BROKEN}")
    return scan.result
