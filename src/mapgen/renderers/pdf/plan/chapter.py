"""Plan a persona's chapter: profile and emotion curve, the journey on one page, the detail, the action plan.

The profile card and the emotion curve share a portrait page; the whole journey follows on ONE
landscape page (a map is a landscape picture: stages run across), then the detail once: the
stage-by-stage tables, which leave the pain points and opportunities to the action plan that
pairs them, so no text is printed twice in a chapter. A chapter shows the persona's own stages
only, each in its colour in the whole project. A service blueprint's chapter is titled as one and
has no profile card: it maps a process, not a person.
"""

from __future__ import annotations

from mapgen.insights.moments import moments
from mapgen.layout.lanes import Lane, feeling_text, feeling_words
from mapgen.layout.shapes import initials
from mapgen.model import PROFILE_KEYS, Persona, Problem, Scale, Step
from mapgen.renderers.pdf.plan import findings
from mapgen.renderers.pdf.plan.context import (
    PlanContext,
    balanced,
    heading,
    journey_canvas,
    profile_text,
)
from mapgen.renderers.pdf.report import (
    Block,
    Cell,
    ChartPoint,
    ChartSeries,
    EmotionChart,
    Figure,
    JourneyMap,
    ProfileCard,
    Row,
    StageBand,
    Table,
    Text,
)
from mapgen.scores import scale_of, scale_text
from mapgen.stages import is_blueprint, persona_stages, stage_colours

__all__ = ["plan_chapter"]

# A stage's steps go into tables of at most this many step columns: wider ones would wrap
# every word onto its own line.
_MIN_STEP_COLUMN = 105.0
_LANE_COLUMN = 0.19  # share of the frame width for the lane labels of a stage table
# The emotion curve may lose this share of its height to share the profile card's page.
_CHART_SHRINK = 0.68
# Lanes a stage table leaves out: the actions head its columns, and the action plan shows each
# pain point and opportunity, paired where the workbook pairs them (here too would say it twice).
_SHOWN_ELSEWHERE = frozenset({"actions", "pain_points", "opportunities"})
# The lanes whose row is each step's text in the lane, as the map shows it.
_LANE_TEXT = frozenset(
    {"touchpoints", "goals", "thoughts", "pain_points", "opportunities", "kpis", "owner", "evidence"}
)


def plan_chapter(ctx: PlanContext, index: int, persona: Persona) -> tuple[list[Block], tuple[Problem, ...]]:
    """Plan a persona's chapter, and return its blocks and the problems its journey map's layout met.

    index: the persona's index in the whole model (its colour); the context sees this persona only.
    """
    labels = ctx.theme.labels
    blueprint = is_blueprint(persona)
    if blueprint:
        blocks: list[Block] = [heading(f"{labels.service_blueprint}: {persona.name}", 0, new_page=True)]
    else:
        blocks = [heading(persona.name, 0, new_page=True), _profile_card(ctx, index, persona)]
    stages = persona_stages(ctx.journeys, persona)
    result = journey_canvas(ctx, persona, index)
    kind = labels.service_blueprint if blueprint else labels.journey_map
    whole = JourneyMap(persona.name, kind, "", tuple(result.scenes))
    detail: list[Block] = []
    for colour, stage in zip(stage_colours(ctx.journeys, stages), stages, strict=True):
        detail.extend(_stage_tables(ctx, colour, stage, persona))
    if any(step.score is not None for step in persona.steps):
        blocks += [heading(labels.emotion_curve, 1), Figure(_persona_chart(ctx, persona)), whole]
        blocks += [heading(labels.stages, 1, new_page=True), *detail]
    else:
        # No curve to draw (a blueprint rarely scores its steps): the stages' detail fills the
        # chapter's first page, which would otherwise hold its heading alone, and the map follows.
        blocks += [heading(labels.stages, 1), *detail, whole]
    if any(step.pain_points or step.opportunities for step in persona.steps):
        blocks.append(heading(labels.action_plan, 1))
        blocks.append(_action_plan(ctx, persona))
    return blocks, tuple(result.problems)


