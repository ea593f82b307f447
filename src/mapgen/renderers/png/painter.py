"""Paint a layout Scene to PNG bytes: shapes with matplotlib's Agg rasteriser, text glyph by glyph.

Imported only where a PNG is painted: matplotlib loads here, never at `import mapgen`. No pyplot,
no Figure and no artists: primitives go straight to an Agg renderer as paths in pixels, which
skips the data limits and artist machinery a map's thousand shapes used to pay for, and leaves
global rcParams alone, so parallel workers and other matplotlib users never see our settings.
Points become pixels at dpi/72, with y flipped: the Scene grows downwards, Agg upwards.

Text is drawn line by line exactly as the layout wrapped it, run by run in the faces mapgen.text
chose, from cached glyph masks (png_glyphs), so the PNG wraps where the deck and report do.

The picture is painted a strip of rows at a time, each handed to the encoder (png_encode) before
the next is painted, so a map holds 8 MB of pixels, not the whole picture (41 MB of RGBA for a
10-stage slide map, 220 MB for an A3 poster at 300 dpi). A strip paints, in scene order, the
primitives that reach into it, and paints a margin beyond its own rows so that where Agg cuts
paths at its edges stays out of sight (lines are dashed here, not by Agg, for the same reason):
what it hands over differs from one big canvas by a level or two of a few pixels, where Agg
rounds a vertex outside it differently.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from mapgen import text
from mapgen.renderers.png.encode import encode_png
from mapgen.renderers.png.glyphs import Ink, Writer
from mapgen.scene import Ellipse, Picture, Point, Polygon, Polyline, Rect, Scene, TextBlock

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from matplotlib.path import Path
    from matplotlib.transforms import Affine2D, Transform

    from mapgen.scene import Primitive
    from mapgen.themes import Theme

__all__ = ["paint_png"]

STRIP_BYTES = 8 << 20  # RGBA painted at a time: about 1,000 rows of a slide map, 420 of a poster


def paint_png(scene: Scene, theme: Theme, *, dpi: int) -> bytes:
    """Return the scene painted as PNG bytes at dpi, with its title and description as text chunks."""
    px = dpi / 72
    width, height = max(1, round(scene.width * px)), max(1, round(scene.height * px))
    rows = max(1, min(height, STRIP_BYTES // (4 * width)))
    margin = 0 if rows == height else _margin(scene, px)
    painter = _Painter(scene, theme, _Canvas(width, rows + 2 * margin, dpi, scene.background))
    chunks = (("Title", scene.title), ("Description", scene.description or scene.title))
    strips = painter.strips(height, rows, margin)
    return encode_png(strips, width=width, height=height, dpi=dpi, text=chunks)


def _margin(scene: Scene, px: float) -> int:
    """Return how many rows a strip paints beyond each edge it hands over.

    Agg cuts a stroke's centre line a pixel outside the canvas, so a thick line crossing a strip's
    edge ends with a cap there, and fills are cut at the edge itself: painted past its edges by
    more than the widest stroke, a strip's own rows come out as they would on one big canvas.
    """
    widths = [
        item.width if isinstance(item, Polyline) else item.stroke_width
        for item in scene.items
        if isinstance(item, Polyline | Polygon | Rect | Ellipse)
    ]
    return math.ceil(max(widths, default=0.0) * px) + 8


@functools.lru_cache(maxsize=64)
def _pixel(colour: str) -> int:
    """Return "#rrggbb" (or any colour matplotlib knows), opaque, as one RGBA pixel's 32-bit word."""
    from matplotlib.colors import to_rgb

    channels = (round(c * 255) for c in to_rgb(colour))
    # Filled in as words: numpy broadcasts a 3- or 4-byte pixel about nine times slower.
    return int.from_bytes(bytes((*channels, 255)), sys.byteorder)


def _dashed(points: Sequence[Point], pattern: Sequence[float]) -> Path:
    """Return a polyline's dashes (on/off lengths from its start) as one path, a subpath each.

    Agg could dash the line itself, but it cuts a path at the canvas's edge first and starts the
    dashes again where the path comes in, so a strip would dash a line its own way.
    """
    from matplotlib.path import Path

    lengths = list(pattern) * (2 if len(pattern) % 2 else 1)  # an odd pattern repeats as PDF's does
    vertices, codes = [points[0]], [Path.MOVETO]
    index, left = 0, lengths[0]  # the dash or gap under way, and how much of it is left
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length, done = math.hypot(x1 - x0, y1 - y0), 0.0
        while length - done > left:
            done += left
            vertices.append((x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length))
            codes.append(Path.MOVETO if index % 2 else Path.LINETO)  # a gap ends, or a dash
            index = (index + 1) % len(lengths)
            left = lengths[index]
        left -= length - done
        if index % 2 == 0:
            vertices.append((x1, y1))
            codes.append(Path.LINETO)
    return Path(vertices, codes)


