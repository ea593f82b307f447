"""Plan the action plan: prioritised moves as native tables, the owners' roll-up; pure, no python-pptx.

What the plan holds (pairs, priorities, owners, the top moves) is mapgen.insights.actions'; this
module only lays it out. deck_actions is the deck's one call of plan_actions, so how the
workbook's Opportunities sheet and declared pairs are wired in is decided in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from mapgen.insights.actions import Action, ActionPlan, plan_actions
from mapgen.insights.words import fill
from mapgen.model import Journeys
from mapgen.renderers.pptx.deck import PlanItem, SlideKind, SlidePlan, Table
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.common import Ctx, continued, slide_title
from mapgen.renderers.pptx.plan.fit import fit_block, sizes_between
from mapgen.renderers.pptx.plan.tabular import CellText, Row, fit_tables
from mapgen.scene import Box, Tag

__all__ = ["action_plan_slides", "action_rows", "action_table_header", "deck_actions", "paged_slides"]

T = TypeVar("T")

FRACTIONS = (0.33, 0.2, 0.13, 0.16, 0.18)  # opportunity, for whom, owner, KPI, priority
# A deck is presented, not searched: past four slides of actions (the highest first) the rest is
# counted in one line and left to the report, which lists every action under its persona.
MAX_PLAN_SLIDES = 4
_MAX_ROWS = MAX_PLAN_SLIDES * 20  # more than four slides can hold at the smallest size: no more is fitted


def deck_actions(journeys: Journeys, ctx: Ctx) -> ActionPlan:
    """Return the action plan the deck shows (the one place the deck asks insights for it)."""
    return plan_actions(journeys, ctx.theme)


def action_table_header(ctx: Ctx) -> tuple[str, ...]:
    """Return the columns of the top moves and the action plan: what, for whom, owner, KPI, priority."""
    labels = ctx.theme.labels
    return (labels.opportunity, labels.for_whom, labels.owner, labels.kpi, labels.priority)


def action_rows(ctx: Ctx, actions: Sequence[Action]) -> list[Row]:
    """Return an action per row: the move (and the pain it answers), where, owner, KPI, priority and why."""
    c, labels = ctx.c, ctx.theme.labels
    level = {"high": labels.priority_high, "medium": labels.priority_medium, "low": labels.priority_low}
    rows = []
    for action in actions:
        what = [CellText(action.text, c.text, bold=True)]
        if action.pain_point:
            what.append(
                CellText(fill(labels.answers, pain=notes.clean(action.pain_point)), c.muted, small=True)
            )
        where = [CellText(action.persona or "", c.text)]
        place = " · ".join(part for part in (action.stage, action.step) if part)
        if place:
            where.append(CellText(place, c.muted, small=True))
        owner = CellText(action.owner or labels.unassigned, c.text if action.owner else c.muted)
        high = action.priority == "high"
        surface = c.pain_surface if high else None
        why = (
            CellText(level[action.priority], c.text, bold=True),
            CellText(action.reason, c.text if high else c.muted, small=True),
        )
        rows.append(
            Row(
                cells=(
                    (tuple(what), None),
                    (tuple(where), None),
                    ((owner,), None),
                    ((CellText(action.kpi or "–", c.text if action.kpi else c.muted),), None),
                    (why, surface),
                ),
                key=f"{action.persona}, {action.stage}, {action.step}",
            )
        )
    return rows


def paged_slides(
    ctx: Ctx,
    tables: Sequence[Table],
    items: Sequence[T],
    base: str,
    kind: SlideKind,
    say: Callable[[Sequence[T], int], str],
    last: tuple[PlanItem, ...] = (),
) -> list[SlidePlan]:
    """Return a slide per table, titled base ("continued" after the first), its notes said of the items
    its rows show (say(page, part)); last goes under the last slide's table."""
    slides = []
    start = 0
    for part, table in enumerate(tables):
        page = items[start : start + len(table.rows) - 1]
        start += len(page)
        title = continued(ctx, base, part)
        slides.append(
            SlidePlan(
                kind=kind,
                title=title,
                notes=say(page, part),
                layout="content",
                title_block=slide_title(ctx, title),
                items=(table, *(last if part == len(tables) - 1 else ())),
            )
        )
    return slides


