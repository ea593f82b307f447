"""The progress bar: one line that fits the terminal, redrawn in place; plain lines off a terminal."""

from __future__ import annotations

import fcntl
import io
import os
import re
import struct
import termios
import threading
from pathlib import Path

import pytest

from mapgen.build.progress import Bar, Lines, Quiet, progress_for
from mapgen.build.runner import Done
from mapgen.build.tasks import Task
from mapgen.model import Journeys

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def outcome(name: str, *, part: bool = False, cached: bool = False) -> Done:
    task = Task("png", name, None, None, Journeys(source="x.xlsx"))
    return Done(task, (), cached, part)


def screen_lines(raw: str) -> list[str]:
    """Return every stretch of text between carriage returns and newlines, escapes removed."""
    return [ANSI.sub("", piece) for piece in re.split(r"[\r\n]", raw)]


class Terminal:
    """A pseudo-terminal of a given width, its output read as it comes (a full buffer would block)."""

    def __init__(self, columns: int) -> None:
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def stream(self) -> io.TextIOWrapper:
        raw = os.fdopen(os.dup(self.slave), "wb", buffering=0)
        return io.TextIOWrapper(raw, encoding="utf-8", write_through=True)

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every copy of the slave end is closed
                return
            if not chunk:
                return
            self.chunks.append(chunk)

    def output(self) -> str:
        """Close the terminal's slave end and return all it was sent."""
        os.close(self.slave)
        self.reader.join(10)
        os.close(self.master)
        return b"".join(self.chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("columns", [50, 200])
def test_the_bar_fits_the_terminal_and_redraws_in_place(columns: int) -> None:
    terminal = Terminal(columns)
    stream = terminal.stream()
    label = "a-workbook-with-a-long-name-for-a-narrow-terminal.xlsx"
    progress = progress_for(quiet=False, stream=stream)
    assert isinstance(progress, Bar)
    progress.start(label, 63)
    for index in range(63):
        progress.done(outcome(f"persona-{index}.png", part=index % 2 == 0))
    progress.finish()
    stream.close()
    raw = terminal.output()
    assert "\n" not in raw, "63 redraws and not one new line"
    drawn = [line for line in screen_lines(raw) if line.strip()]
    assert len(drawn) >= 63
    assert max(len(line) for line in drawn) < columns
    assert any("63/63" in line for line in drawn)


def test_a_terminal_made_narrower_mid_build_still_gets_one_line() -> None:
    widths = iter([200, 200, 120, 60, 40] + [40] * 20)
    stream = io.StringIO()
    bar = Bar(stream, width=lambda: next(widths))
    bar.start("example.xlsx", 10)
    for _ in range(10):
        bar.done(outcome("a.png"))
    bar.finish()
    drawn = [len(piece) for piece in screen_lines(stream.getvalue()) if piece]
    assert "\n" not in stream.getvalue()
    # Each redraw one column short of the width of its moment: 200, 200, 120, 60, then 40.
    assert drawn == [199, 199, 119, 59] + [39] * 8


def test_verbose_prints_each_file_above_the_bar_with_its_time() -> None:
    terminal = Terminal(80)
    stream = terminal.stream()
    bar = Bar(stream, verbose=True)
    bar.start("example.xlsx", 2)
    bar.done(outcome("emma.png", cached=True))
    bar.done(outcome("deck.pptx#part", part=True))
    bar.finish()
    stream.close()
    raw = terminal.output()
    assert re.search(r"example\.xlsx: emma\.png \(cached\) \[\d+\.\d s\]", raw)
    assert "deck.pptx#part" not in raw


def test_off_a_terminal_one_plain_line_per_file() -> None:
    stream = io.StringIO()
    progress = progress_for(quiet=False, stream=stream)
    assert isinstance(progress, Lines)
    progress.start("example.xlsx", 3)
    progress.done(outcome("emma.png"))
    progress.done(outcome("deck.pptx#front", part=True))
    progress.done(outcome("overview.png", cached=True))
    progress.finish()
    assert stream.getvalue() == "example.xlsx: emma.png\nexample.xlsx: overview.png (cached)\n"
    assert isinstance(progress_for(quiet=True, stream=stream), Quiet)


def test_the_real_command_in_a_50_column_terminal_draws_no_stray_lines(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.support.workbooks import add_row_persona, new_book, save

    # Short steps, so the maps summarise nothing and the build prints the bar and its summary only.
    book = new_book()
    for name in ("Ada", "Ben", "Cleo"):
        add_row_persona(book, name, [("Discover", "Reads a review", "Web", "curious", 2, "")])
    workbook = save(book, tmp_path / "example.xlsx")
    terminal = Terminal(50)
    env = {**os.environ, "MAPGEN_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "mapgen", "build", str(workbook), "--format", "png"]
    process = subprocess.run(
        [*command, "--out", str(tmp_path / "out"), "-j", "1"],
        stdin=subprocess.DEVNULL,
        stdout=terminal.slave,
        stderr=terminal.slave,
        env=env,
        timeout=300,
        check=False,
    )
    raw = terminal.output()
    assert process.returncode == 0, raw
    # The bar's redraws stay on one line (\r, never \n): the summary takes that line's place.
    lines = [line for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]
    assert len(lines) == 1, raw
    assert ANSI.sub("", lines[0].split("\r")[-1]).startswith("Wrote 5 files to "), raw
    assert lines[0].count("4/4") == 1, "the bar redraws in place, to 4 of 4"
    assert max(len(piece) for piece in screen_lines(raw[: raw.rfind("Wrote")])) < 50
