"""The starter workbook of `mapgen template`: sheets, dropdowns, looks, and how it is written."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from mapgen import starter as template
from mapgen.cli import main
from mapgen.errors import InputError

SHEETS = ["Instructions", "Project", "Stages", "Priya Shah", "Tom Becker", "Opportunities"]
PERSONA_SHEETS = SHEETS[3:5]
STAGES = ["Awareness", "Consideration", "Purchase", "Post-purchase"]
PROFILE_KEYS = [
    "Name",
    "Role",
    "Age",
    "Location",
    "Quote",
    "Bio",
    "Goals",
    "Motivations",
    "Frustrations",
    "Behaviours",
    "Channels",
    "Photo",
]
HEADERS = [
    "Stage",
    "Step",
    "Touchpoint",
    "Goal",
    "Thoughts",
    "Emotions",
    "Emotion score (-5 to +5)",
    "Pain points",
    "Opportunities",
    "KPIs",
    "Owner",
    "Evidence",
]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "journeys.xlsx"
    template.write_template(path)
    return path


@pytest.fixture(scope="module")
def book(written: Path) -> Any:
    return openpyxl.load_workbook(written)


def header_row(sheet: Any) -> int:
    for row in range(1, 31):
        if sheet.cell(row=row, column=1).value == "Stage":
            return row
    raise AssertionError(f"no Stage header in {sheet.title}")


def step_rows(sheet: Any) -> list[tuple[Any, ...]]:
    header = header_row(sheet)
    return [row for row in sheet.iter_rows(min_row=header + 1, values_only=True) if any(row)]


def validations(sheet: Any, kind: str) -> list[Any]:
    return [dv for dv in sheet.data_validations.dataValidation if dv.type == kind]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


# The workbook's content


def test_sheets_are_in_order(book: Any) -> None:
    assert book.sheetnames == SHEETS


def test_instructions_explain_every_column_and_profile_field(book: Any) -> None:
    sheet = book["Instructions"]
    terms = {row[0] for row in sheet.iter_rows(values_only=True) if row[0]}
    text = " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value)
    assert set(HEADERS) <= terms
    assert set(PROFILE_KEYS) <= terms
    for needle in ("-5 to +5", "one item per line", "Place over Cells", "starts with _", "Alt+Enter"):
        assert needle.lower() in text.lower(), needle


def test_project_sheet_holds_the_front_matter_as_key_value_pairs(book: Any) -> None:
    sheet = book["Project"]
    keys = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert keys == [
        "Title",
        "Client",
        "Prepared by",
        "Date",
        "Version",
        "Confidentiality",
        "Description",
        "Theme",
    ]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert values["Theme"] == "default"
    assert values["Title"] and values["Client"]


def test_stages_sheet_lists_the_four_b2c_stages_with_descriptions(book: Any) -> None:
    rows = list(book["Stages"].iter_rows(values_only=True))
    assert rows[0] == ("Stage", "Description")
    assert [row[0] for row in rows[1:]] == STAGES
    assert all(row[1] for row in rows[1:])


@pytest.mark.parametrize("name", PERSONA_SHEETS)
def test_persona_sheet_has_a_profile_block_above_the_header(book: Any, name: str) -> None:
    sheet = book[name]
    header = header_row(sheet)
    keys = [
        sheet.cell(row=row, column=1).value for row in range(1, header) if sheet.cell(row=row, column=1).value
    ]
    assert keys == PROFILE_KEYS
    assert sheet["B1"].value == name
    goals = sheet.cell(row=PROFILE_KEYS.index("Goals") + 1, column=2).value
    assert len(goals.splitlines()) >= 2, "list fields hold one item per line"


@pytest.mark.parametrize("name", PERSONA_SHEETS)
def test_persona_sheet_has_the_step_table(book: Any, name: str) -> None:
    sheet = book[name]
    header = header_row(sheet)
    assert [cell.value for cell in sheet[header]][: len(HEADERS)] == HEADERS
    rows = step_rows(sheet)
    assert len(rows) >= 5
    assert rows[0][0] == STAGES[0], "the first step names its stage"
    assert {row[0] for row in rows if row[0]} == set(STAGES)
    scores = [row[HEADERS.index("Emotion score (-5 to +5)")] for row in rows]
    assert all(isinstance(score, int) and -5 <= score <= 5 for score in scores)
    assert min(scores) < 0 < max(scores), "an example arc has highs and lows"
    for row in rows:
        assert all(row[1:]), f"every example column is filled in: {row}"


@pytest.mark.parametrize("name", PERSONA_SHEETS)
def test_stage_dropdown_lists_the_stages_sheet(book: Any, name: str) -> None:
    sheet = book[name]
    header = header_row(sheet)
    (stage,) = validations(sheet, "list")
    assert stage.formula1 == "Stages!$A$2:$A$31"
    assert str(stage.sqref) == f"A{header + 1}:A{header + template.BODY_ROWS}"
    assert stage.showErrorMessage and stage.error and stage.prompt
    assert not stage.showDropDown, "openpyxl's inverted flag: False shows the arrow"
    listed = [book["Stages"].cell(row=row, column=1).value for row in range(2, 32)]
    assert [value for value in listed if value] == STAGES


@pytest.mark.parametrize("name", PERSONA_SHEETS)
def test_score_validation_allows_whole_numbers_from_minus_5_to_5(book: Any, name: str) -> None:
    sheet = book[name]
    header = header_row(sheet)
    (score,) = validations(sheet, "whole")
    assert (score.operator, score.formula1, score.formula2) == ("between", "-5", "5")
    assert str(score.sqref) == f"G{header + 1}:G{header + template.BODY_ROWS}"
    assert score.errorStyle == "stop"
    assert score.showInputMessage and score.prompt and "-5" in score.prompt
    assert score.showErrorMessage and score.error and "-5" in score.error


@pytest.mark.parametrize("name", PERSONA_SHEETS)
def test_header_row_is_frozen_and_styled(book: Any, name: str) -> None:
    sheet = book[name]
    header = header_row(sheet)
    assert sheet.freeze_panes == f"B{header + 1}"
    for cell in sheet[header][: len(HEADERS)]:
        assert cell.font.b
        assert cell.font.color.rgb.endswith("FFFFFF")
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith(template.HEADER_FILL.fgColor.rgb[-6:])


@pytest.mark.parametrize("name", PERSONA_SHEETS)
def test_body_cells_wrap_top_aligned_in_sensible_widths(book: Any, name: str) -> None:
    sheet = book[name]
    header = header_row(sheet)
    for row in sheet.iter_rows(min_row=header + 1, max_row=header + len(step_rows(sheet))):
        for cell in row[: len(HEADERS)]:
            assert cell.alignment.vertical == "top", cell.coordinate
            if cell.column != HEADERS.index("Emotion score (-5 to +5)") + 1:
                assert cell.alignment.wrap_text, cell.coordinate
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[header][: len(HEADERS)]]
    assert all(12 <= width <= 45 for width in widths), widths
    assert sheet.row_dimensions[header + 1].height, "rows are tall enough for their wrapped text"


@pytest.mark.parametrize("name", PERSONA_SHEETS)
def test_prints_landscape_fitted_to_the_page_width(book: Any, name: str) -> None:
    sheet = book[name]
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header_row(sheet)}:${header_row(sheet)}", "the header on every page"


# Writing the file


def test_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"my own work")
    with pytest.raises(InputError) as caught:
        template.write_template(path)
    assert caught.value.message == f"{path} already exists; use --force to overwrite it."
    assert path.read_bytes() == b"my own work"


def test_overwrites_with_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"my own work")
    template.write_template(path, force=True)
    assert openpyxl.load_workbook(path).sheetnames == SHEETS


def test_a_failing_save_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_save(self: Any) -> None:
        self._archive.writestr("[Content_Types].xml", "<partial")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(template.ExcelWriter, "save", broken_save)
    path = tmp_path / "journeys.xlsx"
    with pytest.raises(RuntimeError, match="disk on fire"):
        template.write_template(path)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_write_keeps_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journeys.xlsx"
    path.write_bytes(b"the previous version")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(InputError, match=r"Cannot write .*journeys\.xlsx: No space left on device"):
        template.write_template(path, force=True)
    assert path.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["journeys.xlsx"]


def test_the_same_template_gives_the_same_bytes(tmp_path: Path, written: Path) -> None:
    again = tmp_path / "again.xlsx"
    template.write_template(again)
    assert again.read_bytes() == written.read_bytes()
    properties = openpyxl.load_workbook(again).properties
    assert properties.created == properties.modified == template.FIXED_TIME


def test_refuses_a_name_that_is_not_xlsx(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"journeys\.xls does not end in \.xlsx"):
        template.write_template(tmp_path / "journeys.xls")
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        template.write_template(tmp_path / "nowhere" / "journeys.xlsx")


# Through the command line


def test_cli_writes_the_template_then_refuses_without_force(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xlsx"
    first = run("template", str(path))
    assert first.exit_code == 0, first.output
    assert "mapgen validate" in first.output
    second = run("template", str(path))
    assert second.exit_code == 1
    assert "--force" in second.stderr and "Traceback" not in second.output
    third = run("template", str(path), "--force")
    assert third.exit_code == 0, third.output


def test_validate_reports_no_problems_on_the_template(written: Path) -> None:
    result = run("validate", str(written))
    assert result.exit_code == 0, result.output
    assert "2 personas, 4 stages" in result.stdout
    assert "0 warnings, 0 errors" in result.stdout, result.output


def test_inspect_reads_the_template_as_written(written: Path, book: Any) -> None:
    result = run("inspect", "--json", str(written))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["problems"] == []
    assert data["project"]["title"] == book["Project"]["B1"].value
    assert data["project"]["theme"] == "default"
    assert [stage["name"] for stage in data["stages"]] == STAGES
    assert all(stage["description"] for stage in data["stages"])
    assert [persona["name"] for persona in data["personas"]] == PERSONA_SHEETS
    assert "Instructions" in {skipped["sheet"] for skipped in data["skipped_sheets"]}
    for persona, sheet in zip(data["personas"], PERSONA_SHEETS, strict=True):
        rows = step_rows(book[sheet])
        assert len(persona["steps"]) == len(rows)
        assert persona["profile"]["role"] == book[sheet]["B2"].value
        assert len(persona["profile"]["goals"]) == 2
        assert not persona["has_photo"]
        for step, row in zip(persona["steps"], rows, strict=True):
            assert step["action"] == row[1]
            assert step["score_source"] == "column"
            assert step["score"] == pytest.approx(row[6] / 5)
            assert step["pain_points"] == [
                line.removeprefix("1. ").removeprefix("2. ") for line in row[7].splitlines()
            ]
        stages = [step["stage"] for step in persona["steps"]]
        assert stages == sorted(stages, key=STAGES.index), "blank stage cells continue the stage above"


def test_opportunities_sheet_has_the_action_plan_columns_and_examples(book: Any) -> None:
    sheet = book["Opportunities"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "Opportunity",
        "Persona",
        "Stage",
        "Step",
        "Pain point",
        "Owner",
        "Priority",
        "Effort",
        "Due",
        "Status",
        "KPI",
    ]
    assert sheet["A1"].fill.start_color.rgb.endswith(template.HEADER_FILL.start_color.rgb[-6:])
    assert sheet.freeze_panes == "B2"
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True) if any(row)]
    assert len(rows) >= 3
    assert {row[1] for row in rows} <= set(PERSONA_SHEETS)
    assert sheet["I2"].number_format == "yyyy-mm-dd"


@pytest.mark.parametrize(
    ("header", "column", "allowed"),
    [
        ("Stage", "C", template.STAGE_LIST_FORMULA),
        ("Priority", "G", '"High,Medium,Low"'),
        ("Effort", "H", '"S,M,L"'),
        ("Status", "J", '"Idea,Planned,In progress,Done,Dropped"'),
    ],
)
def test_opportunities_dropdowns_reach_the_rows_users_add(
    book: Any, header: str, column: str, allowed: str
) -> None:
    sheet = book["Opportunities"]
    assert sheet[f"{column}1"].value == header
    (dropdown,) = [dv for dv in validations(sheet, "list") if dv.formula1 == allowed]
    assert str(dropdown.sqref) == f"{column}2:{column}{1 + template.BODY_ROWS}"
    # Other words only after a warning: the reader knows P1, Must, XL and more.
    assert dropdown.errorStyle == "warning" and dropdown.showErrorMessage
    assert dropdown.prompt


def test_the_opportunities_read_back_matched_to_the_personas_with_no_warning(
    written: Path, book: Any
) -> None:
    data = json.loads(run("inspect", "--json", str(written)).stdout)
    assert data["problems"] == []
    rows = [row for row in book["Opportunities"].iter_rows(min_row=2, values_only=True) if any(row)]
    assert [o["text"] for o in data["opportunities"]] == [row[0] for row in rows]
    for opportunity in data["opportunities"]:
        # Each example names a persona's step and pain point, and repeats that step's opportunity.
        assert (
            opportunity["step"]
            and opportunity["pain_point"]
            and opportunity["priority"] in ("high", "medium")
        )
        (match,) = opportunity["matches"]
        persona = next(p for p in data["personas"] if p["name"] == match["persona"])
        step = persona["steps"][match["step"]]
        assert step["opportunities"][match["item"]] == opportunity["text"]
        assert opportunity["pain_point"] in step["pain_points"]
    priya = next(p for p in data["personas"] if p["name"] == "Priya Shah")
    assert [s["pairs"] for s in priya["steps"] if s["pairs"]] == [[[0, 0], [1, 1]]]


def test_instructions_explain_the_opportunities_sheet(book: Any) -> None:
    labels = [row[0] for row in book["Instructions"].iter_rows(values_only=True)]
    for header in ("Opportunities", "Priority", "Effort", "Due", "Status"):
        assert header in labels
    text = " ".join(str(row[1]) for row in book["Instructions"].iter_rows(values_only=True) if row[1])
    assert "(re: " in text
