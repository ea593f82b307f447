"""What the hostile tests of the output folder share: a fast text format, scenarios, fault seams.

Run as a script, it is the process a test kills: it builds one scenario into a folder and ends
itself (os._exit, no clean-up at all) at the k-th file operation of the build; or it builds into
a folder and waits, holding it, until a file GO exists (a build that is still running):

    python swapkit.py SCENARIO OUT K
    python swapkit.py --hold OUT GO
"""

from __future__ import annotations

import errno
import functools
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mapgen.build import fileops, formats
from mapgen.build.pipeline import BuildResult, build_outputs
from mapgen.build.tasks import Options, Rendered, Task
from mapgen.model import Journeys, Persona, Stage, Step

KILLED = 86  # the exit status of a process ended by Dying
Snapshot = dict[str, object] | None  # a folder's files and their bytes; None: no folder


@dataclass(frozen=True)
class Look:
    """A stand-in theme: the text format never looks at it, and the manifest names it."""

    name: str = "hostile"


def journeys(*people: tuple[str, str]) -> Journeys:
    """Return a model with one persona per (name, action)."""
    return Journeys(
        source="shop.xlsx",
        stages=(Stage("Purchase"),),
        personas=tuple(Persona(n, n, steps=(Step("Purchase", action=a, cell="A5"),)) for n, a in people),
    )


