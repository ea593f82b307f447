"""Time and peak memory of making the deck in parts and joining them, for a synthetic workbook.

    .venv/bin/python benchmarks/bench_pptx.py [--personas 60] [--repeat 3] [--template client.pptx]

Issue #7's targets for 60 personas (10 stages x 3 steps, benchmarks/synthetic.py): the join
(assemble_deck) in <= 1.5 s and <= 150 MB. Each piece runs in a fresh process, as a build's
worker would run it, from the model as JSON (no workbook reading): one persona part (the median
over --repeat personas), the head, the tail, and the join of all the parts; the time is the
median of --repeat runs after a warm-up (fonts, python-pptx), the memory the process's peak
resident set (ru_maxrss), interpreter and imports included. Then the whole deck in one process
(render_deck: every part, then the join), as before the deck was made in parts.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_workbook

JOIN_TARGET = (1.5, 150.0)  # seconds, MB


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def prepare(folder: Path) -> None:
    """Read the workbook; write the model as JSON and every part of the deck."""
    import mapgen
    from mapgen.build.pipeline import resolve_theme
    from mapgen.renderers.parts import part_scope
    from mapgen.renderers.pptx.writer import deck_parts, render_deck_part

    template = _template(folder)
    journeys = mapgen.load(folder / "synthetic.xlsx")
    (folder / "model.json").write_text(json.dumps(journeys.to_json(include_photos=True)), "utf-8")
    theme = resolve_theme(None, journeys)
    for spec in deck_parts(journeys):
        data, _ = render_deck_part(part_scope(journeys, spec), spec, theme, template=template)
        (folder / f"{spec.name}.part").write_bytes(data)
    print(json.dumps([spec.name for spec in deck_parts(journeys)]))


def _template(folder: Path) -> str | None:
    path = folder / "template.txt"
    return path.read_text("utf-8") or None if path.exists() else None


def child(folder: Path, what: str, repeat: int) -> None:
    """Make one piece in this process and print its times and peak memory as JSON."""
    from mapgen.build.pipeline import resolve_theme
    from mapgen.model import Journeys
    from mapgen.renderers.parts import part_scope
    from mapgen.renderers.pptx.writer import assemble_deck, deck_parts, render_deck_part

    template = _template(folder)
    journeys = Journeys.from_json(json.loads((folder / "model.json").read_text("utf-8")))
    theme = resolve_theme(None, journeys)
    specs = {spec.name: spec for spec in deck_parts(journeys)}
    times = []
    if what == "join":
        parts = [(folder / f"{name}.part").read_bytes() for name in specs]
        runs = [lambda: assemble_deck(journeys, theme, parts, template=template)] * (repeat + 1)
    else:
        names = what.split(",")
        runs = [
            lambda name=name: render_deck_part(
                part_scope(journeys, specs[name]), specs[name], theme, template=template
            )
            for name in [names[0], *names]
        ]
    cpu = []
    for run in runs:
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(json.dumps({"times": times[1:], "cpu": cpu[1:], "peak_mb": _peak_mb()}))


def _run_child(folder: Path, what: str, repeat: int) -> Any:
    # Linux keeps a process's peak RSS across fork and exec: this process stays small until the
    # children have run, so theirs is their own.
    command = [sys.executable, __file__, "--child", str(folder), what, "--repeat", str(repeat)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    """Run the benchmark and print a line per piece."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--personas", type=int, default=60)
    parser.add_argument("--stages", type=int, default=10)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--template", help="a client's .pptx to make the deck on")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "WHAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, what = Path(args.child[0]), args.child[1]
        prepare(folder) if what == "prepare" else child(folder, what, args.repeat)
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_workbook(folder / "synthetic.xlsx", args.personas, args.stages, args.steps)
        (folder / "template.txt").write_text(str(Path(args.template).resolve()) if args.template else "")
        specs = _run_child(folder, "prepare", args.repeat)
        personas = ",".join(s for s in specs[1 : 1 + max(1, args.repeat)] if s.startswith("persona-"))
        label = f"{args.personas} personas" + (", on a template" if args.template else "")
        print(f"{label}, {len(specs)} parts: median of {args.repeat} (wall, CPU), peak RSS of the process")
        for what, name in (("head", "head"), (personas, "persona part"), ("tail", "tail"), ("join", "join")):
            result = _run_child(folder, what, args.repeat)
            median, cpu = statistics.median(result["times"]), statistics.median(result["cpu"])
            line = f"  {name:<13} {median:7.3f} s  {cpu:7.3f} s CPU  {result['peak_mb']:5.0f} MB"
            if name == "join":
                ok = median <= JOIN_TARGET[0] and result["peak_mb"] <= JOIN_TARGET[1]
                line += f"  (target {JOIN_TARGET[0]:g} s, {JOIN_TARGET[1]:g} MB: {'ok' if ok else 'OVER'})"
            print(line, flush=True)
        from mapgen.build.pipeline import resolve_theme
        from mapgen.model import Journeys
        from mapgen.renderers.pptx.writer import render_deck

        journeys = Journeys.from_json(json.loads((folder / "model.json").read_text("utf-8")))
        theme = resolve_theme(None, journeys)
        totals, cpus = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            deck = render_deck(journeys, theme, template=args.template)
            totals.append(time.perf_counter() - start)
            cpus.append(time.process_time() - start_cpu)
        slides = len(deck.plan.slides) if deck.plan else 0
        print(
            f"  in-process    {statistics.median(totals):7.3f} s  {statistics.median(cpus):7.3f} s CPU  "
            f"render_deck, {slides} slides, "
            f"{len(deck.data) / 2**20:.2f} MiB; peak RSS of this process {_peak_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
