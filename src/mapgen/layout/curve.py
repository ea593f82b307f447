"""The emotion lane: a smooth curve through the steps' scores over a zero line, markers and words.

A score inferred from the emotion words (not given in the workbook) has a hollow marker, and the
line is dashed on either side of it; the lane's legend says so. A step whose feeling swings
("sceptical → reassured") has two points in its column, at a third and two thirds of its width:
a small marker where it starts, its marker where it ends, so the swing reads as a slope.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from mapgen.insights.moments import moment_indexes
from mapgen.layout.context import Context
from mapgen.layout.grid import Column
from mapgen.layout.labels import Anchor, Field, Variant, place, variants
from mapgen.layout.shapes import SAMPLES, emotion_marker, smooth
from mapgen.model import Step
from mapgen.scene import Box, Ellipse, Point, Polyline, Primitive, Rect, Tag, TextBlock

START_RADIUS = 0.55  # a swing's start marker, against the step's own: it reads as where it came from


def lowest_steps(ctx: Context) -> set[int]:
    """Return the indexes of the persona's moments that matter (the rule: mapgen.insights.moments)."""
    return moment_indexes(ctx.persona)


def curve_height(ctx: Context) -> float:
    """Return the height the emotion lane wants: room for the swing, words and a call-out."""
    sizes = ctx.theme.sizes
    return round(sizes.size("body") * 9, 2)


def _inferred(step: Step | None) -> bool:
    return step is not None and step.score_source == "inferred"


def _swings(col: Column) -> bool:
    return col.step is not None and col.step.score is not None and col.step.score_start is not None


def marker_x(col: Column) -> float:
    """Return the x of a step's marker: its column's middle, or two thirds across for a swing."""
    return col.x + col.w * 2 / 3 if _swings(col) else col.centre


def _points(col: Column, y_of: Callable[[float], float]) -> list[Point]:
    """Return the curve's points in a scored step's column: its score, after its start for a swing."""
    step = col.step
    if step is None or step.score is None:
        return []
    if step.score_start is None:
        return [(col.centre, y_of(step.score))]
    return [(col.x + col.w / 3, y_of(step.score_start)), (marker_x(col), y_of(step.score))]


def emotion_lane(
    ctx: Context, box: Box, columns: tuple[Column, ...], *, stage_wide: bool = False
) -> list[Primitive]:
    """Return the emotion curve of the columns' steps drawn in box: line, markers, words, call-out.

    Every word label and the moment-that-matters pill are placed by one rule (layout.labels):
    inside the lane, clear of each other, of every marker and of the line. A label stays within
    its step's column; stage_wide lets it use its stage's (the narrow slots of a stage-level view).
    """
    theme, name = ctx.theme, ctx.persona.name
    c, sizes = theme.colours, theme.sizes
    small = sizes.size("small")
    line = small * sizes.line_height
    unit = sizes.size("body") / 10  # marker sizes grow with the type
    radius = max(3.5 * unit, min(9.0 * unit, box.h * 0.07, min(col.w for col in columns) * 0.12))
    gap = 2.0 * unit
    # The highest marker keeps a line above it for its words, the lowest a line below, each
    # clear of the ring a moment that matters has round its marker.
    ring = radius + 3 * unit
    top = box.y + line + ring + 2 * gap
    bottom = box.bottom - line - ring - 2 * gap
    middle = (top + bottom) / 2
    swing = max(0.0, (bottom - top) / 2)
    out: list[Primitive] = [
        Polyline(
            ((columns[0].x, middle), (columns[-1].x + columns[-1].w, middle)),
            color=c.border,
            width=0.75 * unit,
            dash=(3.0 * unit, 3.0 * unit),
            tag=Tag("zero-line", persona=name),
        )
    ]

    def y_of(score: float) -> float:
        return middle - max(-1.0, min(1.0, score)) * swing

    # One line per run of scored steps: a step without a score breaks the line, never a zero.
    runs: list[list[Column]] = [[]]
    for col in columns:
        if col.step is not None and col.step.score is not None:
            runs[-1].append(col)
        elif col.step is not None and runs[-1]:
            runs.append([])
    sampled: list[list[Point]] = []
    for run in runs:
        knots = [(point, _inferred(col.step)) for col in run for point in _points(col, y_of)]
        if len(knots) < 2:
            continue
        points = smooth([point for point, _ in knots])
        sampled.append(points)
        out += _line(ctx, points, [inferred for _, inferred in knots], theme.style.curve_width)

    field = Field(box, sampled, theme.style.curve_width / 2 + gap / 2)
    spans: dict[str, tuple[float, float]] = {}
    for col in columns:
        left, right = spans.get(col.stage, (col.x, col.right))
        spans[col.stage] = (min(left, col.x), max(right, col.right))

    def reach(col: Column) -> tuple[float, float]:
        left, right = spans[col.stage] if stage_wide else (col.x, col.right)
        return left + 1, right - 1

    moments = lowest_steps(ctx)
    anchors: list[tuple[Column, Anchor]] = []
    scores = {
        col.index: col.step.score for col in columns if col.step is not None and col.step.score is not None
    }
    for col in columns:
        step = col.step
        if step is None or step.score is None:
            continue
        y, x = y_of(step.score), marker_x(col)
        around_marker = ring if col.index in moments else radius
        field.take(_around(x, y, around_marker + 1))
        if step.score_start is not None:
            out += _start_marker(ctx, col, y_of(step.score_start), radius * START_RADIUS, unit)
            field.take(_around(col.x + col.w / 3, y_of(step.score_start), radius * START_RADIUS + 1))
        colour = c.emotion_colour(step.score)
        if col.index in moments:
            out.append(
                Ellipse(
                    Box(x - ring, y - ring, 2 * ring, 2 * ring),
                    stroke=c.accent,
                    stroke_width=1.5 * unit,
                    tag=Tag("moment", persona=name, stage=col.stage, step=col.index),
                )
            )
        marker = emotion_marker(
            theme,
            x,
            y,
            radius,
            colour,
            step.score,
            True,
            name,
            col.index or 0,
            hollow=_inferred(step),
        )
        out += [_with_stage(m, col.stage) for m in marker]
        around = [scores[i] for i in ((col.index or 0) - 1, (col.index or 0) + 1) if i in scores]
        valley = not around or step.score <= sum(around) / len(around)
        anchors.append((col, Anchor(x, y, around_marker, *reach(col), valley)))

    # The call-outs first, so the words make room for them; then the moments' words, then the rest.
    for col, anchor in anchors:
        if col.index in moments:
            out += _moment_pill(ctx, field, col, anchor, box, gap)
    anchors.sort(key=lambda pair: (pair[0].index not in moments, pair[0].x))
    for col, anchor in anchors:
        out += _words(ctx, field, col, anchor, gap, c.text, italic=False)
    for col in columns:
        step = col.step
        if step is not None and step.score is None:
            anchor = Anchor(col.centre, middle, 0.0, *reach(col), False)
            out += _words(ctx, field, col, anchor, gap, c.muted, italic=True)
    return out


