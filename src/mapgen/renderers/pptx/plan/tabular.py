"""Tables and the comparison of personas: pain points per persona, the emotion curves of all
personas as one chart, and the pain-point matrix; pure, no python-pptx.

Rows are measured with mapgen.text at an explicit size, so each row is exactly as tall as its
text; tables longer than a slide continue on the next one, header repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mapgen import colors
from mapgen.insights.comparison import Comparison
from mapgen.insights.words import fill as fill_in
from mapgen.layout.comparison import hurts_rows
from mapgen.model import Journeys, Persona, Scale
from mapgen.renderers.pptx.deck import Paragraph, PlanItem, SlidePlan, Table, TableCell
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.common import (
    Ctx,
    continued,
    indexed_steps,
    ordered_stages,
    slide_title,
)
from mapgen.renderers.pptx.plan.fit import fit_block, fit_list, sizes_between, wrap_paragraph
from mapgen.scene import Box, Tag
from mapgen.scores import (
    is_inferred,
    scale_of,
    scales_text,
    score_text,
)
from mapgen.stages import Ownership, compared_personas, ownership

__all__ = [
    "CellText",
    "Row",
    "cell_paragraphs",
    "fit_tables",
    "hurts_slide",
    "matrix_cells",
    "matrix_slides",
    "owners_slide",
    "pain_table_slides",
    "row_height",
    "severity",
    "stage_means",
]

_EPS = 1e-6


@dataclass(frozen=True)
class CellText:
    """A paragraph of a cell before it is wrapped: its text and how it looks."""

    text: str
    color: str
    bold: bool | None = None
    small: bool = False
    bullets: bool = False  # split on newlines into bulleted items


@dataclass(frozen=True)
class Row:
    """A table row before it is fitted: each column's paragraphs and its fill."""

    cells: tuple[tuple[tuple[CellText, ...], str | None], ...]  # (paragraphs, fill) per column
    key: str = ""  # what a cut is reported against
    persona: Persona | None = None
    cell: str = ""


def cell_paragraphs(ctx: Ctx, texts: Sequence[CellText], width: float, size: float) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    for t in texts:
        s = round(size / ctx.theme.sizes.scale, 2) if t.small else size
        s = max(s, ctx.theme.sizes.minimum)
        chain = ctx.theme.font_chain("body", bold=t.bold)
        items = [i for i in t.text.split("\n") if i.strip()] if t.bullets else [t.text]
        for item in items:
            out.append(
                wrap_paragraph(
                    item,
                    chain,
                    s,
                    width,
                    color=t.color,
                    font="body",
                    bold=t.bold,
                    line_height=ctx.lh,
                    bullet="•" if t.bullets and len(items) > 1 else None,
                    space_before=s * 0.3 if out else 0.0,
                )
            )
    return tuple(out)


def fit_tables(
    ctx: Ctx,
    header: Sequence[str],
    rows: Sequence[Row],
    fractions: Sequence[float],
    box: Box,
    alt: str,
    name: str,
    sizes: Sequence[float],
    *,
    warn: bool = True,
) -> list[Table]:
    """Return the rows as tables of at most box.h each, at the largest size in sizes that fits one.

    warn: say when the table continues on more slides (False where a long table is expected).
    """
    c = ctx.c
    total = sum(fractions)
    widths = [round(box.w * f / total, 2) for f in fractions]
    for size in sizes:
        margin_x = round(size * 0.6, 2)
        margin_y = round(size * 0.45, 2)
        inner = [w - 2 * margin_x for w in widths]
        head_cells = tuple(
            TableCell(cell_paragraphs(ctx, [CellText(h, c.on_primary, bold=True)], inner[k], size), c.primary)
            for k, h in enumerate(header)
        )
        head_h = row_height(head_cells, margin_y)
        built = []
        for row in rows:
            cells = tuple(
                TableCell(cell_paragraphs(ctx, texts, inner[k], size), fill)
                for k, (texts, fill) in enumerate(row.cells)
            )
            built.append((row, cells, row_height(cells, margin_y)))
        if size == sizes[-1] or head_h + sum(h for _, _, h in built) <= box.h + _EPS:
            break
    room = box.h - head_h
    fitted: list[tuple[tuple[TableCell, ...], float]] = []
    for row, cells, height in built:
        if height > room + _EPS:
            cells, height = _cut_row(ctx, row, cells, inner, room, margin_y, size)
        fitted.append((cells, height))
    pages = _share_rows(fitted, room)
    if len(pages) > 1 and warn:
        # Every word is kept and the title says "continued": said once, as a note, not a fault.
        ctx.note(f"the table {name!r} goes on over {len(pages) - 1} more slide(s) at {size:g} pt")
    tables = []
    for part, page in enumerate(pages):
        heights = (head_h, *(h for _, h in page))
        tables.append(
            Table(
                box=Box(box.x, box.y, round(sum(widths), 2), round(sum(heights), 2)),
                widths=tuple(widths),
                heights=tuple(round(h, 2) for h in heights),
                rows=(head_cells, *(cells for cells, _ in page)),
                header_rows=1,
                margin_x=margin_x,
                margin_y=margin_y,
                border=c.border,
                border_width=0.75,
                alt=alt + (f" (part {part + 1} of {len(pages)})" if len(pages) > 1 else ""),
                name=name,
            )
        )
    return tables


