"""Run a build's tasks: from the cache, in this process, or side by side in worker processes.

A file joined from parts (the deck, the report) is looked up in the cache first: when it is
there, its parts are not needed at all. Otherwise its parts are made (or taken from the cache)
and the join runs as soon as the last of them is done. Parts go to the workers before whole
files, so that the joins are not left for the end of the build.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from mapgen.build.cache import Cache, CacheFault
from mapgen.build.cache_entry import Sealed
from mapgen.build.cache_session import CacheSession
from mapgen.build.interrupts import children_ignore_interrupts
from mapgen.build.tasks import Options, Rendered, Task
from mapgen.model import Problem

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["Done", "OnDone", "Runner", "default_jobs", "execute", "execute_join", "part_path"]

PARTS_FOLDER = ".parts"
# Past this much resident memory, and this much more than after its last collection, a process
# collects its garbage after a task (see _Tidy).
WORKER_MEMORY_BUDGET = 160 * 2**20
MEMORY_GROWTH = 48 * 2**20


@dataclass(frozen=True)
class Done:
    """A task's outcome: its warnings, and whether the cache had the file.

    A part's outcome says part=True; a part counts as cached when the file it belongs to came from
    the cache whole, so that it never had to be made. sha256 is the file's, where it is known
    (made, or checked on its way out of the cache), so that the manifest need not hash it again.
    """

    task: Task
    problems: tuple[Problem, ...]
    cached: bool
    part: bool = False
    sha256: str = ""


OnDone = Callable[[Done], None]


def default_jobs() -> int:
    """Return the number of processes to use by default: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def part_path(folder: Path, file: str) -> Path:
    """Return where a part ("report.pdf#persona-0003") is kept while its file is made.

    The file's name comes from the workbook's (which may hold "#", "/" or ".."), so it never
    becomes a path: the part is kept under a digest of the name, one level below the folder.
    """
    return folder / PARTS_FOLDER / hashlib.sha256(file.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Runner:
    """Runs tasks, reusing its worker processes from build to build (a folder, a watch)."""

    def __init__(self, jobs: int | None = None, cache: Cache | None = None, *, reuse: bool = True) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.cache = cache
        self.reuse = reuse  # False (--force): make every file again, and refresh the cache
        self.cache_notes: tuple[Problem, ...] = ()  # the last run's warnings about the cache
        self._pool: ProcessPoolExecutor | None = None
        self._preload: tuple[str, ...] = ()

    def __enter__(self) -> Runner:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(cancel=kind is not None)

    def warm_up(self, modules: Sequence[str]) -> None:
        """Start the workers' server now, importing modules, while this process reads the workbook.

        A worker of a 60-persona build needs matplotlib, python-pptx and reportlab: imported once
        in the server, and in the time the workbook takes to read, every worker starts with them.
        """
        if self.jobs == 1 or self._pool is not None:
            return
        self._preload = tuple(modules)
        self._workers()  # with a fork server, starts it now; other start methods start on demand

    def close(self, *, cancel: bool = False) -> None:
        """Stop the worker processes; with cancel, drop the work they have not started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None

    def run(
        self,
        tasks: Sequence[Task],
        theme: Theme,
        options: Options,
        folder: Path,
        on_done: OnDone | None = None,
    ) -> list[Done]:
        """Write every task's file into folder; return the files' outcomes in the tasks' order.

        The cache's warnings (a damaged entry, a cache given up) are left in cache_notes.
        """
        build = _Build(self, theme, options, folder, on_done or (lambda _done: None))
        for index, task in enumerate(tasks):
            build.add(index, task)
        executor: Executor = _InProcess() if self.jobs == 1 or build.pending <= 1 else self._workers()
        build.run(executor, capacity=1 if isinstance(executor, _InProcess) else self.jobs + 1)
        self.cache_notes = build.cache.finish()
        return [build.outcomes[index] for index in range(len(tasks))]

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = _worker_context(self._preload)
            if context.get_start_method() == "forkserver":
                _start_server()
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=context, initializer=_start_worker
            )
        return self._pool


def _worker_context(preload: Sequence[str] = ()) -> Any:
    """Return how to start workers: from a server process, where the system has one.

    Forking the main process would copy the workbook it read into every worker; a fork server
    starts each worker from a process that has imported mapgen's light modules and the preload
    ones (the server is started once per process: a later preload changes nothing).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mapgen.build.runner", "mapgen.build.formats", *preload])
    return context


def _start_server() -> None:
    """Start the fork server with Ctrl-C ignored from birth, and so every worker it forks.

    Else a Ctrl-C while it imports the preload modules (the first second of a build) prints its
    traceback, and a worker forked from it takes Ctrl-C until its initializer runs.
    """
    from multiprocessing import forkserver, resource_tracker

    # The tracker shields itself from Ctrl-C, and unblocks it when it is started: start it first.
    resource_tracker.ensure_running()
    with children_ignore_interrupts():
        forkserver.ensure_running()


def _start_worker() -> None:
    # Ctrl-C reaches every process of the group; the main process alone handles it, cleanly.
    # (Ignored from birth under a fork server; this covers the other start methods.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass
class _Join:
    """A joined file waiting for its parts."""

    index: int
    task: Task
    key: str
    waiting: int
    problems: list[tuple[Problem, ...]] = field(init=False)  # each part's, in the parts' order

    def __post_init__(self) -> None:
        self.problems = [()] * len(self.task.parts)


@dataclass(order=True)
class _Job:
    """One piece of work for the executor, ordered by when it should start."""

    rank: tuple[int, float, int]  # (0 join, 1 part, 2 file), -cost, order of planning
    task: Task = field(compare=False)
    key: str = field(compare=False)
    target: Path = field(compare=False)
    index: int | None = field(default=None, compare=False)  # the file's place in the tasks
    join: _Join | None = field(default=None, compare=False)  # the file a part belongs to
    part_no: int = field(default=0, compare=False)
    gathered: tuple[Problem, ...] = field(default=(), compare=False)  # a join's parts' warnings


class _Build:
    """One run: what the cache had, what is left to make, and the outcomes so far."""

    def __init__(self, runner: Runner, theme: Theme, options: Options, folder: Path, on_done: OnDone) -> None:
        self.runner = runner
        self.cache = CacheSession(runner.cache, theme, options, reuse=runner.reuse)
        self.theme = theme
        self.options = options
        self.folder = folder
        self.on_done = on_done
        self.outcomes: dict[int, Done] = {}
        self.ready: list[_Job] = []
        self._order = itertools.count()

    @property
    def pending(self) -> int:
        """Return how many jobs wait to run (parts of joins not counted until they are ready)."""
        return len(self.ready)

    def _key(self, task: Task) -> str:
        return self.cache.key(task)

    def _cached(self, key: str, target: Path, file: str) -> Sealed | None:
        """Return the cache's entry for key and its SHA-256, written to target, or None."""
        hit = self.cache.get(key, file)
        if hit is not None:
            target.write_bytes(hit[0].data)
        return hit

    def add(self, index: int, task: Task) -> None:
        """Take a file: from the cache, or as work to do (its parts first, for a joined file)."""
        key, target = self._key(task), self.folder / task.file
        hit = self._cached(key, target, task.file)
        if hit is not None:
            self._finish(index, Done(task, hit[0].problems, cached=True, sha256=hit[1]))
            for part in task.parts:
                self.on_done(Done(part, (), cached=True, part=True))
            return
        if not task.parts:
            self._push(_Job((2, -task.cost, next(self._order)), task, key, target, index=index))
            return
        join = _Join(index, task, key, waiting=len(task.parts))
        for number, part in enumerate(task.parts):
            part_key, part_target = self._key(part), part_path(self.folder, part.file)
            part_target.parent.mkdir(parents=True, exist_ok=True)
            part_hit = self._cached(part_key, part_target, part.file)
            if part_hit is not None:
                self._part_done(join, number, Done(part, part_hit[0].problems, cached=True, part=True))
            else:
                rank = (1, -part.cost, next(self._order))
                self._push(_Job(rank, part, part_key, part_target, join=join, part_no=number))

    def _push(self, job: _Job) -> None:
        heapq.heappush(self.ready, job)

    def _finish(self, index: int, done: Done) -> None:
        self.outcomes[index] = done
        self.on_done(done)

    def _part_done(self, join: _Join, number: int, done: Done) -> None:
        join.problems[number] = done.problems
        join.waiting -= 1
        self.on_done(done)
        if join.waiting == 0:
            task = join.task
            rank = (0, -task.cost, next(self._order))
            gathered = tuple(p for problems in join.problems for p in problems)
            target = self.folder / task.file
            self._push(_Job(rank, task, join.key, target, index=join.index, gathered=gathered))

    def run(self, executor: Executor, capacity: int) -> None:
        """Run every job, at most capacity at a time, best first; stop at the first failure."""
        running: dict[Future[Made], _Job] = {}
        try:
            while self.ready or running:
                while self.ready and len(running) < capacity:
                    job = heapq.heappop(self.ready)
                    running[self._submit(executor, job)] = job
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    self._record(running.pop(future), future.result())
        except BaseException:
            for future in running:
                future.cancel()
            # Work already started finishes before the caller cleans up the folder it writes to.
            wait(running)
            raise

    def _submit(self, executor: Executor, job: _Job) -> Future[Made]:
        task, cache = job.task, self.cache.writer()
        if not task.parts:
            return executor.submit(execute, task, self.theme, self.options, job.target, cache, job.key)
        paths = [part_path(self.folder, part.file) for part in task.parts]
        # The parts' own tasks stay here: the worker needs their bytes, not their scopes.
        alone = replace(task, parts=())
        return executor.submit(
            execute_join, alone, self.theme, self.options, job.target, paths, job.gathered, cache, job.key
        )

    def _record(self, job: _Job, made: Made) -> None:
        problems, digest, fault = made
        if fault is not None:
            self.cache.fail(fault)
        if job.join is not None:
            self._part_done(job.join, job.part_no, Done(job.task, problems, cached=False, part=True))
        else:
            assert job.index is not None
            self._finish(job.index, Done(job.task, problems, cached=False, sha256=digest))


class _InProcess(Executor):
    """An executor that runs each call at once, in this process (one job, or one task)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run fn now; return a future that holds its result or its exception."""
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed over like a worker's, raised by result()
            future.set_exception(error)
        return future


# What a worker hands back: the file's warnings, its SHA-256, and why the cache could not keep it.
Made = tuple[tuple[Problem, ...], str, str | None]


def execute(task: Task, theme: Theme, options: Options, target: Path, cache: Cache | None, key: str) -> Made:
    """Make one task's file (or part) at target and remember it in the cache; return its warnings."""
    assert task.render is not None, f"{task.file} is joined from parts"
    rendered: Rendered = task.render(task.scope, theme, options)
    return (rendered.problems, *_keep(rendered, target, cache, key))


def execute_join(
    task: Task,
    theme: Theme,
    options: Options,
    target: Path,
    parts: Sequence[Path],
    part_problems: tuple[Problem, ...],
    cache: Cache | None,
    key: str,
) -> Made:
    """Join a file from its parts' bytes at target and remember it; return its and its parts' warnings."""
    assert task.join is not None, f"{task.file} has no join"
    joined = task.join(task.scope, theme, options, [path.read_bytes() for path in parts])
    # A cached file must report its parts' warnings too: they are not looked at again.
    rendered = Rendered(joined.data, tuple(dict.fromkeys((*part_problems, *joined.problems))))
    return (rendered.problems, *_keep(rendered, target, cache, key))


def _keep(rendered: Rendered, target: Path, cache: Cache | None, key: str) -> tuple[str, str | None]:
    """Write a file at target and into the cache; return its SHA-256 and why the cache failed, if it did."""
    target.write_bytes(rendered.data)
    digest, fault = "", None
    if cache is not None:
        try:
            digest = cache.put(key, rendered)
        except CacheFault as error:
            fault = str(error)  # the build goes on; the main process gives the cache up
    # Hashed here, in the worker, the file is not hashed again for the manifest.
    digest = digest or hashlib.sha256(rendered.data).hexdigest()
    _Tidy.after_task()
    return digest, fault


class _Tidy:
    """Give memory back to the system when a process has grown past its budget.

    python-pptx and reportlab leave their trees in reference cycles that only a full collection
    frees, and C libraries (libxml2) keep freed memory in the heap: a worker that made 20 deck parts
    holds 240 MB, of which 80 MB is in use. A full collection costs tens of milliseconds, so it runs
    only when the process is over budget and has grown since the last one, not after every task.
    """

    settled = 0  # resident bytes after the last collection

    @classmethod
    def after_task(cls) -> None:
        """Collect and trim when resident memory is past the budget and has grown since last time."""
        if _resident_bytes() < max(WORKER_MEMORY_BUDGET, cls.settled + MEMORY_GROWTH):
            return
        import gc

        gc.collect()
        _trim_heap()
        cls.settled = _resident_bytes()


def _resident_bytes() -> int:
    """Return this process's resident memory, or 0 where /proc does not tell it."""
    try:
        pages = int(Path("/proc/self/statm").read_bytes().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _trim_heap() -> None:
    """Return the C heap's free pages to the system (glibc's malloc_trim); elsewhere do nothing."""
    import contextlib
    import ctypes

    # Not glibc (macOS, musl, Windows): its allocator manages on its own.
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).malloc_trim(0)  # the symbols already loaded: libc's, on Linux
