"""The deck shows each persona's own stages, compares personas on those they share, and draws blueprints."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pptx import Presentation

from mapgen.renderers.pptx.deck import DeckPlan, LineChart, SlidePlan, Table
from mapgen.renderers.pptx.plan.parts import plan_deck
from mapgen.renderers.pptx.writer import render_deck
from mapgen.themes import Theme, load_theme
from tests.support.models import load_model

THEME = load_theme("default")


@pytest.fixture(scope="module")
def disjoint() -> DeckPlan:
    return plan_deck(load_model("two-journeys"), THEME)


@pytest.fixture(scope="module")
def overlap() -> DeckPlan:
    return plan_deck(load_model("overlap-blueprint"), THEME)


def of(plan: DeckPlan, persona: str, kind: str | None = None) -> list[SlidePlan]:
    return [s for s in plan.slides if s.persona == persona and (kind is None or s.kind == kind)]


def words(slide: SlidePlan) -> str:
    """Return every text the plan puts on a slide, with its notes."""
    out = [slide.title, slide.notes]
    for item in slide.items:
        source = getattr(item, "source", None)
        if isinstance(source, str):
            out.append(source)
        if isinstance(item, Table):
            out += [p.text for row in item.rows for cell in row for p in cell.paragraphs]
        if isinstance(item, LineChart):
            out += list(item.categories)
    return "\n".join(out)


def test_a_personas_slides_show_only_its_own_stages(disjoint: DeckPlan) -> None:
    journeys = load_model("two-journeys")
    for persona in journeys.personas:
        foreign = [s.name for s in journeys.stages if s.name not in persona.stages]
        stages = [s.title.split(":")[0] for s in of(disjoint, persona.name, "stage")]
        assert stages == list(persona.stages)
        for slide in of(disjoint, persona.name):
            text = words(slide)
            assert not [name for name in foreign if name in text], (slide.kind, slide.title)
            assert "0 steps" not in slide.notes
            assert ", part " not in slide.notes, "one journey, one slide: no part of empty stages"
        (emotion,) = of(disjoint, persona.name, "emotion")
        (chart,) = [i for i in emotion.items if isinstance(i, LineChart)]
        assert "–" not in chart.categories, "no empty slot for a stage that is not the persona's"
        assert len(chart.series[0].values) == len(persona.steps)


def test_journeys_sharing_no_stage_get_no_comparison_curve_but_whose_stages_are_whose(
    disjoint: DeckPlan,
) -> None:
    (slide,) = [s for s in disjoint.slides if s.kind == "overview_chart"]
    assert not [i for i in slide.items if isinstance(i, LineChart)]
    text = words(slide)
    assert THEME.labels.no_shared_stages in text
    assert "Onboarding, Support: only Dana Okafor" in text
    assert "Search, Purchase, Delivery: only Sam Lee" in text
    (matrix,) = [s for s in disjoint.slides if s.kind == "matrix"]
    (table,) = [i for i in matrix.items if isinstance(i, Table)]
    header = [p.text for cell in table.rows[0] for p in cell.paragraphs]
    assert header[1:] == ["Onboarding", "Support", "Search", "Purchase", "Delivery"]


def test_overlapping_personas_are_compared_on_the_shared_stages_and_the_blueprint_is_not(
    overlap: DeckPlan,
) -> None:
    (slide,) = [s for s in overlap.slides if s.kind == "overview_chart"]
    (chart,) = [i for i in slide.items if isinstance(i, LineChart)]
    assert chart.categories == ("Awareness", "Purchase")
    assert [s.name for s in chart.series] == ["Ann Berg", "Dana Okafor"]
    assert "Compared on the stages all share; Onboarding: only Ann Berg; Support: only Dana Okafor" in words(
        slide
    )
    (matrix,) = [s for s in overlap.slides if s.kind == "matrix"]
    (table,) = [i for i in matrix.items if isinstance(i, Table)]
    names = [row[0].paragraphs[0].text for row in table.rows[1:]]
    assert names == ["Ann Berg", "Dana Okafor"]


def test_a_blueprint_has_no_profile_slide_and_is_called_a_service_blueprint(overlap: DeckPlan) -> None:
    kinds = [s.kind for s in of(overlap, "Order fulfilment")]
    assert "profile" not in kinds and "journey" in kinds
    assert of(overlap, "Ann Berg")[0].kind == "profile"
    everything = "\n".join(words(s) for s in of(overlap, "Order fulfilment"))
    assert "Meet " not in everything
    assert "Order fulfilment is the service behind the journey" in everything
    (agenda,) = [s for s in overlap.slides if s.kind == "agenda"]
    assert "Service blueprint" in words(agenda)
    # The blueprint's own empty stage is a stage of its map, and its stage slides are its own.
    assert [s.title.split(":")[0] for s in of(overlap, "Order fulfilment", "stage")] == [
        "Purchase",
        "Support",
    ]


def slide_texts(slide: Any) -> Iterator[str]:
    for shape in slide.shapes:
        if shape.has_text_frame:
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            yield from (cell.text for row in shape.table.rows for cell in row.cells)


@pytest.mark.parametrize("theme", [THEME, load_theme("default-de")], ids=["en", "de"])
def test_the_emitted_deck_calls_the_blueprint_a_service_blueprint_in_the_themes_words(theme: Theme) -> None:
    deck = render_deck(load_model("overlap-blueprint"), theme)
    prs = Presentation(io.BytesIO(deck.data))
    texts = [" ".join(slide_texts(slide)) for slide in prs.slides]
    blueprint = [t for t in texts if "Order fulfilment" in t and theme.labels.service_blueprint in t]
    assert blueprint, "the blueprint's map names it a service blueprint"
    profile = theme.labels.profile
    assert not [t for t in texts if t.startswith(f"{profile}: Order fulfilment")]
    assert [t for t in texts if f"{profile}: Ann Berg" in t]


def test_a_blueprints_whole_journey_slide_keeps_its_own_lanes() -> None:
    from mapgen.model import Journeys, Persona, Stage, Step
    from mapgen.renderers.pptx.plan.persona import whole_journey_scene
    from mapgen.scene import TextBlock

    steps = tuple(
        Step(
            stage, action=f"Customer {stage.lower()}", extra=(("Backstage", f"Team handles {stage.lower()}"),)
        )
        for stage in ("Order", "Delivery")
    )
    blueprint = Persona(
        "Fulfilment", "Fulfilment", steps=steps, stages=("Order", "Delivery"), kind="blueprint"
    )
    journeys = Journeys("x.xlsx", stages=(Stage("Order"), Stage("Delivery")), personas=(blueprint,))
    (scene,) = whole_journey_scene(journeys, blueprint, THEME, (960, 540), 0).scenes
    text = " ".join(" ".join(item.lines) for item in scene.items if isinstance(item, TextBlock))
    assert "Backstage" in text and "Team handles delivery" in text
