"""Ctrl-C at any moment of `mapgen build`: "Interrupted." and nothing else, exit 130, OUT old or new.

A terminal's Ctrl-C goes to every process of the group: mapgen, its fork server, its workers.
These tests send SIGINT to the whole group of a real build (its own session) at moments that
matter: while it starts, as soon as its worker pool starts (the fork server importing the
painting libraries, where it used to print its own traceback), and mid-build, as soon as the
first file is staged.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mapgen.build.swap import stale_staging

from .swapkit import snapshot

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to see workers")

ROOT = Path(__file__).resolve().parents[2]
WORKBOOK = ROOT / "inputs" / "example.xlsx"


def _mapgen(out: Path, cache: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "mapgen", "build", str(WORKBOOK), "--out", str(out), "--quiet", *options]


def _environment(cache: Path) -> dict[str, str]:
    return {**os.environ, "MAPGEN_CACHE_DIR": str(cache), "MAPGEN_NO_SYSTEM_FONTS": "1"}


@pytest.fixture(scope="module")
def old_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding an earlier build (PNGs only) and the user's notes."""
    folder = tmp_path_factory.mktemp("old") / "out"
    cache = folder.parent / "cache"
    command = _mapgen(folder, cache, "--format", "png", "--jobs", "1")
    subprocess.run(command, env=_environment(cache), check=True, timeout=300)
    (folder / "notes.txt").write_bytes(b"the user's notes")
    shutil.rmtree(cache)
    return folder


def _has_child(pid: int) -> bool:
    """Return True once the process has started another (its worker pool's first process)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            return True
    return False


def _cpu_seconds(pid: int) -> float:
    """Return the processor time a process has used so far (user and system), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _is_new_build(out: Path) -> bool:
    """Return True when out holds exactly a whole build, as its manifest lists it, and the notes."""
    manifest = json.loads((out / "manifest.json").read_bytes())
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    files = {p.name for p in out.iterdir()}
    return files == {*listed, "manifest.json", "notes.txt"} and all(
        hashlib.sha256((out / name).read_bytes()).hexdigest() == digest for name, digest in listed.items()
    )


MOMENTS: dict[str, Callable[[subprocess.Popen[bytes], Path], bool]] = {
    # CPU time, not wall time: on a loaded machine a third of a second may pass before the
    # interpreter has even installed its handler for Ctrl-C, which nothing can catch earlier.
    "a third of a second in": lambda process, _out: _cpu_seconds(process.pid) > 0.33,
    "as the worker pool starts": lambda process, _out: _has_child(process.pid),
    "mid-build, once a file is staged": lambda _process, out: any(
        any((folder / "files").glob("*.png")) for folder in stale_staging(out)
    ),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_ctrl_c_prints_one_line_and_leaves_the_folder_old_or_new(
    moment: str, old_build: Path, tmp_path: Path
) -> None:
    """Ctrl-C to the build's process group at a moment: stderr is exactly "Interrupted.", exit 130."""
    out = tmp_path / "out"
    shutil.copytree(old_build, out)
    before = snapshot(out)
    cache = tmp_path / "cache"
    process = subprocess.Popen(
        _mapgen(out, cache, "--jobs", "2", "--force"),
        env=_environment(cache),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal gives a command
    )
    process.started = time.monotonic()  # type: ignore[attr-defined]
    try:
        deadline = time.monotonic() + 120
        while not MOMENTS[moment](process, out):
            assert process.poll() is None, "the build ended before the moment came"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert (process.returncode, stderr.decode(), stdout.decode()) == (130, "Interrupted.\n", "")
    assert snapshot(out) == before or _is_new_build(out)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["out"], "nothing beside out"
    _until_alone(process.pid)


def _until_alone(pid: int) -> None:
    """Wait for the build's fork server and workers to be gone: none outlives an interrupted build."""
    deadline = time.monotonic() + 60
    while _group_alive(pid):
        assert time.monotonic() < deadline, "a worker outlived the interrupted build"
        time.sleep(0.05)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_ctrl_c_python_cannot_raise_is_remembered_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """A Ctrl-C landing in a weak reference's callback (as in importlib's locks) is noted quietly.

    Python cannot raise it there and would print "Exception ignored"; mapgen remembers it and
    exits 130 at the end instead (mapgen.__main__.run).
    """
    import weakref

    from mapgen import __main__ as entry

    class Thing:
        pass

    def callback(_ref: object) -> None:
        raise KeyboardInterrupt

    saved = sys.unraisablehook
    swallowed: list[bool] = []
    try:
        entry._hear_swallowed_interrupts(swallowed)
        thing = Thing()
        ref = weakref.ref(thing, callback)
        del thing
        assert ref() is None
    finally:
        sys.unraisablehook = saved
    assert swallowed == [True]
    assert capsys.readouterr().err == ""
