"""The action plan: pairs only where the workbook pairs, priority with its reason, owners, top moves."""

from __future__ import annotations

from dataclasses import dataclass

from mapgen.insights.actions import Priority, plan_actions
from mapgen.model import Journeys, Step
from mapgen.themes import load_theme
from tests.support.journeys import journeys, persona, step

EN = load_theme("default")


@dataclass(frozen=True)
class Row:
    """An Opportunities sheet row, as the reader will give it."""

    text: str
    persona: str | None = None
    stage: str | None = None
    step: str | None = None
    pain_point: str | None = None
    owner: str | None = None
    priority: Priority | None = None
    effort: str | None = None
    due: str | None = None
    status: str | None = None
    kpi: str | None = None


def _ad() -> Journeys:
    return journeys(
        persona(
            "Ann",
            [
                step(
                    "Awareness",
                    0.3,
                    "Sees an ad",
                    pain_points=("The ad shows the tent but not the price", "The ad is in English"),
                    opportunities=("Deep-link ads to the product page", "Show the price in the ad"),
                    owner="Marketing",
                ),
                step(
                    "Purchase",
                    -0.8,
                    "Pays",
                    pain_points=("Fees appear late",),
                    opportunities=("Show fees early",),
                ),
                step("Use", 0.6, "Uses", opportunities=("Ask for a review",), kpis=("Reviews per order",)),
            ],
        )
    )


def test_two_pains_and_two_opportunities_in_a_cell_are_never_paired_by_position() -> None:
    plan = plan_actions(_ad(), EN)
    ad = [a for a in plan.actions if a.stage == "Awareness"]
    assert [(a.text, a.pain_point) for a in ad] == [
        ("Deep-link ads to the product page", None),
        ("Show the price in the ad", None),
    ]
    assert ad[0].pains == ("The ad shows the tent but not the price", "The ad is in English")


def test_one_pain_and_one_opportunity_in_a_step_are_paired() -> None:
    plan = plan_actions(_ad(), EN)
    fees = next(a for a in plan.actions if a.stage == "Purchase")
    assert (fees.pain_point, fees.pains) == ("Fees appear late", ())


def test_pairs_the_workbook_declares_are_kept() -> None:
    def declared(s: Step) -> list[tuple[int, int]]:
        return [(0, 1)] if s.stage == "Awareness" else []

    plan = plan_actions(_ad(), EN, pairs=declared)
    price = next(a for a in plan.actions if a.text == "Show the price in the ad")
    assert price.pain_point == "The ad shows the tent but not the price"
    deep = next(a for a in plan.actions if a.text == "Deep-link ads to the product page")
    assert deep.pain_point is None


def test_priority_comes_from_impact_with_its_reason_and_high_comes_first() -> None:
    plan = plan_actions(_ad(), EN)
    assert [(a.text, a.priority, a.reason) for a in plan.actions] == [
        ("Show fees early", "high", "at a moment that matters"),
        ("Deep-link ads to the product page", "low", "no clear low point here"),
        ("Show the price in the ad", "low", "no clear low point here"),
        ("Ask for a review", "low", "no clear low point here"),
    ]


def test_a_pain_two_personas_share_raises_the_priority_and_says_so() -> None:
    pain = ("Slow site",)
    model = journeys(
        persona(
            "Ann", [step("Awareness", -0.1, "Browses", pain_points=pain, opportunities=("Faster pages",))]
        ),
        persona("Ben", [step("Awareness", 0.2, "Browses", pain_points=("slow site.",))]),
    )
    (action,) = plan_actions(model, EN).actions
    assert (action.priority, action.reason) == ("medium", "shared by 2 personas")


def test_the_opportunities_sheet_wins_where_it_speaks_and_adds_its_own_rows() -> None:
    sheet = [
        Row(
            "Deep-link ads to the product page",
            pain_point="The ad is in English",
            owner="Growth",
            priority="high",
            kpi="Ad click-through",
            status="Planned",
            due="Q3",
            effort="S",
        ),
        Row("Price match guarantee", persona="Ann", stage="Purchase", owner="Pricing", priority="low"),
    ]
    plan = plan_actions(_ad(), EN, sheet=sheet)
    deep = next(a for a in plan.actions if a.text.startswith("Deep-link"))
    assert (
        deep.pain_point,
        deep.owner,
        deep.priority,
        deep.reason,
        deep.kpi,
        deep.status,
        deep.from_sheet,
    ) == (
        "The ad is in English",
        "Growth",
        "high",
        "set in the workbook",
        "Ad click-through",
        "Planned",
        True,
    )
    extra = next(a for a in plan.actions if a.text == "Price match guarantee")
    assert (extra.stage, extra.index, extra.owner, extra.priority) == ("Purchase", None, "Pricing", "low")


def test_owners_are_rolled_up_and_top_moves_are_three_to_five_distinct_valuable_ones() -> None:
    plan = plan_actions(_ad(), EN)
    assert [(o.owner, o.actions, o.high) for o in plan.owners] == [
        ("Unassigned", 2, 1),
        ("Marketing", 2, 0),
    ]
    assert [a.text for a in plan.top] == ["Show fees early"]  # low priorities are no top moves
    scores = [-0.9, -0.9, -0.4, 0.5]  # two moments that matter (high), a dip (medium), a good step
    steps = [
        step("Purchase", score, f"s{i}", pain_points=(f"p{i}",), opportunities=(f"o{i}", f"o{i}b"))
        for i, score in enumerate(scores)
    ]
    many = plan_actions(journeys(persona("Ann", steps)), EN)
    assert 3 <= len(many.top) <= 5
    assert len({a.text for a in many.top}) == len(many.top)
    # One move per step first (the dip's too), then each high step's second idea; the good step none.
    assert [a.text for a in many.top] == ["o0", "o0b", "o1", "o1b", "o2"]
    assert plan_actions(journeys(persona("Ann", [step("Use", 0.5, "Uses", kpis=("NPS",))])), EN).actions == ()
