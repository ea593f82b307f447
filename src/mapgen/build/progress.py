"""How a build shows its progress: a bar on a terminal, plain lines in a log, nothing when quiet."""

from __future__ import annotations

import sys
from typing import Protocol, TextIO

from mapgen.build.runner import Done

_BAR_WIDTH = 24


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
    """One line per finished file, for logs and CI."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.label = ""

    def start(self, label: str, total: int) -> None:
        """Remember which workbook the lines are about."""
        self.label = label

    def done(self, outcome: Done) -> None:
        """Print the file just finished (a file's parts get no line of their own)."""
        if outcome.part:
            return
        how = " (cached)" if outcome.cached else ""
        print(f"{self.label}: {outcome.task.file}{how}", file=self.stream, flush=True)

    def finish(self) -> None:
        """Print nothing more: every file had its line."""


class Bar:
    """A bar redrawn in place on a terminal: files (and parts of files) done out of all to make."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.label = ""
        self.total = 0
        self.count = 0

    def start(self, label: str, total: int) -> None:
        """Draw an empty bar."""
        self.label, self.total, self.count = label, total, 0
        self._draw()

    def done(self, outcome: Done) -> None:
        """Fill the bar by one file."""
        self.count += 1
        self._draw()

    def finish(self) -> None:
        """Clear the bar's line, so the summary takes its place."""
        self.stream.write("\r\x1b[2K")
        self.stream.flush()

    def _draw(self) -> None:
        filled = _BAR_WIDTH * self.count // max(self.total, 1)
        bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
        self.stream.write(f"\r\x1b[2K{self.label} [{bar}] {self.count}/{self.total}")
        self.stream.flush()


def progress_for(*, quiet: bool, stream: TextIO | None = None) -> Progress:
    """Return the progress display that suits where the output goes."""
    stream = stream or sys.stderr
    if quiet:
        return Quiet()
    return Bar(stream) if stream.isatty() else Lines(stream)
