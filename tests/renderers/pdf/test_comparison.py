"""The report's comparison: the PNG's Scene in the flow, twins both visible, sixty personas in pages."""

from __future__ import annotations

from typing import Any

from mapgen.insights.comparison import compare
from mapgen.layout.result import LayoutResult
from mapgen.model import Journeys, Persona
from mapgen.renderers.pdf.plan.document import plan_report
from mapgen.renderers.pdf.report import Drawing
from mapgen.scene import Scene
from mapgen.themes import Theme, load_theme
from tests.support.comparisons import assert_legible, journeys, many, persona

THEME = load_theme("default")


def no_maps(
    journeys: Journeys, persona: Persona, theme: Theme, page: tuple[float, float], **_options: Any
) -> LayoutResult:
    """Lay out no journey map: these tests look at the comparison only."""
    return LayoutResult((Scene(page[0], page[1], "#ffffff", ()),))


def drawings(model: Journeys) -> list[Scene]:
    plan = plan_report(model, THEME, layout=no_maps)
    return [b.scene for b in plan.blocks if isinstance(b, Drawing)]


def test_twins_are_both_visible_and_named_once() -> None:
    model = journeys([persona("Ana", [0.2, -0.4, 0.0, 0.6]), persona("Ben", [0.2, -0.4, 0.0, 0.6])])
    (scene,) = drawings(model)
    assert_legible(scene, THEME)
    ana = [c for c in scene.find("curve") if c.tag.persona == "Ana"]
    ben = [c for c in scene.find("curve") if c.tag.persona == "Ben"]
    assert ana[0].dash != ben[0].dash  # type: ignore[union-attr]
    xs = [(a[0], b[0]) for a, b in zip(ana[0].points, ben[0].points, strict=True)]  # type: ignore[union-attr]
    assert all(b - a >= 6 for a, b in xs), "Ben's markers sit beside Ana's"
    assert [b.source for b in scene.texts() if b.tag.kind == "direct-label"] == ["Ana, Ben"]


def test_sixty_personas_are_pages_of_mini_charts_that_fit_the_frame_and_the_ranked_stages() -> None:
    model = many(60)
    plan = plan_report(model, THEME, layout=no_maps)
    scenes = [b.scene for b in plan.blocks if isinstance(b, Drawing)]
    width, height = plan.geometry.frame
    assert 2 <= len(scenes) <= 6, "sixty mini charts on a few pages"
    for scene in scenes:
        assert scene.width <= width + 0.01 and scene.height <= height + 0.01
        assert_legible(scene, THEME)
    titles = [t.source for s in scenes for t in s.texts() if t.tag.kind == "mini-title"]
    assert titles == [p.name for p in model.personas]
    (table,) = plan.tables("hurts")
    assert [r.cells[1].text for r in table.rows] == [h.stage for h in compare(model).hurts[:5]]
