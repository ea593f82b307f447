"""The project file beside a workbook: what a team gives on every build, kept in one place.

mapgen.toml in the workbook's folder, or the [tool.mapgen] table of a pyproject.toml there, holds
defaults for `mapgen build` and `mapgen watch` (pandoc's --defaults files and mkdocs.yml are the
models). The command line overrides each value. Paths in the file are relative to its folder and
must stay inside it, like every path a file names (mapgen.paths): a project file that came with a
client's workbook cannot make mapgen read or write elsewhere on the machine.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any, TypeVar

from mapgen.errors import InputError
from mapgen.model import Problem
from mapgen.paths import Refused, inside

__all__ = ["FILE_NAME", "SIZES", "ProjectFile", "find_project_file", "load_project_file"]

FILE_NAME = "mapgen.toml"
PYPROJECT = "pyproject.toml"
SIZES = ("slide", "a4", "poster")
DPI_RANGE = (36, 1200)
T = TypeVar("T")
MAX_BYTES = 1 << 20  # a project file is a few lines; a larger one is not one


@dataclass(frozen=True)
class ProjectFile:
    """The values a project file sets; None (or empty) where it sets none."""

    path: Path | None = None  # the file read; None when there is none
    theme: str | None = None  # a built-in name, or an absolute path to a theme file in the folder
    template: Path | None = None
    formats: tuple[str, ...] | None = None
    out: Path | None = None
    size: str | None = None
    dpi: int | None = None
    personas: tuple[str, ...] = ()
    strict: bool | None = None
    # Header in the workbook -> the step field it holds ("Section" -> "stage"), for the reader: every
    # command that reads the workbook passes it on (see README, "The project file").
    columns: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """Return how messages name the file: mapgen.toml, or pyproject.toml [tool.mapgen]."""
        if self.path is None:
            return "the project file"
        return f"{self.path} [tool.mapgen]" if self.path.name == PYPROJECT else str(self.path)


def find_project_file(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """Return the project file of a folder and its mapgen table, or None when there is none."""
    candidates: list[tuple[Path, dict[str, Any]]] = []
    own = folder / FILE_NAME
    if own.exists():
        candidates.append((own, _read_toml(own)))
    pyproject = folder / PYPROJECT
    if pyproject.exists():
        tool = _read_toml(pyproject).get("tool", {})
        table = tool.get("mapgen") if isinstance(tool, dict) else None
        if table is not None:
            if not isinstance(table, dict):
                raise _error(pyproject, "tool.mapgen", "must be a table: [tool.mapgen]")
            candidates.append((pyproject, table))
    if len(candidates) > 1:
        raise _error(
            own, None, f"{pyproject} has a [tool.mapgen] table too; keep the settings in one of the two"
        )
    return candidates[0] if candidates else None


def load_project_file(folder: Path) -> ProjectFile:
    """Return the project file of the workbook's folder, validated; an empty one when there is none.

    Raise InputError naming the file and every wrong key at once.
    """
    found = find_project_file(folder)
    if found is None:
        return ProjectFile()
    path, table = found
    return _validate(path, table)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _error(path, None, f"over {MAX_BYTES // 1024} KB: not a project file")
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise _error(path, None, f"not valid TOML ({error})") from None
    except UnicodeDecodeError:
        raise _error(path, None, "not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise _error(path, None, f"cannot be read: {error.strerror or error}") from None


def _error(path: Path, key: str | None, message: str) -> InputError:
    problem = Problem("error", message, file=str(path), cell=key)
    return InputError(str(problem), [problem])


class _Checker:
    """Collects every wrong value of the file, each naming its key."""

    def __init__(self, path: Path, prefix: str) -> None:
        self.path = path
        self.folder = path.parent
        self.prefix = prefix  # "tool.mapgen." in a pyproject.toml, so the key is found as written
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem("error", message, file=str(self.path), cell=self.prefix + key))

    def typed(self, table: dict[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
        value = table.get(key)
        # TOML's true is a bool, which Python counts as an int: dpi = true is not a number.
        if value is None or (isinstance(value, kind) and not (isinstance(value, bool) and kind is int)):
            return value
        self.fail(key, f"must be {what}, not {_toml_kind(value)}")
        return None


_KEYS = ("theme", "template", "formats", "out", "size", "dpi", "personas", "strict", "columns")


def _validate(path: Path, table: dict[str, Any]) -> ProjectFile:
    check = _Checker(path, "tool.mapgen." if path.name == PYPROJECT else "")
    for key in table:
        if key not in _KEYS:
            check.fail(key, f"unknown key; a project file may set {', '.join(_KEYS)}")
    where = "the project file's folder"
    theme = check.typed(table, "theme", str, "a built-in theme name or a .toml path")
    if theme is not None:
        theme = _theme(check, theme, where)
    template = _file(check, check.typed(table, "template", str, "a path to a .pptx or .potx file"), where)
    out = _folder(check, check.typed(table, "out", str, "a folder path"))
    size = check.typed(table, "size", str, f"one of {', '.join(SIZES)}")
    if size is not None and size not in SIZES:
        check.fail("size", f'"{size}" is not a size; choose one of {", ".join(SIZES)}')
        size = None
    dpi = check.typed(table, "dpi", int, "a whole number")
    if dpi is not None and not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        check.fail("dpi", f"{dpi} is out of range; give {DPI_RANGE[0]} to {DPI_RANGE[1]}")
        dpi = None
    strict = check.typed(table, "strict", bool, "true or false")
    formats = _formats(check, table.get("formats"))
    personas = _strings(check, "personas", table.get("personas"))
    columns = _columns(check, table.get("columns"))
    if check.problems:
        count = len(check.problems)
        message = f"{path}: {count} error{'s' if count != 1 else ''} in the project file"
        raise InputError(message, check.problems)
    return ProjectFile(path, theme, template, formats, out, size, dpi, personas or (), strict, columns or ())


def _theme(check: _Checker, spec: str, where: str) -> str | None:
    from mapgen.themes.finding import is_path_spec

    if not spec.strip():
        check.fail("theme", "is empty; give a built-in theme name or a .toml path")
        return None
    if not is_path_spec(spec):
        return spec.strip()
    return _confined(check, "theme", spec, lambda: str(inside(spec, check.folder, "theme file", where)))


def _file(check: _Checker, text: str | None, where: str) -> Path | None:
    if text is None:
        return None
    return _confined(check, "template", text, lambda: inside(text, check.folder, "template", where))


def _confined(check: _Checker, key: str, text: str, resolve: Callable[[], T]) -> T | None:
    try:
        return resolve()
    except Refused as error:
        check.fail(key, str(error))
        return None


def _folder(check: _Checker, text: str | None) -> Path | None:
    """Return the output folder a relative path names inside the project file's folder."""
    if text is None:
        return None
    stripped = text.strip()
    windows = PureWindowsPath(stripped)
    advice = 'give a folder inside the project file\'s folder, e.g. out = "deliverables"'
    if not stripped:
        check.fail("out", f"is empty; {advice}")
    elif stripped.startswith(("/", "\\", "~")) or windows.drive or windows.is_absolute():
        check.fail("out", f'"{text}" is absolute; {advice}')
    elif ".." in windows.parts:
        check.fail("out", f'"{text}" leaves the project file\'s folder; {advice}')
    else:
        root = check.folder.resolve()
        path = (root / Path(*windows.parts)).resolve()
        if path.is_relative_to(root) and path != root:
            return path
        check.fail("out", f'"{text}" leads out of the project file\'s folder (or is that folder); {advice}')
    return None


