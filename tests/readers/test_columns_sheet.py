"""The Columns sheet: a header mapping that travels with the workbook, read before every other sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.readers import read_workbook
from tests.support.workbooks import add_rows, messages, new_book, read, save

PERSONA = [
    ("Bit", "Doing", "Where", "Emotions", "Hurts"),
    ("Discover", "Sees an ad", "Instagram", "curious", "No price"),
    ("Buy", "Pays", "App", "calm", None),
]
MAPPING = [
    ("Header in the workbook", "Field"),
    ("Bit", "Stage"),
    ("Doing", "action"),
    ("Hurts", "pain points"),
]


@pytest.mark.parametrize("name", ["Columns", "Column mapping", "Mapping", "Headers"])
def test_the_columns_sheet_names_the_workbooks_own_headers(tmp_path: Path, name: str) -> None:
    book = new_book()
    add_rows(book, "Ana", PERSONA)
    add_rows(book, name, MAPPING)
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert [p.sheet for p in journeys.personas] == ["Ana"], "the Columns sheet is no persona"
    assert journeys.skipped_sheets == ()
    first, second = journeys.personas[0].steps
    assert (first.stage, first.action, first.pain_points) == ("Discover", "Sees an ad", ("No price",))
    assert first.extra == (("Where", "Instagram"),), "a header it does not name keeps its own name"
    assert (second.stage, second.action) == ("Buy", "Pays")


def test_without_a_heading_row_every_row_is_a_mapping(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Columns", MAPPING[1:])
    add_rows(book, "Ana", PERSONA)
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert journeys.personas[0].steps[0].stage == "Discover"


def test_the_stages_sheet_before_it_reads_its_names_too(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Stages", [("Bit", "Description"), ("Buy", "Pays"), ("Discover", "Finds us")])
    add_rows(book, "Ana", PERSONA)
    add_rows(book, "Columns", MAPPING)
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert [(s.name, s.description) for s in journeys.stages] == [("Buy", "Pays"), ("Discover", "Finds us")]


def test_every_wrong_row_is_an_error_naming_its_cell(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", PERSONA)
    add_rows(
        book,
        "Columns",
        [
            ("Header", "Field"),
            ("Bit", "stage"),
            ("Where", "mood ring"),
            (None, "action"),
            ("Hurts", None),
            ("--", "goal"),
            ("BIT", "action"),
            ("bit", "Stage"),
        ],
    )
    journeys = read(book, tmp_path)
    assert messages(journeys, "error") == [
        'Columns!B3: "mood ring" is not a step field; write one of stage, action, touchpoint, goal, '
        "thoughts, emotions, score, pain_points, opportunities, kpis, owner, evidence (or one of their "
        'usual names, such as "Pain points")',
        'Columns!A4: the field "action" has no header beside it; write the header as the persona sheets '
        "write it in this cell, or delete the row",
        'Columns!B5: the header "Hurts" names no field; write the step field it holds in the next cell '
        "(stage, action, touchpoint, goal, thoughts, emotions, score, pain_points, opportunities, kpis, "
        "owner, evidence), or delete the row",
        'Columns!A6: the header "--" has no letters or digits to match a header by; write the header as '
        "the persona sheets write it",
        'Columns!A7: "BIT" matches "Bit" in A2 (case, spaces and punctuation are ignored), which holds the '
        "stage; keep one of the two rows",
    ], "every wrong row at once; the same mapping twice (row 8) is no error"
    assert journeys.personas[0].steps[0].stage == "Discover", "the good rows are read"


def test_a_mapping_given_to_the_reader_beats_the_columns_sheet(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", PERSONA)
    add_rows(book, "Columns", [*MAPPING, ("Where", "evidence")])
    path = save(book, tmp_path / "journeys.xlsx")
    (sheet_only, _) = read_workbook(path).personas[0].steps
    assert (sheet_only.evidence, sheet_only.touchpoint) == ("Instagram", None)
    (given, _) = read_workbook(path, {"where": "touchpoint"}).personas[0].steps
    assert (given.evidence, given.touchpoint, given.stage) == (None, "Instagram", "Discover"), (
        "the given mapping wins for its header; the sheet's other rows still count"
    )


def test_a_second_columns_sheet_is_skipped(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", PERSONA)
    add_rows(book, "Columns", MAPPING)
    add_rows(book, "Mapping", [("Where", "touchpoint")])
    journeys = read(book, tmp_path)
    assert [(s.sheet, s.reason) for s in journeys.skipped_sheets] == [
        ("Mapping", "a second columns sheet; only the first is read")
    ]
    assert journeys.personas[0].steps[0].touchpoint is None
