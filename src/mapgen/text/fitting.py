"""Fitting: text wrapped into a box, shrunk step by step and cut with an ellipsis when it must be."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Final

from mapgen.text.chains import FontChain
from mapgen.text.measuring import measure
from mapgen.text.wrapping import _clusters, _wrap

ELLIPSIS: Final = "…"


@dataclass(frozen=True)
class FittedText:
    """Text wrapped to fit a box: its lines, the size they fit at, and whether text was cut."""

    lines: tuple[str, ...]
    size: float
    truncated: bool
    line_height: float  # multiple of size

    @property
    def height(self) -> float:
        """Return the height the lines take, in points."""
        return len(self.lines) * self.size * self.line_height


def fit(
    text: str,
    chain: FontChain,
    max_width: float,
    max_height: float,
    size: float,
    min_size: float,
    line_height: float = 1.2,
    *,
    max_lines: int | None = None,
    step: float = 0.5,
) -> FittedText:
    """Return text wrapped into a box: at size if it fits, else smaller, never below min_size.

    Sizes go down from size in steps of `step` points to min_size; the first that fits in
    max_width and max_height (and max_lines) wins. When even min_size does not fit, the lines
    that fit are kept and the last one ends with an ellipsis: truncated is then True, and the
    caller reports the cut. A box too low for one line at min_size gets no lines.
    """
    if min_size <= 0 or size <= 0 or line_height <= 0 or step <= 0:
        raise ValueError("sizes, line height and step must be positive")
    return _fit(text, chain, max_width, max_height, size, min_size, line_height, max_lines, step)


# Layout fits the same cards again as it tries bands and pages, and so do the planners: laying out
# 60 personas asks for 22k fits but only 6k different ones, making their deck 26k for 7k.
# typed: an int and a float of equal value must not share a result (line_height is kept as given).
@functools.lru_cache(maxsize=32768, typed=True)
def _fit(
    text: str,
    chain: FontChain,
    max_width: float,
    max_height: float,
    size: float,
    min_size: float,
    line_height: float,
    max_lines: int | None,
    step: float,
) -> FittedText:
    min_size = min(min_size, size)
    sizes = []
    current = float(size)
    while current > min_size + 1e-9:
        sizes.append(current)
        current = round(current - step, 6)
    sizes.append(float(min_size))
    for candidate in sizes:
        allowed = _lines_allowed(max_height, candidate, line_height, max_lines)
        lines = _wrap(text, chain, candidate, float(max_width))
        if len(lines) <= allowed and all(
            measure(line, chain, candidate) <= max_width + 1e-6 for line in lines
        ):
            return FittedText(lines, candidate, False, line_height)
    size = sizes[-1]
    allowed = _lines_allowed(max_height, size, line_height, max_lines)
    lines = _wrap(text, chain, size, float(max_width))
    if allowed <= 0 or not lines:
        return FittedText((), size, bool(text.strip()), line_height)
    kept = list(lines[:allowed])
    kept[-1] = _ellipsize(kept[-1], chain, size, max_width)
    return FittedText(tuple(kept), size, True, line_height)


def _lines_allowed(max_height: float, size: float, line_height: float, max_lines: int | None) -> int:
    allowed = math.floor(max_height / (size * line_height) + 1e-9)
    return allowed if max_lines is None else min(allowed, max_lines)


def _ellipsize(line: str, chain: FontChain, size: float, max_width: float) -> str:
    """Return line shortened so that it and an ellipsis fit max_width."""
    mark = ELLIPSIS if chain.has(ELLIPSIS) else "..."
    clusters = _clusters(line)
    while clusters:
        head = "".join(clusters).rstrip(" ,;:-–—/")
        if measure(head + mark, chain, size) <= max_width + 1e-6:
            return head + mark
        clusters.pop()
    return mark if measure(mark, chain, size) <= max_width + 1e-6 else ""
