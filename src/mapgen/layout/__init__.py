"""Model + theme -> Scene: where everything on a journey map goes, in points, with no painter."""

from __future__ import annotations

from mapgen.layout.canvas import layout_canvas
from mapgen.layout.journey import layout_journey
from mapgen.layout.overview import layout_overview
from mapgen.layout.result import LayoutResult

__all__ = ["LayoutResult", "layout_canvas", "layout_journey", "layout_overview"]
