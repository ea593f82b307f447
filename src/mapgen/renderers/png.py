"""Paint a layout Scene to PNG bytes: shapes with matplotlib's Agg canvas, text with FreeType.

Imported only where a PNG is painted: matplotlib loads here, never at `import mapgen`. No pyplot
and no global rcParams: each call makes its own Figure and canvas, so parallel workers and other
matplotlib users in the process never see our settings. One data unit is one point, with y
growing downwards as in the Scene.

Text is drawn line by line exactly as the layout wrapped it, run by run in the faces mapgen.text
chose, so the PNG wraps where the deck and report do. It is drawn with Pillow's FreeType
binding over the painted shapes: a matplotlib Text artist per run costs milliseconds, which is
most of a map's paint time, and layouts never put a shape over text.
"""

from __future__ import annotations

import functools
import io
from typing import TYPE_CHECKING, Any

from mapgen import text
from mapgen.layout.scene import Ellipse, Picture, Polygon, Polyline, Rect, Scene, TextBlock

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from PIL import ImageDraw, ImageFont

    from mapgen.text import FontChain
    from mapgen.themes import Theme

__all__ = ["paint_png"]

# Paint order is scene order; z-order only breaks ties matplotlib would otherwise resolve by type.
_Z = 1.0


@functools.lru_cache(maxsize=256)
def _pil_font(path: str, index: int, pixels: float) -> ImageFont.FreeTypeFont:
    """Return a FreeType font at a pixel size; the basic layout, so every machine shapes alike."""
    from PIL import ImageFont

    return ImageFont.truetype(path, size=pixels, index=index, layout_engine=ImageFont.Layout.BASIC)


