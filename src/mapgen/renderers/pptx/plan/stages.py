"""The detail slides of a persona: one per stage, its steps as columns with every lane beneath.

Pure: no python-pptx. A stage's steps are a native table (the client edits the cells, PowerPoint
wraps them): a column per step, a row per lane the persona fills, the pain points and
opportunities on their tints. Text is at least DETAIL_MIN; a stage whose steps do not fit one
slide at that size is shared out evenly over as few slides as hold it, and a step is never
separated from its lanes. Only a single step too long for a whole slide is cut, and reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mapgen import text
from mapgen.insights.words import fill
from mapgen.layout.lanes import Lane, feeling_text, lanes_for
from mapgen.model import Persona, Step
from mapgen.renderers.pptx.deck import DETAIL_MIN, SlidePlan, Table, TableCell
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.common import Ctx, continued, indexed_steps, ordered_stages, slide_title
from mapgen.renderers.pptx.plan.fit import fit_list, sizes_between
from mapgen.renderers.pptx.plan.tabular import CellText, cell_paragraphs, row_height
from mapgen.scene import Box
from mapgen.scores import scale_of, scale_text, score_text

__all__ = ["stage_slides"]

_EPS = 1e-6
_WORDS = re.compile(r"(?<=[-/])|\s+")  # where PowerPoint may break a line: spaces, after a hyphen
_LABEL_SHARE = 0.16  # the lane labels' column, of the table's width


def stage_slides(ctx: Ctx, persona: Persona) -> list[SlidePlan]:
    """Return a detail slide per stage (more for a long stage), in the journey's order."""
    lanes = [lane for lane in lanes_for(persona, ctx.theme) if lane.id != "actions"]
    slides: list[SlidePlan] = []
    for stage in ordered_stages(ctx.journeys, persona):
        steps = indexed_steps(persona, stage)
        if steps:
            slides += _one_stage(ctx, persona, stage, steps, lanes)
    return slides


def _one_stage(
    ctx: Ctx, persona: Persona, stage: str, steps: list[tuple[int, Step]], lanes: list[Lane]
) -> list[SlidePlan]:
    body = ctx.frame.body
    sizes = sizes_between(max(ctx.size("h3"), DETAIL_MIN), DETAIL_MIN)
    tables: list[Table] = []
    chunks: list[list[tuple[int, Step]]] = []
    for count in range(1, len(steps) + 1):
        chunks = [list(chunk) for chunk in _shares(steps, count)]
        tables = [_table(ctx, persona, stage, chunk, lanes, body, sizes) for chunk in chunks]
        if all(t.box.h <= body.h + _EPS and not _splits_a_word(ctx, t) for t in tables):
            break
    if len(tables) > 1:
        ctx.warn(
            f"the stage {stage!r} of {persona.name} does not fit one slide at {DETAIL_MIN:g} pt: "
            f"its steps are shared over {len(tables)} slides",
            persona,
        )
    title = f"{stage}: {persona.name}"
    slides = []
    for part, (table, chunk) in enumerate(zip(tables, chunks, strict=True)):
        named = continued(ctx, title, part)
        slides.append(
            SlidePlan(
                kind="stage",
                title=named,
                notes=notes.stage_notes(persona, ctx.theme, stage, chunk),
                layout="content",
                title_block=slide_title(ctx, named),
                items=(table,),
                persona=persona.name,
            )
        )
    return slides


def _splits_a_word(ctx: Ctx, table: Table) -> bool:
    """Return True when a word is wider than its column: PowerPoint would break it inside."""
    for row in table.rows:
        for width, cell in zip(table.widths, row, strict=True):
            for p in cell.paragraphs:
                chain = ctx.theme.font_chain(p.font, bold=p.bold)
                room = width - 2 * table.margin_x - p.indent
                if any(text.measure(word, chain, p.size) > room for word in _WORDS.split(p.text)):
                    return True
    return False