def _profile_card(ctx: PlanContext, index: int, persona: Persona) -> ProfileCard:
    """Return the persona's profile card, its avatar in the persona's stage colour."""
    c, labels = ctx.theme.colours, ctx.theme.labels
    subtitle = " · ".join(v for v in (profile_text(persona.get(k)) for k in ("role", "age", "location")) if v)
    fields = []
    for key in PROFILE_KEYS:
        if key in ("role", "age", "location", "quote"):
            continue
        value = profile_text(persona.get(key), bullets=True)
        if value:
            fields.append((str(getattr(labels, key)), value))
        if key == "bio":
            # The workbook's own fields (Household, Scenario) under their own names, in sheet order.
            fields += [
                (name, shown)
                for name, own in persona.profile
                if name not in PROFILE_KEYS and (shown := profile_text(own, bullets=True))
            ]
    return ProfileCard(
        name=persona.name,
        subtitle=subtitle,
        quote=profile_text(persona.get("quote")),
        photo=persona.photo,
        initials=initials(persona.name),
        avatar_fill=c.stage_colour(index),
        avatar_color=c.on_stage_colour(index),
        fields=tuple(fields),
    )


def _persona_chart(ctx: PlanContext, persona: Persona) -> EmotionChart:
    """Return the persona's emotion curve, a step a unit, its moments that matter called out."""
    c, labels = ctx.theme.colours, ctx.theme.labels
    bands = []
    points = []
    x = 0.0
    stages = persona_stages(ctx.journeys, persona)
    for i, stage in zip(stage_colours(ctx.journeys, stages), stages, strict=True):
        steps = persona.steps_in(stage)
        width = max(1, len(steps))  # an empty stage keeps its place: never a shorter journey
        for j, step in enumerate(steps):
            points.append(ChartPoint(x + j + 0.5, step.score, feeling_words(step)))
        bands.append(StageBand(stage, x, x + width, c.stage_colour(i), c.on_stage_colour(i)))
        x += width
    # The call-outs are the persona's moments that matter (mapgen.insights.moments), by identity:
    # the points run in stage order, which may differ from the steps' own.
    marked = {id(m.step) for m in moments(persona)}
    ordered = [step for stage in stages for step in persona.steps_in(stage)]
    callouts = tuple((0, i) for i, step in enumerate(ordered) if id(step) in marked)
    frame_width, _height = ctx.geometry.frame
    series = ChartSeries(persona.name, c.curve, tuple(points), valence_markers=True)
    scale = scale_of(persona)
    return EmotionChart(
        bands=tuple(bands),
        series=(series,),
        height=(height := round(min(frame_width * 0.5, 250.0), 2)),
        min_height=round(height * _CHART_SHRINK, 2),
        callouts=callouts,
        callout_label=labels.moment_that_matters,
        point_labels=True,
        description=_chart_description(ctx, persona.name, points, bands, scale),
        scale=scale,
        scale_note=ctx.scale_note(scale),
    )


