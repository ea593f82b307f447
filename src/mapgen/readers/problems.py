"""Collect the problems of one workbook, all of them, located by sheet and cell."""

from __future__ import annotations

from mapgen.model import Problem, Severity


class Problems:
    """An ordered, duplicate-free list of problems of one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._items: list[Problem] = []
        self._seen: set[Problem] = set()

    def add(
        self, severity: Severity, message: str, sheet: str | None = None, cell: str | None = None
    ) -> None:
        """Record one problem, once."""
        problem = Problem(severity, message, file=self.file, sheet=sheet, cell=cell)
        if problem not in self._seen:
            self._seen.add(problem)
            self._items.append(problem)

    def error(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        """Record a problem that stops a build."""
        self.add("error", message, sheet, cell)

    def warning(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        """Record a problem that does not stop a build."""
        self.add("warning", message, sheet, cell)

    def all(self) -> tuple[Problem, ...]:
        """Return the problems in the order they were found."""
        return tuple(self._items)