def _around(x: float, y: float, r: float) -> Box:
    return Box(x - r, y - r, 2 * r, 2 * r)


def _start_marker(ctx: Context, col: Column, y: float, r: float, unit: float) -> list[Primitive]:
    """Return the small ring where a step's swing starts, in the colour of that feeling."""
    step = col.step
    if step is None or step.score_start is None:
        return []
    colour = ctx.theme.colours.emotion_colour(step.score_start)
    ring = Ellipse(
        _around(col.x + col.w / 3, y, r),
        fill=ctx.theme.colours.background,
        stroke=colour,
        stroke_width=max(1.0, 1.2 * unit),
        tag=Tag("swing-start", persona=ctx.persona.name, step=col.index),
    )
    return [_with_stage(ring, col.stage)]


def _line(ctx: Context, points: list[Point], inferred: list[bool], width: float) -> list[Primitive]:
    """Return a run's sampled line: solid, dashed where a segment touches an inferred score."""
    theme, name = ctx.theme, ctx.persona.name
    per = SAMPLES if len(inferred) >= 3 else 1  # smooth() samples each interval, or keeps two points
    dashed = [inferred[i] or inferred[i + 1] for i in range(len(inferred) - 1)]
    out: list[Primitive] = []
    start = 0
    for i in range(1, len(dashed) + 1):
        if i < len(dashed) and dashed[i] == dashed[start]:
            continue
        part = points[start * per : i * per + 1]
        dash = (width * 2.2, width * 1.6) if dashed[start] else ()
        out.append(
            Polyline(
                tuple((round(x, 2), round(y, 2)) for x, y in part),
                color=theme.colours.curve,
                width=width,
                dash=dash,
                tag=Tag("curve", persona=name),
            )
        )
        start = i
    return out


