"""Collect theme problems, each naming the theme file that set its key, and word them."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from mapgen.errors import ThemeError
from mapgen.model import Problem


class Problems:
    """Problems found so far, each naming the file that set the key."""

    def __init__(self, leaf: Path) -> None:
        self.leaf = leaf
        self.items: list[Problem] = []
        self.provenance: dict[str, Path] = {}
        self.depth: dict[Path, int] = {}

    def file_of(self, *keys: str) -> Path:
        """Return the most derived file that set any of keys (or a table above them)."""
        found: list[Path] = []
        for key in keys:
            probe = key.split("[", 1)[0]
            while probe:
                if probe in self.provenance:
                    found.append(self.provenance[probe])
                    break
                probe = probe.rpartition(".")[0]
        if not found:
            return self.leaf
        return min(found, key=lambda p: self.depth.get(p, 0))

    def add(
        self, severity: Literal["error", "warning"], key: str, message: str, *, file: Path | None = None
    ) -> None:
        """Record a problem with key, naming the file that set it unless file is given."""
        where = file if file is not None else self.file_of(key)
        self.items.append(Problem(severity, message, file=display(where), cell=key or None))

    def error(self, key: str, message: str, *, file: Path | None = None) -> None:
        """Record an error with key."""
        self.add("error", key, message, file=file)

    def warning(self, key: str, message: str, *, file: Path | None = None) -> None:
        """Record a warning with key."""
        self.add("warning", key, message, file=file)

    @property
    def errors(self) -> list[Problem]:
        """Return the errors recorded so far."""
        return [p for p in self.items if p.is_error]


def fail(path: Path, message: str, key: str | None = None) -> ThemeError:
    """Return the ThemeError for a problem that stops a theme from being read at all."""
    problem = Problem("error", message, file=display(path), cell=key)
    return ThemeError(str(problem), [problem])


def display(path: Path) -> str:
    """Return a path as shown in messages: relative to the working directory when under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def describe(value: object) -> str:
    """Return how a message names a TOML value that has the wrong type."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
