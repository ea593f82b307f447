"""Paint a layout Scene on a reportlab canvas as vectors: shapes as paths, text as real text.

Imported only by the PDF writer: reportlab is loaded here, never at `import mapgen`.

The Scene's origin is its top-left corner with y growing downwards; PDF's is bottom-left with y
growing upwards, so every y is flipped here (text is not mirrored: only coordinates are). Text is
drawn line by line exactly as the layout wrapped it, run by run in the faces mapgen.text chose,
so it stays selectable and searchable. Pictures are reduced for print by pdf_images.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from mapgen import colors, text
from mapgen.model import Problem
from mapgen.renderers.pdf.output import fonts as pdf_fonts
from mapgen.renderers.pdf.output import images as pdf_images
from mapgen.renderers.pdf.plan.figures import chart_scene
from mapgen.renderers.pdf.report import EmotionChart
from mapgen.scene import Ellipse, Picture, Polygon, Polyline, Rect, Scene, TextBlock

if TYPE_CHECKING:
    from mapgen.text import FontChain
    from mapgen.themes import Theme

__all__ = ["ChartFlowable", "SceneFlowable", "ScenePainter", "paint_scene"]


class ScenePainter:
    """Paint scenes for one theme, caching colours and font chains between scenes."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.problems: list[Problem] = []
        self._rgb: dict[str, tuple[float, float, float]] = {}
        self._chains: dict[tuple[str, bool | None, bool], FontChain] = {}

    def rgb(self, colour: str) -> tuple[float, float, float]:
        """Return a "#rrggbb" colour as reportlab's 0..1 floats."""
        try:
            return self._rgb[colour]
        except KeyError:
            value = self._rgb[colour] = colors.to_rgb(colour)
            return value

    def chain(self, role: str, bold: bool | None, italic: bool) -> FontChain:
        """Return the font chain of a text role, as the theme defines it."""
        key = (role, bold, italic)
        try:
            return self._chains[key]
        except KeyError:
            chain = self._chains[key] = self.theme.font_chain(
                "heading" if role == "heading" else "body", bold=bold, italic=italic
            )
            return chain

    def paint(self, canvas: Any, scene: Scene, x: float = 0.0, y: float = 0.0, scale: float = 1.0) -> None:
        """Paint scene with its bottom-left corner at (x, y) on the canvas, scaled by scale."""
        canvas.saveState()
        canvas.translate(x, y)
        if scale != 1.0:
            canvas.scale(scale, scale)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        height = scene.height
        canvas.setFillColorRGB(*self.rgb(scene.background))
        canvas.rect(0, 0, scene.width, height, stroke=0, fill=1)
        for item in scene.items:
            if isinstance(item, TextBlock):
                self._text(canvas, item, height)
            elif isinstance(item, Rect):
                self._rect(canvas, item, height)
            elif isinstance(item, Polyline):
                self._polyline(canvas, item, height)
            elif isinstance(item, Ellipse):
                self._ellipse(canvas, item, height)
            elif isinstance(item, Polygon):
                self._polygon(canvas, item, height)
            elif isinstance(item, Picture):
                self._picture(canvas, item, height, scale)
        canvas.restoreState()

    def _paint_flags(
        self, canvas: Any, fill: str | None, stroke: str | None, width: float
    ) -> tuple[int, int]:
        if fill is not None:
            canvas.setFillColorRGB(*self.rgb(fill))
        has_stroke = stroke is not None and width > 0
        if has_stroke:
            assert stroke is not None
            canvas.setStrokeColorRGB(*self.rgb(stroke))
            canvas.setLineWidth(width)
            canvas.setDash([])
        return int(has_stroke), int(fill is not None)

    def _rect(self, canvas: Any, item: Rect, height: float) -> None:
        stroke, fill = self._paint_flags(canvas, item.fill, item.stroke, item.stroke_width)
        if not (stroke or fill):
            return
        box = item.box
        bottom = height - box.bottom
        radius = min(item.radius, box.w / 2, box.h / 2)
        if radius > 0.01:
            canvas.roundRect(box.x, bottom, box.w, box.h, radius, stroke=stroke, fill=fill)
        else:
            canvas.rect(box.x, bottom, box.w, box.h, stroke=stroke, fill=fill)

    def _ellipse(self, canvas: Any, item: Ellipse, height: float) -> None:
        stroke, fill = self._paint_flags(canvas, item.fill, item.stroke, item.stroke_width)
        if stroke or fill:
            box = item.box
            canvas.ellipse(box.x, height - box.bottom, box.right, height - box.y, stroke=stroke, fill=fill)

    def _polygon(self, canvas: Any, item: Polygon, height: float) -> None:
        stroke, fill = self._paint_flags(canvas, item.fill, item.stroke, item.stroke_width)
        if not (stroke or fill) or len(item.points) < 2:
            return
        path = canvas.beginPath()
        (x0, y0), *rest = item.points
        path.moveTo(x0, height - y0)
        for px, py in rest:
            path.lineTo(px, height - py)
        path.close()
        canvas.drawPath(path, stroke=stroke, fill=fill)

    def _polyline(self, canvas: Any, item: Polyline, height: float) -> None:
        if len(item.points) < 2 or item.width <= 0:
            return
        canvas.setStrokeColorRGB(*self.rgb(item.color))
        canvas.setLineWidth(item.width)
        canvas.setDash(list(item.dash) if item.dash else [])
        path = canvas.beginPath()
        (x0, y0), *rest = item.points
        path.moveTo(x0, height - y0)
        for px, py in rest:
            path.lineTo(px, height - py)
        canvas.drawPath(path, stroke=1, fill=0)

    def _text(self, canvas: Any, item: TextBlock, height: float) -> None:
        if not item.lines:
            return
        chain = self.chain(item.font, item.bold, item.italic)
        size = item.size
        pitch = size * item.line_height
        box = item.box
        top = box.y
        if item.valign == "middle":
            top += (box.h - item.text_height) / 2
        elif item.valign == "bottom":
            top += box.h - item.text_height
        baseline = text.line_metrics(chain, size).baseline(pitch)
        canvas.setFillColorRGB(*self.rgb(item.color))
        for i, line in enumerate(item.lines):
            if not line:
                continue
            x = box.x
            if item.align != "left":
                spare = box.w - text.measure(line, chain, size)
                x += spare / 2 if item.align == "center" else spare
            pdf_fonts.draw_line(canvas, line, chain, size, x, height - (top + i * pitch + baseline))

    def _picture(self, canvas: Any, item: Picture, height: float, scale: float) -> None:
        box = item.box
        try:
            reader = pdf_images.image_reader(
                item.data, box.w * scale, box.h * scale, matte=self.theme.colours.background
            )
        except ValueError as error:
            self.problems.append(
                Problem("warning", f"picture {item.alt or item.tag.kind!r} left out: {error}")
            )
            return
        canvas.drawImage(reader, box.x, height - box.bottom, box.w, box.h)


