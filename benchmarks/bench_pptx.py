"""Time and peak memory of building the deck, per phase, for a 3-persona and a 60-persona model.

    .venv/bin/python benchmarks/bench_pptx.py [--repeat N]

Targets (issue #5): a 3-persona deck in <= 1 s in-process, a 60-persona deck in <= 8 s. The
models are the test fixtures (tests/fixtures/deck-retail.json), the 60 personas made by renaming
copies of its three. Phases: plan (journey map layout and text fitting), emit (python-pptx shapes,
charts, tables, notes) and save (zip, fixed timestamps). The first build of a run also pays for
loading fonts and python-pptx; the numbers reported are the best of --repeat runs after a warm-up.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mapgen.model import Journeys
from mapgen.renderers import pptx as deck_module
from mapgen.renderers.deck_plan import plan_deck
from mapgen.renderers.pptx_package import fixed_moment, normalise, remember_part_names
from mapgen.renderers.pptx_template import open_base
from mapgen.themes import load_theme

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "deck-retail.json"


def model(personas: int) -> Journeys:
    """Return the retail fixture with `personas` personas (copies renamed after the first three)."""
    journeys = Journeys.from_json(json.loads(FIXTURE.read_text("utf-8")))
    base = journeys.personas
    chosen = tuple(
        base[i]
        if i < len(base)
        else dataclasses.replace(
            base[i % len(base)], name=f"{base[i % len(base)].name} {i + 1}", sheet=f"P{i + 1}"
        )
        for i in range(personas)
    )
    return dataclasses.replace(journeys, personas=chosen)


def phases(journeys: Journeys) -> dict[str, float]:
    """Build the deck once; return the seconds of each phase."""
    theme = load_theme("default")
    out: dict[str, float] = {}
    start = time.perf_counter()
    base = open_base(theme, None)
    remember_part_names(base.prs)
    plan = plan_deck(journeys, theme, frame=base.frame)
    out["plan"] = time.perf_counter() - start
    start = time.perf_counter()
    for slide in plan.slides:
        deck_module._emit_slide(base, plan, slide, theme)
    out["emit"] = time.perf_counter() - start
    start = time.perf_counter()
    buffer = io.BytesIO()
    base.prs.save(buffer)
    data = normalise(buffer.getvalue(), fixed_moment())
    out["save"] = time.perf_counter() - start
    out["total"] = out["plan"] + out["emit"] + out["save"]
    out["slides"] = len(plan.slides)
    out["bytes"] = len(data)
    return out


def peak_memory(build: Callable[[], Any]) -> float:
    """Return the peak of Python memory allocated while building, in MiB."""
    tracemalloc.start()
    build()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for personas, target in ((3, 1.0), (60, 8.0)):
        journeys = model(personas)
        deck_module.render_deck(journeys, load_theme("default"))  # warm-up: fonts, python-pptx, caches
        runs = [phases(journeys) for _ in range(max(1, args.repeat))]
        best = min(runs, key=lambda r: r["total"])
        memory = peak_memory(lambda model=journeys: deck_module.render_deck(model, load_theme("default")))
        verdict = "ok" if best["total"] <= target else "OVER TARGET"
        print(
            f"{personas:>2} personas, {int(best['slides'])} slides, {best['bytes'] / 1024:.0f} KiB: "
            f"plan {best['plan']:.3f} s, emit {best['emit']:.3f} s, save {best['save']:.3f} s, "
            f"total {best['total']:.3f} s (target {target:g} s: {verdict}); "
            f"peak Python memory {memory:.0f} MiB"
        )


if __name__ == "__main__":
    main()
