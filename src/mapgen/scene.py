"""The Scene: what a journey map looks like, as plain data in points, for every painter.

Coordinates are points (1/72 inch) with the origin at the top-left corner and y growing
downwards, as on a slide; the PDF painter flips them. Every primitive is already final: text is
wrapped and sized, curves are sampled into polylines and faces are broken into ellipses and
strokes, so painters draw without deciding anything and the three formats cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Point = tuple[float, float]
Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]
FontRole = Literal["heading", "body"]


@dataclass(frozen=True)
class Tag:
    """What a primitive shows, so painters and tests can find things."""

    kind: str  # e.g. "title", "stage-header", "lane-label", "card", "curve", "marker", "footer"
    persona: str | None = None
    stage: str | None = None
    lane: str | None = None
    step: int | None = None  # index of the step in the persona's journey


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """Return the x of the right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Return the y of the bottom edge."""
        return self.y + self.h

    def contains(self, other: Box, tolerance: float = 0.01) -> bool:
        """Return True when other lies inside this box."""
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def overlaps(self, other: Box) -> bool:
        """Return True when the two boxes share some area (touching edges do not count)."""
        return (
            self.x < other.right - 0.01
            and other.x < self.right - 0.01
            and self.y < other.bottom - 0.01
            and other.y < self.bottom - 0.01
        )


@dataclass(frozen=True)
class Rect:
    """A filled and/or stroked rectangle, optionally with rounded corners."""

    box: Box
    fill: str | None = None  # "#rrggbb"
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    tag: Tag = field(default_factory=lambda: Tag("shape"))


@dataclass(frozen=True)
class Ellipse:
    """A filled and/or stroked ellipse inscribed in a box."""

    box: Box
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    tag: Tag = field(default_factory=lambda: Tag("shape"))


@dataclass(frozen=True)
class Polygon:
    """A closed filled shape, such as a stage chevron."""

    points: tuple[Point, ...]
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    tag: Tag = field(default_factory=lambda: Tag("shape"))


@dataclass(frozen=True)
class Polyline:
    """An open line through points; curves arrive here already sampled."""

    points: tuple[Point, ...]
    color: str
    width: float = 1.0
    dash: tuple[float, ...] = ()  # on/off lengths in points; empty for solid
    tag: Tag = field(default_factory=lambda: Tag("line"))


@dataclass(frozen=True)
class TextBlock:
    """Text already wrapped into lines that fit its box at the given size."""

    box: Box
    lines: tuple[str, ...]
    size: float  # points
    color: str
    font: FontRole = "body"
    bold: bool | None = None  # None: the role's own weight (theme.font_chain's convention)
    italic: bool = False
    align: Align = "left"
    valign: VAlign = "top"
    line_height: float = 1.2  # multiple of size
    source: str = ""  # the whole text before wrapping and any cut, for search and alt text
    truncated: bool = False
    tag: Tag = field(default_factory=lambda: Tag("text"))

    @property
    def text(self) -> str:
        """Return the visible text, lines joined by newlines."""
        return "\n".join(self.lines)

    @property
    def text_height(self) -> float:
        """Return the height the lines take, in points."""
        return len(self.lines) * self.size * self.line_height


@dataclass(frozen=True)
class Picture:
    """Encoded image bytes placed in a box (aspect ratio already fitted)."""

    box: Box
    data: bytes
    format: str  # "png" or "jpeg"
    alt: str = ""
    tag: Tag = field(default_factory=lambda: Tag("picture"))


Primitive = Rect | Ellipse | Polygon | Polyline | TextBlock | Picture


@dataclass(frozen=True)
class Scene:
    """One page of a journey map: a size in points, a background and primitives in paint order."""

    width: float
    height: float
    background: str
    items: tuple[Primitive, ...]
    title: str = ""
    description: str = ""  # a plain-language summary for screen readers and search

    def find(self, kind: str | None = None, **where: object) -> Iterator[Primitive]:
        """Yield the primitives whose tag matches kind and every given tag field."""
        for item in self.items:
            tag = item.tag
            if kind is not None and tag.kind != kind:
                continue
            if all(getattr(tag, key) == value for key, value in where.items()):
                yield item

    def texts(self) -> Iterator[TextBlock]:
        """Yield every text block in paint order."""
        for item in self.items:
            if isinstance(item, TextBlock):
                yield item
