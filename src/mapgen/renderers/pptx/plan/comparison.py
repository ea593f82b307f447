"""Plan the deck's comparison of the personas: the data of mapgen.insights.comparison as native charts.

Up to eight personas (or a group curve each): one native line chart, straight segments, a
marker shape and dash per series as on the PNG, and direct labels beside the line ends placed by
layout/labels.py's rule (the plot area is fixed, so the plan knows where each line ends). More
personas without a segment field: small multiples, a dozen small native charts a slide, each
titled with its persona, on the same axis. Beyond eight, a native table ranks the stages that
hurt most. Pure: no python-pptx.
"""

from __future__ import annotations

import dataclasses
import math

from mapgen import text
from mapgen.insights.comparison import Comparison, Series, compare, marker_of
from mapgen.insights.findings import key_findings
from mapgen.insights.words import fill
from mapgen.layout.comparison import end_labels, gutter_width, scale_note, series_name
from mapgen.renderers.pptx.deck import ChartSeries, LineChart, PlanItem, SlidePlan
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.common import Ctx, continued, score_chart, slide_title
from mapgen.renderers.pptx.plan.fit import fit_block
from mapgen.renderers.pptx.plan.tabular import hurts_slide, owners_slide
from mapgen.scene import Box, Point, Tag
from mapgen.scores import chart_value

__all__ = ["DASH_NAMES", "comparison_slides"]

# DrawingML's names of insights.comparison.DASHES, in the same order.
DASH_NAMES = ("solid", "dash", "sysDot", "lgDashDot")
PER_SLIDE = (4, 3)  # small multiples: columns and rows of mini charts on a slide


def comparison_slides(ctx: Ctx) -> list[SlidePlan]:
    """Return the comparison's slides: its chart or small multiples, then the ranked stages beyond eight."""
    comparison = compare(ctx.journeys)
    if comparison.mode == "none":
        return []
    if comparison.mode == "owners":
        return [owners_slide(ctx, comparison.ownership)]
    if comparison.mode == "small multiples":
        slides = _multiples(ctx, comparison)
    else:
        slides = [_chart_slide(ctx, comparison)]
    if comparison.mode != "curves" and comparison.hurts:
        slides.append(hurts_slide(ctx, comparison))
    return slides


def chart_series(ctx: Ctx, comparison: Comparison, series: Series, marker_size: int = 0) -> ChartSeries:
    """Return a series as the native chart holds it: values on the comparison's scale, its marker and dash."""
    c = ctx.c
    if not marker_size and len(series.overlap) > 1:
        # Coinciding lines: the earlier markers larger, so each shows as a ring round the next.
        marker_size = 7 + 4 * (len(series.overlap) - 1 - series.overlap.index(series.index))
    return ChartSeries(
        name=series_name(comparison, series, ctx.theme),
        values=tuple(chart_value(v, comparison.scale) for v in series.values),
        color=c.series_colour(series.index),
        line_width=max(1.5, ctx.theme.style.curve_width * 0.8),
        marker=marker_of(series.index),
        marker_size=marker_size,
        dash=DASH_NAMES[series.dash_index(len(c.series))],
    )


def _caption(ctx: Ctx, comparison: Comparison, body: Box, first: str = "") -> tuple[list[PlanItem], Box]:
    """Return the lines under the chart (the scale; whose stages are left out) and the body above them."""
    labels, small = ctx.theme.labels, ctx.size("small")
    lines = [first] if first else []
    lines.append(scale_note(comparison, ctx.theme))
    if not comparison.ownership.all_shared:
        lines.append("; ".join([labels.shared_stages, *comparison.ownership.lines(labels.only)]))
    h = round(small * ctx.lh, 2)
    y = round(body.bottom - h * len(lines), 2)
    items: list[PlanItem] = []
    for n, words in enumerate(lines):
        items.append(
            fit_block(
                words,
                ctx.theme,
                Box(body.x, round(y + n * h, 2), body.w, h),
                size=small,
                min_size=ctx.theme.sizes.minimum,
                color=ctx.c.muted,
                max_lines=1,
                tag=Tag("caption"),
            )
        )
    return items, Box(body.x, body.y, body.w, round(y - body.y - ctx.gap * 0.5, 2))


def _categories(ctx: Ctx, stages: tuple[str, ...], width: float, size: float) -> tuple[str, ...]:
    chain = ctx.theme.font_chain("body")
    slot = width / max(1, len(stages))
    return tuple(
        "\n".join(text.fit(s, chain, slot - size, size * 2 * ctx.lh, size, size, ctx.lh, max_lines=2).lines)
        or s
        for s in stages
    )


