"""Parts of a deliverable: a deck or a report made in pieces, each cached and made on its own.

A deck or report of 60 personas is too slow to remake whole after one persona changes, and too
big to make in one process. Its writer splits it into parts (the front matter, a part per
persona, the back matter), which the build makes side by side and caches one by one, then joins.
A part is made from its scope: a persona's part sees the project, the stages and that persona
only, so editing another persona leaves it (and its cache entry) alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mapgen.model import Journeys

__all__ = ["PartSpec", "part_scope", "persona_part"]


@dataclass(frozen=True)
class PartSpec:
    """One part of a deliverable: a name unique and stable within it, and the persona it shows."""

    name: str  # "head", "persona-0007", "tail": stable, so cache entries outlive a build
    persona: int | None = None  # the index in the whole model of the persona this part shows


def persona_part(index: int) -> PartSpec:
    """Return the spec of the part that shows the persona at index."""
    return PartSpec(f"persona-{index:04d}", index)


def part_scope(journeys: Journeys, spec: PartSpec) -> Journeys:
    """Return what a part is made from: the whole model, or the model with its one persona only."""
    if spec.persona is None:
        return journeys
    return replace(journeys, personas=(journeys.personas[spec.persona],), problems=())
