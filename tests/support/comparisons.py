"""Models built for the comparison: personas with a score per stage, a scale and a segment."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from mapgen import text
from mapgen.model import Journeys, Persona, PersonaKind, ProfileValue, Scale, Stage, Step
from mapgen.scene import Scene
from mapgen.themes import Theme

STAGES = ("Discover", "Choose", "Buy", "Use")
FIVE = Scale(-5.0, 5.0)


def persona(
    name: str,
    scores: Sequence[float | None],
    *,
    scale: Scale | None = FIVE,
    segment: str | None = None,
    stages: Sequence[str] = STAGES,
    kind: PersonaKind = "persona",
) -> Persona:
    """Return a persona with a step per stage scored as given (on [-1, 1]; None unscored)."""
    steps = tuple(
        Step(
            stage=stage,
            action=f"{name} {stage}",
            score=score,
            score_source=None if score is None else "column",
        )
        for stage, score in zip(stages, scores, strict=True)
    )
    profile: tuple[tuple[str, ProfileValue], ...] = (("segment", segment),) if segment else ()
    return Persona(name, name, profile=profile, steps=steps, scale=scale, stages=tuple(stages), kind=kind)


def journeys(personas: Sequence[Persona], stages: Sequence[str] = STAGES) -> Journeys:
    """Return a project of the personas over the stages."""
    return Journeys("test.xlsx", stages=tuple(Stage(s) for s in stages), personas=tuple(personas))


def many(count: int, *, segments: Sequence[str] = ()) -> Journeys:
    """Return count personas with distinct, deterministic curves (and segments in turn, when given)."""
    out = []
    for n in range(count):
        scores = [round(((n * 7 + k * 3) % 11 - 5) / 5, 2) for k in range(len(STAGES))]
        segment = segments[n % len(segments)] if segments else None
        out.append(persona(f"Persona {n + 1:02d}", scores, segment=segment))
    return journeys(out)


def assert_legible(scene: Scene, theme: Theme) -> None:
    """Check every text block fits its box inside the page, and no two text blocks overlap."""
    blocks = [b for b in scene.texts() if b.lines]
    for block in blocks:
        chain = theme.font_chain(block.font, bold=block.bold, italic=block.italic)
        assert block.text_height <= block.box.h + 0.01, (block.source, block.box)
        assert all(text.measure(line, chain, block.size) <= block.box.w + 0.01 for line in block.lines), (
            block.source
        )
        assert block.box.x >= 0 and block.box.right <= scene.width + 0.01, block.source
        assert block.box.y >= 0 and block.box.bottom <= scene.height + 0.01, block.source
    for a, b in itertools.combinations(blocks, 2):
        assert not a.box.overlaps(b.box), (a.source, a.box, b.source, b.box)
