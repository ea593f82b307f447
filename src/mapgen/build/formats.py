"""The built-in formats: which files each makes from a model, and how each file is made.

Planners run in the main process and stay light; the render functions run wherever the task
runs and import the heavy libraries there, so a worker only loads what its task needs. The deck
and the report are joined from parts (mapgen.renderers.parts): a part per persona made from that persona
alone, plus the deck's front and back matter, so an edit to one persona remakes one part of each.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from mapgen.build.tasks import Joiner, Options, Planner, Rendered, Task
from mapgen.model import Journeys
from mapgen.renderers.parts import PartSpec, part_scope, persona_part
from mapgen.slugs import unique_slugs
from mapgen.stages import compared_personas

if TYPE_CHECKING:
    from mapgen.themes import Theme

PNG_SETTINGS = ("png_size", "dpi")
DECK_SETTINGS = ("template",)
REPORT_PART_SETTINGS: tuple[str, ...] = ()  # a chapter records no date: stamped builds reuse it
REPORT_SETTINGS = ("timestamp",)
PartRenderer = Callable[[PartSpec, Journeys, "Theme", Options], Rendered]
# What a worker imports to make each format's files (see Runner.warm_up).
WORKER_MODULES = {
    "png": (
        "mapgen.layout",
        "mapgen.renderers.png.painter",
        "matplotlib.backends.backend_agg",
        "zlib_ng.zlib_ng",
    ),
    "pptx": (
        "mapgen.layout",
        "mapgen.renderers.pptx.output.part",
        "mapgen.renderers.pptx.package.join",
        "pptx",
    ),
    "pdf": ("mapgen.layout", "mapgen.renderers.pdf.writer", "reportlab.platypus", "pikepdf"),
}


def worker_modules(formats: Sequence[str] | None) -> list[str]:
    """Return the modules workers import to make the given formats (None: every format)."""
    chosen = WORKER_MODULES if formats is None else [f for f in formats if f in WORKER_MODULES]
    return list(dict.fromkeys(module for name in chosen for module in WORKER_MODULES[name]))


def deliverable_stem(journeys: Journeys) -> str:
    """Return the file stem of the deck and the report: the workbook's own stem."""
    return PurePath(journeys.source).stem or "journeys"


def plan_png(journeys: Journeys, _options: Options) -> list[Task]:
    """Return a task per persona's journey map and one for the overview of two personas or more."""
    slugs = unique_slugs(p.name for p in journeys.personas)
    tasks = [
        # A persona's map shows the project, the shared stages and that persona only, so
        # editing another persona leaves its file (and its cache entry) alone; its index
        # colours its avatar as in the deck and the report.
        Task(
            "png",
            f"{slug}.png",
            persona.name,
            functools.partial(render_persona_png, index),
            part_scope(journeys, persona_part(index)),
            settings=PNG_SETTINGS,
        )
        for index, (persona, slug) in enumerate(zip(journeys.personas, slugs, strict=True))
    ]
    if len(compared_personas(journeys)) < 2:
        return tasks  # one persona, or blueprints only: nothing to compare
    overview = replace(journeys, problems=())
    cost = 1.0 + 0.05 * len(journeys.personas)
    tasks.append(
        Task("png", "overview.png", None, render_overview_png, overview, cost, settings=PNG_SETTINGS)
    )
    return tasks


def plan_pptx(journeys: Journeys, _options: Options) -> list[Task]:
    """Return the task that joins the deck from its parts: front matter, a part per persona, back."""
    from mapgen.renderers.pptx.deck import deck_parts

    file = f"{deliverable_stem(journeys)}.pptx"
    parts = _parts("pptx", file, journeys, deck_parts(journeys), render_deck_part_file, DECK_SETTINGS)
    return [_joined("pptx", file, journeys, parts, join_deck_file, DECK_SETTINGS)]


def plan_pdf(journeys: Journeys, _options: Options) -> list[Task]:
    """Return the task that joins the report from its parts: summary, a chapter per persona, overview."""
    from mapgen.renderers.pdf.plan.document import part_specs

    file = f"{deliverable_stem(journeys)}.pdf"
    parts = _parts("pdf", file, journeys, part_specs(journeys), render_report_part_file, REPORT_PART_SETTINGS)
    return [_joined("pdf", file, journeys, parts, join_report_file, REPORT_SETTINGS)]


