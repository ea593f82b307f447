"""Paint a layout Scene to PNG bytes: shapes with matplotlib's Agg rasteriser, text glyph by glyph.

Imported only where a PNG is painted: matplotlib loads here, never at `import mapgen`. No pyplot,
no Figure and no artists: primitives go straight to an Agg renderer as paths in pixels, which
skips the data limits and artist machinery a map's thousand shapes used to pay for, and leaves
global rcParams alone, so parallel workers and other matplotlib users never see our settings.
Points become pixels at dpi/72, with y flipped: the Scene grows downwards, Agg upwards.

Text is drawn line by line exactly as the layout wrapped it, run by run in the faces mapgen.text
chose, from cached glyph masks (png_glyphs), so the PNG wraps where the deck and report do.
Everything is painted in scene order into the renderer's one RGBA buffer, which is encoded
without a copy of the picture (png_encode).
"""

from __future__ import annotations

import functools
import io
import sys
from typing import TYPE_CHECKING, Any

from mapgen import text
from mapgen.layout.scene import Ellipse, Picture, Polygon, Polyline, Rect, Scene, TextBlock
from mapgen.renderers.png_encode import encode_png
from mapgen.renderers.png_glyphs import Writer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from matplotlib.path import Path
    from matplotlib.transforms import Affine2D, Transform

    from mapgen.text import FontChain
    from mapgen.themes import Theme

__all__ = ["paint_png"]


def paint_png(scene: Scene, theme: Theme, *, dpi: int) -> bytes:
    """Return the scene painted as PNG bytes at dpi, with its title and description as text chunks."""
    canvas = _Canvas(scene, dpi)
    painter = _Painter(canvas, theme)
    for item in scene.items:
        painter.paint(item)
    chunks = (("Title", scene.title), ("Description", scene.description or scene.title))
    return encode_png(canvas.pixels, dpi=dpi, text=chunks)


@functools.lru_cache(maxsize=64)
def _pixel(colour: str) -> int:
    """Return "#rrggbb" (or any colour matplotlib knows), opaque, as one RGBA pixel's 32-bit word."""
    from matplotlib.colors import to_rgb

    channels = (round(c * 255) for c in to_rgb(colour))
    # Filled in as words: numpy broadcasts a 3- or 4-byte pixel about nine times slower.
    return int.from_bytes(bytes((*channels, 255)), sys.byteorder)


class _Canvas:
    """An Agg renderer the size of the scene at dpi, filled with its background."""

    def __init__(self, scene: Scene, dpi: int) -> None:
        import numpy as np
        from matplotlib.backends import backend_agg
        from matplotlib.transforms import Affine2D

        self.px = dpi / 72
        self.width, self.height = round(scene.width * self.px), round(scene.height * self.px)
        agg: Any = backend_agg  # matplotlib leaves RendererAgg's methods untyped
        self.renderer: Any = agg.RendererAgg(self.width, self.height, dpi)
        # A view of the renderer's buffer: painting, reading and encoding share the one picture.
        self.pixels: npt.NDArray[np.uint8] = np.asarray(self.renderer.buffer_rgba())
        self.pixels.view(np.uint32)[...] = _pixel(scene.background)
        self.transform: Affine2D = Affine2D().scale(self.px, -self.px).translate(0, self.height)
        self._image_gc = self.renderer.new_gc()  # images need no style: one for all of them

    def path(
        self,
        path: Path,
        *,
        fill: str | None,
        stroke: str | None,
        width: float,
        cap: str = "butt",
        dash: tuple[float, ...] = (),
        transform: Transform | None = None,
    ) -> None:
        """Fill and/or stroke a path in points (width and dash lengths in points too)."""
        from matplotlib.colors import to_rgba

        gc = self.renderer.new_gc()
        gc.set_antialiased(True)
        gc.set_joinstyle("round")
        gc.set_capstyle(cap)
        if stroke is not None and width > 0:
            gc.set_foreground(stroke)
            gc.set_linewidth(width)
            if dash:
                gc.set_dashes(0, list(dash))
        else:
            gc.set_linewidth(0.0)
        face = to_rgba(fill) if fill is not None else None
        self.renderer.draw_path(gc, path, transform or self.transform, face)
        gc.restore()

    def image(self, rgba: npt.NDArray[np.uint8], x: int, y: int) -> None:
        """Blend an RGBA array with its top-left corner at pixel (x, y), y counted downwards."""
        self._blend(rgba[::-1], x, y)

    def ink(self, mask: npt.NDArray[np.uint8], x: int, y: int, colour: str) -> None:
        """Blend a colour through a coverage mask with its top-left corner at pixel (x, y)."""
        import numpy as np

        rgba = np.empty((*mask.shape, 4), np.uint8)
        rgba.view(np.uint32)[...] = _pixel(colour)
        rgba[..., 3] = mask[::-1]
        self._blend(rgba, x, y)

    def _blend(self, bottom_up: npt.NDArray[np.uint8], x: int, y: int) -> None:
        """Blend RGBA rows given bottom-up, as Agg takes an image, their top-left at pixel (x, y)."""
        self.renderer.draw_image(self._image_gc, x, self.height - y - len(bottom_up), bottom_up)


