"""The deck's story: key findings and top moves after the cover, the action plan as native tables."""

from __future__ import annotations

import io
from importlib.resources import files

import pytest
from pptx import Presentation

import mapgen
from mapgen.insights.actions import plan_actions
from mapgen.insights.findings import key_findings
from mapgen.model import Journeys
from mapgen.renderers.pptx.deck import DECK_MIN, DeckPlan, SlidePlan, Table, TextFrame, default_frame
from mapgen.renderers.pptx.plan.actionplan import MAX_PLAN_SLIDES
from mapgen.renderers.pptx.plan.parts import plan_deck
from mapgen.renderers.pptx.writer import render_deck
from mapgen.themes import load_theme

THEME = load_theme("default")


@pytest.fixture(scope="module")
def sample() -> Journeys:
    return mapgen.load(str(files("mapgen.samples") / "example.xlsx"))


@pytest.fixture(scope="module")
def plan(sample: Journeys) -> DeckPlan:
    return plan_deck(sample, THEME)


def _tables(slides: list[SlidePlan]) -> list[Table]:
    return [item for s in slides for item in s.items if isinstance(item, Table)]


def _column(table: Table, k: int) -> list[str]:
    return [row[k].paragraphs[0].text for row in table.rows[table.header_rows :]]


def test_the_story_comes_before_the_personas(plan: DeckPlan) -> None:
    assert [s.kind for s in plan.slides[:4]] == ["title", "findings", "top_moves", "agenda"]
    assert plan.titles[1:3] == ("Key findings", "Top moves")


def test_each_key_finding_is_its_own_paragraph_with_its_number_on_the_clients_scale(
    plan: DeckPlan, sample: Journeys
) -> None:
    found = key_findings(sample, THEME)
    (slide,) = [s for s in plan.slides if s.kind == "findings"]
    (frame,) = [i for i in slide.items if isinstance(i, TextFrame)]
    said = [p.text for p in frame.paragraphs]
    assert 1 <= len(said) <= 5 and len(said) == len(found)
    assert said[0] == (
        "The low point of Emma Hughes is “Sees the delivery cost and date at the delivery step” "
        "in Purchase: −5 on a scale of −5 to +5."
    )
    assert all(p.size >= DECK_MIN for p in frame.paragraphs)
    assert frame.text_height <= default_frame(THEME).body.h


def test_the_top_moves_are_the_plans_with_owner_kpi_and_the_reason_for_their_priority(
    plan: DeckPlan, sample: Journeys
) -> None:
    top = plan_actions(sample, THEME).top
    (table,) = _tables([s for s in plan.slides if s.kind == "top_moves"])
    assert [c.text for c in table.rows[0]] == ["Opportunity", "For whom, where", "Owner", "KPI", "Priority"]
    assert 3 <= len(top) <= 5 and _column(table, 0) == [a.text for a in top]
    first = table.rows[1]
    assert first[1].text.startswith("Emma Hughes\nPurchase · Sees the delivery cost")
    assert first[2].text == "E-commerce operations"
    assert "Abandonment at the delivery step" in first[3].text
    assert first[4].text == "High\nat a moment that matters"


def test_the_action_plan_shows_the_highest_actions_in_order_on_at_most_four_slides_and_counts_the_rest(
    plan: DeckPlan, sample: Journeys
) -> None:
    actions = plan_actions(sample, THEME).actions
    slides = [s for s in plan.slides if s.kind == "action_plan" and "Owners" not in s.title]
    assert 1 < len(slides) <= MAX_PLAN_SLIDES, "45 actions do not fit one slide, nor are they all presented"
    assert slides[0].title == "Action plan"
    assert all(s.title == "Action plan (continued)" for s in slides[1:])
    rows = [text for t in _tables(slides) for text in _column(t, 0)]
    assert rows == [a.text for a in actions[: len(rows)]], "the highest priority first, each once"
    assert all(a.priority == "high" for a in actions[:6]) and len(rows) < len(actions)
    captions = [i for i in slides[-1].items if getattr(i, "tag", None) and i.tag.kind == "caption"]
    (caption,) = captions
    said = " ".join(caption.lines)
    assert said.startswith(f"{len(actions) - len(rows)} more actions") and "report" in said
    body = default_frame(THEME).body
    for table in _tables(slides):
        assert table.box.bottom <= body.bottom + 0.01, "no table overflows the slide"
        assert sum(table.heights) == pytest.approx(table.box.h, abs=0.05)
        for row in table.rows:
            assert all(p.size >= DECK_MIN for cell in row for p in cell.paragraphs)
    assert caption.box.bottom <= body.bottom + 0.01


