"""CSV files as sheets: one persona per file (or per value of a Persona column), a folder as a project.

A CSV is read as Excel would open it: its rows and columns are the sheet's, so its problems keep
A1 names. The delimiter is a comma, a semicolon (Excel where the decimal mark is a comma) or a tab.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from mapgen.model import Journeys
from mapgen.readers.formats.sheets import TextSheet, read_text_sheets, role_kind, unique_name
from mapgen.readers.formats.text import Text, fail
from mapgen.readers.grid import cell_name
from mapgen.readers.headers import ColumnMap, normalise
from mapgen.readers.limits import MAX_CELLS, MAX_EXCEL_CHARS, MAX_ROWS
from mapgen.readers.problems import Problems
from mapgen.readers.table import detect

__all__ = ["delimiter_of", "looks_like_csv", "read_csv"]

_DELIMITERS = (",", ";", "\t")
_SAMPLE_LINES = 50
# A column that names the persona of each row: the file holds several personas.
_PERSONA_HEADERS = frozenset(normalise(n) for n in ("Persona", "Persona name", "Customer", "Segment"))


def _field_counts(sample: str, delimiter: str) -> Counter[int]:
    rows = csv.reader(io.StringIO(sample), delimiter=delimiter)
    counts: Counter[int] = Counter()
    try:
        for row in rows:
            if any(cell.strip() for cell in row):
                counts[len(row)] += 1
    except csv.Error:
        pass
    return counts


def _consistency(sample: str, delimiter: str) -> tuple[int, int]:
    """Return how many sample rows share the commonest number of fields (when over one), and it."""
    counts = _field_counts(sample, delimiter)
    if not counts:
        return (0, 0)
    fields, rows = max(counts.items(), key=lambda item: (item[1], item[0]))
    return (rows, fields) if fields > 1 else (0, 0)


def delimiter_of(content: str, preferred: str | None = None) -> str | None:
    """Return the delimiter of CSV text (comma, semicolon or tab), or None when no column is split.

    csv.Sniffer decides, limited to the three; when it cannot, or its choice splits the rows less
    consistently than another, the delimiter that gives the most rows the same number of fields.
    """
    sample = "\n".join(content.splitlines()[:_SAMPLE_LINES])
    scores = {d: _consistency(sample, d) for d in _DELIMITERS}
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    best = max(_DELIMITERS, key=lambda d: (scores[d], d == preferred, d == sniffed))
    if sniffed is not None and scores[sniffed] == scores[best]:
        best = sniffed
    return best if scores[best][0] else None


def looks_like_csv(content: str) -> bool:
    """Return True when text splits into columns consistently, as a CSV does."""
    lines = [line for line in content.splitlines()[:_SAMPLE_LINES] if line.strip()]
    delimiter = delimiter_of(content)
    if delimiter is None or len(lines) < 2:
        return False
    rows, _ = _consistency("\n".join(lines), delimiter)
    return rows >= max(2, len(lines) // 2)


def _rows(text: Text, preferred: str | None) -> list[list[str]]:
    delimiter = delimiter_of(text.content, preferred) or (preferred or ",")
    reader = csv.reader(io.StringIO(text.content, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in reader:
            rows.append(row)
            cells += sum(1 for cell in row if cell)
            if len(rows) > MAX_ROWS or cells > MAX_CELLS:
                raise fail(
                    text.path,
                    f"the file has over {MAX_ROWS:,} rows or {MAX_CELLS:,} filled cells, more than any "
                    "journey; split it into one file per persona",
                )
            if any(len(cell) > MAX_EXCEL_CHARS for cell in row):
                raise fail(
                    text.path,
                    f"row {len(rows)} holds a cell of over {MAX_EXCEL_CHARS:,} characters, more than a "
                    "spreadsheet cell can; check the file's quotes (an unclosed quote joins many rows)",
                )
    except csv.Error as error:
        raise fail(
            text.path,
            f"the file cannot be read as CSV near line {reader.line_num} ({error}); check its quotes",
        ) from None
    return rows


def _persona_column(sheet: TextSheet, columns: ColumnMap | None) -> tuple[int, int] | None:
    """Return (header row, column) of a Persona column naming several personas, or None."""
    grid = sheet.grid()
    found = detect(grid, columns)
    if found is None:
        return None
    for column, text in grid.row(found.row):
        if normalise(text) in _PERSONA_HEADERS:
            values = {grid.get(r, column) for r in range(found.row + 1, grid.max_row + 1)} - {""}
            if len(values) > 1:
                return (found.row, column)
    return None


def _split(sheet: TextSheet, at: tuple[int, int], taken: set[str], problems: Problems) -> list[TextSheet]:
    """Return a sheet per value of the persona column; every row keeps its A1 place."""
    header, column = at
    names: dict[str, TextSheet] = {}
    shared = [(r, cells) for r, cells in sheet.rows if r < header and any(c.strip() for c in cells)]
    if shared:
        problems.warning(
            "the lines above the table are not read when a file holds several personas (a Persona "
            "column); give each persona its own file to give it a profile",
            sheet.name,
            cell_name(shared[0][0], 1),
        )
    head = next(cells for r, cells in sheet.rows if r == header)
    head = [c if i != column - 1 else "" for i, c in enumerate(head)]
    current = ""
    for row, cells in sheet.rows:
        if row <= header:
            continue
        value = cells[column - 1].strip() if len(cells) >= column else ""
        current = value or current  # a blank cell: the persona of the row above, as for stages
        if not current:
            continue
        if current not in names:
            part = TextSheet(unique_name(current, taken))
            part.rows.append((header, head))
            names[current] = part
        names[current].rows.append((row, [c if i != column - 1 else "" for i, c in enumerate(cells)]))
    return list(names.values())


def _sheets(text: Text, columns: ColumnMap | None, taken: set[str], problems: Problems) -> list[TextSheet]:
    preferred = "\t" if text.path.suffix.lower() == ".tsv" else None
    sheet = TextSheet(unique_name(text.path.stem, taken))
    sheet.rows = [(i, row) for i, row in enumerate(_rows(text, preferred), 1)]
    # An opportunities.csv names a persona per row too, but is one action plan, never split.
    at = _persona_column(sheet, columns) if role_kind(sheet.name) == "persona" else None
    return [sheet] if at is None else _split(sheet, at, taken, problems)


def read_csv(path: Path, texts: list[Text], columns: ColumnMap | None) -> Journeys:
    """Read CSV files (one, or a folder's) as one project; path is the file or the folder."""
    problems = Problems(texts[0].name if len(texts) == 1 and not path.is_dir() else path.name)
    taken: set[str] = set()
    sheets = [sheet for text in texts for sheet in _sheets(text, columns, taken, problems)]
    if not any(detect(sheet.grid(), columns) for sheet in sheets):
        raise fail(
            path,
            "no journey columns were found: mapgen needs a header row with a Stage column and a column "
            "such as Step, Touchpoint or Emotion score (the README's CSV example shows one)",
        )
    return read_text_sheets(path, problems, sheets, columns, kind="CSV file" if len(texts) == 1 else "folder")
