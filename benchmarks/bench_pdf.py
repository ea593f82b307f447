"""Time and peak memory of building the PDF report, per phase, for a 3-persona and a 60-persona model.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N] [--save DIR]

Targets (issue #6): the 3-persona report in <= 1.5 s in-process, a 60-persona report in <= 10 s
with peak memory under 400 MB. The model is the sample workbook when the reader can load it
(inputs/example.xlsx), else the test fixture tests/fixtures/report-retail.json; the 60 personas
are renamed copies of its three. Phases: plan (journey-map layout, findings, tables as data) and
emit (reportlab: two passes, for the contents page and "Page X of Y"). The first build of a run
also pays for reading fonts and importing reportlab: it is reported apart as "cold"; the other
numbers are the best of --repeat warm runs. Memory: the peak of Python allocations (tracemalloc)
during one build, and the process's peak resident size at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from mapgen.model import Journeys
from mapgen.themes import Theme, load_theme

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "example.xlsx"
FIXTURE = ROOT / "tests" / "fixtures" / "report-retail.json"


def base_model() -> tuple[Journeys, str]:
    """Return the sample workbook's model (or the fixture's, while the reader is missing) and its name."""
    try:
        import mapgen

        journeys = mapgen.load(SAMPLE)
        if journeys.personas and not journeys.errors:
            return journeys, SAMPLE.name
    except Exception as error:  # any failure of the reader: fall back to the fixture, and say so
        print(f"(sample workbook not readable here: {type(error).__name__}: {error}; using the fixture)")
    return Journeys.from_json(json.loads(FIXTURE.read_text("utf-8"))), FIXTURE.name


def model(base: Journeys, personas: int) -> Journeys:
    """Return the model with `personas` personas: the first ones as they are, then renamed copies."""
    originals = base.personas
    chosen = tuple(
        originals[i]
        if i < len(originals)
        else dataclasses.replace(
            originals[i % len(originals)],
            name=f"{originals[i % len(originals)].name} {i + 1}",
            sheet=f"P{i + 1}",
        )
        for i in range(personas)
    )
    return dataclasses.replace(base, personas=chosen)


def layout() -> Any:
    try:
        from mapgen.layout import layout_journey  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        sys.exit("mapgen.layout.layout_journey is not there yet: the benchmark needs the real layout")
    return layout_journey


def build(journeys: Journeys, theme: Theme) -> dict[str, float]:
    """Build the report once; return the seconds of each phase, the pages and the bytes."""
    from mapgen.renderers.pdf import emit_report
    from mapgen.renderers.report_plan import plan_report

    start = time.perf_counter()
    plan = plan_report(journeys, theme, layout=layout())
    planned = time.perf_counter()
    data, _problems = emit_report(plan, theme)
    done = time.perf_counter()
    return {
        "plan": planned - start,
        "emit": done - planned,
        "total": done - start,
        "pages": float(data.count(b"/Type /Page\n") or data.count(b"/Type /Page")),
        "MiB": len(data) / 2**20,
        "_data": data,  # type: ignore[dict-item]
    }


def peak_python_memory(journeys: Journeys, theme: Theme) -> float:
    """Return the peak of Python memory allocated during one build, in MiB."""
    tracemalloc.start()
    build(journeys, theme)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per size (best is reported)")
    parser.add_argument("--save", type=Path, help="write the reports into this folder to look at them")
    args = parser.parse_args()

    theme = load_theme("default")
    base, source = base_model()
    print(f"model: {source}, theme: {theme.name}")
    cold = build(model(base, len(base.personas)), theme)
    print(f"cold first build ({len(base.personas)} personas): {cold['total']:.2f} s")
    for count, target in ((len(base.personas), 1.5), (60, 10.0)):
        journeys = model(base, count)
        runs = [build(journeys, theme) for _ in range(max(1, args.repeat))]
        best = min(runs, key=lambda r: r["total"])
        verdict = "ok" if best["total"] <= target else "OVER TARGET"
        phases = f"plan {best['plan']:.2f} s + emit {best['emit']:.2f} s = {best['total']:.2f} s"
        print(
            f"{count:3d} personas: {phases} (target {target:g} s: {verdict}); "
            f"{best['pages']:.0f} pages, {best['MiB']:.2f} MiB"
        )
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"report-{count}.pdf").write_bytes(best["_data"])  # type: ignore[arg-type]
    peak = peak_python_memory(model(base, 60), theme)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f" 60 personas: peak Python memory {peak:.0f} MiB; process peak RSS {rss:.0f} MiB (target < 400 MB)"
    )


if __name__ == "__main__":
    main()