def render_persona(scope: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write a persona's name and action, or fail the way a full disk does for "Explodes"."""
    (persona,) = scope.personas
    if persona.name == "Explodes":
        raise OSError(errno.ENOSPC, "disk full")
    return Rendered(f"{persona.name}: {persona.steps[0].action}\n".encode())


def render_summary(scope: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write the list of personas."""
    return Rendered(", ".join(p.name for p in scope.personas).encode())


def plan_txt(model: Journeys, _options: Options) -> list[Task]:
    """Make a file per persona and a summary, the way the PNG format does, in microseconds."""
    files = [
        Task("txt", f"{p.sheet}.txt", p.name, render_persona, Journeys(source=model.source, personas=(p,)))
        for p in model.personas
    ]
    return [*files, Task("txt", "all.txt", None, render_summary, model)]


@contextmanager
def text_format() -> Iterator[None]:
    """Make "txt" the only format while the block runs."""
    saved = dict(formats.FORMATS)
    formats.FORMATS.clear()
    formats.FORMATS["txt"] = plan_txt
    try:
        yield
    finally:
        formats.FORMATS.clear()
        formats.FORMATS.update(saved)


def build(model: Journeys, out: Path, **options: Any) -> BuildResult:
    """Build a model's text files into out, in this process (the "txt" format must be active)."""
    return build_outputs(model, formats=["txt"], theme=Look(), out=out, **options)  # type: ignore[arg-type]


# Each scenario: what OUT holds before (the user's files, then a previous build) and the build.
SCENARIOS: dict[str, tuple[dict[str, bytes] | None, Journeys | None, Journeys]] = {
    "first build": (None, None, journeys(("Ann", "Sees an ad"), ("Bob", "Pays"))),
    "first build beside the user's files": (
        {"notes.txt": b"mine", "brief.pdf": b"%PDF-1.7 theirs"},
        None,
        journeys(("Ann", "Sees an ad"), ("Bob", "Pays")),
    ),
    "rebuild with changed files": (
        {"notes.txt": b"mine"},
        journeys(("Ann", "Sees an ad"), ("Bob", "Pays")),
        journeys(("Ann", "Sees an ad"), ("Bob", "Pays twice")),
    ),
    "persona removed": (
        {"notes.txt": b"mine"},
        journeys(("Ann", "Sees an ad"), ("Bob", "Pays"), ("Cat", "Leaves")),
        journeys(("Ann", "Sees an ad"), ("Cat", "Leaves")),
    ),
}


def prepare(scenario: str, out: Path) -> None:
    """Put into out what it holds before the scenario's build."""
    user, previous, _new = SCENARIOS[scenario]
    if user is not None:
        out.mkdir(parents=True)
        for name, data in user.items():
            (out / name).write_bytes(data)
    if previous is not None:
        with text_format():
            build(previous, out)


def snapshot(out: Path) -> Snapshot:
    """Return what out holds: each file's bytes, each link's target, each folder's snapshot.

    None when out does not exist.
    """
    if not out.exists():
        return None
    return {p.name: _content(p) for p in sorted(out.iterdir())}


def _content(path: Path) -> object:
    if path.is_symlink():
        return ("link", str(path.readlink()))
    if path.is_dir():
        return snapshot(path)
    if not path.is_file():
        return ("special file", path.stat().st_mode)
    return path.read_bytes()


def beside(out: Path) -> list[str]:
    """Return what is in out's parent folder besides out: staging folders, locks, journals."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


class Counting(fileops.FileOps):
    """Counts the file operations of a build and remembers each one's name and file."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def before(self, op: str, path: Path) -> None:
        """Count one operation."""
        self.seen.append((op, path.name))


class Failing(fileops.FileOps):
    """Raises EIO at the k-th file operation (and, with lasting, at every one after it).

    A write that fails leaves half its bytes behind, as a full disk does.
    """

    def __init__(self, k: int, *, lasting: bool = False) -> None:
        self.k, self.lasting, self.count = k, lasting, 0

    def before(self, op: str, path: Path) -> None:
        """Fail at the k-th operation (and after it, when lasting)."""
        n, self.count = self.count, self.count + 1
        if n == self.k or (self.lasting and n > self.k):
            raise OSError(errno.EIO, f"injected fault at operation {n} ({op})", str(path))

    def write(self, path: Path, data: bytes) -> None:
        """Write, or write half and fail."""
        if self.count == self.k or (self.lasting and self.count > self.k):
            path.write_bytes(data[: len(data) // 2])
        super().write(path, data)


class Dying(fileops.FileOps):
    """Ends the process at the k-th file operation, as a kill or a power cut would.

    A write cut short leaves half its bytes behind.
    """

    def __init__(self, k: int) -> None:
        self.k, self.count = k, 0

    def before(self, op: str, path: Path) -> None:
        """End the process at the k-th operation."""
        if self.count == self.k:
            os._exit(KILLED)
        self.count += 1

    def write(self, path: Path, data: bytes) -> None:
        """Write, or write half and end the process."""
        if self.count == self.k:
            path.write_bytes(data[: len(data) // 2])
            os._exit(KILLED)
        super().write(path, data)


@contextmanager
def ops(seam: fileops.FileOps) -> Iterator[None]:
    """Route the swap's file operations through seam while the block runs."""
    saved = fileops.file_ops
    fileops.file_ops = seam
    try:
        yield
    finally:
        fileops.file_ops = saved


def render_when(go: str, scope: Journeys, theme: object, options: Options) -> Rendered:
    """Write a persona's file once the file go exists: a build that takes as long as a test likes."""
    while not Path(go).exists():
        time.sleep(0.01)
    return render_persona(scope, theme, options)


def hold(out: str, go: str) -> None:
    """Build into out, its staging folder and lock held until the file go exists."""
    with text_format():
        formats.FORMATS["txt"] = lambda model, options: [
            replace(task, render=functools.partial(render_when, go)) if task.persona else task
            for task in plan_txt(model, options)
        ]
        build(journeys(("Ann", "Waits")), Path(out))


def main(scenario: str, out: str, k: str) -> None:
    """Build a scenario into out and end the process at operation k."""
    if scenario == "--hold":
        hold(out, k)
        return
    _user, _previous, new = SCENARIOS[scenario]
    fileops.file_ops = Dying(int(k))
    with text_format():
        build(new, Path(out))
    sys.exit(0)  # k was past the last operation


if __name__ == "__main__":
    main(*sys.argv[1:])
