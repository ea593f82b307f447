"""The file operations of the output swap, in one place, so that a test can fail or stop any of them.

Every step that changes what is on disk while a build's files go into place (a link, a rename,
an unlink, a folder made or removed, an fsync, a file written) goes through a FileOps. Each
method calls before(op, path) first: a no-op here; a test's subclass counts the calls, raises at
the k-th or ends the process there, and so proves that the folder survives a fault at any step.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

__all__ = ["FileOps", "file_ops"]

# Hard links refused by the file system (FAT, exFAT, some network shares): the old version is
# copied instead, which costs a copy but keeps the same protocol.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}
# A folder that cannot be opened or fsynced (Windows, some network file systems): its entries
# are as durable as that system makes them, which is all that can be asked of it.
_NO_FOLDER_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES, errno.EISDIR}


class FileOps:
    """The swap's file operations; subclass and override before() to inject faults."""

    def before(self, op: str, path: Path) -> None:
        """Run before each operation: nothing here; a test counts, fails or stops here."""

    def link(self, source: Path, target: Path) -> None:
        """Make target another name of source's file (a copy where links are not supported)."""
        self.before("link", target)
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            shutil.copy2(source, target)
            _sync_file(target)

    def rename(self, source: Path, target: Path) -> None:
        """Rename source to target in one step, replacing target."""
        self.before("rename", target)
        source.replace(target)

    def unlink(self, path: Path) -> None:
        """Remove a file."""
        self.before("unlink", path)
        path.unlink()

    def mkdir(self, path: Path) -> None:
        """Make a folder that must not exist yet."""
        self.before("mkdir", path)
        path.mkdir()

    def rmdir(self, path: Path) -> None:
        """Remove an empty folder."""
        self.before("rmdir", path)
        path.rmdir()

    def write(self, path: Path, data: bytes) -> None:
        """Write a new file and flush it to the disk."""
        self.before("write", path)
        with path.open("xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())

    def fsync(self, path: Path) -> None:
        """Flush a file, or a folder's entries, to the disk."""
        self.before("fsync", path)
        if path.is_dir():
            _sync_folder(path)
        else:
            _sync_file(path)

    def remove_tree(self, path: Path) -> None:
        """Remove a folder and everything in it."""
        self.before("remove_tree", path)
        shutil.rmtree(path)


def _sync_file(path: Path) -> None:
    with path.open("rb") as file:
        os.fsync(file.fileno())


def _sync_folder(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError as error:
        if error.errno in _NO_FOLDER_SYNC:
            return
        raise
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in _NO_FOLDER_SYNC:
            raise
    finally:
        os.close(descriptor)


file_ops = FileOps()
