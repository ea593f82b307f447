"""The one comparison of the personas every format draws: its stages, values, shape and ranking.

The PNG overview, the deck's comparison slide and the report's comparison all draw what this
module returns, so they show the same stages in the same order, the same values and the same
shape: straight segments between stage points, a marker on every point. A persona's value in a
stage is the mean of its scored steps there, on [-1, 1]; it is written on the persona's own
scale. Personas on different scales are compared on -1..+1 (a linear map keeps every shape),
and the comparison says so.

How many personas decides the shape: up to MAX_CURVES, a curve each with a direct label; more
than that and a line each can no longer be told apart, so they are grouped by a segment field of
their profile (each group's mean curve, with its count), else drawn as small multiples, one mini
chart each on the same axes. Every mode adds the stages that hurt most, ranked. Service
blueprints are processes, not customers: they are never compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from mapgen.model import Journeys, Persona, Scale
from mapgen.scores import RELATIVE, scale_of, score_text
from mapgen.stages import Ownership, compared_personas, ownership

__all__ = [
    "DASHES",
    "MARKERS",
    "MAX_CURVES",
    "MAX_GROUPS",
    "SEGMENT_KEYS",
    "TOLERANCE",
    "Comparison",
    "Hurt",
    "Mode",
    "Series",
    "compare",
    "dash_of",
    "marker_of",
    "stage_value",
]

Mode = Literal["curves", "groups", "small multiples", "owners", "none"]

# Eight lines are about what a reader tells apart by colour, marker and dash, each labelled.
MAX_CURVES = 8
MAX_GROUPS = 8
# The profile fields a persona's segment is written in, the first present winning.
SEGMENT_KEYS = ("segment", "group", "type")
# Curves closer than this on every stage (a 20th of the -1..+1 range) would hide one another.
TOLERANCE = 0.05
# Marker shapes and dash patterns by series: a reader who cannot tell the colours apart still can.
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES: tuple[tuple[float, ...], ...] = ((), (6.0, 3.0), (1.5, 2.5), (8.0, 3.0, 1.5, 3.0))


def marker_of(index: int) -> str:
    """Return the marker shape of the series at index: a shape per colour, cycling."""
    return MARKERS[index % len(MARKERS)]


def dash_of(index: int, palette: int) -> tuple[float, ...]:
    """Return the dash pattern of the series at index: solid for the palette's first round, then dashed."""
    return DASHES[(index // max(1, palette)) % len(DASHES)]


def stage_value(persona: Persona, stage: str) -> float | None:
    """Return the mean score of the persona's scored steps in the stage, on [-1, 1], or None."""
    scores = [s.score for s in persona.steps_in(stage) if s.score is not None]
    return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True)
class Series:
    """One line of the comparison: a persona, or a group's mean curve."""

    name: str  # the persona's name, or the group's segment value
    personas: tuple[str, ...]  # whom it stands for: one persona, or a group's members
    values: tuple[float | None, ...]  # a value per compared stage, on [-1, 1]; None is a gap
    scale: Scale  # the scale its values are written on: the persona's own, a group's shared
    index: int  # its place in the palette, markers and dashes
    overlap: tuple[int, ...] = ()  # the series (by index) whose line coincides with this one, itself included

    @property
    def count(self) -> int:
        """Return how many personas the series stands for."""
        return len(self.personas)

    def text(self, stage: int) -> str:
        """Return the series' value at a stage on its own scale ("−2", "3.5"), or "" for a gap."""
        return score_text(self.values[stage], self.scale)

    def dash_index(self, palette: int) -> int:
        """Return which of DASHES it uses: coinciding lines each their own, else by index."""
        if len(self.overlap) > 1:
            return self.overlap.index(self.index) % len(DASHES)
        return (self.index // max(1, palette)) % len(DASHES)

    def dash(self, palette: int) -> tuple[float, ...]:
        """Return its dash pattern in points (empty: solid)."""
        return DASHES[self.dash_index(palette)]


@dataclass(frozen=True)
class Hurt:
    """A stage that hurts: its mean, how many personas are below zero there, and the worst one."""

    stage: str
    mean: float  # over the personas scored there, on [-1, 1]
    below: int  # personas whose value there is below zero
    scored: int  # personas with a value there
    worst: str  # the persona with the lowest value (the first in order on a tie)
    worst_value: float
    worst_scale: Scale


@dataclass(frozen=True)
class Comparison:
    """What the comparison shows: its mode, stages, series, ranking and the scale it is drawn on."""

    mode: Mode
    personas: tuple[Persona, ...]
    ownership: Ownership
    stages: tuple[str, ...]  # the stages compared: those every compared persona has
    series: tuple[Series, ...]
    scale: Scale  # the axis: the personas' one scale, or -1..+1 when they differ
    mixed: bool  # True when the personas' scales differ and the axis is -1..+1
    segment: str | None  # the profile field the groups come from
    hurts: tuple[Hurt, ...]  # the stages that hurt, worst first

    def spread(self, index: int, stage: int) -> float:
        """Return where a series' marker sits among those on the same point at a stage: -0.5..0.5, 0 alone.

        Markers within TOLERANCE of each other at a stage would hide one another: they are set
        side by side in series order, so every persona's point shows, also where lines only cross.
        """
        value = self.series[index].values[stage]
        if value is None:
            return 0.0
        close = [
            s.index for s in self.series if (v := s.values[stage]) is not None and abs(v - value) <= TOLERANCE
        ]
        if len(close) < 2:
            return 0.0
        return close.index(index) / (len(close) - 1) - 0.5

    def labels(self) -> list[tuple[str, tuple[int, ...]]]:
        """Return each direct label once: the coinciding names joined ("Ana, Ben"), with their indexes."""
        seen: set[int] = set()
        out: list[tuple[str, tuple[int, ...]]] = []
        for series in self.series:
            if series.index in seen:
                continue
            members = series.overlap or (series.index,)
            seen.update(members)
            out.append((", ".join(self.series[i].name for i in members), members))
        return out


def compare(journeys: Journeys, personas: Sequence[Persona] | None = None) -> Comparison:
    """Return the comparison of the personas (by default every persona but the blueprints)."""
    chosen = tuple(
        p for p in (compared_personas(journeys) if personas is None else personas) if p.kind != "blueprint"
    )
    own = ownership(journeys, chosen)
    stages = own.shared
    scored = [scale_of(p) for p in chosen if any(s.score is not None for s in p.steps)]
    mixed = len(set(scored)) > 1
    scale = scored[0] if scored and not mixed else RELATIVE
    hurts = _hurts(chosen, own.stages)
    if len(chosen) < 2:
        return Comparison("none", chosen, own, stages, (), scale, mixed, None, hurts)
    if not stages:
        return Comparison("owners", chosen, own, stages, (), scale, mixed, None, hurts)
    if len(chosen) <= MAX_CURVES:
        series = _persona_series(chosen, stages)
        return Comparison("curves", chosen, own, stages, _overlaps(series), scale, mixed, None, hurts)
    segment = _segment_key(chosen)
    if segment is not None:
        series = _group_series(chosen, stages, segment, scale)
        return Comparison("groups", chosen, own, stages, _overlaps(series), scale, mixed, segment, hurts)
    series = _persona_series(chosen, stages)
    return Comparison("small multiples", chosen, own, stages, tuple(series), scale, mixed, None, hurts)


def _persona_series(personas: Sequence[Persona], stages: Sequence[str]) -> list[Series]:
    return [
        Series(p.name, (p.name,), tuple(stage_value(p, s) for s in stages), scale_of(p), i)
        for i, p in enumerate(personas)
    ]


def _segment(persona: Persona, key: str) -> str | None:
    for name, value in persona.profile:
        if name.strip().lower() == key:
            words = value if isinstance(value, str) else ", ".join(value)
            return words.strip() or None
    return None


def _segment_key(personas: Sequence[Persona]) -> str | None:
    """Return the first segment field every persona fills with 2 to MAX_GROUPS distinct values, or None.

    A field only some personas fill, or one value for all, or a value each, groups nobody usefully.
    """
    for key in SEGMENT_KEYS:
        values = [_segment(p, key) for p in personas]
        if all(values) and 2 <= len(set(values)) <= MAX_GROUPS:
            return key
    return None


def _group_series(personas: Sequence[Persona], stages: Sequence[str], key: str, scale: Scale) -> list[Series]:
    """Return each group's mean curve (the mean of its members' stage values), in order of first member."""
    groups: dict[str, list[Persona]] = {}
    for persona in personas:
        groups.setdefault(_segment(persona, key) or "", []).append(persona)
    out = []
    for i, (name, members) in enumerate(groups.items()):
        values = []
        for stage in stages:
            found = [v for v in (stage_value(p, stage) for p in members) if v is not None]
            values.append(sum(found) / len(found) if found else None)
        out.append(Series(name, tuple(p.name for p in members), tuple(values), scale, i))
    return out


def _close(a: Series, b: Series) -> bool:
    """Return True when two lines lie within TOLERANCE on every stage, with their gaps in the same places."""
    pairs = list(zip(a.values, b.values, strict=True))
    if any((x is None) != (y is None) for x, y in pairs):
        return False
    both = [(x, y) for x, y in pairs if x is not None and y is not None]
    return bool(both) and all(abs(x - y) <= TOLERANCE + 1e-9 for x, y in both)


def _overlaps(series: list[Series]) -> tuple[Series, ...]:
    """Return the series with the lines each one coincides with: clusters joined through any close pair."""
    cluster = list(range(len(series)))

    def root(i: int) -> int:
        while cluster[i] != i:
            i = cluster[i]
        return i

    for i, a in enumerate(series):
        for j in range(i + 1, len(series)):
            if _close(a, series[j]):
                cluster[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i in range(len(series)):
        members.setdefault(root(i), []).append(i)
    out = []
    for i, s in enumerate(series):
        group = members[root(i)]
        out.append(
            Series(s.name, s.personas, s.values, s.scale, s.index, tuple(group) if len(group) > 1 else ())
        )
    return tuple(out)


def _hurts(personas: Sequence[Persona], stages: Sequence[str]) -> tuple[Hurt, ...]:
    """Return the stages below zero for someone, ranked: most personas below zero, then the lowest mean.

    Counting people first: a stage that hurts many customers a little costs more than one that
    hurts one customer a lot. A tie keeps the journey's order.
    """
    found: list[tuple[int, float, int, Hurt]] = []
    for order, stage in enumerate(stages):
        values = [(p, v) for p in personas if (v := stage_value(p, stage)) is not None]
        if not values:
            continue
        below = sum(1 for _p, v in values if v < 0)
        if not below:
            continue
        mean = sum(v for _p, v in values) / len(values)
        worst, low = min(values, key=lambda pv: pv[1])  # min keeps the first of equals
        hurt = Hurt(stage, mean, below, len(values), worst.name, low, scale_of(worst))
        found.append((-below, mean, order, hurt))
    return tuple(h for *_key, h in sorted(found, key=lambda f: (f[0], f[1], f[2])))
