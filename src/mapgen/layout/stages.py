"""The stage bar: a chevron (or band) per stage, every name set in one size that fits them all."""

from __future__ import annotations

from collections.abc import Sequence

from mapgen import text
from mapgen.layout.context import Context
from mapgen.layout.grid import StageSpan
from mapgen.scene import Box, Polygon, Primitive, Rect, Tag

STEP = 0.5  # points between the sizes tried


def stage_row_height(ctx: Context) -> float:
    """Return the height of the stage bar: two lines of the h3 size."""
    sizes = ctx.theme.sizes
    return round(sizes.size("h3") * sizes.line_height * 2 + 4, 2)


def _inner_boxes(ctx: Context, spans: Sequence[StageSpan], y: float, height: float) -> list[Box]:
    """Return the box each stage's name is set in, clear of the chevron's notch and tip."""
    chevron = ctx.theme.style.stage_shape == "chevron"
    tip = height * 0.32 if chevron else 0.0
    boxes = []
    for n, stage in enumerate(spans):
        w = stage.w - 2
        if chevron:
            notch = tip if n > 0 else 0.0
            boxes.append(Box(stage.x + max(notch, 4) + 2, y + 2, w - tip - max(notch, 4) - 4, height - 4))
        else:
            boxes.append(Box(stage.x + 6, y + 2, w - 12, height - 4))
    return boxes


def shared_size(ctx: Context, names: Sequence[str], boxes: Sequence[Box]) -> float:
    """Return the one size every stage name is set in: the largest at which each fits its box.

    Whole words first, at sizes from h3 down to the minimum; then, when a single word is too long
    even at the minimum, the largest size at which every name fits with hyphenation. When nothing
    fits, the minimum, at which the names that still do not fit are cut with an ellipsis.
    """
    theme = ctx.theme
    sizes = theme.sizes
    chain = theme.font_chain("heading", bold=True)
    top, floor = sizes.size("h3"), min(sizes.minimum, sizes.size("h3"))
    candidates = []
    current = top
    while current > floor + 1e-9:
        candidates.append(current)
        current = round(current - STEP, 6)
    candidates.append(floor)

    def fits(size: float, language: str | None) -> bool:
        for name, box in zip(names, boxes, strict=True):
            fitted = text.fit(
                name,
                chain,
                max(box.w, 1.0),
                max(box.h, 1.0),
                size,
                size,
                sizes.line_height,
                max_lines=2,
                language=language,
            )
            if fitted.truncated:
                return False
        return True

    for language in (None, theme.language):
        for size in candidates:
            if fits(size, language):
                return size
    return floor


def stage_bar(ctx: Context, spans: Sequence[StageSpan], y: float, height: float) -> list[Primitive]:
    """Return the stage chevrons (or bands) across the top of the lanes, in journey order."""
    theme, name = ctx.theme, ctx.persona.name
    c = theme.colours
    chevron = theme.style.stage_shape == "chevron"
    tip = height * 0.32 if chevron else 0.0
    boxes = _inner_boxes(ctx, spans, y, height)
    size = shared_size(ctx, [s.name for s in spans], boxes)
    out: list[Primitive] = []
    for n, (stage, inner) in enumerate(zip(spans, boxes, strict=True)):
        tag = Tag("stage", persona=name, stage=stage.name)
        x, w = stage.x, stage.w - 2
        fill = c.stage_colour(stage.index)
        if chevron:
            notch = tip if n > 0 else 0.0
            points = (
                (x, y),
                (x + w - tip, y),
                (x + w, y + height / 2),
                (x + w - tip, y + height),
                (x, y + height),
                (x + notch, y + height / 2),
            )
            out.append(Polygon(tuple((round(px, 2), round(py, 2)) for px, py in points), fill=fill, tag=tag))
        else:
            out.append(Rect(Box(x, y, w, height), fill=fill, radius=theme.style.corner_radius, tag=tag))
        out.append(
            ctx.text(
                stage.name,
                inner,
                Tag("stage-header", persona=name, stage=stage.name),
                size=size,
                min_size=size,
                color=c.on_stage_colour(stage.index),
                role="heading",
                bold=True,
                align="center",
                valign="middle",
                max_lines=2,
                what="stage name",
            )
        )
    return out
