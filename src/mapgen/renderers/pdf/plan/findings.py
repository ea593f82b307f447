"""The report's findings: moments, the pain-point matrix, and each persona's action plan rows.

What a journey says comes from mapgen.insights; this module only shapes it into what the report's
tables show, with no PDF library, so tests check it on their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mapgen.insights import moments as insight_moments
from mapgen.insights import naming
from mapgen.insights.actions import Action, ActionPlan, plan_actions
from mapgen.insights.pains import step_gaps
from mapgen.model import Journeys, Persona, Step
from mapgen.stages import persona_stages

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "MatrixCell",
    "Moment",
    "PlanRow",
    "action_plan",
    "join_names",
    "moments",
    "normalise",
    "pain_matrix",
    "persona_plan",
    "step_name",
]

_SPACES = re.compile(r"\s+")
# Trimmed from both ends before texts are compared: "Long wait." and "long wait" are one finding.
_TRIM = " \t.,;:!?-–—…\"'“”„‚‘’«»‹›()[]{}*•·"


def normalise(text: str) -> str:
    """Return text folded for matching: NFKC, case-folded, spaces collapsed, end punctuation trimmed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", folded).strip(_TRIM)


def step_name(step: Step, number: int, step_label: str) -> str:
    """Return what a step is called (the rule: mapgen.insights.naming); number is 1-based."""
    return naming.step_name(step, number - 1, step_label)


@dataclass(frozen=True)
class Moment:
    """A persona's highest or lowest scored step."""

    stage: str
    step: Step
    number: int  # 1-based position of the step in the persona's journey


def moments(persona: Persona) -> tuple[Moment | None, Moment | None]:
    """Return the persona's high point and its moment that matter (mapgen.insights.moments), or None.

    The first of ties; the low is a moment that matters only when clearly negative, so a journey
    that never dips has none.
    """
    high = insight_moments.highs(persona)
    low = insight_moments.moments(persona)
    return (
        Moment(high[0].stage, high[0].step, high[0].index + 1) if high else None,
        Moment(low[0].stage, low[0].step, low[0].index + 1) if low else None,
    )


def action_plan(journeys: Journeys, theme: Theme) -> ActionPlan:
    """Return the action plan of the model (mapgen.insights.actions): the report's one way to it."""
    return plan_actions(journeys, theme)


@dataclass(frozen=True)
class PlanRow:
    """A row of a persona's action plan: an opportunity and the pain point the workbook pairs it with.

    paired: pain is the one pain point the opportunity answers. Otherwise pain holds the step's
    pain points, set beside its opportunities without saying which answers which.
    """

    stage: str
    index: int  # 0-based place of the step in the persona's journey
    step: str  # the step's name (mapgen.insights.naming)
    opportunities: tuple[str, ...]  # none: pain points no opportunity answers yet
    pains: tuple[str, ...]
    paired: bool
    owner: str
    kpi: str


def persona_plan(journeys: Journeys, persona: Persona, theme: Theme) -> list[PlanRow]:
    """Return a persona's action plan rows in journey order: per step, its pairs, then what stands unpaired.

    A service blueprint's chapter gets its plan too: the insights leave blueprints out of what is
    compared across personas, not out of their own chapter.
    """
    alone = replace(journeys, personas=(replace(persona, kind="persona"),))
    plan = action_plan(alone, theme)
    rank = {stage: i for i, stage in enumerate(persona_stages(journeys, persona))}
    by_step: dict[int, list[Action]] = {}
    for action in plan.actions:
        if action.index is not None:
            by_step.setdefault(action.index, []).append(action)
    unanswered = {gap.index: gap.pains for gap in step_gaps(alone.personas) if gap.pains}
    rows: list[PlanRow] = []
    order = sorted(range(len(persona.steps)), key=lambda i: (rank.get(persona.steps[i].stage, len(rank)), i))
    for index in order:
        step = persona.steps[index]
        name = naming.step_name(step, index, theme.labels.step)
        actions = sorted(by_step.get(index, ()), key=lambda a: _position(step, a.text))
        for action in actions:
            if action.pain_point:
                rows.append(
                    PlanRow(
                        step.stage,
                        index,
                        name,
                        (action.text,),
                        (action.pain_point,),
                        True,
                        action.owner or "",
                        action.kpi or "",
                    )
                )
        alone_ideas = [a for a in actions if not a.pain_point]
        if alone_ideas:
            rows.append(
                PlanRow(
                    step.stage,
                    index,
                    name,
                    tuple(a.text for a in alone_ideas),
                    alone_ideas[0].pains,
                    False,
                    "; ".join(dict.fromkeys(a.owner for a in alone_ideas if a.owner)),
                    "; ".join(dict.fromkeys(a.kpi for a in alone_ideas if a.kpi)),
                )
            )
        # Pain points no row shows yet: a step without opportunities, or one whose every
        # opportunity the workbook pairs with another of its pain points.
        paired = {a.pain_point for a in actions if a.pain_point}
        left = unanswered.get(index, ()) or (() if alone_ideas else step.pain_points)
        pains = tuple(t for p in left if (t := " ".join(p.split())) and t not in paired)
        if pains:
            rows.append(PlanRow(step.stage, index, name, (), pains, False, (step.owner or "").strip(), ""))
    return rows


def _position(step: Step, text: str) -> int:
    """Return where an opportunity stands in its step's cell, so a step's rows keep the workbook's order."""
    for i, idea in enumerate(step.opportunities):
        if " ".join(idea.split()) == text:
            return i
    return len(step.opportunities)


@dataclass(frozen=True)
class MatrixCell:
    """Pain points of one persona in one stage: how many, and the worst score of those steps."""

    count: int
    worst_score: float | None


def pain_matrix(
    journeys: Journeys, personas: Sequence[Persona] | None = None, stages: Sequence[str] | None = None
) -> list[list[MatrixCell]]:
    """Return a row per persona and a cell per stage (journey order) counting pain points.

    personas and stages: the matrix's rows and columns (by default every persona and stage).
    """
    rows = []
    for persona in journeys.personas if personas is None else personas:
        row = []
        for stage in [s.name for s in journeys.stages] if stages is None else stages:
            steps = [s for s in persona.steps_in(stage) if any(p.strip() for p in s.pain_points)]
            count = sum(1 for s in steps for p in s.pain_points if p.strip())
            scores = [s.score for s in steps if s.score is not None]
            row.append(MatrixCell(count, min(scores) if scores else None))
        rows.append(row)
    return rows


def join_names(names: Iterable[str], limit: int = 6) -> str:
    """Return names joined by commas, the ones beyond limit counted as "+N"."""
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (f", +{len(names) - limit}" if len(names) > limit else "")
