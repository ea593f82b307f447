"""Scan one worksheet part: rows, cells, ranges openpyxl expands, style numbers, text per cell."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from mapgen.readers.xlsx.package.refs import area
from mapgen.readers.xlsx.package.xml import Stop, parse_part

__all__ = ["Budget", "SheetFacts", "scan_sheet"]

# A cached string result is only a result when the cell is typed as one.
_STRING_TYPES = frozenset({"str", "inlineStr"})
_TEXT_TAGS = frozenset({"v", "t"})


@dataclass
class Budget:
    """The cells openpyxl would make, counted across the workbook, against the limit."""

    limit: int
    used: int = 0

    def spend(self, cells: int) -> bool:
        """Count cells; return False once the limit is passed."""
        self.used += cells
        return self.used <= self.limit


@dataclass
class SheetFacts:
    """What the scan of one sheet found."""

    rows: int = 0
    cells: int = 0  # cell elements
    over_budget: bool = False  # the workbook's cell limit was passed in this sheet
    ranges: list[tuple[str, str, int]] = field(default_factory=list)  # (what, ref, cells) expanded
    uncached: list[tuple[str, str]] = field(default_factory=list)  # (cell, formula) with no result
    long_text: list[tuple[str, int]] = field(default_factory=list)  # (cell, characters)
    shared: dict[int, list[str]] = field(default_factory=dict)  # string index -> cells, when asked
    bad_styles: list[tuple[str, int]] = field(default_factory=list)  # (cell or row, style number)
    broken_at: str | None = None  # the cell being read when the XML turned out not well formed


class _Reader:
    """expat handlers for a worksheet; state of the cell being read."""

    def __init__(self, budget: Budget, styles: int, max_chars: int, wanted: frozenset[int]) -> None:
        self.facts = SheetFacts()
        self.budget = budget
        self.styles = styles
        self.max_chars = max_chars
        self.wanted = wanted  # shared string indexes whose cells are to be named
        self.cell = ""
        self.type = ""
        self.formula: list[str] | None = None
        self.value: list[str] = []  # the <v> text, kept only while short
        self.has_value = False
        self.nonblank = False
        self.chars = 0
        self.in_text = False
        self.in_formula = False
        self.row = 0
        self.column = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if ":" in tag:
            tag = tag[tag.find(":") + 1 :]
        if tag == "c":
            self._start_cell(attrs)
        elif tag in _TEXT_TAGS:
            self.in_text = True
            self.has_value = True
        elif tag == "is":
            self.has_value = True
        elif tag == "f":
            self.in_formula = True
            self.formula = []
        elif tag == "row":
            self.facts.rows += 1
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.column = 0
            self._check_style(attrs.get("s"), f"row {self.row}")
        elif tag == "col":
            self._check_style(attrs.get("style"), f"columns {attrs.get('min', '?')}-{attrs.get('max', '?')}")
        elif tag in ("mergeCell", "hyperlink"):
            ref = attrs.get("ref", "")
            self._expand("merged range" if tag == "mergeCell" else "hyperlink", ref, area(ref))

    def _start_cell(self, attrs: dict[str, str]) -> None:
        # Called for every cell of the workbook: kept to plain assignments.
        self.facts.cells += 1
        self.column += 1
        self.cell = attrs.get("r") or f"R{self.row}C{self.column}"
        self.type = attrs.get("t", "n")
        self.formula = None
        self.value = []
        self.has_value = self.nonblank = False
        self.chars = 0
        if "s" in attrs:
            self._check_style(attrs["s"], self.cell)
        budget = self.budget
        budget.used += 1
        if budget.used > budget.limit:
            self.facts.over_budget = True
            raise Stop

    def _check_style(self, number: str | None, where: str) -> None:
        if number is not None and number.isdigit() and int(number) >= self.styles:
            self.facts.bad_styles.append((where, int(number)))

    def _expand(self, what: str, ref: str, cells: int) -> None:
        self.facts.ranges.append((what, ref, cells))
        if not self.budget.spend(cells):
            self.facts.over_budget = True
            raise Stop

    def text(self, data: str) -> None:
        if self.in_formula and self.formula is not None:
            if sum(map(len, self.formula)) < 1000:
                self.formula.append(data)
        elif self.in_text:
            self.chars += len(data)
            self.nonblank = self.nonblank or not data.isspace()
            if len(self.value) < 4 and sum(map(len, self.value)) < 64:
                self.value.append(data)

    def end(self, tag: str) -> None:
        if ":" in tag:
            tag = tag[tag.find(":") + 1 :]
        if tag in _TEXT_TAGS:
            self.in_text = False
        elif tag == "f":
            self.in_formula = False
        elif tag == "c":
            self._end_cell()

    def _end_cell(self) -> None:
        value = "".join(self.value).strip()
        if self.chars > self.max_chars:
            self.facts.long_text.append((self.cell, self.chars))
        if self.type == "s" and value.isdigit() and int(value) in self.wanted:
            self.facts.shared.setdefault(int(value), []).append(self.cell)
        empty = not self.has_value or (not self.nonblank and self.type not in _STRING_TYPES)
        if self.formula is not None and empty:
            self.facts.uncached.append((self.cell, "".join(self.formula).strip()))
        self.cell = ""


def scan_sheet(
    archive: zipfile.ZipFile,
    part: str,
    budget: Budget,
    *,
    styles: int,
    max_chars: int,
    wanted: frozenset[int] = frozenset(),
) -> SheetFacts:
    """Return the facts of one worksheet part; stop early once the workbook's cell budget is spent.

    styles: how many cell formats the workbook defines; max_chars: the text a cell may hold;
    wanted: shared string indexes whose cells are to be listed in facts.shared.
    """
    from xml.parsers.expat import ExpatError

    reader = _Reader(budget, styles, max_chars, wanted)
    try:
        parse_part(archive, part, reader.start, reader.end, reader.text, prefixed=True)
    except ExpatError:
        reader.facts.broken_at = reader.cell or ""
    return reader.facts