def _shares(items: Sequence[tuple[int, Step]], count: int) -> list[list[tuple[int, Step]]]:
    """Return items split into count runs as even as can be (the first ones one longer)."""
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for k in range(count):
        end = start + size + (1 if k < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def _table(
    ctx: Ctx,
    persona: Persona,
    stage: str,
    steps: list[tuple[int, Step]],
    lanes: list[Lane],
    box: Box,
    sizes: Sequence[float],
) -> Table:
    """Return the steps as a table at the largest size that fits box, else cut at the smallest."""
    c, theme = ctx.c, ctx.theme
    labels, scale = theme.labels, scale_of(persona)
    label_w = round(box.w * _LABEL_SHARE, 2)
    step_w = round((box.w - label_w) / max(1, len(steps)), 2)
    widths = (label_w, *([step_w] * len(steps)))
    fills = {"pain": c.pain_surface, "idea": c.opportunity_surface}
    for size in sizes:
        margin_x, margin_y = round(size * 0.6, 2), round(size * 0.45, 2)
        inner = [w - 2 * margin_x for w in widths]
        head = (
            TableCell(
                cell_paragraphs(ctx, [CellText(theme.labels.stage, c.on_primary, bold=True)], inner[0], size),
                c.primary,
            ),
            *(
                TableCell(
                    cell_paragraphs(
                        ctx,
                        [CellText(notes.step_label(step, i, theme), c.on_primary, bold=True)],
                        inner[k + 1],
                        size,
                    ),
                    c.primary,
                )
                for k, (i, step) in enumerate(steps)
            ),
        )
        rows: list[tuple[TableCell, ...]] = [head]
        for lane in lanes:
            texts = [
                _lane_text(lane, step, score_text(step, scale, mark=labels.decimal_mark)) for _, step in steps
            ]
            if not any(texts):
                continue
            # The emotions row names the scale, as the report's does: each score is then just its number.
            name = f"{lane.label} ({scale_text(scale, labels)})" if lane.kind == "curve" else lane.label
            label = TableCell(cell_paragraphs(ctx, [CellText(name, c.muted, bold=True)], inner[0], size))
            cells = tuple(
                TableCell(
                    cell_paragraphs(
                        ctx, [CellText(t, c.text, bullets=lane.kind in fills)], inner[k + 1], size
                    ),
                    fills.get(lane.kind) if t else None,
                )
                for k, t in enumerate(texts)
            )
            rows.append((label, *cells))
        heights = [row_height(row, margin_y) for row in rows]
        if sum(heights) <= box.h + _EPS or size == sizes[-1]:
            break
    if sum(heights) > box.h + _EPS and len(steps) == 1:
        rows, heights = _cut(ctx, persona, stage, rows, heights, inner, box.h, margin_y, size)
    return Table(
        box=Box(box.x, box.y, round(sum(widths), 2), round(sum(heights), 2)),
        widths=widths,
        heights=tuple(round(h, 2) for h in heights),
        rows=tuple(rows),
        header_rows=1,
        margin_x=margin_x,
        margin_y=margin_y,
        border=c.border,
        border_width=0.75,
        alt=fill(ctx.theme.labels.alt_stage_table, stage=stage, persona=persona.name),
        name=f"{stage} {persona.name}",
    )


def _lane_text(lane: Lane, step: Step, score: str) -> str:
    """Return a lane's text for a step: the feelings and score (score) where the map draws the curve."""
    if lane.kind == "curve":
        return feeling_text(step, score)
    text = lane.text(step)
    # Lists are cells of bullet paragraphs: the lane's own bullets would double them.
    return "\n".join(line.removeprefix("• ") for line in text.split("\n"))


def _cut(
    ctx: Ctx,
    persona: Persona,
    stage: str,
    rows: list[tuple[TableCell, ...]],
    heights: list[float],
    inner: Sequence[float],
    room: float,
    margin_y: float,
    size: float,
) -> tuple[list[tuple[TableCell, ...]], list[float]]:
    """Return one step's rows cut to a slide, every lane keeping a share of the room; report it."""
    head_h = heights[0]
    spare = room - head_h
    lane_rows = rows[1:]
    total = sum(heights[1:])
    out_rows, out_heights = [rows[0]], [head_h]
    for row, height in zip(lane_rows, heights[1:], strict=True):
        share = max(spare * height / total, size * ctx.lh + 2 * margin_y)
        label, cell = row
        paragraphs = cell.paragraphs
        if height > share + _EPS and paragraphs:
            first = paragraphs[0]
            fitted = fit_list(
                [p.text for p in paragraphs],
                ctx.theme,
                inner[1],
                share - 2 * margin_y,
                size=size,
                min_size=size,
                color=first.color,
                bullet="•" if first.bullet else None,
            )
            cell = TableCell(fitted.paragraphs, cell.fill)
        out_rows.append((label, cell))
        out_heights.append(row_height((label, cell), margin_y))
    ctx.warn(
        f"a step of the stage {stage!r} of {persona.name} is longer than a slide: its text is cut", persona
    )
    return out_rows, out_heights