def action_plan_slides(ctx: Ctx) -> list[SlidePlan]:
    """Return the action plan by priority, over at most MAX_PLAN_SLIDES slides, then the owners.

    A long plan is expected to continue ("continued" in the title), so it is not reported as a
    problem; each slide's table is measured to fit its body.
    """
    plan = deck_actions(ctx.journeys, ctx)
    if not plan.actions:
        return []
    theme, labels, body = ctx.theme, ctx.theme.labels, ctx.frame.body
    caption_h = round(ctx.size("small") * ctx.lh, 2)
    box = Box(body.x, body.y, body.w, round(body.h - caption_h - ctx.gap * 0.5, 2))
    tables = fit_tables(
        ctx,
        action_table_header(ctx),
        action_rows(ctx, plan.actions[:_MAX_ROWS]),
        FRACTIONS,
        box,
        alt=f"{labels.action_plan}: {', '.join(action_table_header(ctx))}",
        name=labels.action_plan,
        # A long plan goes on over more slides rather than shrinking to the floor: it is read at a table.
        sizes=sizes_between(ctx.size("body"), max(ctx.size("body") - 2, theme.sizes.minimum)),
        warn=False,
    )[:MAX_PLAN_SLIDES]
    shown = sum(len(table.rows) - 1 for table in tables)
    caption: tuple[PlanItem, ...] = ()
    if tables and shown < len(plan.actions):
        caption = (
            fit_block(
                fill(labels.more_actions, count=str(len(plan.actions) - shown)),
                theme,
                Box(body.x, round(box.y + tables[-1].box.h + ctx.gap * 0.5, 2), body.w, caption_h),
                size=ctx.size("small"),
                min_size=theme.sizes.minimum,
                color=ctx.c.muted,
                max_lines=1,
                tag=Tag("caption"),
            ),
        )
    slides = paged_slides(
        ctx,
        tables,
        plan.actions,
        labels.action_plan,
        "action_plan",
        lambda page, part: notes.action_plan_notes(plan, page, theme, part),
        caption,
    )
    return [*slides, *_owners_slides(ctx, plan)]


def _owners_slides(ctx: Ctx, plan: ActionPlan) -> list[SlidePlan]:
    """Return the owners' roll-up: who holds how many actions, how many of them high; none for one owner."""
    if len(plan.owners) < 2:
        return []  # one owner (or none) is said in the plan's notes: a one-row table says nothing more
    c, labels = ctx.c, ctx.theme.labels
    rows = [
        Row(
            cells=(
                ((CellText(o.owner, c.text if o.owner != labels.unassigned else c.muted, bold=True),), None),
                ((CellText(str(o.actions), c.text),), None),
                ((CellText(str(o.high), c.text, bold=o.high > 0),), c.pain_surface if o.high else None),
            ),
            key=o.owner,
        )
        for o in plan.owners
    ]
    body = ctx.frame.body
    box = Box(body.x, body.y, min(body.w, body.w * 0.7), body.h)
    tables: list[Table] = fit_tables(
        ctx,
        (labels.owner, labels.actions, labels.priority_high),
        rows,
        (0.6, 0.2, 0.2),
        box,
        alt=f"{labels.owners}: {labels.owner}, {labels.actions}, {labels.priority_high}",
        name=labels.owners,
        sizes=sizes_between(ctx.size("h3"), ctx.theme.sizes.minimum),
        warn=False,
    )
    base = f"{labels.action_plan}: {labels.owners}"
    return paged_slides(
        ctx, tables, plan.owners, base, "action_plan", lambda page, _part: notes.owners_notes(page, ctx.theme)
    )
