"""The overview: the comparison of the personas (layout/comparison.py), and the pain-point matrix.

Personas are compared on the stages they all have; a line says whose the other stages are, and
when they share none there is no curve to compare: the overview says whose each stage is. Service
blueprints are processes, not personas: they are left out.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.insights.comparison import Comparison, compare
from mapgen.layout.comparison import (
    chart,
    chart_height,
    hurts_height,
    hurts_table,
    multiples,
    multiples_height,
    scale_note,
)
from mapgen.layout.footer import footer, footer_height
from mapgen.layout.result import LayoutResult
from mapgen.layout.shapes import fitted_block
from mapgen.model import Journeys, Persona, Problem
from mapgen.scene import Box, Primitive, Rect, Scene, Tag, TextBlock
from mapgen.scores import scale_of, score_text
from mapgen.stages import Ownership, compared_personas, ownership

if TYPE_CHECKING:
    from mapgen.themes import Theme

MINUS = "\u2212"


def pain_cell(persona: Persona, stage: str) -> tuple[int, float | None]:
    """Return the number of pain points of a persona in a stage and the worst score there."""
    steps = persona.steps_in(stage)
    scores = [s.score for s in steps if s.score is not None]
    return sum(len(s.pain_points) for s in steps), (min(scores) if scores else None)


def layout_overview(journeys: Journeys, theme: Theme, page: tuple[float, float]) -> LayoutResult:
    """Lay out the overview of all personas on one page (taller when there are many personas)."""
    width, height = page
    c, sizes = theme.colours, theme.sizes
    m = round(min(page) * 0.045, 2)
    small, body, h2, h3 = sizes.size("small"), sizes.size("body"), sizes.size("h2"), sizes.size("h3")
    line = sizes.line_height
    personas = compared_personas(journeys)
    own = ownership(journeys, personas)
    stages = list(own.stages)
    items: list[Primitive] = []
    title = theme.labels.overview
    block = fitted_block(
        theme,
        title,
        Box(m, m, (width - 2 * m) * 0.6, h2 * line),
        role="heading",
        size=h2,
        color=c.text,
        max_lines=1,
        tag=Tag("title"),
    )
    items.append(block)
    if journeys.project.title:
        items.append(
            fitted_block(
                theme,
                journeys.project.title,
                Box(m + (width - 2 * m) * 0.62, m, (width - 2 * m) * 0.38, h2 * line),
                size=small,
                color=c.muted,
                align="right",
                valign="middle",
                max_lines=1,
                tag=Tag("project"),
            )
        )
    y = m + h2 * line + body
    footer_h = footer_height(theme)
    row_h = round(small * line * 1.4 + 6, 2)
    matrix_h = h3 * line + 6 + row_h * (1 + len(personas)) + small * line + 6
    comparison = compare(journeys, personas)
    hurts_h = hurts_height(comparison, theme) + body if _ranked(comparison) else 0.0
    note_h = (_note_lines(own) + 1) * small * line * 1.4
    room = height - y - m - footer_h - body * 2 - matrix_h - hurts_h - note_h
    # When the matrix makes the page grow anyway, the chart keeps half a page rather than its least.
    chart_h = max(chart_height(theme), room if room > 0 else (height - y - m - footer_h) * 0.5)
    if comparison.mode in ("curves", "groups"):
        items += chart(comparison, theme, Box(m, y, width - 2 * m, chart_h))
        y += chart_h + body * 0.5
    elif comparison.mode == "small multiples":
        items += multiples(comparison, theme, Box(m, y, width - 2 * m, 0))
        y += multiples_height(comparison, theme, width - 2 * m) + small * line * 2 + body * 0.5
    if comparison.mode in ("curves", "groups", "small multiples"):
        items.append(
            fitted_block(
                theme,
                scale_note(comparison, theme),
                Box(m, y, width - 2 * m, small * line),
                size=small,
                color=c.muted,
                max_lines=1,
                tag=Tag("scale"),
            )
        )
        y += small * line * 1.4
    if not own.all_shared:
        note, y = _ownership_note(theme, own, Box(m, y + body * 0.5, width - 2 * m, small * line * 1.4))
        items += note
    if _ranked(comparison):
        table, y = hurts_table(comparison, theme, Box(m, y + body, width - 2 * m, 0))
        items += table
    y += body
    if stages:
        matrix, y = _matrix(personas, theme, stages, Box(m, y, width - 2 * m, row_h))
        items += matrix
    page_h = max(height, float(math.ceil(y + body + footer_h + m)))
    items += footer(journeys, theme, Box(m, page_h - m - footer_h, width - 2 * m, footer_h))
    names = ", ".join(p.name for p in personas)
    description = (
        f"{theme.labels.overview}: {theme.labels.emotion_curve.lower()} of {len(personas)} "
        f"{theme.labels.personas.lower()} ({names}) over {len(own.shared)} {theme.labels.stages.lower()}, "
        f"and the {theme.labels.pain_point_matrix.lower()}."
    )
    scene = Scene(width, page_h, c.background, tuple(items), title=title, description=description)
    problems = tuple(
        {b.source: _cut(journeys, b) for b in items if isinstance(b, TextBlock) and b.truncated}.values()
    )
    return LayoutResult((scene,), problems)


def _cut(journeys: Journeys, block: TextBlock) -> Problem:

    return Problem(
        "warning",
        f"the overview cuts {block.source!r} to fit; shorten it, or build a larger size (--size poster)",
        file=journeys.source,
    )


def _note_lines(own: Ownership) -> int:
    """Return how many lines the note on whose stages are whose takes (none when all share all)."""
    if own.all_shared:
        return 0
    return len(own.others) + (0 if own.shared else 1)


def _ownership_note(theme: Theme, own: Ownership, box: Box) -> tuple[list[Primitive], float]:
    """Return the lines saying whose the stages not compared are, and the y below them.

    Over shared stages, one line: "Compared on the stages all share; Onboarding: only Dana".
    With none shared, a line saying so, then a line per group of stages and whose they are.
    """
    if own.all_shared:
        return [], box.y
    c, small = theme.colours, theme.sizes.size("small")
    labels = theme.labels
    whose = own.lines(labels.only)
    lines = ["; ".join([labels.shared_stages, *whose])] if own.shared else [labels.no_shared_stages, *whose]
    out: list[Primitive] = []
    y = box.y
    for n, words in enumerate(lines):
        out.append(
            fitted_block(
                theme,
                words,
                Box(box.x, y, box.w, box.h),
                size=small,
                color=c.text if n == 0 and not own.shared else c.muted,
                bold=n == 0 and not own.shared,
                max_lines=1,
                tag=Tag("stage-owners"),
            )
        )
        y += box.h
    return out, y


def _ranked(comparison: Comparison) -> bool:
    """Return True when the overview shows the ranked stages: beyond the curves' count, when any hurt."""
    return comparison.mode in ("groups", "small multiples") and bool(comparison.hurts)


