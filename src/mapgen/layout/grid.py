"""Where a journey's columns go: one per step, stages sized by their steps, wrapped into bands."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mapgen.model import Persona, Step

EMPTY_STAGE = 0.6  # the width of a stage without steps, in step columns: narrow, but still there


@dataclass(frozen=True)
class Column:
    """One step's column (or the empty column of a stage without steps)."""

    stage: str
    x: float
    w: float
    step: Step | None
    index: int | None  # the step's index in the persona's journey

    @property
    def centre(self) -> float:
        """Return the x of the column's middle."""
        return self.x + self.w / 2

    @property
    def right(self) -> float:
        """Return the x of the column's right edge."""
        return self.x + self.w


@dataclass(frozen=True)
class StageSpan:
    """A stage across its columns."""

    name: str
    index: int  # in the whole project's stage order: picks the stage colour
    x: float
    w: float
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Band:
    """The stages that share one row of the map."""

    stages: tuple[StageSpan, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        """Return every column of the band, left to right."""
        return tuple(c for s in self.stages for c in s.columns)


def plan_bands(
    stages: list[str],
    persona: Persona,
    x: float,
    width: float,
    min_column: float,
    colours: Sequence[int] | None = None,
) -> list[Band]:
    """Return the bands of a journey: as many stages per band as fit columns of at least min_column.

    colours: each stage's colour index (layout.own_stages.stage_colours); by default its place.
    """
    weights = [max(EMPTY_STAGE, float(len(persona.steps_in(name)))) for name in stages]
    if not weights:
        return []
    capacity = max(width / min_column, max(weights))
    bands_needed = math.ceil(sum(weights) / capacity - 1e-9)
    target = sum(weights) / bands_needed
    groups: list[list[int]] = [[]]
    filled = 0.0
    for i, weight in enumerate(weights):
        # Start a new band when this stage would overflow it, or land mostly past an even share.
        spills = filled + weight > capacity + 1e-9 or filled + weight / 2 > target + 1e-9
        if groups[-1] and spills:
            groups.append([])
            filled = 0.0
        groups[-1].append(i)
        filled += weight
    # The same column width on every band, so a stage looks alike wherever it falls.
    unit = width / max(sum(weights[i] for i in group) for group in groups)
    index_of = {id(step): n for n, step in enumerate(persona.steps)}
    bands = []
    for group in groups:
        spans, left = [], x
        for i in group:
            name, span_w = stages[i], weights[i] * unit
            steps = persona.steps_in(name)
            if steps:
                w = span_w / len(steps)
                columns = tuple(
                    Column(name, left + k * w, w, step, index_of[id(step)]) for k, step in enumerate(steps)
                )
            else:
                columns = (Column(name, left, span_w, None, None),)
            spans.append(StageSpan(name, colours[i] if colours else i, left, span_w, columns))
            left += span_w
        bands.append(Band(tuple(spans)))
    return bands


def stage_row(
    stages: list[str], persona: Persona, x: float, width: float, colours: Sequence[int] | None = None
) -> Band:
    """Return one band with a column per stage, equally wide (a stage without steps narrower)."""
    weights = [1.0 if persona.steps_in(name) else EMPTY_STAGE for name in stages]
    unit = width / sum(weights) if weights else 0.0
    spans, left = [], x
    for i, (name, weight) in enumerate(zip(stages, weights, strict=True)):
        spans.append(
            StageSpan(
                name,
                colours[i] if colours else i,
                left,
                weight * unit,
                (Column(name, left, weight * unit, None, None),),
            )
        )
        left += weight * unit
    return Band(tuple(spans))


def step_slots(span: StageSpan, persona: Persona) -> tuple[Column, ...]:
    """Return a stage's column cut into a slot per step, for the curve of a stage-level view."""
    steps = persona.steps_in(span.name)
    if not steps:
        return span.columns
    index_of = {id(step): n for n, step in enumerate(persona.steps)}
    w = span.w / len(steps)
    return tuple(
        Column(span.name, span.x + k * w, w, step, index_of[id(step)]) for k, step in enumerate(steps)
    )
