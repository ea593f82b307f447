"""Time mapgen.text on a synthetic workbook's text, and the layouts and the deck that call it.

    python benchmarks/bench_text.py [--personas 60] [--stages 10] [--steps 3] [--repeat 3]
                                    [--deck] [--report]

Every text of the workbook (actions, goals, thoughts, pain points, ...) is wrapped at three card
widths, each wrapped line is split into runs and measured, and each text is fitted into a card;
then every persona's map is laid out on slide pages, and with --deck and --report the deck and
the report are made. The caches
of wrapped and fitted text are cleared before each run (each chain's widths are not, as in a
worker that has made one file). Prints the median of --repeat runs of each, in wall time and in
processor time (which other programs on a shared machine disturb less). To compare with
another version of mapgen, run this script with PYTHONPATH pointing at that version's src/.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_workbook

from mapgen import text
from mapgen.model import Journeys
from mapgen.themes import Theme

WIDTHS = (80.0, 150.0, 240.0)
SIZE = 9.0


def texts_of(journeys: Journeys) -> list[str]:
    """Return every text of every step, one string per cell or list item."""
    found: list[str] = []
    for persona in journeys.personas:
        for step in persona.steps:
            single = (step.action, step.touchpoint, step.goal, step.thoughts, step.owner)
            found.extend(t for t in single if t)
            found.extend((*step.pain_points, *step.opportunities, *step.kpis, ", ".join(step.emotions)))
    return found


def clear_caches() -> None:
    """Forget the wrapped and fitted texts (not the widths each chain keeps), as a new process would."""
    for name in ("_wrap", "_fit"):  # _fit is newer than the first version measured
        cache = getattr(text, name, None)
        if cache is not None:
            cache.cache_clear()


def median_time(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Return the median wall time and processor time of work over repeat runs, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def micro(texts: list[str], chain: text.FontChain, repeat: int) -> dict[str, tuple[float, float]]:
    """Return the median times of wrap, runs, measure and fit over texts."""
    lines = [line for t in texts for w in WIDTHS for line in text.wrap(t, chain, SIZE, w)]

    def wrap_cold() -> None:
        clear_caches()
        for t in texts:
            for w in WIDTHS:
                text.wrap(t, chain, SIZE, w)

    def fit_cold() -> None:
        clear_caches()
        for t in texts:
            text.fit(t, chain, 150, 40, 11, 7)

    return {
        f"wrap x{len(texts) * len(WIDTHS)} (cache cleared)": median_time(wrap_cold, repeat),
        f"runs x{len(lines)} lines": median_time(lambda: [text.runs(line, chain) for line in lines], repeat),
        f"measure x{len(lines)} lines": median_time(
            lambda: [text.measure(line, chain, SIZE) for line in lines], repeat
        ),
        f"fit x{len(texts)} (cache cleared)": median_time(fit_cold, repeat),
    }


def make_file(name: str, journeys: Journeys, theme: Theme) -> None:
    """Make the deck or the report in memory, with the caches of wrapped and fitted text cleared."""
    from mapgen.renderers.pdf.writer import render_report
    from mapgen.renderers.pptx.writer import render_deck

    clear_caches()
    if name == "deck":
        render_deck(journeys, theme)
    else:
        render_report(journeys, theme)


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--personas", type=int, default=60)
    parser.add_argument("--stages", type=int, default=10)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--deck", action="store_true", help="also time the deck (about 13 s a run)")
    parser.add_argument("--report", action="store_true", help="also time the report (about 19 s a run)")
    args = parser.parse_args()

    import mapgen
    from mapgen.layout import layout_journey
    from mapgen.themes import load_theme

    theme = load_theme("default")
    with tempfile.TemporaryDirectory() as folder:
        book = write_workbook(Path(folder) / "bench.xlsx", args.personas, args.stages, args.steps)
        journeys = mapgen.load(book)
    chain = theme.font_chain("body")
    print(f"mapgen.text from {Path(text.__file__).parent}; median of {args.repeat}")
    timings = micro(texts_of(journeys), chain, args.repeat)
    timings["theme.font_chain x100000"] = median_time(
        lambda: [theme.font_chain("body", bold=True) for _ in range(100_000)], args.repeat
    )

    def layouts() -> None:
        clear_caches()
        for persona in journeys.personas:
            layout_journey(journeys, persona, theme, page=(960, 540), paginate=True)

    timings[f"layout {args.personas} personas (slide pages)"] = median_time(layouts, args.repeat)
    for name in [name for name, wanted in (("deck", args.deck), ("report", args.report)) if wanted]:
        work = functools.partial(make_file, name, journeys, theme)
        timings[f"{name} {args.personas} personas"] = median_time(work, args.repeat)
    print(f"{'':44} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in timings.items():
        print(f"{name:44} {wall:8.3f} {cpu:8.3f}")


if __name__ == "__main__":
    main()