def _parts(
    format: str,
    file: str,
    journeys: Journeys,
    specs: Sequence[PartSpec],
    render: PartRenderer,
    settings: tuple[str, ...],
) -> tuple[Task, ...]:
    """Return a task per part of a file, each made from the part's scope only."""
    tasks = []
    for spec in specs:
        scope = part_scope(journeys, spec)
        persona = scope.personas[0].name if spec.persona is not None else None
        # The whole-model parts (the deck's agenda, overview) grow with the personas.
        cost = 1.0 if spec.persona is not None else 1.0 + 0.05 * len(journeys.personas)
        render_part = functools.partial(render, spec)  # a partial of a module-level function pickles
        name = f"{file}#{spec.name}"
        tasks.append(Task(format, name, persona, render_part, scope, cost, settings=settings))
    return tuple(tasks)


def _joined(
    format: str,
    file: str,
    journeys: Journeys,
    parts: tuple[Task, ...],
    join: Joiner,
    settings: tuple[str, ...],
) -> Task:
    cost = 1.0 + 0.02 * len(parts)
    return Task(format, file, None, None, journeys, cost, parts=parts, join=join, settings=settings)


def _page(theme: Theme, options: Options) -> tuple[tuple[float, float], int]:
    png = theme.png
    return png.canvas(options.png_size), options.dpi or png.resolution(options.png_size)


def render_persona_png(index: int, journeys: Journeys, theme: Theme, options: Options) -> Rendered:
    """Paint the journey map of the scope's one persona, the index-th of the whole model."""
    from mapgen.layout import layout_canvas
    from mapgen.renderers.png.painter import paint_png

    page, dpi = _page(theme, options)
    (persona,) = journeys.personas
    result = layout_canvas(journeys, persona, theme, page, index=index)
    (scene,) = result.scenes
    return Rendered(paint_png(scene, theme, dpi=dpi), tuple(result.problems))


def render_overview_png(journeys: Journeys, theme: Theme, options: Options) -> Rendered:
    """Paint every persona's emotion curve and the pain-point matrix on one picture."""
    from mapgen.layout import layout_overview
    from mapgen.renderers.png.painter import paint_png

    page, dpi = _page(theme, options)
    result = layout_overview(journeys, theme, page=page)
    return Rendered(paint_png(result.scenes[0], theme, dpi=dpi), tuple(result.problems))


def render_deck_part_file(spec: PartSpec, scope: Journeys, theme: Theme, options: Options) -> Rendered:
    """Make one part of the deck (its slides, on the client's template when one is given)."""
    from mapgen.renderers.pptx.writer import render_deck_part

    data, problems = render_deck_part(scope, spec, theme, template=options.template)
    return Rendered(data, tuple(problems))


def join_deck_file(journeys: Journeys, theme: Theme, options: Options, parts: Sequence[bytes]) -> Rendered:
    """Join the PowerPoint deck from its parts."""
    from mapgen.renderers.pptx.writer import assemble_deck

    deck = assemble_deck(journeys, theme, parts, template=options.template)
    return Rendered(deck.data, deck.problems)


def render_report_part_file(spec: PartSpec, scope: Journeys, theme: Theme, options: Options) -> Rendered:
    """Make one persona's chapter of the report."""
    from mapgen.renderers.pdf.writer import render_report_part

    data, problems = render_report_part(scope, spec, theme)
    return Rendered(data, tuple(problems))


def join_report_file(journeys: Journeys, theme: Theme, options: Options, parts: Sequence[bytes]) -> Rendered:
    """Join the PDF report from its parts (the build reports the theme's warnings, not the report)."""
    from mapgen.renderers.pdf.writer import assemble_report

    data, problems = assemble_report(journeys, theme, parts, timestamp=options.timestamp)
    return Rendered(data, tuple(problems))


# The registry: a plain dict filled here, in build order (Sphinx's add_builder, pandoc's writers).
FORMATS: dict[str, Planner] = {}


def register_format(name: str, planner: Planner) -> None:
    """Register the planner of a format; a name can be registered once."""
    if name in FORMATS:
        raise ValueError(f"a format named {name!r} is registered already")
    FORMATS[name] = planner


def format_names() -> list[str]:
    """Return the formats mapgen can write, in build order."""
    return list(FORMATS)


def plan_tasks(journeys: Journeys, formats: list[str], options: Options) -> list[Task]:
    """Return the tasks that make the given formats of a model, in the formats' order."""
    return [task for name in formats for task in FORMATS[name](journeys, options)]


register_format("png", plan_png)
register_format("pptx", plan_pptx)
register_format("pdf", plan_pdf)
