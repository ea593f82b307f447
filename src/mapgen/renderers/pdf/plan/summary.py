"""Plan the executive summary: the personas, the stages, each persona's moments, the top findings.

A service blueprint is listed as one, and its feelings (a process has none) are not among the
personas' moments nor counted as a persona's in a stage.
"""

from __future__ import annotations

from mapgen.model import Scale
from mapgen.renderers.pdf.plan import findings
from mapgen.renderers.pdf.plan.context import PlanContext, clean, heading, profile_text
from mapgen.renderers.pdf.report import Block, Cell, Row, Table, Text
from mapgen.scores import scale_of
from mapgen.stages import compared_personas, is_blueprint

__all__ = ["plan_summary"]

_TOP_OPPORTUNITIES = 8
_RECURRING_PAIN_POINTS = 10


def plan_summary(ctx: PlanContext) -> list[Block]:
    """Plan the executive summary of the model the context sees (the whole model)."""
    labels, c, journeys = ctx.theme.labels, ctx.theme.colours, ctx.journeys
    blocks: list[Block] = [heading(labels.executive_summary, 0, new_page=True)]
    if journeys.project.description:
        blocks.append(Text(journeys.project.description.strip(), "lead"))

    blocks.append(heading(labels.personas, 1))
    blocks.append(_personas(ctx))
    blocks.append(heading(labels.stages, 1))
    blocks.append(_stages(ctx))
    blocks.append(heading(f"{labels.highest_moment} · {labels.lowest_moment}", 1))
    blocks.append(_moments(ctx))

    pains, recurring = findings.recurring_pain_points(journeys, _RECURRING_PAIN_POINTS)
    blocks.append(heading(labels.recurring_pain_points if recurring else labels.pain_points, 1))
    blocks.append(_findings_table(ctx, "pain_points", labels.pain_points, pains, c.pain_surface))

    blocks.append(heading(labels.top_opportunities, 1))
    opportunities = findings.top_opportunities(journeys, _TOP_OPPORTUNITIES)
    blocks.append(
        _findings_table(ctx, "opportunities", labels.opportunities, opportunities, c.opportunity_surface)
    )
    return blocks


def _personas(ctx: PlanContext) -> Table:
    """Return the table of personas: name, role, quote."""
    labels = ctx.theme.labels
    rows = []
    for persona in ctx.journeys.personas:
        role = labels.service_blueprint if is_blueprint(persona) else profile_text(persona.get("role"))
        quote = profile_text(persona.get("quote"))
        rows.append(Row((Cell(persona.name, bold=True), Cell(role), Cell(quote, italic=True))))
    return Table(
        "personas",
        (0.24, 0.26, 0.50),
        Row(tuple(ctx.header_cell(t) for t in (labels.name, labels.role, labels.quote))),
        tuple(rows),
        zebra=True,
    )


def _stages(ctx: PlanContext) -> Table:
    """Return the table of stages: number, name, description (when any has one), personas with steps."""
    labels, c, journeys = ctx.theme.labels, ctx.theme.colours, ctx.journeys
    described = any(s.description for s in journeys.stages)
    stage_rows = []
    for i, stage in enumerate(journeys.stages):
        number = Cell(
            str(i + 1), fill=c.stage_colour(i), color=c.on_stage_colour(i), bold=True, align="center"
        )
        counts = [len(p.steps_in(stage.name)) for p in compared_personas(journeys)]
        with_steps = sum(1 for n in counts if n)
        cells = [number, Cell(stage.name, bold=True)]
        if described:
            cells.append(Cell(clean(stage.description)))
        cells.append(Cell(f"{with_steps}/{len(counts)}", align="center"))
        stage_rows.append(Row(tuple(cells)))
    header = [ctx.header_cell("#", "center"), ctx.header_cell(labels.stage)]
    widths: tuple[float, ...] = (0.07, 0.73, 0.20)
    if described:
        header.append(ctx.header_cell(""))
        widths = (0.07, 0.28, 0.47, 0.18)
    header.append(ctx.header_cell(labels.personas, "center"))
    return Table("stages", widths, Row(tuple(header)), tuple(stage_rows), zebra=True)


def _moments(ctx: PlanContext) -> Table:
    """Return the table of each persona's highest and lowest moment."""
    labels, c = ctx.theme.labels, ctx.theme.colours
    moment_rows = []
    for persona in compared_personas(ctx.journeys):
        high, low = findings.moments(persona)
        scale = scale_of(persona)
        moment_rows.append(
            Row(
                (
                    Cell(persona.name, bold=True),
                    Cell(_moment_text(ctx, high, scale)),
                    Cell(_moment_text(ctx, low, scale), fill=c.pain_surface if low else None),
                )
            )
        )
    return Table(
        "moments",
        (0.24, 0.38, 0.38),
        Row(tuple(ctx.header_cell(t) for t in (labels.persona, labels.highest_moment, labels.lowest_moment))),
        tuple(moment_rows),
        zebra=True,
    )


def _moment_text(ctx: PlanContext, moment: findings.Moment | None, scale: Scale) -> str:
    """Return a moment as its stage, its step's name and its emotion, one a line."""
    if moment is None:
        return ctx.theme.labels.no_score
    step = moment.step
    name = findings.step_name(step, moment.number, ctx.theme.labels.step)
    feeling = ", ".join(e for e in step.emotions if e.strip())
    score = ctx.score(step.score, scale)  # "(+2)" on -5..+5, "(4)" on 1..5, "(+0.4, inferred)"
    emotion = f"{feeling} ({score})" if feeling else score
    return f"{moment.stage}\n{name}\n{emotion}"


def _findings_table(
    ctx: PlanContext, kind: str, title: str, found: list[findings.Finding], fill: str
) -> Block:
    """Return the table of findings (text, count, stages, personas), or a dash when there are none."""
    labels = ctx.theme.labels
    if not found:
        return Text("—", "muted")
    rows = tuple(
        Row(
            (
                Cell(f.text, fill=fill),
                Cell(str(f.count), align="center"),
                Cell(", ".join(f.stages)),
                Cell(findings.join_names(f.personas)),
            )
        )
        for f in found
    )
    header = Row(
        (
            ctx.header_cell(title),
            ctx.header_cell(labels.count, "center"),
            ctx.header_cell(labels.stages),
            ctx.header_cell(labels.personas),
        )
    )
    return Table(kind, (0.42, 0.1, 0.24, 0.24), header, rows)
