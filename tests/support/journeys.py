"""Small journey models built in code for the insights tests: personas from (stage, score) lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mapgen.model import Journeys, Persona, Scale, Stage, Step

FIVE = Scale(-5.0, 5.0)
STAGES = ("Awareness", "Consideration", "Purchase", "Delivery", "Use")


def step(stage: str, score: float | None, action: str | None = None, **fields: object) -> Step:
    """Return a step with a score on [-1, 1] (None: unscored) and any other fields."""
    base = Step(stage=stage, action=action, score=score, score_source=None if score is None else "column")
    return replace(base, **fields)  # type: ignore[arg-type]


def persona(
    name: str, steps: Sequence[Step], *, scale: Scale | None = FIVE, kind: str = "persona"
) -> Persona:
    """Return a persona over the given steps; its stages are those the steps name."""
    stages = tuple(dict.fromkeys(s.stage for s in steps))
    return Persona(name, name, steps=tuple(steps), scale=scale, stages=stages, kind=kind)  # type: ignore[arg-type]


def journeys(*personas: Persona, stages: Sequence[str] = STAGES) -> Journeys:
    """Return a model of the personas over the stages."""
    return Journeys("test.xlsx", stages=tuple(Stage(s) for s in stages), personas=tuple(personas))


def scored(name: str, scores: Sequence[float | None], **kwargs: object) -> Persona:
    """Return a persona with a step per score, two steps a stage, actions "a1", "a2", ..."""
    steps = [step(STAGES[i // 2 % len(STAGES)], s, f"a{i + 1}") for i, s in enumerate(scores)]
    return persona(name, steps, **kwargs)  # type: ignore[arg-type]
