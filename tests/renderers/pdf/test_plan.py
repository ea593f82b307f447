"""The report plan and its findings, checked as data: no PDF library involved."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest

from mapgen import colors
from mapgen.insights.comparison import compare
from mapgen.model import Journeys, Persona, Problem, Stage, Step
from mapgen.renderers.parts import part_scope
from mapgen.renderers.pdf.plan import findings as summary
from mapgen.renderers.pdf.plan.document import part_specs, plan_part, plan_report
from mapgen.renderers.pdf.plan.figures import avatar_scene, chart_scene, cover_scene
from mapgen.renderers.pdf.plan.front import report_language
from mapgen.renderers.pdf.report import (
    Contents,
    Drawing,
    Figure,
    Heading,
    JourneyMap,
    KeyValues,
    ProfileCard,
    ReportPlan,
    Table,
    Text,
)
from mapgen.scene import Box, Polyline, Rect, Scene, Tag, TextBlock
from mapgen.themes import Theme, load_theme
from tests.support.models import load_model


def fake_layout(
    journeys: Journeys,
    persona: Persona,
    theme: Theme,
    page: tuple[float, float],
    *,
    paginate: bool = False,
    **_options: Any,
) -> Any:
    """Stand in for mapgen.layout.layout_journey: one page-sized scene naming the persona's stages."""
    w, h = page
    items = [
        TextBlock(Box(10, 10, w - 20, 20), (persona.name,), 12, theme.colours.text, tag=Tag("title")),
        *(
            TextBlock(Box(10 + 60 * i, 40, 58, 20), (s.name,), 8, theme.colours.text, tag=Tag("stage-header"))
            for i, s in enumerate(journeys.stages)
        ),
    ]
    problem = Problem("warning", f"text cut in {persona.name}", sheet=persona.sheet, cell="B9")
    return SimpleNamespace(scenes=(Scene(w, h, theme.colours.background, tuple(items)),), problems=(problem,))


@pytest.fixture(scope="module")
def team_plan() -> Journeys:
    return load_model("team-plan")


@pytest.fixture(scope="module")
def plan(team_plan: Journeys, theme: Theme) -> ReportPlan:
    return plan_report(team_plan, theme, layout=fake_layout)


def _table(plan: ReportPlan, kind: str) -> Table:
    (table,) = plan.tables(kind)
    return table


def _column(table: Table, index: int) -> list[str]:
    return [row.cells[index].text for row in table.rows]


# ---------------------------------------------------------------------------------------------
# Structure


def test_sections_come_in_report_order(plan: ReportPlan, team_plan: Journeys, theme: Theme) -> None:
    labels = theme.labels
    chapters = [h.text for h in plan.headings() if h.level == 0]
    names = [p.name for p in team_plan.personas]
    assert chapters == [labels.executive_summary, *names, labels.all_personas, labels.about]
    assert isinstance(plan.blocks[0], Contents)
    # Every chapter opens a page but the closing "About", which follows the overview.
    assert [h.new_page for h in plan.headings() if h.level == 0] == [True] * (len(chapters) - 1) + [False]


def test_every_bookmark_key_is_unique_and_every_persona_has_its_sections(
    plan: ReportPlan, theme: Theme
) -> None:
    outline = plan.outline()
    keys = [key for _level, _title, key in outline]
    assert len(keys) == len(set(keys))
    labels = theme.labels
    for name in ("Renée Dubois", "Tomás Ørsted", "李伟 (Li Wei)"):
        start = next(i for i, (level, title, _k) in enumerate(outline) if level == 0 and title == name)
        end = next((i for i in range(start + 1, len(outline)) if outline[i][0] == 0), len(outline))
        sections = [title for _level, title, _key in outline[start + 1 : end]]
        assert sections == [labels.emotion_curve, labels.journey_map, labels.stages, labels.action_plan]


def test_journey_maps_are_laid_out_on_the_landscape_frame(plan: ReportPlan, team_plan: Journeys) -> None:
    maps = [b for b in plan.blocks if isinstance(b, JourneyMap)]
    assert [m.persona for m in maps] == [p.name for p in team_plan.personas]
    width, height = plan.geometry.landscape_frame
    assert width > height, "a journey map page is landscape"
    for journey_map in maps:
        assert [(s.width, s.height) for s in journey_map.scenes] == [(width, height)]


