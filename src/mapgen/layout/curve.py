"""The emotion lane: a smooth curve through the steps' scores over a zero line, markers and words."""

from __future__ import annotations

from mapgen import text
from mapgen.layout.context import Context
from mapgen.layout.grid import Column
from mapgen.layout.shapes import emotion_marker, smooth
from mapgen.scene import Box, Ellipse, Point, Polyline, Primitive, Rect, Tag

MOMENTS = 2  # at most this many lowest points are called out, so the call-out keeps its weight


def lowest_steps(ctx: Context) -> set[int]:
    """Return the indexes of the persona's lowest-scored steps: its moments that matter."""
    scored = [(s.score, i) for i, s in enumerate(ctx.persona.steps) if s.score is not None]
    if len(scored) < 2:
        return set()
    low = min(score for score, _ in scored)
    if low >= max(score for score, _ in scored):
        return set()  # a flat journey has no low point to call out
    return {i for score, i in scored if score == low}.intersection(i for _, i in sorted(scored)[:MOMENTS])


def curve_height(ctx: Context) -> float:
    """Return the height the emotion lane wants: room for the swing, words and a call-out."""
    sizes = ctx.theme.sizes
    return round(sizes.size("body") * 9, 2)


def emotion_lane(ctx: Context, box: Box, columns: tuple[Column, ...]) -> list[Primitive]:
    """Return the emotion curve of the columns' steps drawn in box."""
    theme, name = ctx.theme, ctx.persona.name
    c, sizes = theme.colours, theme.sizes
    small = sizes.size("small")
    line = small * sizes.line_height
    radius = max(3.5, min(9.0, box.h * 0.07, min(col.w for col in columns) * 0.12))
    pill = line + 4
    top = box.y + radius + 2
    bottom = box.bottom - radius - line - 4  # room for the emotion words under the lowest marker
    middle = (top + bottom) / 2
    swing = max(0.0, (bottom - top) / 2)
    out: list[Primitive] = [
        Polyline(
            ((columns[0].x, middle), (columns[-1].x + columns[-1].w, middle)),
            color=c.border,
            width=0.75,
            dash=(3.0, 3.0),
            tag=Tag("zero-line", persona=name),
        )
    ]

    def y_of(score: float) -> float:
        return middle - max(-1.0, min(1.0, score)) * swing

    # One polyline per run of scored steps: a step without a score breaks the line, never a zero.
    run: list[Point] = []
    runs: list[list[Point]] = []
    for col in columns:
        if col.step is not None and col.step.score is not None:
            run.append((col.centre, y_of(col.step.score)))
        elif col.step is not None:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for points in runs:
        if len(points) > 1:
            out.append(
                Polyline(
                    tuple((round(x, 2), round(y, 2)) for x, y in smooth(points)),
                    color=c.primary,
                    width=theme.style.curve_width,
                    tag=Tag("curve", persona=name),
                )
            )

    moments = lowest_steps(ctx)
    for col in columns:
        step = col.step
        if step is None:
            continue
        tag = Tag("emotion-label", persona=name, stage=col.stage, lane="emotions", step=col.index)
        words = ", ".join(e.strip() for e in step.emotions if e.strip())
        if step.score is None:
            if words:
                out.append(
                    ctx.text(
                        words,
                        Box(col.x + 2, middle - line / 2, col.w - 4, line),
                        tag,
                        size=small,
                        color=c.muted,
                        italic=True,
                        align="center",
                        max_lines=1,
                        step=step,
                        what="emotion words",
                    )
                )
            continue
        y = y_of(step.score)
        colour = c.emotion_colour(step.score)
        if col.index in moments:
            ring = radius + 3
            out.append(
                Ellipse(
                    Box(col.centre - ring, y - ring, 2 * ring, 2 * ring),
                    stroke=c.accent,
                    stroke_width=1.5,
                    tag=Tag("moment", persona=name, stage=col.stage, step=col.index),
                )
            )
        marker = emotion_marker(theme, col.centre, y, radius, colour, step.score, True, name, col.index or 0)
        out += [_with_stage(m, col.stage) for m in marker]
        if words:
            out.append(
                ctx.text(
                    words,
                    Box(col.x + 2, y + radius + 3, col.w - 4, line),
                    tag,
                    size=small,
                    color=c.text,
                    align="center",
                    max_lines=1,
                    step=step,
                    what="emotion words",
                )
            )
        if col.index in moments and y - radius - 4 - pill >= box.y:
            out += _moment_pill(ctx, col, y - radius - 4 - pill, pill)
    return out


def _moment_pill(ctx: Context, col: Column, y: float, height: float) -> list[Primitive]:
    """Return the "moment that matters" pill above a marker, as wide as its words."""
    theme = ctx.theme
    c, small = theme.colours, theme.sizes.size("small")
    tag = Tag("moment", persona=ctx.persona.name, stage=col.stage, step=col.index)
    words = theme.labels.moment_that_matters
    chain = theme.font_chain("body", bold=True)
    width = min(col.w - 2, text.measure(words, chain, small) + height)
    inner = Box(col.centre - width / 2 + height / 4, y + 2, width - height / 2, height - 4)
    label = ctx.text(
        words,
        inner,
        tag,
        size=small,
        color=c.on_accent,
        bold=True,
        align="center",
        max_lines=1,
        what="moment label",
    )
    pill = Rect(Box(col.centre - width / 2, y, width, height), fill=c.accent, radius=height / 2, tag=tag)
    return [pill, label]


def _with_stage(item: Primitive, stage: str) -> Primitive:
    import dataclasses

    return dataclasses.replace(item, tag=dataclasses.replace(item.tag, stage=stage, lane="emotions"))
