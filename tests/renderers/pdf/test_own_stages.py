"""The report's chapters show each persona's own stages; the overview compares on shared ones; blueprints."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from mapgen.model import Journeys
from mapgen.renderers.pdf.plan.document import plan_report
from mapgen.renderers.pdf.report import Drawing, EmotionChart, Figure, ProfileCard, ReportPlan, block_texts
from mapgen.renderers.pdf.writer import render_report
from mapgen.themes import Theme, load_theme
from tests.support.models import load_model
from tests.support.pdfs import page_count, pdftext

THEME = load_theme("default")


def report(journeys: Journeys, folder: Path, theme: Theme = THEME) -> Path:
    data, _problems = render_report(journeys, theme)
    path = folder / "report.pdf"
    path.write_bytes(data)
    return path


def chapter_pages(path: Path) -> dict[str, range]:
    """Return the pages of each chapter, from the contents page's numbers."""
    contents = pdftext(path, 2)
    starts = {m[1]: int(m[2]) for m in re.finditer(r"^(\S[^.\n]*?) \.[ .]*?(\d+)$", contents, re.M)}
    names = [name for name in starts if name in {"Dana Okafor", "Sam Lee", "All personas"}]
    pages = [starts[name] for name in names] + [page_count(path) + 1]
    return {name: range(pages[i], pages[i + 1]) for i, name in enumerate(names)}


def test_a_chapter_has_no_page_nor_table_for_another_personas_stages(tmp_path: Path) -> None:
    journeys = load_model("two-journeys")
    plan = plan_report(journeys, THEME)
    stage_tables = [t.header.cells[0].text for t in plan.tables("stage")]
    assert stage_tables == ["1 · Onboarding", "2 · Support", "3 · Search", "4 · Purchase", "5 · Delivery"], (
        "each persona's own stages, numbered and coloured by their place in the project"
    )
    path = report(journeys, tmp_path)
    pages = chapter_pages(path)
    assert list(pages) == ["Dana Okafor", "Sam Lee", "All personas"]
    own = {p.name: set(p.stages) for p in journeys.personas}
    everything = {s.name for s in journeys.stages}
    for name in ("Dana Okafor", "Sam Lee"):
        text = pdftext(path, pages[name].start, pages[name].stop - 1)
        foreign = sorted(stage for stage in everything - own[name] if stage in text)
        assert foreign == [], name
        assert all(stage in text for stage in own[name])
    # Three pages a chapter: profile and curve, the map, the stage tables and action plan.
    assert [len(r) for r in pages.values()] == [3, 3, 1]


def test_the_overview_of_disjoint_journeys_says_whose_the_stages_are_instead_of_curves(
    tmp_path: Path,
) -> None:
    journeys = load_model("two-journeys")
    plan = plan_report(journeys, THEME)
    overview = plan.parts[-1].blocks
    assert not [b for b in overview if isinstance(b, Figure)], "no curves over disjoint stages"
    path = report(journeys, tmp_path)
    text = " ".join(pdftext(path, page_count(path)).split())
    lines = (
        THEME.labels.no_shared_stages,
        "Onboarding, Support: only Dana Okafor",
        "Search, Purchase, Delivery: only Sam Lee",
    )
    assert " ".join(lines) in text


def charts(plan: ReportPlan) -> list[EmotionChart]:
    return [b.chart for b in plan.blocks if isinstance(b, Figure) and isinstance(b.chart, EmotionChart)]


def test_overlapping_personas_are_compared_on_shared_stages_without_the_blueprint(tmp_path: Path) -> None:
    journeys = load_model("overlap-blueprint")
    plan = plan_report(journeys, THEME)
    (drawing,) = [b for b in plan.blocks if isinstance(b, Drawing)]
    scene = drawing.scene
    assert [b.source for b in scene.texts() if b.tag.kind == "stage-label"] == ["Awareness", "Purchase"]
    assert [c.tag.persona for c in scene.find("curve")] == ["Ann Berg", "Dana Okafor"]
    (matrix,) = plan.tables("matrix")
    assert [c.text for c in matrix.header.cells[1:]] == ["Awareness", "Purchase", "Onboarding", "Support"]
    assert [r.cells[0].text for r in matrix.rows] == ["Ann Berg", "Dana Okafor"]
    # The summary's findings speak of the personas, never of the blueprint's process.
    summary = " ".join(t for b in plan.parts[0].blocks for t in block_texts(b))
    assert "Ann Berg" in summary and "Dana Okafor" in summary and "Order fulfilment" not in summary
    path = report(journeys, tmp_path)
    last = " ".join(pdftext(path, page_count(path)).split())
    assert "Compared on the stages all share; Onboarding: only Ann Berg; Support: only Dana Okafor" in last


@pytest.mark.parametrize("theme", [THEME, load_theme("default-de")], ids=["en", "de"])
def test_a_blueprints_chapter_is_a_service_blueprint_without_a_profile(tmp_path: Path, theme: Theme) -> None:
    journeys = load_model("overlap-blueprint")
    plan = plan_report(journeys, theme)
    cards = [b.name for b in plan.blocks if isinstance(b, ProfileCard)]
    assert cards == ["Ann Berg", "Dana Okafor"]
    title = f"{theme.labels.service_blueprint}: Order fulfilment"
    assert title in [h.text for h in plan.headings()]
    blueprint_chart = charts(plan)[2]
    assert [b.name for b in blueprint_chart.bands] == ["Purchase", "Support", "Delivery"]
    path = report(journeys, tmp_path, theme)
    text = " ".join(pdftext(path).split())
    assert title in text
    assert "Meet " not in text


def test_a_report_of_a_blueprint_alone_still_builds(tmp_path: Path) -> None:
    journeys = load_model("overlap-blueprint")
    alone = dataclasses.replace(journeys, personas=journeys.personas[2:])
    path = report(alone, tmp_path)
    text = " ".join(pdftext(path).split())
    assert "Service blueprint: Order fulfilment" in text


def test_a_blueprint_without_scores_or_pains_has_no_empty_curve_no_empty_action_plan_and_no_bare_page(
    tmp_path: Path,
) -> None:
    from mapgen.model import Persona, Stage, Step

    steps = tuple(
        Step(
            stage, action=f"Customer {stage.lower()}", extra=(("Backstage", f"Team handles {stage.lower()}"),)
        )
        for stage in ("Order", "Delivery")
    )
    blueprint = Persona(
        "Fulfilment", "Fulfilment", steps=steps, stages=("Order", "Delivery"), kind="blueprint"
    )
    journeys = Journeys("x.xlsx", stages=(Stage("Order"), Stage("Delivery")), personas=(blueprint,))
    plan = plan_report(journeys, THEME)
    assert not [b for b in plan.blocks if isinstance(b, Figure)]
    path = report(journeys, tmp_path)
    text = pdftext(path)
    assert "Emotion curve" not in text and "Action plan" not in text
    assert "Team handles delivery" in text
    for page in range(3, page_count(path) + 1):  # past the cover and contents
        words = pdftext(path, page, page).split()
        assert len(words) > 12, f"page {page} holds little more than a heading: {words}"