def _matrix(
    personas: tuple[Persona, ...], theme: Theme, stages: list[str], box: Box
) -> tuple[list[Primitive], float]:
    """Return the pain-point matrix (a row per persona, a column per stage) and the y below it."""
    c, sizes = theme.colours, theme.sizes
    small, h3 = sizes.size("small"), sizes.size("h3")
    line = sizes.line_height
    out: list[Primitive] = [
        fitted_block(
            theme,
            theme.labels.pain_point_matrix,
            Box(box.x, box.y, box.w, h3 * line),
            role="heading",
            size=h3,
            color=c.text,
            max_lines=1,
            tag=Tag("matrix-title"),
        )
    ]
    y = box.y + h3 * line + 6
    row_h = box.h
    name_w = min(
        box.w * 0.22,
        max(text.measure(p.name, theme.font_chain("body"), small) for p in personas) + 12,
    )
    cell_w = (box.w - name_w) / len(stages)
    for i, stage in enumerate(stages):
        out.append(
            fitted_block(
                theme,
                stage,
                Box(box.x + name_w + i * cell_w + 3, y, cell_w - 6, row_h),
                size=small,
                color=c.muted,
                bold=True,
                align="center",
                valign="bottom",
                max_lines=2,
                tag=Tag("matrix-header", stage=stage),
            )
        )
    y += row_h + 2
    for persona in personas:
        out.append(
            fitted_block(
                theme,
                persona.name,
                Box(box.x, y, name_w - 6, row_h),
                size=small,
                color=c.text,
                bold=True,
                valign="middle",
                max_lines=1,
                tag=Tag("matrix-header", persona=persona.name),
            )
        )
        for i, stage in enumerate(stages):
            count, worst = pain_cell(persona, stage)
            tag = Tag("matrix-cell", persona=persona.name, stage=stage)
            cell = Box(box.x + name_w + i * cell_w + 1.5, y, cell_w - 3, row_h - 3)
            out.append(Rect(cell, fill=c.pain_surface if count else c.surface, radius=3, tag=tag))
            if count:
                # Severity: the worst feeling in the stage, else how many pain points it has.
                severity = max(0.0, -worst) if worst is not None else min(1.0, count / 3)
                bar = max(2.0, (cell.w - 4) * severity)
                out.append(Rect(Box(cell.x + 2, cell.bottom - 4, bar, 2.5), fill=c.pain, tag=tag))
            worst_text = (
                score_text(worst, scale_of(persona), mark=theme.labels.decimal_mark)
                if worst is not None
                else ""
            )
            words = f"{count} · {worst_text}" if worst_text and count else str(count)
            out.append(
                fitted_block(
                    theme,
                    words if count else "–",
                    Box(cell.x + 2, cell.y + 1, cell.w - 4, cell.h - 6),
                    size=small,
                    color=c.text if count else c.muted,
                    align="center",
                    valign="middle",
                    max_lines=1,
                    tag=tag,
                )
            )
        y += row_h
    small_line = small * line
    out.append(
        fitted_block(
            theme,
            f"{theme.labels.count} · {theme.labels.worst_score}",
            Box(box.x + name_w, y + 2, box.w - name_w, small_line),
            size=small,
            color=c.muted,
            max_lines=1,
            tag=Tag("matrix-key"),
        )
    )
    return out, y + 2 + small_line
