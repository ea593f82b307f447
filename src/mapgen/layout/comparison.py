"""The comparison of the personas drawn on a Scene: curves, group curves or small multiples, and the ranking.

What is drawn comes from mapgen.insights.comparison, so the PNG and the report's figure (which
paint this Scene) show what the deck's native chart shows: straight segments between stage
points, a marker on every point, each series in its colour, marker and dash. Curves are named
by direct labels at their ends, placed by layout/labels.py's rule; coinciding curves get one
label ("Ana, Ben"), their markers spread sideways and their dashes apart, so none hides another.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.insights.comparison import Comparison, Series, marker_of
from mapgen.layout import labels as placing
from mapgen.layout.shapes import fitted_block
from mapgen.scene import Box, Ellipse, Point, Polygon, Polyline, Primitive, Rect, Scene, Tag
from mapgen.scores import is_inferred, scale_text, score_text

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "chart",
    "chart_height",
    "comparison_scenes",
    "hurts_height",
    "hurts_table",
    "multiples",
    "multiples_height",
    "series_name",
]

MINI_W = 150.0  # the narrowest mini chart of small multiples, in points: four stages still read
MINI_H = 96.0
TOP_HURTS = 5  # the ranked table's rows: the stages a reader acts on first


def series_name(comparison: Comparison, series: Series, theme: Theme) -> str:
    """Return what a series is called: the persona's name, or a group's with its count ("Families (20)").

    A persona whose scores were inferred from emotion words, compared with measured ones, says so.
    """
    if comparison.mode == "groups":
        return f"{series.name} ({series.count})"
    if is_inferred(series.scale) and not is_inferred(comparison.scale):
        return f"{series.name} ({theme.labels.inferred_short})"
    return series.name


def scale_note(comparison: Comparison, theme: Theme) -> str:
    """Return the line saying which scale the chart is drawn on, and that scales differ when they do."""
    labels = theme.labels
    scale = scale_text(comparison.scale, labels)
    return f"{labels.scales_differ} {scale}" if comparison.mixed else f"{labels.scale}: {scale}"


def _marker(kind: str, x: float, y: float, r: float, colour: str, ring: str, tag: Tag) -> Primitive:
    """Return a marker of the given shape centred on (x, y): circle, square, triangle or diamond."""
    if kind == "circle":
        return Ellipse(Box(x - r, y - r, 2 * r, 2 * r), fill=colour, stroke=ring, stroke_width=1.0, tag=tag)
    if kind == "square":
        s = r * 0.9
        return Rect(Box(x - s, y - s, 2 * s, 2 * s), fill=colour, stroke=ring, stroke_width=1.0, tag=tag)
    if kind == "triangle":
        k = r * 1.15
        points: tuple[Point, ...] = ((x, y - k), (x + k, y + k * 0.8), (x - k, y + k * 0.8))
    else:
        k = r * 1.2
        points = ((x, y - k), (x + k, y), (x, y + k), (x - k, y))
    return Polygon(points, fill=colour, stroke=ring, stroke_width=1.0, tag=tag)


def chart_height(theme: Theme) -> float:
    """Return the least height a comparison chart needs to stay readable."""
    return theme.sizes.size("body") * 14


def chart(comparison: Comparison, theme: Theme, box: Box) -> list[Primitive]:
    """Return the chart of every series over the compared stages, with axes and direct labels."""
    sizes = theme.sizes
    small = sizes.size("small")
    line = small * sizes.line_height
    gutter = gutter_width(comparison, theme, box.w)
    axis_w = _axis_width(comparison, theme)
    plot = Box(box.x + axis_w, box.y + 8, box.w - axis_w - gutter, box.h - 8 - line * 2 - 6)
    out = _frame(comparison, theme, plot, box.x, axis_w, stage_labels=True)
    ends: dict[int, Point] = {}
    lines: list[Primitive] = []
    dots: list[Primitive] = []
    sampled: list[list[Point]] = []
    for series in comparison.series:
        drawn, marks, end = _series(comparison, theme, series, plot, 3.5)
        lines += drawn
        dots += marks
        sampled += [list(p.points) for p in drawn if isinstance(p, Polyline)]
        if end is not None:
            ends[series.index] = end
    gutter_box = Box(plot.right + 2, box.y, gutter - 2, plot.bottom - box.y + line)
    words = end_labels(comparison, theme, gutter_box, ends)
    return out + lines + dots + words


def gutter_width(comparison: Comparison, theme: Theme, width: float) -> float:
    """Return the width the direct labels take right of the plot: the longest's, at most 28% of width."""
    chain = theme.font_chain("body", bold=True)
    small = theme.sizes.size("small")
    longest = max(
        (text.measure(words, chain, small) for words, _m in label_names(comparison, theme)), default=0.0
    )
    return min(width * 0.28, longest + 14)


