"""Plan the overview across personas: their emotion curves side by side, the pain-point matrix, "About".

The curves compare the personas on the stages they all have, and a line says whose the others
are; personas that share no stage get no curves to compare, only the lines. Service blueprints
are processes, not personas: the overview leaves them out.
"""

from __future__ import annotations

from mapgen import colors
from mapgen.insights.comparison import compare
from mapgen.layout.comparison import comparison_scenes, hurts_rows, scale_note
from mapgen.renderers.pdf.plan import findings
from mapgen.renderers.pdf.plan.about import plan_about
from mapgen.renderers.pdf.plan.context import PlanContext, balanced, heading
from mapgen.renderers.pdf.report import Block, Cell, Drawing, Row, Table, Text
from mapgen.scores import scale_of, scales_text
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
    """Return the comparison (insights/comparison.py) as the PNG draws it, then the stages that hurt most.

    The chart is layout/comparison.py's Scene, so the report shows the PNG's shape point for
    point: straight segments, a marker shape and dash per series, direct labels at the ends.
    """
    labels, journeys = ctx.theme.labels, ctx.journeys
    comparison = compare(journeys, compared_personas(journeys))
    whose = comparison.ownership.lines(labels.only)
    if comparison.mode == "owners":
        return [Text(labels.no_shared_stages, "body"), *(Text(line, "body") for line in whose)]
    if comparison.mode == "none":
        return []
    width, height = ctx.geometry.frame
    # One chart as tall as before; small multiples in pages of most of the frame's height.
    tall = round(
        height * 0.85 if comparison.mode == "small multiples" else min(width * 0.55, height * 0.42), 2
    )
    scenes = comparison_scenes(comparison, ctx.theme, width, tall)
    blocks: list[Block] = [Drawing(scene, key=f"comparison-{n}") for n, scene in enumerate(scenes)]
    blocks.append(Text(scale_note(comparison, ctx.theme), "muted"))
    if whose:
        blocks.append(Text("; ".join([labels.shared_stages, *whose]), "muted"))
    if comparison.mode != "curves" and comparison.hurts:
        header, *rows = hurts_rows(comparison, ctx.theme)
        blocks += [
            heading(labels.stages_that_hurt, 1),
            Table(
                "hurts",
                (0.06, 0.3, 0.14, 0.16, 0.34),
                Row(tuple(ctx.header_cell(h) for h in header)),
                tuple(Row(tuple(Cell(c, bold=k == 1) for k, c in enumerate(row))) for row in rows),
                size="small",
                zebra=True,
            ),
        ]
    return blocks


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
