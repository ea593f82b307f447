"""The emotion curve draws a step's swing as a slope inside its column, and its words stay clear."""

from __future__ import annotations

import itertools

import pytest

from mapgen.layout import layout_canvas
from mapgen.layout.labels import Field
from mapgen.model import Journeys, Persona, Project, Stage, Step
from mapgen.scene import Box, Ellipse, Polyline, Rect, Scene
from mapgen.themes import load_theme

THEME = load_theme("default")
SLIDE = THEME.png.canvas("slide")
# (score_start, score, emotions) per step; a start means the feeling swings within the step.
STEPS = [
    (None, 0.4, ("curious",)),
    (-0.25, 0.5, ("Skeptical → Reassured → Hopeful",)),
    (None, -0.6, ("anxious",)),
    (-0.7, 0.55, ("frustrated → relieved",)),
    (0.8, -0.65, ("happy → disappointed",)),
    (None, 0.6, ("pleased",)),
]


def swinging(steps: list[tuple[float | None, float, tuple[str, ...]]] = STEPS) -> Journeys:
    """Return one persona over two stages whose steps are given as (start, score, emotions)."""
    out = [
        Step(
            stage=f"Stage {1 + i * 2 // len(steps)}",
            action=f"Step {i}",
            emotions=emotions,
            score=score,
            score_start=start,
            score_source="inferred",
            pain_points=(f"Pain {i}",),
            cell=f"B{i + 2}",
        )
        for i, (start, score, emotions) in enumerate(steps)
    ]
    persona = Persona("Emma Hughes", "Emma", steps=tuple(out))
    stages = tuple(Stage(name) for name in dict.fromkeys(s.stage for s in out))
    return Journeys("swing.xlsx", Project(title="Journeys"), stages, (persona,))


def scene_of(journeys: Journeys) -> Scene:
    (scene,) = layout_canvas(journeys, journeys.personas[0], THEME, SLIDE).scenes
    return scene


def centre(box: Box) -> tuple[float, float]:
    return box.x + box.w / 2, box.y + box.h / 2


def on_curve(scene: Scene, point: tuple[float, float]) -> bool:
    points = [p for c in scene.find("curve") if isinstance(c, Polyline) for p in c.points]
    return any(abs(x - point[0]) < 0.05 and abs(y - point[1]) < 0.05 for x, y in points)


def test_a_swing_is_two_points_of_the_curve_inside_its_steps_column() -> None:
    scene = scene_of(swinging())
    for index, (start, score, _) in enumerate(STEPS):
        (card,) = [r.box for r in scene.find("card", step=index, lane="pain_points") if isinstance(r, Rect)]
        markers = [m for m in scene.find("marker", step=index) if isinstance(m, Ellipse)]
        end_x, end_y = centre(markers[0].box)
        assert on_curve(scene, (end_x, end_y)), "the curve passes through the step's marker"
        starts = [m for m in scene.find("swing-start", step=index) if isinstance(m, Ellipse)]
        if start is None:
            assert not starts
            assert end_x == pytest.approx(card.x + card.w / 2, abs=2), "a plain step sits mid-column"
            continue
        (ring,) = starts
        start_x, start_y = centre(ring.box)
        assert on_curve(scene, (start_x, start_y)), "the curve passes through where the swing starts"
        assert card.x < start_x < card.x + card.w / 2 < end_x < card.right, "both inside the column"
        assert (start_y > end_y) == (start < score), "a rise is drawn rising (y grows downwards)"
        assert ring.box.w < markers[0].box.w, "the start's marker is the smaller"


def test_a_single_swinging_step_still_draws_its_slope() -> None:
    scene = scene_of(swinging([(-0.6, 0.55, ("anxious → relieved",))]))
    (line,) = [c for c in scene.find("curve") if isinstance(c, Polyline)]
    assert len(line.points) == 2 and line.points[0][1] > line.points[1][1]


def test_the_words_of_a_swing_stay_clear_of_both_markers_the_line_and_each_other() -> None:
    for steps in (STEPS, STEPS[::-1], STEPS * 2):
        journeys = swinging(list(steps))
        result = layout_canvas(journeys, journeys.personas[0], THEME, SLIDE)
        (scene,) = result.scenes
        labels = [b for b in scene.texts() if b.tag.kind == "emotion-label"]
        kinds = ("marker", "swing-start")
        markers = [m.box for kind in kinds for m in scene.find(kind) if isinstance(m, Ellipse)]
        curves = [list(c.points) for c in scene.find("curve") if isinstance(c, Polyline)]
        line = Field(Box(0, 0, scene.width, scene.height), curves, 0.0)
        for box in (label.box for label in labels):
            assert not line.crosses_curve(box), box
            assert not any(box.overlaps(m) for m in markers), box
        for a, b in itertools.combinations([label.box for label in labels], 2):
            assert not a.overlaps(b), (a, b)
        # Words with no room are reported, never drawn over something else; most find room.
        shown = {label.tag.step for label in labels}
        reported = {p.cell for p in result.problems if "emotion words" in p.message}
        steps_ = journeys.personas[0].steps
        assert all(step.cell in reported for i, step in enumerate(steps_) if i not in shown)
        assert len(shown) >= len(steps_) * 3 // 4
