"""The slides of one persona: profile, the whole journey (the layout's scene) and emotion curve chart.

Pure: no python-pptx. Every text is fitted with mapgen.text; cuts are reported as warnings.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.insights.moments import highs, lows
from mapgen.insights.words import fill
from mapgen.layout.shapes import initials
from mapgen.model import PROFILE_KEYS, Journeys, Persona
from mapgen.renderers.pptx.deck import ChartSeries, PlanItem, SlidePlan, TextFrame
from mapgen.renderers.pptx.plan import notes
from mapgen.renderers.pptx.plan.common import (
    Ctx,
    continued,
    indexed_steps,
    ordered_stages,
    picture,
    profile_list,
    profile_text,
    scene_items,
    score_chart,
    slide_title,
)
from mapgen.renderers.pptx.plan.fit import FittedList, fit_block, fit_list
from mapgen.scene import Box, Ellipse, Primitive, Rect, Scene, Tag, TextBlock
from mapgen.scores import chart_value, scale_of, scale_text, score_text
from mapgen.stages import is_blueprint

if TYPE_CHECKING:
    from mapgen.layout import LayoutResult
    from mapgen.themes import Theme

__all__ = ["emotion_slide", "journey_slides", "profile_slide", "whole_journey_scene"]

# The lanes of the whole-journey slide; the stage slides show every lane.
_SUMMARY_LANES = ("actions", "emotions", "pain_points", "opportunities")
# A service blueprint's story is its own lanes (frontstage, backstage, support processes).
_BLUEPRINT_LANES = (*_SUMMARY_LANES, "extra")
_PROFILE_SECTIONS = ("goals", "motivations", "frustrations", "behaviours", "channels")


def profile_slide(ctx: Ctx, persona: Persona, index: int) -> SlidePlan:
    """Return a persona's profile: photo or avatar, name, role, quote, and cards of lists."""
    theme, c = ctx.theme, ctx.c
    body = ctx.frame.body
    gap = ctx.gap
    left_w = min(body.w * 0.3, body.h * 0.55)
    side = round(min(left_w * 0.62, body.h * 0.36), 2)
    items: list[PlanItem] = []
    photo_box = Box(body.x, body.y, side, side)
    photo = None
    if persona.photo is not None:
        photo = picture(
            persona.photo.data,
            persona.photo.format,
            photo_box,
            f"Photo of {persona.name}",
            Tag("photo", persona=persona.name),
            align="left",
        )
        if photo is None:
            ctx.warn(f"the photo of {persona.name} cannot be read; an avatar is shown instead", persona)
    if photo is not None:
        items.append(photo)
    else:
        items += _avatar(ctx, persona, photo_box, index)
    y = photo_box.bottom + gap * 0.8
    name = fit_block(
        persona.name,
        theme,
        Box(body.x, y, left_w, 2 * ctx.size("h1") * ctx.lh),
        size=ctx.size("h1"),
        min_size=ctx.size("h3"),
        color=c.text,
        font="heading",
        tight=True,
        tag=Tag("persona-name", persona=persona.name),
    )
    items.append(name)
    y = name.box.bottom + gap * 0.25
    role = profile_text(persona, "role")
    facts = " · ".join(
        f
        for f in (
            profile_text(persona, "age") and f"{theme.labels.age} {profile_text(persona, 'age')}",
            profile_text(persona, "location"),
        )
        if f
    )
    for source, size, tag in ((role, ctx.size("body"), "role"), (facts, ctx.size("small"), "facts")):
        if not source or y >= body.bottom - size * ctx.lh:
            continue
        block = fit_block(
            source,
            theme,
            Box(body.x, y, left_w, min(2 * size * ctx.lh, body.bottom - y)),
            size=size,
            min_size=theme.sizes.minimum,
            color=c.muted,
            tight=True,
            tag=Tag(tag, persona=persona.name),
        )
        items.append(block)
        y = block.box.bottom + gap * 0.25
    quote = profile_text(persona, "quote")
    y += gap * 0.6
    if quote and body.bottom - y >= 2 * ctx.size("body") * ctx.lh:
        bar = max(2.0, ctx.size("body") * 0.3)
        block = fit_block(
            f"“{quote}”",
            theme,
            Box(body.x + bar + ctx.size("body"), y, left_w - bar - ctx.size("body"), body.bottom - y),
            size=ctx.size("h3"),
            min_size=theme.sizes.minimum,
            color=c.text,
            italic=True,
            tight=True,
            tag=Tag("quote", persona=persona.name),
        )
        items.append(Rect(Box(body.x, y, bar, block.box.h), fill=c.accent, tag=Tag("quote-bar")))
        items.append(block)
        if block.truncated:
            ctx.warn(f"the quote of {persona.name} is cut on the profile slide", persona)
    right = Box(body.x + left_w + gap * 1.5, body.y, body.w - left_w - gap * 1.5, body.h)
    items += _profile_cards(ctx, persona, right)
    title = f"{theme.labels.profile}: {persona.name}"
    return SlidePlan(
        kind="profile",
        title=title,
        notes=notes.profile_notes(persona, theme),
        layout="content",
        title_block=slide_title(ctx, title),
        items=tuple(items),
        persona=persona.name,
    )


