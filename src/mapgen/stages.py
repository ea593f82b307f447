"""Whose stages are whose: a persona's own stages, their colours, and what compared personas share.

Every deliverable asks these questions the same way, so each has its one answer here: a map,
slide or chapter shows only its persona's stages, a stage keeps the colour of its place in the
whole project (one stage, one colour, on every map), and a comparison runs over the stages the
compared personas share. Service blueprints are journeys of a process, not of a customer: they
are never compared with the personas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mapgen.model import Journeys, Persona, own_stages

__all__ = [
    "Ownership",
    "compared_personas",
    "is_blueprint",
    "ownership",
    "persona_stages",
    "stage_colours",
]


def is_blueprint(persona: Persona) -> bool:
    """Return True when the persona is a service blueprint (a process, drawn without a profile)."""
    return persona.kind == "blueprint"


def persona_stages(journeys: Journeys, persona: Persona) -> list[str]:
    """Return the persona's own stages in journey order: its sheet's, else those its steps name.

    A stage a step names that the persona's list lacks (a model built in code) comes last, so no
    step is ever left off a map.
    """
    order = [s.name for s in journeys.stages]
    names = list(persona.stages) if persona.stages else list(own_stages(order, persona.steps))
    return names + [s for s in dict.fromkeys(step.stage for step in persona.steps) if s not in names]


def stage_colours(journeys: Journeys, stages: Sequence[str]) -> list[int]:
    """Return each stage's colour index: its place in the project's order, else after every project stage.

    A stage the project's order lacks takes the next free index, in the order given: that is
    where the project-wide order would place it.
    """
    order = {s.name: i for i, s in enumerate(journeys.stages)}
    extra = [s for s in stages if s not in order]
    return [order[s] if s in order else len(order) + extra.index(s) for s in stages]


def compared_personas(journeys: Journeys) -> tuple[Persona, ...]:
    """Return the personas a comparison shows: every one but the service blueprints."""
    return tuple(p for p in journeys.personas if not is_blueprint(p))


@dataclass(frozen=True)
class Ownership:
    """How compared personas' stages overlap: those all share, and whose the others are."""

    stages: tuple[str, ...]  # every compared persona's stage, in journey order
    shared: tuple[str, ...]  # the stages every compared persona has, in journey order
    # The stages not shared by all, grouped by who has them: (stages, the personas' names).
    others: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]

    @property
    def all_shared(self) -> bool:
        """Return True when every compared persona has every stage: a comparison as ever."""
        return not self.others

    def lines(self, only: str) -> list[str]:
        """Return a line per group of stages not shared by all: "Onboarding, Support: only Dana"."""
        return [f"{', '.join(stages)}: {only} {', '.join(names)}" for stages, names in self.others]


def ownership(journeys: Journeys, personas: Sequence[Persona]) -> Ownership:
    """Return the stages the personas share and whose the others are, in journey order."""
    own = [persona_stages(journeys, p) for p in personas]
    order = [s.name for s in journeys.stages]
    seen = list(dict.fromkeys(s for names in own for s in names))
    stages = [s for s in order if s in seen] + [s for s in seen if s not in order]
    shared = [s for s in stages if all(s in names for names in own)]
    groups: dict[tuple[str, ...], list[str]] = {}
    for stage in stages:
        if stage in shared:
            continue
        owners = tuple(p.name for p, names in zip(personas, own, strict=True) if stage in names)
        groups.setdefault(owners, []).append(stage)
    return Ownership(
        tuple(stages),
        tuple(shared),
        tuple((tuple(names), owners) for owners, names in groups.items()),
    )
