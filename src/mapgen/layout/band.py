"""One band of a journey map: the stage headers and, below them, a row per lane."""

from __future__ import annotations

from mapgen import text
from mapgen.layout.context import Context
from mapgen.layout.curve import curve_height, curve_legend, emotion_lane
from mapgen.layout.grid import Band, Column
from mapgen.layout.lanes import Lane
from mapgen.layout.stages import stage_bar, stage_row_height
from mapgen.scene import Box, Ellipse, Polyline, Primitive, Rect, Tag

GUTTER = 4.0  # between neighbouring cards, in points
LANE_GAP = 5.0


def card_size(ctx: Context) -> float:
    """Return the preferred size of card text: small, as dense maps are set in the field."""
    return ctx.theme.sizes.size("small")


def lane_heights(ctx: Context, lanes: list[Lane], bands: list[Band], *, least: bool = False) -> list[float]:
    """Return the height each lane needs for its tallest card at the preferred size.

    least=True gives what each lane needs with its text at the theme's minimum size instead.
    """
    sizes, pad = ctx.theme.sizes, ctx.pad
    size = min(sizes.minimum, card_size(ctx)) if least else card_size(ctx)
    heights = []
    for lane in lanes:
        if lane.kind == "curve":
            heights.append(curve_height(ctx) * (0.7 if least else 1.0))
            continue
        chain = _chain(ctx, lane)
        lines = 1
        for band in bands:
            for col in band.columns:
                source = lane.text(col.step)
                if source:
                    width = col.w - GUTTER - 2 * pad - _bar(lane)
                    lines = max(lines, len(text.wrap(source, chain, size, max(width, 1.0))))
        heights.append(lines * size * sizes.line_height + 2 * pad)
    return heights


def minimum_heights(ctx: Context, lanes: list[Lane]) -> list[float]:
    """Return the least height of each lane: one line at the minimum size, or a flat curve."""
    sizes = ctx.theme.sizes
    one_line = sizes.minimum * sizes.line_height + 2 * ctx.pad
    return [curve_height(ctx) * 0.55 if lane.kind == "curve" else one_line for lane in lanes]


def _bar(lane: Lane) -> float:
    """Return the width of the coloured bar that marks a pain point or an idea card."""
    return 4.0 if lane.kind in ("pain", "idea") else 0.0


def _chain(ctx: Context, lane: Lane) -> text.FontChain:
    return ctx.theme.font_chain("body", italic=lane.id == "thoughts")


def lane_label(ctx: Context, lane: Lane, box: Box) -> list[Primitive]:
    """Return a lane's label in the left column, with a pain or idea mark when it is one."""
    c, sizes = ctx.theme.colours, ctx.theme.sizes
    tag = Tag("lane-label", persona=ctx.persona.name, lane=lane.id)
    out: list[Primitive] = []
    x = box.x
    if lane.kind in ("pain", "idea"):
        dot = sizes.size("small")
        colour = c.pain if lane.kind == "pain" else c.opportunity
        out.append(
            Ellipse(
                Box(x, box.y + ctx.pad + 1, dot, dot), fill=colour, tag=Tag(f"{lane.kind}-mark", lane=lane.id)
            )
        )
        x += dot + 4
    out.append(
        ctx.text(
            lane.label,
            Box(x, box.y + ctx.pad - 1, box.right - x, box.h - ctx.pad),
            tag,
            size=sizes.size("small") + 0.5,
            color=c.muted,
            role="heading",
            bold=True,
            what="lane label",
        )
    )
    return out


def lane_cards(
    ctx: Context, lane: Lane, columns: tuple[Column, ...], y: float, height: float
) -> list[Primitive]:
    """Return the cards of one lane: a rounded box and its fitted text per step."""
    theme, name = ctx.theme, ctx.persona.name
    c, pad = theme.colours, ctx.pad
    fill = {"pain": c.pain_surface, "idea": c.opportunity_surface}.get(lane.kind, c.surface)
    out: list[Primitive] = []
    for col in columns:
        source = lane.text(col.step)
        if not source:
            continue
        tag = Tag("card", persona=name, stage=col.stage, lane=lane.id, step=col.index)
        box = Box(col.x + GUTTER / 2, y, col.w - GUTTER, height)
        out.append(Rect(box, fill=fill, radius=theme.style.corner_radius, tag=tag))
        bar = _bar(lane)
        if bar:
            colour = c.pain if lane.kind == "pain" else c.opportunity
            out.append(
                Rect(
                    Box(box.x, box.y, bar, box.h),
                    fill=colour,
                    tag=Tag(f"{lane.kind}-mark", persona=name, stage=col.stage, lane=lane.id, step=col.index),
                )
            )
        out.append(
            ctx.text(
                source,
                Box(box.x + bar + pad, box.y + pad, box.w - bar - 2 * pad, box.h - 2 * pad),
                Tag("card-text", persona=name, stage=col.stage, lane=lane.id, step=col.index),
                size=card_size(ctx),
                color=c.text,
                italic=lane.id == "thoughts",
                step=col.step,
                what=f"{lane.label.lower()} text",
            )
        )
    return out


def band_items(
    ctx: Context, band: Band, lanes: list[Lane], heights: list[float], label_box: Box, top: float
) -> list[Primitive]:
    """Return a whole band from top down: stage headers, then each lane with its label and cards."""
    c = ctx.theme.colours
    row = stage_row_height(ctx)
    out = stage_bar(ctx, band.stages, top, row)
    y = top + row + LANE_GAP
    columns = band.columns
    left, right = label_box.x, columns[-1].x + columns[-1].w
    # Faint stage dividers behind the lanes help the eye follow a stage down the page.
    bottom = y + sum(heights) + LANE_GAP * (len(lanes) - 1)
    for stage in band.stages[1:]:
        out.append(
            Polyline(((stage.x - 1, y), (stage.x - 1, bottom)), color=c.border, width=0.5, tag=Tag("grid"))
        )
    for lane, height in zip(lanes, heights, strict=True):
        out.append(
            Polyline(
                ((left, y - LANE_GAP / 2), (right, y - LANE_GAP / 2)),
                color=c.border,
                width=0.5,
                tag=Tag("grid"),
            )
        )
        if lane.kind == "curve":
            inferred = any(c.step is not None and c.step.score_source == "inferred" for c in columns)
            legend, top = curve_legend(ctx, Box(label_box.x, y, label_box.w, height), inferred=inferred)
            out += lane_label(ctx, lane, Box(label_box.x, y, label_box.w, top - y))
            out += legend
            out += emotion_lane(ctx, Box(columns[0].x, y, right - columns[0].x, height), columns)
        else:
            out += lane_label(ctx, lane, Box(label_box.x, y, label_box.w, height))
            out += lane_cards(ctx, lane, columns, y, height)
        y += height + LANE_GAP
    return out


def band_height(ctx: Context, heights: list[float]) -> float:
    """Return the height of a band whose lanes have these heights."""
    return stage_row_height(ctx) + LANE_GAP + sum(heights) + LANE_GAP * max(0, len(heights) - 1)
