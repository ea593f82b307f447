"""Plan the deck's front matter: the cover (the title slide) and the agenda; pure, no python-pptx.

The cover is planned here, whole: its title, its subtitle (the client, else the project's
description), the line of details (prepared by, date, version), and in the built-in look the band
down the left edge, the accent rule over the title and the confidentiality line; the logo on both
looks. What it builds on lives with its stage: where its title and subtitle go is the Frame's
cover_title and cover_subtitle (deck.default_frame for the built-in look, output.template from a
client's title slide layout); its speaker notes are plan.notes.cover_notes, beside every other
slide's; plan.pages gives it no page number and no footer; output.slide emits it like every other
slide, its title and subtitle into the layout's placeholders.
"""

from __future__ import annotations

import dataclasses
import math

from mapgen import text
from mapgen.renderers.pptx.deck import Paragraph, PlanItem, SlidePlan
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.actionplan import deck_actions
from mapgen.renderers.pptx.plan.common import Ctx, continued, logo, ordered_stages, profile_text, slide_title
from mapgen.renderers.pptx.plan.fit import fit_block, wrap_paragraph
from mapgen.renderers.pptx.plan.flow import Unit, column_boxes, columns_items, fit_flow
from mapgen.renderers.pptx.plan.look import usable_width
from mapgen.scene import Box, Rect, Tag
from mapgen.stages import compared_personas, is_blueprint
from mapgen.themes.lines import confidentiality

__all__ = ["agenda_slides", "cover_slide"]


# ---------------------------------------------------------------------------------------------
# The cover


def cover_slide(ctx: Ctx, title: str) -> SlidePlan:
    """Return the title slide: the deck's title, the client and details, and the built-in look's marks."""
    frame, theme, c = ctx.frame, ctx.theme, ctx.c
    p = ctx.journeys.project
    scale = theme.sizes.scale
    margin = frame.height / 15
    title_block = fit_block(
        title,
        theme,
        frame.cover_title,
        size=round(ctx.size("title") * scale * scale, 2),
        min_size=ctx.size("title"),
        color=c.text,
        font="heading",
        valign="bottom",
        tag=Tag("title"),
    )
    labels = theme.labels
    meta = (
        p.prepared_by and f"{labels.prepared_by}: {p.prepared_by}",
        p.date,
        p.version and f"{labels.version} {p.version}",
    )
    meta_line = " · ".join(m for m in meta if m)
    lead = p.client or p.description or ""
    items: list[PlanItem] = []
    sub = frame.cover_subtitle
    if frame.template:
        # One subtitle placeholder: the client and the details share it.
        subtitle = fit_block(
            "\n".join(s for s in (lead, meta_line) if s),
            theme,
            sub,
            size=ctx.size("h2"),
            min_size=ctx.size("body"),
            color=c.muted,
            tag=Tag("subtitle"),
        )
    else:
        subtitle = fit_block(
            lead,
            theme,
            Box(sub.x, sub.y, sub.w, 2 * ctx.size("h1") * ctx.lh),
            size=ctx.size("h1"),
            min_size=ctx.size("h3"),
            color=c.muted,
            tight=True,
            tag=Tag("subtitle"),
        )
        if meta_line:
            y = subtitle.box.bottom + ctx.gap * 0.6
            items.append(
                fit_block(
                    meta_line,
                    theme,
                    Box(sub.x, y, sub.w, max(sub.bottom - y, ctx.size("body") * ctx.lh)),
                    size=ctx.size("body"),
                    min_size=ctx.size("small"),
                    color=c.muted,
                    tight=True,
                    tag=Tag("cover-meta"),
                )
            )
        # A band of the primary colour down the left edge, and a short accent rule over the title.
        text_top = title_block.box.bottom - title_block.text_height
        items.insert(
            0, Rect(Box(0, 0, round(margin * 0.5, 2), frame.height), fill=c.primary, tag=Tag("cover-band"))
        )
        rule = Box(
            frame.cover_title.x,
            round(text_top - ctx.gap * 1.2, 2),
            round(margin * 1.8, 2),
            round(margin * 0.14, 2),
        )
        items.insert(1, Rect(rule, fill=c.accent, tag=Tag("cover-rule")))
        label = confidentiality(p, theme)
        if label:
            line_h = ctx.size("small") * ctx.lh
            items.append(
                fit_block(
                    label,
                    theme,
                    Box(frame.cover_title.x, round(frame.height - margin - line_h, 2), sub.w, line_h),
                    size=ctx.size("small"),
                    min_size=ctx.size("small"),
                    color=c.muted,
                    max_lines=1,
                    tag=Tag("confidentiality"),
                )
            )
    mark = logo(
        ctx, Box(frame.width - margin - frame.width * 0.16, margin, frame.width * 0.16, frame.height * 0.11)
    )
    if mark is not None:
        items.append(mark)
    return SlidePlan(
        kind="title",
        title=title,
        notes=notes.cover_notes(ctx.journeys, theme, title),
        layout="cover",
        title_block=title_block,
        subtitle_block=subtitle,
        items=tuple(items),
    )


# ---------------------------------------------------------------------------------------------
# The agenda


