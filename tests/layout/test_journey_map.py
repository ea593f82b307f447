"""The journey map layout, with no painter: what is where, that it fits, and that nothing is lost."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from mapgen import text
from mapgen.layout import layout_journey, layout_overview
from mapgen.layout.lanes import lanes_for
from mapgen.model import Journeys, Persona, Project, Stage, Step
from mapgen.scene import Ellipse, Polygon, Polyline, Rect, Scene, TextBlock
from mapgen.themes import Theme, load_theme
from tests.support.models import load_model

THEME = load_theme("default")
SLIDE = (960.0, 540.0)
FILLER = "compares the delivery slots on the app before ordering the weekly shop again"


def journey(stages: int, steps: int, *, words: int = 6, scores: list[float | None] | None = None) -> Journeys:
    """Return one persona over stages x steps, with texts of about `words` words."""
    filler = FILLER.split(" ")
    body = " ".join(itertools.islice(itertools.cycle(filler), words))
    out = []
    for s in range(stages):
        for k in range(steps):
            n = s * steps + k
            score = scores[n] if scores is not None else round(((n * 7) % 11) / 5 - 1, 2)
            out.append(
                Step(
                    stage=f"Stage {s + 1}",
                    action=f"{body} {n}",
                    touchpoint=f"Touchpoint {n}",
                    goal=f"Goal {n}: {body}",
                    emotions=(f"feeling{n}",),
                    score=score,
                    pain_points=(f"Pain {n}: {body}",),
                    opportunities=(f"Idea {n}",) if n % 2 else (),
                    owner="Digital",
                    cell=f"B{n + 2}",
                )
            )
    persona = Persona(
        "Emma Hughes", "Emma", profile=(("role", "Nurse"), ("quote", "I shop at night.")), steps=tuple(out)
    )
    return Journeys(
        "wide.xlsx",
        Project(title="Journeys", client="FreshCart"),
        tuple(Stage(f"Stage {i + 1}") for i in range(stages)),
        (persona,),
    )


def texts(scenes: tuple[Scene, ...]) -> list[TextBlock]:
    return [block for scene in scenes for block in scene.texts()]


def assert_fits(scene: Scene, theme: Theme) -> None:
    """Check every text block: lines within its box's width and height, inside the page."""
    for block in scene.texts():
        chain = theme.font_chain(block.font, bold=block.bold, italic=block.italic)
        assert block.text_height <= block.box.h + 0.01, (block.source, block.text_height, block.box)
        for line in block.lines:
            assert text.measure(line, chain, block.size) <= block.box.w + 0.01, (line, block.box)
        assert block.box.x >= 0 and block.box.right <= scene.width + 0.01, block.source
        assert block.box.y >= 0 and block.box.bottom <= scene.height + 0.01, block.source


def assert_no_overlap(scene: Scene) -> None:
    """Check that no two text blocks share any area."""
    blocks = [b for b in scene.texts() if b.lines]
    for a, b in itertools.combinations(blocks, 2):
        assert not a.box.overlaps(b.box), (a.source, a.box, b.source, b.box)


@pytest.mark.parametrize("paginate", [False, True])
@pytest.mark.parametrize("name", ["grocery", "sensors"])
def test_text_fits_its_box_and_no_two_boxes_overlap(name: str, paginate: bool) -> None:
    journeys = load_model(name)
    for persona in journeys.personas:
        result = layout_journey(journeys, persona, THEME, page=SLIDE, paginate=paginate)
        for scene in result.scenes:
            assert_fits(scene, THEME)
            assert_no_overlap(scene)


@pytest.mark.parametrize("paginate", [False, True])
def test_every_step_text_is_in_the_scene_or_reported_cut(paginate: bool) -> None:
    journeys = load_model("grocery")
    for persona in journeys.personas:
        result = layout_journey(journeys, persona, THEME, page=SLIDE, paginate=paginate)
        cut_cells = {p.cell for p in result.problems}
        cards = {(b.tag.step, b.tag.lane): b for b in texts(result.scenes) if b.tag.kind == "card-text"}
        for lane in lanes_for(persona, THEME):
            for index, step in enumerate(persona.steps):
                wanted = lane.text(step)
                if not wanted:
                    continue
                block = cards.get((index, lane.id))
                assert block is not None, (persona.name, lane.id, wanted)
                assert block.tag.stage == step.stage and block.tag.persona == persona.name
                assert block.source == wanted
                joined = " ".join(block.text.split())
                assert joined == " ".join(wanted.split()) or (block.truncated and step.cell in cut_cells)


