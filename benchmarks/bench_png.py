"""Time and peak memory of laying out and painting one persona's journey map PNG, in-process.

    .venv/bin/python benchmarks/bench_png.py [--stages 6] [--steps 3] [--repeat 5]

Issue #4's target: a 6-stage x 3-step persona at the slide preset in <= 0.5 s on a 2-core
machine. Prints the median of --repeat runs per phase (layout, paint) and per size preset, and
the peak of Python allocations (tracemalloc) of one paint.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_workbook


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stages", type=int, default=6)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import mapgen
    from mapgen.layout import layout_journey
    from mapgen.renderers.png import paint_png
    from mapgen.themes import load_theme

    theme = load_theme("default")
    with tempfile.TemporaryDirectory() as folder:
        journeys = mapgen.load(write_workbook(Path(folder) / "bench.xlsx", 1, args.stages, args.steps))
    persona = journeys.personas[0]
    # The first paint loads matplotlib and the fonts: reported apart, as a worker pays it once.
    started = time.perf_counter()
    paint_png(
        layout_journey(journeys, persona, theme, page=theme.png.canvas("slide")).scenes[0], theme, dpi=72
    )
    print(f"first paint (imports matplotlib, loads fonts): {time.perf_counter() - started:.2f} s")
    print(f"{args.stages} stages x {args.steps} steps, median of {args.repeat}")
    print(
        f"{'size':8} {'pixels':>11} {'layout s':>9} {'paint s':>8} {'total s':>8} "
        f"{'peak MiB':>9} {'file KiB':>9}"
    )
    for size in ("slide", "a4", "poster"):
        page, dpi = theme.png.canvas(size), theme.png.resolution(size)
        layouts, paints = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            scene = layout_journey(journeys, persona, theme, page=page).scenes[0]
            t1 = time.perf_counter()
            data = paint_png(scene, theme, dpi=dpi)
            layouts.append(t1 - t0)
            paints.append(time.perf_counter() - t1)
        tracemalloc.start()
        paint_png(scene, theme, dpi=dpi)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        pixels = f"{round(scene.width / 72 * dpi)}x{round(scene.height / 72 * dpi)}"
        layout, paint = statistics.median(layouts), statistics.median(paints)
        print(
            f"{size:8} {pixels:>11} {layout:9.3f} {paint:8.3f} {layout + paint:8.3f} {peak:9.1f} "
            f"{len(data) / 1024:9.0f}"
        )


if __name__ == "__main__":
    main()