def label_names(comparison: Comparison, theme: Theme) -> list[tuple[str, tuple[int, ...]]]:
    """Return each direct label's words with the series it names: "Ana, Ben", "Families (20)"."""
    return [
        (", ".join(series_name(comparison, comparison.series[i], theme) for i in members), members)
        for _words, members in comparison.labels()
    ]


def end_labels(comparison: Comparison, theme: Theme, gutter: Box, ends: dict[int, Point]) -> list[Primitive]:
    """Return the direct labels in the gutter, each by its line's end (ends: by series index), apart."""
    field = placing.Field(gutter, [], 0.0)
    words: list[Primitive] = []
    for label, members in sorted(
        label_names(comparison, theme), key=lambda nm: ends.get(nm[1][0], (0.0, 0.0))[1]
    ):
        end = ends.get(members[0])
        if end is not None:
            words += _direct_label(theme, field, label, members, end, comparison)
    return words


def _axis_width(comparison: Comparison, theme: Theme) -> float:
    small = theme.sizes.size("small")
    ticks = [score_text(v, comparison.scale, mark=theme.labels.decimal_mark) for v in (1.0, 0.0, -1.0)]
    return max(text.measure(t, theme.font_chain("body"), small) for t in ticks) + 8


def _y(plot: Box, value: float) -> float:
    return plot.y + 8 + (1 - value) / 2 * (plot.h - 16)


def _frame(
    comparison: Comparison, theme: Theme, plot: Box, left: float, axis_w: float, *, stage_labels: bool
) -> list[Primitive]:
    """Return the plot's surface, its gridlines and ticks on the comparison's scale, and the stage names."""
    c, small = theme.colours, theme.sizes.size("small")
    line = small * theme.sizes.line_height
    out: list[Primitive] = [Rect(plot, fill=c.surface, radius=theme.style.corner_radius, tag=Tag("plot"))]
    for value in (1.0, 0.0, -1.0):
        yy = _y(plot, value)
        out.append(
            Polyline(
                ((plot.x, yy), (plot.right, yy)),
                color=c.border,
                width=0.75 if value == 0 else 0.4,
                dash=(3.0, 3.0) if value == 0 else (),
                tag=Tag("zero-line" if value == 0 else "grid"),
            )
        )
        if axis_w:
            out.append(
                fitted_block(
                    theme,
                    score_text(value, comparison.scale, mark=theme.labels.decimal_mark),
                    Box(left, yy - line / 2, axis_w - 6, line),
                    size=small,
                    color=c.muted,
                    align="right",
                    max_lines=1,
                    tag=Tag("axis-label"),
                )
            )
    if stage_labels:
        slot = plot.w / len(comparison.stages)
        for i, stage in enumerate(comparison.stages):
            out.append(
                fitted_block(
                    theme,
                    stage,
                    Box(plot.x + i * slot + 2, plot.bottom + 6, slot - 4, line * 2),
                    size=small,
                    color=c.text,
                    align="center",
                    max_lines=2,
                    tag=Tag("stage-label", stage=stage),
                )
            )
    return out


def _series(
    comparison: Comparison, theme: Theme, series: Series, plot: Box, r: float, *, spread: bool = True
) -> tuple[list[Primitive], list[Primitive], Point | None]:
    """Return a series' straight segments (broken at gaps), its markers, and where its line ends."""
    c = theme.colours
    colour = c.series_colour(series.index)
    slot = plot.w / len(comparison.stages)
    # Markers on the same point sit side by side, a marker's width apart at most.
    room = min(slot * 0.3, 4 * r)
    runs: list[list[Point]] = [[]]
    marks: list[Primitive] = []
    end: Point | None = None
    for i, (stage, value) in enumerate(zip(comparison.stages, series.values, strict=True)):
        if value is None:
            runs.append([])
            continue
        dx = comparison.spread(series.index, i) * room if spread else 0.0
        point = (round(plot.x + (i + 0.5) * slot + dx, 2), round(_y(plot, value), 2))
        runs[-1].append(point)
        end = point
        tag = Tag("marker", persona=series.name, stage=stage)
        marks.append(_marker(marker_of(series.index), point[0], point[1], r, colour, c.surface, tag))
    width = theme.style.curve_width * 0.8
    dash = series.dash(len(c.series))
    drawn: list[Primitive] = [
        Polyline(tuple(run), color=colour, width=width, dash=dash, tag=Tag("curve", persona=series.name))
        for run in runs
        if len(run) > 1
    ]
    return drawn, marks, end


