"""Rebuild a workbook whenever it or any other input of its build is saved, until told to stop.

The inputs are the workbook, the project file, the theme file and those it extends, its logo and
font files, the deck template and the photos the workbook names (build/inputs.py); the set is
asked for again after every build, since an edit may name other files. Their sizes and
modification times are polled: a few files need no watcher library, and polling works the same
on every system and network drive. A save is built once it has been
quiet for the debounce time; Excel writes a workbook in several steps, and a file caught half
saved or locked is tried again a few times before its error is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from mapgen.errors import MapgenError

Signature = tuple[int, int] | None
Snapshot = tuple[tuple[Path, Signature], ...]
RETRIES = 3


def signature(path: Path) -> Signature:
    """Return what changes when a file is saved: its modification time and size (None: gone)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Return the signature of every file watched, in order."""
    return tuple((path, signature(path)) for path in paths)


def watch(
    path: Path,
    build: Callable[[], object],
    on_error: Callable[[MapgenError | OSError], None],
    *,
    inputs: Callable[[], Iterable[Path]] | None = None,
    debounce: float = 0.5,
    poll: float = 0.2,
    stop: threading.Event | None = None,
) -> int:
    """Build now and after every save of path (or of inputs()) until stop is set; return the builds run.

    build raises MapgenError (a workbook with errors) or OSError (locked, half saved); those are
    handed to on_error and watching goes on. inputs, asked after each build, names the other
    files the build read.
    """
    stop = stop or threading.Event()
    builds = 0

    def watched() -> list[Path]:
        extra = [] if inputs is None else list(inputs())
        return list(dict.fromkeys([path, *extra]))

    while not stop.is_set():
        seen = snapshot(watched())
        builds += 1
        _build_with_retries(build, on_error, debounce, stop)
        # Files saved during the build count: the snapshot was taken before it started.
        _wait_for_save(watched(), seen, debounce, poll, stop)
    return builds


def _wait_for_save(
    paths: list[Path], seen: Snapshot, debounce: float, poll: float, stop: threading.Event
) -> None:
    """Wait until a file has changed and then every file stayed the same for debounce seconds."""
    before = dict(seen)
    # A file named since the last snapshot (a new photo) counts as seen as it is now.
    baseline = tuple((p, before[p] if p in before else signature(p)) for p in paths)
    first = paths[0]
    while not stop.wait(poll):
        current = snapshot(paths)
        # The workbook missing is a save in progress (Excel replaces the file): wait for it.
        if current == baseline or signature(first) is None:
            continue
        # Saved: wait until the writing is over.
        while not stop.wait(debounce):
            settled = snapshot(paths)
            if settled == current:
                return
            current = settled


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
