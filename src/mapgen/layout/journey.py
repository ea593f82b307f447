"""A persona's journey map as scenes: header, stage headers, lanes, emotion curve, footer."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.insights.moments import highs, moments
from mapgen.insights.naming import step_name
from mapgen.layout.band import LANE_GAP, band_height, band_items, lane_heights, minimum_heights
from mapgen.layout.context import Context
from mapgen.layout.footer import footer as footer_items
from mapgen.layout.footer import footer_height
from mapgen.layout.grid import Band, plan_bands
from mapgen.layout.header import header_height, persona_header
from mapgen.layout.lanes import Lane, lanes_for
from mapgen.layout.result import LayoutResult
from mapgen.model import Journeys, Persona, Problem
from mapgen.scene import Box, Scene
from mapgen.stages import is_blueprint, persona_stages, stage_colours

if TYPE_CHECKING:
    from mapgen.themes import Theme

MAX_STRETCH = 1.8  # cards grow at most this much past their text to fill a page, then space is left


def margin(page: tuple[float, float]) -> float:
    """Return the page margin: 4.5% of the shorter side."""
    return round(min(page) * 0.045, 2)


def layout_journey(
    journeys: Journeys,
    persona: Persona,
    theme: Theme,
    page: tuple[float, float],
    *,
    paginate: bool = False,
    footer: bool = True,
    index: int | None = None,
) -> LayoutResult:
    """Lay a persona's journey out on pages of the given size (in points).

    paginate=False gives one scene of the page's width that grows taller when the journey needs
    more room (its stages wrap into further bands below); paginate=True gives one scene per band,
    each exactly the page size, the later ones marked as continued. footer=False leaves out the
    footer line and logo, for pages that have a running footer of their own (the report's).
    index: the persona's place among all the personas, which colours its avatar as every
    deliverable does; by default its place in journeys.personas (a part of a deliverable may
    hold that one persona only, and passes its index).
    """
    if index is None:
        index = next((i for i, p in enumerate(journeys.personas) if p is persona or p == persona), 0)
    ctx = Context(journeys, persona, theme, index)
    width, height = page
    m = margin(page)
    gap = ctx.pad * 2
    body = theme.sizes.size("body")
    footer_h = footer_height(theme) if footer else 0.0
    label_w = max(body * 7, min(body * 13, width * 0.11))
    x0 = m + label_w + gap
    names = persona_stages(journeys, persona)
    colours = stage_colours(journeys, names)
    bands = plan_bands(names, persona, x0, width - m - x0, body * 9.5, colours)
    lanes = lanes_for(persona, theme)
    label_box = Box(m, 0, label_w, 0)
    # The title is what the header shows in large type, so a deck slide titled by it matches.
    title = persona.name
    description = describe(journeys, persona, theme)

    def scene(parts: list[Band], group: list[Lane], part: int, page_h: float | None = None) -> Scene:
        header_h = header_height(ctx, height, compact=part > 0)
        room = height - 2 * m - header_h - footer_h - 2 * gap
        heights = _fit_heights(ctx, group, bands, room, grow=not paginate)
        band_h = band_height(ctx, heights) if group or parts else 0.0
        y = m + header_h + gap
        items = persona_header(ctx, Box(m, m, width - 2 * m, header_h), continued=part > 0)
        for band in parts:
            items += band_items(ctx, band, group, heights, label_box, y)
            y += band_h + gap * 2
        if page_h is None:
            page_h = height if paginate else max(height, float(math.ceil(y + footer_h + m)))
        if footer:
            items += footer_items(journeys, theme, Box(m, page_h - m - footer_h, width - 2 * m, footer_h))
        name = title if part == 0 else f"{title} ({theme.labels.continued})"
        return Scene(
            width, page_h, theme.colours.background, tuple(items), title=name, description=description
        )

    if not paginate:
        scenes: tuple[Scene, ...] = (scene(bands, lanes, 0),)
    else:
        room = height - 2 * m - header_height(ctx, height) - footer_h - 2 * gap
        groups = _lane_groups(ctx, lanes, bands, room)
        pages = [([band], group) for band in bands for group in groups] or [([], lanes)]
        scenes = tuple(scene(parts, group, n) for n, (parts, group) in enumerate(pages))
    return LayoutResult(scenes, tuple(ctx.problems) + missing_glyphs(journeys, persona, theme))


def _lane_groups(ctx: Context, lanes: list[Lane], bands: list[Band], room: float) -> list[list[Lane]]:
    """Return the lanes split into as few groups as fit a page each, their text at least at the minimum size.

    The lanes are shared out evenly, so a last page never holds a single lane.
    """
    available = room - band_height(ctx, [])
    need = [h + LANE_GAP for h in lane_heights(ctx, lanes, bands, least=True)]
    count = 1
    used = 0.0
    for h in need:
        if used and used + h > available + LANE_GAP:
            count, used = count + 1, 0.0
        used += h
    target = sum(need) / count
    groups: list[list[Lane]] = [[]]
    used = 0.0
    for lane, h in zip(lanes, need, strict=True):
        spills = used + h > available + LANE_GAP or used + h / 2 > target
        if groups[-1] and spills and len(groups) < count:
            groups.append([])
            used = 0.0
        groups[-1].append(lane)
        used += h
    return groups


def _fit_heights(
    ctx: Context, lanes: list[Lane], bands: list[Band], room: float, *, grow: bool
) -> list[float]:
    """Return lane heights for a band of the given room: stretched to fill it, or squeezed into it.

    Squeezed lanes keep at least the height their text needs at the minimum size, when that fits;
    when the text does not fit and grow is True, lanes keep the height their text needs (the
    scene grows taller) instead of shrinking it.
    """
    if not lanes:
        return []
    natural = lane_heights(ctx, lanes, bands)
    available = room - band_height(ctx, [0.0] * len(lanes))
    total = sum(natural)
    if total <= available:
        scale = min(MAX_STRETCH, available / total) if total else 1.0
        return [round(h * scale, 2) for h in natural]
    if grow:
        return natural
    low = lane_heights(ctx, lanes, bands, least=True)
    if sum(low) <= available:
        # Between the minimum-size heights and the preferred ones, as far as the room allows.
        t = (available - sum(low)) / max(total - sum(low), 1e-9)
        return [round(lo + t * (hi - lo), 2) for lo, hi in zip(low, natural, strict=True)]
    least = minimum_heights(ctx, lanes)
    heights = list(low)
    # Even the minimum size does not fit: squeeze in proportion, holding lanes at one line.
    for _ in range(len(lanes)):
        free = [i for i, h in enumerate(heights) if h > least[i]]
        over = sum(heights) - available
        if over <= 0.01 or not free:
            break
        share = sum(heights[i] for i in free)
        for i in free:
            heights[i] = max(least[i], heights[i] - over * heights[i] / share)
    return [round(h, 2) for h in heights]


def describe(journeys: Journeys, persona: Persona, theme: Theme) -> str:
    """Return a plain-language summary of the map, for screen readers and search."""
    stages = persona_stages(journeys, persona)
    role = persona.get("role")
    who = f"{persona.name} ({role})" if isinstance(role, str) and role else persona.name
    kind = theme.labels.service_blueprint if is_blueprint(persona) else theme.labels.journey_map
    parts = [
        f"{kind}: {who}, {len(persona.steps)} steps over {len(stages)} "
        f"{theme.labels.stages.lower()}: {', '.join(stages)}."
    ]
    # The low is the moment that matters and the high the first highest (mapgen.insights.moments):
    # a journey that never clearly dips has no lowest moment to name.
    picked = [(theme.labels.lowest_moment, m) for m in moments(persona)[:1]]
    picked += [(theme.labels.highest_moment, m) for m in highs(persona)[:1]]
    for label, moment in picked:
        feeling = ", ".join(moment.step.emotions)
        name = step_name(moment.step, moment.index, theme.labels.step)
        parts.append(f"{label}: {moment.stage}, {name}{f' ({feeling})' if feeling else ''}.")
    pains = sum(len(s.pain_points) for s in persona.steps)
    ideas = sum(len(s.opportunities) for s in persona.steps)
    parts.append(f"{theme.labels.pain_points}: {pains}. {theme.labels.opportunities}: {ideas}.")
    return " ".join(parts)


def missing_glyphs(journeys: Journeys, persona: Persona, theme: Theme) -> tuple[Problem, ...]:
    """Return a warning per character of the persona's texts that no font of the theme has."""
    pieces = [persona.name]
    for _key, value in persona.profile:
        pieces += [value] if isinstance(value, str) else list(value)
    for step in persona.steps:
        pieces += [step.stage, step.action or "", step.touchpoint or "", step.goal or "", step.thoughts or ""]
        pieces += [*step.emotions, *step.pain_points, *step.opportunities, *step.kpis, step.owner or ""]
        pieces += [value for _h, value in step.extra]
    missing = text.missing_glyphs("\n".join(pieces), theme.font_chain("body"))
    return tuple(
        Problem(
            "warning",
            f"{persona.name}: {text.missing_glyph_message(ch)}",
            file=journeys.source,
            sheet=persona.sheet,
        )
        for ch in sorted(missing)
    )
