"""The PDF report, made in parts that are each made on their own, then joined.

A 60-persona report has some 500 pages; made in one piece it takes one core most of a build and
is remade whole when one persona changes. So it is made of parts (report_parts): the executive
summary, a chapter per persona and the overview, each made from its own scope (render_report_part,
in a worker process, cached by the build: a chapter sees its persona only, so editing another
leaves it alone). assemble_report then makes what needs every part, the cover and contents, and
joins it all with pikepdf (mapgen.renderers.pdf.package.join). Warnings are returned for the
terminal and the manifest: the client's report never prints them.

No part knows on which page it starts, so the join gives the page numbers: parts are made without
them, "Page X of Y" is laid over every page once the whole is joined, and the contents page is made
last, when every part's length is known. render_report and write_report take the same path in one
process, so the report they make is the one the build makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mapgen.model import Journeys, Problem
from mapgen.renderers.parts import PartSpec, part_scope
from mapgen.renderers.pdf import report as rp
from mapgen.renderers.pdf.output.emit import Section, emit_page_numbers, emit_section
from mapgen.renderers.pdf.output.part import ReportPart
from mapgen.renderers.pdf.package.join import Bookmark, Piece, join
from mapgen.renderers.pdf.plan.context import JourneyLayout
from mapgen.renderers.pdf.plan.document import missing_glyph_problems, part_specs, plan_part, plan_report
from mapgen.renderers.pdf.plan.front import plan_page_setup

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["assemble_report", "render_report", "render_report_part", "report_parts", "write_report"]

# Beyond this many personas the outline opens with the chapters folded.
_OPEN_OUTLINE_PERSONAS = 6


def write_report(
    journeys: Journeys,
    theme: Theme,
    path: str | Path,
    *,
    timestamp: dt.datetime | None = None,
    layout: JourneyLayout | None = None,
) -> list[Problem]:
    """Write the PDF report of a model to path; return the layout and painting warnings.

    timestamp: the creation date to record; None (the default) makes the file reproducible,
    byte for byte.
    """
    data, problems = render_report(journeys, theme, timestamp=timestamp, layout=layout)
    Path(path).write_bytes(data)
    return problems


def render_report(
    journeys: Journeys,
    theme: Theme,
    *,
    timestamp: dt.datetime | None = None,
    layout: JourneyLayout | None = None,
) -> tuple[bytes, list[Problem]]:
    """Return the PDF report's bytes and the layout and painting warnings."""
    parts = [
        render_report_part(part_scope(journeys, spec), spec, theme, layout=layout)[0]
        for spec in report_parts(journeys)
    ]
    return assemble_report(journeys, theme, parts, timestamp=timestamp)


def report_parts(journeys: Journeys) -> list[PartSpec]:
    """Return the parts the report is made of, in document order.

    The executive summary and the overview see the whole model (so any edit remakes them); a
    persona's chapter (persona_part) sees that persona only.
    """
    return part_specs(journeys)


def render_report_part(
    scope: Journeys,
    spec: PartSpec,
    theme: Theme,
    *,
    timestamp: dt.datetime | None = None,
    layout: JourneyLayout | None = None,
) -> tuple[bytes, list[Problem]]:
    """Return a part of the report as bytes for assemble_report, and its problems.

    scope: part_scope(whole model, spec), the whole model or, for a persona's chapter, the model
    with that persona only. A part records no date (timestamp is accepted for the build's sake and
    left out), so it stays valid, and cached, whatever the build's timestamp.
    """
    del timestamp
    plan = plan_part(scope, theme, spec, layout=layout)
    section = emit_section(plan.blocks, theme, plan_page_setup(scope, theme))
    problems = tuple(dict.fromkeys((*plan.problems, *section.problems)))
    made = ReportPart(replace(plan, blocks=(), problems=problems), section.pdf, section.pages, section.places)
    glyphs = missing_glyph_problems(plan.missing)
    return made.to_bytes(), list(dict.fromkeys((*problems, *glyphs)))


def assemble_report(
    journeys: Journeys,
    theme: Theme,
    parts: Sequence[bytes],
    *,
    timestamp: dt.datetime | None = None,
) -> tuple[bytes, list[Problem]]:
    """Return the report made of its parts' bytes, and the report's warnings (the parts' included).

    parts[i]: render_report_part's bytes for report_parts(journeys)[i]. Makes the cover and
    contents and joins them with the parts (which were laid out when they were made).
    """
    specs = report_parts(journeys)
    made = [ReportPart.from_bytes(data) for data in parts]
    if [p.part.name for p in made] != [s.name for s in specs]:
        raise ValueError(f"assemble_report needs the {len(specs)} parts of report_parts(), in order")
    plan = plan_report(journeys, theme, parts=[p.part for p in made])
    setup = plan.setup
    (contents,) = plan.front
    following = [Section(p.pdf, p.pages, p.places, ()) for p in made]
    front = _front(plan, theme, contents, following, timestamp)
    sections = [front, *following]
    total = sum(s.pages for s in sections)
    personas = sum(1 for p in made if p.part.persona is not None)
    data = join(
        [Piece(s.pdf, s.places) for s in sections],
        [Bookmark(e.level, e.title, e.key) for e in plan.entries()],
        lambda sizes: emit_page_numbers(sizes, 2, total, theme, setup),
        folded=personas > _OPEN_OUTLINE_PERSONAS,
    )
    problems = (*plan.problems, *(p for s in sections for p in s.problems))
    return data, list(dict.fromkeys(problems))


def _front(
    plan: rp.ReportPlan,
    theme: Theme,
    contents: rp.Block,
    following: Sequence[Section],
    timestamp: dt.datetime | None,
) -> Section:
    """Return the cover and contents, numbered for the sections that follow them.

    How long the contents are does not depend on the numbers they print, so this is made once
    with a guess of its own length, and again only when the guess was wrong.
    """
    pages = 2 if len(plan.contents()) else 1
    for _ in range(3):
        numbers: dict[str, int] = {}
        offset = pages
        for section in following:
            numbers.update({key: offset + page + 1 for key, (page, _top) in section.places.items()})
            offset += section.pages
        front = emit_section(
            [contents],
            theme,
            plan.setup,
            cover=plan.cover,
            contents=plan.contents(),
            numbers=numbers,
            metadata=plan.metadata,
            timestamp=timestamp,
        )
        if front.pages == pages:
            return front
        pages = front.pages
    raise RuntimeError("the contents page does not settle on a length")