def test_only_a_pair_the_workbook_declares_says_which_pain_point_it_answers(
    plan: DeckPlan, sample: Journeys
) -> None:
    actions = plan_actions(sample, THEME).actions
    slides = [s for s in plan.slides if s.kind == "action_plan" and "Owners" not in s.title]
    cells = [row[0] for t in _tables(slides) for row in t.rows[1:]]
    for action, cell in zip(actions[: len(cells)], cells, strict=True):
        answers = [p.text for p in cell.paragraphs[1:]]
        assert answers == ([f"answers “{action.pain_point.rstrip('.')}”"] if action.pain_point else [])


def test_the_owners_are_rolled_up_most_high_priority_first(plan: DeckPlan, sample: Journeys) -> None:
    owners = plan_actions(sample, THEME).owners
    (table,) = _tables([s for s in plan.slides if s.title == "Action plan: Owners"])
    assert _column(table, 0) == [o.owner for o in owners]
    assert [int(x) for x in _column(table, 1)] == [o.actions for o in owners]
    assert sum(int(x) for x in _column(table, 1)) == 45


def test_the_german_deck_says_its_story_in_german(sample: Journeys) -> None:
    plan = plan_deck(sample, load_theme("default-de"))
    assert plan.titles[1:3] == ("Zentrale Erkenntnisse", "Die wichtigsten Maßnahmen")
    (table,) = _tables([s for s in plan.slides if s.kind == "top_moves"])
    assert [c.text for c in table.rows[0]] == [
        "Chance",
        "Für wen, wo",
        "Verantwortlich",
        "Kennzahl",
        "Priorität",
    ]
    assert table.rows[1][4].text == "Hoch\nan einem entscheidenden Moment"


def test_the_emitted_deck_has_the_findings_as_editable_text_and_the_moves_as_a_native_table(
    sample: Journeys,
) -> None:
    deck = render_deck(sample, THEME)
    prs = Presentation(io.BytesIO(deck.data))
    findings, moves = prs.slides[1], prs.slides[2]
    texts = [p.text for s in findings.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    assert any(t.startswith("The low point of Emma Hughes") for t in texts)
    (table,) = [s.table for s in moves.shapes if s.has_table]
    assert table.cell(0, 0).text == "Opportunity" and len(table.rows) == 6
    assert moves.notes_slide.notes_text_frame.text.startswith("Make these moves first:")


def test_the_german_decks_alternative_texts_are_german(sample: Journeys) -> None:
    import re

    deck = render_deck(sample, load_theme("default-de"))
    prs = Presentation(io.BytesIO(deck.data))
    described = [
        shape._element.xpath("./*/p:cNvPr/@descr")[0]
        for slide in prs.slides
        for shape in slide.shapes
        if shape._element.xpath("./*/p:cNvPr/@descr")
    ]
    charts_and_tables = [d for d in described if d.startswith(("Liniendiagramm", "Tabelle"))]
    assert len(charts_and_tables) >= 10, described[:5]
    english = re.compile(r"\b(Line chart|Table of|steps? without a score|a column per step|Highest|Lowest)\b")
    assert not [d for d in described if english.search(d)]
    assert any(re.search(r"Skala von −5 bis \+5", d) for d in charts_and_tables)
