"""The atomic output swap: a build's files replace the previous build's in OUT as a whole.

OUT stays the same folder (Explorer windows, permissions and sync clients stay on it); its files
change in one short swap kept by an undo journal, the way a file system or a database keeps a
multi-step change:

1. Under OUT's lock (outlock), the build writes its files into a staging folder beside OUT, on
   the same file system: ".OUT.<random>.tmp/files/".
2. The swap writes the manifest, plans the changes (targets): add, replace, or remove a file the
   last manifest lists and this build no longer writes, and flushes every file to add or replace
   to the disk. A file of the user's in the way refuses the build before anything is changed.
3. The previous version of each file to be replaced or removed is hard-linked into old/: no
   copy, and OUT has its file at every moment.
4. The journal (the changes, and whether OUT is to be made) is written to a temporary file,
   flushed, renamed to journal.json, and the staging folder flushed: it exists whole or not at all.
5. The new files are renamed into OUT and the dropped ones removed, the manifest last; OUT is
   flushed.
6. The journal is removed: the commit point. The staging folder goes after it.

Until the journal exists OUT is untouched; while it exists, old/ holds all it takes to undo. A
swap that fails is rolled back at once; one that is killed leaves its journal, and the next
build into OUT (or anything reading OUT, through recover()) rolls it back first, under the lock.
So OUT is exactly the old build or exactly the new one whenever mapgen touches it again. A
roll-back puts a file back only over the new version, the old one or nothing: a file that a user
put there meanwhile stays. A staging folder beside OUT while no build holds OUT's lock was left
by a killed build, and is removed.

Not chosen: renameat2(RENAME_EXCHANGE) of a whole staged folder swaps in one step, but OUT would
become another folder (a new inode that Explorer windows and sync clients do not follow), the
user's files would have to be linked across, and it exists on Linux alone.

Every file operation goes through fileops.file_ops, which the tests replace to fail, or to end
the process, at each step in turn.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mapgen.build import fileops
from mapgen.build.interrupts import interrupts_deferred
from mapgen.build.outlock import LOCK_WAIT, OutputLock, lock_path
from mapgen.build.targets import MANIFEST, Change, check_targets, is_plain_name, plan_changes, sha256
from mapgen.errors import MapgenError

__all__ = ["JOURNAL", "Journal", "Staging", "recover", "staged", "stale_staging"]

JOURNAL = "journal.json"
FILES = "files"  # the build's new files, as the runner writes them
OLD = "old"  # the previous versions of the files the swap replaces or removes
_ACTIONS = ("add", "replace", "remove")
# A roll-back may find OUT not empty (the user put a file there) or gone: either way it is done.
_FOLDER_STAYS = {errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT}


@dataclass(frozen=True)
class Journal:
    """What a swap changes in OUT: enough to undo it from the old versions kept beside."""

    changes: tuple[Change, ...]
    make_out: bool

    def to_bytes(self) -> bytes:
        """Return the journal as JSON."""
        changes = [{"name": c.name, "action": c.action, "sha256": c.sha256} for c in self.changes]
        return json.dumps({"version": 1, "make_out": self.make_out, "changes": changes}, indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Journal:
        """Read a journal; raise ValueError for one this version of mapgen did not write."""
        try:
            raw = json.loads(data)
            if raw["version"] != 1 or not isinstance(raw["make_out"], bool):
                raise ValueError("not a version 1 journal")
            changes = tuple(Change(c["name"], c["action"], c["sha256"]) for c in raw["changes"])
        except (KeyError, TypeError, RecursionError) as error:
            raise ValueError(f"not a journal: {error!r}") from None
        for change in changes:
            if not is_plain_name(change.name) or change.action not in _ACTIONS:
                raise ValueError(f"not a journal: a change of {change.name!r} ({change.action!r})")
        return cls(changes, raw["make_out"])


@dataclass
class Staging:
    """A build's staging folder beside OUT: the runner writes into files, install() swaps them in."""

    out: Path  # as the caller named it: the paths reported are under it
    real: Path  # where the files go (out itself, unless it is a link or names no folder)
    folder: Path
    journal_left: bool = False  # a roll-back failed: the next build must find the journal
    removed: tuple[Path, ...] = ()  # after install(): the files it removed from OUT

    @property
    def files(self) -> Path:
        """Return the folder the build's files are written into."""
        return self.folder / FILES

    def check(self, names: Sequence[str]) -> None:
        """Refuse, before any work, files that would overwrite what mapgen did not write."""
        check_targets(self.real, [*names, MANIFEST])

    def install(self, names: Sequence[str], manifest: bytes) -> tuple[list[Path], list[Path]]:
        """Put the staged files and the manifest into OUT as a whole; return (written, unchanged)."""
        ops = fileops.file_ops
        with interrupts_deferred():
            try:
                ops.write(self.files / MANIFEST, manifest)
                plan = plan_changes(self.real, self.files, [*names, MANIFEST])
                # Only the files that go into OUT need to be on the disk: a rebuild that changes
                # nothing flushes nothing.
                for change in plan.changes:
                    if change.action != "remove" and change.name != MANIFEST:
                        ops.fsync(self.files / change.name)
                if plan.changes:
                    self._swap(Journal(plan.changes, plan.make_out), ops)
            except OSError as error:
                raise MapgenError(self._failure(error)) from error
        written = [self.out / c.name for c in plan.changes if c.action != "remove"]
        self.removed = tuple(self.out / c.name for c in plan.changes if c.action == "remove")
        return written, [self.out / name for name in plan.unchanged]

    def _swap(self, journal: Journal, ops: fileops.FileOps) -> None:
        old = self.folder / OLD
        ops.mkdir(old)
        for change in journal.changes:
            if change.action != "add":
                ops.link(self.real / change.name, old / change.name)
        ops.fsync(old)
        _write_journal(self.folder, journal, ops)
        try:
            if journal.make_out:
                ops.mkdir(self.real)
                ops.fsync(self.real.parent)
            for change in journal.changes:
                if change.action == "remove":
                    ops.unlink(self.real / change.name)
                else:
                    ops.rename(self.files / change.name, self.real / change.name)
            ops.fsync(self.real)
            ops.unlink(self.folder / JOURNAL)  # the commit point
        except BaseException:
            try:
                _roll_back(self.real, self.folder, journal, ops)
            except BaseException:
                self.journal_left = True
            raise
        # Committed: were the journal's removal lost to a crash, the roll-back would give the old build.
        with contextlib.suppress(OSError):
            ops.fsync(self.folder)

    def _failure(self, error: OSError) -> str:
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        after = (
            "the next build into it puts its files back as they were"
            if self.journal_left
            else "it is as it was"
        )
        return f"could not put the new files into {self.out}: {reason}{where}; {after}"


