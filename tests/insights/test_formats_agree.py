"""Every format calls out the same moments that matter: the map's curve and alt text, the deck, the report."""

from __future__ import annotations

import pytest

from mapgen.insights.moments import moment_indexes
from mapgen.layout import layout_canvas
from mapgen.layout.journey import describe
from mapgen.model import Journeys, Persona
from mapgen.renderers.pdf.plan import findings
from mapgen.renderers.pptx.plan import notes
from mapgen.scene import Scene
from mapgen.themes import load_theme
from tests.support.journeys import journeys, scored

THEME = load_theme("default")
TIED = scored("Ann", [0.4, -0.8, 0.2, -0.8, -0.8, 0.0])  # three tied: the first two are called out
MILD = scored("Ben", [0.6, -0.1, 0.3])  # "curious, overwhelmed": no moment that matters


def _scene(model: Journeys, persona: Persona) -> Scene:
    (scene,) = layout_canvas(model, persona, THEME, THEME.png.canvas("slide")).scenes
    return scene


@pytest.mark.parametrize(("persona", "expected"), [(TIED, {1, 3}), (MILD, set())])
def test_the_map_deck_and_report_call_out_the_same_steps(persona: Persona, expected: set[int]) -> None:
    model = journeys(persona)
    assert moment_indexes(persona) == expected
    ringed = {p.tag.step for p in _scene(model, persona).find("moment") if p.tag is not None}
    assert ringed == expected
    assert {ref.index for ref in notes.lowest_steps(persona)} == expected
    _high, low = findings.moments(persona)
    assert (low.number - 1 if low else None) == min(expected, default=None)
    said = describe(model, persona, THEME)
    assert (THEME.labels.lowest_moment in said) == bool(expected)
    assert (THEME.labels.moment_that_matters.lower() in notes.emotion_notes(persona, THEME)) == bool(expected)


def test_the_deck_and_the_report_show_a_steps_feelings_and_score_alike() -> None:
    from mapgen import load
    from mapgen.renderers.pdf.plan.document import plan_report
    from mapgen.renderers.pptx.plan.parts import plan_deck
    from mapgen.samples import sample_path

    model = load(sample_path())
    emma = model.personas[0]
    stage = emma.stages[0]
    deck = plan_deck(model, THEME)
    (slide,) = [s for s in deck.slides if s.kind == "stage" and s.persona == emma.name and stage in s.title][
        :1
    ]
    (table,) = [i for i in slide.items if hasattr(i, "rows")]
    deck_row = next(
        r for r in table.rows if r[0].paragraphs[0].text.startswith(THEME.lanes.label("emotions"))
    )
    report = plan_report(model, THEME)
    stage_table = next(t for t in report.tables("stage") if stage in t.header.cells[0].text)
    report_row = next(
        r for r in stage_table.rows if r.cells[0].text.startswith(THEME.lanes.label("emotions"))
    )
    deck_texts = [" ".join(p.text for p in cell.paragraphs) for cell in deck_row[1:]]
    report_texts = [cell.text for cell in report_row.cells[1:]]
    assert deck_texts == report_texts[: len(deck_texts)]
    assert any("(" in text for text in deck_texts), "the score on the client's scale beside the words"
