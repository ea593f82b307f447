"""Name the values a theme may take and the sizes behind them, shared by the whole themes package."""

from __future__ import annotations

from typing import Literal, get_args

Contrast = Literal["AA", "AAA"]
PageSize = Literal["A4", "Letter"]
SlideSize = Literal["16:9", "4:3"]
PngSize = Literal["slide", "a4", "poster"]
Markers = Literal["faces", "dots"]
StageShape = Literal["chevron", "band"]
Weight = Literal["regular", "bold"]
SizeRole = Literal["title", "h1", "h2", "h3", "body", "small"]
Lane = Literal[
    "actions",
    "touchpoints",
    "goals",
    "thoughts",
    "emotions",
    "pain_points",
    "opportunities",
    "kpis",
    "owner",
    "evidence",
    "extra",
]
# Every lane a journey map can show; "emotions" is the curve, "extra" the workbook's own columns.
LANES: tuple[Lane, ...] = get_args(Lane)

MM = 72 / 25.4
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": (210 * MM, 297 * MM), "Letter": (612.0, 792.0)}
SLIDE_SIZES: dict[str, tuple[float, float]] = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
# PNG canvases in points, landscape: slide is 1920x1080 px at 144 dpi, a4 and poster (A3) at 300 dpi.
PNG_SIZES: dict[str, tuple[float, float, int]] = {
    "slide": (960.0, 540.0, 144),
    "a4": (297 * MM, 210 * MM, 300),
    "poster": (420 * MM, 297 * MM, 300),
}
FOOTER_FIELDS = ("title", "client", "prepared_by", "date", "version", "confidentiality")
