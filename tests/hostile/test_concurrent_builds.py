"""Two builds into one folder, and what killed builds leave beside it.

A build holds OUT's lock (an operating-system lock on .OUT.lock beside it) from before it stages
a file until it has cleaned up. A second build waits briefly, then is refused with one line; a
lock whose process was killed is free at once. Staging folders beside OUT that no live build
owns are removed by the next build, never the live one, and never anything else beside OUT.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapgen.build import outlock
from mapgen.build.outlock import OutputLock
from mapgen.build.swap import recover, stale_staging
from mapgen.errors import MapgenError

from . import swapkit
from .swapkit import beside, build, journeys, snapshot, text_format

ROOT = Path(__file__).resolve().parents[2]
ANN = journeys(("Ann", "Sees an ad"))


@pytest.fixture(autouse=True)
def _text_format() -> Iterator[None]:
    with text_format():
        yield


def _until(condition: object, what: str, timeout: float = 60) -> None:
    """Wait until condition() holds (another process got somewhere), failing after timeout."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def _holding(out: Path, go: Path) -> subprocess.Popen[bytes]:
    """Start a build into out that holds it (lock and staging folder) until go exists."""
    command = [sys.executable, swapkit.__file__, "--hold", str(out), str(go)]
    process = subprocess.Popen(command)  # its errors go where pytest captures this process's
    _until(lambda: stale_staging(out) and outlock.lock_path(out).exists(), "the first build to start")
    return process


def test_a_second_build_into_the_same_folder_is_refused_with_one_line(tmp_path: Path) -> None:
    """mapgen build into a folder another process is building into exits 1 naming that process."""
    out, go = tmp_path / "work" / "out", tmp_path / "go"  # go apart from what is beside out
    first = _holding(out, go)
    second = subprocess.run(
        [sys.executable, "-m", "mapgen", "build", str(ROOT / "inputs" / "example.xlsx"), "--out", str(out),
         "--format", "png", "--jobs", "1", "--quiet"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "MAPGEN_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert second.returncode == 1
    assert second.stderr == (
        f"mapgen: another mapgen (process {first.pid}) is building into {out}; "
        "wait for it to finish, or build into another --out\n"
    )
    go.touch()
    assert first.wait(timeout=60) == 0
    assert sorted(snapshot(out) or {}) == ["Ann.txt", "all.txt", "manifest.json"]
    assert beside(out) == []


def test_a_second_build_waits_briefly_for_the_first(tmp_path: Path) -> None:
    """A build started while another finishes waits for it instead of failing."""
    out = tmp_path / "out"
    lock = OutputLock(out)
    assert lock.acquire(0)
    threading.Timer(0.3, lock.release).start()
    started = time.monotonic()
    build(ANN, out)
    assert 0.25 < time.monotonic() - started < outlock.LOCK_WAIT
    assert beside(out) == []


def test_a_lock_left_by_a_killed_build_does_not_block(tmp_path: Path) -> None:
    """SIGKILL in the middle of a build: the next build goes ahead at once and cleans up after it."""
    out, go = tmp_path / "work" / "out", tmp_path / "go"  # go apart from what is beside out
    first = _holding(out, go)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=60)
    assert len(beside(out)) == 2, "its lock file and its staging folder are left"
    started = time.monotonic()
    build(ANN, out)
    assert time.monotonic() - started < outlock.LOCK_WAIT / 2, "no waiting for a dead process"
    assert sorted(snapshot(out) or {}) == ["Ann.txt", "all.txt", "manifest.json"]
    assert beside(out) == []


def test_recovery_leaves_a_live_builds_staging_folder_alone(tmp_path: Path) -> None:
    """Looking into a folder while a build runs there removes nothing of that build's."""
    out, go = tmp_path / "work" / "out", tmp_path / "go"  # go apart from what is beside out
    first = _holding(out, go)
    live = beside(out)
    recover(out)
    assert beside(out) == live
    go.touch()
    assert first.wait(timeout=60) == 0
    assert beside(out) == []


def test_stale_staging_folders_are_removed_and_nothing_else_beside_out(tmp_path: Path) -> None:
    """Folders left by killed builds go; the user's and other outputs' look-alikes stay."""
    out = tmp_path / "out"
    build(ANN, out)
    stale = [tmp_path / ".out.0123abcd.tmp", tmp_path / ".out.k3_mz9qa.tmp"]  # this and older mapgens'
    for folder in stale:
        (folder / "files").mkdir(parents=True)
        (folder / "files" / "Ann.txt").write_bytes(b"half made")
    kept = [
        tmp_path / ".out.x.0123abcd.tmp",  # the staging folder of another output folder, "out.x"
        tmp_path / ".out.notes.tmp",  # the user's
        tmp_path / "out.0123abcd.tmp",
    ]
    for folder in kept:
        (folder / "files").mkdir(parents=True)
    (tmp_path / ".out.fedcba98.tmp").write_bytes(b"a file, not a staging folder")
    kept.append(tmp_path / ".out.fedcba98.tmp")
    build(journeys(("Ann", "Pays")), out)
    assert not any(folder.exists() for folder in stale)
    assert all(path.exists() for path in kept)
    assert sorted(snapshot(out) or {}) == ["Ann.txt", "all.txt", "manifest.json"]


def test_a_stale_staging_folder_linked_elsewhere_is_not_followed(tmp_path: Path) -> None:
    """A link named like a staging folder is not a staging folder: what it points to stays."""
    out = tmp_path / "out"
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_bytes(b"keep")
    (tmp_path / ".out.0123abcd.tmp").symlink_to(precious, target_is_directory=True)
    build(ANN, out)
    assert (precious / "keep.txt").read_bytes() == b"keep"


def test_the_lock_is_refused_with_one_line_when_nothing_can_be_written_beside_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder where the lock file cannot be made (read-only, full) gives one line, not a traceback."""
    out = tmp_path / "out"
    real_open = os.open

    def refusing(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(outlock.os, "open", refusing)
    with pytest.raises(MapgenError, match=r"cannot write beside .*out \(Permission denied\)"):
        build(ANN, out)
    assert not out.exists()
