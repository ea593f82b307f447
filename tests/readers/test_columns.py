"""A workbook's own headers mapped to step fields: consulted before the synonyms, matched as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

import mapgen
from mapgen.project_file import load_project_file
from mapgen.readers import read_workbook
from mapgen.readers.headers import _STEP_SYNONYMS, STEP_FIELDS, ColumnMap, parse_header
from tests.support.workbooks import (
    HEADERS,
    add_canvas_persona,
    add_row_persona,
    add_rows,
    messages,
    new_book,
    read,
    save,
)

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
BIT = ("Bit", *HEADERS[1:])  # "Bit": no synonym of any field
STEPS = [
    ("Awareness", "Sees an ad", "Instagram", "curious", 2, "No price"),
    ("Purchase", "Pays", "App", "", -3, ""),
]


def bit_book(folder: Path) -> Path:
    book = new_book()
    add_row_persona(book, "Ana", STEPS, headers=BIT)
    return save(book, folder / "journeys.xlsx")


def test_a_bit_column_mapped_to_the_stage_holds_the_stages(tmp_path: Path) -> None:
    path = bit_book(tmp_path)
    journeys = read_workbook(path, {"Bit": "stage"})
    assert journeys.problems == ()
    assert [s.name for s in journeys.stages] == ["Awareness", "Purchase"]
    first, second = journeys.personas[0].steps
    assert (first.stage, first.action, first.touchpoint, first.score) == (
        "Awareness",
        "Sees an ad",
        "Instagram",
        0.4,
    )
    assert (second.stage, second.action) == ("Purchase", "Pays")
    assert first.extra == ()


def test_without_a_mapping_the_bit_column_is_a_guess_with_a_warning(tmp_path: Path) -> None:
    path = bit_book(tmp_path)
    journeys = read_workbook(path)
    assert [s.name for s in journeys.stages] == ["Awareness", "Purchase"]
    assert messages(journeys) == [
        'Ana!A1: no column is named Stage; the first column "Bit" holds short labels, read as the '
        'stages; name it Stage (or map it: a Columns sheet, or --column "HEADER=stage") to make it sure'
    ]
    assert read_workbook(path, {}).to_json() == journeys.to_json()


def test_beside_a_stage_column_an_unmapped_section_is_an_extra_lane(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", "Section"), ("Awareness", "Reads", "Blog")])
    path = save(book, tmp_path / "journeys.xlsx")
    (plain,) = read_workbook(path).personas[0].steps
    assert (plain.touchpoint, plain.extra) == (None, (("Section", "Blog"),))
    (mapped,) = read_workbook(path, {"Section": "touchpoint"}).personas[0].steps
    assert (mapped.touchpoint, mapped.extra) == ("Blog", ())


def test_a_mapping_overrides_the_synonym_of_a_header(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", "Source"), ("Awareness", "Reads", "Instagram")])
    path = save(book, tmp_path / "journeys.xlsx")
    (plain,) = read_workbook(path).personas[0].steps
    assert (plain.evidence, plain.touchpoint) == ("Instagram", None), "Source: a synonym of evidence"
    (mapped,) = read_workbook(path, {"source": "touchpoint"}).personas[0].steps
    assert (mapped.evidence, mapped.touchpoint) == (None, "Instagram")


def test_a_header_is_matched_as_the_synonyms_are(tmp_path: Path) -> None:
    columns = ColumnMap.of(
        {"what the customer does": "Steps", "Section": "pain points", "Feel-o-meter": "score"}
    )
    assert columns is not None
    assert columns.index == {"whatthecustomerdoes": "action", "section": "pain_points", "feelometer": "score"}
    assert parse_header("WHAT THE CUSTOMER DOES:", columns).field == "action"
    assert parse_header("  section ", columns).field == "pain_points"
    rated = parse_header("Feel o meter (-5 to +5)", columns)
    assert (rated.field, rated.hint) == ("score", "-5 to +5"), "the bracket is a hint, as for the synonyms"
    assert parse_header("Sectioning", columns).field is None, "the header as a whole, not a part of it"


def test_a_mapped_score_column_keeps_the_scale_its_header_gives(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book, "P", [("Stage", "Step", "Feel-o-meter (1-10)"), ("Awareness", "Reads", 10), ("Use", "Pays", 1)]
    )
    path = save(book, tmp_path / "journeys.xlsx")
    high, low = read_workbook(path, {"Feel-o-meter": "score"}).personas[0].steps
    assert (high.score, low.score) == (1.0, -1.0)


def test_a_canvas_lane_and_the_stages_sheet_follow_the_mapping(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Stages", [("Section", "Description"), ("Use", "Day to day"), ("Awareness", None)])
    sheet = add_canvas_persona(
        book,
        "P",
        ["Awareness", "Use"],
        [("Doing", ["Reads", "Pays"]), ("Where", ["Blog", "App"]), ("Score (-5 to +5)", [2, -1])],
    )
    sheet["A1"] = "Section"
    path = save(book, tmp_path / "journeys.xlsx")
    journeys = read_workbook(path, {"Section": "stage", "Doing": "action", "Where": "touchpoint"})
    assert journeys.problems == ()
    assert [(s.name, s.description) for s in journeys.stages] == [("Use", "Day to day"), ("Awareness", None)]
    first, second = journeys.personas[0].steps
    assert (first.stage, first.action, first.touchpoint) == ("Awareness", "Reads", "Blog")
    assert (second.stage, second.action, second.touchpoint) == ("Use", "Pays", "App")


def test_the_fields_a_mapping_accepts_are_the_fields_a_header_can_name() -> None:
    assert tuple(_STEP_SYNONYMS) == STEP_FIELDS
    for field in STEP_FIELDS:
        columns = ColumnMap.of([("My header", field)])
        assert columns is not None and parse_header("My header", columns).field == field
        assert ColumnMap.of({"X": field.replace("_", " ").title()}) == ColumnMap({"x": field})


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"Section": "mood ring"}, '"mood ring" is not a step field'),
        ({"--": "stage"}, "has no letters or digits"),
        ({"Section": "stage", "SECTION": "action"}, "matches another header"),
    ],
)
def test_a_wrong_mapping_is_refused(tmp_path: Path, columns: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_workbook(bit_book(tmp_path), columns)


def test_mapgen_load_takes_the_mapping_a_project_file_gives(tmp_path: Path) -> None:
    path = bit_book(tmp_path)
    (tmp_path / "mapgen.toml").write_text('[columns]\n"Bit" = "Stage"\n', encoding="utf-8")
    project = load_project_file(tmp_path)
    assert project.columns == (("Bit", "stage"),)
    journeys = mapgen.load(path, columns=project.columns)
    assert [s.name for s in journeys.stages] == ["Awareness", "Purchase"]
    assert mapgen.load(path).warnings, "load reads no project file by itself: the stages are a guess"


@pytest.mark.parametrize("name", ["example.xlsx", "b2b-example.xlsx"])
def test_without_a_mapping_nothing_changes(name: str) -> None:
    path = INPUTS / name
    plain = read_workbook(path).to_json()
    assert read_workbook(path, None).to_json() == plain
    assert read_workbook(path, {}).to_json() == plain
    for words in _STEP_SYNONYMS.values():
        for word in words:
            assert parse_header(word, None) == parse_header(word)


def test_a_mapping_of_an_unused_header_changes_nothing(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(book, "Ana", STEPS)
    plain = read(book, tmp_path)
    path = tmp_path / "journeys.xlsx"
    assert read_workbook(path, {"Section": "stage"}).to_json() == plain.to_json()
