"""The deck's comparison: the same series and values as the data, markers and dashes apart, direct labels."""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn

from mapgen.insights.comparison import compare
from mapgen.layout.result import LayoutResult
from mapgen.model import Journeys, Persona
from mapgen.renderers.pptx.deck import LineChart, Table
from mapgen.renderers.pptx.plan.parts import plan_deck
from mapgen.renderers.pptx.writer import render_deck
from mapgen.scene import Scene, TextBlock
from mapgen.scores import chart_value
from mapgen.themes import Theme, load_theme
from tests.support.comparisons import journeys, many, persona

THEME = load_theme("default")


def no_maps(
    journeys: Journeys, persona: Persona, theme: Theme, page: tuple[float, float], index: int = 0
) -> Any:
    """Lay out no journey map: these tests look at the comparison only."""
    return LayoutResult((Scene(page[0], page[1], "#ffffff", ()),))


def chart_series(data: bytes) -> list[Any]:
    """Return the c:ser elements of the deck's comparison chart (the one with more than one series)."""
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                found = list(shape.chart.part._element.iter(qn("c:ser")))
                if len(found) > 1:
                    return found
    raise AssertionError("no comparison chart")


def values(ser: Any) -> list[float | None]:
    cache = ser.find(qn("c:val")).find(qn("c:numRef")).find(qn("c:numCache"))
    points = {int(pt.get("idx")): float(pt.find(qn("c:v")).text) for pt in cache.iter(qn("c:pt"))}
    return [points.get(i) for i in range(int(cache.find(qn("c:ptCount")).get("val")))]


def test_the_chart_holds_the_comparisons_values_with_a_marker_and_dash_each_and_one_label_for_twins() -> None:
    model = journeys(
        [
            persona("Ana", [0.2, -0.4, 0.0, 0.6]),
            persona("Ben", [0.2, -0.4, 0.0, 0.6]),
            persona("Cleo", [0.6, 0.2, -0.8, None]),
        ]
    )
    deck = render_deck(model, THEME)
    found = chart_series(deck.data)
    expected = compare(model)
    assert [values(s) for s in found] == [
        [chart_value(v, expected.scale) for v in s.values] for s in expected.series
    ]
    assert values(found[2])[3] is None  # a gap, never a zero
    symbols = [s.find(qn("c:marker")).find(qn("c:symbol")).get("val") for s in found]
    assert symbols == ["circle", "square", "triangle"]
    sizes = [int(s.find(qn("c:marker")).find(qn("c:size")).get("val")) for s in found]
    assert sizes[0] > sizes[1], "the coinciding first marker rings the second"
    dashes = [d.get("val") for s in found for d in s.iter(qn("a:prstDash"))]
    assert "dash" in dashes  # Ben's line is dashed over Ana's solid one
    assert all(s.find(qn("c:smooth")).get("val") == "0" for s in found)
    plan = next(s for s in deck.plan.slides if s.kind == "overview_chart")
    named = [i.source for i in plan.items if isinstance(i, TextBlock) and i.tag.kind == "direct-label"]
    assert named == ["Ana, Ben", "Cleo"] or named == ["Cleo", "Ana, Ben"]
    chart = next(i for i in plan.items if isinstance(i, LineChart))
    assert not chart.legend
    labels = [i for i in plan.items if isinstance(i, TextBlock) and i.tag.kind == "direct-label"]
    assert chart.plot is not None and all(b.box.x >= chart.plot.right for b in labels)
    assert not labels[0].box.overlaps(labels[1].box)


def test_sixty_personas_are_small_multiples_and_a_native_table_of_the_stages_that_hurt() -> None:
    model = many(60)
    plan = plan_deck(model, THEME, layout_journey=no_maps)
    compared = [s for s in plan.slides if s.kind == "overview_chart"]
    charts = [i for s in compared for i in s.items if isinstance(i, LineChart)]
    assert [c.name for c in charts] == [p.name for p in model.personas]
    assert len(compared) == 5 + 1  # a dozen mini charts a slide, then the ranked stages
    table = next(i for i in compared[-1].items if isinstance(i, Table))
    assert [c.text for c in table.rows[0]] == ["#", "Stage", "Mean", "Below zero", "Lowest"]
    assert [r[1].text for r in table.rows[1:]] == [h.stage for h in compare(model).hurts[:5]]
    for slide in compared:
        for item in slide.items:
            box = item.box
            assert box.right <= plan.width + 0.01 and box.bottom <= plan.height + 0.01, slide.title


def test_sixty_personas_in_three_segments_are_three_group_curves() -> None:
    plan = plan_deck(many(60, segments=["Families", "Students", "Retirees"]), THEME, layout_journey=no_maps)
    chart = next(
        i for s in plan.slides if s.kind == "overview_chart" for i in s.items if isinstance(i, LineChart)
    )
    assert [s.name for s in chart.series] == ["Families (20)", "Students (20)", "Retirees (20)"]
