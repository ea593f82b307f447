"""`mapgen watch` rebuilds when any input of the build changes, not only the workbook."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mapgen.build.batch import Request, build_workbook
from mapgen.build.inputs import photo_paths

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
TIMEOUT = 120.0


class Watching:
    """mapgen watch in a subprocess, its output lines read as they come."""

    def __init__(self, *args: str | Path, env: dict[str, str]) -> None:
        command = [sys.executable, "-m", "mapgen", "watch", *map(str, args)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, start: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r}; saw {self.seen}")

    def stop(self) -> list[str]:
        """Press Ctrl-C; return the lines printed since the last one waited for."""
        self.process.send_signal(signal.SIGINT)
        self.process.wait(TIMEOUT)
        self.reader.join(TIMEOUT)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return [self.lines.get() for _ in range(self.lines.qsize())]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "MAPGEN_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}


def test_a_theme_change_rebuilds(tmp_path: Path, env: dict[str, str]) -> None:
    book = tmp_path / "example.xlsx"
    shutil.copy(INPUTS / "example.xlsx", book)
    base = tmp_path / "base.toml"
    base.write_text('extends = "default"\n[colours]\nprimary = "#1f4e79"\n')
    theme = tmp_path / "brand.toml"
    theme.write_text('extends = "base.toml"\n')
    out = tmp_path / "out"
    watching = Watching(
        book, "--theme", theme, "--format", "png", "--out", out, "-j", "1", "--debounce", "0.1", env=env
    )
    try:
        assert watching.wait_for("Wrote ").startswith(f"Wrote 5 files to {out}")
        before = (out / "emma-hughes.png").read_bytes()
        # A file the theme extends is an input too.
        time.sleep(0.05)
        base.write_text('extends = "default"\n[colours]\nprimary = "#7a1f1f"\n')
        assert "made anew" in watching.wait_for("Wrote ")
        assert (out / "emma-hughes.png").read_bytes() != before
        # The project file beside the workbook, added while watching, is read on the next build.
        (tmp_path / "mapgen.toml").write_text('size = "a4"\n')
        assert watching.wait_for("Wrote ").startswith("Wrote ")
    finally:
        rest = watching.stop()
    assert rest[-1:] == ["Stopped watching."]


def test_the_files_a_build_reads_are_named_for_watch(tmp_path: Path) -> None:
    book = tmp_path / "example.xlsx"
    shutil.copy(INPUTS / "example.xlsx", book)
    theme = tmp_path / "brand.toml"
    theme.write_text('extends = "default"\n')
    read: list[Path] = []
    build_workbook(book, tmp_path / "out", Request(theme=str(theme), formats=["png"]), inputs=read)
    assert book in read and theme.resolve() in [p.resolve() for p in read]


def test_photo_fields_are_found(tmp_path: Path) -> None:
    import openpyxl

    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "emma.jpg").write_bytes(b"jpeg")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Emma"])
    sheet.append(["Photo", "photos/emma.jpg"])
    sheet.append(["Photo: ../outside.jpg"])
    book.save(tmp_path / "book.xlsx")
    assert photo_paths(tmp_path / "book.xlsx") == [(tmp_path / "photos" / "emma.jpg").resolve()]
