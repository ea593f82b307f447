"""A canvas's cards: a lane's items for a step (or a whole stage) fitted at the map's one card size.

What does not fit is summarised, never cut mid-word: the list items that fit are kept and the
rest counted ("+2 more"); a single text too long is shortened at a word boundary with an
ellipsis. Each summary is reported, naming the persona, stage, lane and cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from mapgen import text
from mapgen.layout.context import Context
from mapgen.layout.grid import Column
from mapgen.layout.lanes import Lane
from mapgen.model import Step
from mapgen.scene import Box, Primitive, Rect, Tag, TextBlock

GUTTER = 4.0  # between neighbouring cards, in points of the slide canvas
BULLET = "• "

Item = tuple[str, Step]  # an item and the step (the cell) it comes from


def lane_items(lane: Lane, steps: Sequence[Step]) -> list[Item]:
    """Return a lane's items over steps, each once, in journey order: one step's or a stage's."""
    seen: set[str] = set()
    out: list[Item] = []
    for step in steps:
        for item in lane.items(step):
            key = " ".join(item.casefold().split())
            if key not in seen:
                seen.add(key)
                out.append((item, step))
    return out


def joined(items: Sequence[tuple[str, Step | None]]) -> str:
    """Return items as a card shows them: one plain text, or a line per bulleted item."""
    if len(items) == 1:
        return items[0][0]
    return "\n".join(BULLET + item for item, _ in items)


def bar_width(ctx: Context, lane: Lane) -> float:
    """Return the width of the coloured bar that marks a pain point or an idea card."""
    return 4.0 * ctx.theme.sizes.size("body") / 10 if lane.kind in ("pain", "idea") else 0.0


def text_width(ctx: Context, lane: Lane, column_width: float) -> float:
    """Return the width a card's text has in a column of the given width."""
    unit = ctx.theme.sizes.size("body") / 10
    return max(column_width - GUTTER * unit - 2 * ctx.pad - bar_width(ctx, lane), 1.0)


def needed_lines(ctx: Context, lane: Lane, items: Sequence[Item], width: float, size: float) -> int:
    """Return how many lines the items take at size in a card's text width."""
    if not items:
        return 0
    chain = ctx.theme.font_chain("body", italic=lane.id == "thoughts")
    return len(text.wrap(joined(items), chain, size, width, language=ctx.theme.language))


def fit_items(ctx: Context, lane: Lane, items: Sequence[Item], box: Box, size: float, tag: Tag) -> TextBlock:
    """Return a lane's items set at size in box: all of them, else the first that fit and "+N more"."""
    label = ctx.lane_label(lane.id).lower()
    return fit_list(ctx, items, box, size, tag, label, italic=lane.id == "thoughts")


def fit_list(
    ctx: Context,
    items: Sequence[tuple[str, Step | None]],
    box: Box,
    size: float,
    tag: Tag,
    label: str,
    *,
    italic: bool = False,
    color: str | None = None,
    min_size: float | None = None,
) -> TextBlock:
    """Return items set in box: all, else the first that fit and "+N more", each cut reported.

    At size, else smaller down to min_size (default: size); then, at min_size, the first items that
    fit and a count of the rest. A single text, or the first item when even it does not fit, is
    shortened at a word boundary. label names the items in the warnings ("pain points", "goals").
    """
    theme = ctx.theme
    lh = theme.sizes.line_height
    chain = theme.font_chain("body", italic=italic)
    count = len(items)

    least = min(min_size or size, size)
    result = text.FittedText((), size, False, lh)
    if items:
        result = text.fit(joined(items), chain, box.w, box.h, size, least, lh, language=theme.language)
    lines, truncated, size = result.lines, result.truncated, result.size
    line = size * lh

    def fitted(shown: Sequence[tuple[str, Step | None]], height: float) -> text.FittedText:
        return text.fit(joined(shown), chain, box.w, height, size, size, lh, language=theme.language)

    if truncated and count > 1 and box.h >= 2 * line - 1e-6:
        for shown in range(count - 1, 0, -1):
            part = fitted(items[:shown], box.h - line)
            if not part.truncated or shown == 1:
                more = f"+{count - shown} {theme.labels.more}"
                lines = (*part.lines, more)
                ctx.warn(
                    f"{count - shown} of {count} {label} left out (“{more}”) to fit the map; {ctx.hint}",
                    tag,
                    items[shown][1],
                )
                if part.truncated:
                    ctx.warn(f"the {label} text is shortened to fit the map; {ctx.hint}", tag, items[0][1])
                break
    elif truncated:
        first = items[0][1] if items else None
        ctx.warn(f"the {label} text is shortened to fit the map; {ctx.hint}", tag, first)
    return TextBlock(
        box=box,
        lines=lines,
        size=size,
        color=color or theme.colours.text,
        italic=italic,
        line_height=lh,
        source=joined(items),
        truncated=truncated,
        tag=tag,
    )


def cards(
    ctx: Context,
    lane: Lane,
    columns: Sequence[Column],
    steps_of: Sequence[Sequence[Step]],
    y: float,
    height: float,
    size: float,
) -> list[Primitive]:
    """Return a lane's cards, one per column with something to show, all at the one card size."""
    theme, name = ctx.theme, ctx.persona.name
    c, pad = theme.colours, ctx.pad
    unit = theme.sizes.size("body") / 10
    fill = {"pain": c.pain_surface, "idea": c.opportunity_surface}.get(lane.kind, c.surface)
    bar = bar_width(ctx, lane)
    out: list[Primitive] = []
    for col, steps in zip(columns, steps_of, strict=True):
        items = lane_items(lane, steps)
        if not items:
            continue
        tag = Tag("card", persona=name, stage=col.stage, lane=lane.id, step=col.index)
        box = Box(col.x + GUTTER * unit / 2, y, col.w - GUTTER * unit, height)
        out.append(Rect(box, fill=fill, radius=theme.style.corner_radius, tag=tag))
        if bar:
            colour = c.pain if lane.kind == "pain" else c.opportunity
            mark = Tag(f"{lane.kind}-mark", persona=name, stage=col.stage, lane=lane.id, step=col.index)
            out.append(Rect(Box(box.x, box.y, bar, box.h), fill=colour, tag=mark))
        inner = Box(box.x + bar + pad, box.y + pad, text_width(ctx, lane, col.w), box.h - 2 * pad)
        text_tag = Tag("card-text", persona=name, stage=col.stage, lane=lane.id, step=col.index)
        out.append(fit_items(ctx, lane, items, inner, size, text_tag))
    return out
