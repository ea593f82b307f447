"""Fitting: text wrapped into a box, shrunk step by step and cut with an ellipsis when it must be."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Final

from mapgen.text.chains import FontChain
from mapgen.text.hyphenation import HYPHEN, split_points
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
    language: str | None = "en",
) -> FittedText:
    """Return text wrapped into a box: at size if it fits, else smaller, never below min_size.

    Sizes go down from size in steps of `step` points to min_size; the first that fits in
    max_width and max_height (and max_lines) with lines broken between words wins. Only when none
    does is a word too long for the line hyphenated, in the given language (None: never), at the
    largest size that then fits. When even that fails, the lines that fit at min_size are kept and
    the last one is shortened at a word boundary and ends with an ellipsis: truncated is then
    True, and the caller reports the cut. No line ever ends inside a word, except a word too long
    for a line on its own, cut at a hyphenation point (else, the last resort, between letters) and
    ended with the ellipsis. A box too low for one line at min_size gets no lines.
    """
    if min_size <= 0 or size <= 0 or line_height <= 0 or step <= 0:
        raise ValueError("sizes, line height and step must be positive")
    return _fit(text, chain, max_width, max_height, size, min_size, line_height, max_lines, step, language)


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
    language: str | None = "en",
) -> FittedText:
    min_size = min(min_size, size)
    sizes = []
    current = float(size)
    while current > min_size + 1e-9:
        sizes.append(current)
        current = round(current - step, 6)
    sizes.append(float(min_size))
    # Shrinking comes first: a hyphen only when no size lets every word stand whole.
    for candidate in sizes:
        lines = _fitting(text, chain, max_width, max_height, candidate, line_height, max_lines, None)
        if lines is not None:
            return FittedText(lines, candidate, False, line_height)
    if language is not None:
        # Then the fewest hyphens, at the largest size that has that few: "Entde-|cken" at 9 pt
        # reads better than "Ent-|de-|cken" at 12.
        best: tuple[int, float, tuple[str, ...]] | None = None
        for candidate in sizes:
            lines = _fitting(text, chain, max_width, max_height, candidate, line_height, max_lines, language)
            if lines is not None:
                hyphens = sum(line.endswith(HYPHEN) for line in lines)
                if best is None or hyphens < best[0]:
                    best = (hyphens, candidate, lines)
        if best is not None:
            return FittedText(best[2], best[1], False, line_height)
    size = sizes[-1]
    allowed = _lines_allowed(max_height, size, line_height, max_lines)
    lines, forced = _wrap(text, chain, size, float(max_width), language)
    if allowed <= 0 or not lines:
        return FittedText((), size, bool(text.strip()), line_height)
    keep = allowed if forced < 0 else min(allowed, forced + 1)
    kept = list(lines[:keep])
    kept[-1] = _ellipsize(kept[-1], chain, size, max_width, language, partial=forced == keep - 1)
    return FittedText(tuple(kept), size, True, line_height)


def _fitting(
    text: str,
    chain: FontChain,
    max_width: float,
    max_height: float,
    size: float,
    line_height: float,
    max_lines: int | None,
    language: str | None,
) -> tuple[str, ...] | None:
    """Return the lines of text at size when they fit the box, breaking no word at random; else None."""
    allowed = _lines_allowed(max_height, size, line_height, max_lines)
    lines, forced = _wrap(text, chain, size, float(max_width), language)
    if (
        forced < 0
        and len(lines) <= allowed
        and all(measure(line, chain, size) <= max_width + 1e-6 for line in lines)
    ):
        return lines
    return None


def _lines_allowed(max_height: float, size: float, line_height: float, max_lines: int | None) -> int:
    allowed = math.floor(max_height / (size * line_height) + 1e-9)
    return allowed if max_lines is None else min(allowed, max_lines)


def _ellipsize(
    line: str, chain: FontChain, size: float, max_width: float, language: str | None, *, partial: bool
) -> str:
    """Return line shortened at a word boundary so that it and an ellipsis fit max_width.

    partial: the line ends inside a word (broken between letters), whose piece goes first. A first
    word too wide even alone is cut at a hyphenation point, else between letters.
    """
    mark = ELLIPSIS if chain.has(ELLIPSIS) else "..."

    def fits(head: str) -> bool:
        return measure(head + mark, chain, size) <= max_width + 1e-6

    words = line.split(" ")
    if partial and len(words) > 1:
        words.pop()
    while words:
        head = " ".join(words).rstrip(" ,;:-–—/")
        if head and fits(head):
            return head + mark
        if len(words) == 1:
            break
        words.pop()
    word = words[0] if words else line
    for point in reversed(split_points(word, language)):
        if fits(word[:point]):
            return word[:point] + mark
    clusters = _clusters(word)
    while clusters:
        head = "".join(clusters).rstrip(" ,;:-–—/")
        if fits(head):
            return head + mark
        clusters.pop()
    return mark if measure(mark, chain, size) <= max_width + 1e-6 else ""
