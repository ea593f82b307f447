"""Decide every slide of the deck (mapgen.renderers.pptx.deck's data): pure, no python-pptx.

The order: the cover, the agenda, per persona the profile, the journey map, the emotion curve
and the pain points table, then the comparison of all personas and the next steps. This module
builds the deck-level slides; the persona and table slides come from pptx_persona and pptx_tabular.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.model import Journeys
from mapgen.renderers.parts import PartSpec
from mapgen.renderers.pptx.deck import (
    DeckPlan,
    Frame,
    JourneyLayout,
    Paragraph,
    PartPlan,
    PlanItem,
    SlidePlan,
)
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.common import (
    Ctx,
    continued,
    deck_title,
    document_properties,
    footer_text,
    logo,
    ordered_stages,
    slide_gap,
    slide_title,
)
from mapgen.renderers.pptx.plan.fit import fit_block, wrap_paragraph
from mapgen.renderers.pptx.plan.flow import Unit, column_boxes, columns_items, fit_flow, heading_unit
from mapgen.renderers.pptx.plan.persona import emotion_slide, journey_slides, profile_slide
from mapgen.renderers.pptx.plan.tabular import matrix_slides, overview_chart_slides, pain_table_slides
from mapgen.scene import Box, Rect, Tag, TextBlock

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["PageFrame", "build_part", "join_parts", "shows_page_number"]


def build_part(
    scope: Journeys, spec: PartSpec, theme: Theme, frame: Frame, layout_journey: JourneyLayout
) -> PartPlan:
    """Return the plan of one part: the front matter, a persona's slides, or the back matter."""
    ctx = Ctx(scope, theme, frame, layout_journey)
    slides: list[SlidePlan] = []
    if spec.persona is not None:
        if len(scope.personas) != 1:
            raise ValueError(f"the scope of part {spec.name} holds {len(scope.personas)} personas, not one")
        (persona,) = scope.personas
        slides.append(profile_slide(ctx, persona, spec.persona))
        slides += journey_slides(ctx, persona, spec.persona)
        emotion = emotion_slide(ctx, persona)
        if emotion is not None:
            slides.append(emotion)
        slides += pain_table_slides(ctx, persona)
    elif spec.name == "head":
        slides.append(_cover(ctx, deck_title(scope)))
        slides += _agenda(ctx)
    elif spec.name == "tail":
        if len(scope.personas) >= 2:
            slides += overview_chart_slides(ctx)
            slides += matrix_slides(ctx)
        slides += _next_steps(ctx)
    else:
        raise ValueError(f"the deck has no part named {spec.name!r}")
    if frame.template:
        # A template brings its own footers, filled in here; the built-in look's carry page
        # numbers and are added when the parts are joined.
        slides = _template_footers(ctx, slides)
    return PartPlan(spec, tuple(slides), tuple(ctx.problems))


def join_parts(journeys: Journeys, theme: Theme, frame: Frame, parts: Sequence[PartPlan]) -> DeckPlan:
    """Return the plan of the whole deck from its parts' plans, page numbers added."""
    slides = [slide for part in parts for slide in part.slides]
    if not frame.template:
        pages = PageFrame(journeys, theme, frame, len(slides))
        slides = [
            dataclasses.replace(slide, items=(*slide.items, *pages.items(number)))
            if pages.applies(slide.kind)
            else slide
            for number, slide in enumerate(slides, start=1)
        ]
    title, author, subject, description = document_properties(journeys)
    return DeckPlan(
        width=frame.width,
        height=frame.height,
        slides=tuple(slides),
        background=None if frame.template else theme.colours.background,
        title=title,
        author=author,
        subject=subject,
        footer=footer_text(journeys, theme),
        description=description,
        problems=tuple(problem for part in parts for problem in part.problems),
    )


# ---------------------------------------------------------------------------------------------
# The cover


def _cover(ctx: Ctx, title: str) -> SlidePlan:
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
        confidentiality = p.confidentiality or theme.footer.confidentiality
        if confidentiality:
            line_h = ctx.size("small") * ctx.lh
            items.append(
                fit_block(
                    confidentiality,
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


def _agenda(ctx: Ctx) -> list[SlidePlan]:
    theme, labels = ctx.theme, ctx.theme.labels
    body = ctx.frame.body
    personas = ctx.journeys.personas
    sections: list[tuple[str, str]] = [(p.name, _role(p.get("role"))) for p in personas]
    if len(personas) >= 2:
        sections.append((labels.all_personas, f"{labels.emotion_curve} · {labels.pain_point_matrix}"))
    if _has_next_steps(ctx):
        sections.append((labels.next_steps, labels.top_opportunities))
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
    names = [name for name, _ in sections]
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
                notes=notes.agenda_notes(ctx.journeys, theme, names),
                layout="content",
                title_block=slide_title(ctx, title),
                items=tuple(items),
            )
        )
    return slides


