"""The journey model: immutability and the JSON contract of schema version 2 (and 1, read)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapgen.model import (
    SCHEMA_VERSION,
    Journeys,
    Opportunity,
    OpportunityRef,
    Persona,
    Photo,
    Problem,
    Project,
    Scale,
    SkippedSheet,
    Stage,
    Step,
)

text = st.text(min_size=1, max_size=30)
maybe_text = st.none() | text
words = st.lists(text, max_size=4).map(tuple)
indexes = st.integers(min_value=0, max_value=9)
levels = st.none() | st.sampled_from(["high", "medium", "low"])
scores = st.none() | st.floats(min_value=-1, max_value=1, allow_nan=False)


@st.composite
def steps(draw: st.DrawFn) -> Step:
    score = draw(scores)
    return Step(
        stage=draw(text),
        action=draw(maybe_text),
        touchpoint=draw(maybe_text),
        goal=draw(maybe_text),
        thoughts=draw(maybe_text),
        emotions=draw(words),
        score=score,
        score_raw=None if score is None else draw(maybe_text),
        score_source=None if score is None else draw(st.sampled_from(["column", "inferred"])),
        pain_points=draw(words),
        opportunities=draw(words),
        kpis=draw(words),
        owner=draw(maybe_text),
        evidence=draw(maybe_text),
        extra=tuple(draw(st.dictionaries(text, text, max_size=3)).items()),
        cell=draw(st.from_regex(r"[A-Z]{1,2}[1-9][0-9]{0,3}", fullmatch=True)),
        pairs=tuple(draw(st.lists(st.tuples(indexes, indexes), max_size=3))),
    )


profile_values = text | st.lists(text, max_size=3).map(tuple)
photos = st.none() | st.builds(Photo, st.binary(min_size=1, max_size=64), st.sampled_from(["png", "jpeg"]))
scales = st.none() | st.builds(
    Scale,
    st.sampled_from([-5.0, -2.0, 0.0, 1.0]),
    st.sampled_from([5.0, 10.0, 100.0]),
    st.sampled_from(["numbers", "words", "inferred"]),
    st.sampled_from(["", "%"]),
)
personas = st.builds(
    Persona,
    name=text,
    sheet=text,
    profile=st.dictionaries(text, profile_values, max_size=5).map(lambda d: tuple(d.items())),
    photo=photos,
    steps=st.lists(steps(), max_size=5).map(tuple),
    scale=scales,
)


opportunities = st.builds(
    Opportunity,
    text=text,
    persona=maybe_text,
    stage=maybe_text,
    step=maybe_text,
    pain_point=maybe_text,
    owner=maybe_text,
    priority=levels,
    priority_raw=maybe_text,
    effort=levels,
    effort_raw=maybe_text,
    impact=maybe_text,
    due=maybe_text,
    status=maybe_text,
    kpi=maybe_text,
    matches=st.lists(st.builds(OpportunityRef, text, indexes, indexes), max_size=2).map(tuple),
    sheet=text,
    cell=st.just("A2"),
)


@st.composite
def journeys(draw: st.DrawFn) -> Journeys:
    source = draw(text)
    problems = st.builds(
        Problem,
        st.sampled_from(["error", "warning"]),
        text,
        file=st.just(source),
        sheet=maybe_text,
        cell=st.none() | st.just("B7"),
    )
    return Journeys(
        source=source,
        project=draw(st.builds(Project, *[maybe_text] * 8)),
        stages=tuple(draw(st.lists(st.builds(Stage, text, maybe_text), max_size=6))),
        personas=tuple(draw(st.lists(personas, max_size=3))),
        skipped_sheets=tuple(draw(st.lists(st.builds(SkippedSheet, text, text), max_size=2))),
        problems=tuple(draw(st.lists(problems, max_size=4))),
        opportunities=tuple(draw(st.lists(opportunities, max_size=3))),
    )


@given(journeys())
def test_json_round_trip_keeps_every_field(model: Journeys) -> None:
    wire = json.loads(json.dumps(model.to_json(include_photos=True)))
    assert Journeys.from_json(wire) == model


@given(journeys())
def test_contract_without_photos_says_only_whether_there_is_one(model: Journeys) -> None:
    wire = model.to_json()
    assert wire["schema_version"] == SCHEMA_VERSION
    for persona, out in zip(model.personas, wire["personas"], strict=True):
        assert out["has_photo"] is (persona.photo is not None)
        assert "photo" not in out


def test_contract_keys_are_the_documented_ones() -> None:
    step = Step(
        stage="Purchase",
        action="Pays",
        emotions=("relieved",),
        score=0.4,
        score_raw="2",
        score_source="column",
        pain_points=("Slow",),
        extra=(("Moment", "Yes"),),
        cell="A5",
    )
    model = Journeys(
        source="x.xlsx",
        stages=(Stage("Purchase"),),
        personas=(
            Persona(
                "Ana",
                "Ana",
                profile=(("role", "Buyer"), ("goals", ("Save",))),
                steps=(step,),
                scale=Scale(-5, 5),
            ),
        ),
        problems=(Problem("warning", "odd", file="x.xlsx", sheet="Ana", cell="C3"),),
    )
    wire = model.to_json()
    assert list(wire) == [
        "schema_version",
        "source",
        "project",
        "stages",
        "personas",
        "skipped_sheets",
        "metrics",
        "opportunities",
        "problems",
    ]
    assert list(wire["project"]) == [
        "title",
        "client",
        "prepared_by",
        "date",
        "version",
        "confidentiality",
        "description",
        "theme",
    ]
    persona = wire["personas"][0]
    assert list(persona) == ["name", "sheet", "profile", "has_photo", "kind", "scale", "stages", "steps"]
    assert persona["scale"] == {"low": -5.0, "high": 5.0, "kind": "numbers", "unit": ""}
    assert persona["profile"] == {"role": "Buyer", "goals": ["Save"]}
    assert list(persona["steps"][0]) == [
        "stage",
        "action",
        "touchpoint",
        "goal",
        "thoughts",
        "emotions",
        "score",
        "score_start",
        "score_raw",
        "score_source",
        "pain_points",
        "opportunities",
        "kpis",
        "owner",
        "evidence",
        "extra",
        "cell",
        "pairs",
    ]
    assert persona["steps"][0]["extra"] == {"Moment": "Yes"}
    assert wire["problems"] == [{"severity": "warning", "sheet": "Ana", "cell": "C3", "message": "odd"}]
    assert wire["opportunities"] == []


def test_opportunities_and_pairs_go_through_json() -> None:
    step = Step(stage="Buy", pain_points=("Price hidden",), opportunities=("Show it",), pairs=((0, 0),))
    planned = Opportunity(
        "Show it",
        persona="Ana",
        stage="Buy",
        pain_point="Price hidden",
        owner="Web team",
        priority="high",
        priority_raw="P1",
        effort="low",
        effort_raw="S",
        due="2026-03-31",
        status="Planned",
        kpi="Conversion",
        matches=(OpportunityRef("Ana", 0, 0),),
        sheet="Opportunities",
        cell="A2",
    )
    model = Journeys("x.xlsx", personas=(Persona("Ana", "Ana", steps=(step,)),), opportunities=(planned,))
    wire = json.loads(json.dumps(model.to_json()))
    assert wire["personas"][0]["steps"][0]["pairs"] == [[0, 0]]
    row = wire["opportunities"][0]
    assert (row["text"], row["priority"], row["priority_raw"], row["due"]) == (
        "Show it",
        "high",
        "P1",
        "2026-03-31",
    )
    assert row["matches"] == [{"persona": "Ana", "step": 0, "item": 0}]
    assert Journeys.from_json(wire) == model


def test_model_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Stage("Awareness").name = "Other"  # type: ignore[misc]


def test_other_schema_versions_are_refused() -> None:
    with pytest.raises(ValueError, match="schema_version 4"):
        Journeys.from_json({"schema_version": 4, "source": "x"})


@given(journeys())
def test_version_1_loads_with_every_scale_absent(model: Journeys) -> None:
    wire = json.loads(json.dumps(model.to_json()))
    wire["schema_version"] = 1
    for persona in wire["personas"]:
        del persona["scale"]  # version 1 had none
    loaded = Journeys.from_json(wire)
    assert [p.scale for p in loaded.personas] == [None] * len(model.personas)
    assert [p.steps for p in loaded.personas] == [p.steps for p in model.personas]


def test_problem_renders_file_sheet_cell() -> None:
    problem = Problem("error", "score 7 is outside -5..5", file="a.xlsx", sheet="Emma", cell="G9")
    assert str(problem) == "a.xlsx:Emma!G9: error: score 7 is outside -5..5"
    assert str(Problem("warning", "no theme", file="a.xlsx")) == "a.xlsx: warning: no theme"