def _strings(check: _Checker, key: str, value: object) -> tuple[str, ...] | None:
    """Return a list of names, also accepting one comma-separated string ("png,pdf")."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        check.fail(key, f'must be a list of names, e.g. {key} = ["a", "b"]')
        return None
    return tuple(v.strip() for v in value)


def _formats(check: _Checker, value: object) -> tuple[str, ...] | None:
    names = _strings(check, "formats", value)
    if names is None:
        return None
    from mapgen.build.formats import format_names

    names = tuple(name.lower() for name in names)
    known = format_names()
    unknown = [name for name in names if name not in known]
    twice = sorted({name for name in names if names.count(name) > 1})
    if unknown:
        check.fail("formats", f"unknown format {', '.join(unknown)}; choose from {', '.join(known)}")
    if twice:
        check.fail("formats", f"{', '.join(twice)} is named twice; name each format once")
    return None if unknown or twice or not names else names


def _columns(check: _Checker, value: object) -> tuple[tuple[str, str], ...] | None:
    """Return the column mapping: a workbook header -> the step field it holds."""
    if value is None:
        return None
    if not isinstance(value, dict):
        check.fail("columns", 'must be a table: [columns] then "Header in the workbook" = "stage"')
        return None
    from mapgen.readers.headers import STEP_FIELDS, normalise, step_field

    mapping: list[tuple[str, str]] = []
    seen: dict[str, tuple[str, str]] = {}  # the header as matched -> the header as written, its field
    for header, field in value.items():
        key = f'columns."{header}"'
        if not isinstance(field, str):
            check.fail(key, f'must be a field name such as "stage", not {_toml_kind(field)}')
            continue
        canonical = step_field(field)
        if canonical is None:
            check.fail(key, f'"{field}" is not a step field; choose from {", ".join(STEP_FIELDS)}')
            continue
        matched = normalise(header)
        if not matched:
            check.fail(key, "has no letters or digits; give the header as the workbook writes it")
            continue
        other, other_field = seen.setdefault(matched, (header, canonical))
        if other_field != canonical:
            check.fail(
                key,
                f'matches "{other}" too (case, spaces and punctuation are ignored), which holds '
                f"the {other_field}; keep one of the two",
            )
            continue
        mapping.append((header, canonical))
    return tuple(mapping)


def _toml_kind(value: object) -> str:
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "a table")
