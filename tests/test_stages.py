"""Each persona keeps its own stages: the rule, the maps, and the overview that compares personas."""

from __future__ import annotations

import dataclasses

from mapgen.layout import layout_canvas, layout_journey, layout_overview
from mapgen.model import Journeys, Persona, Stage, Step
from mapgen.scene import Polygon, Rect, Scene, TextBlock
from mapgen.stages import compared_personas, ownership, persona_stages, stage_colours
from mapgen.themes import load_theme
from tests.support.models import load_model

THEME = load_theme("default")
DE = load_theme("default-de")
CANVAS = THEME.png.canvas("slide")


def stages_in(scene: Scene) -> set[str]:
    """Return every stage the scene's items are about."""
    return {item.tag.stage for item in scene.items if item.tag.stage}


def texts(scene: Scene) -> list[str]:
    return [item.source for item in scene.items if isinstance(item, TextBlock)]


def stage_fills(scene: Scene) -> dict[str, str]:
    """Return the fill of each stage's header shape."""
    return {
        item.tag.stage: item.fill
        for item in scene.items
        if item.tag.kind == "stage" and item.tag.stage and isinstance(item, Polygon | Rect)
    }


def test_a_personas_stages_are_its_own_else_those_its_steps_name_in_the_journeys_order() -> None:
    journeys = Journeys("x.xlsx", stages=(Stage("A"), Stage("B"), Stage("C")))
    steps = (Step("C"), Step("A"), Step("Z"))
    assert persona_stages(journeys, Persona("P", "P", steps=steps)) == ["A", "C", "Z"]
    assert persona_stages(journeys, Persona("P", "P", steps=steps, stages=("C", "B"))) == [
        "C",
        "B",
        "A",
        "Z",
    ], "its own list first; a step's stage the list lacks is never dropped"


def test_a_stage_keeps_its_projects_colour_whoever_shows_it() -> None:
    journeys = load_model("two-journeys")
    assert stage_colours(journeys, ["Search", "Delivery"]) == [2, 4]
    assert stage_colours(journeys, ["Elsewhere", "Search", "Nowhere"]) == [5, 2, 6]


def test_a_map_of_disjoint_journeys_shows_only_its_own_stages_in_the_projects_colours() -> None:
    journeys = load_model("two-journeys")
    dana, sam = journeys.personas
    for persona in (dana, sam):
        for scene in (
            layout_canvas(journeys, persona, THEME, CANVAS).scenes[0],
            *layout_journey(journeys, persona, THEME, (842.0, 595.0), paginate=True).scenes,
        ):
            assert stages_in(scene) == set(persona.stages), persona.name
            assert f"over {len(persona.stages)} stages" in scene.description
    sam_map = layout_canvas(journeys, sam, THEME, CANVAS).scenes[0]
    fills = stage_fills(sam_map)
    assert fills == {
        name: THEME.colours.stage_colour(i) for name, i in (("Search", 2), ("Purchase", 3), ("Delivery", 4))
    }
    # One band, no second band of the other journey's empty stages.
    assert len(layout_journey(journeys, sam, THEME, (842.0, 595.0), paginate=True).scenes) == 1


def test_an_empty_stage_of_a_personas_own_keeps_its_place() -> None:
    journeys = load_model("overlap-blueprint")
    blueprint = journeys.personas[2]
    scene = layout_canvas(journeys, blueprint, THEME, CANVAS).scenes[0]
    assert stages_in(scene) == {"Purchase", "Support", "Delivery"}


def test_ownership_says_which_stages_are_shared_and_whose_the_others_are() -> None:
    journeys = load_model("overlap-blueprint")
    compared = compared_personas(journeys)
    assert [p.name for p in compared] == ["Ann Berg", "Dana Okafor"], "a blueprint is not a persona"
    own = ownership(journeys, compared)
    assert own.shared == ("Awareness", "Purchase")
    assert own.lines("only") == ["Onboarding: only Ann Berg", "Support: only Dana Okafor"]
    disjoint = load_model("two-journeys")
    none = ownership(disjoint, disjoint.personas)
    assert none.shared == ()
    assert none.lines("nur") == [
        "Onboarding, Support: nur Dana Okafor",
        "Search, Purchase, Delivery: nur Sam Lee",
    ]
    assert ownership(load_model("grocery"), load_model("grocery").personas[:2]).all_shared


def test_the_overview_compares_on_shared_stages_and_names_whose_the_others_are() -> None:
    journeys = load_model("overlap-blueprint")
    scene = layout_overview(journeys, THEME, CANVAS).scenes[0]
    labels = {item.source for item in scene.items if item.tag.kind == "stage-label"}
    assert labels == {"Awareness", "Purchase"}, "the curves run over the shared stages only"
    markers = {(item.tag.persona, item.tag.stage) for item in scene.items if item.tag.kind == "marker"}
    assert {persona for persona, _ in markers} == {"Ann Berg", "Dana Okafor"}
    assert "Order fulfilment" not in " ".join(texts(scene)), "a service blueprint is not compared"
    (note,) = [item.source for item in scene.items if item.tag.kind == "stage-owners"]
    assert note == "Compared on the stages all share; Onboarding: only Ann Berg; Support: only Dana Okafor"
    # The pain-point matrix keeps every stage either persona has.
    headers = [item.source for item in scene.items if item.tag.kind == "matrix-header" and item.tag.stage]
    assert headers == ["Awareness", "Purchase", "Onboarding", "Support"]


def test_an_overview_of_journeys_sharing_no_stage_draws_no_curve_and_says_whose_each_stage_is() -> None:
    journeys = load_model("two-journeys")
    scene = layout_overview(journeys, DE, CANVAS).scenes[0]
    assert not [item for item in scene.items if item.tag.kind in ("curve", "marker", "plot", "stage-label")]
    notes = [item.source for item in scene.items if item.tag.kind == "stage-owners"]
    assert notes == [
        DE.labels.no_shared_stages,
        "Onboarding, Support: nur Dana Okafor",
        "Search, Purchase, Delivery: nur Sam Lee",
    ]
    assert not any(isinstance(i, TextBlock) and i.truncated for i in scene.items)


def test_an_overview_where_all_share_all_has_no_note() -> None:
    journeys = load_model("grocery")
    journeys = dataclasses.replace(journeys, personas=journeys.personas[:2])
    scene = layout_overview(journeys, THEME, CANVAS).scenes[0]
    assert not [item for item in scene.items if item.tag.kind == "stage-owners"]


def test_a_blueprints_map_has_no_avatar_and_is_called_a_service_blueprint() -> None:
    journeys = load_model("overlap-blueprint")
    blueprint = journeys.personas[2]
    for theme in (THEME, DE):
        scene = layout_canvas(journeys, blueprint, theme, CANVAS).scenes[0]
        assert not [item for item in scene.items if item.tag.kind in ("avatar", "photo")]
        assert theme.labels.service_blueprint in texts(scene)
        assert scene.description.startswith(f"{theme.labels.service_blueprint}: Order fulfilment")
    persona_map = layout_canvas(journeys, journeys.personas[0], THEME, CANVAS).scenes[0]
    assert [item for item in persona_map.items if item.tag.kind == "avatar"]
    assert THEME.labels.service_blueprint not in texts(persona_map)
