"""The built-in formats: which files each makes from a model, and how each file is made.

Planners run in the main process and stay light; the render functions run wherever the task
runs and import the heavy libraries there, so a worker only loads what its task needs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from mapgen.model import Journeys
from mapgen.slugs import unique_slugs
from mapgen.tasks import Options, Rendered, Task

if TYPE_CHECKING:
    from mapgen.themes import Theme


def deliverable_stem(journeys: Journeys) -> str:
    """Return the file stem of the deck and the report: the workbook's own stem."""
    return PurePath(journeys.source).stem or "journeys"


def plan_png(journeys: Journeys, _options: Options) -> list[Task]:
    """Return a task per persona's journey map and one for the overview."""
    slugs = unique_slugs(p.name for p in journeys.personas)
    tasks = [
        # A persona's map shows the project, the shared stages and that persona only, so
        # editing another persona leaves its file (and its cache entry) alone.
        Task("png", f"{slug}.png", persona.name, render_persona_png, _only(journeys, persona.name), 1.0)
        for persona, slug in zip(journeys.personas, slugs, strict=True)
    ]
    tasks.append(Task("png", "overview.png", None, render_overview_png, replace(journeys, problems=()), 1.0))
    return tasks


def plan_pptx(journeys: Journeys, _options: Options) -> list[Task]:
    """Return the one task that makes the deck."""
    cost = 2.0 + 0.5 * len(journeys.personas)
    return [Task("pptx", f"{deliverable_stem(journeys)}.pptx", None, render_deck_file, journeys, cost)]


def plan_pdf(journeys: Journeys, _options: Options) -> list[Task]:
    """Return the one task that makes the report (its appendix lists the workbook's warnings)."""
    cost = 3.0 + 0.6 * len(journeys.personas)
    return [Task("pdf", f"{deliverable_stem(journeys)}.pdf", None, render_report_file, journeys, cost)]


def _only(journeys: Journeys, name: str) -> Journeys:
    personas = tuple(p for p in journeys.personas if p.name == name)
    return replace(journeys, personas=personas, problems=())


def _page(theme: Theme, options: Options) -> tuple[tuple[float, float], int]:
    png = theme.png
    return png.canvas(options.png_size), options.dpi or png.resolution(options.png_size)


def render_persona_png(journeys: Journeys, theme: Theme, options: Options) -> Rendered:
    """Paint the journey map of the scope's one persona."""
    from mapgen.layout import layout_journey
    from mapgen.renderers.png import paint_png

    page, dpi = _page(theme, options)
    (persona,) = journeys.personas
    result = layout_journey(journeys, persona, theme, page=page)
    (scene,) = result.scenes
    return Rendered(paint_png(scene, theme, dpi=dpi), tuple(result.problems))


def render_overview_png(journeys: Journeys, theme: Theme, options: Options) -> Rendered:
    """Paint every persona's emotion curve and the pain-point matrix on one picture."""
    from mapgen.layout import layout_overview
    from mapgen.renderers.png import paint_png

    page, dpi = _page(theme, options)
    result = layout_overview(journeys, theme, page=page)
    return Rendered(paint_png(result.scenes[0], theme, dpi=dpi), tuple(result.problems))


def render_deck_file(journeys: Journeys, theme: Theme, options: Options) -> Rendered:
    """Make the PowerPoint deck, on the client's template when one is given."""
    from mapgen.renderers.pptx import render_deck

    deck = render_deck(journeys, theme, template=options.template)
    return Rendered(deck.data, deck.problems)


def render_report_file(journeys: Journeys, theme: Theme, options: Options) -> Rendered:
    """Make the PDF report; its appendix lists the theme's warnings beside the workbook's."""
    from mapgen.renderers.pdf import render_report

    data, problems = render_report(journeys, theme, warnings=theme.warnings, timestamp=options.timestamp)
    return Rendered(data, tuple(problems))