def _pages(rows: Sequence[tuple[tuple[TableCell, ...], float]], limit: float) -> list[list[Any]]:
    """Return the rows in order, a page whenever the next would pass limit points."""
    pages: list[list[Any]] = [[]]
    used = 0.0
    for row in rows:
        if pages[-1] and used + row[1] > limit + _EPS:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += row[1]
    return pages


def _share_rows(
    rows: Sequence[tuple[tuple[TableCell, ...], float]], room: float
) -> list[list[tuple[tuple[TableCell, ...], float]]]:
    """Return the rows over as few pages as hold them, shared out evenly: no page of one or two rows."""
    pages = _pages(rows, room)
    if len(pages) == 1:
        return pages
    low, high = max(h for _, h in rows), room
    best = pages
    for _ in range(14):
        if high - low < 1.0:
            break
        middle = (low + high) / 2
        trial = _pages(rows, middle)
        if len(trial) == len(pages):
            best, high = trial, middle
        else:
            low = middle
    return best


def row_height(cells: Sequence[TableCell], margin_y: float) -> float:
    return round(
        max((sum(p.height for p in cell.paragraphs) for cell in cells), default=0.0) + 2 * margin_y, 2
    )


def _cut_row(
    ctx: Ctx,
    row: Row,
    cells: tuple[TableCell, ...],
    inner: Sequence[float],
    room: float,
    margin_y: float,
    size: float,
) -> tuple[tuple[TableCell, ...], float]:
    """Return a row taller than a whole slide shrunk, then cut, to the room there is; report it."""
    out = []
    for k, cell in enumerate(cells):
        if sum(p.height for p in cell.paragraphs) + 2 * margin_y <= room + _EPS:
            out.append(cell)
            continue
        first = cell.paragraphs[0]
        items = [p.text for p in cell.paragraphs]
        fitted = fit_list(
            items,
            ctx.theme,
            inner[k],
            room - 2 * margin_y,
            size=size,
            min_size=ctx.theme.sizes.minimum,
            color=first.color,
            bold=first.bold,
        )
        out.append(TableCell(fitted.paragraphs, cell.fill))
        if fitted.truncated:
            ctx.warn(f"{row.key}: text cut in the table: it is longer than a slide", row.persona, row.cell)
    return tuple(out), row_height(out, margin_y)


def pain_table_slides(ctx: Ctx, persona: Persona) -> list[SlidePlan]:
    theme, c = ctx.theme, ctx.c
    rows: list[Row] = []
    stages_seen: list[str] = []
    for stage in ordered_stages(ctx.journeys, persona):
        for index, step in indexed_steps(persona, stage):
            if not step.pain_points and not step.opportunities:
                continue
            if stage not in stages_seen:
                stages_seen.append(stage)
            rows.append(
                Row(
                    cells=(
                        (
                            (
                                CellText(stage, c.text, bold=True),
                                CellText(notes.step_label(step, index, theme), c.muted, small=True),
                            ),
                            None,
                        ),
                        (
                            (CellText("\n".join(step.pain_points), c.text, bullets=True),),
                            c.pain_surface if step.pain_points else None,
                        ),
                        (
                            (CellText("\n".join(step.opportunities), c.text, bullets=True),),
                            c.opportunity_surface if step.opportunities else None,
                        ),
                        ((CellText(step.owner or "", c.text),), None),
                    ),
                    key=f"{persona.name}, {stage}, {notes.step_label(step, index, theme)}",
                    persona=persona,
                    cell=step.cell,
                )
            )
    if not rows:
        return []
    header = (
        theme.labels.stage,
        theme.lanes.label("pain_points"),
        theme.lanes.label("opportunities"),
        theme.labels.owner,
    )
    title = f"{theme.lanes.label('pain_points')} & {theme.lanes.label('opportunities')}: {persona.name}"
    tables = fit_tables(
        ctx,
        header,
        rows,
        (0.2, 0.34, 0.34, 0.12),
        ctx.frame.body,
        alt=fill_in(theme.labels.alt_pain_table, persona=persona.name),
        name=f"{theme.lanes.label('pain_points')} {persona.name}",
        sizes=sizes_between(ctx.size("h3"), ctx.size("body")),
    )
    slides = []
    for part, table in enumerate(tables):
        stages = []
        for row in table.rows[1:]:
            stage = row[0].paragraphs[0].text if row[0].paragraphs else ""
            if stage not in stages:
                stages.append(stage)
        slides.append(
            SlidePlan(
                kind="pain_table",
                title=continued(ctx, title, part),
                notes=notes.pain_table_notes(persona, theme, stages, part, _first_text(table)),
                layout="content",
                title_block=slide_title(ctx, continued(ctx, title, part)),
                items=(table,),
                persona=persona.name,
            )
        )
    return slides


