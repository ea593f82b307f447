"""A client theme that sets only its primary colour gets stages and a curve in its brand."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

import pytest

from mapgen import colors
from mapgen.themes import builtin_theme_dir, load_theme
from mapgen.themes.colours import MIN_LIGHTNESS_STEP

ORANGE = "#e35205"


@pytest.fixture(scope="module")
def brand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("brand") / "brand.toml"
    path.write_text(f'extends = "default"\n[colours]\nprimary = "{ORANGE}"\n', "utf-8")
    return path


def test_the_stages_and_the_curve_come_from_the_primary(brand: Path) -> None:
    theme, default = load_theme(brand), load_theme("default")
    c = theme.colours
    assert c.stages[0] == ORANGE and set(c.stages).isdisjoint(default.colours.stages[1:])
    assert len(set(c.stages)) == len(c.stages) >= 6
    # The curve is a deep tone of the brand, not the alarm-orange of a pain point.
    assert c.curve != ORANGE and colors.contrast_ratio(c.curve, c.background) >= colors.AA_TEXT
    assert abs(colors.to_oklch(c.curve)[2] - colors.to_oklch(ORANGE)[2]) < 15
    assert theme.warnings == ()


def test_every_chevron_text_reads_and_neighbours_differ_for_colour_blind_viewers(brand: Path) -> None:
    c = load_theme(brand).colours
    for fill, text in zip(c.stages, c.on_stage, strict=True):
        assert colors.contrast_ratio(fill, text) >= colors.AA_TEXT, fill
    for vision in ("normal", *colors.deficiencies()):
        seen = [fill if vision == "normal" else colors.simulate(fill, vision) for fill in c.stages]
        steps = [
            abs(colors.oklab_lightness(a) - colors.oklab_lightness(b)) for a, b in itertools.pairwise(seen)
        ]
        assert min(steps) >= MIN_LIGHTNESS_STEP, (vision, steps)


@pytest.mark.parametrize("name", ["default", "agency", "corporate", "high-contrast", "default-de"])
def test_the_built_in_themes_keep_their_own_palettes(name: str) -> None:
    theme = load_theme(name)
    chain = [tomllib.loads(path.read_text("utf-8")) for path in theme.files]
    stages = next(data["colours"]["stages"] for data in chain if "stages" in data.get("colours", {}))
    assert list(theme.colours.stages) == stages
    assert theme.colours.curve == theme.colours.primary
    assert builtin_theme_dir() in {path.parent for path in theme.files}
