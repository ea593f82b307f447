"""Maps in the shapes other people keep them (tests/real/make_maps.py) are accepted and read right.

Each case says what a person reading the map would say it holds: who the personas are, their own
stages, their steps, the scores on the map's own scale, the owners and the profile. No case may
have an error, and a warning only where mapgen had to guess (it says which).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mapgen.model import Journeys, Persona
from mapgen.readers import read_journeys
from mapgen.scores import score_text

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Expected:
    """What one persona of a map must read as."""

    name: str
    stages: tuple[str, ...]
    steps: int
    scores: tuple[str, ...] = ()  # each step's score as the map writes it, in order ("" for none)
    owners: tuple[str, ...] = ()  # the owners named, in order of first appearance
    profile: dict[str, object] = field(default_factory=dict)  # profile keys that must hold these values
    kind: str = "persona"


@dataclass(frozen=True)
class Case:
    """A map file and its personas; warnings: the words each allowed warning must contain."""

    file: str
    personas: tuple[Expected, ...]
    warnings: tuple[str, ...] = ()


CASES = (
    Case(
        "bike-share-commuter.csv",
        (
            Expected(
                "Bike share commuter",
                ("Discover", "Sign up", "Ride", "Return"),
                6,
                ("3", "2", "4", "5", "1", "2"),
                ("Marketing", "Product", "Operations", "Support"),
            ),
        ),
    ),
    Case(
        "telehealth.md",
        (
            Expected(
                "Walter Brandt",
                ("Booking", "Preparing", "Consultation", "Follow-up"),
                5,
                profile={
                    "age": "71",
                    "role": "Retired bus driver",
                    "location": "Bremen",
                    "Scenario": "booking a first video consultation after a fall",
                },
            ),
            Expected(
                "Anja Koch",
                ("Morning rush", "Scheduling"),
                3,
                profile={"role": "Practice receptionist", "age": "38"},
            ),
        ),
    ),
    Case(
        "onboarding.mmd",
        (
            Expected(
                "New hire's first month",
                ("Before day one", "First day", "First month"),
                6,
                ("4", "2", "1", "5", "3", "5"),
            ),
        ),
    ),
    Case(
        "pharmacy-refills.json",
        (
            Expected(
                "Gail",
                ("Request", "Pick-up"),
                2,
                ("+1", "−2"),
                ("Digital", "Stores"),
                {"role": "Carer for her mother", "goals": ("Never run out of tablets",)},
            ),
        ),
    ),
    Case(
        "museum-canvas.xlsx",
        (
            Expected(
                "Family day out",
                ("Plan", "Arrive", "Explore", "Lunch", "Leave"),
                5,
                owners=("Digital", "Visitor services", "Exhibitions", "Catering", "Retail"),
            ),
        ),
    ),
    Case(
        "insurance-claims.xlsx",
        (
            Expected(
                "Rosa Lindqvist",
                ("Incident", "First notice", "Assessment", "Settlement"),
                4,
                ("−4", "−2", "−3", "+3"),
                ("Contact centre", "Claims", "Finance"),
                {"role": "Homeowner, first claim"},
            ),
            Expected(
                "Tomasz Wójcik",
                ("Quote request", "Underwriting", "Binding", "Renewal"),
                4,
                ("+1", "−2", "+3", "−3"),
                ("Underwriting", "Account management"),
            ),
            Expected(
                "Claims blueprint",
                ("First notice", "Assessment", "Settlement"),
                3,
                kind="blueprint",
            ),
        ),
    ),
    Case(
        "saas-trial.xlsx",
        (
            Expected(
                "Hannah Okafor",
                ("Evaluate", "Set up", "Decide"),
                5,
                owners=("Marketing", "Growth", "Product", "Sales"),
                profile={
                    "Context": "runs operations for a 40-person logistics firm",
                    "Scenario": "evaluates a scheduling tool during a 14-day trial",
                    "Duration": "14 days",
                    "Team size": "12 dispatchers",
                },
            ),
        ),
    ),
    Case(
        "salle-de-sport-fr.xlsx",
        (
            Expected(
                "Camille Laurent",
                ("Découverte", "Inscription", "Première séance"),
                3,
                ("3", "2", "5"),
                ("Marketing", "Digital", "Exploitation"),
                {"age": "29", "role": "Infirmière de nuit"},
            ),
        ),
    ),
    Case(
        "shoe-shop-export.xlsx",
        (
            Expected(
                "Online shopper",
                ("Browse", "Checkout", "Delivery"),
                5,
                ("+0.2", "+0.4", "−0.6", "+0.8", "−0.2"),
                ("Web", "Checkout", "Payments", "Logistics"),
            ),
        ),
        warnings=("guessed as -1 to 1",),
    ),
    Case(
        "library-steps.xlsx",
        (
            Expected(
                "Library visitor",
                (
                    "Looks up opening hours",
                    "Reserves a book online",
                    "Gets the pick-up notice",
                    "Queues at the desk",
                    "Borrows the book",
                ),
                5,
            ),
        ),
        warnings=("each of the 5 steps is a stage of its own",),
    ),
)


def _read(case: Case) -> Journeys:
    return read_journeys(HERE / case.file)


def _owners(persona: Persona) -> tuple[str, ...]:
    return tuple(dict.fromkeys(step.owner for step in persona.steps if step.owner))


def test_there_are_at_least_eight_maps_and_every_one_has_a_case() -> None:
    files = {p.name for p in HERE.iterdir() if p.suffix in {".csv", ".md", ".mmd", ".json", ".xlsx"}}
    assert len(files) >= 8
    assert files == {case.file for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_the_map_is_accepted_without_an_error_and_warns_only_where_it_guessed(case: Case) -> None:
    journeys = _read(case)
    assert not journeys.errors, [str(p) for p in journeys.errors]
    assert len(journeys.warnings) == len(case.warnings), [str(p) for p in journeys.warnings]
    for words, warning in zip(case.warnings, journeys.warnings, strict=True):
        assert words in warning.message


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_the_map_reads_right(case: Case) -> None:
    journeys = _read(case)
    assert [p.name for p in journeys.personas] == [e.name for e in case.personas]
    for persona, expected in zip(journeys.personas, case.personas, strict=True):
        assert persona.kind == expected.kind
        assert persona.stages == expected.stages
        assert {s.stage for s in persona.steps} <= set(expected.stages)
        assert len(persona.steps) == expected.steps
        if expected.scores:
            shown = tuple(
                score_text(s.score, persona.scale) if s.score is not None else "" for s in persona.steps
            )
            assert shown == expected.scores
        if expected.owners:
            assert _owners(persona) == expected.owners
        for key, value in expected.profile.items():
            assert persona.get(key) == value, key


def test_each_persona_keeps_its_own_stages_in_a_workbook_of_several_journeys() -> None:
    journeys = read_journeys(HERE / "insurance-claims.xlsx")
    rosa, tomasz, blueprint = journeys.personas
    assert not set(rosa.stages) & set(tomasz.stages)
    assert set(blueprint.stages) < set(rosa.stages)
    assert [s.name for s in journeys.stages] == [
        "Incident",
        "First notice",
        "Assessment",
        "Settlement",
        "Quote request",
        "Underwriting",
        "Binding",
        "Renewal",
    ]


def test_the_metrics_sheet_keeps_its_figures_as_excel_shows_them() -> None:
    journeys = read_journeys(HERE / "insurance-claims.xlsx")
    figures = {(m.stage, m.name): (m.text, m.value) for m in journeys.metrics}
    assert len(figures) == 9
    assert figures[("Assessment", "Drop-off")] == ("18.9%", pytest.approx(0.1893))
    assert figures[("First notice", "Calls per month")] == ("12,480", 12480)
    assert figures[("Settlement", "CSAT (1-5)")] == ("4.1", pytest.approx(4.1))


def test_feelings_as_people_write_them_are_scored_with_their_swings_and_marks() -> None:
    museum = read_journeys(HERE / "museum-canvas.xlsx").personas[0]
    plan, arrive, explore, lunch, leave = museum.steps
    assert plan.score is not None and plan.score > 0  # "curiosity"
    assert arrive.score is not None and arrive.score < 0  # "impatience, doubt"
    assert explore.score is not None and explore.score > plan.score  # "delight++"
    assert lunch.score is not None and lunch.score < 0  # "irritation"
    assert leave.score_start is not None and leave.score is not None  # "tired → content"
    assert leave.score_start < 0 < leave.score
    walter = read_journeys(HERE / "telehealth.md").personas[0]
    assert walter.steps[0].score is not None and walter.steps[0].score < -0.6  # "Anxious+"


def test_lanes_of_their_own_words_land_where_they_belong() -> None:
    museum = read_journeys(HERE / "museum-canvas.xlsx").personas[0]
    assert museum.steps[0].touchpoint == "Website, Instagram"  # "Customer Touchpoint"
    assert museum.steps[0].thoughts == "Is it worth it with a four-year-old?"  # "Thought/Quote"
    assert museum.steps[0].opportunities == ("Age filter on the what's-on page",)  # "Solution"
    hannah = read_journeys(HERE / "saas-trial.xlsx").personas[0]
    first = hannah.steps[0]
    assert first.touchpoint == "Pricing page"  # the Touchpoint, though a Channel column comes first
    assert dict(first.extra)["Channel"] == "Web"
    assert dict(first.extra)["Trial conversion"] == "42.1%"  # a 0.0% cell, as Excel shows it
    assert first.opportunities == ("Show prices with and without tax",)  # "Action Points"
    assert hannah.steps[2].pain_points == ("CSV import", "column mapping", "date formats")
    shoes = read_journeys(HERE / "shoe-shop-export.xlsx").personas[0]
    assert shoes.steps[0].owner == "Web"  # "owning_team"
    mermaid = read_journeys(HERE / "onboarding.mmd").personas[0]
    assert dict(mermaid.steps[1].extra)["Actors"] == "New hire, IT"