def _stage_tables(ctx: PlanContext, index: int, stage: str, persona: Persona) -> list[Block]:
    """Return a stage's tables: its steps as columns (as few tables as fit the frame), its lanes as rows.

    index: the stage's place in the whole project (its colour and number).
    """
    c, labels, lanes = ctx.theme.colours, ctx.theme.labels, ctx.theme.lanes
    fill, color = c.stage_colour(index), c.on_stage_colour(index)
    numbered = [(i + 1, s) for i, s in enumerate(persona.steps) if s.stage == stage]
    stage_cell = Cell(f"{index + 1} · {stage}", fill=fill, color=color, bold=True)
    if not numbered:
        header = Row((stage_cell, Cell("—", fill=fill, color=color)))
        return [Table("stage", (_LANE_COLUMN, 1 - _LANE_COLUMN), header, (), size="small")]
    frame_width, _h = ctx.geometry.frame
    per_table = max(1, int(frame_width * (1 - _LANE_COLUMN) // _MIN_STEP_COLUMN))
    tables: list[Block] = []
    for chunk in balanced(numbered, per_table):
        share = (1 - _LANE_COLUMN) / len(chunk)
        widths = (_LANE_COLUMN, *(share for _ in chunk))
        header_cells = [stage_cell] + [
            Cell(
                f"{number}. {findings.step_name(step, number, labels.step)}",
                fill=fill,
                color=color,
                bold=True,
            )
            for number, step in chunk
        ]
        rows = []
        for lane in lanes.show:
            if lane in _SHOWN_ELSEWHERE:
                continue
            for label, texts, lane_fill in _lane_rows(ctx, lane, [s for _n, s in chunk], scale_of(persona)):
                if not any(t.strip() for t in texts):
                    continue
                cells = [Cell(label, color=c.muted, bold=True)]
                cells += [Cell(t, fill=lane_fill if t.strip() else None) for t in texts]
                rows.append(Row(tuple(cells)))
        tables.append(Table("stage", widths, Row(tuple(header_cells)), tuple(rows), size="small"))
    return tables


def _lane_rows(
    ctx: PlanContext, lane: str, steps: list[Step], scale: Scale
) -> list[tuple[str, list[str], str | None]]:
    """Return (label, a text per step, fill) for a lane; each of the workbook's own columns is a row."""
    c, lanes = ctx.theme.colours, ctx.theme.lanes
    label = lanes.label(lane)
    if lane == "emotions":
        # The row's label names the scale (and "inferred"), so each score is just its number.
        texts = [feeling_text(s, ctx.score(s.score, scale, marked=False)) for s in steps]
        return [(f"{label} ({scale_text(scale, ctx.theme.labels)})", texts, None)]
    # Every other lane shows what the map's lane shows for the step: one rule (layout.lanes.Lane.text).
    if lane == "extra":
        headers = list(dict.fromkeys(h for s in steps for h, _v in s.extra))
        return [(h, [Lane(f"extra:{h}", h, "text").text(s) for s in steps], None) for h in headers]
    if lane in _LANE_TEXT:
        fill = {"pain_points": c.pain_surface, "opportunities": c.opportunity_surface}.get(lane)
        return [(label, [Lane(lane, label, "text").text(s) for s in steps], fill)]
    return []


def _action_plan(ctx: PlanContext, persona: Persona) -> Block:
    """Return the persona's action plan: each opportunity beside the pain point the workbook pairs it with.

    Opportunities the workbook pairs with no one pain point share a row with their step's pain
    points under words that say so, never the n-th beside the n-th as if one answered the other.
    """
    c, labels = ctx.theme.colours, ctx.theme.labels
    stages = persona_stages(ctx.journeys, persona)
    colour = dict(zip(stages, stage_colours(ctx.journeys, stages), strict=True))
    rows = []
    for row in findings.persona_plan(ctx.journeys, persona, ctx.theme):
        pains = _bulleted(row.pains)
        if row.paired or not row.opportunities:
            pain_cell = Cell(pains, fill=c.pain_surface)
        else:
            pain_cell = Cell(f"{labels.report_unpaired}\n{pains}" if pains else "", color=c.muted)
        idea = (
            Cell(_bulleted(row.opportunities), fill=c.opportunity_surface)
            if row.opportunities
            else Cell(labels.report_no_opportunity, color=c.muted, italic=True)
        )
        where = Cell(f"{row.stage}\n{row.step}", rule=c.stage_colour(colour.get(row.stage, 0)))
        rows.append(Row((where, idea, pain_cell, Cell(row.owner), Cell(row.kpi))))
    if not rows:
        return Text("—", "muted")
    titles = (labels.step, labels.report_opportunity, labels.report_answers, labels.owner, labels.kpi)
    header = Row(tuple(ctx.header_cell(t) for t in titles))
    return Table("action_plan", (0.18, 0.27, 0.26, 0.13, 0.16), header, tuple(rows), size="small")


def _bulleted(items: tuple[str, ...]) -> str:
    """Return one item as it is, several as a bulleted list, one a line."""
    return items[0] if len(items) == 1 else "\n".join(f"• {item}" for item in items)


def _chart_description(
    ctx: PlanContext, name: str, points: list[ChartPoint], bands: list[StageBand], scale: Scale
) -> str:
    """Return the chart's alt text: the scale, then each stage's scores in order."""
    parts = []
    for band in bands:
        inside = [p for p in points if band.start <= p.x < band.end]
        values = [ctx.score(p.value, scale, marked=False) for p in inside]
        parts.append(f"{band.name}: {', '.join(values) if values else '—'}")
    return f"{name} ({ctx.scale_note(scale)}): " + "; ".join(parts)
