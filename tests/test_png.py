"""The PNG painter: the file opens at its size, carries its description, paints what the scene says."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from mapgen import text
from mapgen.layout import layout_journey
from mapgen.layout.scene import Box, Picture, Rect, Scene, Tag, TextBlock
from mapgen.model import Journeys
from mapgen.renderers.png import paint_png
from mapgen.themes import load_theme

THEME = load_theme("default")
WHITE = "#ffffff"
INK = "#1b2430"


def paint(items: list, *, width: float = 400, height: float = 200, dpi: int = 144, **kw: str) -> Image.Image:
    scene = Scene(width, height, WHITE, tuple(items), **kw)
    return Image.open(io.BytesIO(paint_png(scene, THEME, dpi=dpi))).convert("RGB")


def inked(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Return True when any pixel in the pixel box differs from white."""
    crop = image.crop(box)
    return crop.getextrema() != ((255, 255), (255, 255), (255, 255))


def test_a_slide_scene_is_1920_by_1080_with_its_description() -> None:
    scene = Scene(
        960, 540, WHITE, (), title="Journey map: Renée", description="Renée's journey over 4 stages."
    )
    image = Image.open(io.BytesIO(paint_png(scene, THEME, dpi=144)))
    assert image.size == (1920, 1080)
    assert image.text["Description"] == "Renée's journey over 4 stages."
    assert image.text["Title"] == "Journey map: Renée"
    assert "Software" not in image.text


def test_a_rect_is_filled_with_its_colour_where_the_scene_puts_it() -> None:
    image = paint([Rect(Box(100, 50, 100, 50), fill="#d55e00", radius=6)])
    assert image.getpixel((300, 150)) == (0xD5, 0x5E, 0x00)  # its centre, at 2 px per point
    assert image.getpixel((100, 50)) == (255, 255, 255)  # outside it


def test_text_is_painted_inside_its_box_and_as_wide_as_measured() -> None:
    words = "Compares delivery slots"
    size = 12.0
    chain = THEME.font_chain("body")
    block = TextBlock(Box(40, 40, 300, 20), (words,), size, INK, tag=Tag("card-text"))
    image = paint([block])
    assert inked(image, (80, 80, 680, 120))
    assert not inked(image, (0, 0, 800, 78)) and not inked(image, (0, 122, 800, 400))
    columns = [x for x in range(800) if inked(image, (x, 80, x + 1, 120))]
    painted = (columns[-1] - columns[0] + 1) / 2  # back to points
    assert painted == pytest.approx(text.measure(words, chain, size), rel=0.03)


def test_right_and_centre_alignment_use_the_measured_width() -> None:
    right = paint([TextBlock(Box(40, 40, 300, 20), ("Goal",), 12, INK, align="right")])
    columns = [x for x in range(800) if inked(right, (x, 80, x + 1, 120))]
    assert 680 - columns[-1] < 6  # ends at the box's right edge (340 pt = 680 px), less side bearing


def test_a_picture_is_drawn_in_its_box() -> None:
    red = Image.new("RGB", (50, 50), (200, 0, 0))
    buffer = io.BytesIO()
    red.save(buffer, format="PNG")
    image = paint([Picture(Box(20, 20, 40, 40), buffer.getvalue(), "png", alt="photo")])
    r, g, b = image.getpixel((80, 80))
    assert r > 180 and g < 30 and b < 30
    assert image.getpixel((150, 150)) == (255, 255, 255)


def test_text_in_another_script_is_painted_with_a_fallback_font() -> None:
    chain = THEME.font_chain("body")
    if not chain.has("旅"):
        pytest.skip("no installed font has CJK characters (install fonts-wqy-microhei)")
    faces = {face.family for face, _run in text.runs("Renée 旅", chain)}
    assert len(faces) == 2
    image = paint([TextBlock(Box(40, 40, 300, 20), ("旅",), 14, INK)])
    assert inked(image, (80, 80, 120, 120))


def test_the_same_scene_gives_the_same_bytes() -> None:
    journeys = Journeys.from_json(
        json.loads((Path(__file__).parent / "fixtures" / "deck-retail.json").read_text("utf-8"))
    )
    scene = layout_journey(journeys, journeys.personas[0], THEME, page=THEME.png.canvas("slide")).scenes[0]
    first, second = paint_png(scene, THEME, dpi=72), paint_png(scene, THEME, dpi=72)
    assert first == second
    assert Image.open(io.BytesIO(first)).size == (round(scene.width), round(scene.height))


def test_a_dollar_sign_is_text_not_mathematics() -> None:
    image = paint([TextBlock(Box(40, 40, 300, 20), ("costs $5 or $6",), 12, INK)])
    assert inked(image, (80, 80, 400, 120))
