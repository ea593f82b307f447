"""Plan the overview across personas: their emotion curves side by side, the pain-point matrix, "About".

The curves compare the personas on the stages they all have, and a line says whose the others
are; personas that share no stage get no curves to compare, only the lines. Service blueprints
are processes, not personas: the overview leaves them out.
"""

from __future__ import annotations

from mapgen import colors
from mapgen.renderers.pdf.plan import findings
from mapgen.renderers.pdf.plan.about import plan_about
from mapgen.renderers.pdf.plan.context import PlanContext, balanced, emotion_words, heading
from mapgen.renderers.pdf.report import (
    Block,
    Cell,
    ChartPoint,
    ChartSeries,
    EmotionChart,
    Figure,
    Row,
    StageBand,
    Table,
    Text,
)
from mapgen.scores import converted, is_inferred, scale_of, scale_text, scales_text, shared_scale
from mapgen.stages import compared_personas, ownership, stage_colours

__all__ = ["plan_overview"]

_MATRIX_MIN_COLUMN = 58.0
_MATRIX_NAME_COLUMN = 0.26  # share of the frame width for the personas' names


def plan_overview(ctx: PlanContext) -> list[Block]:
    """Plan the overview of the model the context sees (the whole model)."""
    labels = ctx.theme.labels
    if len(compared_personas(ctx.journeys)) < 2:
        return plan_about(ctx)  # nothing to compare: one persona, or blueprints only
    return [
        heading(labels.all_personas, 0, new_page=True),
        heading(labels.emotion_curve, 1),
        *_curves(ctx),
        heading(labels.pain_point_matrix, 1),
        *_matrix(ctx),
        *plan_about(ctx),  # the report's last words, after the last chapter rather than a page alone
    ]


def _curves(ctx: PlanContext) -> list[Block]:
    """Return the personas' emotion curves over the stages they share, and whose the others are.

    A stage is a unit of the chart's axis; as few charts as the palette allows.
    """
    labels, c, journeys = ctx.theme.labels, ctx.theme.colours, ctx.journeys
    compared = compared_personas(journeys)
    owners = ownership(journeys, compared)
    whose = owners.lines(labels.only)
    if not owners.shared:
        return [Text(labels.no_shared_stages, "body"), *(Text(line, "body") for line in whose)]
    shared = list(owners.shared)
    colours = stage_colours(journeys, shared)
    # One chart per as many personas as the palette has distinct colours: beyond that two
    # curves would share a colour and the legend could no longer tell them apart.
    group = max(1, len(c.series))
    personas = list(enumerate(compared))
    width, height = ctx.geometry.frame
    # Every chart on one scale, the one most personas' sheets use; the note names the others.
    scale = shared_scale(compared)
    note = "; ".join(
        [ctx.scale_note(scale)]
        + [
            f"{', '.join(names)} {labels.converted_from} {scale_text(own, labels)}"
            for own, names in converted(compared, scale)
        ]
    )
    figures: list[Block] = []
    for start in range(0, len(personas), group):
        chunk = personas[start : start + group]
        series = []
        for i, persona in chunk:
            points = []
            for s, stage in enumerate(shared):
                steps = persona.steps_in(stage)
                for j, step in enumerate(steps):
                    points.append(ChartPoint(s + (j + 0.5) / len(steps), step.score, emotion_words(step)))
            name = persona.name
            if is_inferred(scale_of(persona)) and not is_inferred(scale):
                name = f"{name} ({labels.inferred_short})"
            series.append(ChartSeries(name, c.series_colour(i), tuple(points), valence_markers=False))
        bands = tuple(
            StageBand(stage, float(s), float(s + 1), c.stage_colour(i), c.on_stage_colour(i))
            for s, (stage, i) in enumerate(zip(shared, colours, strict=True))
        )
        figures.append(
            Figure(
                EmotionChart(
                    bands=bands,
                    series=tuple(series),
                    height=round(min(width * 0.55, height * 0.42), 2),
                    point_labels=False,
                    legend=True,
                    description=f"{labels.emotion_curve} ({note}): " + ", ".join(p.name for _i, p in chunk),
                    scale=scale,
                    scale_note=note,
                )
            )
        )
    if whose:
        figures.append(Text("; ".join([labels.shared_stages, *whose]), "muted"))
    return figures


def _matrix(ctx: PlanContext) -> list[Block]:
    """Return the pain-point matrix (personas by stages, as few tables as fit the frame) and its legend."""
    labels, c, theme, journeys = ctx.theme.labels, ctx.theme.colours, ctx.theme, ctx.journeys
    # The personas compared (no service blueprint), on every stage any of them has.
    personas = compared_personas(journeys)
    names = list(ownership(journeys, personas).stages)
    cells = findings.pain_matrix(journeys, personas, names)
    most = max((cell.count for row in cells for cell in row), default=0)
    minimum = colors.AAA_TEXT if theme.contrast == "AAA" else colors.AA_TEXT
    strongest = _strongest_shade(c.pain_surface, c.pain, c.text, minimum)
    frame_width, _h = ctx.geometry.frame
    name_share = _MATRIX_NAME_COLUMN
    per_table = max(1, int(frame_width * (1 - name_share) // _MATRIX_MIN_COLUMN))
    stages = list(enumerate(zip(names, stage_colours(journeys, names), strict=True)))
    if not stages:
        return [Text("—", "muted")]
    tables: list[Block] = []
    for chunk in balanced(stages, per_table):
        header = Row(
            (
                ctx.header_cell(labels.persona),
                *(
                    Cell(
                        stage,
                        fill=c.stage_colour(colour),
                        color=c.on_stage_colour(colour),
                        bold=True,
                        align="center",
                    )
                    for _s, (stage, colour) in chunk
                ),
            )
        )
        rows = []
        for p, persona in enumerate(personas):
            row = [Cell(persona.name, bold=True)]
            for s, _stage in chunk:
                cell = cells[p][s]
                if cell.count == 0:
                    row.append(Cell("", align="center"))
                    continue
                shade = colors.mix(c.pain_surface, strongest, cell.count / most if most else 0)
                shown = str(cell.count)
                if cell.worst_score is not None:
                    shown += "\n" + ctx.score(cell.worst_score, scale_of(persona))
                row.append(Cell(shown, fill=shade, align="center", bold=cell.count == most))
            rows.append(Row(tuple(row)))
        share = (1 - name_share) / len(chunk)
        tables.append(
            Table("matrix", (name_share, *(share for _ in chunk)), header, tuple(rows), size="small")
        )
    legend = f"{labels.count} · {labels.worst_score} ({scales_text(personas, labels)})"
    tables.append(Text(legend, "muted"))
    return tables


def _strongest_shade(light: str, dark: str, text: str, minimum: float) -> str:
    """Return the darkest mix of light towards dark on which text still reaches the minimum contrast."""
    lo, hi = 0.0, 1.0
    if colors.contrast_ratio(text, colors.mix(light, dark, 1.0)) >= minimum:
        return dark
    for _ in range(20):
        mid = (lo + hi) / 2
        if colors.contrast_ratio(text, colors.mix(light, dark, mid)) >= minimum:
            lo = mid
        else:
            hi = mid
    return colors.mix(light, dark, lo)
