"""A report table that never leaves a few rows alone at the top of a page.

reportlab splits a long table wherever the page ends, so the last two rows of an action plan may
open a page of their own, under a repeated header: a near-empty page that reads like a mistake.
This table moves enough rows from the first page with them that each piece keeps a few.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import LongTable

__all__ = ["MIN_ROWS_AT_A_SPLIT", "KeptTable"]

# Each piece of a split table keeps at least this many data rows, when it has rows enough.
MIN_ROWS_AT_A_SPLIT = 5
_UNBOUNDED = 1e9


class KeptTable(LongTable):  # type: ignore[misc]  # reportlab is untyped
    """A LongTable whose pieces each keep at least MIN_ROWS_AT_A_SPLIT data rows."""

    # The frame's height: a table no taller moves on whole. The pieces reportlab makes of a table
    # are new instances and keep this default, 0: they split where the page ends.
    page_height = 0.0

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts: list[Any] = super().split(avail_width, avail_height)
        if len(parts) != 2:
            return parts
        first, rest = parts
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        tail = len(rest._cellvalues) - header
        if tail >= MIN_ROWS_AT_A_SPLIT:
            return parts
        first.wrap(avail_width, avail_height)
        heights = list(first._rowHeights)
        kept = len(heights) - header
        move = MIN_ROWS_AT_A_SPLIT - tail
        if kept - move < MIN_ROWS_AT_A_SPLIT:
            # Too few rows for two full pieces: the whole table moves on when a page can hold it
            # (a table with a cell taller than a page splits anyway).
            self.wrap(avail_width, _UNBOUNDED)  # a LongTable measures only the rows a height holds
            return [] if sum(self._rowHeights) <= self.page_height else parts
        shorter: list[Any] = super().split(avail_width, avail_height - sum(heights[-move:]))
        return shorter if len(shorter) == 2 else parts