def _direct_label(
    theme: Theme,
    field: placing.Field,
    words: str,
    members: Sequence[int],
    end: Point,
    comparison: Comparison,
) -> list[Primitive]:
    """Return a curve's name beside its end in the gutter, clear of the other names (labels.py's rule)."""
    c, sizes = theme.colours, theme.sizes
    small, floor = sizes.size("small"), sizes.minimum
    chain = theme.font_chain("body", bold=True)
    area = field.area
    options = placing.variants(
        words, chain, area.w - 4, small, floor, sizes.line_height, theme.language, pad=2.0
    )
    anchor = placing.Anchor(area.x + area.w / 2, end[1], 0.0, area.x + 2, area.right, True)
    placed = placing.place(field, anchor, options, 1.0)
    if placed is None:
        placed = _scan(field, options, end[1])
    if placed is None:
        return []
    variant, spot = placed
    colour = c.series_colour(members[0])
    persona = comparison.series[members[0]].name
    out: list[Primitive] = []
    mid = spot.y + spot.h / 2
    if abs(mid - end[1]) > 2:  # moved off its line's height: a leader says whose it is
        out.append(
            Polyline(((end[0] + 5, end[1]), (spot.x - 1, mid)), color=colour, width=0.5, tag=Tag("leader"))
        )
    out.append(
        fitted_block(
            theme,
            words,
            Box(spot.x + 3, spot.y + 2, spot.w - 3, spot.h - 4),
            size=variant.size,
            color=c.text,
            bold=True,
            max_lines=len(variant.lines),
            min_size=variant.size,
            tag=Tag("direct-label", persona=persona),
        )
    )
    out.append(
        Rect(
            Box(spot.x - 1, spot.y + 1, 2, spot.h - 2), fill=colour, tag=Tag("direct-label", persona=persona)
        )
    )
    return out


