"""CSV input: the sample folder, delimiters, encodings, a Persona column, A1 places, bad bytes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from PIL import Image

from mapgen.errors import InputError
from mapgen.model import Scale
from mapgen.readers import read_journeys

INPUTS = Path(__file__).resolve().parents[3] / "inputs"
HEADER = "Stage,Step,Touchpoint,Emotion score (-2 to +2),Pain points"


def test_the_sample_folder_is_one_project_with_a_persona_per_file() -> None:
    journeys = read_journeys(INPUTS / "csv-example")
    assert journeys.source == "csv-example"
    assert [p.name for p in journeys.personas] == ["Priya Nair", "Zoé Lefèvre"]
    assert [s.name for s in journeys.stages] == ["Realise", "Compare", "Switch", "First bill"]
    priya, zoe = journeys.personas
    assert priya.sheet == "priya-nair"
    assert priya.get("age") == "29"
    assert priya.get("goals") == ("A lower monthly bill", "No surprises when the first bill arrives")
    assert priya.scale == Scale(-2, 2)
    assert [s.score_raw for s in priya.steps] == ["-1", "-1", "1", "2", "-1", "2"]
    assert priya.steps[0].score == -0.5
    # The semicolon file is Windows-1252: its accents and its dash read as written.
    assert zoe.get("location") == "Lyon"
    assert zoe.steps[2].thoughts == "« Fine, done — as long as the date is right. »"
    assert zoe.steps[3].pain_points == ("Long hold times", "Had to repeat her account number")
    assert zoe.stages == ("Realise", "Compare", "Switch", "First bill")
    assert not journeys.problems


def test_a_problem_keeps_the_a1_name_excel_shows(tmp_path: Path) -> None:
    path = tmp_path / "maya.csv"
    path.write_text(f"{HEADER}\nDiscover,Sees an advert,TV,1,\nBuy,Pays,Web,9,Slow\n", "utf-8")
    journeys = read_journeys(path)
    (problem,) = journeys.errors
    assert (problem.file, problem.sheet, problem.cell) == ("maya.csv", "maya", "D3")
    assert "outside the scale" in problem.message


@pytest.mark.parametrize(
    ("encoding", "delimiter", "suffix"),
    [
        ("utf-8-sig", ",", ".csv"),  # Excel's "CSV UTF-8"
        ("utf-16", "\t", ".txt"),  # Excel's "Unicode text": UTF-16 with a BOM, tab-delimited
        ("cp1252", ";", ".csv"),  # Excel's "CSV" where the decimal mark is a comma
        ("utf-8", "\t", ".tsv"),
    ],
)
def test_excel_s_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str, suffix: str) -> None:
    rows = [
        HEADER.split(","),
        ["Découvrir", "Voit une publicité", "Télé", "1", ""],
        ["Acheter", "Paie", "Web", "-2", "Lent"],
    ]
    path = tmp_path / f"renée{suffix}"
    path.write_bytes("\r\n".join(delimiter.join(r) for r in rows).encode(encoding))
    journeys = read_journeys(path)
    (persona,) = journeys.personas
    assert persona.name == "renée"
    assert [(s.stage, s.action, s.touchpoint) for s in persona.steps] == [
        ("Découvrir", "Voit une publicité", "Télé"),
        ("Acheter", "Paie", "Web"),
    ]
    assert [s.score for s in persona.steps] == [0.5, -1.0]


def test_numbers_stay_as_written(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text('Stage,Step,Score (1-10),Price\nBuy,Pays,07,"1,250.50"\n', "utf-8")
    (step,) = read_journeys(path).personas[0].steps
    assert step.score_raw == "07"
    assert step.extra == (("Price", "1,250.50"),)


def test_a_persona_column_makes_a_persona_per_value_and_keeps_cells_in_place(tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    path.write_text(
        "Persona,Stage,Step,Emotion score (1-5)\n"
        "Maya,Discover,Sees an advert,4\n"
        "Tom,Discover,Asks a friend,3\n"
        "Maya,Buy,Pays,7\n"
        ",Buy,Gets a receipt,5\n",  # a blank persona: the one of the row above
        "utf-8",
    )
    journeys = read_journeys(path)
    assert [p.name for p in journeys.personas] == ["Maya", "Tom"]
    maya, tom = journeys.personas
    assert [s.action for s in maya.steps] == ["Sees an advert", "Pays", "Gets a receipt"]
    assert [s.action for s in tom.steps] == ["Asks a friend"]
    assert all(key != "Persona" for step in maya.steps for key, _ in step.extra)
    (problem,) = journeys.errors
    assert (problem.sheet, problem.cell) == ("Maya", "D4")


def test_undecodable_bytes_are_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"Stage,Step\nBuy,Pays \x81\x8d\n")  # bytes no Windows-1252 character has
    with pytest.raises(InputError) as caught:
        read_journeys(path)
    assert "neither UTF-8 nor Windows-1252" in caught.value.message
    assert "save it again as CSV UTF-8" in caught.value.message


def test_a_broken_utf16_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Stage,Step".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    with pytest.raises(InputError, match="starts like UTF-16"):
        read_journeys(path)


def test_binary_junk_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError) as caught:
        read_journeys(path)
    assert caught.value.message.startswith("photo.csv: error: this is a binary file")


def test_a_csv_without_journey_columns_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Email\nAda,ada@example.com\nBo,bo@example.com\n", "utf-8")
    with pytest.raises(InputError) as caught:
        read_journeys(path)
    assert "no journey columns were found" in caught.value.message


def test_a_folder_without_csv_or_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing", "utf-8")
    with pytest.raises(InputError, match=r"no \.xlsx workbook and no CSV file"):
        read_journeys(tmp_path)


def test_a_photo_field_is_found_in_the_csv_folder(tmp_path: Path) -> None:
    Image.new("RGB", (8, 8), "blue").save(tmp_path / "ana.png")
    (tmp_path / "ana.csv").write_text(f"Name,Ana\nPhoto,ana.png\n\n{HEADER}\nBuy,Pays,Web,1,\n", "utf-8")
    (tmp_path / "bo.csv").write_text(f"{HEADER}\nBuy,Asks,Phone,0,\n", "utf-8")
    journeys = read_journeys(tmp_path)
    assert journeys.source == tmp_path.name
    ana, bo = journeys.personas
    assert ana.photo is not None and ana.photo.format == "png"
    assert bo.photo is None
    assert not journeys.problems
