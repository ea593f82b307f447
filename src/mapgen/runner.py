"""Run a build's tasks: from the cache, in this process, or side by side in worker processes."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from mapgen.cache import Cache, theme_fingerprint
from mapgen.model import Problem
from mapgen.tasks import Options, Rendered, Task

if TYPE_CHECKING:
    from mapgen.themes import Theme


@dataclass(frozen=True)
class Done:
    """A task's outcome: its warnings, and whether the cache had the file."""

    task: Task
    problems: tuple[Problem, ...]
    cached: bool


OnDone = Callable[[Done], None]


def default_jobs() -> int:
    """Return the number of processes to use by default: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Runner:
    """Runs tasks, reusing its worker processes from build to build (a folder, a watch)."""

    def __init__(self, jobs: int | None = None, cache: Cache | None = None, *, reuse: bool = True) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.cache = cache
        self.reuse = reuse  # False (--force): make every file again, and refresh the cache
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(cancel=kind is not None)

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
        """Write every task's file into folder; return the outcomes in the tasks' order."""
        on_done = on_done or (lambda _done: None)
        theme_hash = theme_fingerprint(theme) if self.cache else ""
        outcomes: dict[int, Done] = {}
        pending: list[tuple[int, str]] = []
        for index, task in enumerate(tasks):
            key = self.cache.key(task, theme_hash, options) if self.cache else ""
            hit = self.cache.get(key) if self.cache and self.reuse else None
            if hit is not None:
                (folder / task.file).write_bytes(hit.data)
                outcomes[index] = Done(task, hit.problems, cached=True)
                on_done(outcomes[index])
            else:
                pending.append((index, key))
        # The costliest work starts first, so the last task to finish is a short one.
        pending.sort(key=lambda item: -tasks[item[0]].cost)
        if self.jobs == 1 or len(pending) <= 1:
            for index, key in pending:
                problems = execute(tasks[index], theme, options, folder / tasks[index].file, self.cache, key)
                outcomes[index] = Done(tasks[index], problems, cached=False)
                on_done(outcomes[index])
        else:
            self._run_in_workers(tasks, pending, theme, options, folder, outcomes, on_done)
        return [outcomes[index] for index in range(len(tasks))]

    def _run_in_workers(
        self,
        tasks: Sequence[Task],
        pending: list[tuple[int, str]],
        theme: Theme,
        options: Options,
        folder: Path,
        outcomes: dict[int, Done],
        on_done: OnDone,
    ) -> None:
        pool = self._workers()
        futures: dict[Future[tuple[Problem, ...]], int] = {
            pool.submit(
                execute, tasks[index], theme, options, folder / tasks[index].file, self.cache, key
            ): index
            for index, key in pending
        }
        from concurrent.futures import FIRST_EXCEPTION, wait

        not_done: set[Future[tuple[Problem, ...]]] = set(futures)
        try:
            while not_done:
                finished, not_done = wait(not_done, return_when=FIRST_EXCEPTION)
                for future in finished:
                    index = futures[future]
                    outcomes[index] = Done(tasks[index], future.result(), cached=False)
                    on_done(outcomes[index])
        except BaseException:
            for future in not_done:
                future.cancel()
            raise

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_ignore_interrupts)
        return self._pool


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the group; the main process alone handles it, cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def execute(
    task: Task, theme: Theme, options: Options, target: Path, cache: Cache | None, key: str
) -> tuple[Problem, ...]:
    """Make one task's file at target and remember it in the cache; return its warnings."""
    rendered: Rendered = task.render(task.scope, theme, options)
    target.write_bytes(rendered.data)
    if cache is not None:
        cache.put(key, rendered)
    return rendered.problems
