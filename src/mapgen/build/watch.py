"""Rebuild a workbook whenever it is saved, until told to stop.

The workbook's size and modification time are polled: one file needs no watcher library, and
polling works the same on every system and network drive. A save is built once it has been
quiet for the debounce time; Excel writes a workbook in several steps, and a file caught half
saved or locked is tried again a few times before its error is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from mapgen.errors import MapgenError

Signature = tuple[int, int] | None
RETRIES = 3


def signature(path: Path) -> Signature:
    """Return what changes when a file is saved: its modification time and size (None: gone)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def watch(
    path: Path,
    build: Callable[[], object],
    on_error: Callable[[MapgenError | OSError], None],
    *,
    debounce: float = 0.5,
    poll: float = 0.2,
    stop: threading.Event | None = None,
) -> int:
    """Build now and after every save of path until stop is set; return the number of builds run.

    build raises MapgenError (a workbook with errors) or OSError (locked, half saved); those are
    handed to on_error and watching goes on.
    """
    stop = stop or threading.Event()
    builds = 0
    seen = signature(path)
    while not stop.is_set():
        builds += 1
        _build_with_retries(build, on_error, debounce, stop)
        seen = _wait_for_save(path, seen, debounce, poll, stop)
    return builds


def _wait_for_save(
    path: Path, seen: Signature, debounce: float, poll: float, stop: threading.Event
) -> Signature:
    """Wait until path has changed and then stayed the same for debounce seconds."""
    while not stop.wait(poll):
        current = signature(path)
        if current == seen or current is None:
            continue
        # Saved: wait until the writing is over.
        while not stop.wait(debounce):
            settled = signature(path)
            if settled == current:
                return settled
            current = settled
    return seen


def _build_with_retries(
    build: Callable[[], object],
    on_error: Callable[[MapgenError | OSError], None],
    debounce: float,
    stop: threading.Event,
) -> None:
    for attempt in range(RETRIES + 1):
        try:
            build()
            return
        except (MapgenError, OSError) as error:
            if _is_about_contents(error) or attempt == RETRIES:
                on_error(error)
                return
            # Unreadable: perhaps still being written, or locked by Excel. Try again shortly.
            if stop.wait(debounce):
                return


def _is_about_contents(error: MapgenError | OSError) -> bool:
    """Return True when an error names a sheet or cell: the workbook was read, and is wrong."""
    problems = error.problems if isinstance(error, MapgenError) else ()
    return any(p.sheet or p.cell for p in problems)
