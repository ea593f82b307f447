"""The one-canvas journey map: exactly its size, one row, readable type, labels that never collide."""

from __future__ import annotations

import itertools
import math

import pytest

from mapgen import text
from mapgen.layout import layout_canvas
from mapgen.layout.labels import Field
from mapgen.model import Journeys, Persona, Project, Stage, Step
from mapgen.scene import Box, Ellipse, Polygon, Polyline, Rect, Scene
from mapgen.themes import Theme, load_theme
from tests.support.models import load_model

THEME = load_theme("default")
SIZES = {
    "slide": THEME.png.canvas("slide"),
    "a4": THEME.png.canvas("a4"),
    "poster": THEME.png.canvas("poster"),
}
WORDS = [
    "compares",
    "the",
    "delivery",
    "slots",
    "on",
    "the",
    "app",
    "before",
    "ordering",
    "the",
    "weekly",
    "shop",
    "again",
]


def journey(
    stages: int,
    steps: int,
    *,
    words: int = 8,
    scores: list[float] | None = None,
    inferred: bool = False,
    stage_names: list[str] | None = None,
) -> Journeys:
    """Return one persona over stages x steps with texts of about `words` words."""
    body = " ".join(itertools.islice(itertools.cycle(WORDS), words))
    names = stage_names or [f"Stage {s + 1}" for s in range(stages)]
    out = []
    for s, name in enumerate(names):
        for k in range(steps):
            n = s * steps + k
            score = scores[n % len(scores)] if scores else round(math.sin(n * 1.3) * 0.9, 2)
            out.append(
                Step(
                    stage=name,
                    action=f"{body} {n}",
                    touchpoint=f"Touchpoint {n}",
                    thoughts=f"I wonder whether {body}",
                    emotions=("disappointed", "overwhelmed") if n % 2 else ("curious",),
                    score=score,
                    score_source="inferred" if inferred and n % 3 == 0 else "column",
                    pain_points=(f"Pain {n}: {body}", f"Another pain {n}", f"A third pain {n}"),
                    opportunities=(f"Idea {n}: {body}",),
                    owner="Digital",
                    cell=f"B{n + 2}",
                )
            )
    persona = Persona(
        "Emma Hughes", "Emma", profile=(("role", "Nurse"), ("quote", "I shop at night.")), steps=tuple(out)
    )
    return Journeys(
        "wide.xlsx", Project(title="Journeys", client="FreshCart"), tuple(Stage(n) for n in names), (persona,)
    )


def floor(size: tuple[float, float]) -> float:
    """Return the least type size allowed on a canvas: 9 pt on a 960 pt slide, scaled by width."""
    return 9.0 * size[0] / 960.0


def assert_readable(scene: Scene, theme: Theme, size: tuple[float, float]) -> None:
    """Check the size, the type's floor, every text inside its box and the canvas, no text overlap."""
    assert (scene.width, scene.height) == size
    least = floor(size)
    blocks = [b for b in scene.texts() if b.lines]
    for block in blocks:
        assert block.size >= least - 1e-6, (block.source, block.size)
        chain = theme.font_chain(block.font, bold=block.bold, italic=block.italic)
        assert block.text_height <= block.box.h + 0.01, block.source
        for line in block.lines:
            assert text.measure(line, chain, block.size) <= block.box.w + 0.01, (line, block.box)
        assert Box(0, 0, scene.width, scene.height).contains(block.box), block.source
    for a, b in itertools.combinations(blocks, 2):
        assert not a.box.overlaps(b.box), (a.source, a.box, b.source, b.box)


def assert_no_broken_words(scene: Scene, language: str) -> None:
    """Check that every line ends between words, at a hyphenation point with a hyphen, or at an ellipsis."""
    for block in scene.texts():
        source_words = set(block.source.replace("\n", " ").split())
        for line in block.lines:
            last = line.split(" ")[-1]
            if not last or last.endswith("…") or last in source_words or line.startswith("+"):
                continue
            if last.endswith("-"):
                # A hyphen the text has, or one at a real hyphenation point of the word it begins.
                word = next((w for w in source_words if w.startswith(last[:-1])), None)
                assert word is not None, (line, block.source)
                assert last[:-1] + "-" in word or len(last) - 1 in text.hyphen_points(
                    word.strip(",.;:"), language
                )
                continue
            assert any(last in w for w in source_words), (line, block.source)