def _chart_slide(ctx: Ctx, comparison: Comparison) -> SlidePlan:
    """Return the slide of one chart: a line per persona (or group), named at its end."""
    theme, labels = ctx.theme, ctx.theme.labels
    caption, body = _caption(ctx, comparison, ctx.frame.body)
    axis = ctx.size("small")
    gutter = gutter_width(comparison, theme, body.w)
    # The plot area is fixed, so the plan knows where each line ends and can name it there.
    plot = Box(
        round(body.x + axis * 4, 2),
        round(body.y + axis, 2),
        round(body.w - axis * 4 - gutter, 2),
        round(body.h - axis * (2 + 2 * ctx.lh) - axis, 2),
    )
    series = tuple(chart_series(ctx, comparison, s) for s in comparison.series)
    conjunction = labels.conjunction
    names = notes.series_list([series_name(comparison, s, theme) for s in comparison.series], conjunction)
    alt = fill(
        labels.alt_comparison,
        personas=names,
        stages=notes.series_list(list(comparison.stages), conjunction),
        scale=scale_note(comparison, theme),
    )
    base = f"{labels.emotion_curve}: {labels.all_personas}"
    categories = _categories(ctx, comparison.stages, plot.w, axis)
    chart = score_chart(
        ctx, body, categories, series, comparison.scale, axis, legend=False, alt=alt, name=base, plot=plot
    )
    ends = _ends(comparison, chart, plot)
    words = end_labels(comparison, theme, Box(plot.right + 4, body.y, gutter - 4, plot.bottom - body.y), ends)
    personas = list(comparison.personas)
    means = [s.values for s in comparison.series] if comparison.mode == "curves" else []
    # The finding of a stage that is the low point of several personas, said with the chart.
    stage_low = next((f for f in key_findings(ctx.journeys, theme) if f.kind == "stage_low"), None)
    stages = list(comparison.stages)
    said = (
        notes.overview_notes(personas, theme, means, stages, comparison.scale, stage_low)
        if means
        else f"{base}: {names}. {scale_note(comparison, theme)}."
    )
    return SlidePlan(
        kind="overview_chart",
        title=base,
        notes=said,
        layout="content",
        title_block=slide_title(ctx, base),
        items=(chart, *words, *caption),
    )


def _ends(comparison: Comparison, chart: LineChart, plot: Box) -> dict[int, Point]:
    """Return where each series' line ends on the slide: its last point's centre in the fixed plot area."""
    slot = plot.w / len(comparison.stages)
    ends: dict[int, Point] = {}
    for series in comparison.series:
        last = max((i for i, v in enumerate(series.values) if v is not None), default=None)
        value = None if last is None else chart_value(series.values[last], comparison.scale)
        if last is None or value is None:
            continue
        y = plot.y + (chart.y_max - value) / (chart.y_max - chart.y_min) * plot.h
        ends[series.index] = (round(plot.x + (last + 0.5) * slot, 2), round(y, 2))
    return ends


def _multiples(ctx: Ctx, comparison: Comparison) -> list[SlidePlan]:
    """Return slides of small native charts, one per persona, on the same axis, a dozen a slide."""
    theme, labels = ctx.theme, ctx.theme.labels
    order = " · ".join(f"{i + 1} {s}" for i, s in enumerate(comparison.stages))
    caption, body = _caption(ctx, comparison, ctx.frame.body, order)
    columns, rows = PER_SLIDE
    per = columns * rows
    size = theme.sizes.minimum
    title_h = round(ctx.size("small") * ctx.lh, 2)
    cell_w, cell_h = body.w / columns, body.h / rows
    base = f"{labels.emotion_curve}: {labels.all_personas}"
    note = scale_note(comparison, theme)
    slides = []
    parts = math.ceil(len(comparison.series) / per)
    for part in range(parts):
        chunk = comparison.series[part * per : (part + 1) * per]
        items: list[PlanItem] = []
        for n, series in enumerate(chunk):
            row, col = divmod(n, columns)
            x, y = body.x + col * cell_w, body.y + row * cell_h
            items.append(
                fit_block(
                    series.name,
                    theme,
                    Box(round(x + 2, 2), round(y, 2), round(cell_w - 4, 2), title_h),
                    size=ctx.size("small"),
                    min_size=size,
                    color=ctx.c.text,
                    bold=True,
                    max_lines=1,
                    tag=Tag("mini-title", persona=series.name),
                )
            )
            box = Box(
                round(x, 2), round(y + title_h, 2), round(cell_w - 4, 2), round(cell_h - title_h - 4, 2)
            )
            numbers = tuple(str(i + 1) for i in range(len(comparison.stages)))
            chart = score_chart(
                ctx,
                box,
                numbers,
                (chart_series(ctx, comparison, series, marker_size=5),),
                comparison.scale,
                size,
                legend=False,
                alt=f"{series.name}: {labels.emotion_curve} ({order})",
                name=series.name,
            )
            items.append(dataclasses.replace(chart, y_title=""))
        title = continued(ctx, base, part)
        slides.append(
            SlidePlan(
                kind="overview_chart",
                title=title,
                notes=f"{base}: {', '.join(s.name for s in chunk)}. {order}. {note}.",
                layout="content",
                title_block=slide_title(ctx, title),
                items=(*items, *caption),
            )
        )
    return slides
