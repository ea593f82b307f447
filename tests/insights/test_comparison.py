"""The comparison's data: its mode, stages, values, coinciding lines, groups and the ranked hurts."""

from __future__ import annotations

import pytest

from mapgen.insights.comparison import MAX_CURVES, compare, dash_of, marker_of
from mapgen.model import Persona, Scale, Step
from tests.support.comparisons import STAGES, journeys, many, persona


def test_one_persona_is_no_comparison() -> None:
    result = compare(journeys([persona("Ana", [0.2, -0.4, 0.0, 0.6])]))
    assert result.mode == "none"
    assert result.series == ()


def test_a_few_personas_are_curves_of_their_stage_means_in_journey_order() -> None:
    ana = persona("Ana", [0.2, -0.4, 0.0, 0.6])
    ben = persona("Ben", [0.6, 0.4, -0.8, None])
    result = compare(journeys([ana, ben]))
    assert result.mode == "curves"
    assert result.stages == STAGES
    assert [s.name for s in result.series] == ["Ana", "Ben"]
    assert result.series[1].values == (0.6, 0.4, -0.8, None)
    # Written on the persona's own -5..+5 scale, a gap written as nothing.
    assert [result.series[1].text(i) for i in range(4)] == ["+3", "+2", "\u22124", ""]
    assert not result.mixed
    assert result.scale == Scale(-5.0, 5.0)


def test_a_stage_value_is_the_mean_of_its_scored_steps() -> None:
    ana = persona("Ana", [0.2, -0.4, 0.0, 0.6])
    extra = (*ana.steps, Step(stage="Choose", score=0.0), Step(stage="Choose"))
    ana = Persona(ana.name, ana.sheet, steps=extra, scale=ana.scale, stages=ana.stages)
    result = compare(journeys([ana, persona("Ben", [0.0] * 4)]))
    assert result.series[0].values[1] == pytest.approx(-0.2)


def test_eight_personas_are_still_curves_nine_without_segments_are_small_multiples() -> None:
    assert compare(many(MAX_CURVES)).mode == "curves"
    result = compare(many(MAX_CURVES + 1))
    assert result.mode == "small multiples"
    assert len(result.series) == MAX_CURVES + 1


def test_many_personas_with_a_segment_are_grouped_with_mean_curves_and_counts() -> None:
    result = compare(many(60, segments=["Families", "Students", "Retirees"]))
    assert result.mode == "groups"
    assert result.segment == "segment"
    assert [(s.name, s.count) for s in result.series] == [
        ("Families", 20),
        ("Students", 20),
        ("Retirees", 20),
    ]
    members = [p for p in result.personas if p.get("segment") == "Students"]
    expected = sum(p.steps[0].score or 0 for p in members) / len(members)
    assert result.series[1].values[0] == pytest.approx(expected)


def test_a_segment_every_persona_has_alone_groups_nobody() -> None:
    # One value for all says nothing; the comparison falls back to small multiples.
    assert compare(many(12, segments=["All"])).mode == "small multiples"


def test_coinciding_personas_are_marked_and_labelled_once() -> None:
    ana = persona("Ana", [0.2, -0.4, 0.0, 0.6])
    ben = persona("Ben", [0.2, -0.4, 0.0, 0.6])
    cleo = persona("Cleo", [0.22, -0.38, 0.03, 0.6])  # within the tolerance of both
    dan = persona("Dan", [0.8, 0.8, 0.8, 0.8])
    result = compare(journeys([ana, ben, cleo, dan]))
    assert result.series[0].overlap == (0, 1, 2)
    assert result.series[3].overlap == ()
    assert result.labels() == [("Ana, Ben, Cleo", (0, 1, 2)), ("Dan", (3,))]
    # Their markers are spread, so each stays visible.
    assert [result.spread(i, 0) for i in range(4)] == [-0.5, 0.0, 0.5, 0.0]