def test_stage_headers_run_in_journey_order_in_the_palette() -> None:
    journeys = load_model("grocery")
    persona = journeys.personas[0]
    scene = layout_journey(journeys, persona, THEME, page=SLIDE).scenes[0]
    headers = [b for b in scene.texts() if b.tag.kind == "stage-header"]
    assert [b.source for b in headers] == [s.name for s in journeys.stages]
    shapes = [s for s in scene.items if s.tag.kind == "stage"]
    assert [s.fill for s in shapes if isinstance(s, Polygon | Rect)] == [
        THEME.colours.stage_colour(i) for i in range(len(journeys.stages))
    ]
    xs = [b.box.x for b in headers]
    assert xs == sorted(xs)


def test_columns_are_sized_by_the_steps_of_each_stage() -> None:
    steps = [Step(stage="A", action=f"a{i}") for i in range(3)] + [Step(stage="B", action="b")]
    # The persona's sheet names C, without a step in it.
    persona = Persona("P", "P", steps=tuple(steps), stages=("A", "B", "C"))
    journeys = Journeys("x.xlsx", Project(), (Stage("A"), Stage("B"), Stage("C")), (persona,))
    scene = layout_journey(journeys, persona, THEME, page=SLIDE).scenes[0]
    widths = {
        s.tag.stage: max(x for x, _ in s.points) - min(x for x, _ in s.points)
        for s in scene.find("stage")
        if isinstance(s, Polygon)
    }
    assert widths["A"] == pytest.approx(3 * widths["B"], rel=0.05)
    # A stage without steps keeps a narrow column: the journey is never shorter than its stages.
    assert 0 < widths["C"] < widths["B"]


def test_a_step_without_a_score_breaks_the_curve_instead_of_dropping_to_zero() -> None:
    journeys = journey(2, 3, scores=[0.5, -0.5, None, 0.2, 0.8, -0.2])
    persona = journeys.personas[0]
    scene = layout_journey(journeys, persona, THEME, page=SLIDE).scenes[0]
    curves = [c for c in scene.find("curve") if isinstance(c, Polyline)]
    assert len(curves) == 2
    markers = {m.tag.step for m in scene.find("marker")}
    assert markers == {0, 1, 3, 4, 5}
    # The gap really is a gap: no curve point lies over the unscored step's column.
    unscored = next(b for b in scene.texts() if b.tag.kind == "card-text" and b.tag.step == 2)
    for curve in curves:
        assert all(not (unscored.box.x < x < unscored.box.right) for x, _ in curve.points)


def test_the_lowest_point_is_called_out() -> None:
    journeys = load_model("grocery")
    persona = journeys.personas[0]
    lowest = min(range(len(persona.steps)), key=lambda i: persona.steps[i].score or 0)
    scene = layout_journey(journeys, persona, THEME, page=SLIDE).scenes[0]
    moments = [b for b in scene.texts() if b.tag.kind == "moment"]
    assert [b.tag.step for b in moments] == [lowest]
    assert moments[0].text == THEME.labels.moment_that_matters


@pytest.mark.parametrize(("stages", "steps"), [(2, 1), (6, 3), (12, 6)])
def test_journeys_of_2_to_12_stages_keep_text_at_or_above_the_minimum(stages: int, steps: int) -> None:
    journeys = journey(stages, steps)
    persona = journeys.personas[0]
    for paginate in (False, True):
        result = layout_journey(journeys, persona, THEME, page=SLIDE, paginate=paginate)
        for block in texts(result.scenes):
            assert block.size >= THEME.sizes.minimum, (block.source, block.size)
        for scene in result.scenes:
            assert_fits(scene, THEME)
            assert_no_overlap(scene)
        assert not [p for p in result.problems if "cut" in p.message]


def test_a_wide_journey_wraps_into_bands_or_continues_on_further_pages() -> None:
    journeys = journey(12, 6)
    persona = journeys.personas[0]
    tall = layout_journey(journeys, persona, THEME, page=SLIDE).scenes
    assert len(tall) == 1 and tall[0].height > SLIDE[1]
    headers = [b for b in tall[0].texts() if b.tag.kind == "stage-header"]
    assert len({round(b.box.y) for b in headers}) > 1, "the stages wrap onto a second band"
    pages = layout_journey(journeys, persona, THEME, page=SLIDE, paginate=True).scenes
    assert len(pages) > 1
    assert all((s.width, s.height) == SLIDE for s in pages)
    assert all(THEME.labels.continued in s.title for s in pages[1:])
    assert THEME.labels.continued not in pages[0].title
    shown = {
        b.tag.step for s in pages for b in s.texts() if b.tag.kind == "card-text" and b.tag.lane == "actions"
    }
    assert shown == set(range(len(persona.steps)))


