"""What a step is called in text: its action, else touchpoint, else goal, else its place."""

from __future__ import annotations

from mapgen.insights.naming import step_name
from mapgen.model import Step


def test_a_step_is_called_by_its_action_then_touchpoint_then_goal_then_its_place() -> None:
    assert step_name(Step("Buy", action="  Pays\n by card ", touchpoint="Shop"), 0, "Step") == "Pays by card"
    assert step_name(Step("Buy", touchpoint="Shop", goal="Pay"), 0, "Step") == "Shop"
    assert step_name(Step("Buy", goal="Pay", thoughts="Hm"), 0, "Step") == "Pay"
    assert step_name(Step("Buy", thoughts="Is this safe?"), 4, "Schritt") == "Schritt 5"
