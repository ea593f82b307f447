"""A persona's journey on one canvas of exactly a given size: the whole journey in one row.

The NN/g anatomy, top to bottom: the actor and the scenario (photo, name, role, quote, goals and
frustrations); the stage bar; the lanes (actions, thoughts, the one continuous emotion curve,
...) with the pain points and opportunities below, beside their steps; the footer. Type is sized
for the canvas: a slide (960 x 540 pt) sets it at the theme's sizes, never under 9 pt (18 px at
1920 px wide), and any other size scales the whole, minimum included, by its width.

A long journey fits by summarising, never by cutting the canvas into pieces: cards shrink to the
minimum, lists keep the items that fit and count the rest ("+2 more"), texts are shortened at a
word boundary; lanes that still do not fit are dropped lowest priority first (layout.room). When
a step's column would be too narrow to read, the map shows one column per stage instead, its
steps' items listed and merged, and the curve still runs through every step: the valleys are the
moments that matter, and a stage average would flatten them away. Each of these is a warning.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.layout.band import lane_label
from mapgen.layout.cells import cards, lane_items, needed_lines, text_width
from mapgen.layout.context import Context
from mapgen.layout.curve import curve_legend, emotion_lane
from mapgen.layout.footer import footer as footer_items
from mapgen.layout.footer import footer_height
from mapgen.layout.grid import Band, Column, plan_bands, stage_row, step_slots
from mapgen.layout.header import persona_header
from mapgen.layout.journey import describe, missing_glyphs
from mapgen.layout.lanes import Lane, lanes_for
from mapgen.layout.result import LayoutResult
from mapgen.layout.room import LanePlan, Room, plan_lanes
from mapgen.layout.stages import stage_bar, stage_row_height
from mapgen.model import Journeys, Persona, Problem, Step
from mapgen.scene import Box, Polyline, Primitive, Scene, Tag
from mapgen.scores import scale_of, scale_text
from mapgen.stages import persona_stages, stage_colours

if TYPE_CHECKING:
    from mapgen.themes import Theme

SLIDE_WIDTH = 960.0  # points: a 13.33 in slide, the canvas the theme's sizes are meant for
LEAST_SIZE = 9.0  # points on the slide canvas: 18 px at 1920 px wide, readable on a projector
STEP_COLUMN = 7.0  # a step's column is at least this many card-size ems wide, else stages
CANVAS_HINT = "shorten it in the workbook, or show fewer lanes (the theme's lanes.show)"
DROPPED_HINT = "show fewer lanes (the theme's lanes.show) or shorten the texts"


def canvas_theme(theme: Theme, width: float, floor: float = 0.0) -> Theme:
    """Return the theme with its sizes scaled to a canvas width, no type under LEAST_SIZE so
    scaled, nor under floor (points, whatever the width: a deck's 9 pt on any slide size)."""
    k = max(width / SLIDE_WIDTH, floor / max(theme.sizes.minimum, LEAST_SIZE))
    sizes = theme.sizes
    scaled = dataclasses.replace(
        # Rounded up: sizes are kept to the hundredth, and the floor must not slip under 9 pt.
        sizes,
        base=round(sizes.base * k, 3),
        minimum=math.ceil(max(sizes.minimum, LEAST_SIZE) * k * 100) / 100,
    )
    style = dataclasses.replace(
        theme.style,
        corner_radius=round(theme.style.corner_radius * k, 3),
        curve_width=round(theme.style.curve_width * k, 3),
    )
    return dataclasses.replace(theme, sizes=scaled, style=style)


def layout_canvas(
    journeys: Journeys,
    persona: Persona,
    theme: Theme,
    size: tuple[float, float],
    *,
    index: int | None = None,
    footer: bool = True,
    scale: str | None = None,
    floor: float = 0.0,
) -> LayoutResult:
    """Lay a persona's whole journey out on one scene of exactly size (width, height) in points.

    Guarantees: one Scene, exactly that size; every stage in one row, left to right, under one
    continuous emotion curve; no text under 9 pt at a slide's width (scaled with the width);
    no text outside its box, no word broken but at a hyphenation point; no emotion label over
    another label, a marker or the line. What had to be summarised or left out is a warning in
    the result's problems, naming the persona, stage, lane and cell; nothing of it is drawn.
    index: the persona's place among all the personas (its avatar's colour; by default its
    place in journeys.personas). footer=False leaves out the footer line and logo (for pages
    with a running footer of their own). scale: the workbook's score scale in words ("Scale: -5
    to +5") for the curve's legend; by default the persona's own, in the theme's words.
    floor: the smallest type in points whatever the size (a deck's 9 pt on a 4:3 slide).
    """
    if index is None:
        index = next((i for i, p in enumerate(journeys.personas) if p is persona or p == persona), 0)
    if scale is None:
        # The client reads the curve on their own scale: the map says which it is. An inferred
        # scale says so in the legend's line above, not again here.
        own = scale_of(persona)
        shown = dataclasses.replace(own, kind="numbers") if own.kind == "inferred" else own
        scale = f"{theme.labels.scale}: {scale_text(shown, theme.labels)}"
    width, height = size
    ct = canvas_theme(theme, width, floor)
    ctx = Context(journeys, persona, ct, index, hint=CANVAS_HINT)
    sizes = ct.sizes
    unit = sizes.size("body") / 10
    m = round(min(width, height) * 0.04, 2)
    gap = round(ctx.pad * 1.6, 2)
    body = sizes.size("body")
    lanes = lanes_for(persona, ct)

    # Name, role and two lines of quote or list; a filled header band adds its padding round them.
    band_pad = 4 * ctx.pad if ct.style.header_band else 0.0
    header_h = sizes.size("h1") * sizes.line_height + body * sizes.line_height * 3 + band_pad
    header_h = round(max(header_h, height * 0.12), 2)
    footer_h = footer_height(ct) if footer else 0.0
    label_w = _label_width(ctx, lanes, width)
    x0 = m + label_w + gap
    row_w = width - m - x0
    names = persona_stages(journeys, persona)
    band, slots, steps_of = _columns(ctx, names, x0, row_w)
    card_columns = band.columns

    bar_y = m + header_h + gap
    bar_h = stage_row_height(ctx)
    lanes_y = bar_y + bar_h + gap * 0.6
    lanes_bottom = height - m - footer_h - (gap if footer else 0.0)
    line = sizes.size("small") * sizes.line_height
    room = Room(
        height=lanes_bottom - lanes_y,
        gap=round(5 * unit, 2),
        curve_least=round(line * 6.2, 2),
        curve_preferred=round(line * 8.5, 2),
        pad=ctx.pad,
        line_height=sizes.line_height,
    )

    def needs(lane: Lane, at: float) -> int:
        return max(
            (
                needed_lines(ctx, lane, lane_items(lane, steps), text_width(ctx, lane, col.w), at)
                for col, steps in zip(card_columns, steps_of, strict=True)
            ),
            default=1,
        )

    plan = plan_lanes(lanes, needs, room, body, sizes.minimum)
    for lane in plan.dropped:
        ctx.warn(
            f"the lane is left out of the map: it has no room at this size; {DROPPED_HINT}",
            Tag("lane", persona=persona.name, lane=lane.id),
        )

    items: list[Primitive] = persona_header(ctx, Box(m, m, width - 2 * m, header_h))
    items += stage_bar(ctx, band.stages, bar_y, bar_h)
    items += _lanes(ctx, plan, card_columns, slots, steps_of, Box(m, lanes_y, label_w, 0), room, scale)
    if footer:
        items += footer_items(journeys, ct, Box(m, height - m - footer_h, width - 2 * m, footer_h))
    scene = Scene(
        width,
        height,
        ct.colours.background,
        tuple(items),
        title=persona.name,
        description=describe(journeys, persona, ct),
    )
    return LayoutResult((scene,), summarised(ctx, width, height) + missing_glyphs(journeys, persona, ct))


def summarised(ctx: Context, width: float, height: float) -> tuple[Problem, ...]:
    """Return the canvas's problems with its summaries folded into one warning naming every cell.

    A one-page map summarises by design (its detail views hold every word): a line for each
    shortened card or dropped lane would bury the warnings that need the client's attention. The
    summary says how much was left out and where, once per persona and size.
    """
    problems, persona = ctx.problems, ctx.persona
    shortened = [p for p in problems if p.message.endswith(CANVAS_HINT)]
    dropped = [p for p in problems if p.message.endswith(DROPPED_HINT)]
    if len(shortened) + len(dropped) <= 1:
        return tuple(problems)

    def lanes_of(found: list[Problem]) -> list[str]:
        return list(
            dict.fromkeys(
                ctx.lane_label(lane) for p in found if (lane := getattr(ctx.tags.get(p), "lane", None))
            )
        )

    cells = sorted({p.cell for p in shortened if p.cell}, key=_cell_order)
    stages = list(
        dict.fromkeys(stage for p in shortened if (stage := getattr(ctx.tags.get(p), "stage", None)))
    )
    parts = []
    if shortened:
        places = [f"stages {', '.join(stages)}"] if stages else []
        places += [f"cells {', '.join(cells)}"] if cells else []
        where = f" ({'; '.join(places)})" if places else ""
        lanes = sorted(lanes_of(shortened))
        texts = f"{len(shortened)} text{'s' if len(shortened) != 1 else ''}"
        parts.append(f"shortens {texts}" + (f" in {', '.join(lanes)}" if lanes else "") + where)
    if dropped:
        parts.append(f"leaves out the lanes {', '.join(lanes_of(dropped))}")
    folded = Problem(
        "note",  # by design: the stage-by-stage views hold every word
        f"{persona.name}: the one-page map ({width:.0f} x {height:.0f} pt) {' and '.join(parts)} to fit; "
        f"every word is in the stage-by-stage views. To show more on the map, {CANVAS_HINT}",
        file=(shortened or dropped)[0].file,
        sheet=persona.sheet,
        cell=cells[0] if cells else None,
    )
    return (*[p for p in problems if p not in shortened and p not in dropped], folded)


def _cell_order(cell: str) -> tuple[int, str]:
    """Sort A1-style cells by row, then column."""
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits) if digits else 0, cell)