def test_long_text_is_cut_with_an_ellipsis_and_reported_on_a_page() -> None:
    journeys = journey(6, 3, words=400)
    persona = journeys.personas[0]
    result = layout_journey(journeys, persona, THEME, page=SLIDE, paginate=True)
    cut = [b for b in texts(result.scenes) if b.truncated]
    assert cut and all(b.lines[-1].endswith("…") for b in cut)
    messages = [p for p in result.problems if "cut" in p.message]
    assert messages and all(p.sheet == "Emma" and p.file == "wide.xlsx" and p.cell for p in messages)
    assert any("'Stage 1'" in p.message for p in messages)
    # Without pages, the map grows instead of cutting.
    grown = layout_journey(journeys, persona, THEME, page=SLIDE)
    assert not [b for b in texts(grown.scenes) if b.truncated and b.tag.kind == "card-text"]


def test_the_header_shows_the_persona_and_the_footer_the_project() -> None:
    journeys = load_model("grocery")
    persona = journeys.personas[0]
    scene = layout_journey(journeys, persona, THEME, page=SLIDE).scenes[0]
    kinds = {b.tag.kind: b for b in scene.texts()}
    assert kinds["title"].source == persona.name
    assert kinds["quote"].source.strip("“”") in str(persona.get("quote"))
    assert next(scene.find("photo"), None) or next(scene.find("avatar"), None)
    assert journeys.project.client and journeys.project.client in kinds["footer"].source
    assert persona.name in scene.description and journeys.stages[0].name in scene.description


def test_without_a_footer_the_map_keeps_the_room_for_its_lanes() -> None:
    journeys = load_model("grocery")
    persona = journeys.personas[0]
    with_footer = layout_journey(journeys, persona, THEME, page=SLIDE, paginate=True).scenes[0]
    bare = layout_journey(journeys, persona, THEME, page=SLIDE, paginate=True, footer=False).scenes[0]
    assert next(with_footer.find("footer"), None) is not None
    assert next(bare.find("footer"), None) is None
    lowest = lambda scene: max(b.box.bottom for b in scene.texts() if b.tag.kind != "footer")  # noqa: E731
    assert lowest(bare) > lowest(with_footer), "the lanes take the footer's room"
    assert_fits(bare, THEME)
    assert_no_overlap(bare)


def test_an_avatar_takes_the_colour_of_the_personas_place_among_all() -> None:
    journeys = journey(2, 1)
    (persona,) = journeys.personas

    def avatar_fill(**index: int) -> str | None:
        scene = layout_journey(journeys, persona, THEME, page=SLIDE, **index).scenes[0]
        return next(
            item.fill for item in scene.items if isinstance(item, Ellipse) and item.tag.kind == "avatar"
        )

    colours = THEME.colours
    assert avatar_fill() == colours.stage_colour(0), "alone in its model, it is the first"
    assert avatar_fill(index=3) == colours.stage_colour(3) != colours.stage_colour(0)


def test_lanes_follow_the_theme_order_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "friction.toml"
    path.write_text(
        'extends = "default"\n[lanes]\nshow = ["pain_points", "emotions", "actions"]\n'
        '[lanes.labels]\npain_points = "Friction"\n',
        "utf-8",
    )
    theme = load_theme(path)
    journeys = load_model("grocery")
    scene = layout_journey(journeys, journeys.personas[0], theme, page=SLIDE).scenes[0]
    labels = [b.source for b in scene.texts() if b.tag.kind == "lane-label"]
    assert labels == ["Friction", theme.lanes.label("emotions"), theme.lanes.label("actions")]


def test_the_overview_has_a_curve_per_persona_and_counts_pain_points() -> None:
    journeys = load_model("grocery")
    result = layout_overview(journeys, THEME, page=SLIDE)
    scene = result.scenes[0]
    assert_fits(scene, THEME)
    assert_no_overlap(scene)
    curves = {c.tag.persona: c for c in scene.find("curve") if isinstance(c, Polyline)}
    assert set(curves) == {p.name for p in journeys.personas}
    assert [c.color for c in curves.values()] == [THEME.colours.series_colour(i) for i in range(len(curves))]
    # Each curve is named once, by a direct label at its end, instead of a legend.
    named = sorted(b.source for b in scene.texts() if b.tag.kind == "direct-label")
    assert named == sorted(p.name for p in journeys.personas)
    for persona in journeys.personas:
        for stage in journeys.stages:
            count = sum(len(s.pain_points) for s in persona.steps_in(stage.name))
            cell = next(
                b
                for b in scene.texts()
                if b.tag.kind == "matrix-cell" and b.tag.persona == persona.name and b.tag.stage == stage.name
            )
            assert cell.text.split(" ")[0] == (str(count) if count else "–")


def test_the_same_input_gives_the_same_scene() -> None:
    journeys = load_model("sensors")
    persona = journeys.personas[1]
    assert layout_journey(journeys, persona, THEME, page=SLIDE) == layout_journey(
        journeys, persona, THEME, page=SLIDE
    )
