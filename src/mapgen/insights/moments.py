"""The moments that matter, the highs and lows, the steepest drop: one rule each, for every format.

Scores are read on the model's [-1, 1] (Step.score). A swing ("sceptical → reassured") counts
where it ends (Step.score, not score_start): that is how the persona leaves the step and where
the curve's marker sits, and a low start that the step itself resolves is not where to act first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from mapgen.model import Journeys, Persona, Step
from mapgen.stages import compared_personas, persona_stages

__all__ = [
    "AT_MOST",
    "CUT",
    "EPSILON",
    "Drop",
    "Moment",
    "StageLow",
    "StageRange",
    "highs",
    "inferred_personas",
    "is_inferred",
    "lows",
    "moment_indexes",
    "moments",
    "stage_lows",
    "stage_ranges",
    "steepest_drop",
]

# A moment that matters is clearly negative: at or below -0.2 on [-1, 1] (-1 on -5..+5, 2.6 on
# 1..5). A -0.1 "curious, overwhelmed" is a mixed feeling, not where a journey breaks.
CUT = -0.2
# At most two moments per persona: a third call-out on one curve would take the weight of all.
AT_MOST = 2
EPSILON = 1e-9  # scores within this are tied: the reader rounds them to 6 decimals


@dataclass(frozen=True)
class Moment:
    """A persona's step singled out: a moment that matters, a high, a low."""

    persona: str
    index: int  # 0-based place of the step in the persona's journey
    step: Step
    score: float  # on [-1, 1]: the step's end score
    inferred: bool  # the score was inferred from emotion words, not given: never present it as measured

    @property
    def stage(self) -> str:
        """Return the stage the step is in."""
        return self.step.stage


def is_inferred(step: Step) -> bool:
    """Return True when the step's score was inferred from its emotion words."""
    return step.score_source == "inferred"


def _scored(persona: Persona) -> list[tuple[int, Step, float]]:
    return [(i, s, s.score) for i, s in enumerate(persona.steps) if s.score is not None]


def _extremes(persona: Persona, lowest: bool) -> list[Moment]:
    """Return the steps tied at the persona's lowest (or highest) score, in journey order."""
    scored = _scored(persona)
    if not scored:
        return []
    values = [score for _i, _s, score in scored]
    target = min(values) if lowest else max(values)
    return [
        Moment(persona.name, i, s, score, is_inferred(s))
        for i, s, score in scored
        if abs(score - target) <= EPSILON
    ]


def _flat(persona: Persona) -> bool:
    values = [score for _i, _s, score in _scored(persona)]
    return not values or max(values) - min(values) <= EPSILON


def moments(persona: Persona) -> tuple[Moment, ...]:
    """Return the persona's moments that matter: its lowest step(s), if clearly negative.

    Every step tied at the lowest score counts, at most AT_MOST of them, the first in journey
    order when more tie (the first is where the persona meets the problem). A flat journey (every
    score equal, or one scored step) has no low point to call out; a lowest score above CUT is not
    a moment that matters. An inferred score keeps its mark (Moment.inferred).
    """
    if _flat(persona):
        return ()
    return tuple(m for m in _extremes(persona, lowest=True) if m.score <= CUT + EPSILON)[:AT_MOST]


def moment_indexes(persona: Persona) -> set[int]:
    """Return the indexes of the persona's moments that matter (what the map's curve rings)."""
    return {m.index for m in moments(persona)}


def lows(persona: Persona) -> tuple[Moment, ...]:
    """Return the persona's lowest step(s) whatever their score (ties, at most two); none when flat."""
    return () if _flat(persona) else tuple(_extremes(persona, lowest=True)[:AT_MOST])


def highs(persona: Persona) -> tuple[Moment, ...]:
    """Return the persona's highest step(s) (ties, at most two, first first); none when flat."""
    return () if _flat(persona) else tuple(_extremes(persona, lowest=False)[:AT_MOST])


