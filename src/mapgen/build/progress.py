"""How a build shows its progress: a bar on a terminal, plain lines in a log, nothing when quiet."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from mapgen.build.runner import Done


class Progress(Protocol):
    """Told when a workbook's build starts, when each file is done and when the build ends."""

    def start(self, label: str, total: int) -> None:
        """Begin a build of total files."""

    def done(self, outcome: Done) -> None:
        """Count one finished file or part of one."""

    def finish(self) -> None:
        """End the build's progress display."""


class Quiet:
    """Shows nothing."""

    def start(self, label: str, total: int) -> None:
        """Show nothing."""

    def done(self, outcome: Done) -> None:
        """Show nothing."""

    def finish(self) -> None:
        """Show nothing."""


class Lines:
    """One line per finished file, for logs and CI; with verbose, the seconds since the start."""

    def __init__(self, stream: TextIO, *, verbose: bool = False) -> None:
        self.stream = stream
        self.verbose = verbose
        self.label = ""
        self.started = 0.0

    def start(self, label: str, total: int) -> None:
        """Remember which workbook the lines are about."""
        self.label = label
        self.started = time.perf_counter()

    def done(self, outcome: Done) -> None:
        """Print the file just finished (a file's parts get no line of their own)."""
        if outcome.part:
            return
        print(_file_line(self.label, outcome, self.started, self.verbose), file=self.stream, flush=True)

    def finish(self) -> None:
        """Print nothing more: every file had its line."""


class Bar:
    """One line redrawn in place on a terminal, as wide as the terminal is at each redraw.

    tqdm draws it: a small library with no dependencies of its own that imports in a few
    milliseconds (rich draws finer bars, but brings pygments and markdown-it and takes ten times
    as long to import, for a single line). The width is read from the terminal before every redraw,
    so a window made narrower mid-build still gets one line; with verbose, each file finished is
    printed above the bar.
    """

    def __init__(
        self, stream: TextIO, *, verbose: bool = False, width: Callable[[], int] | None = None
    ) -> None:
        self.stream = stream
        self.verbose = verbose
        self.width = width or (lambda: terminal_width(stream))
        self.label = ""
        self.started = 0.0
        self._bar: Any = None
        self._columns = 0

    def start(self, label: str, total: int) -> None:
        """Draw an empty bar."""
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: the bar is redrawn as files finish
        self.label, self.started = label, time.perf_counter()
        self._columns = self._ncols()
        self._bar = tqdm(
            total=total,
            desc=_shorten(label, self._columns // 3),
            file=self.stream,
            ncols=self._columns,
            leave=False,
            mininterval=0,
            bar_format="{desc} {bar} {n_fmt}/{total_fmt} {elapsed}",
            ascii=not _can_encode(self.stream, "█"),
        )

    def done(self, outcome: Done) -> None:
        """Fill the bar by one file (or part), at the terminal's width of the moment."""
        if self._bar is None:
            return
        columns = self._ncols()
        if columns != self._columns:
            # Narrower or wider: start the line afresh, so the padding tqdm keeps for the last
            # width does not wrap onto a second line.
            self.stream.write("\r\x1b[2K")
            self._bar.sp = self._bar.status_printer(self.stream)
            self._bar.ncols = self._columns = columns
            self._bar.desc = _shorten(self.label, columns // 3)
        if self.verbose and not outcome.part:
            self._bar.write(_file_line(self.label, outcome, self.started, True), file=self.stream)
        self._bar.update(1)

    def finish(self) -> None:
        """Clear the bar's line, so the summary takes its place."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        self.stream.write("\r\x1b[2K")
        self.stream.flush()

    def _ncols(self) -> int:
        # One column short of the width: a line that fills the last column makes some terminals
        # wrap the cursor to a new line.
        return max(10, self.width() - 1)


def terminal_width(stream: TextIO) -> int:
    """Return the width of the terminal stream writes to (80 when it cannot be told)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size().columns


def progress_for(*, quiet: bool, verbose: bool = False, stream: TextIO | None = None) -> Progress:
    """Return the progress display that suits where the output goes: a bar only on a terminal."""
    stream = stream or sys.stderr
    if quiet:
        return Quiet()
    is_tty = getattr(stream, "isatty", lambda: False)()
    return (
        Bar(stream, verbose=verbose)
        if is_tty and os.environ.get("TERM") != "dumb"
        else Lines(stream, verbose=verbose)
    )


def _file_line(label: str, outcome: Done, started: float, verbose: bool) -> str:
    how = " (cached)" if outcome.cached else ""
    when = f" [{time.perf_counter() - started:.1f} s]" if verbose else ""
    return f"{label}: {outcome.task.file}{how}{when}"


def _shorten(text: str, limit: int) -> str:
    limit = max(limit, 4)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
