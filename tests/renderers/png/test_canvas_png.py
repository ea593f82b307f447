"""A persona's PNG map as a person sees it: the preset's pixels, every stage in one row, nothing cut."""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image

from mapgen import colors
from mapgen.build.formats import render_persona_png
from mapgen.build.tasks import Options
from mapgen.layout import layout_canvas
from mapgen.scene import Polygon
from mapgen.themes import load_theme
from tests.support.models import load_model

PIXELS = {"slide": (1920, 1080), "a4": (3508, 2480), "poster": (4961, 3508)}


@pytest.mark.parametrize("preset", sorted(PIXELS))
def test_the_map_is_exactly_the_presets_pixels_with_every_stage_in_one_row(preset: str) -> None:
    theme = load_theme("default")
    journeys = load_model("grocery")
    persona = journeys.personas[0]
    scope = dataclasses.replace(journeys, personas=(persona,))
    rendered = render_persona_png(0, scope, theme, Options(png_size=preset))
    image = Image.open(io.BytesIO(rendered.data)).convert("RGB")
    assert image.size == PIXELS[preset]
    (scene,) = layout_canvas(scope, persona, theme, theme.png.canvas(preset), index=0).scenes
    per_point = image.size[0] / scene.width
    chevrons = [p for p in scene.find("stage") if isinstance(p, Polygon)]
    assert [p.tag.stage for p in chevrons] == [s.name for s in journeys.stages]
    for n, chevron in enumerate(chevrons):
        # Left of the name, inside the chevron: its stage colour is there in the picture.
        x = chevron.points[0][0] + (10 if n == 0 else 22)
        y = (chevron.points[0][1] + chevron.points[4][1]) / 2
        pixel = image.getpixel((round(x * per_point), round(y * per_point)))
        assert pixel == colors.to_rgb255(theme.colours.stage_colour(n)), (chevron.tag.stage, pixel)
    tops = {round(min(y for _, y in p.points), 2) for p in chevrons}
    assert len(tops) == 1, "one row of stages"
    for block in scene.texts():
        assert not block.truncated or block.lines[-1].endswith("…") or block.lines[-1].startswith("+")
