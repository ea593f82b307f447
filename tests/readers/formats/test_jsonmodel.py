"""The JSON model as input: inspect --json read back, every wrong type or value at its JSON path."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from mapgen.errors import InputError
from mapgen.readers import read_journeys, read_workbook
from mapgen.samples import sample_path

INPUTS = Path(__file__).resolve().parents[3] / "inputs"


def write(tmp_path: Path, data: Any, name: str = "model.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def refused(path: Path) -> list[tuple[str | None, str]]:
    with pytest.raises(InputError) as caught:
        read_journeys(path)
    return [(p.cell, p.message) for p in caught.value.problems]


def test_the_sample_reads_back() -> None:
    journeys = read_journeys(INPUTS / "model-example.json")
    assert journeys.source == "model-example.json"
    assert journeys.project.client == "Northfield Pharmacy"
    (persona,) = journeys.personas
    assert (persona.name, persona.get("age")) == ("Dev Patel", "52")
    assert persona.stages == ("Notice", "Order", "Collect")
    assert [s.score_raw for s in persona.steps] == ["-1", "-3", "2", "-4", "1"]
    assert persona.scale is not None and persona.scale.describe() == "-5 to 5"


def test_the_workbook_sample_round_trips_with_its_photos(tmp_path: Path) -> None:
    original = read_workbook(sample_path())
    path = write(tmp_path, original.to_json(include_photos=True), "example.json")
    again = read_journeys(path)
    assert again.personas == original.personas
    assert again.stages == original.stages
    assert again.project == original.project


def test_a_model_may_leave_out_what_it_does_not_have(tmp_path: Path) -> None:
    data = {"schema_version": 3, "personas": [{"name": "Ana", "sheet": "Ana", "steps": [{"stage": "Buy"}]}]}
    (persona,) = read_journeys(write(tmp_path, data)).personas
    assert persona.steps[0].stage == "Buy"
    assert persona.stages == ("Buy",)  # no stages given: those its steps name


def test_every_wrong_type_and_value_is_named_at_its_path(tmp_path: Path) -> None:
    data = {
        "schema_version": 3,
        "stages": [{"name": "Buy"}],
        "personas": [
            {"name": "Ana", "sheet": "Ana", "steps": [{"stage": "Buy", "score": 0.5}]},
            {
                "name": 7,
                "sheet": "Bo",
                "kind": "robot",
                "stages": ["Buy"],
                "steps": [
                    {"stage": "Buy", "score": 3, "score_source": "guess"},
                    {"stage": "Pay", "emotions": "happy", "extra": {"Note": 1}},
                    "a step",
                ],
            },
        ],
    }
    assert refused(write(tmp_path, data)) == [
        ("personas[1].name", "must be a string, not a number"),
        ("personas[1].kind", 'is "robot", not one of "persona", "blueprint"'),
        ("personas[1].steps[0].score", "is 3, outside -1 to 1; scores are stored normalised"),
        ("personas[1].steps[0].score_source", 'is "guess", not one of "column", "inferred", null'),
        ("personas[1].steps[1].stage", 'stage "Pay" is not one of the persona\'s stages'),
        ("personas[1].steps[1].emotions", "must be a list of strings, not a string"),
        ("personas[1].steps[1].extra.Note", "must be a string, not a number"),
        ("personas[1].steps[2]", "must be an object, not a string"),
    ]


def test_limits_apply_as_to_a_workbook(tmp_path: Path) -> None:
    steps = [{"stage": "Buy", "action": "x" * 1001}] + [{"stage": "Buy"}] * 200
    data = {"schema_version": 3, "personas": [{"name": "N" * 101, "sheet": "A", "steps": steps}]}
    problems = refused(write(tmp_path, data))
    assert [cell for cell, _ in problems] == ["personas[0].name", "personas[0].steps"]
    assert "over mapgen's limit of 200" in problems[1][1]


def test_an_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    assert refused(write(tmp_path, {"schema_version": 99, "personas": []})) == [
        ("schema_version", "is 99; this mapgen reads 1, 2, 3")
    ]


def test_deep_nesting_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    with pytest.raises(InputError) as caught:
        read_journeys(path)
    assert "nests deeper than 20 levels" in caught.value.message


def test_invalid_json_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 3,', "utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        read_journeys(path)


def test_a_photo_is_decoded_and_checked_as_a_workbook_photo_is(tmp_path: Path) -> None:
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(image, format="GIF")
    photo = {"format": "gif", "data": base64.b64encode(image.getvalue()).decode()}
    persona = {"name": "Ana", "sheet": "Ana", "photo": photo, "steps": []}
    not_an_image = {"format": "png", "data": base64.b64encode(b"not an image").decode()}
    broken = {"name": "Bo", "sheet": "Bo", "photo": not_an_image, "steps": []}
    journeys = read_journeys(write(tmp_path, {"schema_version": 3, "personas": [persona, broken]}))
    ana, bo = journeys.personas
    assert ana.photo is not None and ana.photo.format == "png"  # converted, as a placed GIF is
    assert bo.photo is None
    (warning,) = journeys.warnings
    assert warning.cell == "personas[1].photo"
    assert "not an image mapgen can read" in warning.message


def test_opportunities_and_pairs_are_read_and_checked_at_their_paths(tmp_path: Path) -> None:
    step = {"stage": "Buy", "pain_points": ["Slow"], "opportunities": ["Cache"], "pairs": [[0, 0]]}
    good = {
        "schema_version": 3,
        "personas": [{"name": "Ana", "sheet": "Ana", "steps": [step]}],
        "opportunities": [{"text": "Cache", "owner": "Web", "priority": "high", "priority_raw": "P1"}],
    }
    journeys = read_journeys(write(tmp_path, good))
    assert journeys.personas[0].steps[0].pairs == ((0, 0),)
    (row,) = journeys.opportunities
    assert (row.text, row.owner, row.priority, row.priority_raw, row.matches) == (
        "Cache",
        "Web",
        "high",
        "P1",
        (),
    )
    bad = {
        **good,
        "personas": [{"name": "Ana", "sheet": "Ana", "steps": [{**step, "pairs": [[0, "x"]]}]}],
        "opportunities": [
            {"text": "Cache", "priority": "urgent", "matches": [{"persona": "Ana", "step": -1, "item": 0}]},
            {"owner": "Web"},
        ],
    }
    assert refused(write(tmp_path, bad)) == [
        ("personas[0].steps[0].pairs[0]", "is not [pain point index, opportunity index]"),
        ("opportunities[0].priority", 'is "urgent", not one of null, "high", "medium", "low"'),
        ("opportunities[0].matches[0].step", "must be an index: a whole number from 0"),
        ("opportunities[1].text", "is missing"),
    ]