@pytest.mark.parametrize("preset", sorted(SIZES))
@pytest.mark.parametrize("shape", [(4, 3), (2, 1), (6, 3), (10, 3)])
def test_a_journey_is_one_scene_of_exactly_the_preset_with_its_stages_in_one_row(
    preset: str, shape: tuple[int, int]
) -> None:
    size = SIZES[preset]
    journeys = journey(*shape)
    result = layout_canvas(journeys, journeys.personas[0], THEME, size)
    (scene,) = result.scenes
    assert_readable(scene, THEME, size)
    assert_no_broken_words(scene, THEME.language)
    headers = [b for b in scene.texts() if b.tag.kind == "stage-header"]
    assert [b.source for b in headers] == [s.name for s in journeys.stages]
    assert len({round(b.box.y, 2) for b in headers}) == 1, "every stage in one row"
    assert len({b.size for b in headers}) == 1, "one size for every chevron"
    assert [b.box.x for b in headers] == sorted(b.box.x for b in headers)
    curves = sorted((c for c in scene.find("curve") if isinstance(c, Polyline)), key=lambda c: c.points[0][0])
    assert curves and all(a.points[-1] == b.points[0] for a, b in itertools.pairwise(curves)), "one line"
    centres = sorted(m.box.x + m.box.w / 2 for m in scene.find("marker") if isinstance(m, Ellipse))
    assert curves[0].points[0][0] == pytest.approx(centres[0], abs=0.01)
    assert curves[-1].points[-1][0] == pytest.approx(centres[-1], abs=0.01)


def test_the_example_workbook_fits_every_built_in_theme() -> None:
    journeys = load_model("grocery")
    for name in ("default", "agency", "corporate", "high-contrast", "default-de"):
        theme = load_theme(name)
        for persona in journeys.personas:
            (scene,) = layout_canvas(journeys, persona, theme, SIZES["slide"]).scenes
            assert_readable(scene, theme, SIZES["slide"])
            assert_no_broken_words(scene, theme.language)


def emotion_boxes(scene: Scene) -> tuple[list[Box], list[Box], list[Box]]:
    """Return the boxes of the emotion labels, the markers and the moment call-outs."""
    labels = [b.box for b in scene.texts() if b.tag.kind == "emotion-label"]
    markers = [m.box for m in scene.find("marker") if isinstance(m, Ellipse)]
    pills = [r.box for r in scene.find("moment") if isinstance(r, Rect)]
    return labels, markers, pills


@pytest.mark.parametrize(
    "scores",
    [
        [-1.0, 1.0],  # steep: every step swings from the bottom to the top
        [0.0, 0.05, -0.05, 0.1],  # crowded: every marker near the zero line
        [-1.0, -1.0, -0.9, 1.0, 1.0, 0.9],  # plateaus and a cliff
    ],
)
@pytest.mark.parametrize("shape", [(4, 3), (5, 4), (10, 3)])
def test_curve_labels_never_touch_a_label_a_marker_or_the_line(
    scores: list[float], shape: tuple[int, int]
) -> None:
    journeys = journey(*shape, scores=scores)
    result = layout_canvas(journeys, journeys.personas[0], THEME, SIZES["slide"])
    (scene,) = result.scenes
    labels, markers, pills = emotion_boxes(scene)
    lane = next(b for b in scene.texts() if b.tag.kind == "lane-label" and b.tag.lane == "emotions").box
    bar_bottom = max(max(y for _, y in p.points) for p in scene.find("stage") if isinstance(p, Polygon))
    cards_below = [r.box for r in scene.find("card") if isinstance(r, Rect) and r.box.y > lane.y]
    next_lane = min((b.y for b in cards_below), default=scene.height)
    curves = [list(c.points) for c in scene.find("curve") if isinstance(c, Polyline)]
    line = Field(Box(0, 0, scene.width, scene.height), curves, 0.0)
    for box in labels + pills:
        assert box.y >= bar_bottom and box.bottom <= next_lane, box
        assert not line.crosses_curve(box), box
        assert not any(box.overlaps(m) for m in markers), box
    for a, b in itertools.combinations(labels + pills, 2):
        assert not a.overlaps(b), (a, b)
    # What had no room is reported, never drawn over something else.
    shown = {b.tag.step for b in scene.texts() if b.tag.kind == "emotion-label"}
    missing = [i for i, s in enumerate(journeys.personas[0].steps) if i not in shown]
    reported = {p.cell for p in result.problems if "emotion words" in p.message}
    assert all(journeys.personas[0].steps[i].cell in reported for i in missing)


