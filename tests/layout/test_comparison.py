"""The comparison on the overview's Scene: straight segments, markers, direct labels, no hidden series."""

from __future__ import annotations

from mapgen.insights.comparison import compare
from mapgen.layout import layout_overview
from mapgen.model import Scale
from mapgen.scene import Polyline, Scene
from mapgen.themes import load_theme
from tests.support.comparisons import assert_legible, journeys, many, persona

THEME = load_theme("default")
SLIDE = (1200.0, 675.0)


def overview(model: object) -> Scene:
    return layout_overview(model, THEME, SLIDE).scenes[0]  # type: ignore[arg-type]


def centre(item: object) -> tuple[float, float]:
    box = getattr(item, "box", None)
    if box is not None:
        return box.x + box.w / 2, box.y + box.h / 2
    points = item.points  # type: ignore[attr-defined]
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def test_each_persona_is_straight_segments_through_a_marker_per_stage_at_its_stage_mean() -> None:
    model = journeys([persona("Ana", [0.2, -0.4, 0.0, 0.6]), persona("Cleo", [0.6, 0.2, -0.8, 0.4])])
    scene = overview(model)
    assert_legible(scene, THEME)
    for series in compare(model).series:
        line = next(c for c in scene.find("curve") if c.tag.persona == series.name)
        assert isinstance(line, Polyline)
        assert len(line.points) == 4  # one point a stage: straight segments, no spline samples
        ys = [y for _x, y in line.points]
        # Higher values lie higher on the page, in proportion.
        top, bottom = ys[series.values.index(max(series.values))], ys[series.values.index(min(series.values))]
        for value, y in zip(series.values, ys, strict=True):
            expected = top + (max(series.values) - value) / (max(series.values) - min(series.values)) * (
                bottom - top
            )
            assert abs(y - expected) < 0.05
        markers = [m for m in scene.find("marker") if m.tag.persona == series.name]
        assert [m.tag.stage for m in markers] == ["Discover", "Choose", "Buy", "Use"]


def test_coinciding_personas_both_stay_visible_with_one_label() -> None:
    model = journeys([persona("Ana", [0.2, -0.4, 0.0, 0.6]), persona("Ben", [0.2, -0.4, 0.0, 0.6])])
    scene = overview(model)
    assert_legible(scene, THEME)
    ana = [m for m in scene.find("marker") if m.tag.persona == "Ana"]
    ben = [m for m in scene.find("marker") if m.tag.persona == "Ben"]
    for a, b in zip(ana, ben, strict=True):
        # Side by side, not on top of each other: each marker's centre lies outside the other.
        assert abs(centre(a)[0] - centre(b)[0]) >= 6
        assert abs(centre(a)[1] - centre(b)[1]) < 0.01
    lines = {c.tag.persona: c for c in scene.find("curve") if isinstance(c, Polyline)}
    assert lines["Ana"].dash != lines["Ben"].dash
    assert [b.source for b in scene.texts() if b.tag.kind == "direct-label"] == ["Ana, Ben"]


def test_direct_labels_sit_at_the_line_ends_and_never_collide() -> None:
    scene = overview(many(8))
    labels = [b for b in scene.texts() if b.tag.kind == "direct-label"]
    assert len(labels) == 8
    ends = [max(c.points) for c in scene.find("curve") if isinstance(c, Polyline)]
    assert all(b.box.x > max(x for x, _y in ends) for b in labels)
    assert_legible(scene, THEME)
    assert not list(scene.find("legend"))


def test_sixty_personas_are_small_multiples_with_the_ranked_stages() -> None:
    model = many(60)
    scene = overview(model)
    assert_legible(scene, THEME)
    titles = [b.source for b in scene.texts() if b.tag.kind == "mini-title"]
    assert titles == [p.name for p in model.personas]
    assert not [b for b in scene.texts() if b.tag.kind == "direct-label"]
    cells = [b.source for b in scene.texts() if b.tag.kind == "hurts-cell"]
    hurts = compare(model).hurts
    assert cells[:5] == ["#", "Stage", "Mean", "Below zero", "Lowest"]
    assert cells[5:7] == ["1", hurts[0].stage]
    # Every mini chart is as legible as a slide's text: no text under the theme's minimum size.
    assert min(b.size for b in scene.texts()) >= THEME.sizes.minimum


def test_sixty_personas_with_a_segment_are_three_group_curves_with_their_counts() -> None:
    scene = overview(many(60, segments=["Families", "Students", "Retirees"]))
    assert_legible(scene, THEME)
    assert len([c for c in scene.find("curve") if isinstance(c, Polyline)]) == 3
    named = sorted(b.source for b in scene.texts() if b.tag.kind == "direct-label")
    assert named == ["Families (20)", "Retirees (20)", "Students (20)"]
    assert THEME.labels.stages_that_hurt in [b.source for b in scene.texts()]


def test_mixed_scales_say_they_are_compared_on_minus_one_to_plus_one() -> None:
    model = journeys(
        [persona("Ana", [0.2, -0.4, 0.0, 0.6]), persona("Ben", [0.6, 0.4, -0.8, 0.0], scale=Scale(1, 5))]
    )
    words = [b.source for b in overview(model).texts() if b.tag.kind == "scale"]
    assert words == [f"{THEME.labels.scales_differ} \u22121 to +1"]
