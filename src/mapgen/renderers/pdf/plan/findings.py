"""The report's findings: moments, recurring pain points, top opportunities, the action plan.

Plain functions of the model, no theme and no PDF library: the report plan turns their results
into tables, and tests check them on their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from mapgen.insights import moments as insight_moments
from mapgen.insights import naming
from mapgen.layout.lanes import Lane
from mapgen.model import Journeys, Persona, Step
from mapgen.stages import persona_stages

__all__ = [
    "ActionRow",
    "Finding",
    "MatrixCell",
    "Moment",
    "action_plan",
    "findings",
    "join_names",
    "moments",
    "normalise",
    "pain_matrix",
    "recurring_pain_points",
    "step_name",
    "top_opportunities",
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


@dataclass(frozen=True)
class Finding:
    """A pain point or opportunity as it recurs: its text, who names it, in which stages."""

    text: str  # the first spelling met, in journey order
    personas: tuple[str, ...]  # in the order of the workbook
    stages: tuple[str, ...]  # in journey order
    occurrences: int
    worst_score: float | None  # the lowest score of the steps that name it

    @property
    def count(self) -> int:
        """Return how many personas name it."""
        return len(self.personas)


def _items(journeys: Journeys, field: str) -> Iterator[tuple[Persona, Step, str]]:
    for persona in journeys.personas:
        for step in persona.steps:
            for item in getattr(step, field):
                if item and item.strip():
                    yield persona, step, item.strip()


def findings(journeys: Journeys, field: str) -> list[Finding]:
    """Return the distinct items of a list field ("pain_points", "opportunities"), matched by normalise()."""
    order = {stage.name: i for i, stage in enumerate(journeys.stages)}
    groups: dict[str, list[tuple[Persona, Step, str]]] = {}
    for persona, step, item in _items(journeys, field):
        key = normalise(item) or item
        groups.setdefault(key, []).append((persona, step, item))
    out = []
    for entries in groups.values():
        personas = tuple(dict.fromkeys(p.name for p, _s, _t in entries))
        stages = sorted(
            {s.stage for _p, s, _t in entries}, key=lambda name: (order.get(name, len(order)), name)
        )
        scores = [s.score for _p, s, _t in entries if s.score is not None]
        out.append(
            Finding(
                text=entries[0][2],
                personas=personas,
                stages=tuple(stages),
                occurrences=len(entries),
                worst_score=min(scores) if scores else None,
            )
        )
    return out


def recurring_pain_points(journeys: Journeys, limit: int = 10) -> tuple[list[Finding], bool]:
    """Return the pain points most personas share, and whether any is shared by two or more.

    When none recurs across personas (one persona, or all different), the most frequent ones are
    returned instead, so the summary still says where it hurts; the flag lets the heading say so.
    """
    found = findings(journeys, "pain_points")
    found.sort(key=lambda f: (-f.count, -f.occurrences, _worst(f)))
    recurring = [f for f in found if f.count >= 2]
    if recurring:
        return recurring[:limit], True
    return found[:limit], False


def top_opportunities(journeys: Journeys, limit: int = 8) -> list[Finding]:
    """Return the opportunities to act on first: named by most personas, then where it hurts most.

    Equal counts are ordered by the lowest emotion score of the steps they address (the moments
    that matter come first), then by journey order.
    """
    found = findings(journeys, "opportunities")
    ranked = sorted(enumerate(found), key=lambda pair: (-pair[1].count, _worst(pair[1]), pair[0]))
    return [f for _i, f in ranked[:limit]]


def _worst(finding: Finding) -> float:
    return finding.worst_score if finding.worst_score is not None else 2.0


@dataclass(frozen=True)
class ActionRow:
    """One step of a persona's action plan: its pain points beside its opportunities, owner and KPI."""

    stage: str
    step: int  # 1-based position of the step
    pain_point: str  # the step's pain points, one a line (bulleted when several)
    opportunity: str  # the step's opportunities, likewise
    owner: str
    kpi: str


def action_plan(journeys: Journeys, persona: Persona) -> list[ActionRow]:
    """Return the action plan rows of a persona in journey order: a row per step with either.

    A row pairs nothing the workbook did not pair (mapgen.insights.actions): a step's pain points
    and opportunities stand beside each other in its one row, never the n-th beside the n-th as if
    one answered the other; a step with one of each reads as the pair it is.
    """
    pains, ideas = Lane("pain_points", "", "pain"), Lane("opportunities", "", "idea")
    rows = []
    for stage in persona_stages(journeys, persona):
        for index, step in enumerate(persona.steps):
            if step.stage != stage:
                continue
            pain, idea = pains.text(step), ideas.text(step)
            if not (pain or idea):
                continue
            kpi = "\n".join(k.strip() for k in step.kpis if k.strip())
            rows.append(ActionRow(stage, index + 1, pain, idea, (step.owner or "").strip(), kpi))
    return rows


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