class _Canvas:
    """An Agg renderer as wide as the picture and a strip of rows high, moved down strip by strip."""

    def __init__(self, width: int, rows: int, dpi: int, background: str) -> None:
        import numpy as np
        from matplotlib.backends import backend_agg

        self.px = dpi / 72
        self.rows = rows
        self.background = _pixel(background)
        agg: Any = backend_agg  # matplotlib leaves RendererAgg's methods untyped
        self.renderer: Any = agg.RendererAgg(width, rows, dpi)
        # A view of the renderer's buffer: painting and encoding share the one strip.
        self.pixels: npt.NDArray[np.uint8] = np.asarray(self.renderer.buffer_rgba())
        self._image_gc = self.renderer.new_gc()  # images need no style: one for all of them
        self.top = 0
        self.transform = self._transform()

    def start(self, top: int) -> None:
        """Clear the canvas to the background for the strip whose first row is the picture's top."""
        import numpy as np

        self.top = top
        self.transform = self._transform()
        self.pixels.view(np.uint32)[...] = self.background

    def _transform(self) -> Affine2D:
        """Return points on the picture to pixels of this strip, y upwards as Agg counts."""
        from matplotlib.transforms import Affine2D

        return Affine2D().scale(self.px, -self.px).translate(0, self.top + self.rows)

    def path(
        self,
        path: Path,
        *,
        fill: str | None,
        stroke: str | None,
        width: float,
        cap: str = "butt",
        transform: Transform | None = None,
    ) -> None:
        """Fill and/or stroke a path in points (the stroke's width in points too)."""
        from matplotlib.colors import to_rgba

        gc = self.renderer.new_gc()
        gc.set_antialiased(True)
        gc.set_joinstyle("round")
        gc.set_capstyle(cap)
        if stroke is not None and width > 0:
            gc.set_foreground(stroke)
            gc.set_linewidth(width)
        else:
            gc.set_linewidth(0.0)
        face = to_rgba(fill) if fill is not None else None
        self.renderer.draw_path(gc, path, transform or self.transform, face)
        gc.restore()

    def image(self, rgba: npt.NDArray[np.uint8], x: int, y: int) -> None:
        """Blend an RGBA array with its top-left corner at the picture's pixel (x, y), y downwards."""
        self._blend(rgba[::-1], x, y)

    def ink(self, ink: Ink, colour: str) -> None:
        """Blend a colour through text's coverage mask, at its place on the picture."""
        import numpy as np

        rgba = np.empty((*ink.mask.shape, 4), np.uint8)
        rgba.view(np.uint32)[...] = _pixel(colour)
        rgba[..., 3] = ink.mask[::-1]
        self._blend(rgba, ink.x, ink.y)

    def _blend(self, bottom_up: npt.NDArray[np.uint8], x: int, y: int) -> None:
        """Blend RGBA rows given bottom-up, as Agg takes an image, their top-left at pixel (x, y)."""
        bottom = self.rows - (y - self.top) - len(bottom_up)
        self.renderer.draw_image(self._image_gc, x, bottom, bottom_up)