def test_page_geometry_and_metadata_come_from_the_theme_and_project(plan: ReportPlan, theme: Theme) -> None:
    g = plan.geometry
    assert (g.width, g.height, g.margins) == (theme.page.width, theme.page.height, theme.page.margins)
    top, right, bottom, left = g.margins
    assert g.frame == (g.width - left - right, g.height - top - bottom)
    meta = plan.metadata
    assert meta.title == "Customer journeys 2024"
    assert meta.author == "Studio Nord"
    assert meta.creator.startswith("mapgen ")
    assert meta.language == "en"
    assert {"Acme Café", "Renée Dubois", "Awareness"} <= set(meta.keywords)
    assert plan.header == ("Customer journeys 2024", theme.footer.confidentiality)
    assert "Acme Café" in plan.footer


def test_the_cover_lists_the_project_facts(plan: ReportPlan, theme: Theme) -> None:
    cover = plan.cover
    labels = theme.labels
    assert cover.title == "Customer journeys 2024"
    assert dict(cover.facts) == {
        labels.client: "Acme Café",
        labels.prepared_by: "Studio Nord",
        labels.date: "2024-05-01",
        labels.version: "1.2",
    }
    assert cover.confidentiality == theme.footer.confidentiality


def test_a_workbook_without_a_title_takes_the_themes_never_its_file_name(
    team_plan: Journeys, theme: Theme
) -> None:
    bare = dataclasses.replace(
        team_plan, project=dataclasses.replace(team_plan.project, title=None, confidentiality="Secret")
    )
    plan = plan_report(bare, theme, layout=fake_layout)
    assert plan.metadata.title == plan.cover.title == theme.labels.default_title
    assert plan.header == (theme.labels.default_title, "Secret")
    assert plan.footer == "Acme Café · Secret"


def test_the_language_follows_the_theme(team_plan: Journeys) -> None:
    german = load_theme("default-de")
    assert report_language(german) == "de"
    plan = plan_report(team_plan, german, layout=fake_layout)
    assert plan.metadata.language == "de"
    assert plan.headings()[0].text == german.labels.executive_summary == "Zusammenfassung"


def test_contents_list_sections_only_while_they_fit_one_page(team_plan: Journeys, theme: Theme) -> None:
    assert _contents(plan_report(team_plan, theme, layout=fake_layout)).depth == 2
    many = dataclasses.replace(
        team_plan,
        personas=tuple(
            dataclasses.replace(p, name=f"{p.name} {i}") for i in range(20) for p in team_plan.personas
        ),
    )
    assert _contents(plan_report(many, theme, layout=fake_layout)).depth == 1


def _contents(plan: ReportPlan) -> Contents:
    block = plan.blocks[0]
    assert isinstance(block, Contents)
    return block


# ---------------------------------------------------------------------------------------------
# Executive summary


# The executive summary: tests/renderers/pdf/test_story.py.


# ---------------------------------------------------------------------------------------------
# A persona's chapter


def test_profile_card_has_photo_or_initials_and_the_profile_lists(plan: ReportPlan, theme: Theme) -> None:
    cards = [b for b in plan.blocks if isinstance(b, ProfileCard)]
    renee, tomas, li = cards
    assert renee.photo is not None and tomas.photo is None
    assert (tomas.initials, li.initials) == ("TØ", "李")
    assert renee.subtitle == "Marketing lead · 34 · Lyon"
    fields = dict(renee.fields)
    assert fields[theme.labels.goals] == "• Save her team time\n• Compare offers side by side"
    assert fields[theme.labels.bio].startswith("Runs a team of five")
    assert theme.labels.role not in fields, "role, age and location are in the subtitle"


def test_stage_tables_show_every_stage_and_every_lane_in_full(
    plan: ReportPlan, team_plan: Journeys, theme: Theme
) -> None:
    tables = plan.tables("stage")
    # A table per stage of each persona's own: Tomás never reaches Retention, so his chapter has
    # no table for it (schema 1 models take a persona's stages from its steps).
    stages = [t.header.cells[0].text for t in tables]
    every = [f"{i + 1} · {s.name}" for i, s in enumerate(team_plan.stages)]
    assert stages == every + every[:3] + every
    renee = tables[:4]
    consideration = renee[1]
    assert [c.text for c in consideration.header.cells] == [
        "2 · Consideration",
        "2. Compares prices",
        "3. Reads reviews",
    ]
    lanes = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in consideration.rows}
    lane = theme.lanes.label
    # The action plan pairs the pain points with their opportunities: the stage tables leave them out.
    assert lane("pain_points") not in lanes and lane("opportunities") not in lanes
    # A model saved without its scale (schema version 1) is written on the -1..+1 it stores.
    assert lanes[f"{lane('emotions')} (\u22121 to +1)"] == [
        "overwhelmed (\u22120.5)",
        f"unsure ({theme.labels.no_score})",
    ]
    assert lanes["Channel owner"] == ["Web team", ""], "the workbook's own columns keep their names"
    assert lane("evidence") not in lanes, "lanes the theme does not show are left out"


