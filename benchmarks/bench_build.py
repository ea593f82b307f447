"""Time and peak memory of `mapgen build`: per phase in-process, and whole processes.

    python benchmarks/bench_build.py [--quick] [--jobs 2] [--allocations]

Per phase (read; png; the deck's parts and join; the report's parts and join; a whole build in
one process) on the sample workbook and a synthetic 60 personas x 10 stages x 3 steps workbook:
wall time, and with --allocations the peak of Python allocations (tracemalloc). Whole process:
`mapgen --help`; the sample, all formats; the 60-persona workbook with --jobs N (peak memory
summed over the process and its workers, PSS and RSS, sampled from /proc); a rebuild after
changing one persona; and 10, 30 and 60 personas to see that time grows linearly.
Targets are in issue #7; results go in docs/performance.md. Builds use a fresh cache folder.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "inputs" / "example.xlsx"
MAPGEN = [sys.executable, "-m", "mapgen"]
# Sampling /proc costs CPU the build would use: every 20 ms made a 2-core build of 18 s take 22 s.
SAMPLE_SECONDS = 0.1
sys.path.insert(0, str(HERE))

from synthetic import write_workbook  # noqa: E402

if TYPE_CHECKING:
    from mapgen.build.tasks import Options, Rendered, Task
    from mapgen.themes import Theme


def phase(name: str, work: Callable[[], Any], *, allocations: bool = False) -> Any:
    """Run one phase, print its time and the process's peak memory in it, and return its result.

    The peak is the resident set's high-water mark, reset before the phase (Linux's clear_refs);
    with allocations, also the peak of Python allocations. tracemalloc slows Python several times
    over, so it runs only when asked for, and the time printed is then not a build's.
    """
    if allocations:
        tracemalloc.start()
    fresh_peak = _reset_peak_rss()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = f"  {_status_kib(os.getpid(), 'VmHWM:') / 2**10:7.0f} MiB peak RSS" if fresh_peak else ""
    if allocations:
        peak += f"  {tracemalloc.get_traced_memory()[1] / 2**20:7.1f} MiB allocated at peak"
        tracemalloc.stop()
    print(f"  {name:<12} {seconds:7.2f} s{peak}")
    return result


def _reset_peak_rss() -> bool:
    """Reset this process's resident high-water mark; return False where the system cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def in_process(workbook: Path, out: Path, *, allocations: bool = False) -> None:
    """Time each phase of a build of one workbook in this process, one worker.

    The phases are the build's own tasks: the maps' layout alone, the PNGs (layout and paint),
    then for the deck and the report their parts and their join, as the build's workers run them;
    then a whole build with a cache, and again with everything in it (staging, manifest, moving
    the files: the write phase).
    """
    import mapgen
    from mapgen.build.cache import Cache
    from mapgen.build.formats import plan_tasks
    from mapgen.build.pipeline import build_outputs, resolve_theme
    from mapgen.build.runner import Runner
    from mapgen.build.tasks import Options
    from mapgen.layout import layout_journey

    print(f"{workbook.name}:")
    journeys = phase("read", lambda: mapgen.load(workbook), allocations=allocations)
    theme = resolve_theme(None, journeys)
    options = Options()
    page = theme.png.canvas(None)
    phase("layout", lambda: [layout_journey(journeys, p, theme, page=page) for p in journeys.personas])
    for name in ("png", "pptx", "pdf"):
        tasks = plan_tasks(journeys, [name], options)
        if whole := [t for t in tasks if not t.parts]:
            phase(name, functools.partial(_make, whole, theme, options), allocations=allocations)
        for joined in (t for t in tasks if t.parts):
            made = functools.partial(_make, joined.parts, theme, options)
            parts = [r.data for r in phase(f"{name} parts", made, allocations=allocations)]
            join = functools.partial(_join, joined, theme, options, parts)
            phase(f"{name} join", join, allocations=allocations)
    runner = Runner(jobs=1, cache=Cache(out.parent / f"{out.name}-cache"))
    build = functools.partial(build_outputs, journeys, theme=theme, out=out, runner=runner)
    phase("build, 1 job", build, allocations=allocations)
    phase("write", build, allocations=allocations)