@contextlib.contextmanager
def staged(out: Path, *, wait: float = LOCK_WAIT) -> Iterator[Staging]:
    """Lock out, undo what a killed build left beside it, and yield a new staging folder.

    The staging folder is removed afterwards, unless it holds the journal of a swap that could
    not be rolled back: the next build needs it.
    """
    real = _real_folder(out)
    _make_parent(out, real)
    with OutputLock(real, wait):
        with interrupts_deferred():
            _recover_locked(real)
        stage = Staging(out, real, _make_stage(out, real))
        try:
            yield stage
        finally:
            if not stage.journal_left:
                _remove_quietly(stage.folder)


def recover(out: Path) -> None:
    """Roll back a swap a killed build left unfinished in out, and remove its staging folder.

    Does nothing when nothing was left, or when a live build holds out (it finishes its own).
    """
    real = _real_folder(out)
    if not stale_staging(real) and not lock_path(real).exists():
        return
    lock = OutputLock(real)
    try:
        taken = lock.acquire(0)
    except OSError:
        return  # cannot even lock beside out: a build there says why
    if not taken:
        return
    try:
        with interrupts_deferred():
            _recover_locked(real)
    finally:
        lock.release()


def stale_staging(out: Path) -> list[Path]:
    """Return the staging folders beside out (under out's lock, only killed builds leave them)."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)
    )


def _recover_locked(real: Path) -> None:
    ops = fileops.file_ops
    for folder in stale_staging(real):
        if (folder / JOURNAL).exists():
            try:
                journal = Journal.from_bytes((folder / JOURNAL).read_bytes())
            except (OSError, ValueError) as error:
                raise MapgenError(
                    f"{folder} holds the journal of an unfinished build that cannot be read ({error}); "
                    f"put the files of {folder / OLD} back into {real} by hand, then delete {folder}"
                ) from None
            try:
                _roll_back(real, folder, journal, ops)
            except OSError as error:
                raise MapgenError(
                    f"could not put back the files of {real} that an unfinished build changed: "
                    f"{error.strerror or error} ({error.filename}); they are kept in {folder / OLD}"
                ) from None
        _remove_quietly(folder)


def _roll_back(real: Path, folder: Path, journal: Journal, ops: fileops.FileOps) -> None:
    """Undo a swap; each step may run again (a roll-back can itself be stopped)."""
    old = folder / OLD
    for change in reversed(journal.changes):
        target, kept = real / change.name, old / change.name
        if not _ours(target, kept, change.sha256):
            continue
        if change.action == "add":
            if _exists(target):
                ops.unlink(target)
        elif _exists(kept):
            # When target and kept are one file (the swap stopped before replacing it), rename
            # does nothing and succeeds: target is the old version either way.
            ops.rename(kept, target)
    if real.is_dir():
        ops.fsync(real)
    if journal.make_out:
        try:
            ops.rmdir(real)
        except OSError as error:
            if error.errno not in _FOLDER_STAYS:
                raise
        ops.fsync(real.parent)
    ops.unlink(folder / JOURNAL)
    ops.fsync(folder)


def _ours(target: Path, kept: Path, new_sha256: str | None) -> bool:
    """Return True when target is the new version, the old one, or nothing: the swap's to undo."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return True
    if not stat.S_ISREG(mode):
        return False
    if _exists(kept) and target.samefile(kept):
        return True
    return new_sha256 is not None and sha256(target) == new_sha256


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def _write_journal(folder: Path, journal: Journal, ops: fileops.FileOps) -> None:
    """Write the journal whole or not at all: a flushed temporary file renamed, the folder flushed."""
    temporary = folder / f"{JOURNAL}.tmp"
    ops.write(temporary, journal.to_bytes())
    ops.rename(temporary, folder / JOURNAL)
    ops.fsync(folder)


