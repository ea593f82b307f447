"""How a canvas shares its height among the lanes: one card size, lanes dropped when they must be.

The lanes keep the theme's order on the map; when room runs short they give way in the order of
PRIORITY, the NN/g anatomy's own: the emotion curve, what the persona does, the pain points and
the opportunities below it, the thoughts; then the supporting lanes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mapgen.layout.lanes import Lane

PRIORITY = (
    "emotions",
    "actions",
    "pain_points",
    "opportunities",
    "thoughts",
    "touchpoints",
    "goals",
    "kpis",
    "owner",
    "evidence",
)
# The lanes that carry the map's story (NN/g): shown in full before any supporting lane is shown.
CORE = frozenset({"emotions", "actions", "pain_points", "opportunities"})
LEAST_LINES = 2  # a lane shown with fewer lines than this (and more text) says too little
LEAST_SHARE = 0.6  # nor with less than this share of the lines its tallest card needs,
LEAST_CAP = 4  # up to this many: a wall of text must not push the takeaways off the map
CURVE_STRETCH = 1.5  # the curve grows at most this much past its preferred height
CARD_STRETCH = 1.6  # cards grow at most this much past their text, then space is left


@dataclass(frozen=True)
class Room:
    """What a canvas's lanes area holds: its height, the gap between lanes, the curve's heights."""

    height: float
    gap: float
    curve_least: float
    curve_preferred: float
    pad: float  # inside a card, above and below its text
    line_height: float  # multiple of the size


@dataclass(frozen=True)
class LanePlan:
    """The lanes a canvas shows (in the theme's order), their heights, the card size, and the dropped."""

    lanes: tuple[Lane, ...]
    heights: tuple[float, ...]
    size: float
    dropped: tuple[Lane, ...]


def rank(lane: Lane) -> int:
    """Return a lane's priority: 0 is kept longest; the workbook's own columns go first."""
    return PRIORITY.index(lane.id) if lane.id in PRIORITY else len(PRIORITY)


def plan_lanes(
    lanes: Sequence[Lane],
    needs: Callable[[Lane, float], int],
    room: Room,
    size: float,
    floor: float,
) -> LanePlan:
    """Return the lanes that fit room and their heights, the cards at size if all fit, else at floor.

    needs(lane, size) is the number of lines a lane's tallest card takes at that size. At floor, a
    lane gets at least 60% of the lines it needs (up to four) and two lines (fewer when it needs
    fewer): a lane that says less is not worth its room. Lanes are dropped lowest priority first until those
    minimums fit, and the lines left are dealt out in priority order, one at a time, so every lane
    shows as much as the room allows. When the CORE lanes would then be cut but could be shown in
    full without the others, the others give way, lowest priority first, until they are.
    """
    if not lanes:
        return LanePlan((), (), size, ())
    gaps = room.gap * (len(lanes) - 1)

    def text_height(lines: int, at: float) -> float:
        return lines * at * room.line_height + 2 * room.pad

    full = {lane: needs(lane, size) for lane in lanes if lane.kind != "curve"}
    curve = [lane for lane in lanes if lane.kind == "curve"]
    wanted = sum(text_height(n, size) for n in full.values()) + room.curve_preferred * len(curve) + gaps
    if wanted <= room.height + 1e-6:
        heights = {lane: text_height(n, size) for lane, n in full.items()}
        heights.update(dict.fromkeys(curve, room.curve_preferred))
        return _stretched(lanes, heights, room, size, ())

    need = {lane: needs(lane, floor) for lane in lanes if lane.kind != "curve"}
    least = {
        lane: min(n, max(LEAST_LINES, min(LEAST_CAP, math.ceil(n * LEAST_SHARE)))) for lane, n in need.items()
    }
    step = floor * room.line_height

    def deal(chosen: list[Lane]) -> tuple[dict[Lane, float], bool] | None:
        """Return the chosen lanes' heights (lines dealt out in priority order), and whether the
        core lanes show all their text; None when even their least heights do not fit."""
        lines = {lane: least[lane] for lane in chosen if lane.kind != "curve"}
        curve_h = {lane: room.curve_least for lane in chosen if lane.kind == "curve"}
        free = room.height - room.gap * (len(chosen) - 1) - sum(curve_h.values())
        free -= sum(text_height(n, floor) for n in lines.values())
        if free < -1e-6:
            return None
        progressed = True
        while progressed:
            progressed = False
            for lane in chosen:
                if free < step - 1e-6:
                    break
                if lane.kind == "curve" and curve_h[lane] + step <= room.curve_preferred + 1e-6:
                    curve_h[lane] += step
                elif lane.kind != "curve" and lines[lane] < need[lane]:
                    lines[lane] += 1
                else:
                    continue
                free -= step
                progressed = True
        heights: dict[Lane, float] = {lane: text_height(n, floor) for lane, n in lines.items()}
        heights.update(curve_h)
        full = all(lines[lane] >= need[lane] for lane in lines if lane.id in CORE)
        return heights, full

    kept = sorted(lanes, key=rank)
    dropped: list[Lane] = []
    dealt = deal(kept)
    relaxed = False
    while dealt is None and len(kept) > 1:
        if kept[-1].id in CORE and not relaxed:
            # The takeaways are worth a shorter card each (two lines, "+N more") before one of
            # them leaves the map: a pain point with no opportunity beside it tells half the story.
            least.update({lane: min(n, LEAST_LINES) for lane, n in need.items()})
            relaxed = True
            dealt = deal(kept)
            continue
        dropped.append(kept.pop())
        dealt = deal(kept)
    core = [lane for lane in kept if lane.id in CORE or lane.kind == "curve"]
    core_alone = deal(core)
    if dealt is not None and not dealt[1] and core_alone is not None and core_alone[1]:
        # The takeaways in full before the supporting lanes: drop those, lowest first, until they fit.
        while not dealt[1]:
            extra = max((lane for lane in kept if lane not in core), key=rank)
            kept.remove(extra)
            dropped.append(extra)
            dealt = deal(kept)
            assert dealt is not None  # fewer lanes never need more room
    heights = dealt[0] if dealt is not None else dict.fromkeys(kept, room.height)
    shown = [lane for lane in lanes if lane in heights]
    return _stretched(shown, heights, room, floor, tuple(dropped))


def _stretched(
    lanes: Sequence[Lane], heights: dict[Lane, float], room: Room, size: float, dropped: tuple[Lane, ...]
) -> LanePlan:
    """Return the plan with the room left given to the curve first, then to every card alike."""
    free = room.height - sum(heights.values()) - room.gap * (len(lanes) - 1)
    for lane in lanes:
        if lane.kind == "curve" and free > 0:
            grow = min(free, room.curve_preferred * CURVE_STRETCH - heights[lane])
            if grow > 0:
                heights[lane] += grow
                free -= grow
    cards = [lane for lane in lanes if lane.kind != "curve"]
    total = sum(heights[lane] for lane in cards)
    if free > 0 and total > 0:
        scale = min(CARD_STRETCH, (total + free) / total)
        for lane in cards:
            heights[lane] *= scale
    return LanePlan(tuple(lanes), tuple(round(heights[lane], 2) for lane in lanes), size, dropped)