class _Painter:
    """Paint a scene's primitives, strip by strip, on a canvas whose units are points."""

    def __init__(self, scene: Scene, theme: Theme, canvas: _Canvas) -> None:
        self.scene = scene
        self.theme = theme
        self.canvas = canvas
        self._writers: dict[tuple[str, bool | None, bool, float], Writer] = {}
        # What a primitive reaching over several strips costs to make: made once, kept until
        # the strips have passed it.
        self._inks: dict[int, Ink | None] = {}
        self._pictures: dict[int, tuple[npt.NDArray[np.uint8], int, int] | None] = {}

    def strips(self, height: int, rows: int, margin: int) -> Iterator[npt.NDArray[np.uint8]]:
        """Yield the picture's RGBA pixels, height in all, rows at a time from the top.

        Each strip is painted margin rows beyond both of its edges (the canvas is that much
        higher than rows) and hands over only its own rows.
        """
        spans = [self._rows(item) for item in self.scene.items]
        for top in range(0, height, rows):
            bottom = min(top + rows, height)
            self.canvas.start(top - margin)
            for index, (item, (first, last)) in enumerate(zip(self.scene.items, spans, strict=True)):
                if first < bottom + margin and last >= top - margin:
                    self.paint(index, item)
            for cache in (self._inks, self._pictures):  # forget what no later strip reaches
                for index in [i for i in cache if spans[i][1] < bottom - margin]:
                    del cache[index]
            yield self.canvas.pixels[margin : margin + bottom - top]

    def _rows(self, item: Primitive) -> tuple[int, int]:
        """Return the first and last pixel rows a primitive may ink, with a margin to spare."""
        px = self.canvas.px
        if isinstance(item, TextBlock):
            # Lines may overflow a box that was too small; glyphs reach an em or so off the line.
            top = min(item.box.y, item.box.y + (item.box.h - item.text_height) / 2)
            bottom = max(item.box.bottom, top + item.text_height)
            margin = 2 * item.size
        elif isinstance(item, Polyline | Polygon):
            ys = [y for _x, y in item.points]
            top, bottom = min(ys, default=0.0), max(ys, default=0.0)
            margin = item.width if isinstance(item, Polyline) else item.stroke_width
        else:
            top, bottom = item.box.y, item.box.bottom
            margin = 0.0 if isinstance(item, Picture) else item.stroke_width
        # Anti-aliasing and rounding to whole pixels reach a pixel or two further.
        return math.floor((top - margin) * px) - 2, math.ceil((bottom + margin) * px) + 2

    def writer(self, item: TextBlock) -> Writer:
        """Return the glyph writer of a text block's font and size, kept for the painting."""
        key = (item.font, item.bold, item.italic, item.size)
        if key not in self._writers:
            chain = self.theme.font_chain(item.font, bold=item.bold, italic=item.italic)
            self._writers[key] = Writer(chain, item.size, self.canvas.px)
        return self._writers[key]

    def paint(self, index: int, item: Primitive) -> None:
        """Paint the scene's primitive number index on the current strip."""
        if isinstance(item, Rect):
            self._rect(item)
        elif isinstance(item, Polyline):
            self._polyline(item)
        elif isinstance(item, Ellipse):
            self._ellipse(item)
        elif isinstance(item, Polygon):
            self._polygon(item)
        elif isinstance(item, Picture):
            if index not in self._pictures:
                self._pictures[index] = self._picture(item)
            if (picture := self._pictures[index]) is not None:
                self.canvas.image(*picture)
        elif isinstance(item, TextBlock):
            if index not in self._inks:
                self._inks[index] = self._text(item)
            if (ink := self._inks[index]) is not None:
                self.canvas.ink(ink, item.color)

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
        if item.dash and sum(item.dash) > 0:
            # Butt ends keep a dash's gaps as long as the scene says.
            path, cap = _dashed(item.points, item.dash), "butt"
        else:
            path, cap = Path(item.points), "round"
        self.canvas.path(path, fill=None, stroke=item.color, width=item.width, cap=cap)

    def _text(self, item: TextBlock) -> Ink | None:
        """Return the ink of a text block's lines, each on its baseline snapped to a whole pixel."""
        if not item.lines:
            return None
        chain = self.theme.font_chain(item.font, bold=item.bold, italic=item.italic)
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
        return self.writer(item).ink(lines)

    def _picture(self, item: Picture) -> tuple[npt.NDArray[np.uint8], int, int] | None:
        """Return the picture as RGBA pixels the size of its box, and the box's top-left pixel."""
        import numpy as np
        from PIL import Image, UnidentifiedImageError

        px, box = self.canvas.px, item.box
        left, top = round(box.x * px), round(box.y * px)
        width, height = round(box.right * px) - left, round(box.bottom * px) - top
        if width <= 0 or height <= 0:
            return None
        try:
            with Image.open(io.BytesIO(item.data)) as image:
                # A JPEG decodes straight at a fraction of its size: a 40-megapixel photo in a
                # 200-pixel box would waste time and memory.
                image.draft("RGB", (width, height))
                picture = image.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)
        except (OSError, UnidentifiedImageError, ValueError):
            return None
        return np.array(picture), left, top  # an array of its own: Agg takes only writable ones