def paint_png(scene: Scene, theme: Theme, *, dpi: int) -> bytes:
    """Return the scene painted as PNG bytes at dpi, with its title and description as text chunks."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image, ImageDraw
    from PIL.PngImagePlugin import PngInfo

    figure = Figure(figsize=(scene.width / 72, scene.height / 72), dpi=dpi, facecolor=scene.background)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, scene.width)
    axes.set_ylim(scene.height, 0)
    axes.set_autoscale_on(False)
    painter = _Painter(axes, theme, dpi)
    for z, item in enumerate(scene.items):
        if not isinstance(item, TextBlock):
            painter.paint(item, _Z + z)
    canvas: Any = figure.canvas  # FigureCanvasAgg, whose methods matplotlib leaves untyped
    canvas.draw()
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert(
        "RGB"
    )
    figure.clear()
    draw = ImageDraw.Draw(image)
    for item in scene.items:
        if isinstance(item, TextBlock):
            painter.text(draw, item)
    info = PngInfo()
    for key, value in (("Title", scene.title), ("Description", scene.description or scene.title)):
        if value and value.isascii():
            info.add_text(key, value)
        elif value:
            info.add_itxt(key, value)  # tEXt is Latin-1 only: other scripts go in an iTXt chunk
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, dpi=(dpi, dpi), compress_level=6)
    return buffer.getvalue()


class _Painter:
    """Paint scene primitives on one axes whose data units are points."""

    def __init__(self, axes: Axes, theme: Theme, dpi: int) -> None:
        self.axes = axes
        self.theme = theme
        self.dpi = dpi
        self._chains: dict[tuple[str, bool | None, bool], FontChain] = {}

    def chain(self, role: str, bold: bool | None, italic: bool) -> FontChain:
        """Return the font chain of a text role, as the theme defines it."""
        key = (role, bold, italic)
        if key not in self._chains:
            self._chains[key] = self.theme.font_chain(
                "heading" if role == "heading" else "body", bold=bold, italic=italic
            )
        return self._chains[key]

    def paint(self, item: Any, z: float) -> None:
        """Paint one primitive at z-order z."""
        if isinstance(item, Rect):
            self._rect(item, z)
        elif isinstance(item, Polyline):
            self._polyline(item, z)
        elif isinstance(item, Ellipse):
            self._ellipse(item, z)
        elif isinstance(item, Polygon):
            self._polygon(item, z)
        elif isinstance(item, Picture):
            self._picture(item, z)

    @staticmethod
    def _style(fill: str | None, stroke: str | None, width: float) -> dict[str, Any]:
        return {
            "facecolor": fill if fill is not None else "none",
            "edgecolor": stroke if stroke is not None and width > 0 else "none",
            "linewidth": width if stroke is not None else 0.0,
            "joinstyle": "round",
        }

    def _rect(self, item: Rect, z: float) -> None:
        from matplotlib.patches import FancyBboxPatch, Rectangle

        if item.fill is None and (item.stroke is None or item.stroke_width <= 0):
            return
        box = item.box
        style = self._style(item.fill, item.stroke, item.stroke_width)
        radius = min(item.radius, box.w / 2, box.h / 2)
        patch: Any
        if radius > 0.01:
            patch = FancyBboxPatch(
                (box.x, box.y),
                box.w,
                box.h,
                boxstyle=f"round,pad=0,rounding_size={radius}",
                zorder=z,
                **style,
            )
        else:
            patch = Rectangle((box.x, box.y), box.w, box.h, zorder=z, **style)
        self.axes.add_patch(patch)

    def _ellipse(self, item: Ellipse, z: float) -> None:
        from matplotlib.patches import Ellipse as EllipsePatch

        box = item.box
        style = self._style(item.fill, item.stroke, item.stroke_width)
        self.axes.add_patch(
            EllipsePatch((box.x + box.w / 2, box.y + box.h / 2), box.w, box.h, zorder=z, **style)
        )

    def _polygon(self, item: Polygon, z: float) -> None:
        from matplotlib.patches import Polygon as PolygonPatch

        if len(item.points) < 3:
            return
        style = self._style(item.fill, item.stroke, item.stroke_width)
        self.axes.add_patch(PolygonPatch(item.points, closed=True, zorder=z, **style))

    def _polyline(self, item: Polyline, z: float) -> None:
        from matplotlib.lines import Line2D

        if len(item.points) < 2 or item.width <= 0:
            return
        xs, ys = zip(*item.points, strict=True)
        line = Line2D(
            xs,
            ys,
            linewidth=item.width,
            color=item.color,
            solid_capstyle="round",
            solid_joinstyle="round",
            dash_capstyle="butt",
            zorder=z,
        )
        if item.dash:
            line.set_dashes(item.dash)
        self.axes.add_line(line)

    def text(self, draw: ImageDraw.ImageDraw, item: TextBlock) -> None:
        """Draw a text block's lines on the painted image, run by run, each on its baseline."""
        if not item.lines:
            return
        chain = self.chain(item.font, item.bold, item.italic)
        size, box = item.size, item.box
        pitch = size * item.line_height
        top = box.y
        if item.valign == "middle":
            top += (box.h - item.text_height) / 2
        elif item.valign == "bottom":
            top += box.h - item.text_height
        baseline = text.line_metrics(chain, size).baseline(pitch)
        px = self.dpi / 72
        for i, line in enumerate(item.lines):
            if not line:
                continue
            x = box.x
            if item.align != "left":
                spare = box.w - text.measure(line, chain, size)
                x += spare / 2 if item.align == "center" else spare
            y = (top + i * pitch + baseline) * px
            for face, run in text.runs(line, chain):
                font = _pil_font(str(face.path), face.index, round(size * px * 4) / 4)
                draw.text((x * px, y), run, font=font, fill=item.color, anchor="ls")
                x += text.measure(run, chain, size)

    def _picture(self, item: Picture, z: float) -> None:
        import numpy as np
        from PIL import Image, UnidentifiedImageError

        box = item.box
        try:
            with Image.open(io.BytesIO(item.data)) as image:
                image.load()
                # Painting a 40-megapixel photo into a 200-pixel box wastes time and memory.
                target = (max(1, round(box.w / 72 * self.dpi * 2)), max(1, round(box.h / 72 * self.dpi * 2)))
                picture = image.convert("RGBA")
                picture.thumbnail(target, Image.Resampling.LANCZOS)
        except (OSError, UnidentifiedImageError, ValueError):
            return
        self.axes.imshow(
            np.asarray(picture),
            extent=(box.x, box.right, box.bottom, box.y),
            origin="upper",
            aspect="auto",
            interpolation="antialiased",
            zorder=z,
        )
