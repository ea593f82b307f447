"""What a build's files depend on besides the model, theme and options: fonts, dates, the template.

The cache keys every file by these too, so a cached file is never one made on other fonts, for
another SOURCE_DATE_EPOCH or on other template bytes than the build asks for.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from pathlib import Path

from mapgen.errors import InputError

__all__ = ["font_fingerprint", "machine_fingerprint", "template_digest"]


def font_fingerprint() -> str:
    """Return a hash of the font files mapgen can find: their paths, sizes and modification times.

    Any installed font may be a fallback for some character, so all of them count. The list is
    the one text measuring uses (fontconfig or the font folders, MAPGEN_FONT_DIRS,
    MAPGEN_NO_SYSTEM_FONTS), found once per process; only the stat calls run again.
    """
    from mapgen.text import installed_font_files

    digest = hashlib.sha256()
    for path in installed_font_files():
        try:
            info = path.stat()
            seen = f"{info.st_size}:{info.st_mtime_ns}"
        except OSError as error:
            seen = f"unreadable:{error.errno}"  # fontconfig listed a file since removed
        digest.update(f"{path}\0{seen}\0".encode())
    return digest.hexdigest()


def machine_fingerprint() -> str:
    """Return a hash of what this machine adds to every file: the fonts found, SOURCE_DATE_EPOCH."""
    # reportlab and the deck's package both stamp SOURCE_DATE_EPOCH into what they write.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return hashlib.sha256(f"{font_fingerprint()}\0{epoch!r}".encode()).hexdigest()


def template_digest(path: Path) -> str:
    """Return a hash of a client template's path and bytes; refuse anything but a regular file.

    A device such as /dev/zero would be read without end, and a folder or a pipe has no bytes to
    key by: they are refused here, before any work starts.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        # Never the key of a build without a template: the deck's own reader reports the file.
        return f"missing:{path}"
    except OSError as error:
        return f"unreadable:{path}:{error.errno}"
    if not stat.S_ISREG(info.st_mode):
        raise InputError.at(str(path), "the deck template is not a regular file; give a .pptx or .potx file")
    try:
        identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        content = _file_digest(path, identity)
    except OSError as error:
        return f"unreadable:{path}:{error.errno}"
    return f"{path}:{content}"


@functools.lru_cache(maxsize=16)
def _file_digest(path: Path, _identity: tuple[int, ...]) -> str:
    # Remembered by the file's identity, so that the 60 deck parts of a build read the template
    # once, and an edited template is read again (an error is raised, so never remembered).
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
