"""Persona photos: placed in the sheet or named by a path inside the workbook's folder, nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl.drawing.image import Image as SheetImage
from PIL import Image

from mapgen.readers.xlsx import photos
from tests.support.workbooks import add_row_persona, messages, new_book, png, read

STEP = [("Awareness", "Looks", "Web", "curious", 1, "")]


def persona_with_photo_field(tmp_path: Path, value: str) -> tuple[str, list[str]]:
    book = new_book()
    add_row_persona(book, "P", STEP, profile=[("Name", "Ana"), ("Photo", value)])
    journeys = read(book, tmp_path)
    persona = journeys.personas[0]
    assert persona.get("photo") is None, "the Photo field is not a profile line"
    return ("photo" if persona.photo else "none"), messages(journeys)


def test_a_picture_placed_in_the_sheet_is_the_photo(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_row_persona(book, "P", STEP, profile=[("Name", "Ana")])
    sheet.add_image(SheetImage(io.BytesIO(png(30, 20))), "C1")
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    photo = journeys.personas[0].photo
    assert photo is not None and photo.format == "png"
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.size == (30, 20)


def test_of_several_placed_pictures_the_top_left_one_is_used_with_a_warning(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_row_persona(book, "P", STEP)
    sheet.add_image(SheetImage(io.BytesIO(png(10, 10, (0, 0, 255)))), "F8")
    sheet.add_image(SheetImage(io.BytesIO(png(12, 12, (255, 0, 0)))), "C1")
    journeys = read(book, tmp_path)
    photo = journeys.personas[0].photo
    assert photo is not None
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.size == (12, 12)
    assert messages(journeys) == [
        "P!C1: 2 pictures are placed in the sheet; the one at C1 is the persona's photo"
    ]


@pytest.mark.parametrize("relative", ["ana.png", "photos/ana.png", "photos\\ana.png", "./photos/ana.png"])
def test_a_photo_path_inside_the_workbook_folder_is_loaded(tmp_path: Path, relative: str) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "ana.png").write_bytes(png())
    (tmp_path / "photos" / "ana.png").write_bytes(png())
    assert persona_with_photo_field(tmp_path, relative) == ("photo", [])


def test_a_jpeg_keeps_its_bytes_and_other_formats_become_png(tmp_path: Path) -> None:
    jpeg, bmp = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(jpeg, format="JPEG")
    Image.new("RGB", (8, 8), (1, 2, 3)).save(bmp, format="BMP")
    (tmp_path / "a.jpg").write_bytes(jpeg.getvalue())
    (tmp_path / "b.bmp").write_bytes(bmp.getvalue())
    for name, expected in (("a.jpg", "jpeg"), ("b.bmp", "png")):
        book = new_book()
        add_row_persona(book, "P", STEP, profile=[("Photo", name)])
        photo = read(book, tmp_path).personas[0].photo
        assert photo is not None and photo.format == expected
        if expected == "jpeg":
            assert photo.data == jpeg.getvalue()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("https://example.com/ana.png", "web or network address"),
        ("http://127.0.0.1/ana.png", "web or network address"),
        ("www.example.com/ana.png", "web or network address"),
        ("file:///etc/passwd", "web or network address"),
        ("\\\\server\\share\\ana.png", "web or network address"),
        ("/etc/passwd", "is absolute"),
        ("C:\\Users\\ana.png", "is absolute"),
        ("../ana.png", "leaves the workbook's folder"),
        ("photos/../../ana.png", "leaves the workbook's folder"),
    ],
)
def test_paths_leaving_the_folder_and_urls_are_refused_unread(tmp_path: Path, value: str, words: str) -> None:
    inside = tmp_path / "book"
    inside.mkdir()
    (tmp_path / "ana.png").write_bytes(png())  # reachable by "..": must still not be read
    found, problems = persona_with_photo_field(inside, value)
    assert found == "none"
    assert len(problems) == 1 and words in problems[0] and problems[0].startswith("P!B2: ")


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    inside = tmp_path / "book"
    inside.mkdir()
    (tmp_path / "secret.png").write_bytes(png())
    (inside / "ana.png").symlink_to(tmp_path / "secret.png")
    found, problems = persona_with_photo_field(inside, "ana.png")
    assert found == "none" and "leads out of the workbook's folder" in problems[0]


def test_a_missing_or_broken_photo_file_is_a_warning(tmp_path: Path) -> None:
    assert persona_with_photo_field(tmp_path, "nobody.png") == (
        "none",
        [
            'P!B2: photo file "nobody.png" was not found in the workbook\'s folder; check the name, or place '
            "the picture in the sheet"
        ],
    )
    (tmp_path / "notes.png").write_text("not a picture")
    found, problems = persona_with_photo_field(tmp_path, "notes.png")
    assert found == "none" and "not an image mapgen can read" in problems[0]


def test_a_picture_over_the_pixel_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(photos, "MAX_PIXELS", 1000)
    (tmp_path / "big.png").write_bytes(png(40, 30))
    found, problems = persona_with_photo_field(tmp_path, "big.png")
    assert found == "none"
    assert "is 40 x 30 pixels" in problems[0] and "over the limit" in problems[0]


def test_a_placed_picture_wins_over_a_photo_path_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "ana.png").write_bytes(png())
    book = new_book()
    sheet = add_row_persona(book, "P", STEP, profile=[("Photo", "ana.png")])
    sheet.add_image(SheetImage(io.BytesIO(png())), "D1")
    journeys = read(book, tmp_path)
    assert journeys.personas[0].photo is not None
    assert messages(journeys) == [
        "P!B1: the sheet has both a placed picture and a Photo path; the placed picture is used"
    ]