def test_the_moment_that_matters_is_called_out_clear_of_the_rest() -> None:
    journeys = load_model("grocery")
    persona = journeys.personas[0]
    (scene,) = layout_canvas(journeys, persona, THEME, SIZES["slide"]).scenes
    pills = [b for b in scene.texts() if b.tag.kind == "moment"]
    assert pills and pills[0].text == THEME.labels.moment_that_matters


def test_inferred_scores_have_hollow_markers_a_dashed_line_and_a_legend() -> None:
    journeys = journey(4, 3, inferred=True)
    (scene,) = layout_canvas(
        journeys, journeys.personas[0], THEME, SIZES["slide"], scale="Scale: -5 to +5"
    ).scenes
    markers = [m for m in scene.find("marker") if isinstance(m, Ellipse)]
    hollow = {m.tag.step for m in markers if m.fill == THEME.colours.background}
    assert hollow == {i for i in range(12) if i % 3 == 0}
    curves = [c for c in scene.find("curve") if isinstance(c, Polyline)]
    assert any(c.dash for c in curves) and any(not c.dash for c in curves)
    legend = [b.source for b in scene.texts() if b.tag.kind == "legend"]
    assert THEME.labels.inferred_score in legend and "Scale: -5 to +5" in legend


def test_long_journeys_are_summarised_and_every_summary_is_reported() -> None:
    journeys = journey(10, 3, words=30)
    result = layout_canvas(journeys, journeys.personas[0], THEME, SIZES["slide"])
    (scene,) = result.scenes
    messages = [p.message for p in result.problems]
    assert any("a column per stage" in m for m in messages)
    cards = [b for b in scene.texts() if b.tag.kind == "card-text"]
    assert len({b.tag.stage for b in cards}) == 10 and all(b.tag.step is None for b in cards)
    more = [b for b in cards if b.lines and b.lines[-1].startswith("+")]
    assert more, "lists that do not fit end with a count of the rest"
    # One warning per map names what it summarised: in the stage view, by stage.
    (summary,) = [m for m in messages if "the one-page map" in m]
    assert all(block.tag.stage in summary for block in more)
    dropped = [m for m in messages if "leaves out the lanes" in m]
    shown = {b.tag.lane for b in scene.texts() if b.tag.kind == "lane-label"}
    assert dropped and all(p.sheet == "Emma" for p in result.problems)
    assert {"emotions", "actions", "pain_points"} <= shown
    assert all(m.startswith("Emma Hughes") for m in messages)


def test_stage_names_share_one_size_and_hyphenate_in_the_themes_language() -> None:
    german = load_theme("default-de")
    names = [
        "Entdeckung",
        "Kundenzufriedenheitsbefragung",
        "Kauf",
        "Nachbetreuung",
        "Weiterempfehlung",
        "Treue",
    ]
    journeys = journey(6, 2, stage_names=names)
    (scene,) = layout_canvas(journeys, journeys.personas[0], german, SIZES["slide"]).scenes
    headers = [b for b in scene.texts() if b.tag.kind == "stage-header"]
    assert len({b.size for b in headers}) == 1
    long = next(b for b in headers if b.source == "Kundenzufriedenheitsbefragung")
    assert len(long.lines) == 2 and long.lines[0].endswith("-") and not long.truncated
    assert len(long.lines[0]) - 1 in text.hyphen_points("Kundenzufriedenheitsbefragung", "de")
    assert_no_broken_words(scene, "de")