def _scan(
    field: placing.Field, options: Sequence[placing.Variant], y: float
) -> tuple[placing.Variant, Box] | None:
    """Return the free box nearest y in the gutter, for a label that none of labels.py's boxes fit."""
    area = field.area
    for variant in options:
        steps = int(area.h // 2)
        for k in range(steps):
            for sign in (1, -1):
                box = Box(area.x + 2, y - variant.h / 2 + sign * k * 2, variant.w, variant.h)
                if field.free(box):
                    field.take(box)
                    return variant, box
    return None


def multiples_height(comparison: Comparison, theme: Theme, width: float) -> float:
    """Return the height of the small multiples' grid at a width (without the stage order under it)."""
    columns = max(1, int((width - _axis_width(comparison, theme)) // MINI_W))
    return math.ceil(len(comparison.series) / columns) * MINI_H


def multiples(comparison: Comparison, theme: Theme, box: Box) -> list[Primitive]:
    """Return a mini chart per persona on the same axes: its name above, its line and markers, no labels.

    Every mini chart shares the first column's axis ticks and the stage order; the stages are
    named once, under the grid's last row, for every column.
    """
    c, small = theme.colours, theme.sizes.size("small")
    line = small * theme.sizes.line_height
    axis_w = _axis_width(comparison, theme)
    columns = max(1, int((box.w - axis_w) // MINI_W))
    cell_w = (box.w - axis_w) / columns
    out: list[Primitive] = []
    rows = math.ceil(len(comparison.series) / columns)
    for n, series in enumerate(comparison.series):
        row, col = divmod(n, columns)
        x = box.x + axis_w + col * cell_w
        y = box.y + row * MINI_H
        out.append(
            fitted_block(
                theme,
                series.name,
                Box(x + 2, y, cell_w - 4, line),
                size=small,
                color=c.text,
                bold=True,
                max_lines=1,
                tag=Tag("mini-title", persona=series.name),
            )
        )
        plot = Box(x + 2, y + line + 1, cell_w - 6, MINI_H - line - 8)
        out += _frame(comparison, theme, plot, box.x, axis_w if col == 0 else 0.0, stage_labels=False)
        drawn, marks, _end = _series(comparison, theme, series, plot, 2.2, spread=False)
        out += drawn + marks
    # The stage order, once, under the grid: the same for every mini chart.
    order = " · ".join(f"{i + 1} {stage}" for i, stage in enumerate(comparison.stages))
    out.append(
        fitted_block(
            theme,
            order,
            Box(box.x + axis_w, box.y + rows * MINI_H, box.w - axis_w, line * 2),
            size=small,
            color=c.muted,
            max_lines=2,
            tag=Tag("stage-order"),
        )
    )
    return out


def hurts_height(comparison: Comparison, theme: Theme) -> float:
    """Return the height of the ranked table: a heading, a header row and a row per stage shown."""
    small, h3 = theme.sizes.size("small"), theme.sizes.size("h3")
    row = small * theme.sizes.line_height * 1.5
    return h3 * theme.sizes.line_height + 6 + row * (1 + min(TOP_HURTS, len(comparison.hurts)))


def hurts_rows(comparison: Comparison, theme: Theme) -> list[tuple[str, ...]]:
    """Return the ranked table's header and rows: rank, stage, mean, below zero, lowest persona."""
    labels = theme.labels
    header = ("#", labels.stage, labels.mean_score, labels.below_zero, labels.lowest)
    rows: list[tuple[str, ...]] = [header]
    for n, hurt in enumerate(comparison.hurts[:TOP_HURTS]):
        rows.append(
            (
                str(n + 1),
                hurt.stage,
                score_text(hurt.mean, comparison.scale, mark=labels.decimal_mark),
                f"{hurt.below} {labels.of} {hurt.scored}",
                f"{hurt.worst} ({score_text(hurt.worst_value, hurt.worst_scale, mark=labels.decimal_mark)})",
            )
        )
    return rows


def hurts_table(comparison: Comparison, theme: Theme, box: Box) -> tuple[list[Primitive], float]:
    """Return the ranked table of the stages that hurt most, drawn, and the y below it."""
    c, sizes = theme.colours, theme.sizes
    small, h3 = sizes.size("small"), sizes.size("h3")
    out: list[Primitive] = [
        fitted_block(
            theme,
            theme.labels.stages_that_hurt,
            Box(box.x, box.y, box.w, h3 * sizes.line_height),
            role="heading",
            size=h3,
            color=c.text,
            max_lines=1,
            tag=Tag("hurts-title"),
        )
    ]
    y = box.y + h3 * sizes.line_height + 6
    row_h = small * sizes.line_height * 1.5
    shares = (0.06, 0.3, 0.14, 0.16, 0.34)
    for r, row in enumerate(hurts_rows(comparison, theme)):
        if r % 2 == 0 and r:
            out.append(Rect(Box(box.x, y, box.w, row_h), fill=c.surface, tag=Tag("hurts-row")))
        x = box.x
        for share, words in zip(shares, row, strict=True):
            out.append(
                fitted_block(
                    theme,
                    words,
                    Box(x + 3, y, box.w * share - 6, row_h),
                    size=small,
                    color=c.muted if r == 0 else c.text,
                    bold=r == 0,
                    valign="middle",
                    max_lines=1,
                    tag=Tag("hurts-cell", stage=row[1] if r else None),
                )
            )
            x += box.w * share
        y += row_h
    return out, y


def comparison_scenes(comparison: Comparison, theme: Theme, width: float, height: float) -> list[Scene]:
    """Return the comparison as scenes of the width: one chart of the height, or small multiples in pages.

    The report draws these, so its comparison is the PNG's, point for point; small multiples
    take as many scenes as pages of the height they need.
    """
    description = f"{theme.labels.emotion_curve}: {', '.join(s.name for s in comparison.series)}"
    if comparison.mode in ("curves", "groups"):
        items = chart(comparison, theme, Box(0, 0, width, height))
        return [Scene(width, height, theme.colours.background, tuple(items), description=description)]
    if comparison.mode != "small multiples":
        return []
    columns = max(1, int((width - _axis_width(comparison, theme)) // MINI_W))
    line = theme.sizes.size("small") * theme.sizes.line_height
    rows = max(1, int((height - line * 2) // MINI_H))
    per = columns * rows
    scenes = []
    for start in range(0, len(comparison.series), per):
        part = dataclasses.replace(comparison, series=comparison.series[start : start + per])
        items = multiples(part, theme, Box(0, 0, width, 0))
        tall = multiples_height(part, theme, width) + line * 2
        scenes.append(Scene(width, tall, theme.colours.background, tuple(items), description=description))
    return scenes
