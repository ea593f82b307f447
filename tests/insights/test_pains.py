"""Pain points by normalised wording, shared or not, and steps whose pains or ideas stand alone."""

from __future__ import annotations

from mapgen.insights.pains import shared_pains, step_gaps, wording_key
from tests.support.journeys import journeys, persona, step


def test_wording_sets_aside_case_punctuation_plural_s_and_stop_words() -> None:
    assert wording_key("The price is hidden.") == wording_key("price hidden") == "price hidden"
    assert wording_key("Long DELAYS!") == wording_key("long delay")
    assert wording_key("bus") == "bus"  # too short to be a plural
    assert wording_key("Endless process") == "endless process"  # -ss is no plural
    assert wording_key("the") == "the"  # a text of stop words only keeps them


def test_a_pain_point_two_personas_word_alike_is_shared_and_names_them() -> None:
    model = journeys(
        persona("Ann", [step("Purchase", -0.8, "pays", pain_points=("Hidden delivery costs.", "Slow site"))]),
        persona("Ben", [step("Purchase", -0.4, "pays", pain_points=("hidden delivery cost",))]),
        persona("Cleo", [step("Delivery", 0.2, "waits", pain_points=("No tracking",))]),
    )
    found = shared_pains(model)
    assert [(p.text, p.personas, p.worst) for p in found] == [
        ("Hidden delivery costs.", ("Ann", "Ben"), -0.8),
        ("Slow site", ("Ann",), -0.8),
        ("No tracking", ("Cleo",), 0.2),
    ]
    assert [p.count for p in found] == [2, 1, 1]


def test_steps_with_pains_and_no_opportunity_or_the_reverse_are_named_per_step() -> None:
    ann = persona(
        "Ann",
        [
            step("Awareness", 0.1, "sees", pain_points=("Ad hides the price",)),
            step("Purchase", -0.5, "pays", pain_points=("Fees",), opportunities=("Show fees",)),
            step("Delivery", 0.3, "waits", opportunities=("Send a tracking link",)),
        ],
    )
    gaps = step_gaps([ann])
    assert [(g.index, g.pains, g.ideas) for g in gaps] == [
        (0, ("Ad hides the price",), ()),
        (2, (), ("Send a tracking link",)),
    ]