def test_a_stage_with_many_steps_is_split_into_balanced_tables(theme: Theme) -> None:
    steps = tuple(Step("Only", action=f"Step {i}") for i in range(7))
    journeys = Journeys("x.xlsx", stages=(Stage("Only"),), personas=(Persona("P", "P", steps=steps),))
    plan = plan_report(journeys, theme, layout=fake_layout)
    tables = plan.tables("stage")
    widths = [len(t.header.cells) - 1 for t in tables]
    assert sum(widths) == 7 and max(widths) - min(widths) <= 1
    assert all(abs(sum(t.widths) - 1) < 1e-9 for t in tables)


def test_action_plan_pairs_only_what_the_workbook_pairs_in_journey_order(plan: ReportPlan) -> None:
    renee = plan.tables("action_plan")[0]
    rows = [tuple(c.text for c in r.cells) for r in renee.rows]
    assert rows[:2] == [
        # One pain point and one opportunity: the pair it is.
        (
            "Awareness\nSees an ad on Instagram",
            "Team-focused ad campaign",
            "Too many similar offers",
            "Marketing",
            "Click-through rate",
        ),
        # Two pain points and one opportunity: the opportunity beside both, said to be unpaired,
        # never set beside the first pain point as if it answered that one.
        (
            "Consideration\nCompares prices",
            "Price calculator",
            "Not paired; this step's pain points:\n• Hidden fees\n• Long wait for a quote.",
            "Product",
            "Quote requests",
        ),
    ]
    assert ("Consideration\nReads reviews", "Verified customer stories", "", "", "") in rows


def test_emotion_chart_leaves_gaps_for_missing_scores_and_keeps_empty_stages(plan: ReportPlan) -> None:
    renee_chart, tomas_chart = [b.chart for b in plan.blocks if isinstance(b, Figure)][:2]
    values = [p.value for p in renee_chart.series[0].points]
    assert values == [0.5, -0.5, None, -0.75, 0.75]
    # Tomás's journey ends at Purchase: his curve has no Retention band.
    assert [b.name for b in tomas_chart.bands] == ["Awareness", "Consideration", "Purchase"]
    assert renee_chart.callouts == ((0, 3),), "the lowest point is the moment that matters"


# ---------------------------------------------------------------------------------------------
# Across personas and appendix


def test_pain_point_matrix_counts_and_shades_with_readable_text(plan: ReportPlan, theme: Theme) -> None:
    (matrix,) = plan.tables("matrix")
    assert [c.text for c in matrix.header.cells[1:]] == [
        "Awareness",
        "Consideration",
        "Purchase",
        "Retention",
    ]
    renee = [c.text for c in matrix.rows[0].cells[1:]]
    assert renee == ["1\n+0.5", "2\n\u22120.5", "1\n\u22120.75", ""]
    fills = [c.fill for c in matrix.rows[0].cells[1:]]
    assert fills[3] is None
    assert fills[0] is not None and fills[1] is not None
    assert colors.relative_luminance(fills[1]) < colors.relative_luminance(fills[0]), "more pain, darker"
    for row in matrix.rows:
        for cell in row.cells:
            if cell.fill:
                assert colors.contrast_ratio(theme.colours.text, cell.fill) >= colors.AA_TEXT


def test_overview_charts_hold_as_many_personas_as_the_palette_has_colours(
    team_plan: Journeys, theme: Theme
) -> None:
    many = dataclasses.replace(
        team_plan,
        personas=tuple(
            dataclasses.replace(p, name=f"{p.name} {i}") for i in range(5) for p in team_plan.personas
        ),
    )
    plan = plan_report(many, theme, layout=fake_layout)
    # Fifteen personas, no segment: small multiples, a mini chart each, then the ranked stages.
    drawings = [b.scene for b in plan.blocks if isinstance(b, Drawing)]
    titles = [t.source for scene in drawings for t in scene.texts() if t.tag.kind == "mini-title"]
    assert titles == [p.name for p in many.personas]
    assert all(scene.height <= plan.geometry.frame[1] for scene in drawings)
    assert len(plan.tables("hurts")) == 1


