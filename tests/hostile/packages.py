"""Make hostile workbooks in the tests: a valid one from openpyxl, then its parts patched by hand."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support.workbooks import add_row_persona, new_book, save

STEP = ("Awareness", "Looks", "Web", "curious", 1, "")
SHEET = "xl/worksheets/sheet1.xml"
MB = 1024 * 1024

Patch = bytes | Callable[[bytes], bytes] | None  # new bytes, a rewrite of the old, or None to delete


def persona_book(path: Path, steps: Sequence[Sequence[object]] = (STEP,), **kwargs: object) -> Path:
    """Save a one-persona workbook (sheet "P") and return its path."""
    book = new_book()
    add_row_persona(book, "P", steps, **kwargs)  # type: ignore[arg-type]
    return save(book, path)


def patch(path: Path, parts: dict[str, Patch], streams: Iterable[tuple[str, Iterable[bytes]]] = ()) -> Path:
    """Rewrite a package: replace, rewrite or delete parts, add parts, and stream big parts in chunks."""
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    for name, change in parts.items():
        if change is None:
            members.pop(name, None)
        elif callable(change):
            members[name] = change(members[name])
        else:
            members[name] = change
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as new:
        for name, data in members.items():
            new.writestr(name, data)
        for name, chunks in streams:
            with new.open(name, "w", force_zip64=True) as stream:
                for chunk in chunks:
                    stream.write(chunk)
    return path


def before(tag: str, insert: str) -> Callable[[bytes], bytes]:
    """Return a rewrite that puts insert just before the first closing or empty tag named tag."""

    def rewrite(data: bytes) -> bytes:
        text = data.decode("utf-8")
        match = re.search(rf"</{tag}>|<{tag}\s*/>", text)
        assert match, f"no {tag} in the part"
        return (text[: match.start()] + insert + text[match.start() :]).encode("utf-8")

    return rewrite


def after(tag: str, insert: str) -> Callable[[bytes], bytes]:
    """Return a rewrite that puts insert just after the first closing tag named tag."""

    def rewrite(data: bytes) -> bytes:
        text = data.decode("utf-8")
        end = text.index(f"</{tag}>") + len(f"</{tag}>")
        return (text[:end] + insert + text[end:]).encode("utf-8")

    return rewrite


@dataclass(frozen=True)
class Run:
    """What one mapgen command did: its exit code, output, peak memory and time."""

    code: int
    out: str
    err: str
    peak_mb: float
    seconds: float

    @property
    def lines(self) -> list[str]:
        """Return the non-blank lines of stderr."""
        return [line for line in self.err.splitlines() if line.strip()]


# Runs the command line in a child and reports its peak resident memory (VmHWM) as it exits.
_CHILD = """
import atexit, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("\\nPEAK_KB " + line.split()[1] + "\\n")
atexit.register(_peak)
from mapgen.cli import main
main(sys.argv[1:], prog_name="mapgen")
"""


def mapgen(*args: str | Path, timeout: float = 120) -> Run:
    """Run the mapgen command line in a fresh process; return what it did."""
    with tempfile.TemporaryDirectory() as cache:  # never the user's cache: each run starts cold
        env = {**os.environ, "MAPGEN_NO_SYSTEM_FONTS": "1", "MAPGEN_CACHE_DIR": cache}
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    seconds = time.monotonic() - start
    err, _, peak = done.stderr.rpartition("PEAK_KB ")
    return Run(done.returncode, done.stdout, err, int(peak.split()[0]) / 1024 if peak else 0.0, seconds)


def assert_refused(run: Run, *expected: str) -> None:
    """Assert a clean refusal: exit 1, one line per problem, each expected text on some line."""
    assert run.code == 1, run.err
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    for text in expected:
        assert any(text in line for line in run.lines), f"{text!r} not in:\n{run.err}"


_STRINGS = "xl/sharedStrings.xml"
_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def share(path: Path, ref: str, chunks: Iterable[bytes], sheet: str = SHEET) -> Path:
    """Make the inline string at ref a shared string whose text is chunks, as Excel writes them."""

    def cell(data: bytes) -> bytes:
        text = data.decode("utf-8")
        new, count = re.subn(rf'<c r="{ref}" t="inlineStr">.*?</c>', f'<c r="{ref}" t="s"><v>0</v></c>', text)
        assert count == 1, f"no inline string at {ref}"
        return new.encode("utf-8")

    def strings() -> Iterator[bytes]:
        yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        yield from chunks
        yield b"</t></si></sst>"

    override = f'<Override PartName="/{_STRINGS}" ContentType="{_STRINGS_TYPE}"/>'
    return patch(
        path, {sheet: cell, "[Content_Types].xml": before("Types", override)}, [(_STRINGS, strings())]
    )
