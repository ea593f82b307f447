"""The PNG painter: the file opens at its size, carries its description, paints what the scene says."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from mapgen import text
from mapgen.layout import layout_journey
from mapgen.renderers.png.painter import paint_png
from mapgen.scene import Box, Picture, Polyline, Rect, Scene, Tag, TextBlock
from mapgen.themes import load_theme
from tests.support.models import load_model

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
    journeys = load_model("grocery")
    scene = layout_journey(journeys, journeys.personas[0], THEME, page=THEME.png.canvas("slide")).scenes[0]
    first, second = paint_png(scene, THEME, dpi=72), paint_png(scene, THEME, dpi=72)
    assert first == second
    assert Image.open(io.BytesIO(first)).size == (round(scene.width), round(scene.height))


def test_a_dollar_sign_is_text_not_mathematics() -> None:
    image = paint([TextBlock(Box(40, 40, 300, 20), ("costs $5 or $6",), 12, INK)])
    assert inked(image, (80, 80, 400, 120))


def columns_inked(image: Image.Image, rows: tuple[int, int]) -> list[int]:
    """Return the x of every column with ink between two pixel rows."""
    return [x for x in range(image.width) if inked(image, (x, rows[0], x + 1, rows[1]))]


@pytest.mark.parametrize("dpi", [72, 144, 300])
@pytest.mark.parametrize("size", [7.0, 12.0])
def test_a_line_ends_where_text_measure_says(dpi: int, size: float) -> None:
    words = "Compares delivery slots and then calls the invoice team"
    chain = THEME.font_chain("body")
    px = dpi / 72
    image = paint([TextBlock(Box(20, 10, 380, 30), (words,), size, INK)], width=400, height=50, dpi=dpi)
    columns = columns_inked(image, (0, image.height))
    painted = (columns[-1] + 1) / px  # the ink's right edge, in points
    measured = 20 + text.measure(words, chain, size)
    # The last letter's ink stops short of its advance by its right side bearing, and the edge
    # pixel may be partly covered: a pixel and a twentieth of the size either way.
    assert painted == pytest.approx(measured, abs=1.0 / px + size / 20)
    assert columns[0] / px == pytest.approx(20, abs=1.0 / px + size / 20)


def test_a_run_in_a_fallback_face_is_inked_where_the_latin_run_ends() -> None:
    chain = THEME.font_chain("body")
    if not chain.has("旅"):
        pytest.skip("no installed font has CJK characters (install fonts-wqy-microhei)")
    size, latin = 14.0, "Renée "
    image = paint([TextBlock(Box(40, 40, 300, 20), (latin + "旅",), size, INK)])
    start = round((40 + text.measure(latin, chain, size)) * 2)
    end = round((40 + text.measure(latin + "旅", chain, size)) * 2)
    assert inked(image, (start, 80, end, 120))
    assert not inked(image, (end + 4, 0, 800, 400))


def test_small_text_moves_by_a_fraction_of_a_pixel_and_keeps_its_weight() -> None:
    def ink(x: float) -> tuple[float, float]:
        image = paint([TextBlock(Box(x, 10, 100, 12), ("H",), 8, INK)], width=120, height=30, dpi=72)
        coverage = 255 - np.asarray(image.convert("L"), dtype=float)
        columns = coverage.sum(axis=0)
        return float((columns * np.arange(len(columns))).sum() / columns.sum()), float(coverage.sum())

    centre, weight = ink(10.0)
    for shift in (0.25, 0.5, 0.75):
        moved, moved_weight = ink(10.0 + shift)
        assert moved - centre == pytest.approx(shift, abs=0.1)
        assert moved_weight == pytest.approx(weight, rel=0.02)


def test_a_shape_later_in_the_scene_covers_earlier_text() -> None:
    block = TextBlock(Box(40, 40, 300, 20), ("Hidden under the card",), 12, INK)
    image = paint([block, Rect(Box(30, 30, 320, 40), fill="#d55e00")])
    assert image.getextrema() == ((0xD5, 255), (0x5E, 255), (0x00, 255))  # no ink colour anywhere


def test_dashes_are_as_long_as_the_scene_says_in_points() -> None:
    line = Polyline(((20, 50), (380, 50)), color="#000000", width=2.0, dash=(6.0, 4.0))
    image = paint([line], dpi=144).convert("L")
    row = [image.getpixel((x, 100)) < 128 for x in range(40, 760)]
    runs = [len(list(group)) for _dark, group in itertools.groupby(row)]
    assert runs[0] == 12 and set(runs[:-1:2]) == {12}  # 6 pt on at 2 px per point, from x = 20 pt
    assert set(runs[1:-1:2]) == {8}  # 4 pt off


def test_a_transparent_picture_shows_what_lies_under_it() -> None:
    logo = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    logo.paste((0, 0, 200, 255), (0, 0, 20, 40))  # left half opaque blue, right half clear
    buffer = io.BytesIO()
    logo.save(buffer, format="PNG")
    image = paint(
        [Rect(Box(10, 10, 60, 60), fill="#d55e00"), Picture(Box(20, 20, 40, 40), buffer.getvalue(), "png")]
    )
    assert image.getpixel((50, 80)) == (0, 0, 200)
    assert image.getpixel((110, 80)) == (0xD5, 0x5E, 0x00)


def test_the_file_is_an_rgb_png_with_its_dpi_and_title() -> None:
    data = paint_png(Scene(300, 100, WHITE, (), title="Journey map: Emma"), THEME, dpi=300)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.mode, image.size) == ("PNG", "RGB", (1250, 417))
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert image.text == {"Title": "Journey map: Emma", "Description": "Journey map: Emma"}


def test_the_encoder_keeps_every_pixel_across_strips_and_row_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    from mapgen.renderers.png import encode as png_encode

    monkeypatch.setattr(png_encode, "BLOCK_BYTES", 100)  # a few rows per block
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (37, 23, 4), dtype=np.uint8)
    pixels[..., 3] = 255
    strips = [pixels[:10], pixels[10:11], pixels[11:]]
    decoded = Image.open(io.BytesIO(png_encode.encode_png(strips, width=23, height=37, dpi=96)))
    assert decoded.mode == "RGB"
    assert np.array_equal(np.asarray(decoded), pixels[..., :3])
    with pytest.raises(ValueError, match="36 rows"):
        png_encode.encode_png(strips[:1] + strips[2:], width=23, height=37, dpi=96)


def test_a_map_painted_in_strips_is_the_map_painted_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from mapgen.renderers.png import painter as png

    journeys = load_model("grocery")
    scene = layout_journey(journeys, journeys.personas[0], THEME, page=THEME.png.canvas("slide")).scenes[0]
    photo = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(photo, format="PNG")
    # A photo, a dashed line and a paragraph that strips 7 pixels high cut through.
    extra = (
        Picture(Box(400, 3, 60, 60), photo.getvalue(), "png"),
        Polyline(((20, 5), (300, 65)), color=INK, width=1.5, dash=(3.0, 2.0)),
        TextBlock(Box(480, 2, 200, 60), ("Strips cut", "through these", "three lines"), 14, INK),
    )
    scene = replace(scene, items=scene.items + extra)
    whole = np.asarray(Image.open(io.BytesIO(paint_png(scene, THEME, dpi=72))), dtype=int)
    monkeypatch.setattr(png, "STRIP_BYTES", 7 * 4 * whole.shape[1])
    strips = np.asarray(Image.open(io.BytesIO(paint_png(scene, THEME, dpi=72))), dtype=int)
    # Agg rounds a vertex outside the canvas a little differently: a level here and there.
    difference = np.abs(strips - whole)
    assert difference.max() <= 2 and np.count_nonzero(difference) < 100


def test_dashes_carry_on_round_a_corner() -> None:
    from matplotlib.path import Path as MplPath

    from mapgen.renderers.png.painter import _dashed

    path = _dashed(((0.0, 0.0), (10.0, 0.0), (10.0, 10.0)), (4.0, 3.0))
    dashes, dash = [], []
    for (x, y), code in zip(path.vertices.tolist(), path.codes.tolist(), strict=True):
        if code == MplPath.MOVETO and dash:
            dashes.append(dash)
            dash = []
        dash.append((x, y))
    dashes.append(dash)
    # On for 4, off for 3, from the start: the second dash turns the corner at (10, 0).
    assert dashes == [[(0, 0), (4, 0)], [(7, 0), (10, 0), (10, 1)], [(10, 4), (10, 8)]]