def paint_scene(
    canvas: Any, scene: Scene, theme: Theme, x: float = 0.0, y: float = 0.0, scale: float = 1.0
) -> None:
    """Paint a scene with its bottom-left corner at (x, y) of a reportlab canvas."""
    ScenePainter(theme).paint(canvas, scene, x, y, scale)


class SceneFlowable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A Scene in the flow of a document, drawn as vectors, scaled down (never up) to fit."""

    def __init__(
        self, scene: Scene, painter: ScenePainter, *, max_height: float | None = None, align: str = "CENTER"
    ) -> None:
        super().__init__()
        self.scene = scene
        self.painter = painter
        self.max_height = max_height
        self.hAlign = align
        self.scale = 1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Return the size drawn: the scene's, or smaller when the frame is narrower (or lower)."""
        limits = [1.0, avail_width / self.scene.width]
        if self.max_height is not None:
            limits.append(self.max_height / self.scene.height)
        self.scale = min(limits)
        self.width = self.scene.width * self.scale
        self.height = self.scene.height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        """Paint the scene at the flowable's origin."""
        self.painter.paint(self.canv, self.scene, 0.0, 0.0, self.scale)

    def __repr__(self) -> str:
        return f"SceneFlowable({self.scene.title!r}, {self.scene.width:g}x{self.scene.height:g})"


class ChartFlowable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """An emotion chart at the frame's width: as tall as planned, or down to its minimum to fit the page."""

    def __init__(self, chart: EmotionChart, theme: Theme, painter: ScenePainter) -> None:
        super().__init__()
        self.chart, self.theme, self.painter = chart, theme, painter
        self._made: SceneFlowable | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        chart = self.chart
        height = chart.height
        if chart.min_height and chart.min_height <= avail_height < chart.height:
            height = avail_height - 1  # a point to spare, against rounding
        scene = chart_scene(dataclasses.replace(chart, height=height), self.theme, avail_width)
        self._made = SceneFlowable(scene, self.painter)
        self.width, self.height = self._made.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        assert self._made is not None
        self._made.canv = self.canv
        self._made.draw()
