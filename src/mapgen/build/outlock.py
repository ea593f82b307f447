"""One build at a time into an output folder: an operating-system lock on a file beside it.

The lock is the system's own (flock on POSIX, msvcrt on Windows) on ".OUT.lock" beside OUT, so
it dies with its process: a build killed halfway never blocks the next one. The file is removed
on release, so that nothing is left beside OUT. A process may have opened the file just before
its removal and lock it afterwards; a lock counts only while the file at the path is the one
locked, else it is taken again on the file now there.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from mapgen.errors import MapgenError

__all__ = ["LOCK_WAIT", "OutputLock", "lock_path"]

LOCK_WAIT = 2.0  # seconds a second build waits for the first before it is refused
_POLL = 0.05


def lock_path(out: Path) -> Path:
    """Return the lock file of an output folder: beside it, hidden."""
    return out.parent / f".{out.name}.lock"


class OutputLock:
    """Held while a build stages and swaps files into out; refuses a second build with one line."""

    def __init__(self, out: Path, wait: float = LOCK_WAIT) -> None:
        self.out = out
        self.path = lock_path(out)
        self.wait = wait
        self._fd: int | None = None

    def acquire(self, wait: float) -> bool:
        """Take the lock, waiting up to wait seconds; return False when another process holds it."""
        deadline = time.monotonic() + wait
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if _try_lock(fd):
                if _still_at(fd, self.path):
                    os.ftruncate(fd, 0)
                    os.write(fd, f"{os.getpid()}\n".encode())
                    self._fd = fd
                    return True
                _unlock(fd)
            os.close(fd)
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL)

    def release(self) -> None:
        """Let the lock go and remove its file."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # an open file cannot be removed there: unlock first, then try
            _unlock(fd)
            os.close(fd)
            _remove(self.path)
        else:  # removed while still held, so that no one locks a file that is about to go
            _remove(self.path)
            os.close(fd)

    def __enter__(self) -> OutputLock:
        try:
            taken = self.acquire(self.wait)
        except OSError as error:
            raise MapgenError(
                f"cannot write beside {self.out} ({error.strerror or error}): mapgen keeps its lock and "
                "staging folder there; make that folder writable, or build into another --out"
            ) from None
        if not taken:
            raise MapgenError(
                f"another mapgen{self._holder()} is building into {self.out}; "
                "wait for it to finish, or build into another --out"
            )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()

    def _holder(self) -> str:
        try:
            pid = int(self.path.read_text("ascii").strip())
        except (OSError, ValueError):
            return ""
        return f" (process {pid})"


def _still_at(fd: int, path: Path) -> bool:
    """Return True when path still names the file open as fd (it was not released meanwhile)."""
    try:
        here, mine = path.stat(), os.fstat(fd)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


def _remove(path: Path) -> None:
    # Gone already, or (Windows) open elsewhere: the next holder removes it.
    with contextlib.suppress(OSError):
        path.unlink()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
