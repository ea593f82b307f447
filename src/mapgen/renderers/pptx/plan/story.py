"""Plan the deck's story after the cover: the key findings and the top moves; pure, no python-pptx.

The findings are mapgen.insights.findings' sentences, each its own paragraph the client can edit;
the top moves are insights.actions' three to five most valuable opportunities, as a native table.
"""

from __future__ import annotations

import dataclasses

from mapgen.insights.findings import key_findings
from mapgen.renderers.pptx.deck import SlidePlan, TextFrame
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.actionplan import (
    FRACTIONS,
    action_rows,
    action_table_header,
    deck_actions,
    paged_slides,
)
from mapgen.renderers.pptx.plan.common import Ctx, slide_title
from mapgen.renderers.pptx.plan.fit import fit_list, sizes_between
from mapgen.renderers.pptx.plan.tabular import fit_tables
from mapgen.scene import Tag

__all__ = ["findings_slides", "top_moves_slides"]


def findings_slides(ctx: Ctx) -> list[SlidePlan]:
    """Return the key findings slide: at most five sentences, heaviest first; none when nothing stands out."""
    found = key_findings(ctx.journeys, ctx.theme)
    if not found:
        return []
    theme, body = ctx.theme, ctx.frame.body
    fitted = fit_list(
        [notes.sentences(f.text) for f in found],
        theme,
        body.w,
        body.h,
        size=ctx.size("h1"),  # read aloud, one at a time: as large as five of them fit
        min_size=ctx.size("body"),
        color=ctx.c.text,
    )
    if fitted.truncated:
        ctx.warn("the key findings are cut: they are longer than a slide")
    # Room between findings: each is a point of its own, read aloud one at a time.
    paragraphs = tuple(
        dataclasses.replace(p, space_before=round(p.size * 0.8, 2)) if i else p
        for i, p in enumerate(fitted.paragraphs)
    )
    frame = TextFrame(
        box=body,
        paragraphs=paragraphs,
        source="\n".join(f.text for f in found),
        truncated=fitted.truncated,
        tag=Tag("findings"),
    )
    if frame.text_height > body.h:  # the wider spacing must still fit: fall back to the fitted one
        frame = dataclasses.replace(frame, paragraphs=fitted.paragraphs)
    title = theme.labels.key_findings
    return [
        SlidePlan(
            kind="findings",
            title=title,
            notes=notes.findings_notes(found, theme),
            layout="content",
            title_block=slide_title(ctx, title),
            items=(frame,),
        )
    ]


def top_moves_slides(ctx: Ctx) -> list[SlidePlan]:
    """Return the top moves: the three to five most valuable opportunities with owner, KPI and priority."""
    plan = deck_actions(ctx.journeys, ctx)
    if not plan.top:
        return []
    labels = ctx.theme.labels
    tables = fit_tables(
        ctx,
        action_table_header(ctx),
        action_rows(ctx, plan.top),
        FRACTIONS,
        ctx.frame.body,
        alt=f"{labels.top_moves}: {', '.join(action_table_header(ctx))}",
        name=labels.top_moves,
        sizes=sizes_between(ctx.size("h3"), ctx.theme.sizes.minimum),
    )
    return paged_slides(
        ctx,
        tables,
        plan.top,
        labels.top_moves,
        "top_moves",
        lambda page, _part: notes.top_moves_notes(page, ctx.theme),
    )