def _role(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _agenda_units(ctx: Ctx, sections: list[tuple[str, str]], size: float, width: float) -> list[Unit]:
    """Return the agenda as numbered headings (PowerPoint numbers them), each with a line below."""
    c, theme = ctx.c, ctx.theme
    chain = theme.font_chain("heading", bold=True)
    indent = text.bullet_indent(chain, size, f"{len(sections)}.")
    detail_size = max(round(size / theme.sizes.scale**2, 2), theme.sizes.minimum)
    units: list[Unit] = []
    for n, (name, detail) in enumerate(sections, start=1):
        lines = tuple(text.wrap(name, chain, size, max(width - indent, size))) or (name,)
        heading = Paragraph(
            lines=lines,
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


# ---------------------------------------------------------------------------------------------
# Next steps


def _has_next_steps(ctx: Ctx) -> bool:
    return any(s.opportunities or s.pain_points for p in ctx.journeys.personas for s in p.steps)


def _next_steps(ctx: Ctx) -> list[SlidePlan]:
    """Return the closing slides: the opportunities (else the pain points) grouped by stage.

    A workbook with neither gets no closing slide rather than an empty one.
    """
    if not _has_next_steps(ctx):
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


# ---------------------------------------------------------------------------------------------
# The built-in look: a rule under each title, a footer and page numbers


def shows_page_number(kind: str) -> bool:
    """Return True for a slide the built-in look numbers: not the cover, not a full-page map."""
    return kind not in ("title", "journey")


class PageFrame:
    """The built-in look's rule under each title, footer line and "Page X of Y" of a deck.

    They depend on the number of slides (the page label's width sets the footer line's), so they
    are added when the parts are joined: to the joined plan and to the joined package alike.
    """

    def __init__(self, journeys: Journeys, theme: Theme, frame: Frame, total: int) -> None:
        self.theme, self.total, self.footer = theme, total, frame.footer
        self._rule: Rect | None = None
        self._line: TextBlock | None = None
        self._page_w = 0.0
        footer = frame.footer
        if footer is None:
            return
        c, size, gap = theme.colours, theme.sizes.size("small"), slide_gap(frame)
        widest = theme.labels.page_x_of_y(total, total)
        self._page_w = round(text.measure(widest, theme.font_chain("body"), size) + size, 2)
        self._rule = Rect(
            Box(
                frame.title.x,
                round(frame.title.bottom + gap * 0.35, 2),
                round(frame.height / 15 * 1.2, 2),
                3.0,
            ),
            fill=c.primary,
            tag=Tag("title-rule"),
        )
        line = footer_text(journeys, theme)
        if line:
            self._line = fit_block(
                line,
                theme,
                Box(footer.x, footer.y, footer.w - self._page_w - gap, footer.h),
                size=size,
                min_size=size,
                color=c.muted,
                max_lines=1,
                tag=Tag("footer"),
            )

    def applies(self, kind: str) -> bool:
        """Return True when a slide of this kind shows the rule, the page number and the footer."""
        return self.footer is not None and shows_page_number(kind)

    def items(self, number: int) -> tuple[Rect | TextBlock, ...]:
        """Return what slide `number` (from 1) gets: the rule, the page number, the footer line."""
        footer, theme = self.footer, self.theme
        if footer is None or self._rule is None:
            return ()
        size = theme.sizes.size("small")
        page = fit_block(
            theme.labels.page_x_of_y(number, self.total),
            theme,
            Box(footer.right - self._page_w, footer.y, self._page_w, footer.h),
            size=size,
            min_size=size,
            color=theme.colours.muted,
            align="right",
            max_lines=1,
            tag=Tag("page-number"),
        )
        return (self._rule, page) if self._line is None else (self._rule, page, self._line)


def _template_footers(ctx: Ctx, slides: list[SlidePlan]) -> list[SlidePlan]:
    """Return the slides with the footer line fitted to the template's footer placeholder."""
    footer = ctx.frame.footer
    line = footer_text(ctx.journeys, ctx.theme) or deck_title(ctx.journeys)
    if footer is None or not line:
        return slides
    size = ctx.size("small")
    block = fit_block(
        line,
        ctx.theme,
        footer,
        size=size,
        min_size=ctx.theme.sizes.minimum,
        color=ctx.c.muted,
        max_lines=1,
        tag=Tag("footer"),
    )
    return [s if s.kind == "title" else dataclasses.replace(s, footer_block=block) for s in slides]
