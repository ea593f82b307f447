"""The files a build reads besides the workbook, so that `mapgen watch` rebuilds when one changes.

A CSV folder's inputs are its CSV files; a text input's photos are those its Photo lines name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mapgen.errors import MapgenError
from mapgen.paths import Refused, inside

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["input_files", "photo_paths", "theme_files"]

SEARCH_ROWS = 30  # a persona's profile sits above its table, within the reader's search rows
MAX_PHOTO_FIELDS = 1000
TEXT_HEAD_BYTES = 256 * 1024  # a text input's profile lines are at its top, or at each persona's
TEXT_SUFFIXES = (".csv", ".tsv", ".md", ".markdown", ".mmd", ".json", ".txt")


def theme_files(theme: Theme) -> list[Path]:
    """Return a theme's files: itself, those it extends, its logo, font files and deck template."""
    found = list(theme.files or (theme.source,))
    found.extend(p for p in (theme.logo, theme.slide.template) if p is not None)
    fonts = theme.fonts
    for spec in (fonts.heading, fonts.body):
        found.extend(_paths((spec.family, spec.bold, spec.italic, spec.bold_italic, *spec.fallback)))
    found.extend(_paths(fonts.fallback))
    return found


def input_files(path: Path) -> list[Path]:
    """Return the files an input is read from: itself, or a CSV folder's CSV files."""
    if not path.is_dir():
        return [path]
    from mapgen.readers.formats.dispatch import csv_files_in

    try:
        return csv_files_in(path)
    except MapgenError:
        return []


def photo_paths(workbook: Path) -> list[Path]:
    """Return the picture files the workbook's Photo fields name inside its folder.

    The model keeps a photo's bytes, not where they came from, so the profile blocks are scanned
    here: the Photo key's cell, and the path in the cell to its right (or "Photo: path" in one).
    """
    if workbook.is_dir() or workbook.suffix.lower() in TEXT_SUFFIXES:
        return _text_photo_paths(input_files(workbook))
    import openpyxl

    from mapgen.readers.headers import profile_key

    folder = workbook.resolve().parent
    found: list[Path] = []
    try:
        book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    except Exception:  # a workbook half saved or not a workbook: the build says what is wrong
        return []
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(max_row=SEARCH_ROWS, values_only=True):
                for text in _photo_values(row, profile_key):
                    try:
                        found.append(inside(text, folder, "photo", "the workbook's folder"))
                    except Refused:
                        continue  # the reader warns about it; there is nothing to watch
                    if len(found) >= MAX_PHOTO_FIELDS:
                        return found
    finally:
        book.close()
    return found


def _text_photo_paths(files: list[Path]) -> list[Path]:
    """Return the pictures named by "Photo: path" lines (or a Photo cell and the next) of text inputs."""
    from mapgen.readers.headers import profile_key

    found: list[Path] = []
    for file in files:
        try:
            with file.open("rb") as stream:
                head = stream.read(TEXT_HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue  # the build says what is wrong with it
        for line in head.splitlines():
            cells = [c.strip(" *|-") for c in re.split(r"[,;\t|]", line)]
            for text in _photo_values(cells, profile_key):
                try:
                    found.append(
                        inside(text.strip("*` "), file.resolve().parent, "photo", "the input's folder")
                    )
                except Refused:
                    continue
                if len(found) >= MAX_PHOTO_FIELDS:
                    return found
    return found


def _photo_values(row: Iterable[object], profile_key: Callable[[str], str | None]) -> list[str]:
    cells = [c if isinstance(c, str) else None for c in row]
    values = []
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        key, _, inline = cell.partition(":")
        if profile_key(cell) == "photo" and i + 1 < len(cells) and cells[i + 1]:
            values.append(str(cells[i + 1]))
        elif inline.strip() and profile_key(key) == "photo":
            values.append(inline.strip())
    return values


def _paths(items: Iterable[object]) -> list[Path]:
    return [item for item in items if isinstance(item, Path)]
