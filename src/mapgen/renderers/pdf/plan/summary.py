"""Plan the executive summary: the key findings, the top moves, who owns the plan.

What the journey says comes from mapgen.insights, once; the summary says it and the chapters show
the detail. Nothing the report says elsewhere is repeated here: not the cover's description, not
the personas (each has its chapter), and no table whose every count is 1, which says nothing.
"""

from __future__ import annotations

from mapgen.insights.actions import Action, OwnerLoad
from mapgen.insights.findings import key_findings
from mapgen.renderers.pdf.plan.context import PlanContext, clean, heading
from mapgen.renderers.pdf.plan.findings import action_plan
from mapgen.renderers.pdf.report import Block, Cell, Row, Table, Text

__all__ = ["plan_summary"]

_ENDS = ".!?…"  # a finding ending in one of these needs no full stop of ours
# The owners' roll-up names this many (more when more hold high-priority moves); the rest are one
# row: a summary page is not the place for every team of a large plan.
_OWNERS = 6


def plan_summary(ctx: PlanContext) -> list[Block]:
    """Plan the executive summary of the model the context sees (the whole model)."""
    labels, journeys = ctx.theme.labels, ctx.journeys
    blocks: list[Block] = [heading(labels.executive_summary, 0, new_page=True)]
    found = key_findings(journeys, ctx.theme)
    if found:
        blocks.append(heading(labels.report_key_findings, 1))
        blocks += [Text(f"{i}. {_sentence(f.text)}") for i, f in enumerate(found, 1)]
    plan = action_plan(journeys, ctx.theme)
    if plan.top:
        blocks.append(heading(labels.report_top_moves, 1))
        blocks.append(_top_moves(ctx, plan.top))
    if _says_something(plan.owners, labels.unassigned):
        blocks.append(heading(labels.report_owners, 1))
        blocks.append(_owners(ctx, plan.owners))
    if any(s.description for s in journeys.stages):
        blocks.append(heading(labels.stages, 1))
        blocks.append(_stages(ctx))
    # Nothing scored and no opportunity (a blueprint alone): no summary, rather than a page that
    # holds its heading alone.
    return blocks if len(blocks) > 1 else []


def _sentence(text: str) -> str:
    """Return a finding as a sentence: its full stop added unless it ends in one."""
    text = text.strip()
    return text if not text or text[-1] in _ENDS else f"{text}."


def _top_moves(ctx: PlanContext, top: tuple[Action, ...]) -> Table:
    """Return the top moves: priority and its reason, the opportunity, for whom and where, owner, KPI."""
    labels, c = ctx.theme.labels, ctx.theme.colours
    words = {"high": labels.priority_high, "medium": labels.priority_medium, "low": labels.priority_low}
    rows = []
    for action in top:
        where = " · ".join(t for t in (action.stage or "", action.step) if t)
        rows.append(
            Row(
                (
                    # The priority with its reason: a client asks "why this first?" before anything else.
                    Cell(f"{words[action.priority]}\n{action.reason}"),
                    Cell(action.text, fill=c.opportunity_surface),
                    Cell("\n".join(t for t in (action.persona or "", where) if t)),
                    Cell(action.owner or labels.unassigned, color=None if action.owner else c.muted),
                    Cell(action.kpi or "—"),
                )
            )
        )
    titles = (
        labels.report_priority,
        labels.report_opportunity,
        labels.report_where,
        labels.owner,
        labels.kpi,
    )
    header = Row(tuple(ctx.header_cell(t) for t in titles))
    return Table("top_moves", (0.19, 0.27, 0.22, 0.14, 0.18), header, tuple(rows), size="small")


def _says_something(owners: tuple[OwnerLoad, ...], unassigned: str) -> bool:
    """Return whether the owners' roll-up carries information: a named owner holding more than one action."""
    named = [o for o in owners if o.owner != unassigned]
    return bool(named) and any(o.actions > 1 for o in owners)


def _owners(ctx: PlanContext, owners: tuple[OwnerLoad, ...]) -> Table:
    """Return the owners' roll-up: each owner, how many actions they hold, how many are high priority."""
    labels, c = ctx.theme.labels, ctx.theme.colours
    shown = max(_OWNERS, sum(1 for o in owners if o.high))
    if len(owners) > shown + 1:  # folding one owner into "+1 more" would save nothing
        rest = owners[shown:]
        folded = OwnerLoad(
            f"+{len(rest)} {labels.more}", sum(o.actions for o in rest), sum(o.high for o in rest)
        )
        owners = (*owners[:shown], folded)
    rows = tuple(
        Row(
            (
                Cell(
                    o.owner,
                    bold=o.owner != labels.unassigned and i < shown,
                    color=None if i < shown else c.muted,
                ),
                Cell(str(o.actions), align="center"),
                Cell(str(o.high) if o.high else "—", align="center"),
            )
        )
        for i, o in enumerate(owners)
    )
    header = Row(
        (
            ctx.header_cell(labels.owner),
            ctx.header_cell(labels.report_actions, "center"),
            ctx.header_cell(labels.report_high, "center"),
        )
    )
    return Table("owners", (0.5, 0.25, 0.25), header, rows, zebra=True)


def _stages(ctx: PlanContext) -> Table:
    """Return the stages and what each means, when the workbook describes them (said nowhere else)."""
    labels, c = ctx.theme.labels, ctx.theme.colours
    rows = []
    for i, stage in enumerate(ctx.journeys.stages):
        number = Cell(
            str(i + 1), fill=c.stage_colour(i), color=c.on_stage_colour(i), bold=True, align="center"
        )
        rows.append(Row((number, Cell(stage.name, bold=True), Cell(clean(stage.description)))))
    header = Row((ctx.header_cell("#", "center"), ctx.header_cell(labels.stage), ctx.header_cell("")))
    return Table("stages", (0.07, 0.28, 0.65), header, tuple(rows), zebra=True)
