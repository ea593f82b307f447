"""Speaker notes say what each slide means, each slide its own, in the theme's language."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import pytest

import mapgen
from mapgen.model import Journeys, Persona, Step
from mapgen.renderers.pptx.deck import DeckPlan
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.parts import plan_deck
from mapgen.themes import load_theme
from tests.support.models import load_model

SAMPLES = ("example.xlsx", "b2b-example.xlsx")
THEMES = ("default", "default-de")
# Words of an English sentence; in German notes they can only come from an untranslated template.
ENGLISH = ("the", "and", "of", "is", "step", "steps", "stage", "persona", "with", "from", "what", "lowest")
# German nouns of the notes' templates, which German capitalises.
GERMAN_NOUNS = ("phase", "schritte", "maßnahmen", "skala", "journey", "schmerzpunkte", "moment")


@pytest.fixture(scope="module")
def decks() -> dict[tuple[str, str], tuple[Journeys, DeckPlan]]:
    out = {}
    for sample in SAMPLES:
        journeys = mapgen.load(str(files("mapgen.samples") / sample))
        for theme in THEMES:
            out[sample, theme] = (journeys, plan_deck(journeys, load_theme(theme)))
    return out


def _strings(value: Any) -> Iterator[str]:
    """Yield every text of the model's JSON: what the workbook wrote, quoted in the notes as it is."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _ours(said: str, journeys: Journeys) -> str:
    """Return the notes without the workbook's own words: what is left is the theme's sentences."""
    said = re.sub(r"„[^“]*“", " ", said)  # quoted workbook text
    for text in sorted(set(_strings(journeys.to_json())), key=len, reverse=True):
        for piece in {text, notes.clean(text)}:
            if len(piece) > 1:
                said = said.replace(piece, " ")
    return said


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("theme", THEMES)
def test_every_slide_has_notes_of_its_own(decks: dict[Any, Any], sample: str, theme: str) -> None:
    _, plan = decks[sample, theme]
    said = [slide.notes for slide in plan.slides]
    assert all(s.strip() for s in said), [s.title for s in plan.slides if not s.notes.strip()]
    for before, after, slide in zip(said, said[1:], plan.slides[1:], strict=False):
        assert before != after, f"{slide.title!r} repeats the notes of the slide before it"


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("theme", THEMES)
def test_no_notes_double_their_punctuation(decks: dict[Any, Any], sample: str, theme: str) -> None:
    _, plan = decks[sample, theme]
    for slide in plan.slides:
        for bad in ("..", ".”.", '."', ".“.", "?.", "!."):
            assert bad not in slide.notes, f"{slide.title}: {bad!r} in {slide.notes!r}"


@pytest.mark.parametrize("sample", SAMPLES)
def test_german_notes_are_german_throughout(decks: dict[Any, Any], sample: str) -> None:
    journeys, plan = decks[sample, "default-de"]
    for slide in plan.slides:
        left = _ours(slide.notes, journeys)
        words = set(re.findall(r"[^\W\d_]+", left))
        assert not words & set(ENGLISH), f"{slide.title}: English in {left!r}"
        assert not words & set(GERMAN_NOUNS), f"{slide.title}: a lower-cased noun in {left!r}"


def test_notes_say_the_insight_not_how_to_read_the_layout(decks: dict[Any, Any]) -> None:
    _, plan = decks["example.xlsx", "default"]
    everything = " ".join(s.notes for s in plan.slides)
    assert "top to bottom" not in everything and "Read each column" not in everything
    (findings,) = [s for s in plan.slides if s.kind == "findings"]
    assert findings.notes.startswith("Open with what hurts most: The low point of Emma Hughes")
    (moves,) = [s for s in plan.slides if s.kind == "top_moves"]
    assert "is for E-commerce operations, measured by Abandonment at the delivery step" in moves.notes


def _step(stage: str, action: str, score: float | None, pains: tuple[str, ...] = ()) -> Step:
    return Step(stage=stage, action=action, score=score, pain_points=pains)


def test_stage_slides_of_one_persona_say_what_happens_in_their_own_stage() -> None:
    journeys = load_model("grocery")
    persona = journeys.personas[0]
    plan = plan_deck(dataclasses.replace(journeys, personas=(persona,)), load_theme("default"))
    stages = [s for s in plan.slides if s.kind == "stage"]
    assert len(stages) >= 2
    for slide in stages:
        stage = slide.title.split(":")[0]
        assert slide.notes.startswith(f"In {stage}, {persona.name} goes through “")
        own = [p for s in persona.steps_in(stage) for p in s.pain_points]
        if own:
            assert f"What hurts here: “{notes.clean(own[0])}”" in slide.notes
    assert len({s.notes for s in stages}) == len(stages)


def test_a_stage_slide_names_the_moment_that_matters_where_it_falls() -> None:
    steps = (
        _step("Find", "Searches", 0.4, ("Too many results.",)),
        _step("Buy", "Pays", -0.8, ("The card is refused.",)),
        _step("Buy", "Gets a receipt", 0.2),
    )
    persona = Persona(name="Ann", sheet="Ann", steps=steps)
    theme = load_theme("default")
    buy = notes.stage_notes(persona, theme, "Buy", [(1, steps[1]), (2, steps[2])])
    find = notes.stage_notes(persona, theme, "Find", [(0, steps[0])])
    assert "The moment that matters is “Pays” in Buy (−0.8)" in buy
    assert "What hurts here: “The card is refused”." in buy
    assert "moment that matters" not in find and "“Too many results”." in find


def test_a_quote_ending_in_a_period_gets_no_second_one() -> None:
    persona = Persona(
        name="Ann", sheet="Ann", profile=(("quote", "Just tell me the price."), ("role", "Buyer."))
    )
    said = notes.profile_notes(persona, load_theme("default"))
    assert said == "Meet Ann, Buyer. In their words: “Just tell me the price”."
    german = notes.profile_notes(persona, load_theme("default-de"))
    assert german == "Das ist Ann, Buyer. In eigenen Worten: „Just tell me the price“."


def test_sentences_end_in_one_period() -> None:
    assert notes.sentences("One", "Two.", "Three?", "“Four.”", "") == "One. Two. Three? “Four.”"
    assert notes.clean("  A  tidy\nline...  ") == "A tidy line…"
    assert notes.clean("Done.") == "Done"