class _Painter:
    """Paint scene primitives on a canvas whose units are points."""

    def __init__(self, canvas: _Canvas, theme: Theme) -> None:
        self.canvas = canvas
        self.theme = theme
        self._chains: dict[tuple[str, bool | None, bool], FontChain] = {}
        self._writers: dict[tuple[str, bool | None, bool, float], Writer] = {}

    def writer(self, item: TextBlock) -> Writer:
        """Return the glyph writer of a text block's font and size, kept for the painting."""
        key = (item.font, item.bold, item.italic, item.size)
        if key not in self._writers:
            chain = self.chain(item.font, item.bold, item.italic)
            self._writers[key] = Writer(chain, item.size, self.canvas.px)
        return self._writers[key]

    def chain(self, role: str, bold: bool | None, italic: bool) -> FontChain:
        """Return the font chain of a text role, as the theme defines it."""
        key = (role, bold, italic)
        if key not in self._chains:
            self._chains[key] = self.theme.font_chain(
                "heading" if role == "heading" else "body", bold=bold, italic=italic
            )
        return self._chains[key]

    def paint(self, item: Any) -> None:
        """Paint one primitive."""
        if isinstance(item, Rect):
            self._rect(item)
        elif isinstance(item, Polyline):
            self._polyline(item)
        elif isinstance(item, Ellipse):
            self._ellipse(item)
        elif isinstance(item, Polygon):
            self._polygon(item)
        elif isinstance(item, Picture):
            self._picture(item)
        elif isinstance(item, TextBlock):
            self._text(item)

    def _rect(self, item: Rect) -> None:
        from matplotlib.patches import BoxStyle
        from matplotlib.path import Path

        if item.fill is None and (item.stroke is None or item.stroke_width <= 0):
            return
        box = item.box
        radius = min(item.radius, box.w / 2, box.h / 2)
        if radius > 0.01:
            # matplotlib's own rounded box, so corners keep the shape FancyBboxPatch gave them.
            path = BoxStyle.Round(pad=0, rounding_size=radius)(box.x, box.y, box.w, box.h, 1)
        else:
            corners = [(box.x, box.y), (box.right, box.y), (box.right, box.bottom), (box.x, box.bottom)]
            path = Path([*corners, corners[0]], closed=True)
        self.canvas.path(path, fill=item.fill, stroke=item.stroke, width=item.stroke_width)

    def _ellipse(self, item: Ellipse) -> None:
        from matplotlib.path import Path
        from matplotlib.transforms import Affine2D

        box = item.box
        # The unit circle scaled into the box, as matplotlib's Ellipse patch draws it.
        place = Affine2D().scale(box.w / 2, box.h / 2).translate(box.x + box.w / 2, box.y + box.h / 2)
        self.canvas.path(
            Path.unit_circle(),
            fill=item.fill,
            stroke=item.stroke,
            width=item.stroke_width,
            transform=place + self.canvas.transform,
        )

    def _polygon(self, item: Polygon) -> None:
        from matplotlib.path import Path

        if len(item.points) < 3:
            return
        points = list(item.points)
        if points[0] != points[-1]:
            points.append(points[0])
        self.canvas.path(
            Path(points, closed=True), fill=item.fill, stroke=item.stroke, width=item.stroke_width
        )

    def _polyline(self, item: Polyline) -> None:
        from matplotlib.path import Path

        if len(item.points) < 2 or item.width <= 0:
            return
        # Butt ends keep a dash's gaps as long as the scene says; solid lines end round.
        self.canvas.path(
            Path(item.points),
            fill=None,
            stroke=item.color,
            width=item.width,
            cap="butt" if item.dash else "round",
            dash=item.dash,
        )

    def _text(self, item: TextBlock) -> None:
        """Draw a text block's lines, run by run, each on its baseline snapped to a whole pixel."""
        if not item.lines:
            return
        chain = self.chain(item.font, item.bold, item.italic)
        size, box, px = item.size, item.box, self.canvas.px
        pitch = size * item.line_height
        top = box.y
        if item.valign == "middle":
            top += (box.h - item.text_height) / 2
        elif item.valign == "bottom":
            top += box.h - item.text_height
        baseline = text.line_metrics(chain, size).baseline(pitch)
        lines = []
        for i, line in enumerate(item.lines):
            if not line:
                continue
            x = box.x
            if item.align != "left":
                spare = box.w - text.measure(line, chain, size)
                x += spare / 2 if item.align == "center" else spare
            lines.append((line, x * px, round((top + i * pitch + baseline) * px)))
        ink = self.writer(item).ink(lines)
        if ink is not None:
            self.canvas.ink(ink.mask, ink.x, ink.y, item.color)

    def _picture(self, item: Picture) -> None:
        import numpy as np
        from PIL import Image, UnidentifiedImageError

        px, box = self.canvas.px, item.box
        left, top = round(box.x * px), round(box.y * px)
        width, height = round(box.right * px) - left, round(box.bottom * px) - top
        if width <= 0 or height <= 0:
            return
        try:
            with Image.open(io.BytesIO(item.data)) as image:
                # A JPEG decodes straight at a fraction of its size: a 40-megapixel photo in a
                # 200-pixel box would waste time and memory.
                image.draft("RGB", (width, height))
                picture = image.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)
        except (OSError, UnidentifiedImageError, ValueError):
            return
        self.canvas.image(np.array(picture), left, top)  # Agg takes only writable arrays
