"""The report writes scores on the workbook's own scale: chart axes and notes, tables, the matrix.

The report is read back with pdftotext, as a person searching it would; the charts' axis labels
are checked on their Scenes, since a chart's few numbers are hard to tell apart in extracted text.
"""

from __future__ import annotations

import pytest

from mapgen.layout import layout_journey
from mapgen.model import Journeys
from mapgen.renderers.pdf.plan.document import plan_report
from mapgen.renderers.pdf.plan.figures import chart_scene
from mapgen.renderers.pdf.report import Drawing, Figure, ReportPlan, block_texts
from mapgen.renderers.pdf.writer import render_report
from mapgen.themes import load_theme
from tests.support.pdfs import pdftext, squash
from tests.support.workbooks import three_scales

THEME = load_theme("default")


@pytest.fixture(scope="module")
def journeys(tmp_path_factory: pytest.TempPathFactory) -> Journeys:
    return three_scales(tmp_path_factory.mktemp("scales"))


@pytest.fixture(scope="module")
def plan(journeys: Journeys) -> ReportPlan:
    return plan_report(journeys, THEME, layout=layout_journey)


@pytest.fixture(scope="module")
def text(journeys: Journeys, tmp_path_factory: pytest.TempPathFactory) -> str:
    data, _problems = render_report(journeys, THEME, layout=layout_journey)
    path = tmp_path_factory.mktemp("report") / "scales.pdf"
    path.write_bytes(data)
    return squash(pdftext(path))


def charts(plan: ReportPlan) -> dict[str, Figure]:
    """Return the personas' own emotion charts by persona."""
    figures = [b for b in plan.blocks if isinstance(b, Figure)]
    return {f.chart.series[0].name: f for f in figures if not f.chart.legend}


def axis_labels(figure: Figure) -> list[str]:
    scene = chart_scene(figure.chart, THEME, 400)
    return [b.source for b in scene.texts() if b.tag.kind == "axis"]


def scale_note(figure: Figure) -> str:
    scene = chart_scene(figure.chart, THEME, 400)
    (note,) = [b.source for b in scene.texts() if b.tag.kind == "scale"]
    return note


def test_each_persona_chart_is_labelled_on_its_own_scale(plan: ReportPlan) -> None:
    by_persona = charts(plan)
    assert axis_labels(by_persona["Ana"]) == ["+5", "0", "−5"]
    assert scale_note(by_persona["Ana"]) == "Score: −5 to +5"
    assert axis_labels(by_persona["Ben"]) == ["5", "4", "3", "2", "1"]
    assert scale_note(by_persona["Ben"]) == "Score: 1 to 5"
    assert axis_labels(by_persona["Cy"]) == ["+1", "0", "−1"]
    assert scale_note(by_persona["Cy"]) == "Score: −1 to +1, inferred from emotion words"
    assert "Purchase: −4, +5" in by_persona["Ana"].chart.description


def test_a_comparison_on_different_scales_is_on_minus_one_to_one_and_says_so(
    plan: ReportPlan, text: str
) -> None:
    (drawing,) = [b for b in plan.blocks if isinstance(b, Drawing)]
    scene = drawing.scene
    assert [b.source for b in scene.texts() if b.tag.kind == "axis-label"] == ["+1", "0", "−1"]
    assert {b.source for b in scene.texts() if b.tag.kind == "direct-label"} == {
        "Ana",
        "Ben",
        "Cy (inferred)",
    }
    assert squash("Scales differ, compared on −1 to +1") in text


def test_stage_tables_name_the_scale_and_write_the_clients_numbers(plan: ReportPlan, text: str) -> None:
    emotions = [
        [c.text for c in row.cells]
        for table in plan.tables("stage")
        for row in table.rows
        if row.cells[0].text.startswith("Emotions")
    ]
    assert ["Emotions (−5 to +5)", "−4", "+5"] in emotions
    assert ["Emotions (1 to 5)", "1", "3"] in emotions
    assert any(row[0] == "Emotions (−1 to +1, inferred from emotion words)" for row in emotions)
    assert squash("Emotions (−5 to +5)") in text
    assert squash("Emotions (1 to 5)") in text
    assert squash("Emotions (−1 to +1, inferred from emotion words)") in text


def test_the_summary_and_the_matrix_write_each_persona_on_its_own_scale(plan: ReportPlan, text: str) -> None:
    summary = [t for b in plan.parts[0].blocks for t in block_texts(b)]
    # Ben's sheet scores 1 to 5: his drop is said on his scale, never on -5..+5 or -1..+1.
    assert "2. The steepest drop: Ben falls from 4 to 1 between “Sees an ad” and “Pays”." in summary
    assert any("Cy are inferred from emotion words" in t for t in summary)
    (matrix,) = plan.tables("matrix")
    cells = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in matrix.rows}
    assert cells["Ana"] == ["", "1\n−4"]
    assert cells["Ben"] == ["", "1\n1"]
    assert cells["Cy"][1].endswith(", inferred")
    caption = "Count · Worst score (−5 to +5; Ben: 1 to 5; Cy: −1 to +1, inferred from emotion words)"
    assert squash(caption) in text


def test_a_german_theme_writes_the_scale_in_german(journeys: Journeys) -> None:
    plan = plan_report(journeys, load_theme("default-de"), layout=layout_journey)
    figures = charts(plan)
    assert figures["Cy"].chart.scale_note == "Wert: −1 bis +1, aus Emotionswörtern abgeleitet"
    summary = " ".join(t for b in plan.parts[0].blocks for t in block_texts(b))
    assert "Ben fällt von 4 auf 1" in summary and "aus Emotionswörtern abgeleitet" in summary