def _label_width(ctx: Context, lanes: list[Lane], width: float) -> float:
    """Return the width of the lane labels' column: the widest label, within 7% to 10.5% of the canvas."""
    sizes = ctx.theme.sizes
    chain = ctx.theme.font_chain("heading", bold=True)
    size = sizes.size("small") + 0.5
    words = [w for lane in lanes for w in lane.label.split()]
    widest = max((text.measure(w, chain, size) for w in words), default=0.0)
    return round(min(max(widest + sizes.size("small") + 8, width * 0.07), width * 0.105), 2)


def _columns(
    ctx: Context, names: list[str], x: float, width: float
) -> tuple[Band, tuple[Column, ...], list[tuple[Step, ...]]]:
    """Return the row of columns, the curve's slot per step, and each column's steps.

    A column per step while each is at least STEP_COLUMN card-size ems wide; else one per stage.
    """
    persona = ctx.persona
    colours = stage_colours(ctx.journeys, names)
    steps_band = plan_bands(names, persona, x, width, 1e-3, colours)[0] if names else Band(())
    narrowest = min((col.w for col in steps_band.columns if col.step is not None), default=width)
    if narrowest >= STEP_COLUMN * ctx.theme.sizes.size("body") or not persona.steps:
        steps_of: list[tuple[Step, ...]] = [
            (col.step,) if col.step is not None else () for col in steps_band.columns
        ]
        return steps_band, steps_band.columns, steps_of
    ctx.warn(
        f"{len(persona.steps)} steps are too many for one row at this size: the map shows a column "
        "per stage, with its steps' items listed, and the curve through every step"
    )
    band = stage_row(names, persona, x, width, colours)
    slots = tuple(slot for span in band.stages for slot in step_slots(span, persona))
    return band, slots, [persona.steps_in(span.name) for span in band.stages]


