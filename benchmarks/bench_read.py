"""Time and peak memory of reading: the samples of every input format and a synthetic 60-persona workbook.

    .venv/bin/python benchmarks/bench_read.py [--repeat 5]

Each workbook is read --repeat times in this process (the first read also pays for importing
openpyxl); the best wall time and the peak of Python allocations (tracemalloc) of one read are
printed. A fresh `python -c "import mapgen.readers"` shows that importing the reader stays light.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import write_workbook  # noqa: E402  (a sibling script, not a package)

from mapgen.readers import read_journeys  # noqa: E402


def measure(path: Path, repeat: int) -> tuple[float, float, float, str]:
    """Return (first read s, best read s, peak MiB, summary) of reading path."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        journeys = read_journeys(path)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    read_journeys(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    steps = sum(len(p.steps) for p in journeys.personas)
    summary = f"{len(journeys.personas)} personas, {steps} steps, {len(journeys.problems)} problems"
    return times[0], min(times), peak / 2**20, summary


def import_cost() -> str:
    """Return the heavy modules a fresh `import mapgen.readers` loads (none expected)."""
    code = (
        "import sys, mapgen.readers; "
        "print(sorted(m for m in ('openpyxl', 'PIL', 'matplotlib', 'reportlab', 'pptx') if m in sys.modules))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print one line per workbook."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"heavy modules after `import mapgen.readers`: {import_cost()}")
    with tempfile.TemporaryDirectory() as folder:
        synthetic = write_workbook(Path(folder) / "synthetic-60.xlsx", personas=60, stages=10, steps=3)
        inputs = ROOT / "inputs"
        books = [
            *(inputs / name for name in ("example.xlsx", "b2b-example.xlsx", "csv-example")),
            *(inputs / name for name in ("markdown-example.md", "mermaid-example.mmd", "model-example.json")),
            synthetic,
        ]
        for path in books:
            first, best, peak, summary = measure(path, args.repeat)
            files = path.iterdir() if path.is_dir() else [path]
            size = sum(f.stat().st_size for f in files) / 1024
            print(
                f"{path.name:<22} {size:7.0f} KiB  first {first * 1000:7.1f} ms  best {best * 1000:7.1f} ms  "
                f"peak {peak:6.1f} MiB  ({summary})"
            )


if __name__ == "__main__":
    main()
