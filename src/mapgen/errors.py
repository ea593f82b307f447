"""The one exception family of mapgen; the CLI turns it into a message and an exit code."""

from __future__ import annotations

from collections.abc import Iterable

from mapgen.model import Problem

__all__ = ["InputError", "MapgenError", "Problem", "ThemeError"]


class MapgenError(Exception):
    """An error the user can act on; carries every problem found, not just the first."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[MapgenError], tuple[str, tuple[Problem, ...]]]:
        # Errors raised in a worker process cross back pickled: keep their problems.
        return (type(self), (self.message, self.problems))


class InputError(MapgenError):
    """A workbook (or another input file) that cannot be used."""

    @classmethod
    def at(cls, file: str, message: str, *, sheet: str | None = None, cell: str | None = None) -> InputError:
        """Return an error for one located problem."""
        problem = Problem("error", message, file=file, sheet=sheet, cell=cell)
        return cls(str(problem), [problem])


class ThemeError(MapgenError):
    """A theme file with errors; every problem names the theme file and the key."""