def _real_folder(out: Path) -> Path:
    """Return the folder to work in: out, or where it leads when it is a link or names no folder."""
    if out.is_symlink() or out.name in ("", ".", ".."):
        # The staging folder must sit beside the real folder, on its file system.
        return Path(os.path.realpath(out))
    return out


def _make_parent(out: Path, real: Path) -> None:
    if not real.name:
        raise MapgenError(f"{out} is the root of the file system; build into a folder inside it")
    if _exists(real) and not real.is_dir():
        raise MapgenError(f"{out} is a file; mapgen writes a folder of files there: choose another --out")
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        in_the_way = isinstance(error, FileExistsError | NotADirectoryError)
        reason = "a file is in the way" if in_the_way else error.strerror or str(error)
        raise MapgenError(
            f"cannot make the folder {real.parent} for {out}: {reason}; choose another --out"
        ) from None


def _make_stage(out: Path, real: Path) -> Path:
    """Make a new staging folder beside real, with its files folder."""
    ops = fileops.file_ops
    try:
        while True:
            folder = real.parent / f".{real.name}.{secrets.token_hex(4)}.tmp"
            try:
                ops.mkdir(folder)
            except FileExistsError:
                continue
            try:
                ops.mkdir(folder / FILES)
            except OSError:
                _remove_quietly(folder)
                raise
            return folder
    except OSError as error:
        raise MapgenError(
            f"cannot write beside {out} ({error.strerror or error}): mapgen stages its files there; "
            "make that folder writable, or build into another --out"
        ) from None


def _remove_quietly(folder: Path) -> None:
    """Remove a staging folder; one left behind is removed by the next build."""
    with contextlib.suppress(OSError):
        fileops.file_ops.remove_tree(folder)
