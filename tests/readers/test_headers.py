"""Every synonym group finds its field, in a header row and as a canvas lane."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.readers.headers import parse_header, profile_key, split_hint
from tests.support.workbooks import add_canvas_persona, add_rows, new_book, read

# (field, value written in the cell, what the Step holds) for each group of the issue.
GROUPS: dict[str, tuple[list[str], str, object]] = {
    "action": (["step", "Action", "activity", "Task", "Customer action", "Customer Actions"], "Pays", "Pays"),
    "touchpoint": (["touchpoint", "Touch-point", "touchpoints", "Channel", "Touch points"], "App", "App"),
    "goal": (["goal", "Goals", "need", "Customer goal", "Job to be done", "JTBD"], "Pay fast", "Pay fast"),
    "thoughts": (["thoughts", "Thinking", "Quote", "Questions"], "Is it safe?", "Is it safe?"),
    "emotions": (
        ["emotions", "Emotion", "Feelings", "feeling", "Mood", "Experience"],
        "calm, pleased",
        ("calm", "pleased"),
    ),
    "score": (["score", "Emotion score", "Sentiment", "Rating"], "positive", 1.0),
    "pain_points": (
        ["pain points", "Pain-points", "Challenges", "Frustrations", "Barriers", "Friction"],
        "Slow",
        ("Slow",),
    ),
    "opportunities": (
        ["opportunities", "Ideas", "Recommendations", "Improvements", "Actions to take"],
        "Faster",
        ("Faster",),
    ),
    "kpis": (["KPIs", "metrics", "KPI", "KPI(s)", "KPI's"], "Conversion", ("Conversion",)),
    "owner": (["owner", "Team", "Department"], "Payments", "Payments"),
    "evidence": (["evidence", "Source", "Data"], "Logs", "Logs"),
}
CASES = [(field, header, value, expected) for field, (h, value, expected) in GROUPS.items() for header in h]


@pytest.mark.parametrize(("field", "header", "value", "expected"), CASES)
def test_each_synonym_names_its_field_in_a_header_row(
    tmp_path: Path, field: str, header: str, value: str, expected: object
) -> None:
    book = new_book()
    other = "Owner" if field != "owner" else "Step"
    add_rows(book, "P", [("Stage", other, header), ("Awareness", "x", value)])
    (step,) = read(book, tmp_path).personas[0].steps
    assert getattr(step, field) == expected
    assert step.extra == ()


@pytest.mark.parametrize(("field", "header", "value", "expected"), CASES)
def test_each_synonym_names_its_field_as_a_canvas_lane(
    tmp_path: Path, field: str, header: str, value: str, expected: object
) -> None:
    book = new_book()
    add_canvas_persona(book, "P", ["Awareness"], [(header, [value])])
    (step,) = read(book, tmp_path).personas[0].steps
    assert getattr(step, field) == expected


@pytest.mark.parametrize("header", ["Stage", "stage", "PHASE", "Phase:", " Journey stage ", "Stages"])
def test_stage_synonyms_start_a_table(tmp_path: Path, header: str) -> None:
    book = new_book()
    add_rows(book, "P", [(header, "Step"), ("Awareness", "Looks")])
    (step,) = read(book, tmp_path).personas[0].steps
    assert step.stage == "Awareness"


def test_matching_ignores_case_spaces_punctuation_and_accents() -> None:
    for text in ("PAIN POINTS", "pain_points", "Pain-Points:", "  pain   points ", "Pain points (top 3)"):
        assert parse_header(text).field == "pain_points", text
    assert parse_header("Émotions").field == "emotions"
    assert parse_header("Moment of truth").field is None


def test_a_bracket_hint_is_split_from_the_name() -> None:
    assert split_hint("Emotion score (-5 to +5)") == ("Emotion score", "-5 to +5")
    assert split_hint("Score [1-5]") == ("Score", "1-5")
    header = parse_header("Sentiment (-5 to +5)")
    assert (header.field, header.hint, header.text) == ("score", "-5 to +5", "Sentiment (-5 to +5)")
    assert parse_header("Touchpoint(s)").field == "touchpoint"


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Name", "name"),
        ("Persona", "name"),
        ("Job title", "role"),
        ("Age range", "age"),
        ("City", "location"),
        ("Quote", "quote"),
        ("Background", "bio"),
        ("Needs", "goals"),
        ("Drivers", "motivations"),
        ("Pain points", "frustrations"),
        ("Behaviors", "behaviours"),
        ("Preferred channels", "channels"),
        ("Picture", "photo"),
        ("Household", None),
    ],
)
def test_profile_keys_have_synonyms(label: str, key: str | None) -> None:
    assert profile_key(label) == key
