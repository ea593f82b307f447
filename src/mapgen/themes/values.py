"""Read typed values out of merged theme data, turning each bad one into a problem."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mapgen.themes.problems import Problems, describe

# What Reader.raw returns for a key the data does not have (None is a value a key could hold).
MISSING = object()

_T = TypeVar("_T")


class Invalid(Exception):
    """A value that does not pass; the message says what was expected."""


class Reader:
    """Reads typed values out of the merged theme, recording a problem for each bad one."""

    def __init__(self, data: dict[str, Any], problems: Problems) -> None:
        self.data = data
        self.problems = problems

    def raw(self, key: str) -> Any:
        """Return the value at a dotted key, or MISSING."""
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return MISSING
            node = node[part]
        return node

    def get(self, key: str, convert: Callable[[Any], _T], default: _T) -> _T:
        """Return the converted value at a dotted key, or default after recording why not."""
        value = self.raw(key)
        if value is MISSING:
            self.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
            return default
        try:
            return convert(value)
        except Invalid as error:
            self.problems.error(key, str(error))
            return default

    def path_of(self, key: str) -> Path:
        """Return the folder of the file that set a key: its relative paths start there."""
        return self.problems.file_of(key).parent


def string_value(value: Any) -> str:
    """Return a string value; raise Invalid for anything else."""
    if not isinstance(value, str):
        raise Invalid(f"must be a string, got {describe(value)}")
    return value


def nonempty(value: Any) -> str:
    """Return a string value stripped; raise Invalid when it is empty."""
    text = string_value(value).strip()
    if not text:
        raise Invalid("must not be empty")
    return text


def boolean(value: Any) -> bool:
    """Return a boolean value; raise Invalid for anything else."""
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, got {describe(value)}")
    return value


def number(low: float, high: float) -> Callable[[Any], float]:
    """Return a converter that accepts a number from low to high, as a float."""

    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise Invalid(f"must be a number from {low:g} to {high:g}, got {describe(value)}")
        if not low <= value <= high:
            raise Invalid(f"must be from {low:g} to {high:g}, got {value:g}")
        return float(value)

    return convert


def choice(*choices: str) -> Callable[[Any], Any]:
    """Return a converter that accepts one of choices, forgiving case and stray spaces."""

    def convert(value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(f"must be one of {_or(choices)}, got {describe(value)}")
        if value in choices:
            return value
        folded = {c.casefold(): c for c in choices}
        if value.strip().casefold() in folded:
            return folded[value.strip().casefold()]
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise Invalid(f"must be one of {_or(choices)}, got {value!r}{hint}")

    return convert


def _or(choices: tuple[str, ...]) -> str:
    quoted = [repr(c) for c in choices]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
