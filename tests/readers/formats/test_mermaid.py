"""Mermaid journey input: sections as stages, tasks as steps on 1..5, actors kept, lines named."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.errors import InputError
from mapgen.model import Scale
from mapgen.readers import read_journeys

INPUTS = Path(__file__).resolve().parents[3] / "inputs"


def write(tmp_path: Path, text: str, name: str = "ride.mmd") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_the_sample_reads_as_one_persona_on_mermaid_s_scale() -> None:
    journeys = read_journeys(INPUTS / "mermaid-example.mmd")
    (persona,) = journeys.personas
    assert persona.name == "Tomás rents a city bike"
    assert journeys.project.title == "Tomás rents a city bike"
    assert persona.stages == ("Sign up", "First ride", "Return", "Habit")
    assert persona.scale == Scale(1, 5)
    assert len(persona.steps) == 8
    found = persona.steps[5]
    assert (found.stage, found.action, found.score_raw, found.score) == (
        "Return",
        "Finds the dock by the office full",
        "1",
        -1.0,
    )
    assert persona.steps[6].extra == (("Actors", "Tomás, Support agent"),)
    assert persona.steps[0].cell == "line 5 (Step)"
    assert not journeys.problems


def test_a_score_outside_1_to_5_and_a_task_without_one_name_their_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "journey\n  section Go\n    Unlocks: 7: Lee\n    Rides\n    Docks:: Lee\n    Pays: 3\n",
    )
    journeys = read_journeys(path)
    places = sorted((p.cell, p.message.split(";")[0]) for p in journeys.errors)
    assert places == [
        (
            "line 3 (Emotion score (1 to 5))",
            'score "7" is outside the scale 1 to 5 of column "Emotion score (1 to 5)"',
        ),
        ("line 4", 'the task "Rides" has no score'),
        ("line 5", 'the task "Docks" has no score'),
    ]
    (persona,) = journeys.personas
    assert persona.name == "ride"  # no title: the file's name
    assert persona.steps[-1].extra == ()  # a task without actors


def test_another_mermaid_diagram_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_journeys(write(tmp_path, "flowchart LR\n  A --> B\n"))
    assert "holds a Mermaid flowchart diagram" in caught.value.message


def test_a_journey_without_tasks_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="has no task"):
        read_journeys(write(tmp_path, "journey\n  title Empty\n  section Nothing yet\n"))


def test_a_diagram_longer_than_any_journey_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "journey\n  section Go\n" + "    Step: 3: Lee\n" * 100_001)
    with pytest.raises(InputError, match="has 100,003 rows, over mapgen's limit of 100,000"):
        read_journeys(path)
