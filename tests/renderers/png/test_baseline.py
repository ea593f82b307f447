"""Painted journey maps against baseline images, at a fixed dpi, with fonts that ship with matplotlib.

Each result is saved to tests/output/png/ before the comparison, so accepting a new look is one
copy (or MAPGEN_UPDATE_GOLDEN=1) away.
"""

from __future__ import annotations

import io
import math
import os
import shutil

import pytest

from mapgen.model import Journeys, Persona, Project, Stage, Step
from mapgen.themes import Theme, load_theme
from tests import support

pytest.importorskip("matplotlib")
Image = pytest.importorskip("PIL.Image")

BASELINE = support.BASELINE / "png"
OUTPUT = support.OUTPUT / "png"
UPDATE = os.environ.get("MAPGEN_UPDATE_GOLDEN") == "1"
DPI = 72  # small files; the layout is the same at any dpi
RMS_TOLERANCE = 3.0  # on 0..255 channels: anti-aliasing may differ across FreeType builds

THEME_TOML = """\
extends = "default"
description = "The default look in DejaVu, which ships with matplotlib, for baseline images."

[fonts]
system_fallback = false

[fonts.heading]
family = "DejaVu Sans"

[fonts.body]
family = "DejaVu Sans"
"""


@pytest.fixture(scope="module")
def theme(tmp_path_factory: pytest.TempPathFactory) -> Theme:
    """Return the default theme set in DejaVu Sans, with no system fonts in the fallback chain."""
    path = tmp_path_factory.mktemp("theme") / "dejavu.toml"
    path.write_text(THEME_TOML, encoding="utf-8")
    return load_theme(str(path))


def _journey(stage_names: list[str], steps_per_stage: int, texts: dict[str, str]) -> Journeys:
    """Return a one-persona journey whose scores swing through the stages."""
    steps = []
    for s, stage in enumerate(stage_names):
        for k in range(steps_per_stage):
            n = s * steps_per_stage + k
            score = None if n == 3 else round(math.sin(n * 0.9) * 0.8, 2)
            steps.append(
                Step(
                    stage=stage,
                    action=f"{texts['action']} {n + 1}",
                    touchpoint=texts["touchpoint"],
                    goal=texts["goal"],
                    emotions=(texts["emotion"],),
                    score=score,
                    score_source="column" if score is not None else None,
                    pain_points=(f"{texts['pain']} {n + 1}",) if n % 2 == 0 else (),
                    opportunities=(f"{texts['idea']} {n + 1}",) if n % 3 == 0 else (),
                    owner=texts["owner"],
                    cell=f"B{n + 5}",
                )
            )
    persona = Persona(
        name=texts["name"],
        sheet=texts["name"][:31],
        profile=(("role", texts["role"]), ("quote", texts["quote"])),
        steps=tuple(steps),
    )
    return Journeys(
        source="baseline.xlsx",
        project=Project(title=texts["title"], client="Northwind", prepared_by="Studio", date="2026-11-23"),
        stages=tuple(Stage(name) for name in stage_names),
        personas=(persona,),
    )


ENGLISH = {
    "title": "Online grocery journeys",
    "name": "Emma Hughes",
    "role": "Nurse on rotating shifts",
    "quote": "I shop at 2 am because that is when I have time.",
    "action": "Compares delivery slots",
    "touchpoint": "Mobile app",
    "goal": "Get the week's food without a trip",
    "emotion": "hopeful",
    "pain": "Slots vanish at checkout",
    "idea": "Hold the slot for ten minutes",
    "owner": "Digital",
}
UNICODE = {
    "title": "Parcours clients · Ελληνικά · Кириллица",
    "name": "Renée Dubois-Ørsted",
    "role": "Mère de deux enfants, Łódź",
    "quote": "« Je veux savoir où en est ma commande. » — Ζωή",
    "action": "Сравнивает цены",
    "touchpoint": "Application · εφαρμογή",
    "goal": "Ne rien oublier ½ → ✓",
    "emotion": "inquiète",
    "pain": "Frais cachés à l'étape ③",
    "idea": "Afficher le total tôt",
    "owner": "Équipe produit",
}

CASES = {
    "small": lambda: _journey(["Discover", "Order"], 1, ENGLISH),
    "wide": lambda: _journey([f"Stage {i + 1}" for i in range(12)], 2, ENGLISH),
    "unicode": lambda: _journey(["Découvrir", "Επιλογή", "Заказ", "Livraison"], 2, UNICODE),
}


def _rms(a: Image.Image, b: Image.Image) -> float:
    """Return the root-mean-square difference of two same-size RGB images, per channel."""
    from PIL import ImageChops, ImageStat

    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    return math.sqrt(sum(v**2 for v in ImageStat.Stat(diff).rms) / 3)


@pytest.mark.parametrize("case", sorted(CASES))
def test_png_matches_its_baseline(case: str, theme: Theme) -> None:
    from mapgen.layout import layout_journey
    from mapgen.renderers.png.painter import paint_png

    journeys = CASES[case]()
    result = layout_journey(journeys, journeys.personas[0], theme, page=theme.png.canvas("slide"))
    data = paint_png(result.scenes[0], theme, dpi=DPI)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"{case}.png").write_bytes(data)
    baseline = BASELINE / f"{case}.png"
    if UPDATE:
        BASELINE.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(OUTPUT / f"{case}.png", baseline)
    assert baseline.is_file(), f"no baseline {baseline}: look at {OUTPUT / case}.png and copy it there"
    now, expected = Image.open(io.BytesIO(data)), Image.open(baseline)
    assert now.size == expected.size, f"{case}: {now.size} px now, {expected.size} px in the baseline"
    rms = _rms(now, expected)
    assert rms <= RMS_TOLERANCE, f"{case} differs from its baseline (RMS {rms:.2f}): see {OUTPUT / case}.png"
