"""Where the emotion curve's words go: by their marker, clear of every label, marker and the line.

One rule for every map (the PNG and the PDF paint the same Scene, the deck redraws it): each
label is tried below or above its marker (valleys below, peaks above), a little further away,
then nudged sideways within its column; then set smaller, on two lines, or shortened at a word
boundary. The first box that lies inside the lane and touches no other label, no marker and no
part of the curve's line wins; a label with no such box is left out, and the caller reports it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mapgen import text
from mapgen.scene import Box, Point

LIFTS = 6  # positions tried away from the marker on each side, a third of a line apart
NUDGES = 4  # sideways positions tried each way, an eighth of the column apart


@dataclass(frozen=True)
class Anchor:
    """A point on the curve that wants a label: its marker and the columns the label may use."""

    x: float
    y: float
    radius: float  # of the marker and any ring round it; 0 where there is no marker
    left: float
    right: float
    below_first: bool  # valleys are labelled below, peaks above


@dataclass(frozen=True)
class Variant:
    """One way to set a label: its lines and size, and the box they need."""

    lines: tuple[str, ...]
    size: float
    w: float
    h: float
    truncated: bool


def variants(
    words: str,
    chain: text.FontChain,
    max_width: float,
    size: float,
    floor: float,
    line_height: float,
    language: str | None,
    *,
    pad: float = 0.0,
) -> list[Variant]:
    """Return the ways to set words in at most max_width, best first.

    Whole on one line (at size, then at floor), on two lines at floor, then shortened on one line
    at a word boundary, when a whole word is left. pad is added round the text on every side.
    """
    out: list[Variant] = []

    def add(fitted: text.FittedText, truncated: bool) -> None:
        if not fitted.lines:
            return
        w = max(text.measure(line, chain, fitted.size) for line in fitted.lines) + 2 * pad
        h = fitted.height + 2 * pad
        variant = Variant(fitted.lines, fitted.size, w, h, truncated)
        if variant not in out:
            out.append(variant)

    room = max(max_width - 2 * pad, 1.0)
    for candidate in dict.fromkeys((size, floor)):
        one = text.fit(
            words, chain, room, candidate * line_height, candidate, candidate, line_height, max_lines=1
        )
        if not one.truncated:
            add(one, False)
    two = text.fit(
        words, chain, room, 2 * floor * line_height, floor, floor, line_height, max_lines=2, language=language
    )
    if not two.truncated:
        add(two, False)
    short = text.fit(words, chain, room, floor * line_height, floor, floor, line_height, max_lines=1)
    if _whole_words(short, words):
        add(short, True)
    return out


def _whole_words(fitted: text.FittedText, source: str) -> bool:
    """Return True when a shortened line keeps whole words only ("curious…", never "cur…")."""
    if len(fitted.lines) != 1:
        return False
    head = fitted.lines[0].removesuffix(text.ELLIPSIS).removesuffix("...")
    rest = source[len(head) :]
    return bool(head) and source.startswith(head) and (not rest or rest[0] in " ,;/")


class Field:
    """The lane a curve's labels share: what is taken, and the line they must not cross."""

    def __init__(self, area: Box, curves: Sequence[Sequence[Point]], clearance: float) -> None:
        """Start with an empty lane box and the curve's sampled polylines, kept clearance away."""
        self.area = area
        self.taken: list[Box] = []
        self.clearance = clearance
        self._curves = [(list(points), [p[0] for p in points]) for points in curves if len(points) > 1]

    def take(self, box: Box) -> None:
        """Mark box as taken (a marker, a placed label or pill)."""
        self.taken.append(box)

    def free(self, box: Box) -> bool:
        """Return True when box lies in the lane and touches nothing taken and not the curve."""
        if not self.area.contains(box):
            return False
        if any(box.overlaps(other) for other in self.taken):
            return False
        return not self.crosses_curve(box)

    def crosses_curve(self, box: Box) -> bool:
        """Return True when the curve's line passes through box (grown by the clearance)."""
        c = self.clearance
        x0, y0, x1, y1 = box.x - c, box.y - c, box.right + c, box.bottom + c
        for points, xs in self._curves:
            # The sampled curve runs left to right: only segments over the box can cross it.
            start = max(0, bisect.bisect_left(xs, x0) - 1)
            end = min(len(points) - 1, bisect.bisect_right(xs, x1))
            for i in range(start, end):
                if _segment_hits(points[i], points[i + 1], x0, y0, x1, y1):
                    return True
        return False


def _segment_hits(a: Point, b: Point, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Return True when segment ab meets the rectangle (Liang-Barsky clipping)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def candidates(anchor: Anchor, w: float, h: float, gap: float) -> Iterator[Box]:
    """Yield the boxes a w x h label may take round its anchor, best first."""
    span = anchor.right - anchor.left
    if w > span + 0.01:
        return
    step = span / 8
    xs = [anchor.x - w / 2]
    for k in range(1, NUDGES + 1):
        xs += [anchor.x - w / 2 - k * step, anchor.x - w / 2 + k * step]
    clamped = list(dict.fromkeys(round(min(max(x, anchor.left), anchor.right - w), 3) for x in xs))
    ys: list[float] = []
    if anchor.radius == 0:
        ys.append(anchor.y - h / 2)  # no marker: the words stand in its place
    for below in (anchor.below_first, not anchor.below_first):
        for lift in range(LIFTS):
            away = anchor.radius + gap + lift * h / 3
            ys.append(anchor.y + away if below else anchor.y - away - h)
    for y in ys:
        for x in clamped:
            yield Box(x, y, w, h)


def place(field: Field, anchor: Anchor, options: Sequence[Variant], gap: float) -> tuple[Variant, Box] | None:
    """Return the first variant and box that is free round anchor, and take it; None when none is."""
    for variant in options:
        for box in candidates(anchor, variant.w, variant.h, gap):
            if field.free(box):
                field.take(box)
                return variant, box
    return None
