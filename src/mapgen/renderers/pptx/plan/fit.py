"""Fit the deck's own texts (titles, lists, table cells) into boxes with mapgen.text; no python-pptx.

Every size chosen here is one the text was measured at, so the emitter can write explicit sizes
and never relies on PowerPoint's autofit (other applications ignore it).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.renderers.pptx.deck import Paragraph
from mapgen.renderers.pptx.plan.look import usable_width
from mapgen.scene import Align, Box, FontRole, Tag, TextBlock, VAlign

if TYPE_CHECKING:
    from mapgen.text import FontChain
    from mapgen.themes import Theme

__all__ = [
    "FittedList",
    "fit_block",
    "fit_list",
    "sizes_between",
    "wrap_paragraph",
]

_EPS = 1e-6
GAP = 0.35  # space between list items, as a multiple of the size


def sizes_between(size: float, min_size: float, step: float = 0.5) -> list[float]:
    """Return the sizes tried when shrinking text: size, size - step, ... down to min_size."""
    min_size = min(min_size, size)
    out = []
    current = float(size)
    while current > min_size + 1e-9:
        out.append(current)
        current = round(current - step, 6)
    out.append(float(min_size))
    return out


def fit_block(
    source: str,
    theme: Theme,
    box: Box,
    *,
    size: float,
    min_size: float,
    color: str,
    font: FontRole = "body",
    bold: bool | None = None,
    italic: bool = False,
    align: Align = "left",
    valign: VAlign = "top",
    max_lines: int | None = None,
    tight: bool = False,
    tag: Tag | None = None,
) -> TextBlock:
    """Return text wrapped and sized into box (shrunk to min_size, then cut with an ellipsis).

    tight: shrink the box's height to the lines (for stacking blocks under each other).
    """
    chain = theme.font_chain(font, bold=bold, italic=italic)
    line_height = theme.sizes.line_height
    width = usable_width(box.w)  # PowerPoint wraps it again: a margin for its measure
    fitted = text.fit(source, chain, width, box.h, size, min_size, line_height, max_lines=max_lines)
    block = TextBlock(
        box=box,
        lines=fitted.lines,
        size=fitted.size,
        color=color,
        font=font,
        bold=bold,
        italic=italic,
        align=align,
        valign=valign,
        line_height=line_height,
        source=source,
        truncated=fitted.truncated,
        tag=tag or Tag("text"),
    )
    if tight:
        block = dataclasses.replace(block, box=Box(box.x, box.y, box.w, min(box.h, block.text_height)))
    return block


def wrap_paragraph(
    source: str,
    chain: FontChain,
    size: float,
    width: float,
    *,
    color: str,
    font: FontRole,
    line_height: float,
    bold: bool | None = None,
    italic: bool = False,
    bullet: str | None = None,
    space_before: float = 0.0,
    align: Align = "left",
) -> Paragraph:
    """Return one paragraph wrapped at size into width (less the bullet's indent)."""
    indent = text.bullet_indent(chain, size, bullet) if bullet else 0.0
    lines = tuple(text.wrap(source, chain, size, max(usable_width(width - indent), size)))
    return Paragraph(
        lines=lines,
        source=source,
        size=size,
        color=color,
        font=font,
        bold=bold,
        italic=italic,
        align=align,
        line_height=line_height,
        bullet=bullet,
        indent=indent,
        space_before=space_before,
    )


@dataclass(frozen=True)
class FittedList:
    """List items fitted into a box: their paragraphs, the size, and whether items were cut."""

    paragraphs: tuple[Paragraph, ...]
    size: float
    truncated: bool

    @property
    def height(self) -> float:
        """Return the height the paragraphs take."""
        return sum(p.height for p in self.paragraphs)


def fit_list(
    items: Sequence[str],
    theme: Theme,
    width: float,
    height: float,
    *,
    size: float,
    min_size: float,
    color: str,
    font: FontRole = "body",
    bold: bool | None = None,
    bullet: str | None = "•",
) -> FittedList:
    """Return items as bulleted paragraphs that fit width x height, shrinking, then cutting."""
    items = [item for item in items if item.strip()]
    chain = theme.font_chain(font, bold=bold)
    lh = theme.sizes.line_height
    if not items:
        return FittedList((), size, False)
    bullet = bullet if len(items) > 1 else None  # a single item reads better without one

    def paragraphs_at(s: float) -> list[Paragraph]:
        return [
            wrap_paragraph(
                item,
                chain,
                s,
                width,
                color=color,
                font=font,
                bold=bold,
                line_height=lh,
                bullet=bullet,
                space_before=s * GAP if i else 0.0,
            )
            for i, item in enumerate(items)
        ]

    candidates = sizes_between(size, min_size)
    for s in candidates:
        paras = paragraphs_at(s)
        if sum(p.height for p in paras) <= height + _EPS:
            return FittedList(tuple(paras), s, False)
    # Even the smallest size does not fit: keep the items that fit and cut where the space ends.
    s = candidates[-1]
    kept: list[Paragraph] = []
    used = 0.0
    for para in paragraphs_at(s):
        if used + para.height <= height + _EPS:
            kept.append(para)
            used += para.height
            continue
        lines_left = math.floor((height - used - para.space_before) / (s * lh) + 1e-9)
        if lines_left >= 1:
            width_left = width - para.indent
            cut = _ellipsize_lines(para.lines, lines_left, chain, s, width_left)
            kept.append(dataclasses.replace(para, lines=cut))
        elif kept:
            last = kept[-1]
            cut = _ellipsize_lines((*last.lines, "…"), len(last.lines), chain, s, width - last.indent)
            kept[-1] = dataclasses.replace(last, lines=cut)
        break
    return FittedList(tuple(kept), s, True)


def _ellipsize_lines(
    lines: Sequence[str], keep: int, chain: FontChain, size: float, width: float
) -> tuple[str, ...]:
    """Return the first `keep` lines, the last one ending with an ellipsis."""
    head = list(lines[:keep])
    rest = " ".join(lines[keep - 1 :])
    # fit() with room for one line cuts the joined rest with an ellipsis exactly where it fits.
    one = text.fit(rest + " …", chain, width, size * 2, size, size, 1.0, max_lines=1)
    head[-1] = one.lines[0] if one.lines else "…"
    return tuple(head)
