"""A table cell's text for the report: wrapped by mapgen.text and drawn line by line.

A 60-persona report has some 30,000 table cells. As reportlab Paragraphs, each had its markup
parsed and its lines broken by reportlab, again for every height the table tried, which was half
the time a chapter took. A cell's text has one font, size and colour (and bullets), so it needs
no markup: mapgen.text wraps it, with the cache and the line breaks the map, the deck and the
rest of the report use, and pdf_fonts draws each line run by run in its faces. It is placed as a
Paragraph of the same style would be: the first baseline one font size below the top, a line
every `leading`; a bullet's lines all start at the deck's hanging indent (text.bullet_indent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from mapgen import text
from mapgen.renderers.pdf.output import fonts as pdf_fonts

if TYPE_CHECKING:
    from mapgen.text import FontChain

__all__ = ["BULLET", "CellText", "Line"]

BULLET = "•"
# A cell splits across pages only leaving at least this many lines on each side, as Paragraphs
# with allowWidows=0 and allowOrphans=0 did.
_MIN_LINES_AT_A_SPLIT = 2


@dataclass(frozen=True)
class Line:
    """One wrapped line of a cell: its text, its indent, and whether a bullet hangs before it."""

    text: str
    indent: float = 0.0
    bullet: bool = False


class CellText(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Lines of text in one style, wrapped to the cell's width when the table asks."""

    def __init__(
        self,
        items: Sequence[tuple[str, bool]],
        chain: FontChain,
        size: float,
        leading: float,
        color: tuple[float, float, float],
        align: str = "left",
        *,
        lines: Sequence[Line] | None = None,
    ) -> None:
        super().__init__()
        self.items = tuple(items)  # (text, bulleted) per paragraph of the cell
        self.chain, self.size, self.leading = chain, size, leading
        self.color, self.align = color, align
        self._fixed = tuple(lines) if lines is not None else None  # a split-off piece's own lines
        self._lines: tuple[Line, ...] = self._fixed or ()
        self._wrapped_at: float | None = None

    def lines_for(self, width: float) -> tuple[Line, ...]:
        """Return the cell's lines wrapped to width (a bullet's text is indented past the bullet)."""
        if self._fixed is not None:
            return self._fixed
        if width != self._wrapped_at:
            self._lines = tuple(line for item in self.items for line in self._wrap(*item, width))
            self._wrapped_at = width
        return self._lines

    def _wrap(self, source: str, bulleted: bool, width: float) -> list[Line]:
        # The deck's hanging indent, which is also where reportlab began a bulleted Paragraph.
        indent = text.bullet_indent(self.chain, self.size, BULLET) if bulleted else 0.0
        wrapped = text.wrap(source, self.chain, self.size, max(width - indent, self.size)) or [""]
        return [Line(line, indent, bulleted and k == 0) for k, line in enumerate(wrapped)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # reportlab's name
        """Return the size the lines take at the width the table gives."""
        self.width = avail_width
        self.height = len(self.lines_for(avail_width)) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[CellText]:
        """Return the lines that fit in avail_height and the rest, or [] when they cannot part."""
        lines = self.lines_for(avail_width)
        fit = int((avail_height + 1e-6) // self.leading)
        if fit < _MIN_LINES_AT_A_SPLIT or len(lines) - fit < _MIN_LINES_AT_A_SPLIT:
            return []
        return [self._piece(lines[:fit]), self._piece(lines[fit:])]

    def _piece(self, lines: Sequence[Line]) -> CellText:
        args = (self.items, self.chain, self.size, self.leading, self.color, self.align)
        return CellText(*args, lines=lines)

    def draw(self) -> None:
        """Draw the lines from the top down, each on its baseline, run by run in the chain's faces."""
        canvas: Any = self.canv
        canvas.setFillColorRGB(*self.color)
        y = self.height - self.size
        for line in self.lines_for(self.width):
            if line.bullet:
                pdf_fonts.draw_line(canvas, BULLET, self.chain, self.size, 0.0, y)
            if line.text:
                pdf_fonts.draw_line(canvas, line.text, self.chain, self.size, self._x(line), y)
            y -= self.leading

    def _x(self, line: Line) -> float:
        if self.align == "left":
            return line.indent
        spare = self.width - line.indent - text.measure(line.text, self.chain, self.size)
        return line.indent + (spare / 2 if self.align == "center" else spare)
