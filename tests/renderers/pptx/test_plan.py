"""The deck plan, decided before python-pptx is touched: slides, titles, notes, alt texts, fitting."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pytest

from mapgen import colors, text
from mapgen.model import Journeys, Persona, Problem, Project, Stage, Step
from mapgen.renderers.pptx.deck import (
    DeckPlan,
    Frame,
    LineChart,
    Paragraph,
    SlidePlan,
    Table,
    TextFrame,
    default_frame,
)
from mapgen.renderers.pptx.plan.common import slide_gap
from mapgen.renderers.pptx.plan.fit import fit_list
from mapgen.renderers.pptx.plan.look import deck_theme
from mapgen.renderers.pptx.plan.parts import plan_deck
from mapgen.renderers.pptx.plan.tabular import severity, stage_means
from mapgen.scene import Box, Picture, Rect, Scene, Tag, TextBlock
from mapgen.themes import Theme, load_theme
from tests.support.models import load_model

THEME = load_theme("default")


@dataclass(frozen=True)
class _Result:
    scenes: tuple[Scene, ...]
    problems: tuple[Problem, ...]


def scenes_by_hand(parts: int = 1):  # type: ignore[no-untyped-def]
    """Return a journey layout building `parts` page-sized scenes by hand: a title, a text per step."""

    def layout(
        journeys: Journeys, persona: Persona, theme: Theme, page: tuple[float, float], index: int = 0
    ) -> _Result:
        width, height = page
        scenes = []
        for part in range(parts):
            title = f"{theme.labels.journey_map}: {persona.name}" + (
                f" ({theme.labels.continued})" if part else ""
            )
            items: list[object] = [
                TextBlock(
                    Box(20, 10, width - 40, 30),
                    (title,),
                    20,
                    theme.colours.text,
                    font="heading",
                    source=title,
                    tag=Tag("title", persona=persona.name),
                ),
                Rect(Box(0, height - 10, width, 10), fill=theme.colours.primary, tag=Tag("band")),
            ]
            for k, step in enumerate(persona.steps):
                items.append(
                    TextBlock(
                        Box(20 + k * 10, 60, 8, 9),
                        ("x",),
                        7,
                        theme.colours.text,
                        source=step.action or "",
                        tag=Tag("card", persona=persona.name, stage=step.stage, lane="actions", step=k),
                    )
                )
            scenes.append(Scene(width, height, theme.colours.background, tuple(items), title=title))  # type: ignore[arg-type]
        return _Result(tuple(scenes), (Problem("warning", "a text was cut", sheet=persona.sheet),))

    return layout


@pytest.fixture(scope="module")
def grocery_plan() -> DeckPlan:
    return plan_deck(load_model("grocery"), THEME, layout_journey=scenes_by_hand())


def _chain(theme: Theme, font: str, bold: bool | None, italic: bool) -> text.FontChain:
    return theme.font_chain(font, bold=bold, italic=italic)  # type: ignore[arg-type]


def overflows(slide: SlidePlan, theme: Theme) -> list[str]:
    """Return a description of every text of the slide wider or taller than its box."""
    theme = deck_theme(theme)  # the deck measures in the families it names, at 9 pt or more
    bad = []

    def check(label: str, paragraphs: tuple[Paragraph, ...], box_w: float, box_h: float) -> None:
        height = 0.0
        for k, p in enumerate(paragraphs):
            chain = _chain(theme, p.font, p.bold, p.italic)
            height += (p.space_before if k else 0.0) + len(p.lines) * p.size * p.line_height
            for line in p.lines:
                width = text.measure(line, chain, p.size) + p.indent
                if width > box_w + 0.01:
                    bad.append(f"{slide.title}: {label}: {line!r} is {width:.1f} pt wide in {box_w:.1f}")
        if height > box_h + 0.01:
            bad.append(f"{slide.title}: {label}: {height:.1f} pt high in {box_h:.1f}")

    blocks = [slide.title_block] + ([slide.subtitle_block] if slide.subtitle_block else [])
    for item in (*blocks, *slide.items):
        if isinstance(item, TextBlock):
            p = Paragraph(
                item.lines,
                item.size,
                item.color,
                item.font,
                item.bold,
                item.italic,
                line_height=item.line_height,
            )
            check(item.tag.kind, (p,), item.box.w, item.box.h)
        elif isinstance(item, TextFrame):
            check(item.tag.kind, item.paragraphs, item.box.w, item.box.h)
        elif isinstance(item, Table):
            for r, row in enumerate(item.rows):
                for k, cell in enumerate(row):
                    check(
                        f"cell {r},{k}",
                        cell.paragraphs,
                        item.widths[k] - 2 * item.margin_x,
                        item.heights[r] - 2 * item.margin_y,
                    )
    return bad


def test_slides_come_in_the_deck_order(grocery_plan: DeckPlan) -> None:
    kinds = [s.kind for s in grocery_plan.slides]
    # Per persona: the profile, the whole journey, the curve, a slide per stage, what to do.
    personas = load_model("grocery").personas
    stages = [len({step.stage for step in p.steps}) for p in personas]
    per_persona = [["profile", "journey", "emotion", *["stage"] * n, "pain_table"] for n in stages]
    flat = [kind for kinds_of in per_persona for kind in kinds_of]
    plan_slides = kinds[len(flat) + 6 :]
    assert plan_slides and set(plan_slides) == {"action_plan"}
    assert kinds == [
        "title",
        "findings",
        "top_moves",
        "agenda",
        *flat,
        "overview_chart",
        "matrix",
        *plan_slides,
    ]
    assert grocery_plan.titles[:5] == (
        "Online grocery journeys",
        "Key findings",
        "Top moves",
        "Agenda",
        "Profile: Renée Dubois",
    )
    assert grocery_plan.titles[-len(plan_slides) - 2 :][:3] == (
        "Emotion curve: All personas",
        "Pain points by stage",
        "Action plan",
    )
    assert [s.persona for s in grocery_plan.slides if s.kind == "profile"] == [
        "Renée Dubois",
        "Tom Becker",
        "Margit Nagy",
    ]


def test_stages_are_bands_under_their_steps_in_the_stage_colours(grocery_plan: DeckPlan) -> None:
    slide = next(s for s in grocery_plan.slides if s.kind == "emotion" and s.persona == "Renée Dubois")
    chart = slide.items[0]
    assert isinstance(chart, LineChart) and chart.plot is not None
    bands = [i for i in slide.items if isinstance(i, Rect) and i.tag.kind == "stage"]
    assert [b.tag.stage for b in bands] == ["Awareness", "Consideration", "Purchase", "Retention"]
    assert [b.fill for b in bands] == [THEME.colours.stage_colour(i) for i in range(4)]
    step = chart.plot.w / len(chart.categories)
    # Purchase has two steps: its band spans two categories of the fixed plot area.
    assert bands[2].box.w == pytest.approx(2 * step, abs=4.5)
    assert bands[2].box.x == pytest.approx(chart.plot.x + 2 * step, abs=2.5)
    assert all(b.box.y >= chart.box.bottom for b in bands)


def test_every_content_slide_has_notes_about_what_it_shows(grocery_plan: DeckPlan) -> None:
    for slide in grocery_plan.slides:
        assert len(slide.notes.split()) >= 12, slide.title
        if slide.persona:
            assert slide.persona in slide.notes, slide.title
    emotion = next(s for s in grocery_plan.slides if s.kind == "emotion")
    assert "Builds a basket and books a slot" in emotion.notes  # the lowest point, named


def test_every_picture_and_chart_has_alt_text(grocery_plan: DeckPlan) -> None:
    alts = [alt for s in grocery_plan.slides for alt in s.alt_texts]
    charts = [i for s in grocery_plan.slides for i in s.items if isinstance(i, LineChart)]
    pictures = [i for s in grocery_plan.slides for i in s.items if isinstance(i, Picture)]
    assert len(alts) == len(charts) + len(pictures) >= 5
    assert all(len(alt) > 10 for alt in alts)


@pytest.mark.parametrize("theme_name", ["default", "agency", "corporate", "high-contrast", "default-de"])
@pytest.mark.parametrize("model", ["grocery", "sensors"])
def test_no_text_is_wider_or_higher_than_its_box(theme_name: str, model: str) -> None:
    theme = load_theme(theme_name)
    plan = plan_deck(load_model(model), theme, layout_journey=scenes_by_hand())
    bad = [problem for slide in plan.slides for problem in overflows(slide, theme)]
    assert bad == []


def test_no_text_overflows_on_a_four_by_three_slide(tmp_path: Path) -> None:
    path = tmp_path / "narrow.toml"
    path.write_text('name = "narrow"\nextends = "corporate"\n[slide]\nsize = "4:3"\n', "utf-8")
    theme = load_theme(path)
    plan = plan_deck(load_model("sensors"), theme, layout_journey=scenes_by_hand())
    assert (plan.width, plan.height) == (720, 540)
    assert [p for s in plan.slides for p in overflows(s, theme)] == []
    for slide in plan.slides:
        for item in slide.items:
            box = getattr(item, "box", None)
            if box is not None:
                assert box.right <= 720 + 0.01, (slide.title, item)


def test_emotion_chart_keeps_gaps_and_empty_stages(grocery_plan: DeckPlan) -> None:
    charts = {s.persona: s.items[0] for s in grocery_plan.slides if s.kind == "emotion"}
    tom, margit, renee = charts["Tom Becker"], charts["Margit Nagy"], charts["Renée Dubois"]
    assert isinstance(tom, LineChart) and isinstance(margit, LineChart) and isinstance(renee, LineChart)
    # A step without a score is a gap, never a zero.
    assert tom.series[0].values == (0.7, -0.4, None, 0.0)
    # Margit's journey ends at Purchase: Retention is not hers, so her axis ends there too.
    assert margit.series[0].values == (0.3, 0.5, -0.9)
    assert "–" not in margit.categories
    assert len(renee.categories) == 5
    # The lowest point is called out; its emotion words are its label.
    assert renee.series[0].emphasis == (2,)
    assert renee.series[0].labels[2] == "frustrated"
    assert renee.series[0].color == THEME.colours.primary
    assert renee.series[0].marker_colors[2] == THEME.colours.emotion_colour(-0.8)


def test_long_pain_table_continues_with_its_header(tmp_path: Path) -> None:
    steps = tuple(
        Step(
            stage=("Awareness", "Purchase")[k % 2],
            action=f"Step number {k}",
            pain_points=(f"Pain point {k}: the form loses everything typed so far after a timeout",),
            opportunities=(f"Idea {k}: save drafts",),
            owner="Digital",
            cell=f"B{k + 5}",
        )
        for k in range(40)
    )
    journeys = Journeys(
        "long.xlsx",
        Project(title="Long"),
        (Stage("Awareness"), Stage("Purchase")),
        (Persona("Ana", "Ana", steps=steps),),
    )
    plan = plan_deck(journeys, THEME, layout_journey=scenes_by_hand())
    tables = [s for s in plan.slides if s.kind == "pain_table"]
    assert len(tables) >= 3
    assert tables[0].title == "Pain points & Opportunities: Ana"
    assert all(s.title == "Pain points & Opportunities: Ana (continued)" for s in tables[1:])
    body = default_frame(THEME).body
    seen: list[str] = []
    for slide in tables:
        (table,) = slide.items[:1]
        assert isinstance(table, Table)
        assert [c.text for c in table.rows[0]] == ["Stage", "Pain points", "Opportunities", "Owner"]
        assert table.box.h <= body.h + 0.01
        assert sum(table.heights) == pytest.approx(table.box.h, abs=0.05)
        seen += [row[1].text for row in table.rows[1:]]
        # Explicit, measured sizes: never python-pptx's 18 pt default.
        sizes = {p.size for row in table.rows for cell in row for p in cell.paragraphs}
        assert max(sizes) <= THEME.sizes.size("h3")
    # In journey order: by stage, then by step.
    assert seen == [
        s.pain_points[0] for stage in ("Awareness", "Purchase") for s in steps if s.stage == stage
    ]


def test_comparison_series_are_stage_means_in_theme_colours(grocery_plan: DeckPlan) -> None:
    journeys = load_model("grocery")
    chart = next(s for s in grocery_plan.slides if s.kind == "overview_chart").items[0]
    assert isinstance(chart, LineChart)
    # Margit has no Retention: the personas are compared on the three stages all of them have.
    assert chart.categories == ("Awareness", "Consideration", "Purchase")
    assert [s.name for s in chart.series] == [p.name for p in journeys.personas]
    assert [s.color for s in chart.series] == [THEME.colours.series_colour(i) for i in range(3)]
    assert stage_means(journeys, journeys.personas[0]) == (0.4, -0.3, -0.3, -0.5)
    assert chart.series[0].values == stage_means(journeys, journeys.personas[0], chart.categories)
    assert chart.series[0].values == (0.4, -0.3, -0.3)
    # Named at the line ends, as on the PNG, instead of a legend.
    assert not chart.legend
    slide = next(s for s in grocery_plan.slides if s.kind == "overview_chart")
    named = sorted(b.source for b in slide.items if isinstance(b, TextBlock) and b.tag.kind == "direct-label")
    assert named == sorted(p.name for p in journeys.personas)


def test_matrix_is_shaded_by_severity_with_readable_text(grocery_plan: DeckPlan) -> None:
    slide = next(s for s in grocery_plan.slides if s.kind == "matrix")
    table = slide.items[0]
    assert isinstance(table, Table)
    assert [c.text for c in table.rows[0]] == [
        "Persona",
        "Awareness",
        "Consideration",
        "Purchase",
        "Retention",
    ]
    renee = table.rows[1]
    assert renee[3].text == "2\n−0.8"  # two pain points in Purchase, worst score -0.8
    assert table.rows[3][4].text == "–"  # Margit has no step in Retention
    # Worse cells are darker; every cell's text reads on its fill.
    assert colors.relative_luminance(renee[3].fill or "") < colors.relative_luminance(renee[2].fill or "")
    for row in table.rows[1:]:
        for cell in row:
            for p in cell.paragraphs:
                assert colors.contrast_ratio(p.color, cell.fill or THEME.colours.background) >= 4.5


def test_severity_grows_with_pain_points_and_low_scores() -> None:
    assert severity(0, None, 3) == 0.0
    assert severity(0, 0.5, 3) == 0.0
    assert 0 < severity(1, 0.2, 3) < severity(3, 0.2, 3) < severity(3, -0.9, 3) <= 1.0


def test_journey_scenes_become_slides_and_continue() -> None:
    plan = plan_deck(load_model("grocery"), THEME, layout_journey=scenes_by_hand(parts=2))
    journey = [s for s in plan.slides if s.kind == "journey" and s.persona == "Tom Becker"]
    assert [s.title for s in journey] == ["Journey map: Tom Becker", "Journey map: Tom Becker (continued)"]
    # Built-in look: the scene fills the slide and its own title goes into the title placeholder.
    assert journey[0].title_block.tag.kind == "title"
    assert all(not (isinstance(i, TextBlock) and i.tag.kind == "title") for i in journey[0].items)
    assert sum(1 for p in plan.problems if p.message == "a text was cut") == 3 * 1


def test_on_a_template_the_scene_is_laid_out_in_the_body_placeholder() -> None:
    frame = dataclasses.replace(default_frame(THEME), body=Box(50, 120, 860, 360), footer=None, template=True)
    pages: list[tuple[float, float]] = []
    layout = scenes_by_hand()

    def spy(
        journeys: Journeys, persona: Persona, theme: Theme, page: tuple[float, float], index: int
    ) -> _Result:
        pages.append(page)
        return layout(journeys, persona, theme, page, index)

    plan = plan_deck(load_model("grocery"), THEME, frame=frame, layout_journey=spy)
    # The whole journey takes the body's width and every point down to the slide's foot.
    assert set(pages) == {(860, 540 - 120 - slide_gap(frame))}
    slide = next(s for s in plan.slides if s.kind == "journey")
    band = next(i for i in slide.items if isinstance(i, Rect) and i.tag.kind == "band")
    assert band.box == Box(50, 120 + pages[0][1] - 10, 860, 10)
    # The template brings its own background and footers: no built-in decoration.
    assert plan.background is None
    decoration = ("footer", "page-number", "title-rule")
    assert not [i for s in plan.slides for i in s.items if getattr(i, "tag", Tag("")).kind in decoration]


def test_one_persona_has_no_comparison_slides() -> None:
    journeys = load_model("grocery")
    one = dataclasses.replace(journeys, personas=journeys.personas[:1])
    kinds = [s.kind for s in plan_deck(one, THEME, layout_journey=scenes_by_hand()).slides]
    assert "overview_chart" not in kinds and "matrix" not in kinds
    assert kinds[-1] == "action_plan"


def test_many_personas_split_the_agenda_and_the_comparison() -> None:
    journeys = load_model("grocery")
    many = tuple(
        dataclasses.replace(journeys.personas[i % 3], name=f"Persona {i + 1:02d}", sheet=f"P{i}")
        for i in range(60)
    )
    plan = plan_deck(dataclasses.replace(journeys, personas=many), THEME, layout_journey=scenes_by_hand())
    agenda = [s for s in plan.slides if s.kind == "agenda"]
    assert len(agenda) >= 2 and agenda[1].title == "Agenda (continued)"
    # Sixty personas, no segment field: small multiples, a mini chart each, a dozen a slide.
    compared = [s for s in plan.slides if s.kind == "overview_chart"]
    charts = [i for s in compared for i in s.items if isinstance(i, LineChart)]
    assert [c.name for c in charts] == [p.name for p in many]
    assert all(len(c.series) == 1 for c in charts)
    assert max(sum(isinstance(i, LineChart) for i in s.items) for s in compared) == 12
    matrix_rows = sum(len(s.items[0].rows) - 1 for s in plan.slides if s.kind == "matrix")  # type: ignore[union-attr]
    assert matrix_rows == 60
    assert [p for s in plan.slides for p in overflows(s, THEME)] == []


def test_footer_and_page_numbers_on_content_slides(grocery_plan: DeckPlan) -> None:
    total = len(grocery_plan.slides)
    for number, slide in enumerate(grocery_plan.slides, start=1):
        pages = [i for i in slide.items if isinstance(i, TextBlock) and i.tag.kind == "page-number"]
        if slide.kind in ("title", "journey"):
            assert not pages
        else:
            assert [p.text for p in pages] == [f"Page {number} of {total}"]
    assert grocery_plan.footer == "FreshCart · Online grocery journeys · Internal"


def test_fit_list_shrinks_then_cuts_with_an_ellipsis() -> None:
    items = ["A first point that is fairly long", "A second point", "A third point that also takes room"]
    roomy = fit_list(items, THEME, 300, 200, size=10, min_size=7, color="#000000")
    assert roomy.size == 10 and not roomy.truncated
    assert [p.bullet for p in roomy.paragraphs] == ["•", "•", "•"]
    tight = fit_list(items, THEME, 100, 30, size=10, min_size=7, color="#000000")
    assert tight.size == 7 and tight.truncated
    assert tight.height <= 30
    assert tight.paragraphs[-1].lines[-1].endswith("…")
    single = fit_list(["Only one"], THEME, 300, 50, size=10, min_size=7, color="#000000")
    assert single.paragraphs[0].bullet is None


def test_frames_follow_the_slide_size() -> None:
    frame = default_frame(THEME, 720, 540)
    assert isinstance(frame, Frame)
    assert frame.body.right <= 720 and frame.title.right <= 720
    assert frame.footer is not None and frame.footer.bottom <= 540
    assert frame.body.bottom <= frame.footer.y


def test_an_empty_workbook_still_makes_a_deck() -> None:
    journeys = Journeys("empty.xlsx", Project(), (Stage("Awareness"),), (Persona("Solo", "Solo"),))
    plan = plan_deck(journeys, THEME, layout_journey=scenes_by_hand())
    # No scores, no pain points, no ideas: no chart, no table and no empty closing slide.
    assert [s.kind for s in plan.slides] == ["title", "agenda", "profile", "journey"]
    assert plan.title == THEME.labels.default_title  # never the file name
    assert [p for s in plan.slides for p in overflows(s, THEME)] == []


def test_a_title_too_long_for_the_slide_is_cut_and_reported() -> None:
    journeys = load_model("grocery")
    name = "Renée " + " ".join(["Dubois-Lefèvre-Montmorency"] * 8)
    persona = dataclasses.replace(journeys.personas[0], name=name)
    plan = plan_deck(
        dataclasses.replace(journeys, personas=(persona,)), THEME, layout_journey=scenes_by_hand()
    )
    profile = next(s for s in plan.slides if s.kind == "profile")
    assert profile.title_block.truncated and profile.title_block.lines[-1].endswith("…")
    assert len(profile.title_block.lines) == 2
    assert any("too long" in p.message for p in plan.problems)
