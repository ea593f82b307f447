"""Markdown input: headings as personas, profile lines, GFM pipe tables, line numbers in problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.errors import InputError
from mapgen.model import Scale
from mapgen.readers import read_journeys

INPUTS = Path(__file__).resolve().parents[3] / "inputs"


def write(tmp_path: Path, text: str, name: str = "journeys.md") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_the_sample_reads_two_personas_with_profiles_and_the_project_section() -> None:
    journeys = read_journeys(INPUTS / "markdown-example.md")
    assert journeys.project.title == "Harbour Bank: opening an account on the phone"
    assert journeys.project.client == "Harbour Bank"
    assert journeys.project.confidentiality == "Internal"
    assert [s.name for s in journeys.stages] == ["Discover", "Apply", "Verify", "Use"]
    sam, helen = journeys.personas
    assert (sam.name, sam.get("age"), sam.get("location")) == ("Sam Okoro", "31", "Bristol")
    assert sam.get("quote") == '"If it takes more than ten minutes, I\'m gone."'  # from **Quote**: ...
    assert sam.scale == Scale(1, 5)
    assert [s.score_raw for s in sam.steps] == ["4", "4", "3", "1", "2", "5"]
    # <br> is a line break in a cell; *why* loses its markup.
    assert sam.steps[3].pain_points == ("Selfie fails three times in poor light", "No hint why it failed")
    assert sam.steps[3].opportunities == ("Tell him why the photo was refused",)
    assert helen.get("frustrations") == ("Small print; codes sent to a phone she keeps in a drawer",)
    # An escaped pipe is text, and `code` keeps its words.
    assert helen.steps[2].pain_points == (
        "The password rules (8+ characters | 1 symbol) are shown only after a failure",
    )
    assert helen.steps[0].cell == "line 40 (Action)"
    # The Mermaid diagram beside Helen's table draws the same journey: the table is read.
    (skipped,) = journeys.skipped_sheets
    assert skipped.sheet == "Helen Marsh, line 49"
    assert not journeys.problems


def test_problems_name_the_line_and_the_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# Maya\n\nRole: Nurse\n\n"
        "Stage | Step | Touchpoint | Score (1-5)\n"
        "--- | --- | --- | ---\n"
        "Discover | Sees an advert | TV | 4\n"
        "Buy | Pays | Web | 9\n",
    )
    journeys = read_journeys(path)
    (persona,) = journeys.personas
    assert (persona.name, persona.get("role")) == ("Maya", "Nurse")  # no outer pipes: still a table
    (problem,) = journeys.errors
    assert (problem.file, problem.sheet, problem.cell) == ("journeys.md", "Maya", "line 8 (Score (1-5))")
    assert str(problem).startswith('journeys.md:Maya!line 8 (Score (1-5)): error: score "9"')


def test_one_table_without_a_heading_is_a_persona_named_by_the_file(tmp_path: Path) -> None:
    table = "| Phase | Action | Feeling |\n|:--|:--|:--|\n| Try | Opens the app | Curious |\n"
    path = write(tmp_path, table, "dev.md")
    (persona,) = read_journeys(path).personas
    assert persona.name == "dev"
    assert persona.steps[0].emotions == ("Curious",)


def test_subheadings_under_a_persona_belong_to_it(tmp_path: Path) -> None:
    text = (
        "# Research readout\n\n## Ana\n\n- **Age:** 40\n\n### Journey\n\n"
        "| Stage | Step |\n|---|---|\n| Buy | Pays |\n\n"
        "## Ben\n\n### Journey\n\n| Stage | Step |\n|---|---|\n| Buy | Asks |\n"
    )
    journeys = read_journeys(write(tmp_path, text))
    assert [(p.name, p.get("age")) for p in journeys.personas] == [("Ana", "40"), ("Ben", None)]
    assert journeys.project.title == "Research readout"


def test_a_fenced_mermaid_journey_without_a_table_is_a_persona(tmp_path: Path) -> None:
    text = (
        "# Commute\n\n## Lee\n\n- Role: Cyclist\n\n```mermaid\njourney\n  title Lee rides in\n"
        "  section Ride\n    Unlocks a bike: 4: Lee\n    Finds no dock: 1: Lee\n```\n"
    )
    (persona,) = read_journeys(write(tmp_path, text)).personas
    assert (persona.name, persona.get("role")) == ("Lee rides in", "Cyclist")
    assert [s.score for s in persona.steps] == [0.5, -1.0]
    assert persona.steps[1].cell == "line 12 (Step)"


def test_code_blocks_are_not_tables(tmp_path: Path) -> None:
    text = "# Notes\n\n```\n| Stage | Step |\n|---|---|\n| Buy | Pays |\n```\n"
    with pytest.raises(InputError, match="has no pipe table"):
        read_journeys(write(tmp_path, text))


def test_a_markdown_file_without_a_table_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_journeys(write(tmp_path, "# Maya\n\nShe buys things.\n"))
    assert caught.value.message.startswith("journeys.md: error: the Markdown file has no pipe table")


def test_tables_longer_than_any_journey_are_refused_before_they_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, "| Stage | Step |\n|---|---|\n" + "| Buy | Pays |\n" * 100_000)
    with pytest.raises(InputError, match="tables have 100,001 rows"):
        read_journeys(path)
