"""Picking the reader: by content where it is unambiguous, else by extension, else one clear line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mapgen.errors import InputError
from mapgen.readers import read_journeys
from mapgen.samples import sample_path

CSV = "Stage,Step,Score (1-5)\nBuy,Pays,4\nUse,Logs in,2\n"
MERMAID = "journey\n  title Ana buys\n  section Buy\n    Pays: 4: Ana\n"
MARKDOWN = "# Ana\n\n| Stage | Step |\n|---|---|\n| Buy | Pays |\n"
MODEL = {"schema_version": 3, "personas": [{"name": "Ana", "sheet": "Ana", "steps": [{"stage": "Buy"}]}]}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def message(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_journeys(path)
    assert len(caught.value.problems) == 1
    return caught.value.message


@pytest.mark.parametrize(
    ("name", "text", "action"),
    [
        ("export.txt", CSV, "Pays"),  # a CSV saved as .txt
        ("journey.txt", MERMAID, "Pays"),  # a Mermaid journey saved as .txt
        ("journey.md", MERMAID, "Pays"),  # ... or as .md, unfenced
        ("table.csv", MARKDOWN, "Pays"),  # a pasted Markdown table saved as .csv
        ("model.txt", json.dumps(MODEL), None),  # the JSON model saved as .txt
    ],
)
def test_content_decides_when_it_is_unambiguous(
    tmp_path: Path, name: str, text: str, action: str | None
) -> None:
    (persona,) = read_journeys(write(tmp_path, name, text)).personas
    assert persona.steps[0].stage == "Buy"
    assert persona.steps[0].action == action


def test_a_renamed_workbook_is_named_for_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "journeys.csv"
    shutil.copyfile(sample_path(), path)
    assert message(path) == "journeys.csv: error: this is an Excel workbook named .csv; rename it to .xlsx"
    assert len(read_journeys(path.rename(tmp_path / "journeys.xlsx")).personas) == 3


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("page.csv", "<!DOCTYPE html><html><body>Journeys</body></html>\n", "this is an HTML or XML file"),
        ("notes.txt", "Maya buys a ticket and is happy.\n", "this text file is not CSV, a Markdown table"),
        ("data.json", "Maya buys a ticket\n", "the file is not JSON"),
        ("empty.md", "", "the file is empty (0 bytes)"),
    ],
)
def test_what_is_none_of_them_gets_one_line(tmp_path: Path, name: str, text: str, expected: str) -> None:
    found = message(write(tmp_path, name, text))
    assert found.startswith(f"{name}: error: {expected}")
    assert "\n" not in found


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(2 * 1024**3)  # 2 GB claimed, sparse: nothing is written
    found = message(path)
    assert "the file is 2048 MB, over mapgen's limit" in found


def test_a_folder_of_csv_files_skips_excel_lock_files(tmp_path: Path) -> None:
    write(tmp_path, "ana.csv", CSV)
    write(tmp_path, "~$ana.csv", "locked")
    write(tmp_path, "Stages.csv", "Stage,Description\nUse,After buying\nBuy,Paying\n")
    journeys = read_journeys(tmp_path)
    assert [p.name for p in journeys.personas] == ["ana"]
    assert [s.name for s in journeys.stages] == ["Use", "Buy"]  # the Stages file's order


def test_text_named_like_a_workbook_gets_the_workbook_reader_s_sentence(tmp_path: Path) -> None:
    found = message(write(tmp_path, "journeys.xlsx", CSV))
    assert found.startswith("journeys.xlsx: error: this is a CSV or text file, not an Excel workbook")
