"""Compare mapgen's own TrueType reader (mapgen.text.truetype) with fontTools on the same fonts.

    python benchmarks/compare_fonttools.py [--repeat 5]

For the bundled fonts and matplotlib's DejaVu set: the time to load a face the way a build does
(names, style, metrics, the cmap and the advance widths, in a fresh reader each time), the time to
look up the width of every character the face maps, once each, on a loaded face, and whether the
two readers agree on each character's glyph and advance width, in font units, for every code point
either cmap maps. (In points the two differ in the last bit only: mapgen multiplies by 1/upem,
fontTools users divide by upem.) Prints a table and the totals; docs/architecture.md quotes them
under "Written by hand, on purpose".
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from fontTools.ttLib import TTFont

from mapgen.text import truetype
from mapgen.text.finding import _matplotlib_fonts_dir, bundled_fonts_dir


def fonts() -> list[Path]:
    """Return the bundled fonts and matplotlib's DejaVu fonts."""
    dejavu = _matplotlib_fonts_dir()
    found = sorted(bundled_fonts_dir().glob("*.ttf"))
    return found + (sorted(dejavu.glob("DejaVu*.ttf")) if dejavu else [])


def ours_load(path: Path) -> truetype._Loaded:
    """Load a face with mapgen's reader, bypassing its per-process cache."""
    return truetype._load(path, 0)


class FontToolsFace:
    """What a build needs of a face, read with fontTools: names, metrics, cmap, advances."""

    def __init__(self, path: Path) -> None:
        font = TTFont(path, lazy=True)
        self.upem = font["head"].unitsPerEm
        hhea = font["hhea"]
        self.ascent, self.descent = hhea.ascent / self.upem, -hhea.descent / self.upem
        names = font["name"]
        self.family = names.getDebugName(1)
        self.postscript = names.getDebugName(6)
        self.weight = font["OS/2"].usWeightClass
        self.cmap = font.getBestCmap()
        self.order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
        self.metrics = font["hmtx"].metrics
        font.close()

    def width(self, code: int) -> float | None:
        name = self.cmap.get(code)
        if name is None or self.order.get(name, 0) == 0:
            return None
        return self.metrics[name][0] / self.upem

    def units(self, code: int) -> tuple[int, int] | None:
        name = self.cmap.get(code)
        if name is None or self.order.get(name, 0) == 0:
            return None
        return self.order[name], self.metrics[name][0]


def our_units(loaded: truetype._Loaded, code: int) -> tuple[int, int] | None:
    """Return the glyph and advance, in font units, mapgen's reader measures a code point with."""
    data = loaded.data
    glyph = data.cmap.glyph(code)
    if glyph == 0 or glyph >= data.num_glyphs:
        return None
    return glyph, data.advances[min(glyph, len(data.advances) - 1)]


def best_of(work: Callable[[], object], repeat: int) -> float:
    """Return the median time of work over repeat runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def our_code_points(loaded: truetype._Loaded) -> set[int]:
    """Return every code point in the segments of our cmap (some map to no glyph)."""
    cmap = loaded.data.cmap
    return {c for s, e in zip(cmap.starts, cmap.ends, strict=True) for c in range(s, min(e, 0x10FFFF) + 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # old fonts' timestamps, not our business
    totals = {"ours load": 0.0, "fontTools load": 0.0, "ours widths": 0.0, "fontTools widths": 0.0}
    compared = differing = 0
    print(f"{'font':32} {'glyphs':>7} {'load ms':>8} {'fT load':>8} {'widths':>8} {'fT wid.':>8}  agree?")
    for path in fonts():
        ours, theirs = ours_load(path), FontToolsFace(path)
        codes = [c for c in sorted(set(theirs.cmap) | our_code_points(ours)) if not 0xD800 <= c <= 0xDFFF]
        bad = [c for c in codes if our_units(ours, c) != theirs.units(c)]
        compared += len(codes)
        differing += len(bad)
        chars = [chr(c) for c in codes]

        def widths_ours(data: truetype._FaceData = ours.data, cs: list[str] = chars) -> None:
            data._widths.clear()  # as in a new process: each width looked up once
            for ch in cs:
                data.width(ch)

        def widths_theirs(face: FontToolsFace = theirs, cs: list[int] = codes) -> None:
            for c in cs:
                face.width(c)

        times = (
            best_of(lambda p=path: ours_load(p), args.repeat),
            best_of(lambda p=path: FontToolsFace(p), args.repeat),
            best_of(widths_ours, args.repeat),
            best_of(widths_theirs, args.repeat),
        )
        for key, value in zip(totals, times, strict=True):
            totals[key] += value
        verdict = "identical" if not bad else f"{len(bad)} differ, e.g. U+{bad[0]:04X}"
        numbers = " ".join(f"{t:8.2f}" for t in times)
        print(f"{path.name:32} {len(theirs.order):7} {numbers}  {len(codes)} code points {verdict}")
    print(
        f"\n{len(fonts())} fonts; load: ours {totals['ours load']:.1f} ms, fontTools "
        f"{totals['fontTools load']:.1f} ms; the width of every mapped character once: ours "
        f"{totals['ours widths']:.1f} ms, fontTools {totals['fontTools widths']:.1f} ms; "
        f"{compared} code points compared, {differing} differ"
    )


if __name__ == "__main__":
    main()