def stage_means(
    journeys: Journeys, persona: Persona, stages: Sequence[str] | None = None
) -> tuple[float | None, ...]:
    """Return the persona's mean score per stage (None where the stage has no score).

    stages: the stages compared (by default every stage of the deck).
    """
    out: list[float | None] = []
    for stage in ordered_stages(journeys) if stages is None else stages:
        scores = [s.score for s in persona.steps_in(stage) if s.score is not None]
        out.append(round(sum(scores) / len(scores), 4) if scores else None)
    return tuple(out)


def _first_text(table: Table) -> str:
    """Return the first pain point (else opportunity) of a table's first row: what its page starts with."""
    first = table.rows[1] if len(table.rows) > 1 else ()
    for cell in first[1:3]:
        if cell.paragraphs:
            return cell.paragraphs[0].source or cell.paragraphs[0].text
    return ""


def hurts_slide(ctx: Ctx, comparison: Comparison) -> SlidePlan:
    """Return the native table of the stages that hurt most: rank, stage, mean, below zero, lowest persona."""
    c, labels = ctx.c, ctx.theme.labels
    header, *rows = hurts_rows(comparison, ctx.theme)
    plain = [
        Row(
            cells=tuple(((CellText(cell, c.text, bold=k == 1),), None) for k, cell in enumerate(row)),
            key=row[1],
        )
        for row in rows
    ]
    body = ctx.frame.body
    tables = fit_tables(
        ctx,
        header,
        plain,
        (0.06, 0.3, 0.14, 0.16, 0.34),
        body,
        alt=f"Table: {labels.stages_that_hurt}",
        name=labels.stages_that_hurt,
        sizes=sizes_between(ctx.size("h3"), ctx.size("body")),
    )
    title = labels.stages_that_hurt
    lines = [
        f"{r[0]}. {r[1]}: {labels.mean_score} {r[2]}, {labels.below_zero} {r[3]}, {labels.lowest} {r[4]}"
        for r in rows
    ]
    return SlidePlan(
        kind="overview_chart",  # the comparison's second slide
        title=title,
        notes=f"{title}: " + "; ".join(lines) + ".",
        layout="content",
        title_block=slide_title(ctx, title),
        items=(tables[0],),
    )


def owners_slide(ctx: Ctx, own: Ownership) -> SlidePlan:
    """Return the slide that says whose the stages are, for personas that share none (no curve to compare)."""
    theme, c, labels = ctx.theme, ctx.c, ctx.theme.labels
    body = ctx.frame.body
    lines = [labels.no_shared_stages, *own.lines(labels.only)]
    items: list[PlanItem] = []
    y = body.y
    for n, line in enumerate(lines):
        block = fit_block(
            line,
            theme,
            Box(body.x, y, body.w, max(0.0, body.bottom - y)),
            size=ctx.size("h3") if n == 0 else ctx.size("body"),
            min_size=theme.sizes.minimum,
            color=c.text,
            bold=n == 0,
            tight=True,
            tag=Tag("stage-owners"),
        )
        items.append(block)
        y = block.box.bottom + ctx.gap * (0.8 if n == 0 else 0.4)
        if y >= body.bottom:
            break
    title = f"{labels.stages}: {labels.all_personas}"
    return SlidePlan(
        kind="overview_chart",
        title=title,
        notes=notes.sentences(*lines),
        layout="content",
        title_block=slide_title(ctx, title),
        items=tuple(items),
    )


