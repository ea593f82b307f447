"""Plan the whole report: which parts make it, in which order, and what around them needs every part.

The report is planned in parts (plan_part), each from its own scope so that it can be made and
cached apart from the rest (mapgen.renderers.parts): the executive summary and the overview from
the whole model, and a chapter per persona from the model with that persona only. Each part's
bookmark keys start with its name, never with a counter shared with other parts. plan_report plans
what needs every part: the cover and the contents page, around the parts, planned here or (when
they were made as parts) known only by their outlines, problems and missing characters. The
problems are the build's, for the terminal and the manifest: the client's report never lists them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from itertools import count
from typing import TYPE_CHECKING

from mapgen import text
from mapgen._version import __version__
from mapgen.model import Journeys, Problem
from mapgen.renderers.parts import PartSpec, part_scope, persona_part
from mapgen.renderers.pdf.plan.chapter import plan_chapter
from mapgen.renderers.pdf.plan.context import JourneyLayout, PlanContext, default_layout, report_geometry
from mapgen.renderers.pdf.plan.front import plan_contents, plan_cover, plan_metadata, plan_page_setup
from mapgen.renderers.pdf.plan.overview import plan_overview
from mapgen.renderers.pdf.plan.summary import plan_summary
from mapgen.renderers.pdf.report import (
    Block,
    Contents,
    Heading,
    JourneyMap,
    Part,
    ReportPlan,
    block_entries,
    block_texts,
    document_entries,
)

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["OVERVIEW", "SUMMARY", "missing_glyph_problems", "part_specs", "plan_part", "plan_report"]

SUMMARY = PartSpec("summary")
OVERVIEW = PartSpec("overview")
_KEY_PREFIX = "s"  # of the contents' bookmark key


def part_specs(journeys: Journeys) -> list[PartSpec]:
    """Return the parts of the report in document order: summary, a chapter per persona, overview."""
    return [SUMMARY, *(persona_part(i) for i in range(len(journeys.personas))), OVERVIEW]


def plan_part(scope: Journeys, theme: Theme, spec: PartSpec, *, layout: JourneyLayout | None = None) -> Part:
    """Return the plan of one part from its scope (mapgen.renderers.parts.part_scope), which is all it sees.

    A persona's chapter sees the model with that persona only; spec.persona is the persona's index
    in the whole model. Its keys start with the part's name: unique across parts planned apart.
    """
    ctx = PlanContext(scope, theme, report_geometry(theme), layout or default_layout)
    problems: tuple[Problem, ...] = ()
    if spec.persona is not None:
        (persona,) = scope.personas
        planned, problems = plan_chapter(ctx, spec.persona, persona)
    elif spec == SUMMARY:
        planned = plan_summary(ctx)
    elif spec == OVERVIEW:
        planned = plan_overview(ctx)
    else:
        raise ValueError(f"the report has no part {spec.name!r}")
    blocks = _numbered(planned, f"{spec.name}.")
    return Part(
        spec.name,
        spec.persona,
        block_entries(blocks),
        blocks,
        tuple(dict.fromkeys(problems)),
        "".join(sorted(_missing(blocks, theme))),
    )


def plan_report(
    journeys: Journeys,
    theme: Theme,
    *,
    version: str | None = None,
    layout: JourneyLayout | None = None,
    parts: Sequence[Part] | None = None,
) -> ReportPlan:
    """Return the plan of the report for a model and theme.

    version: the version the PDF's document information names as its creator (by default
    mapgen's). layout: lays out a persona's journey map (default: mapgen.layout.layout_journey).
    parts: the parts of part_specs(journeys), in order, already planned (or made); by default each
    is planned here with plan_part, from the same scope it has when made on its own.
    """
    specs = part_specs(journeys)
    if parts is None:
        parts = [plan_part(part_scope(journeys, spec), theme, spec, layout=layout) for spec in specs]
    if [(p.name, p.persona) for p in parts] != [(s.name, s.persona) for s in specs]:
        raise ValueError("plan_report needs the parts of part_specs(), in order")
    parts = tuple(parts)
    setup = plan_page_setup(journeys, theme)

    contents = Contents(theme.labels.contents, "", depth=2)
    missing = _missing((contents,), theme).union(*(p.missing for p in parts))
    problems = [problem for p in parts for problem in p.problems]
    problems.extend(missing_glyph_problems("".join(sorted(missing))))
    # The contents list sections too when that still fits on one page (keys change no height).
    contents = plan_contents(contents, document_entries((contents,), parts), theme, setup.geometry)
    numbered = _numbered((contents,), _KEY_PREFIX)
    return ReportPlan(
        metadata=plan_metadata(journeys, theme, setup.header[0], version or __version__),
        geometry=setup.geometry,
        cover=plan_cover(journeys, theme, setup),
        header=setup.header,
        footer=setup.footer,
        front=numbered,
        parts=parts,
        problems=tuple(dict.fromkeys(problems)),
    )


def missing_glyph_problems(characters: str) -> list[Problem]:
    """Return the warning for each character that no available font has, in the order given."""
    return [Problem("warning", f"{text.missing_glyph_message(ch)} (PDF report)") for ch in characters]


def _numbered(blocks: Iterable[Block], prefix: str) -> tuple[Block, ...]:
    """Return the blocks with their bookmark keys numbered in document order: prefix1, prefix2, ...

    Planners leave keys blank; numbering them once the blocks are known keeps each section's
    planner free of a counter it would have to share with the sections before it.
    """
    numbers = count(1)
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading | JourneyMap | Contents):
            block = dataclasses.replace(block, key=f"{prefix}{next(numbers)}")
        out.append(block)
    return tuple(out)


def _missing(blocks: Iterable[Block], theme: Theme) -> set[str]:
    """Return the characters of the blocks' texts that no available font has."""
    seen: set[str] = set()
    for block in blocks:
        for value in block_texts(block):
            seen.update(value)
    return text.missing_glyphs("".join(seen), theme.font_chain("body"))