def _make(tasks: Sequence[Task], theme: Theme, options: Options) -> list[Rendered]:
    """Make each task's file (or part) in this process."""
    return [task.render(task.scope, theme, options) for task in tasks if task.render is not None]


def _join(task: Task, theme: Theme, options: Options, parts: list[bytes]) -> Rendered:
    """Join a file from its parts' bytes in this process."""
    assert task.join is not None
    return task.join(task.scope, theme, options, parts)


class TreeMemory:
    """Sample the memory of a process and its descendants, from /proc: RSS and PSS, summed.

    RSS counts a page shared by several processes (a library, a forked parent's memory) once in
    each of them; PSS divides it among them, so the sum of PSS is the memory the build really
    takes. Both are reported.
    """

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_rss, self.peak_pss = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            pids = _tree(self.pid)
            self.peak_rss = max(self.peak_rss, sum(_status_kib(pid, "VmRSS:") for pid in pids) * 1024)
            self.peak_pss = max(self.peak_pss, sum(_pss_kib(pid) for pid in pids) * 1024)

    def stop(self) -> tuple[int, int]:
        """Stop sampling and return the peaks (RSS, PSS) in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak_rss, self.peak_pss


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def whole(label: str, args: Sequence[str], env: dict[str, str]) -> float:
    """Run mapgen in a new process; print and return its wall time, with its peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen([*MAPGEN, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = TreeMemory(process.pid)
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    rss, pss = memory.stop()
    if process.returncode:
        raise SystemExit(f"{label} failed:\n{err.decode()}")
    memory_line = (
        f"peak of all processes: {pss / 2**20:5.0f} MiB PSS, {rss / 2**20:5.0f} MiB RSS"
        if rss
        else f"(gone before the first memory sample, {SAMPLE_SECONDS} s)"
    )
    print(f"  {label:<44} {seconds:7.2f} s  {memory_line}")
    return seconds


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmarks."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="skip the in-process phases and linearity")
    parser.add_argument(
        "--allocations", action="store_true", help="trace Python allocations per phase (slows the phases)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        big = write_workbook(tmp / "sixty.xlsx", 60, 10, 3)
        env = {**os.environ, "MAPGEN_CACHE_DIR": str(tmp / "cache")}
        if not args.quick:
            print("Phases, in-process, one worker:")
            in_process(SAMPLE, tmp / "phases-sample", allocations=args.allocations)
            in_process(big, tmp / "phases-sixty", allocations=args.allocations)
        print("Whole process:")
        whole("mapgen --help", ["--help"], env)
        whole("sample, all formats (cold cache)", ["build", str(SAMPLE), "--out", str(tmp / "s")], env)
        whole(
            "sample again (warm cache, nothing changed)", ["build", str(SAMPLE), "--out", str(tmp / "s")], env
        )
        jobs = ["--jobs", str(args.jobs)]
        full = whole(
            f"60x10x3, all formats, --jobs {args.jobs}",
            ["build", str(big), "--out", str(tmp / "b"), *jobs],
            env,
        )
        write_workbook(big, 60, 10, 3, edit=7)
        again = whole(
            "60x10x3 after editing one persona", ["build", str(big), "--out", str(tmp / "b"), *jobs], env
        )
        print(f"  rebuild / full build: {again / full:.0%}")
        if not args.quick:
            times = {}
            for n in (10, 30, 60):
                book = write_workbook(tmp / f"n{n}.xlsx", n, 10, 3)
                times[n] = whole(
                    f"{n}x10x3 --force",
                    ["build", str(book), "--out", str(tmp / f"n{n}"), "--force", *jobs],
                    env,
                )
            slope = (times[60] - times[10]) / 50
            predicted = times[10] + slope * 20
            print(
                f"  linearity: 30 personas took {times[30]:.2f} s; the line through 10 and 60 "
                f"says {predicted:.2f} s ({abs(times[30] - predicted) / predicted:.0%} off)"
            )


if __name__ == "__main__":
    main()
