"""The deliverables' front matter: the Project sheet's key/value pairs, and the workbook's own title.

A workbook without a Project sheet (or without a Title on it) still often has a title of its own,
set in Excel's document properties (File > Info); the deliverables use it before falling back to
the theme's words. It is read straight from docProps/core.xml with defusedxml, bounded, so a
hostile package cannot make it expensive, and anything unexpected reads as no title: the
properties are a nicety, never a reason to fail.
"""

from __future__ import annotations

import difflib
import posixpath
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree

from mapgen.model import Project
from mapgen.paths import Refused, inside
from mapgen.readers.cells import tidy_text
from mapgen.readers.grid import Grid
from mapgen.readers.headers import project_key
from mapgen.readers.keyvalues import pairs
from mapgen.readers.problems import Problems

__all__ = ["MAX_CORE_BYTES", "MAX_TITLE_CHARS", "document_title", "read_project"]

_NAMES = "Title, Client, Prepared by, Date, Version, Confidentiality, Description, Theme"


def read_project(grid: Grid, problems: Problems, folder: Path) -> Project:
    """Return the project fields of a Project sheet; unknown keys are reported, not dropped silently."""
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
    for pair in pairs(grid):
        key = project_key(pair.key)
        if key is None:
            problems.warning(
                f'"{pair.key}" is not a project field and is ignored; the fields are {_NAMES}',
                grid.sheet,
                pair.cell,
            )
            continue
        if key in values:
            problems.warning(
                f'the project field "{pair.key}" is given twice; the first is used', grid.sheet, pair.cell
            )
            continue
        values[key] = tidy_text(pair.value)
        cells[key] = pair.cell
    if values.get("theme"):
        _check_theme(values["theme"], folder, grid.sheet, cells["theme"], problems)
    return Project(**values)


def _check_theme(spec: str, folder: Path, sheet: str, cell: str, problems: Problems) -> None:
    """Report a Theme field that names no built-in theme, or a theme file outside the workbook's folder."""
    from mapgen.themes.finding import builtin_names, is_path_spec

    if is_path_spec(spec):
        try:
            inside(spec, folder, "theme file", "the workbook's folder")
        except Refused as error:
            problems.error(str(error), sheet, cell)
        return
    names = builtin_names()
    if spec not in names:
        close = difflib.get_close_matches(spec, names, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        problems.error(
            f"the Theme field names no built-in theme {spec!r}; {hint}the built-in themes are "
            f"{', '.join(names)}, or give a .toml file in the workbook's folder",
            sheet,
            cell,
        )


# The core properties are a few hundred bytes; far more is not a properties part worth reading.
MAX_CORE_BYTES = 64 * 1024
# A title longer than this is a pasted paragraph, not a title: it is cut at a word.
MAX_TITLE_CHARS = 200
_CORE_TYPE = "/metadata/core-properties"
_DEFAULT_PART = "docProps/core.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"


def document_title(path: Path) -> str | None:
    """Return the title in the workbook's document properties, or None when it has none."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _core_part(archive)
            if part is None:
                return None
            data = _read_bounded(archive, part)
        if data is None:
            return None
        root = ElementTree.fromstring(data)
    except (OSError, zipfile.BadZipFile, zlib.error, KeyError, ValueError, DefusedXmlException, ParseError):
        return None
    element = root.find(f"{_DC}title")
    return _tidy(element.text) if element is not None and element.text else None


def _core_part(archive: zipfile.ZipFile) -> str | None:
    """Return the zip member of the core properties: the one the package's relationships name."""
    names = set(archive.namelist())
    rels = _read_bounded(archive, "_rels/.rels") if "_rels/.rels" in names else None
    if rels is not None:
        root = ElementTree.fromstring(rels)
        for rel in root:
            if (rel.get("Type") or "").endswith(_CORE_TYPE):
                target = (rel.get("Target") or "").lstrip("/")
                part = posixpath.normpath(target) if target else ""
                return part if part in names else None
    return _DEFAULT_PART if _DEFAULT_PART in names else None


def _read_bounded(archive: zipfile.ZipFile, part: str) -> bytes | None:
    """Return a member's bytes, or None when it claims or turns out to be bigger than MAX_CORE_BYTES."""
    if archive.getinfo(part).file_size > MAX_CORE_BYTES:
        return None
    with archive.open(part) as stream:
        data = stream.read(MAX_CORE_BYTES + 1)  # the size in the header may lie
    return data if len(data) <= MAX_CORE_BYTES else None


def _tidy(text: str) -> str | None:
    """Return a title on one line, cut at a word when it is too long; None when it is blank."""
    title = " ".join(text.split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return title or None