@dataclass(frozen=True)
class Drop:
    """The steepest fall between two consecutive scored steps of a persona."""

    persona: str
    before: Moment
    after: Moment

    @property
    def size(self) -> float:
        """Return how far the score falls, on [-1, 1]'s units (0 to 2)."""
        return self.before.score - self.after.score


def steepest_drop(persona: Persona) -> Drop | None:
    """Return the persona's steepest fall between consecutive scored steps, or None if it never falls.

    Steps without a score are skipped (the line has a gap there, not a zero); each step counts at
    its end score, as for moments. The first of equal drops wins: it is met first.
    """
    scored = _scored(persona)
    best: Drop | None = None
    for (i, a, sa), (j, b, sb) in itertools.pairwise(scored):
        if sa - sb > EPSILON and (best is None or sa - sb > best.size + EPSILON):
            best = Drop(
                persona.name,
                Moment(persona.name, i, a, sa, is_inferred(a)),
                Moment(persona.name, j, b, sb, is_inferred(b)),
            )
    return best


@dataclass(frozen=True)
class StageLow:
    """A stage and the compared personas for whom it holds a moment that matters."""

    stage: str
    moments: tuple[Moment, ...]  # one per persona (its lowest in the stage), in persona order

    @property
    def personas(self) -> tuple[str, ...]:
        """Return the names of the personas it hurts."""
        return tuple(m.persona for m in self.moments)

    @property
    def worst(self) -> Moment:
        """Return the lowest of the stage's moments (the first persona's on a tie)."""
        return min(self.moments, key=lambda m: m.score)


def stage_lows(journeys: Journeys, personas: Sequence[Persona] | None = None) -> list[StageLow]:
    """Return the stages that hold a moment that matters, most personas first, then the deepest.

    A stage hurts a persona when one of the persona's moments lies in it; blueprints are not
    personas and are left out unless named. Equal stages keep the journey's order.
    """
    chosen = compared_personas(journeys) if personas is None else tuple(personas)
    order = {s.name: i for i, s in enumerate(journeys.stages)}
    found: dict[str, list[Moment]] = {}
    for persona in chosen:
        seen: set[str] = set()
        for m in moments(persona):
            if m.stage not in seen:  # two moments in one stage hurt one persona once
                seen.add(m.stage)
                found.setdefault(m.stage, []).append(m)
    for persona in chosen:
        for stage in persona_stages(journeys, persona):
            order.setdefault(stage, len(order))
    out = [StageLow(stage, tuple(ms)) for stage, ms in found.items()]
    out.sort(key=lambda s: (-len(s.moments), s.worst.score, order.get(s.stage, len(order))))
    return out


def inferred_personas(personas: Sequence[Persona]) -> tuple[str, ...]:
    """Return the personas whose scores are all inferred from emotion words: direction, not measurement."""
    return tuple(
        p.name
        for p in personas
        if any(s.score is not None for s in p.steps)
        and all(is_inferred(s) for s in p.steps if s.score is not None)
    )


@dataclass(frozen=True)
class StageRange:
    """A persona's stage: its lowest and highest step (the first of ties), None when unscored."""

    stage: str
    low: Moment | None
    high: Moment | None


def stage_ranges(journeys: Journeys, persona: Persona) -> list[StageRange]:
    """Return the persona's own stages in journey order, each with its low and high step.

    Unlike moments, no cut applies: a stage's range is what the stage felt like, good or bad.
    """
    out = []
    for stage in persona_stages(journeys, persona):
        scored = [
            Moment(persona.name, i, s, s.score, is_inferred(s))
            for i, s in enumerate(persona.steps)
            if s.stage == stage and s.score is not None
        ]
        low = min(scored, key=lambda m: m.score) if scored else None
        high = max(scored, key=lambda m: m.score) if scored else None
        out.append(StageRange(stage, low, high))
    return out
