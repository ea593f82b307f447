"""Cells as people fill them: bullets, numbers, dates, rich text, stray spaces, error values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from mapgen.readers.cells import split_emotions, split_list, tidy_text
from tests.support.workbooks import add_project, add_rows, messages, new_book, read


@pytest.mark.parametrize(
    "text",
    [
        "• Slow page\n• No price",
        "- Slow page\n- No price",
        "* Slow page\n* No price",
        "– Slow page\n– No price",
        "1. Slow page\n2. No price",
        "1) Slow page\n2) No price",
        "Slow page\nNo price",
        "  • Slow page  \r\n\r\n  • No price ",
        "• Slow page • No price",
    ],
)
def test_list_cells_lose_their_bullets(text: str) -> None:
    assert split_list(text) == ("Slow page", "No price")


def test_an_unbulleted_line_continues_the_bulleted_item_above() -> None:
    assert split_list("• The guide compares 14 tents\nwithout a recommendation\n• No glossary") == (
        "The guide compares 14 tents without a recommendation",
        "No glossary",
    )


def test_hyphens_and_numbers_inside_an_item_stay() -> None:
    assert split_list("- 3-D Secure times out\n- 1.5 days late") == ("3-D Secure times out", "1.5 days late")
    assert split_list("3 weeks waiting") == ("3 weeks waiting",)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("curious, hopeful", ("curious", "hopeful")),
        ("curious; hopeful", ("curious", "hopeful")),
        ("curious and hopeful", ("curious", "hopeful")),
        ("curious / hopeful", ("curious", "hopeful")),
        ("curious\nhopeful", ("curious", "hopeful")),
        ("• curious\n• hopeful", ("curious", "hopeful")),
        ("Very anxious", ("Very anxious",)),
        ("happy + relieved", ("happy", "relieved")),
        ("happy+relieved", ("happy", "relieved")),
        ("Anxious+", ("Anxious+",)),
        ("Confident++, calm", ("Confident++", "calm")),
        ("Anxious+ happy", ("Anxious+", "happy")),
        ("Anxious- and calm", ("Anxious-", "calm")),
        ("Skeptical → Reassured → Hopeful", ("Skeptical → Reassured → Hopeful",)),
        ("Anxious++ -> relieved", ("Anxious++ -> relieved",)),
        ("anxious\n→ relieved", ("anxious → relieved",)),
        ("anxious →\nrelieved", ("anxious → relieved",)),
        ("anxious, then relieved", ("anxious", "then relieved")),
        ("", ()),
    ],
)
def test_emotion_words_split(text: str, words: tuple[str, ...]) -> None:
    assert split_emotions(text) == words


def test_tidy_text_trims_each_line_and_drops_blank_ones() -> None:
    assert tidy_text("  Google search \r\n\r\n Buying guide  ") == "Google search\nBuying guide"


def test_values_read_as_people_see_them(tmp_path: Path) -> None:
    book = new_book()
    add_project(book, Date=dt.datetime(2025, 3, 14), Version=2.0)  # type: ignore[arg-type]
    sheet = add_rows(
        book,
        "P",
        [
            ("Stage", "Step", "Age", "When", "Share", "Ratio", "Flag"),
            ("  Awareness  ", "  Looks around  ", 41.0, dt.date(2025, 1, 2), 0.25, 0.1 + 0.2, True),
        ],
    )
    sheet["E2"].number_format = "0%"
    journeys = read(book, tmp_path)
    assert (journeys.project.date, journeys.project.version) == ("2025-03-14", "2")
    (step,) = journeys.personas[0].steps
    assert (step.stage, step.action) == ("Awareness", "Looks around")
    assert dict(step.extra) == {
        "Age": "41",
        "When": "2025-01-02",
        "Share": "25%",
        "Ratio": "0.3",
        "Flag": "TRUE",
    }


def test_rich_text_becomes_plain_text(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_rows(book, "P", [("Stage", "Step"), ("Awareness", None)])
    sheet["B2"] = CellRichText(["Reads the ", TextBlock(InlineFont(b=True), "buying guide"), " twice"])
    (step,) = read(book, tmp_path).personas[0].steps
    assert step.action == "Reads the buying guide twice"


def test_a_formula_without_a_saved_result_is_a_warning_naming_the_cell(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", "Score (-5 to 5)"), ("Awareness", "Looks", "=2+1")])
    journeys = read(book, tmp_path)
    (step,) = journeys.personas[0].steps
    assert step.score is None, "a formula never calculated reads as blank, never as zero"
    assert messages(journeys) == [
        "P!C2: formula =2+1 has no saved result, so the cell reads as blank; open the workbook in Excel or "
        "LibreOffice and save it to store the results"
    ]


def test_a_formula_with_a_saved_result_reads_as_the_result(tmp_path: Path) -> None:
    import zipfile

    book = new_book()
    add_rows(book, "P", [("Stage", "Step", "Score (-5 to 5)"), ("Awareness", "Looks", "=2+1")])
    path = tmp_path / "calculated.xlsx"
    book.save(path)
    # Add the cached value Excel would have stored: <f>2+1</f><v>3</v>.
    rewritten = tmp_path / "with-value.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>2+1</f><v></v>", b"<f>2+1</f><v>3</v>").replace(
                    b"<f>2+1</f></c>", b"<f>2+1</f><v>3</v></c>"
                )
            target.writestr(info, data)
    from mapgen.readers import read_workbook

    journeys = read_workbook(rewritten)
    assert journeys.problems == ()
    assert journeys.personas[0].steps[0].score == 0.6


def test_an_excel_error_value_is_a_warning(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", "Owner"), ("Awareness", "Looks", "#N/A")])
    journeys = read(book, tmp_path)
    assert journeys.personas[0].steps[0].owner is None
    assert "P!C2: the cell shows the Excel error #N/A and reads as blank; fix its formula" in messages(
        journeys
    )
