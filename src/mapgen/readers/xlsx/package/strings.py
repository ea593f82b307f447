"""Scan the shared string table and the style sheet: how many, how long, what cells may name."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.parsers.expat import ExpatError

from mapgen.readers.xlsx.package.xml import Stop, parse_part

__all__ = ["StringFacts", "count_cell_formats", "scan_strings"]


@dataclass
class StringFacts:
    """How many shared strings there are, and which ones cannot be used, by index."""

    count: int = 0
    too_many: bool = False
    long: dict[int, int] = field(default_factory=dict)  # index -> characters
    broken: int | None = None  # index of the string being read when the XML turned out not well formed


def scan_strings(archive: zipfile.ZipFile, part: str, max_strings: int, max_chars: int) -> StringFacts:
    """Return the facts of the shared string table; stop once max_strings is passed."""
    facts = StringFacts()
    state = {"chars": 0, "text": False, "phonetic": False}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag == "si":
            state["chars"] = 0
        elif tag == "t":
            state["text"] = True
        elif tag == "rPh":  # the phonetic guide of Japanese text is not part of the cell's text
            state["phonetic"] = True

    def end(tag: str) -> None:
        if tag == "si":
            if state["chars"] > max_chars:
                facts.long[facts.count] = state["chars"]
            facts.count += 1
            if facts.count > max_strings:
                facts.too_many = True
                raise Stop
        elif tag == "t":
            state["text"] = False
        elif tag == "rPh":
            state["phonetic"] = False

    def text(data: str) -> None:
        if state["text"] and not state["phonetic"]:
            state["chars"] += len(data)

    try:
        parse_part(archive, part, start, end, text)
    except ExpatError:
        facts.broken = facts.count
    return facts


def count_cell_formats(archive: zipfile.ZipFile, part: str) -> int:
    """Return how many cell formats (cellXfs) the style sheet defines; cells number them from 0."""
    depth = {"in": False, "count": 0}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag == "cellXfs":
            depth["in"] = True
        elif tag == "xf" and depth["in"]:
            depth["count"] += 1

    def end(tag: str) -> None:
        if tag == "cellXfs":
            depth["in"] = False

    parse_part(archive, part, start, end)
    return depth["count"]
