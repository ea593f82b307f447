"""Time and peak memory of laying out, painting and encoding one persona's journey map PNG.

    python benchmarks/bench_png.py [--stages 10] [--steps 3] [--repeat 5]

Targets: a 10-stage x 3-step persona at the slide preset in <= 0.35 s per map (layout, paint and
encode) on a 2-core machine; issue #4's, a 6 x 3 persona in <= 0.5 s (--stages 6). Per size
preset it prints the median of --repeat runs of each phase: layout; shapes (with pictures and
clearing each strip); text (composing and blending glyphs); encode (the rest of paint_png:
dropping alpha, zlib, chunks). Memory per map is measured twice: the peak of Python and numpy
allocations during one paint (tracemalloc), and how far the resident set of a fresh process
rises above where it was while it paints one map (Linux's VmHWM, reset through
/proc/self/clear_refs), which also counts the Agg renderer's buffer that tracemalloc cannot see.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_workbook

SIZES = ("slide", "a4", "poster")


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stages", type=int, default=10)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rss", choices=SIZES, help=argparse.SUPPRESS)  # the fresh process's part
    args = parser.parse_args()
    if args.rss:
        print(_rss_growth(args.stages, args.steps, args.rss))
        return

    started = time.perf_counter()
    journeys, theme = _journeys(args.stages, args.steps)
    _paint(journeys, theme, "slide")
    print(f"first paint (imports matplotlib, loads fonts): {time.perf_counter() - started:.2f} s")
    print(f"{args.stages} stages x {args.steps} steps, median of {args.repeat}")
    print(
        f"{'size':8} {'pixels':>11} {'layout s':>9} {'shapes s':>9} {'text s':>7} {'encode s':>9} "
        f"{'total s':>8} {'alloc MiB':>10} {'RSS MiB':>8} {'file KiB':>9}"
    )
    for size in SIZES:
        runs = [_timed(journeys, theme, size) for _ in range(args.repeat)]
        phases = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        tracemalloc.start()
        data, pixels = _paint(journeys, theme, size)
        allocated = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        command = [sys.executable, __file__, "--rss", size]
        command += ["--stages", str(args.stages), "--steps", str(args.steps)]
        rss = float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        print(
            f"{size:8} {pixels:>11} {phases['layout']:9.3f} {phases['shapes']:9.3f} {phases['text']:7.3f} "
            f"{phases['encode']:9.3f} {sum(phases.values()):8.3f} {allocated:10.1f} {rss:8.1f} "
            f"{len(data) / 1024:9.0f}"
        )


def _journeys(stages: int, steps: int) -> tuple[Any, Any]:
    """Return a one-persona synthetic workbook's journeys and the default theme."""
    import mapgen
    from mapgen.themes import load_theme

    with tempfile.TemporaryDirectory() as folder:
        journeys = mapgen.load(write_workbook(Path(folder) / "bench.xlsx", 1, stages, steps))
    return journeys, load_theme("default")


def _scene(journeys: Any, theme: Any, size: str) -> tuple[Any, int]:
    """Return the persona's scene at a size preset and the preset's dpi."""
    from mapgen.layout import layout_canvas

    page, dpi = theme.png.canvas(size), theme.png.resolution(size)
    return layout_canvas(journeys, journeys.personas[0], theme, page).scenes[0], dpi


def _paint(journeys: Any, theme: Any, size: str) -> tuple[bytes, str]:
    """Lay out and paint the persona at a size preset; return the PNG and its size in pixels."""
    from mapgen.renderers.png.painter import paint_png

    scene, dpi = _scene(journeys, theme, size)
    pixels = f"{round(scene.width / 72 * dpi)}x{round(scene.height / 72 * dpi)}"
    return paint_png(scene, theme, dpi=dpi), pixels


def _timed(journeys: Any, theme: Any, size: str) -> dict[str, float]:
    """Return the seconds one map spends in each phase at a size preset."""
    from mapgen.renderers.png import painter as png
    from mapgen.scene import TextBlock

    clock = {"layout": 0.0, "shapes": 0.0, "text": 0.0, "encode": 0.0}
    # Strips are painted as the encoder asks for them: each primitive's painting and each
    # strip's clearing are timed in place, and what is left of paint_png is encoding.
    paint = png._Painter.paint

    def timed_paint(painter: Any, index: int, item: Any) -> None:
        started = time.perf_counter()
        paint(painter, index, item)
        clock["text" if isinstance(item, TextBlock) else "shapes"] += time.perf_counter() - started

    with _timing(png._Canvas, "start", clock, "shapes"), _replaced(png._Painter, "paint", timed_paint):
        t0 = time.perf_counter()
        scene, dpi = _scene(journeys, theme, size)
        t1 = time.perf_counter()
        png.paint_png(scene, theme, dpi=dpi)
        t2 = time.perf_counter()
    clock["layout"] = t1 - t0
    clock["encode"] = t2 - t1 - clock["shapes"] - clock["text"]
    return clock


@contextmanager
def _timing(owner: Any, name: str, clock: dict[str, float], key: str) -> Iterator[None]:
    """Add the time spent in owner.name to clock[key] while the block runs."""
    original: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            clock[key] += time.perf_counter() - started

    with _replaced(owner, name, timed):
        yield


@contextmanager
def _replaced(owner: Any, name: str, replacement: Callable[..., Any]) -> Iterator[None]:
    """Put replacement in place of owner.name while the block runs."""
    original = getattr(owner, name)
    setattr(owner, name, replacement)
    try:
        yield
    finally:
        setattr(owner, name, original)


def _rss_growth(stages: int, steps: int, size: str) -> float:
    """Return how many MiB a fresh process's resident set grows at most while it paints one map."""
    from mapgen.renderers.png.painter import paint_png

    journeys, theme = _journeys(stages, steps)
    scene, dpi = _scene(journeys, theme, size)
    paint_png(scene, theme, dpi=8)  # imports and fonts first, on a picture too small to count
    before = _status_kib("VmRSS")
    # Linux keeps the peak (VmHWM) since the process began: start it again from here.
    Path("/proc/self/clear_refs").write_text("5")
    paint_png(scene, theme, dpi=dpi)
    return (_status_kib("VmHWM") - before) / 1024


def _status_kib(key: str) -> int:
    """Return a size in KiB from /proc/self/status (Linux only)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise LookupError(key)


if __name__ == "__main__":
    main()