def test_lines_that_only_meet_at_a_stage_spread_their_markers_there_only() -> None:
    ana = persona("Ana", [0.2, -0.4, 0.0, 0.6])
    ben = persona("Ben", [0.2, 0.4, -0.6, 0.0])
    result = compare(journeys([ana, ben]))
    assert result.labels() == [("Ana", (0,)), ("Ben", (1,))]
    assert [result.spread(1, stage) for stage in range(4)] == [0.5, 0.0, 0.0, 0.0]


def test_lines_apart_on_one_stage_do_not_coincide() -> None:
    ana = persona("Ana", [0.2, -0.4, 0.0, 0.6])
    ben = persona("Ben", [0.2, -0.4, 0.0, 0.2])
    assert compare(journeys([ana, ben])).labels() == [("Ana", (0,)), ("Ben", (1,))]


def test_mixed_scales_are_compared_on_minus_one_to_one_each_value_on_its_own_scale() -> None:
    ana = persona("Ana", [0.5, -0.5, 0.0, 1.0])
    ben = persona("Ben", [0.5, -0.5, 0.0, 1.0], scale=Scale(1.0, 5.0))
    result = compare(journeys([ana, ben]))
    assert result.mixed
    assert (result.scale.low, result.scale.high) == (-1.0, 1.0)
    assert result.series[0].text(0) == "+2.5"
    assert result.series[1].text(0) == "4"


def test_blueprints_are_never_compared() -> None:
    ana = persona("Ana", [0.2, -0.4, 0.0, 0.6])
    ben = persona("Ben", [0.6, 0.4, -0.8, 0.0])
    flow = persona("Fulfilment", [-1.0, -1.0, -1.0, -1.0], kind="blueprint")
    result = compare(journeys([ana, flow, ben]))
    assert [s.name for s in result.series] == ["Ana", "Ben"]
    assert all(h.worst != "Fulfilment" for h in result.hurts)
    assert compare(journeys([ana, flow])).mode == "none"


def test_personas_sharing_no_stage_say_whose_stages_are_whose() -> None:
    ana = persona("Ana", [0.1, -0.2], stages=("Onboarding", "Support"))
    sam = persona("Sam", [0.3, 0.1], stages=("Search", "Delivery"))
    result = compare(journeys([ana, sam], ("Onboarding", "Support", "Search", "Delivery")))
    assert result.mode == "owners"
    assert result.ownership.lines("only") == ["Onboarding, Support: only Ana", "Search, Delivery: only Sam"]


def test_stages_that_hurt_rank_by_people_below_zero_then_mean_with_the_worst_persona() -> None:
    ana = persona("Ana", [-0.2, -0.9, 0.4, -0.2])
    ben = persona("Ben", [-0.2, 0.6, 0.4, -0.4])
    cleo = persona("Cleo", [0.0, 0.2, 0.4, 0.0])
    result = compare(journeys([ana, ben, cleo]))
    # Discover and Use: two below zero each; Use's mean is lower. Choose: one, far lower.
    assert [(h.stage, h.below, h.scored) for h in result.hurts] == [
        ("Use", 2, 3),
        ("Discover", 2, 3),
        ("Choose", 1, 3),
    ]
    assert result.hurts[0].mean == pytest.approx(-0.2)
    assert (result.hurts[0].worst, result.hurts[2].worst) == ("Ben", "Ana")
    assert all(h.stage != "Buy" for h in result.hurts)  # nobody is below zero there


def test_a_tie_for_the_worst_persona_names_the_first_and_tied_stages_keep_journey_order() -> None:
    ana = persona("Ana", [-0.4, -0.4, 0.4, 0.4])
    ben = persona("Ben", [-0.4, -0.4, 0.4, 0.4])
    result = compare(journeys([ana, ben]))
    assert [(h.stage, h.worst) for h in result.hurts] == [("Discover", "Ana"), ("Choose", "Ana")]


def test_series_differ_by_marker_and_then_by_dash() -> None:
    assert len({marker_of(i) for i in range(4)}) == 4
    assert dash_of(0, 7) == () and dash_of(7, 7) != ()