def test_the_report_ends_with_where_the_map_comes_from_and_no_build_warnings(
    plan: ReportPlan, team_plan: Journeys, theme: Theme
) -> None:
    labels = theme.labels
    assert plan.headings()[-1].text == labels.about
    facts = dict(next(b for b in plan.blocks if isinstance(b, KeyValues)).rows)
    assert facts[labels.source_workbook] == "example.xlsx"
    assert facts[labels.date] == "2024-05-01"
    assert facts[labels.personas] == ", ".join(p.name for p in team_plan.personas)
    assert facts[labels.stages] == "Awareness, Consideration, Purchase, Retention"
    assert facts[labels.steps] == str(sum(len(p.steps) for p in team_plan.personas))
    assert labels.theme not in facts and labels.mapgen_version not in facts
    assert plan.tables("warnings") == ()
    texts = " ".join(plan.texts())
    assert not any(p.message in texts for p in (*team_plan.warnings, *plan.problems))
    assert len(plan.problems) == len(team_plan.personas), "the layout's problems are returned"


def test_estimated_scores_are_named_in_the_about_section(team_plan: Journeys, theme: Theme) -> None:
    renee, *others = team_plan.personas
    steps = tuple(dataclasses.replace(s, score_source="inferred") for s in renee.steps)
    journeys = dataclasses.replace(team_plan, personas=(dataclasses.replace(renee, steps=steps), *others))
    plan = plan_report(journeys, theme, layout=fake_layout)
    facts = dict(next(b for b in plan.blocks if isinstance(b, KeyValues)).rows)
    assert facts[theme.labels.emotion_scores] == theme.labels.scores_estimated.replace(
        "{personas}", renee.name
    )
    assert theme.labels.emotion_scores not in dict(
        next(
            b for b in plan_report(team_plan, theme, layout=fake_layout).blocks if isinstance(b, KeyValues)
        ).rows
    )


# ---------------------------------------------------------------------------------------------
# Findings


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hidden fees", "hidden fees!"),
        ("Long  wait.", "long wait"),
        ("“Slow support”", "slow support"),
        ("Ｆｅｅｓ", "fees"),
    ],
)
def test_normalise_matches_what_a_reader_would_call_the_same(a: str, b: str) -> None:
    assert summary.normalise(a) == summary.normalise(b)


def test_normalise_keeps_different_findings_apart() -> None:
    assert summary.normalise("Hidden fees") != summary.normalise("Hidden fees at checkout")


def test_moments_take_the_first_of_equal_scores() -> None:
    persona = Persona(
        "P", "P", steps=(Step("A", score=0.5), Step("B", score=0.5), Step("C", score=-0.5), Step("D"))
    )
    high, low = summary.moments(persona)
    assert high is not None and low is not None
    assert (high.number, low.number) == (1, 3)
    assert summary.moments(Persona("Q", "Q", steps=(Step("A"),))) == (None, None)


# ---------------------------------------------------------------------------------------------
# The report's own figures


def test_chart_scene_breaks_the_curve_at_gaps_and_keeps_text_in_its_boxes(
    plan: ReportPlan, theme: Theme
) -> None:
    chart = next(b.chart for b in plan.blocks if isinstance(b, Figure))
    width = plan.geometry.frame[0]
    scene = chart_scene(chart, theme, width)
    assert (scene.width, scene.height) == (width, chart.height)
    curves = [i for i in scene.items if isinstance(i, Polyline) and i.tag.kind == "curve"]
    assert len(curves) == 2, "the unscored step splits Renée's curve in two"
    first, second = curves
    assert max(x for x, _y in first.points) < min(x for x, _y in second.points)
    for block in scene.texts():
        assert not block.truncated, block.source
        assert block.text_height <= block.box.h + 0.01
        assert block.box.x >= 0 and block.box.right <= width + 0.01
    labels = {b.source for b in scene.texts() if b.tag.kind == "emotion"}
    assert labels == {"curious", "overwhelmed", "frustrated", "relieved, happy"}
    assert any(b.source == theme.labels.moment_that_matters for b in scene.texts())


def test_overview_curves_share_one_scale(plan: ReportPlan, team_plan: Journeys, theme: Theme) -> None:
    (drawing,) = [b for b in plan.blocks if isinstance(b, Drawing)]
    scene = drawing.scene
    comparison = compare(team_plan)
    # Each point's height is its stage mean on one axis: one line through all (value, y) pairs.
    pairs = []
    for series in comparison.series:
        ys = [y for c in scene.find("curve") if c.tag.persona == series.name for _x, y in c.points]  # type: ignore[union-attr]
        pairs += [(v, y) for v, y in zip([v for v in series.values if v is not None], ys, strict=True)]
    (v0, y0), (v1, y1) = min(pairs), max(pairs)
    assert v1 > v0 and y1 < y0, "higher is better"
    for value, y in pairs:
        assert y == pytest.approx(y0 + (value - v0) / (v1 - v0) * (y1 - y0), abs=0.05)
    assert {b.source for b in scene.texts() if b.tag.kind == "direct-label"} == {
        "Renée Dubois",
        "Tomás Ørsted",
        "李伟 (Li Wei)",
    }


