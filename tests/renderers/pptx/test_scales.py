"""The deck writes scores on the workbook's own scale: chart data and axes, tables and notes.

The deck is opened as a person's tools would: the chart's XML (the c:val numbers PowerPoint's
"Edit data" shows, the value axis' min and max), the table cells and the speaker notes.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from mapgen.model import Journeys
from mapgen.renderers.pptx.writer import Deck, render_deck
from mapgen.themes import load_theme
from tests.support.models import load_model
from tests.support.workbooks import three_scales

THEME = load_theme("default")


@pytest.fixture(scope="module")
def journeys(tmp_path_factory: pytest.TempPathFactory) -> Journeys:
    return three_scales(tmp_path_factory.mktemp("scales"))


@pytest.fixture(scope="module")
def deck(journeys: Journeys) -> Deck:
    return render_deck(journeys, THEME)


def slides_of(deck: Deck, kind: str) -> dict[str | None, Any]:
    """Return the python-pptx slides of one kind, by persona."""
    prs = Presentation(io.BytesIO(deck.data))
    return {
        plan.persona: slide
        for slide, plan in zip(prs.slides, deck.plan.slides, strict=True)
        if plan.kind == kind
    }


def chart_xml(slide: Any) -> Any:
    """Return the c:chartSpace of the slide's chart."""
    (shape,) = [s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart]
    return shape.chart.part._element


def series_values(space: Any) -> list[list[float | None]]:
    """Return each series' values as stored in its c:val cache (None where a point is missing)."""
    out = []
    for ser in space.iter(qn("c:ser")):
        cache = ser.find(qn("c:val")).find(qn("c:numRef")).find(qn("c:numCache"))
        count = int(cache.find(qn("c:ptCount")).get("val"))
        points = {int(pt.get("idx")): float(pt.find(qn("c:v")).text) for pt in cache.iter(qn("c:pt"))}
        out.append([points.get(i) for i in range(count)])
    return out


def value_axis(space: Any) -> tuple[float, float, str]:
    """Return the value axis' minimum, maximum and title."""
    axis = next(space.iter(qn("c:valAx")))
    scaling = axis.find(qn("c:scaling"))
    title = "".join(t.text or "" for t in axis.find(qn("c:title")).iter(qn("a:t")))
    return float(scaling.find(qn("c:min")).get("val")), float(scaling.find(qn("c:max")).get("val")), title


def notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text)


def test_a_minus_five_to_five_persona_is_charted_and_described_on_it(deck: Deck) -> None:
    slide = slides_of(deck, "emotion")["Ana"]
    space = chart_xml(slide)
    assert series_values(space) == [[2.0, -4.0, 5.0]]
    assert value_axis(space) == (-5.0, 5.0, "Score (−5 to +5)")
    said = notes(slide)
    assert "on a scale of −5 to +5" in said
    assert "(+5)" in said and "(−4)" in said
    assert "inferred" not in said


def test_a_one_to_five_persona_is_charted_on_one_to_five_crossing_at_three(deck: Deck) -> None:
    slide = slides_of(deck, "emotion")["Ben"]
    space = chart_xml(slide)
    assert series_values(space) == [[4.0, 1.0, 3.0]]
    assert value_axis(space) == (1.0, 5.0, "Score (1 to 5)")
    assert next(space.iter(qn("c:crossesAt"))).get("val") == "3.0"
    said = notes(slide)
    assert "on a scale of 1 to 5" in said and "from 4 to 1" in said, "the fall, on the client's 1..5"
    assert "(4)" in said and "(1)" in said


def test_an_inferred_persona_says_so_on_the_chart_and_in_the_notes(deck: Deck) -> None:
    slide = slides_of(deck, "emotion")["Cy"]
    space = chart_xml(slide)
    (values,) = series_values(space)
    assert all(v is not None and -1 <= v <= 1 for v in values)
    assert value_axis(space) == (-1.0, 1.0, "Score (−1 to +1, inferred from emotion words)")
    said = notes(slide)
    assert "inferred from emotion words" in said
    assert ", inferred)" in said, "each score the notes give is marked"


def test_a_comparison_of_personas_on_different_scales_is_on_minus_one_to_one_and_says_so(deck: Deck) -> None:
    slide = slides_of(deck, "overview_chart")[None]
    space = chart_xml(slide)
    ana, ben, _cy = series_values(space)
    assert ana == [0.4, 0.1]  # the stage means on -5..+5, +2 then (-4 + 5) / 2, on -1..+1
    assert ben == [0.5, -0.5], "4 and the mean of 1 and 3 on 1..5, on -1..+1"
    assert value_axis(space)[:2] == (-1.0, 1.0)
    caption = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Scales differ, compared on \u22121 to +1" in caption
    said = notes(slide)
    assert "Ben: converted from 1 to 5" in said
    assert "Cy: converted from −1 to +1, inferred from emotion words" in said
    legend = [t.text for t in space.iter(qn("c:v")) if t.text and t.text.startswith("Cy")]
    assert legend == ["Cy (inferred)"]


def test_the_matrix_writes_each_persona_on_its_own_scale(deck: Deck) -> None:
    slide = slides_of(deck, "matrix")[None]
    (table,) = [s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table]
    rows = {row.cells[0].text: [c.text for c in row.cells][1:] for row in table.rows}
    assert rows["Ana"] == ["0\n+2", "1\n−4"]
    assert rows["Ben"] == ["0\n4", "1\n1"]
    assert rows["Cy"][1].endswith(", inferred")
    caption = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "−5 to +5; Ben: 1 to 5; Cy: −1 to +1, inferred from emotion words" in caption


def test_a_german_theme_writes_the_scale_in_german(journeys: Journeys) -> None:
    deck = render_deck(journeys, load_theme("default-de"))
    slides = slides_of(deck, "emotion")
    assert "auf einer Skala von −5 bis +5" in notes(slides["Ana"])
    assert value_axis(chart_xml(slides["Cy"]))[2] == "Wert (−1 bis +1, aus Emotionswörtern abgeleitet)"
    assert ", abgeleitet)" in notes(slides["Cy"])


def test_version_1_models_keep_their_numbers() -> None:
    deck = render_deck(load_model("grocery"), THEME)
    slide = slides_of(deck, "emotion")["Tom Becker"]
    assert series_values(chart_xml(slide)) == [[0.7, -0.4, None, 0.0]]
    assert value_axis(chart_xml(slide)) == (-1.0, 1.0, "Score (−1 to +1)")