def _series_name(persona: Persona, scale: Scale, inferred: str) -> str:
    """Return a persona's name in the legend, marked when its scores were inferred and others' not."""
    if is_inferred(scale_of(persona)) and not is_inferred(scale):
        return f"{persona.name} ({inferred})"
    return persona.name


def matrix_cells(
    journeys: Journeys, persona: Persona, stages: Sequence[str] | None = None
) -> list[tuple[int, float | None, bool]]:
    """Return per stage: the persona's pain point count, worst score, and whether it has steps there.

    stages: the matrix's columns (by default every stage of the deck).
    """
    out = []
    for stage in ordered_stages(journeys) if stages is None else stages:
        steps = persona.steps_in(stage)
        scores = [s.score for s in steps if s.score is not None]
        out.append((sum(len(s.pain_points) for s in steps), min(scores) if scores else None, bool(steps)))
    return out


def severity(count: int, worst: float | None, most: int) -> float:
    """Return how much a cell of the matrix hurts, from 0 to 1: pain points and a low score."""
    by_count = count / most if most else 0.0
    by_score = max(0.0, -worst) if worst is not None else 0.0
    if not count and by_score == 0.0:
        return 0.0
    return round(min(1.0, 0.6 * by_count + 0.4 * by_score), 4)


def matrix_slides(ctx: Ctx) -> list[SlidePlan]:
    theme, c, labels = ctx.theme, ctx.c, ctx.theme.labels
    # The personas compared (no service blueprint), on every stage any of them has.
    personas = compared_personas(ctx.journeys)
    stages = list(ownership(ctx.journeys, personas).stages)
    grid = [matrix_cells(ctx.journeys, p, stages) for p in personas]
    most = max((count for row in grid for count, _, _ in row), default=0)
    rows: list[Row] = []
    flat: list[tuple[str, str, int, float | None]] = []
    for persona, row in zip(personas, grid, strict=True):
        cells: list[tuple[tuple[CellText, ...], str | None]] = [
            ((CellText(persona.name, c.text, bold=True),), None)
        ]
        for stage, (count, worst, present) in zip(stages, row, strict=True):
            flat.append((persona.name, stage, count, worst))
            if not present:
                cells.append(((CellText("–", c.muted),), None))
                continue
            level = severity(count, worst, most)
            fill = colors.mix(c.background, c.pain, 0.1 + 0.75 * level) if level > 0 else c.surface
            ink = colors.best_on(fill, (c.text, c.background, c.on_primary))
            texts = [CellText(str(count), ink, bold=True)]
            if worst is not None:
                worst_text = score_text(worst, scale_of(persona), labels=labels)
                texts.append(CellText(worst_text, ink, small=True))
            cells.append((tuple(texts), fill))
        rows.append(Row(cells=tuple(cells), key=persona.name, persona=persona))
    body = ctx.frame.body
    caption_h = round(ctx.size("small") * ctx.lh, 2)
    box = Box(body.x, body.y, body.w, round(body.h - caption_h - ctx.gap * 0.5, 2))
    first = 0.22 if len(stages) > 4 else 0.25
    fractions = (first, *([(1 - first) / max(1, len(stages))] * len(stages)))
    tables = fit_tables(
        ctx,
        (labels.persona, *stages),
        rows,
        fractions,
        box,
        alt=fill_in(labels.alt_matrix, count=labels.count.lower(), worst=labels.worst_score.lower()),
        name=labels.pain_point_matrix,
        sizes=sizes_between(ctx.size("h3"), ctx.size("body")),
    )
    slides = []
    for part, table in enumerate(tables):
        caption = fit_block(
            f"{labels.count} · {labels.worst_score} ({scales_text(personas, labels)})",
            theme,
            Box(body.x, round(box.y + table.box.h + ctx.gap * 0.5, 2), body.w, caption_h),
            size=ctx.size("small"),
            min_size=theme.sizes.minimum,
            color=c.muted,
            max_lines=1,
            tag=Tag("caption"),
        )
        names = {cells[0].text for cells in table.rows[1:]}
        title = continued(ctx, labels.pain_point_matrix, part)
        slides.append(
            SlidePlan(
                kind="matrix",
                title=title,
                notes=notes.matrix_notes(theme, [f for f in flat if f[0] in names]),
                layout="content",
                title_block=slide_title(ctx, title),
                items=(table, caption),
            )
        )
    return slides