def _avatar(ctx: Ctx, persona: Persona, box: Box, index: int) -> list[PlanItem]:
    fill = ctx.c.stage_colour(index)
    ink = ctx.c.on_stage_colour(index)
    letters = fit_block(
        initials(persona.name),
        ctx.theme,
        Box(box.x, box.y + box.h * 0.2, box.w, box.h * 0.6),
        size=round(box.h * 0.36, 1),
        min_size=ctx.size("h3"),
        color=ink,
        font="heading",
        bold=True,
        align="center",
        valign="middle",
        max_lines=1,
        tag=Tag("avatar-initials", persona=persona.name),
    )
    return [Ellipse(box, fill=fill, tag=Tag("avatar", persona=persona.name)), letters]


def _profile_cards(ctx: Ctx, persona: Persona, area: Box) -> list[PlanItem]:
    """Return the profile's lists as cards in a grid, as high as their text (one type size for all)."""
    theme, c = ctx.theme, ctx.c
    sections: list[tuple[str, str, list[str]]] = []
    bio = profile_text(persona, "bio")
    if bio:
        sections.append(("bio", theme.labels.bio, [bio]))
    # The workbook's own fields (Household, Scenario, Key actors) under their own names, in sheet order.
    for name, _ in persona.profile:
        values = profile_list(persona, name) if name not in PROFILE_KEYS else []
        if values:
            sections.append(("custom", name, values))
    for key in _PROFILE_SECTIONS:
        values = profile_list(persona, key)
        if values:
            sections.append((key, str(getattr(theme.labels, key)), values))
    if not sections:
        return []
    cols = 2 if len(sections) <= 4 else 3
    rows = math.ceil(len(sections) / cols)
    gap = ctx.gap
    pad = ctx.size("body")
    head_h = ctx.size("h3") * ctx.lh
    share = (area.h - gap * (rows - 1)) / rows
    room_h = share - 1.6 * pad - head_h - 0.4 * pad

    def width_of(i: int) -> float:
        # The last row's cards share its width, so no hole is left at the end.
        in_row = min(cols, len(sections) - (i // cols) * cols)
        return (area.w - gap * (in_row - 1)) / in_row

    def lists(size: float, min_size: float) -> list[FittedList]:
        return [
            fit_list(values, theme, width_of(i) - 2 * pad, room_h, size=size, min_size=min_size, color=c.text)
            for i, (_, _, values) in enumerate(sections)
        ]

    # One size for every card: the largest at which the fullest card fits its share.
    size = min(f.size for f in lists(ctx.size("h3"), theme.sizes.minimum))
    fitted = lists(size, size)
    heights = [1.6 * pad + head_h + 0.4 * pad + f.height for f in fitted]
    row_h = [max(heights[r * cols : (r + 1) * cols]) for r in range(rows)]
    items: list[PlanItem] = []
    y = area.y
    for r in range(rows):
        x = area.x
        for i in range(r * cols, min(len(sections), (r + 1) * cols)):
            key, label, values = sections[i]
            card = Box(round(x, 3), round(y, 3), round(width_of(i), 3), round(row_h[r], 3))
            x += width_of(i) + gap
            items += _card(ctx, persona, card, key, label, values, fitted[i], pad)
        y += row_h[r] + gap
    return items


def _card(
    ctx: Ctx,
    persona: Persona,
    card: Box,
    key: str,
    label: str,
    values: list[str],
    fitted: FittedList,
    pad: float,
) -> list[PlanItem]:
    theme, c = ctx.theme, ctx.c
    fill = c.pain_surface if key == "frustrations" else c.surface
    items: list[PlanItem] = [
        Rect(
            card, fill=fill, radius=theme.style.corner_radius, tag=Tag("card", persona=persona.name, lane=key)
        )
    ]
    heading = fit_block(
        label,
        theme,
        Box(card.x + pad, card.y + pad * 0.8, card.w - 2 * pad, ctx.size("h3") * ctx.lh),
        size=ctx.size("h3"),
        min_size=theme.sizes.minimum,
        color=c.text,
        font="heading",
        bold=True,
        max_lines=1,
        tag=Tag("card-heading", persona=persona.name, lane=key),
    )
    items.append(heading)
    if fitted.paragraphs:
        top = heading.box.bottom + pad * 0.4
        items.append(
            TextFrame(
                Box(card.x + pad, round(top, 3), card.w - 2 * pad, round(fitted.height, 3)),
                fitted.paragraphs,
                source="\n".join(values),
                truncated=fitted.truncated,
                tag=Tag("card-text", persona=persona.name, lane=key),
            )
        )
    if fitted.truncated:
        ctx.warn(f"the {label.lower()} of {persona.name} are cut on the profile slide", persona)
    return items


def whole_journey_scene(
    journeys: Journeys, persona: Persona, theme: Theme, size: tuple[float, float], index: int
) -> LayoutResult:
    """Lay the persona's whole journey out for a slide of size (points): every stage, the curve,
    the pain points and opportunities beside their steps."""
    from mapgen.layout import layout_canvas

    # One scene of exactly the slide's area, the journey summarised to fit at the deck's minimum
    # type size: the detail slides that follow hold every word.
    summary = _summary(theme, _BLUEPRINT_LANES if persona.kind == "blueprint" else _SUMMARY_LANES)
    return layout_canvas(
        journeys, persona, summary, size=size, index=index, footer=False, floor=summary.sizes.minimum
    )


def _summary(theme: Theme, lanes: tuple[str, ...]) -> Theme:
    """Return the theme showing only the whole journey's lanes: steps, curve, pain points, ideas."""
    show = tuple(lane for lane in theme.lanes.show if lane in lanes)
    return dataclasses.replace(theme, lanes=dataclasses.replace(theme.lanes, show=show))


def journey_slides(ctx: Ctx, persona: Persona, index: int) -> list[SlidePlan]:
    """Return the persona's whole journey on a slide (the built-in look's: full bleed)."""
    frame, theme = ctx.frame, ctx.theme
    full = not frame.template
    if full:
        area = Box(0, 0, frame.width, frame.height)
    else:
        # Down to the template's footers: the whole journey wants every point of the slide.
        bottom = frame.footer.y - ctx.gap * 0.5 if frame.footer is not None else frame.height - ctx.gap
        area = Box(frame.body.x, frame.body.y, frame.body.w, max(frame.body.h, bottom - frame.body.y))
    result = ctx.layout_journey(ctx.journeys, persona, theme, (area.w, area.h), index)
    ctx.problems.extend(result.problems)
    scenes = result.scenes
    if len(scenes) > 1:
        ctx.warn(
            f"the whole journey of {persona.name} does not fit one slide at {theme.sizes.minimum:g} pt: "
            f"it takes {len(scenes)} slides",
            persona,
        )
    slides = []
    kind = theme.labels.service_blueprint if is_blueprint(persona) else theme.labels.journey_map
    base = f"{kind}: {persona.name}"
    for part, scene in enumerate(scenes):
        title = scene.title or continued(ctx, base, part)
        items = list(scene_items(scene, area))
        title_block = _scene_title(items) if full else None
        if title_block is not None:
            items.remove(title_block)
        else:
            title = continued(ctx, base, part)
            title_block = slide_title(ctx, title)
            # The template's title placeholder shows the title: the scene's own is left out.
            items = [i for i in items if not (isinstance(i, TextBlock) and i.tag.kind == "title")]
        stages = _scene_stages(scene)
        slides.append(
            SlidePlan(
                kind="journey",
                title=title,
                notes=notes.journey_notes(ctx.journeys, persona, theme, stages),
                layout="content",
                title_block=title_block,
                items=tuple(items),
                persona=persona.name,
                background=scene.background
                if full and scene.background != theme.colours.background
                else None,
            )
        )
    return slides


def _scene_title(items: Sequence[Primitive]) -> TextBlock | None:
    for item in items:
        if isinstance(item, TextBlock) and item.tag.kind == "title":
            return item
    return None


def _scene_stages(scene: Scene) -> list[str]:
    seen: list[str] = []
    for item in scene.items:
        stage = item.tag.stage
        if stage and stage not in seen:
            seen.append(stage)
    return seen


def emotion_slide(ctx: Ctx, persona: Persona) -> SlidePlan | None:
    """Return the persona's emotion curve as a native line chart, stages as bands beneath it."""
    if not any(step.score is not None for step in persona.steps):
        return None
    theme, c, labels = ctx.theme, ctx.c, ctx.theme.labels
    scale = scale_of(persona)
    body = ctx.frame.body
    caption_h = round(2 * ctx.size("body") * ctx.lh + ctx.gap * 0.4, 2)
    categories: list[str] = []
    groups: list[tuple[str, int]] = []
    values: list[float | None] = []
    words: list[str] = []
    marker_colors: list[str] = []
    refs: list[int | None] = []
    for stage in ordered_stages(ctx.journeys, persona):
        steps = indexed_steps(persona, stage)
        groups.append((stage, max(1, len(steps))))
        if not steps:
            # An empty stage keeps its place on the axis: a gap, never a shorter journey.
            categories.append("–")
            values.append(None)
            words.append("")
            marker_colors.append(c.emotion_neutral)
            refs.append(None)
        for index, step in steps:
            categories.append(notes.step_label(step, index, theme))
            values.append(chart_value(step.score, scale))
            words.append(", ".join(step.emotions))
            marker_colors.append(theme.colours.emotion_colour(step.score))
            refs.append(index)
    lows = notes.lowest_steps(persona)
    low_index = {ref.index for ref in lows}
    emphasis = tuple(k for k, ref in enumerate(refs) if ref is not None and ref in low_index)
    axis = ctx.size("small")
    band_h = round(ctx.size("body") * ctx.lh + ctx.size("body"), 2)
    frame_h = round(body.h - caption_h - band_h - ctx.gap * 1.0, 2)
    box = Box(body.x, body.y, body.w, frame_h)
    # The plot area is fixed, so the stage bands below line up with its categories in every
    # application; room is left for the value labels (left), data labels (top) and step names.
    lines = 3
    label_h = (lines + 1) * axis * ctx.lh
    plot = Box(
        round(box.x + axis * 4.5, 2),
        round(box.y + axis * 2.5, 2),
        round(box.w - axis * 5.5, 2),
        round(box.h - axis * 2.5 - label_h, 2),
    )
    cat_w = plot.w / max(1, len(categories))
    chain = theme.font_chain("body")
    if cat_w >= axis * 6:
        # Fitted with a margin: the chart application wraps the names itself, a little differently.
        categories = [
            "\n".join(
                text.fit(label, chain, cat_w - axis * 1.5, label_h, axis, axis, ctx.lh, max_lines=lines).lines
            )
            or label
            for label in categories
        ]
    else:
        # Too narrow for names: number the steps; the table and the map name them.
        categories = [str(ref + 1) if ref is not None else "–" for ref in refs]
    label_w = max(cat_w * 1.4, axis * 8)
    labels_fitted = tuple(
        "\n".join(text.fit(w, chain, label_w, axis * 2 * ctx.lh, axis, axis, ctx.lh, max_lines=2).lines)
        if w
        else ""
        for w in words
    )
    series = ChartSeries(
        name=labels.emotion,
        values=tuple(values),
        color=c.curve,
        line_width=theme.style.curve_width,
        marker_colors=tuple(marker_colors),
        labels=labels_fitted,
        emphasis=emphasis,
    )
    chart = score_chart(
        ctx,
        box,
        categories,
        (series,),
        scale,
        axis,
        legend=False,
        alt=_emotion_alt(ctx, persona),
        name=f"{labels.emotion_curve} {persona.name}",
        plot=plot,
    )
    items: list[PlanItem] = [chart]
    items += _stage_bands(ctx, groups, plot, round(box.bottom + ctx.gap * 0.3, 2), band_h)
    if lows:
        items += _moment_caption(ctx, persona, lows, Box(body.x, body.bottom - caption_h, body.w, caption_h))
    title = f"{labels.emotion_curve}: {persona.name}"
    return SlidePlan(
        kind="emotion",
        title=title,
        notes=notes.emotion_notes(persona, theme),
        layout="content",
        title_block=slide_title(ctx, title),
        items=tuple(items),
        persona=persona.name,
    )


def _stage_bands(
    ctx: Ctx, groups: Sequence[tuple[str, int]], plot: Box, y: float, h: float
) -> list[PlanItem]:
    """Return a band per stage under the chart, as wide as the stage's categories, in its colour."""
    items: list[PlanItem] = []
    count = sum(n for _, n in groups)
    step = plot.w / max(1, count)
    gap = min(2.0, step * 0.05)
    start = 0
    stages = ordered_stages(ctx.journeys)
    for stage, n in groups:
        i = stages.index(stage) if stage in stages else len(items)
        band = Box(round(plot.x + start * step + gap, 2), y, round(n * step - 2 * gap, 2), h)
        start += n
        items.append(
            Rect(
                band,
                fill=ctx.c.stage_colour(i),
                radius=ctx.theme.style.corner_radius,
                tag=Tag("stage", stage=stage),
            )
        )
        pad = min(ctx.size("small") * 0.6, band.w * 0.1)
        items.append(
            fit_block(
                stage,
                ctx.theme,
                Box(band.x + pad, band.y, band.w - 2 * pad, band.h),
                size=ctx.size("body"),
                min_size=ctx.theme.sizes.minimum,
                color=ctx.c.on_stage_colour(i),
                font="heading",
                bold=True,
                align="center",
                valign="middle",
                max_lines=1,
                tag=Tag("stage-name", stage=stage),
            )
        )
    return items


def _emotion_alt(ctx: Ctx, persona: Persona) -> str:
    theme = ctx.theme
    scale = scale_of(persona)
    scored = [(i, s) for i, s in enumerate(persona.steps) if s.score is not None]
    labels = theme.labels
    parts = [
        fill(
            labels.alt_emotion_chart,
            persona=persona.name,
            steps=len(persona.steps),
            stages=len(ordered_stages(ctx.journeys, persona)),
            scale=scale_text(scale, labels),
        )
    ]
    top, bottom = highs(persona), lows(persona)  # the rule of mapgen.insights.moments: first of ties
    if top and bottom:
        hi, lo = top[0], bottom[0]
        mark = theme.labels.decimal_mark
        high, low = score_text(hi.step, scale, mark=mark), score_text(lo.step, scale, mark=mark)
        parts.append(
            fill(
                labels.alt_high_low,
                high_step=notes.step_label(hi.step, hi.index, theme),
                high=high,
                low_step=notes.step_label(lo.step, lo.index, theme),
                low=low,
            )
        )
    gaps = len(persona.steps) - len(scored)
    if gaps:
        parts.append(labels.alt_unscored_one if gaps == 1 else fill(labels.alt_unscored, count=gaps))
    return " ".join(parts)


def _moment_caption(ctx: Ctx, persona: Persona, lows: Sequence[notes.StepRef], box: Box) -> list[PlanItem]:
    theme, c = ctx.theme, ctx.c
    size = ctx.size("small")
    chain = theme.font_chain("body", bold=True)
    label = theme.labels.moment_that_matters
    pad = size * 0.8
    # A point of slack: the pill's width is rounded, and the label must still fit on one line.
    pill_w = min(text.measure(label, chain, size) + 2 * pad + 1, box.w * 0.4)
    pill_h = round(size * ctx.lh + pad * 0.8, 2)
    pill = Box(box.x, box.y + ctx.gap * 0.2, round(pill_w, 2), pill_h)
    pill_text = fit_block(
        label,
        theme,
        Box(pill.x + pad, pill.y, pill.w - 2 * pad, pill.h),
        size=size,
        min_size=size,
        color=c.on_accent,
        bold=True,
        valign="middle",
        max_lines=1,
        tag=Tag("moment-label", persona=persona.name),
    )
    descriptions = []
    for ref in lows:
        step = ref.step
        what = f"{step.stage} · {notes.step_label(step, ref.index, theme)}"
        if step.emotions:
            what += f" ({', '.join(step.emotions)})"
        if step.pain_points:
            what += f" — {'; '.join(step.pain_points)}"
        descriptions.append(what)
    x = pill.right + ctx.gap * 0.6
    desc = fit_block(
        " / ".join(descriptions),
        theme,
        Box(x, box.y + ctx.gap * 0.2, box.right - x, box.h - ctx.gap * 0.2),
        size=ctx.size("body"),
        min_size=theme.sizes.minimum,
        color=c.text,
        tag=Tag("moment-text", persona=persona.name),
    )
    # Centre a one-line description on the pill.
    if len(desc.lines) == 1:
        desc = dataclasses.replace(desc, box=Box(desc.box.x, pill.y, desc.box.w, pill.h), valign="middle")
    return [Rect(pill, fill=c.accent, radius=pill_h / 2, tag=Tag("moment-pill")), pill_text, desc]