def _lanes(
    ctx: Context,
    plan: LanePlan,
    columns: tuple[Column, ...],
    slots: tuple[Column, ...],
    steps_of: list[tuple[Step, ...]],
    label_box: Box,
    room: Room,
    scale: str | None,
) -> list[Primitive]:
    """Return every lane from the top: its label, its cards or the curve, and the grid behind."""
    c = ctx.theme.colours
    out: list[Primitive] = []
    y = label_box.y
    left, right = label_box.x, columns[-1].right if columns else label_box.right
    bottom = y + sum(plan.heights) + room.gap * max(0, len(plan.heights) - 1)
    width = 0.5 * ctx.theme.sizes.size("body") / 10
    # Faint stage dividers behind the lanes help the eye follow a stage down the canvas.
    stages = list(dict.fromkeys(col.stage for col in columns))
    for stage in stages[1:]:
        x = next(col.x for col in columns if col.stage == stage)
        out.append(Polyline(((x - 1, y), (x - 1, bottom)), color=c.border, width=width, tag=Tag("grid")))
    for lane, height in zip(plan.lanes, plan.heights, strict=True):
        edge = y - room.gap / 2
        out.append(Polyline(((left, edge), (right, edge)), color=c.border, width=width, tag=Tag("grid")))
        if lane.kind == "curve":
            inferred = any(s.score_source == "inferred" for s in ctx.persona.steps)
            legend, top = curve_legend(
                ctx, Box(label_box.x, y, label_box.w, height), inferred=inferred, scale=scale
            )
            out += lane_label(ctx, lane, Box(label_box.x, y, label_box.w, top - y))
            out += legend
            lane_box = Box(columns[0].x, y, right - columns[0].x, height)
            out += emotion_lane(ctx, lane_box, slots, stage_wide=slots != columns)
        else:
            out += lane_label(ctx, lane, Box(label_box.x, y, label_box.w, height))
            out += cards(ctx, lane, columns, steps_of, y, height, plan.size)
        y += height + room.gap
    return out
