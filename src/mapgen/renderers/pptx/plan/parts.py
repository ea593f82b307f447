"""Plan the deck: a part from its scope (plan_part), the parts' plans joined (join_part_plans), or both.

plan_deck() is exactly that: plan every part of deck_parts(journeys), then join. The order of the
slides: the cover (plan.front), the key findings and the top moves (plan.story), the agenda
(plan.front), per persona the profile, the whole journey, the emotion curve (plan.persona), a
detail slide per stage of its own (plan.stages) and what to do: the pain points and
opportunities table (plan.tabular), then the comparison of all personas (plan.tabular) and the
action plan with its owners (plan.actionplan). A service blueprint has no profile slide and is
not compared. Only what depends on the whole deck, the page numbers of the built-in look
(plan.pages), is added when the parts' plans are joined.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapgen.model import Journeys
from mapgen.renderers.parts import PartSpec, part_scope
from mapgen.renderers.pptx.deck import (
    DeckPlan,
    Frame,
    JourneyLayout,
    PartPlan,
    SlidePlan,
    deck_parts,
    default_frame,
)
from mapgen.renderers.pptx.plan.actionplan import action_plan_slides
from mapgen.renderers.pptx.plan.common import Ctx, deck_title, document_properties, footer_text
from mapgen.renderers.pptx.plan.comparison import comparison_slides
from mapgen.renderers.pptx.plan.front import agenda_slides, cover_slide
from mapgen.renderers.pptx.plan.look import deck_theme
from mapgen.renderers.pptx.plan.pages import PageFurniture, with_template_footer
from mapgen.renderers.pptx.plan.persona import (
    emotion_slide,
    journey_slides,
    profile_slide,
    whole_journey_scene,
)
from mapgen.renderers.pptx.plan.stages import stage_slides
from mapgen.renderers.pptx.plan.story import findings_slides, top_moves_slides
from mapgen.renderers.pptx.plan.tabular import matrix_slides, pain_table_slides
from mapgen.stages import compared_personas, is_blueprint

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["join_part_plans", "plan_deck", "plan_part"]


def plan_deck(
    journeys: Journeys,
    theme: Theme,
    *,
    frame: Frame | None = None,
    layout_journey: JourneyLayout | None = None,
) -> DeckPlan:
    """Return the deck's plan: the slides, in order, with their contents fitted to the frame.

    frame: where titles and content go (default: the built-in look for the theme's slide size).
    layout_journey: lays out one persona's whole journey for a slide (default:
    plan.persona.whole_journey_scene).
    """
    parts = [
        plan_part(part_scope(journeys, spec), spec, theme, frame=frame, layout_journey=layout_journey)
        for spec in deck_parts(journeys)
    ]
    return join_part_plans(journeys, theme, parts, frame=frame)


def plan_part(
    scope: Journeys,
    spec: PartSpec,
    theme: Theme,
    *,
    frame: Frame | None = None,
    layout_journey: JourneyLayout | None = None,
) -> PartPlan:
    """Return the plan of one part: the front matter, a persona's slides, or the back matter.

    The part is planned from its scope (mapgen.renderers.parts.part_scope) alone.
    """
    frame = frame or default_frame(theme)
    theme = deck_theme(theme, frame.fonts, frame.text_colour)
    if layout_journey is None:
        layout_journey = whole_journey_scene
    ctx = Ctx(scope, theme, frame, layout_journey)
    slides: list[SlidePlan] = []
    if spec.persona is not None:
        if len(scope.personas) != 1:
            raise ValueError(f"the scope of part {spec.name} holds {len(scope.personas)} personas, not one")
        (persona,) = scope.personas
        if not is_blueprint(persona):  # a service blueprint is a process: it has no profile
            slides.append(profile_slide(ctx, persona, spec.persona))
        slides += journey_slides(ctx, persona, spec.persona)
        emotion = emotion_slide(ctx, persona)
        if emotion is not None:
            slides.append(emotion)
        slides += stage_slides(ctx, persona)
        slides += pain_table_slides(ctx, persona)
    elif spec.name == "head":
        slides.append(cover_slide(ctx, deck_title(scope, theme)))
        slides += findings_slides(ctx)
        slides += top_moves_slides(ctx)
        slides += agenda_slides(ctx)
    elif spec.name == "tail":
        if len(compared_personas(scope)) >= 2:
            slides += comparison_slides(ctx)
            slides += matrix_slides(ctx)
        slides += action_plan_slides(ctx)
    else:
        raise ValueError(f"the deck has no part named {spec.name!r}")
    if frame.template:
        # A template brings its own footers, filled in here; the built-in look's carry page
        # numbers and are added when the parts are joined.
        slides = with_template_footer(ctx, slides)
    return PartPlan(spec, tuple(slides), tuple(ctx.problems))


def join_part_plans(
    journeys: Journeys, theme: Theme, parts: Sequence[PartPlan], *, frame: Frame | None = None
) -> DeckPlan:
    """Return the deck's plan from its parts' plans, in deck order, with page numbers added."""
    frame = frame or default_frame(theme)
    theme = deck_theme(theme, frame.fonts, frame.text_colour)
    slides = [slide for part in parts for slide in part.slides]
    if not frame.template:
        pages = PageFurniture(journeys, theme, frame, len(slides))
        slides = [
            dataclasses.replace(slide, items=(*slide.items, *pages.items(number)))
            if pages.applies(slide.kind)
            else slide
            for number, slide in enumerate(slides, start=1)
        ]
    title, author, subject, description = document_properties(journeys, theme)
    return DeckPlan(
        width=frame.width,
        height=frame.height,
        slides=tuple(slides),
        background=None if frame.template else theme.colours.background,
        title=title,
        author=author,
        subject=subject,
        footer=footer_text(journeys, theme),
        description=description,
        problems=tuple(problem for part in parts for problem in part.problems),
    )
