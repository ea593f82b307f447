"""Plan the deck's closing slides: the next steps, grouped by stage; pure, no python-pptx."""

from __future__ import annotations

import dataclasses

from mapgen.renderers.pptx.deck import SlidePlan
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.common import Ctx, continued, ordered_stages, slide_title
from mapgen.renderers.pptx.plan.fit import wrap_paragraph
from mapgen.renderers.pptx.plan.flow import Unit, column_boxes, columns_items, fit_flow, heading_unit
from mapgen.scene import Tag

__all__ = ["has_next_steps", "next_steps_slides"]


def has_next_steps(ctx: Ctx) -> bool:
    """Return True when some step has an opportunity or a pain point: the deck then closes with them."""
    return any(s.opportunities or s.pain_points for p in ctx.journeys.personas for s in p.steps)


def next_steps_slides(ctx: Ctx) -> list[SlidePlan]:
    """Return the closing slides: the opportunities (else the pain points) grouped by stage.

    A workbook with neither gets no closing slide rather than an empty one.
    """
    if not has_next_steps(ctx):
        return []
    theme, labels = ctx.theme, ctx.theme.labels
    ideas = any(s.opportunities for p in ctx.journeys.personas for s in p.steps)
    sections: list[tuple[int, str, list[str]]] = []
    for i, stage in enumerate(ordered_stages(ctx.journeys)):
        seen: dict[str, str] = {}
        for persona in ctx.journeys.personas:
            for step in persona.steps_in(stage):
                for item in step.opportunities if ideas else step.pain_points:
                    clean = " ".join(item.split())
                    # The same idea from several personas is listed once.
                    seen.setdefault(clean.casefold(), clean)
        if seen:
            sections.append((i, stage, list(seen.values())))
    body = ctx.frame.body
    most = 4 if body.w >= 800 else 3
    count = max(1, min(most, len(sections)))
    boxes = column_boxes(body, count, ctx.gap * 1.5)
    own_columns = 1 < len(sections) <= most  # one stage per column, like the map's columns

    def build(size: float) -> list[Unit]:
        units: list[Unit] = []
        head = round(size * theme.sizes.scale, 2)
        chain = theme.font_chain("body")
        for n, (i, stage, items) in enumerate(sections):
            heading = heading_unit(
                ctx, stage, boxes[0].w, head, ctx.c.stage_colour(i), round(head * 1.2, 2) if n else 0.0
            )
            units.append(dataclasses.replace(heading, column_break=own_columns))
            for k, item in enumerate(items):
                para = wrap_paragraph(
                    item,
                    chain,
                    size,
                    boxes[0].w,
                    color=ctx.c.text,
                    font="body",
                    line_height=ctx.lh,
                    bullet="•",
                    space_before=round(size * (0.6 if k == 0 else 0.4), 2),
                )
                units.append(Unit(para, source=item))
        return units

    pages = fit_flow(build, boxes, (ctx.size("h2"), ctx.size("h3"), ctx.size("body")))
    per_stage = {stage: len(items) for _, stage, items in sections}
    slides = []
    for part, page in enumerate(pages):
        counts = [(u.source, per_stage[u.source]) for _, col in page for u in col if u.chip]
        title = continued(ctx, labels.next_steps, part)
        slides.append(
            SlidePlan(
                kind="next_steps",
                title=title,
                notes=notes.next_steps_notes(theme, counts, ideas, part, len(pages)),
                layout="content",
                title_block=slide_title(ctx, title),
                items=tuple(columns_items(ctx, page, Tag("next-steps"))),
            )
        )
    return slides
