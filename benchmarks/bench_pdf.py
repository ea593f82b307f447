"""Time and peak memory of the PDF report made as parts and joined, for 3 and 60 personas.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N] [--workbook PATH] [--save DIR]

The report is made as the build makes it: a part per persona (render_report_part, which a build
runs in worker processes and caches), then assemble_report, which makes the cover, contents,
executive summary and overview and joins them with the parts. Targets (issue #7): the
join of 60 personas in <= 2 s, so that a rebuild after a one-persona edit (one part and the join)
stays small; the whole 60-persona build in <= 20 s on two cores.

The model is the sample workbook (inputs/example.xlsx; its 60-persona form renames copies of its
three personas), or --workbook (e.g. one from benchmarks/synthetic.py, run on its own). Reported,
per size: a part's time (median over the parts), the join's (median of --repeat), the total in one
process (parts + join), pages and size; then the peak resident memory of one part and of the join,
each measured in a fresh process (VmHWM, which includes the interpreter and the imports). The
first part of a run also pays for reading fonts and importing reportlab: it is reported apart.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mapgen.model import Journeys
from mapgen.themes import Theme

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "example.xlsx"
FIXTURE = ROOT / "tests" / "fixtures" / "models" / "team-plan.json"


def base_model(workbook: Path | None) -> tuple[Journeys, str]:
    """Return the workbook's model (the sample's by default, else the fixture's) and its name."""
    path = workbook or SAMPLE
    try:
        import mapgen

        journeys = mapgen.load(path)
        if journeys.personas and not journeys.errors:
            return journeys, path.name
    except Exception as error:  # any failure of the reader: fall back to the fixture, and say so
        if workbook is not None:
            raise
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


def theme_of(journeys: Journeys) -> Theme:
    from mapgen.build.pipeline import resolve_theme

    return resolve_theme(None, journeys)


def make_parts(journeys: Journeys, theme: Theme) -> tuple[list[bytes], list[float]]:
    """Return every part's bytes and the seconds each took."""
    from mapgen.renderers.parts import part_scope
    from mapgen.renderers.pdf.writer import render_report_part, report_parts

    parts, seconds = [], []
    for spec in report_parts(journeys):
        start = time.perf_counter()
        data, _problems = render_report_part(part_scope(journeys, spec), spec, theme)
        seconds.append(time.perf_counter() - start)
        parts.append(data)
    return parts, seconds


def assemble(journeys: Journeys, theme: Theme, parts: list[bytes]) -> tuple[bytes, float]:
    from mapgen.renderers.pdf.writer import assemble_report

    start = time.perf_counter()
    data, _problems = assemble_report(journeys, theme, parts)
    return data, time.perf_counter() - start


def pages(data: bytes) -> int:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def peak_in_fresh_process(mode: str, folder: Path) -> tuple[float, float]:
    """Return the resident MiB of a fresh process before and after making one part or the join."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder)], capture_output=True, text=True, check=True
    )
    before, peak = result.stdout.split()[-2:]
    return float(before), float(peak)


def child(mode: str, folder: Path) -> None:
    """Make the last persona's part, or the join of saved parts; print the resident MiB before and at peak."""
    from mapgen.renderers.parts import part_scope, persona_part
    from mapgen.renderers.pdf.writer import render_report_part

    journeys: Journeys = pickle.loads((folder / "journeys.pickle").read_bytes())
    theme = theme_of(journeys)
    parts = pickle.loads((folder / "parts.pickle").read_bytes()) if mode == "join" else []
    before = peak_rss()
    if mode == "part":
        spec = persona_part(len(journeys.personas) - 1)
        render_report_part(part_scope(journeys, spec), spec, theme)
    else:
        assemble(journeys, theme, parts)
    print(before, peak_rss())


def peak_rss() -> float:
    """Return this process's peak resident MiB.

    Linux's VmHWM: ru_maxrss would carry over the parent's peak, which fork and exec keep.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS
    (line,) = (line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of the join per size (median)")
    parser.add_argument("--workbook", type=Path, help="a workbook to measure as it is (no copies)")
    parser.add_argument("--save", type=Path, help="write the reports into this folder to look at them")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return

    base, source = base_model(args.workbook)
    theme = theme_of(base)
    print(f"model: {source}, theme: {theme.name}")
    sizes = [len(base.personas)] if args.workbook else [len(base.personas), 60]
    start = time.perf_counter()
    make_parts(model(base, 1), theme)
    print(f"cold first part: {time.perf_counter() - start:.2f} s")
    for count in sizes:
        journeys = model(base, count)
        parts, seconds = make_parts(journeys, theme)
        joins = [assemble(journeys, theme, parts) for _ in range(max(1, args.repeat))]
        data = joins[0][0]
        join = statistics.median(t for _d, t in joins)
        verdict = "ok" if join <= 2.0 else "OVER TARGET"
        chapters = seconds[1:-1]  # the parts: the summary, a chapter per persona, the overview
        print(
            f"{count:3d} personas: a chapter {statistics.median(chapters):.3f} s (median; max "
            f"{max(chapters):.2f}), the summary {seconds[0]:.2f} s, the overview {seconds[-1]:.2f} s; "
            f"all parts {sum(seconds):.2f} s + join {join:.2f} s (median of {len(joins)}; target 2 s: "
            f"{verdict}) = {sum(seconds) + join:.2f} s in one process; {pages(data)} pages, "
            f"{len(data) / 2**20:.2f} MiB (the parts alone: {sum(map(len, parts)) / 2**20:.2f} MiB)"
        )
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"report-{count}.pdf").write_bytes(data)
        if count == sizes[-1]:
            with tempfile.TemporaryDirectory() as name:
                folder = Path(name)
                (folder / "journeys.pickle").write_bytes(pickle.dumps(journeys))
                (folder / "parts.pickle").write_bytes(pickle.dumps(parts))
                part_peak = peak_in_fresh_process("part", folder)
                join_peak = peak_in_fresh_process("join", folder)
            print(
                f"{count:3d} personas: peak RSS of a fresh process making one part {part_peak[1]:.0f} MiB "
                f"({part_peak[0]:.0f} MiB before it), making the join {join_peak[1]:.0f} MiB "
                f"({join_peak[0]:.0f} MiB before it, the parts loaded)"
            )


if __name__ == "__main__":
    main()
