"""Markdown as sheets: a persona per heading, its `Key: value` lines, and a pipe table of its journey.

The persona's heading level is the shallowest at which no section holds two journey tables (a
"### Journey" under a persona's heading is part of it), a lone level-1 heading above deeper ones
being the document's title. Content before the first such heading is a persona named by the
document's title, else the file's name. Mermaid journey blocks fenced in the file are read as
Mermaid, unless their section has a table already (then the table, which says more, is read).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from mapgen.model import Journeys, SkippedSheet
from mapgen.readers.formats.mermaid import diagram_kind, name_diagram, parse_journey
from mapgen.readers.formats.sheets import TextSheet, read_text_sheets, role_kind, unique_name
from mapgen.readers.formats.text import Text, fail
from mapgen.readers.headers import ColumnMap, is_stage_header
from mapgen.readers.limits import MAX_CELLS, MAX_ROWS
from mapgen.readers.problems import Problems

__all__ = ["clean", "markdown_shape", "read_markdown", "split_row"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w-]*)")
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = (
    re.compile(r"\*\*(.+?)\*\*"),
    re.compile(r"__(.+?)__"),
    re.compile(r"~~(.+?)~~"),
    re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"),
    re.compile(r"`([^`]*)`"),
)
_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|code|mark|sup|sub|small)\b[^>]*>", re.IGNORECASE)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)]|>)\s+")
_KEY_VALUE = re.compile(r"^[^:：]{1,40}[:：]\s*\S")


def clean(text: str) -> str:
    """Return a cell's or a line's text without inline markup: bold, italics, code, links, tags."""
    text = _BREAK.sub("\n", text)
    text = _LINK.sub(r"\1", text)
    for pattern in _MARKUP:
        text = pattern.sub(r"\1", text)
    text = _TAG.sub("", text)
    return html.unescape(_ESCAPED.sub(r"\1", text)).strip()


def split_row(line: str) -> list[str]:
    """Return a pipe table row's cells: outer pipes optional, an escaped \\| kept as text."""
    text = line.strip()
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    cells.append("".join(current))
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and not text.endswith("\\|") and cells:
        cells = cells[:-1]
    return [cell.strip() for cell in cells]


@dataclass
class _Table:
    rows: list[tuple[int, list[str]]]  # (line, cells), the header first

    def is_journey(self, columns: ColumnMap | None) -> bool:
        return any(is_stage_header(cell, columns) for cell in self.rows[0][1] if cell)


@dataclass
class _Section:
    level: int
    name: str | None
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)  # profile lines, before the first table
    tables: list[_Table] = field(default_factory=list)
    diagrams: list[tuple[int, list[str]]] = field(default_factory=list)  # (first line, block)


@dataclass
class _Block:
    kind: str  # "heading", "table", "line", "mermaid"
    line: int
    level: int = 0
    text: str = ""
    table: _Table | None = None
    block: list[str] = field(default_factory=list)


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 200)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def _blocks(lines: list[str]) -> list[_Block]:
    """Return the document's headings, tables, Mermaid journeys and other lines, in order."""
    blocks: list[_Block] = []
    i = _front_matter_end(lines)
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            marker, language = fence.group(1), fence.group(2).lower()
            end = next(
                (j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(marker)), len(lines)
            )
            body = lines[i + 1 : end]
            if language == "mermaid" and diagram_kind("\n".join(body)) == "journey":
                blocks.append(_Block("mermaid", i + 2, block=body))
            i = end + 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(_Block("heading", i + 1, len(heading.group(1)), clean(heading.group(2))))
            i += 1
            continue
        if line.strip() and i + 1 < len(lines) and _SETEXT_H1.match(lines[i + 1]) and "|" not in line:
            blocks.append(_Block("heading", i + 1, 1, clean(line)))
            i += 2
            continue
        if "|" in line and i + 1 < len(lines) and _DELIMITER.match(lines[i + 1]) and "-" in lines[i + 1]:
            header = split_row(line)
            if len(split_row(lines[i + 1])) == len(header):
                rows = [(i + 1, header)]
                j = i + 2
                while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                    rows.append((j + 1, split_row(lines[j])))
                    j += 1
                blocks.append(_Block("table", i + 1, table=_Table(rows)))
                i = j
                continue
        if line.strip():
            blocks.append(_Block("line", i + 1, text=line))
        i += 1
    return blocks


def _sections(blocks: list[_Block], level: int) -> list[_Section]:
    """Return the sections that headings of level (or shallower) start; the first may have no heading."""
    sections = [_Section(0, None, 1)]
    for block in blocks:
        current = sections[-1]
        if block.kind == "heading" and block.level <= level:
            sections.append(_Section(block.level, block.text, block.line))
        elif block.kind == "table" and block.table is not None:
            current.tables.append(block.table)
        elif block.kind == "mermaid":
            current.diagrams.append((block.line, block.block))
        elif block.kind == "line" and not current.tables:
            current.lines.append((block.line, block.text))
    return sections


