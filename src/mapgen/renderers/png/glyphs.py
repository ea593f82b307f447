"""Text lines for the PNG painter, composed from cached FreeType glyph masks.

Pillow's ImageDraw.text loads, hints and renders every glyph of a run on every call: about 1 ms
for 30 characters, the biggest part of a map's paint time. Here each glyph is rendered once per
process for a face, a pixel size, a character and a quarter-pixel horizontal phase, and a line is
composed from those masks at the advance widths mapgen.text.measure adds up (no kerning), so a
painted line ends where the layout measured it, as it does in the deck and the report.

FreeType (through Pillow) renders a glyph with its pen on a whole pixel; baselines stay on whole
pixels, where the vertically hinted outlines are crisp. Across, a glyph whose pen falls between
pixels is the whole-pixel mask shifted by a quarter, half or three quarters of a pixel, with
linear weights: rounding pens to whole pixels instead makes gaps between letters jump by a pixel,
which shows at small sizes, and the shift keeps each glyph's weight.

Glyphs are still rendered by Pillow's FreeType binding with its basic layout, one character at a
time, so every script mapgen.text gives a face for draws as before: Arabic letters in their
isolated forms, and a character no font has as its primary face's .notdef box.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapgen import text

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    import numpy.typing as npt
    from PIL import ImageFont

    from mapgen.text import Face, FontChain

__all__ = ["Glyph", "Ink", "Writer", "glyphs"]

SUBPIXELS = 4  # horizontal phases a glyph is rendered at, per pixel, in small text
# Below this many pixels per em, half a pixel is a visible share of a letter gap: pens go to the
# nearest quarter pixel. Above it (all text at 144 dpi and more) they go to whole pixels, which
# no one can tell apart and which keeps repeated letters identical for the PNG's compressor (a
# 10-stage slide map: 709 KB, against 1060 KB with quarter pixels).
FINE_BELOW = 12.0


@dataclass(frozen=True, slots=True)
class Glyph:
    """A glyph's coverage mask and where it sits from the pen's whole pixel on the baseline."""

    mask: npt.NDArray[np.uint8]
    left: int  # columns from the pen to the mask's first column
    top: int  # rows from the baseline to the mask's first row: negative above it
    width: int
    height: int


@dataclass(frozen=True)
class Ink:
    """A coverage mask of painted text and its top-left pixel on the canvas."""

    mask: npt.NDArray[np.uint8]
    x: int
    y: int


class _Glyphs(dict[tuple[str, int], "Glyph | None"]):
    """The glyphs of one face at one pixel size, per character and phase, rendered on first use."""

    LIMIT = 4096  # a CJK poster may use thousands of characters: start again past this many

    def __init__(self, path: str, index: int, pixels: float) -> None:
        from PIL import ImageFont

        super().__init__()
        # The basic layout, so every machine renders alike.
        self.font = ImageFont.truetype(path, size=pixels, index=index, layout_engine=ImageFont.Layout.BASIC)

    def __missing__(self, key: tuple[str, int]) -> Glyph | None:
        if len(self) >= self.LIMIT:
            self.clear()
        char, phase = key
        if phase == 0:
            found = _rendered(self.font, char)
        else:
            whole = self[char, 0]
            found = None if whole is None else _shifted(whole, phase / SUBPIXELS)
        self[key] = found
        return found


@functools.lru_cache(maxsize=32)  # a map uses about ten faces and sizes
def glyphs(path: str, index: int, pixels: float) -> _Glyphs:
    """Return the glyph table of a face (a file and its index in a collection) at a pixel size."""
    return _Glyphs(path, index, pixels)


def _rendered(font: ImageFont.FreeTypeFont, char: str) -> Glyph | None:
    """Return char as FreeType renders it with the pen on a whole pixel; None when it has no ink."""
    import numpy as np
    from PIL import Image, ImageDraw

    left, top, right, bottom = font.getbbox(char, anchor="ls")
    # A margin on every side, so no ink is cut off whatever the bounding box rounded away.
    x0, y0 = 2 + max(0, -math.floor(left)), 2 + max(0, -math.floor(top))
    image = Image.new("L", (x0 + max(0, math.ceil(right)) + 3, y0 + max(0, math.ceil(bottom)) + 3))
    ImageDraw.Draw(image).text((x0, y0), char, font=font, fill=255, anchor="ls")
    inked = image.getbbox()
    if inked is None:
        return None
    mask = np.array(image.crop(inked))
    mask.flags.writeable = False  # shared by every line that uses it
    return Glyph(mask, inked[0] - x0, inked[1] - y0, mask.shape[1], mask.shape[0])


def _shifted(whole: Glyph, fraction: float) -> Glyph:
    """Return the glyph moved right by a fraction of a pixel, each column shared by linear weights."""
    import numpy as np

    weight = round(fraction * 256)
    source = whole.mask.astype(np.uint16)
    mask = np.zeros((source.shape[0], source.shape[1] + 1), np.uint16)
    mask[:, :-1] += source * (256 - weight)
    mask[:, 1:] += source * weight
    shifted = ((mask + 128) >> 8).astype(np.uint8)
    shifted.flags.writeable = False
    return Glyph(shifted, whole.left, whole.top, whole.width + 1, whole.height)


class Writer:
    """The ink of text in one font chain at one size and resolution."""

    def __init__(self, chain: FontChain, size: float, px: float) -> None:
        self.chain, self.size, self.px = chain, size, px
        self.pixels = round(size * px * 4) / 4  # a handful of font objects, not one per fitted size
        self.steps = SUBPIXELS if self.pixels < FINE_BELOW else 1
        self._advances: dict[str, float] = {}
        self._tables: dict[tuple[Path, int], _Glyphs] = {}

    def ink(self, lines: Iterable[tuple[str, float, int]]) -> Ink | None:
        """Return the ink of lines, each a text, its pen's start in px and its baseline's row.

        Characters are drawn in the faces text.runs() picks; None when nothing has ink.
        """
        import numpy as np

        placed = [spot for line in lines for spot in self._placed(*line)]
        if not placed:
            return None
        found, xs, ys = zip(*placed, strict=True)
        left, top = min(xs), min(ys)
        right = max(map(operator.add, xs, map(operator.attrgetter("width"), found)))
        bottom = max(map(operator.add, ys, map(operator.attrgetter("height"), found)))
        mask = np.zeros((bottom - top, right - left), np.uint8)
        for g, gx, gy in placed:
            x0, y0 = gx - left, gy - top
            region = mask[y0 : y0 + g.height, x0 : x0 + g.width]
            np.maximum(region, g.mask, out=region)  # where neighbours overlap, as FreeType runs do
        return Ink(mask, left, top)

    def _placed(self, line: str, x: float, baseline: int) -> Iterator[tuple[Glyph, int, int]]:
        """Yield each inked glyph of a line with its mask's top-left pixel."""
        steps, advances = self.steps, self._advances
        quarters = SUBPIXELS // steps
        pen = x
        for face, run in text.runs(line, self.chain):
            table = self._table(face)
            for char in run:
                step = round(pen * steps)
                try:
                    pen += advances[char]
                except KeyError:
                    advances[char] = text.measure(char, self.chain, self.size) * self.px
                    pen += advances[char]
                found = table[char, step % steps * quarters]
                if found is not None:
                    yield found, step // steps + found.left, baseline + found.top

    def _table(self, face: Face) -> _Glyphs:
        key = (face.path, face.index)
        if key not in self._tables:
            self._tables[key] = glyphs(str(face.path), face.index, self.pixels)
        return self._tables[key]
