"""The deck: plan the slides (plan.parts), emit them as a native, editable PowerPoint file.

    deck = render_deck(journeys, theme, template=None)   # Deck(data, plan, problems)
    problems = write_deck(journeys, theme, "out/deck.pptx", template=None)

The deck is made in parts, each made on its own (in a worker process, cached by the build) and
joined cheaply:

    specs = deck_parts(journeys)                          # head, a part per persona, tail
    made = [render_deck_part(part_scope(journeys, s), s, theme) for s in specs]
    deck = assemble_deck(journeys, theme, [data for data, _ in made])

render_deck does exactly that in one process. The base is the client's template (template=,
else theme.slide.template) or the built-in look (python-pptx's default presentation, restyled
by the theme). Titles go into the layouts' title placeholders; everything else is a native
shape, text box, chart or table. Every content slide gets speaker notes, every picture and chart
alt text. The same model, theme and template give the same bytes, however the parts were made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapgen.model import Journeys, Problem
from mapgen.renderers.parts import PartSpec, part_scope
from mapgen.renderers.pptx.deck import DeckPlan, JourneyLayout, deck_parts
from mapgen.renderers.pptx.plan.look import deck_theme

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["Deck", "assemble_deck", "deck_parts", "render_deck", "render_deck_part", "write_deck"]


@dataclass(frozen=True)
class Deck:
    """A finished deck: its bytes, the plan it was emitted from, and the problems found.

    plan is None for a deck joined from parts' bytes (assemble_deck): the parts' plans stay
    where the parts were made.
    """

    data: bytes
    plan: DeckPlan | None
    problems: tuple[Problem, ...]


def write_deck(
    journeys: Journeys,
    theme: Theme,
    path: str | Path,
    *,
    template: str | Path | None = None,
) -> list[Problem]:
    """Write the deck to path; return the warnings (text cut, template mismatches)."""
    deck = render_deck(journeys, theme, template=template)
    Path(path).write_bytes(deck.data)
    return list(deck.problems)


def render_deck(
    journeys: Journeys,
    theme: Theme,
    *,
    template: str | Path | None = None,
    layout_journey: JourneyLayout | None = None,
) -> Deck:
    """Return the deck for a model and theme, on a client template when one is given."""
    from mapgen.renderers.pptx.output.part import make_part
    from mapgen.renderers.pptx.package.join import join_part_packages
    from mapgen.renderers.pptx.plan.parts import join_part_plans

    made = [
        make_part(part_scope(journeys, spec), spec, theme, template=template, layout_journey=layout_journey)
        for spec in deck_parts(journeys)
    ]
    data, problems = join_part_packages(
        journeys, deck_theme(theme), [m.data for m in made], template=made[0].frame.template
    )
    plan = join_part_plans(journeys, theme, [m.plan for m in made], frame=made[0].frame)
    return Deck(data, plan, problems)


def render_deck_part(
    scope: Journeys,
    spec: PartSpec,
    theme: Theme,
    *,
    template: str | Path | None = None,
    layout_journey: JourneyLayout | None = None,
) -> tuple[bytes, tuple[Problem, ...]]:
    """Return one part of the deck, made from its scope (parts.part_scope), and its problems."""
    from mapgen.renderers.pptx.output.part import make_part

    made = make_part(scope, spec, theme, template=template, layout_journey=layout_journey)
    return made.data, made.problems


def assemble_deck(
    journeys: Journeys, theme: Theme, parts: Sequence[bytes], *, template: str | Path | None = None
) -> Deck:
    """Return the deck joined from its parts' bytes, given in deck_parts(journeys)'s order."""
    from mapgen.renderers.pptx.package.join import join_part_packages

    chosen = template if template is not None else theme.slide.template
    data, problems = join_part_packages(journeys, deck_theme(theme), parts, template=chosen is not None)
    return Deck(data, None, problems)