def agenda_slides(ctx: Ctx) -> list[SlidePlan]:
    """Return the agenda: a numbered section per persona, then the comparison and the next steps."""
    theme, labels = ctx.theme, ctx.theme.labels
    body = ctx.frame.body
    personas = ctx.journeys.personas
    # A service blueprint is named for what it is; a persona by their role.
    sections: list[tuple[str, str]] = [
        (p.name, labels.service_blueprint if is_blueprint(p) else profile_text(p, "role")) for p in personas
    ]
    if len(compared_personas(ctx.journeys)) >= 2:
        sections.append((labels.all_personas, f"{labels.emotion_curve} · {labels.pain_point_matrix}"))
    if deck_actions(ctx.journeys, ctx).actions:
        sections.append((labels.action_plan, f"{labels.priority} · {labels.owner} · {labels.kpi}"))
    wide = body.w >= 560
    gap = ctx.gap * 2
    boxes = column_boxes(body, 2, gap) if wide else [body]
    head_sizes = (ctx.size("h1"), ctx.size("h2"), ctx.size("h3"))

    def build(size: float, width: float) -> list[Unit]:
        return _agenda_units(ctx, sections, size, width)

    # With room to spare, the right half shows the journey's stages instead of more agenda.
    pages = fit_flow(lambda s: build(s, boxes[0].w), boxes[:1], head_sizes) if wide else []
    stage_panel = wide and len(pages) == 1
    if not stage_panel:
        pages = fit_flow(lambda s: build(s, boxes[0].w), boxes, head_sizes)
    slides = []
    for part, page in enumerate(pages):
        items = columns_items(ctx, page, Tag("agenda"))
        if stage_panel:
            items += _stage_panel(ctx, boxes[1])
        title = continued(ctx, labels.agenda, part)
        slides.append(
            SlidePlan(
                kind="agenda",
                title=title,
                notes=notes.agenda_notes(ctx.journeys, theme, len(compared_personas(ctx.journeys)) >= 2),
                layout="content",
                title_block=slide_title(ctx, title),
                items=tuple(items),
            )
        )
    return slides


def _agenda_units(ctx: Ctx, sections: list[tuple[str, str]], size: float, width: float) -> list[Unit]:
    """Return the agenda as numbered headings (PowerPoint numbers them), each with a line below."""
    c, theme = ctx.c, ctx.theme
    chain = theme.font_chain("heading", bold=True)
    indent = text.bullet_indent(chain, size, f"{len(sections)}.")
    detail_size = max(round(size / theme.sizes.scale**2, 2), theme.sizes.minimum)
    units: list[Unit] = []
    for n, (name, detail) in enumerate(sections, start=1):
        lines = tuple(text.wrap(name, chain, size, max(usable_width(width - indent), size))) or (name,)
        heading = Paragraph(
            lines=lines,
            source=name,
            size=size,
            color=c.text,
            font="heading",
            bold=True,
            line_height=ctx.lh,
            number=n,
            indent=indent,
            space_before=round(size * 0.8, 2),
        )
        units.append(Unit(heading, keep_with_next=bool(detail), source=name))
        if detail:
            para = wrap_paragraph(
                detail,
                theme.font_chain("body"),
                detail_size,
                width - indent,
                color=c.muted,
                font="body",
                line_height=ctx.lh,
            )
            units.append(Unit(dataclasses.replace(para, indent=indent), source=detail))
    return units


def _stage_panel(ctx: Ctx, box: Box) -> list[PlanItem]:
    """Return the journey's stages as a column of coloured bands, first to last."""
    stages = ordered_stages(ctx.journeys)
    if not stages:
        return []
    items: list[PlanItem] = []
    heading = fit_block(
        ctx.theme.labels.stages,
        ctx.theme,
        Box(box.x, box.y, box.w, ctx.size("h3") * ctx.lh),
        size=ctx.size("h3"),
        min_size=ctx.size("h3"),
        color=ctx.c.muted,
        font="heading",
        bold=True,
        max_lines=1,
        tag=Tag("stage-panel-heading"),
    )
    items.append(heading)
    top = heading.box.bottom + ctx.gap * 0.6
    gap = ctx.gap * 0.4
    band_h = min(ctx.size("h3") * 3, (box.bottom - top - gap * (len(stages) - 1)) / len(stages))
    size = ctx.size("body")
    pad = size * 0.8
    for i, stage in enumerate(stages):
        y = round(top + i * (band_h + gap), 3)
        band = Box(box.x, y, box.w, round(band_h, 3))
        items.append(
            Rect(
                band,
                fill=ctx.c.stage_colour(i),
                radius=ctx.theme.style.corner_radius,
                tag=Tag("stage", stage=stage),
            )
        )
        items.append(
            fit_block(
                f"{i + 1}  {stage}",
                ctx.theme,
                Box(band.x + pad, band.y, band.w - 2 * pad, band.h),
                size=ctx.size("h3") if band_h >= ctx.size("h3") * ctx.lh else size,
                min_size=ctx.theme.sizes.minimum,
                color=ctx.c.on_stage_colour(i),
                font="heading",
                bold=True,
                valign="middle",
                max_lines=max(1, math.floor(band.h / (ctx.theme.sizes.minimum * ctx.lh))),
                tag=Tag("stage-name", stage=stage),
            )
        )
    return items