def _persona_level(blocks: list[_Block], columns: ColumnMap | None) -> int:
    """Return the shallowest heading level at which no section holds two journey tables.

    A lone level-1 heading above deeper ones is the document's title, never a persona's.
    """
    headings = [b.level for b in blocks if b.kind == "heading"]
    levels = sorted(set(headings))
    if headings.count(1) == 1 and len(levels) > 1:
        levels.remove(1)
    for level in levels:
        sections = _sections(blocks, level)
        if all(sum(t.is_journey(columns) for t in s.tables) <= 1 for s in sections):
            return level
    return levels[-1] if levels else 0


def _key_values(section: _Section, sheet: TextSheet) -> None:
    """Add a section's `Key: value` lines to a sheet, bullets and markup left out, a cell each."""
    for line, text in section.lines:
        plain = clean(_BULLET.sub("", text))
        if _KEY_VALUE.match(plain):
            sheet.add([plain], line)


def _sheet(section: _Section, name: str, columns: ColumnMap | None) -> TextSheet:
    """Return a section as a sheet: its Key: value lines, then its tables, a blank row between."""
    sheet = TextSheet(name)
    _key_values(section, sheet)
    for table in section.tables:
        if sheet.rows:
            sheet.add([])
        if table.is_journey(columns) and not sheet.headers:
            sheet.headers = {c: clean(t) for c, t in enumerate(table.rows[0][1], 1) if t}
        for line, cells in table.rows:
            sheet.add([clean(cell) for cell in cells], line, table=True)
    return sheet


def _with_profile(section: _Section, diagram_sheet: TextSheet) -> TextSheet:
    """Return a diagram's sheet under its section's Key: value lines (the persona's profile)."""
    sheet = TextSheet(diagram_sheet.name)
    _key_values(section, sheet)
    for row, cells in diagram_sheet.rows:
        line = (diagram_sheet.lines or {}).get(row)
        sheet.add(cells, line, table=row in diagram_sheet.table_rows)
    sheet.headers = diagram_sheet.headers
    return sheet


def markdown_shape(content: str) -> set[str]:
    """Return what Markdown text holds among "table" (a pipe table), "mermaid" (a journey) and "heading"."""
    return {b.kind for b in _blocks(content.splitlines()) if b.kind != "line"}


def read_markdown(text: Text, columns: ColumnMap | None) -> Journeys:
    """Read a Markdown file: a persona per section with a journey table or a Mermaid journey."""
    blocks = _blocks(text.content.splitlines())
    if not any(b.kind in ("table", "mermaid") for b in blocks):
        raise fail(
            text.path,
            "the Markdown file has no pipe table (a header row, a |---| row, a row per step) and no "
            "Mermaid journey; write each persona's journey as a table under the persona's heading",
        )
    rows = sum(len(b.table.rows) for b in blocks if b.table is not None)
    cells = sum(len(cells) for b in blocks if b.table is not None for _, cells in b.table.rows)
    if rows > MAX_ROWS or cells > MAX_CELLS:
        raise fail(
            text.path,
            f"the file's tables have {rows:,} rows and {cells:,} cells, over mapgen's limits of "
            f"{MAX_ROWS:,} and {MAX_CELLS:,}, more than any journey; split it into a file per persona",
        )
    level = _persona_level(blocks, columns)
    title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
    problems = Problems(text.name)
    taken: set[str] = set()
    sheets: list[TextSheet] = []
    skipped: list[SkippedSheet] = []
    for section in _sections(blocks, level):
        name = section.name or title or text.path.stem
        if section.tables or (section.lines and role_kind(name) == "project"):
            sheets.append(_sheet(section, unique_name(name, taken), columns))
            for line, _ in section.diagrams:
                skipped.append(
                    SkippedSheet(
                        f"{name}, line {line}", "a Mermaid journey beside a table; the table is read"
                    )
                )
            continue
        for line, body in section.diagrams:
            diagram = parse_journey(body, line)
            named = name_diagram(diagram, name, taken, problems)
            sheets.append(_with_profile(section, named))
        if not section.diagrams and section.level == level and section.name and section.lines:
            skipped.append(SkippedSheet(section.name, "a section without a table"))
    if not sheets:
        raise fail(text.path, "the Markdown file has no journey table; add one under each persona's heading")
    return read_text_sheets(
        text.path, problems, sheets, columns, title=title, skipped=skipped, kind="Markdown file"
    )