def _words(
    ctx: Context, field: Field, col: Column, anchor: Anchor, gap: float, colour: str, *, italic: bool
) -> list[Primitive]:
    """Return a step's emotion words placed by the rule, or nothing (reported) when they have no room."""
    step = col.step
    if step is None:
        return []
    words = ", ".join(e.strip() for e in step.emotions if e.strip())
    if not words:
        return []
    theme = ctx.theme
    sizes = theme.sizes
    chain = theme.font_chain("body", italic=italic)
    small = sizes.size("small")
    options = variants(
        words,
        chain,
        anchor.right - anchor.left,
        small,
        min(sizes.minimum, small),
        sizes.line_height,
        theme.language,
    )
    tag = Tag("emotion-label", persona=ctx.persona.name, stage=col.stage, lane="emotions", step=col.index)
    placed = place(field, anchor, options, gap)
    if placed is None:
        ctx.warn(
            f"the emotion words {words!r} are left out of the curve: no room beside the marker "
            "without covering the line, a marker or other words; shorten them",
            tag,
            step,
        )
        return []
    variant, box = placed
    if variant.truncated:
        ctx.warn(f"the emotion words {words!r} are shortened to fit beside the marker; {ctx.hint}", tag, step)
    return [_block(variant, box, words, colour, tag, theme.sizes.line_height, italic=italic)]


def _block(
    variant: Variant,
    box: Box,
    source: str,
    colour: str,
    tag: Tag,
    line_height: float,
    *,
    italic: bool = False,
    bold: bool | None = None,
) -> TextBlock:
    return TextBlock(
        box=box,
        lines=variant.lines,
        size=variant.size,
        color=colour,
        bold=bold,
        italic=italic,
        align="center",
        valign="middle",
        line_height=line_height,
        source=source,
        truncated=variant.truncated,
        tag=tag,
    )


def _moment_pill(
    ctx: Context, field: Field, col: Column, anchor: Anchor, lane: Box, gap: float
) -> list[Primitive]:
    """Return the "moment that matters" pill by its marker, as wide as its words, clear of the rest."""
    theme = ctx.theme
    c, sizes = theme.colours, theme.sizes
    small = sizes.size("small")
    words = theme.labels.moment_that_matters
    chain = theme.font_chain("body", bold=True)
    pad = small * 0.35
    # A call-out may reach half its label's room past it on either side.
    half = (anchor.right - anchor.left) / 2
    reach = Anchor(
        anchor.x,
        anchor.y,
        anchor.radius,
        max(lane.x, anchor.left - half),
        min(lane.right, anchor.right + half),
        not anchor.below_first,  # the words take the valley's underside: the pill goes over it
    )
    options = variants(
        words,
        chain,
        reach.right - reach.left,
        small,
        min(sizes.minimum, small),
        sizes.line_height,
        theme.language,
        pad=pad,
    )
    tag = Tag("moment", persona=ctx.persona.name, stage=col.stage, step=col.index)
    placed = place(field, reach, options, gap)
    if placed is None:
        ctx.warn("the “moment that matters” call-out is left out: no room by its marker", tag, col.step)
        return []
    variant, box = placed
    inner = Box(box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad)
    return [
        Rect(box, fill=c.accent, radius=min(box.h / 2, box.w / 2), tag=tag),
        _block(variant, inner, words, c.on_accent, tag, sizes.line_height, bold=True),
    ]


def curve_legend(
    ctx: Context, box: Box, *, inferred: bool, scale: str | None = None
) -> tuple[list[Primitive], float]:
    """Return the curve lane's legend, set from the bottom of box up, and the y where it begins.

    It says that hollow markers are scores inferred from the emotion words (when there are any)
    and, below, the workbook's own scale in words ("Scale: -5 to +5") when the caller gives one.
    """
    theme = ctx.theme
    c, sizes = theme.colours, theme.sizes
    small = sizes.size("small")
    line = small * sizes.line_height
    out: list[Primitive] = []
    y = box.bottom
    tag = Tag("legend", persona=ctx.persona.name, lane="emotions")

    def bottom_block(words: str, x: float, lines: int, what: str) -> TextBlock:
        room = min(lines * line, max(y - box.y, 0.0))
        block = ctx.text(
            words,
            Box(x, y - room, box.right - x, room),
            tag,
            size=small,
            color=c.muted,
            max_lines=lines,
            what=what,
        )
        return dataclasses.replace(block, box=Box(x, y - block.text_height, box.right - x, block.text_height))

    if scale:
        block = bottom_block(scale, box.x, 2, "scale")
        out.append(block)
        y = block.box.y - 2
    if inferred:
        r = small * 0.32
        block = bottom_block(theme.labels.inferred_score, box.x + 2 * r + small * 0.4, 3, "legend")
        if block.lines:
            out.append(
                Ellipse(
                    Box(box.x, block.box.y + line / 2 - r, 2 * r, 2 * r),
                    fill=c.background,
                    stroke=c.curve,
                    stroke_width=max(1.0, r * 0.45),
                    tag=Tag("legend-marker", persona=ctx.persona.name, lane="emotions"),
                )
            )
            out.append(block)
            y = block.box.y - 2
    return out, y


def _with_stage(item: Primitive, stage: str) -> Primitive:
    return dataclasses.replace(item, tag=dataclasses.replace(item.tag, stage=stage, lane="emotions"))
