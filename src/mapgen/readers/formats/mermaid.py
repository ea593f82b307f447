"""Mermaid `journey` diagrams as sheets: sections are stages, tasks are steps scored 1 to 5.

    journey
      title Opening an account
      section Discover
        Sees an advert: 3: Maya
        Reads reviews: 4: Maya, Partner

A diagram becomes a row-layout sheet with the headers Stage, Step, Emotion score (1 to 5) and
Actors, so the workbook reader checks its scores on Mermaid's own scale and keeps the actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mapgen.model import Journeys
from mapgen.readers.formats.sheets import TextSheet, read_text_sheets, unique_name
from mapgen.readers.formats.text import Text, fail
from mapgen.readers.headers import ColumnMap
from mapgen.readers.problems import Problems

__all__ = ["HEADERS", "Diagram", "diagram_kind", "name_diagram", "parse_journey", "read_mermaid"]

HEADERS = ("Stage", "Step", "Emotion score (1 to 5)", "Actors")
_FIRST = re.compile(r"^\s*([A-Za-z][\w-]*)")
_ACC_BLOCK = re.compile(r"^accDescr\s*\{")


@dataclass
class Diagram:
    """One journey diagram: its title, its rows as a sheet (named later), and problems by line."""

    title: str | None
    sheet: TextSheet
    problems: list[tuple[str, int, str]] = field(default_factory=list)  # (severity, line, message)
    tasks: int = 0


def _meaningful(lines: list[str]) -> list[tuple[int, str]]:
    """Return (index, text) of the lines after front matter, without blanks and %% comments."""
    found: list[tuple[int, str]] = []
    start = 0
    if lines and lines[0].strip() == "---":  # YAML front matter: the diagram's config
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        start = end + 1 if end is not None else 0
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if text and not text.startswith("%%"):
            found.append((index, text))
    return found


def diagram_kind(text: str) -> str | None:
    """Return the Mermaid diagram's type keyword ('journey', 'flowchart'...), or None."""
    found = _meaningful(text.splitlines()[:200])
    if not found:
        return None
    match = _FIRST.match(found[0][1])
    return match.group(1) if match else None


def parse_journey(lines: list[str], first_line: int = 1) -> Diagram:
    """Parse one journey diagram; first_line is the file line of lines[0] (a fenced block's offset)."""
    body = _meaningful(lines)
    sheet = TextSheet("")
    diagram = Diagram(None, sheet)
    if not body:
        return diagram
    sheet.add(HEADERS, first_line + body[0][0], table=True)
    sheet.headers = dict(enumerate(HEADERS, 1))
    section = ""
    in_description = False
    for index, text in body[1:]:
        line = first_line + index
        if in_description:
            in_description = not text.endswith("}")
            continue
        keyword, _, rest = text.partition(" ")
        if keyword == "title":
            diagram.title = rest.strip() or None
        elif keyword == "section":
            section = rest.strip()
            if section:
                sheet.add([section], line, table=True)  # a stage with no task yet still counts
        elif _ACC_BLOCK.match(text):
            in_description = not text.endswith("}")
        elif text.startswith(("accTitle", "accDescr")):
            continue
        elif ":" in text:
            task, _, data = text.partition(":")
            score, _, actors = data.partition(":")
            if not score.strip():
                diagram.problems.append(
                    ("error", line, f'the task "{task.strip()}" has no score; write it as "Task: 3: Actor"')
                )
                continue
            people = ", ".join(a.strip() for a in actors.split(",") if a.strip())
            sheet.add(
                [section or diagram.title or "Journey", task.strip(), score.strip(), people], line, table=True
            )
            diagram.tasks += 1
        else:
            # Mermaid has no other statement: a line of words is a task whose score is missing.
            diagram.problems.append(
                ("error", line, f'the task "{text[:60]}" has no score; write it as "{text[:60]}: 3: Actor"')
            )
    return diagram


def name_diagram(diagram: Diagram, fallback: str, taken: set[str], problems: Problems) -> TextSheet:
    """Name a diagram's sheet by its title (else fallback) and record its problems there."""
    sheet = diagram.sheet
    sheet.name = unique_name(diagram.title or fallback, taken)
    for severity, line, message in diagram.problems:
        problems.add("error" if severity == "error" else "warning", message, sheet.name, f"line {line}")
    return sheet


def read_mermaid(text: Text, columns: ColumnMap | None) -> Journeys:
    """Read a .mmd file holding one journey diagram: one persona, named by its title."""
    kind = diagram_kind(text.content)
    if kind != "journey":
        shown = f"a Mermaid {kind} diagram" if kind else "no Mermaid diagram"
        raise fail(
            text.path,
            f"this file holds {shown}; mapgen reads Mermaid journey diagrams "
            "(journey, title, section, tasks)",
        )
    diagram = parse_journey(text.content.splitlines())
    if not diagram.tasks:
        raise fail(
            text.path,
            'the journey diagram has no task; write one per line under a section, as "Task: 3: Actor"',
        )
    problems = Problems(text.name)
    sheet = name_diagram(diagram, text.path.stem, set(), problems)
    return read_text_sheets(text.path, problems, [sheet], columns, title=diagram.title, kind="Mermaid file")