def test_cover_scene_puts_title_band_facts_and_confidentiality_on_the_page(
    plan: ReportPlan, theme: Theme
) -> None:
    page = (plan.geometry.width, plan.geometry.height)
    scene = cover_scene(plan.cover, theme, page)
    texts = {b.tag.kind: b for b in scene.texts()}
    assert texts["title"].source == "Customer journeys 2024" and not texts["title"].truncated
    assert texts["title"].color == theme.colours.on_primary
    band = next(i for i in scene.items if isinstance(i, Rect) and i.tag.kind == "band")
    assert band.box.contains(texts["title"].box)
    assert {b.source for b in scene.texts() if b.tag.kind == "fact"} == {
        "Acme Café",
        "Studio Nord",
        "2024-05-01",
        "1.2",
    }
    assert "confidentiality" not in texts, "nobody marked the workbook confidential"
    marked = cover_scene(dataclasses.replace(plan.cover, confidentiality="Internal"), theme, page)
    pill = {b.tag.kind: b for b in marked.texts()}["confidentiality"]
    assert pill.source == "Internal"
    assert pill.color == theme.colours.on_accent and pill.box.bottom <= page[1]


def test_avatar_scene_draws_the_initials_in_a_text_pair(theme: Theme) -> None:
    card = ProfileCard(
        "Tomás Ørsted",
        "",
        "",
        None,
        "TØ",
        theme.colours.stage_colour(1),
        theme.colours.on_stage_colour(1),
        (),
    )
    scene = avatar_scene(card, theme, 80)
    (initials,) = scene.texts()
    assert initials.lines == ("TØ",)
    pairs = {(p.foreground, p.background) for p in theme.text_pairs()}
    assert (initials.color, card.avatar_fill) in pairs


def test_plan_texts_cover_tables_cards_and_charts(plan: ReportPlan) -> None:
    texts = set(plan.texts())
    assert {"Price calculator", "Renée Dubois", "Security first, then price.", "curious"} <= texts
    assert all(
        isinstance(
            b, Heading | Text | Table | Figure | Drawing | ProfileCard | JourneyMap | KeyValues | Contents
        )
        for b in plan.blocks
    )


def test_a_character_no_font_has_is_reported_not_boxed_silently(theme: Theme) -> None:
    odd = "\U0010fffd"  # private use, plane 16: in no font
    journeys = Journeys(
        "x.xlsx",
        stages=(Stage("A"),),
        personas=(Persona(f"Nadia {odd}", "N", steps=(Step("A", action="Calls"),)),),
    )
    plan = plan_report(journeys, theme, layout=fake_layout)
    messages = [p.message for p in plan.problems if "U+10FFFD" in p.message]
    assert len(messages) == 1 and messages[0] not in " ".join(plan.texts())


def test_each_part_is_planned_from_its_own_scope_with_keys_of_its_own(
    plan: ReportPlan, team_plan: Journeys, theme: Theme
) -> None:
    specs = part_specs(team_plan)
    assert [s.name for s in specs] == ["summary", "persona-0000", "persona-0001", "persona-0002", "overview"]
    for spec, part in zip(specs, plan.parts, strict=True):
        alone = plan_part(part_scope(team_plan, spec), theme, spec, layout=fake_layout)
        assert alone == part, spec
        assert all(entry.key.startswith(f"{spec.name}.") for entry in part.outline)
    front_and_back = {key for _level, _title, key in plan.outline()} - {
        e.key for part in plan.parts for e in part.outline
    }
    assert front_and_back and not any("." in key for key in front_and_back)


def test_a_plan_around_parts_made_elsewhere_lists_their_entries_and_problems(
    plan: ReportPlan, team_plan: Journeys, theme: Theme
) -> None:
    outlines_only = [dataclasses.replace(part, blocks=()) for part in plan.parts]
    around = plan_report(team_plan, theme, parts=outlines_only)
    assert around.outline() == plan.outline()
    assert around.contents() == plan.contents()
    assert around.problems == plan.problems
    assert around.front == plan.front
    with pytest.raises(ValueError, match="part_specs"):
        plan_report(team_plan, theme, parts=outlines_only[1:])
