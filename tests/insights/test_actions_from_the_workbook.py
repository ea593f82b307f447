"""The action plan takes what the workbook says: its Opportunities sheet and the pairs its cells number."""

from __future__ import annotations

from pathlib import Path

from mapgen.insights.actions import plan_actions
from mapgen.themes import load_theme
from tests.support.workbooks import add_rows, new_book, read

THEME = load_theme("default")
ANA = [
    ("Stage", "Step", "Emotion score (-5 to 5)", "Pain points", "Opportunities"),
    (
        "Purchase",
        "Pays at checkout",
        -3,
        "1. The ad shows the tent but not the price\n2. Card refused",
        "2. Offer PayPal\n1. Show the price in the ad",
    ),
    (
        "Delivery",
        "Waits at home",
        2,
        "No time slot\nNo tracking",
        "Deep-link ads to the product page\nSMS tracking",
    ),
]


def test_numbered_items_pair_as_numbered_and_unnumbered_ones_stay_unpaired(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", ANA)
    journeys = read(book, tmp_path)
    actions = {a.text: a for a in plan_actions(journeys, THEME).actions}
    assert actions["Offer PayPal"].pain_point == "Card refused"
    assert actions["Show the price in the ad"].pain_point == "The ad shows the tent but not the price"
    # Two of each, not numbered: nothing says which answers which.
    assert actions["Deep-link ads to the product page"].pain_point is None
    assert actions["SMS tracking"].pain_point is None
    assert set(actions["SMS tracking"].pains) == {"No time slot", "No tracking"}


def test_the_opportunities_sheet_sets_priority_owner_and_kpi(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", ANA)
    add_rows(
        book,
        "Opportunities",
        [
            ("Opportunity", "Persona", "Stage", "Pain point", "Owner", "Priority", "KPI"),
            ("SMS tracking", "Ana", "Delivery", "No tracking", "Logistics", "P1", "Calls about parcels"),
        ],
    )
    journeys = read(book, tmp_path)
    assert not journeys.errors
    (sms,) = [a for a in plan_actions(journeys, THEME).actions if a.text == "SMS tracking"]
    assert (sms.pain_point, sms.owner, sms.priority, sms.kpi) == (
        "No tracking",
        "Logistics",
        "high",
        "Calls about parcels",
    )
    assert sms.from_sheet
