"""Flow paragraphs into columns and onto further slides (agenda, next steps); pure, no python-pptx.

A unit is one fitted paragraph; a heading keeps with the paragraph after it, and a unit can
start a new column. Columns fill in order and a page is full when its last column is. fit_flow
picks the largest type size at which everything fits on one slide (else the smallest, over
several slides), and balances the columns so they end at about the same height.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mapgen import text
from mapgen.renderers.pptx.deck import Paragraph, PlanItem, TextFrame
from mapgen.renderers.pptx.plan.common import Ctx
from mapgen.renderers.pptx.plan.look import usable_width
from mapgen.scene import Box, Rect, Tag

__all__ = ["Column", "Unit", "column_boxes", "columns_items", "fit_flow", "flow", "heading_unit"]

_EPS = 1e-6


@dataclass(frozen=True)
class Unit:
    """A paragraph flowed into columns; a heading keeps with the paragraph after it."""

    paragraph: Paragraph
    chip: str | None = None  # a colour square beside a heading
    keep_with_next: bool = False
    column_break: bool = False  # start a new column (a section of its own)
    section: bool = False  # starts a section kept in one column when it fits one
    source: str = ""


Column = tuple[Box, list[Unit]]


def column_boxes(body: Box, count: int, gap: float) -> list[Box]:
    """Return count columns of equal width across body."""
    width = (body.w - gap * (count - 1)) / count
    return [Box(round(body.x + i * (width + gap), 3), body.y, round(width, 3), body.h) for i in range(count)]


def _height(unit: Unit, first: bool) -> float:
    p = unit.paragraph
    return p.height - (p.space_before if first else 0.0)


def flow(units: Sequence[Unit], columns: Sequence[Box], limit: float | None = None) -> list[list[Column]]:
    """Return pages of columns, each with the units that fit it (up to limit points high), in order."""
    pages: list[list[Column]] = []
    page: list[Column] = []
    current: list[Unit] = []
    used = 0.0
    col = 0
    i = 0
    while i < len(units):
        unit = units[i]
        room = min(columns[col].h, limit) if limit is not None else columns[col].h
        need = _height(unit, not current)
        if unit.keep_with_next and i + 1 < len(units):
            nxt = units[i + 1].paragraph
            # The heading goes with all of the next paragraph, unless that is taller than a column.
            lines = len(nxt.lines) if nxt.height < columns[col].h / 2 else 2
            need += nxt.space_before + lines * nxt.size * nxt.line_height
        breaks = unit.column_break and bool(current)
        if unit.section and current and not breaks:
            whole = _section_height(units, i)
            # A section that fits a column of its own is not split between two.
            breaks = used + whole > room + _EPS and whole <= room + _EPS
        if not breaks and (used + need <= room + _EPS or not current):
            if not current and _height(unit, True) > columns[col].h + _EPS:
                unit = _cut(unit, columns[col].h)
            current.append(_first(unit) if not current else unit)
            used += _height(unit, len(current) == 1)
            i += 1
            continue
        page.append((columns[col], current))
        current, used = [], 0.0
        col += 1
        if col == len(columns):
            pages.append(page)
            page, col = [], 0
    if current:
        page.append((columns[col], current))
    if page:
        pages.append(page)
    return pages


def _section_height(units: Sequence[Unit], start: int) -> float:
    """Return the height of the section starting at units[start], up to the next section."""
    total = _height(units[start], True)
    for unit in units[start + 1 :]:
        if unit.section:
            break
        total += _height(unit, False)
    return total


def _balanced(units: Sequence[Unit], columns: Sequence[Box]) -> list[Column]:
    """Return a one-page flow whose longest column is as short as it can be."""
    low = max((_height(u, True) for u in units), default=0.0)
    high = columns[0].h
    best = flow(units, columns)[0]
    for _ in range(14):
        if high - low < 1.0:
            break
        middle = (low + high) / 2
        pages = flow(units, columns, limit=middle)
        if len(pages) == 1:
            best, high = pages[0], middle
        else:
            low = middle
    return best


def fit_flow(
    build: Callable[[float], list[Unit]], columns: Sequence[Box], sizes: Sequence[float]
) -> list[list[Column]]:
    """Return units at the largest size that fits one slide (balanced), else pages at the last size."""
    for size in sizes:
        units = build(size)
        if not units:
            return [[]]
        pages = flow(units, columns)
        if len(pages) == 1:
            if any(u.column_break for u in units[1:]):
                return pages
            return [_balanced(units, columns)]
    return pages


def _first(unit: Unit) -> Unit:
    """Return the unit without space before: it starts a column."""
    if not unit.paragraph.space_before:
        return unit
    return dataclasses.replace(unit, paragraph=dataclasses.replace(unit.paragraph, space_before=0.0))


def _cut(unit: Unit, height: float) -> Unit:
    """Return a unit taller than a whole column cut to it, its last line ending with an ellipsis."""
    p = unit.paragraph
    keep = max(1, math.floor(height / (p.size * p.line_height) + 1e-9))
    if keep >= len(p.lines):
        return unit
    lines = (*p.lines[: keep - 1], p.lines[keep - 1].rstrip(" ,;:") + text.ELLIPSIS)
    return dataclasses.replace(unit, paragraph=dataclasses.replace(p, lines=lines))


def columns_items(ctx: Ctx, page: Sequence[Column], tag: Tag) -> list[PlanItem]:
    """Return a page of flowed columns as text frames, with the chips beside their headings."""
    items: list[PlanItem] = []
    for box, units in page:
        y = box.y
        for k, unit in enumerate(units):
            p = unit.paragraph
            top = y + (p.space_before if k else 0.0)
            if unit.chip:
                side = round(p.size * 0.8, 2)
                pitch = p.size * p.line_height
                items.append(
                    Rect(
                        Box(box.x, round(top + (pitch - side) / 2, 3), side, side),
                        fill=unit.chip,
                        radius=round(side * 0.2, 2),
                        tag=Tag("chip"),
                    )
                )
            y = top + len(p.lines) * p.size * p.line_height
        cut = any(u.paragraph.lines and u.paragraph.lines[-1] != _last_line(u) for u in units)
        items.append(
            TextFrame(
                Box(box.x, box.y, box.w, round(y - box.y, 3)),
                tuple(u.paragraph for u in units),
                source="\n".join(u.source for u in units),
                truncated=cut,
                tag=tag,
            )
        )
    return items


def _last_line(unit: Unit) -> str:
    """Return what the unit's last line is when nothing was cut (compared without spaces)."""
    last = unit.paragraph.lines[-1]
    whole = "".join(unit.source.split())
    return last if whole.endswith("".join(last.split())) else ""


def heading_unit(
    ctx: Ctx, source: str, width: float, size: float, chip: str | None, space_before: float
) -> Unit:
    """Return a bold heading that keeps with what follows, with room for a colour chip beside it."""
    chain = ctx.theme.font_chain("heading", bold=True)
    indent = round(size * 1.4, 2) if chip else 0.0
    lines = tuple(text.wrap(source, chain, size, max(usable_width(width - indent), size))) or (source,)
    para = Paragraph(
        lines=lines,
        source=source,
        size=size,
        color=ctx.c.text,
        font="heading",
        bold=True,
        line_height=ctx.lh,
        indent=indent,
        space_before=space_before,
    )
    return Unit(para, chip=chip, keep_with_next=True, section=True, source=source)
