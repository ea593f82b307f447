"""The Opportunities sheet: every column by its names, values normalised, each bad value at its cell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.model import OpportunityRef
from mapgen.readers import read_journeys
from tests.support.workbooks import add_rows, messages, new_book, read

ANA = [
    ("Stage", "Step", "Emotion score (-5 to 5)", "Pain points", "Opportunities"),
    ("Awareness", "Sees an ad", 1, "Price not shown", "Show the price in the ad"),
    ("Purchase", "Pays at checkout", -3, "Card refused\nSurprise delivery fee", "Offer PayPal"),
]
BEN = [
    ("Stage", "Step", "Emotion score (-5 to 5)", "Pain points"),
    ("Awareness", "Hears from a friend", 2, "No referral code"),
]


def test_every_field_is_read_and_matched_to_the_journeys(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", ANA)
    add_rows(book, "Ben", BEN)
    sheet = add_rows(
        book,
        "Action plan",
        [
            ("Our backlog, March",),
            (),
            ("Initiative", "Persona", "Phase", "Step", "Addresses", "Team", "Prio", "Size", "Impact",
             "Deadline", "State", "Success metric"),
            ("Show the price in the ad", "ana", "awareness", "sees an ad", "price not", "Marketing",
             "P1", "S", "Big", dt.datetime(2026, 3, 31), "Planned", "Ad click-through"),
            ("Add a delivery fee line to the basket", "Ana", "Purchase", "2", "Surprise", "Web",
             "Should have", "XL", None, "Q3", "Idea", None),
            ("Referral codes for everyone", "All", None, None, None, None, "Won't", "medium"),
        ],
    )  # fmt: skip
    sheet["J4"].number_format = "yyyy-mm-dd"
    journeys = read(book, tmp_path)
    assert messages(journeys) == []
    assert [p.name for p in journeys.personas] == ["Ana", "Ben"]  # never a persona
    first, second, third = journeys.opportunities
    assert (first.text, first.persona, first.stage, first.step, first.pain_point) == (
        "Show the price in the ad",
        "Ana",
        "Awareness",
        "Sees an ad",
        "Price not shown",
    )
    assert (first.owner, first.priority, first.priority_raw, first.effort, first.effort_raw) == (
        "Marketing",
        "high",
        "P1",
        "low",
        "S",
    )
    assert (first.impact, first.due, first.status, first.kpi) == (
        "Big",
        "2026-03-31",
        "Planned",
        "Ad click-through",
    )
    assert (first.sheet, first.cell) == ("Action plan", "A4")
    # The step's own "Show the price in the ad": the row enriches it rather than repeating it.
    assert first.matches == (OpportunityRef("Ana", 0, 0),)
    # Step 2 counts in Ana's whole journey, and lies in the Purchase stage the row names.
    assert (second.step, second.pain_point) == ("Pays at checkout", "Surprise delivery fee")
    assert (second.priority, second.effort, second.due, second.matches) == ("medium", "high", "Q3", ())
    assert (third.persona, third.stage, third.priority, third.effort) == (None, None, "low", "medium")
    assert journeys.to_json()["opportunities"][0]["due"] == "2026-03-31"


def test_a_step_number_counts_in_the_persona_s_journey(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", ANA)
    add_rows(book, "Opportunities", [("Opportunity", "Persona", "Step"), ("Offer PayPal", "Ana", 2)])
    journeys = read(book, tmp_path)
    (row,) = journeys.opportunities
    assert (row.step, row.matches) == ("Pays at checkout", (OpportunityRef("Ana", 1, 0),))
    assert messages(journeys) == []


def test_each_name_that_names_nothing_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", ANA)
    add_rows(book, "Ben", BEN)
    add_rows(
        book,
        "Opportunities",
        [
            ("Opportunity", "Persona", "Stage", "Step", "Pain point", "Priority", "Effort"),
            ("Fix it", "Carla", None, None, None, "Soonish", "Epic"),
            ("Fix that", "Ben", "Purchase", None, None, "High", "Low"),
            ("Fix more", "Ana", None, "Writes a letter", None, None, None),
            ("Fix again", "Ana", "Awareness", None, "Checkout is slow", None, None),
            ("Fix by number", None, None, "3", None, None, None),
            (None, "Ana", "Awareness", None, None, "High", None),
        ],
    )
    journeys = read(book, tmp_path)
    found = messages(journeys, "warning")
    assert [m.split(":")[0] for m in found] == [
        "Opportunities!B2",
        "Opportunities!F2",
        "Opportunities!G2",
        "Opportunities!C3",
        "Opportunities!D4",
        "Opportunities!E5",
        "Opportunities!D6",
        "Opportunities!A7",
    ]
    assert 'persona "Carla" is no persona of the workbook (Ana, Ben)' in found[0]
    assert 'priority "Soonish"' in found[1] and "P1, P2 or P3" in found[1]
    assert "S, M or L" in found[2]
    assert 'stage "Purchase" is not in Ben\'s journey' in found[3]
    assert 'step "Writes a letter" names no step of Ana' in found[4]
    assert "Checkout is slow" in found[5]
    assert "without a persona" in found[6]
    assert "no opportunity" in found[7]
    # What was written stays, for the action plan to show; only the level is unknown.
    carla = journeys.opportunities[0]
    assert (carla.persona, carla.priority, carla.priority_raw) == ("Carla", None, "Soonish")
    assert len(journeys.opportunities) == 5  # the row without an opportunity is left out
    assert journeys.errors == ()


def test_a_sheet_without_an_opportunity_column_is_a_warning(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", ANA)
    add_rows(book, "Backlog", [("Ticket", "Owner"), ("MAP-12", "Web")])
    journeys = read(book, tmp_path)
    assert journeys.opportunities == ()
    (message,) = messages(journeys)
    assert message.startswith("Backlog!None: the opportunities sheet has no Opportunity column")


def test_a_csv_folder_s_opportunities_file_is_the_action_plan(tmp_path: Path) -> None:
    (tmp_path / "Ana.csv").write_text(
        "Stage,Step,Pain points,Opportunities\nBuy,Pays,Card refused,Offer PayPal\n"
    )
    (tmp_path / "Bo.csv").write_text("Stage,Step,Pain points\nBuy,Pays cash,Queue\n")
    (tmp_path / "opportunities.csv").write_text(
        "Opportunity,Persona,Stage,Step,Owner,Priority\nOffer PayPal,Ana,Buy,Pays,Payments,Must\n"
        "Open a second till,Bo,Buy,Pays cash,Shop,Could\n"
    )
    journeys = read_journeys(tmp_path)
    assert sorted(p.name for p in journeys.personas) == ["Ana", "Bo"]
    paypal, till = journeys.opportunities
    assert (paypal.owner, paypal.priority, paypal.matches) == (
        "Payments",
        "high",
        (OpportunityRef("Ana", 0, 0),),
    )
    assert (till.persona, till.step, till.priority, till.matches) == ("Bo", "Pays cash", "low", ())
    assert [p for p in journeys.problems if p.sheet == "opportunities"] == []


def test_inspect_json_lists_the_opportunities_and_the_pairs(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", [*ANA[:2], ("Purchase", "Pays", -3, "1. Card refused\n2. Fee", "2. Show the fee")])
    add_rows(book, "Opportunities", [("Opportunity", "Owner", "Priority"), ("Show the fee", "Web", "Must")])
    path = tmp_path / "journeys.xlsx"
    book.save(path)
    result = CliRunner().invoke(main, ["inspect", "--json", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["personas"][0]["steps"][1]["pairs"] == [[1, 0]]
    (row,) = data["opportunities"]
    assert (row["text"], row["owner"], row["priority"], row["priority_raw"]) == (
        "Show the fee",
        "Web",
        "high",
        "Must",
    )
    assert row["matches"] == [{"persona": "Ana", "step": 1, "item": 0}]
    assert (row["sheet"], row["cell"]) == ("Opportunities", "A2")


def test_rows_past_the_limit_are_one_error_at_the_first_row_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mapgen.readers.reader.MAX_OPPORTUNITIES", 3)
    book = new_book()
    add_rows(book, "Ana", ANA)
    add_rows(book, "Opportunities", [("Opportunity",), *[(f"Idea {n}",) for n in range(1, 7)]])
    journeys = read(book, tmp_path)
    assert [o.text for o in journeys.opportunities] == ["Idea 1", "Idea 2", "Idea 3"]
    (error,) = journeys.errors
    assert (error.sheet, error.cell) == ("Opportunities", "A5")
    assert "more than" in error.message
