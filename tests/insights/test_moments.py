"""The moments that matter, highs, lows, the steepest drop and the stages that hurt, on small models."""

from __future__ import annotations

from dataclasses import replace

from mapgen.insights.moments import (
    highs,
    inferred_personas,
    lows,
    moment_indexes,
    moments,
    stage_lows,
    stage_ranges,
    steepest_drop,
)
from tests.support.journeys import journeys, persona, scored, step


def test_every_tie_at_the_lowest_counts_but_at_most_two_first_in_journey_order() -> None:
    ann = scored("Ann", [0.4, -0.8, 0.2, -0.8, -0.8, 0.0])
    assert [m.index for m in moments(ann)] == [1, 3]
    assert moment_indexes(ann) == {1, 3}


def test_a_mildly_negative_low_is_not_a_moment_that_matters() -> None:
    curious = scored("Ann", [0.6, -0.1, 0.3])  # "curious, overwhelmed"
    assert moments(curious) == ()
    assert [m.index for m in lows(curious)] == [1]  # still the lowest point of the curve
    assert [m.index for m in moments(scored("Ben", [0.6, -0.2, 0.3]))] == [1]  # the cut itself counts


def test_a_flat_journey_has_no_moment_no_high_and_no_low() -> None:
    flat = scored("Ann", [-0.6, -0.6, -0.6])
    assert (moments(flat), highs(flat), lows(flat)) == ((), (), ())
    assert moments(scored("Ben", [-0.9, None, None])) == ()  # one scored step: nothing to compare


def test_an_inferred_moment_is_marked_inferred() -> None:
    ann = scored("Ann", [0.4, -0.6, 0.1], scale=None)
    ann = replace(ann, steps=tuple(replace(s, score_source="inferred") for s in ann.steps))
    (moment,) = moments(ann)
    assert moment.inferred
    assert inferred_personas([ann, scored("Ben", [0.1, -0.5])]) == ("Ann",)


def test_a_swing_counts_where_it_ends() -> None:
    recovered = step("Purchase", 0.4, "pays", score_start=-1.0)  # sceptical -> reassured
    ann = persona("Ann", [step("Awareness", 0.2, "sees"), recovered, step("Delivery", -0.4, "waits")])
    assert [m.step.action for m in moments(ann)] == ["waits"]


def test_highs_take_ties_in_journey_order() -> None:
    assert [m.index for m in highs(scored("Ann", [0.8, -0.2, 0.8, 0.8]))] == [0, 2]


def test_the_steepest_drop_skips_unscored_steps_and_keeps_the_first_of_equals() -> None:
    drop = steepest_drop(scored("Ann", [0.6, None, -0.4, 0.6, -0.4]))
    assert drop is not None
    assert (drop.before.index, drop.after.index, round(drop.size, 6)) == (0, 2, 1.0)
    assert steepest_drop(scored("Ben", [-0.5, 0.0, 0.5])) is None  # it never falls


def test_stages_that_hurt_several_personas_come_first_and_blueprints_are_left_out() -> None:
    model = journeys(
        scored("Ann", [0.2, 0.1, -0.4, 0.3]),  # Consideration
        scored("Ben", [0.2, 0.1, 0.3, -0.6]),  # Consideration
        scored("Cleo", [-0.9, 0.1, 0.3, 0.4]),  # Awareness, the deepest, but one persona
        scored("Ops", [0.0, -1.0, 0.5], kind="blueprint"),
    )
    found = stage_lows(model)
    assert [(s.stage, s.personas) for s in found] == [
        ("Consideration", ("Ann", "Ben")),
        ("Awareness", ("Cleo",)),
    ]
    assert found[0].worst.persona == "Ben"


def test_each_stage_has_its_low_and_high_first_of_ties_and_an_unscored_stage_none() -> None:
    ann = persona(
        "Ann", [step("Awareness", 0.2, "a"), step("Awareness", 0.2, "b"), step("Purchase", None, "c")]
    )
    ranges = stage_ranges(journeys(ann), ann)
    assert [(r.stage, r.low and r.low.index, r.high and r.high.index) for r in ranges] == [
        ("Awareness", 0, 0),
        ("Purchase", None, None),
    ]
