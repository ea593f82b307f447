"""The build cache: finished files keyed by everything that went into them.

A key hashes the mapgen version, the task's format and file name, the part of the model the file
shows, the theme (with the bytes of its files), the machine's fonts and SOURCE_DATE_EPOCH, and
the options the file depends on (a PNG does not change with --timestamp, so a stamped build still
finds it). An entry is the file's bytes and the warnings met making it, so a cached file reports
the same warnings as a fresh one, sealed by a checksum (see cache_entry). Entries are written
atomically, and the least recently used are pruned past a size limit.

The cache is only a way to go faster: a damaged entry is dropped (DamagedEntry), and a cache that
cannot be read or written raises CacheFault, so that the build goes on without it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapgen._version import __version__
from mapgen.build.cache_entry import FORMAT, DamagedEntry, Sealed, pack, unpack
from mapgen.build.fingerprint import machine_fingerprint, template_digest
from mapgen.build.tasks import Options, Rendered, Task
from mapgen.model import Journeys, Persona

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "DEFAULT_LIMIT",
    "Cache",
    "CacheFault",
    "DamagedEntry",
    "build_salt",
    "configured_limit",
    "default_folder",
    "model_digest",
    "theme_fingerprint",
]

DEFAULT_LIMIT = 512 * 1024 * 1024  # bytes of cached files kept after a build
LIMIT_VARIABLE = "MAPGEN_CACHE_LIMIT_MB"
STALE_TEMPORARY = 3600  # seconds after which a write's leftover (a crashed build's) is removed


class CacheFault(Exception):
    """The cache's folder cannot be used: not a folder, read-only, full, or beyond reach."""

    @classmethod
    def of(cls, folder: Path, error: OSError) -> CacheFault:
        """Return the fault an OSError met in the cache's folder stands for, in words."""
        return cls(f"the cache {folder} cannot be used ({error.strerror or error})")


def default_folder() -> Path:
    """Return the cache folder: $MAPGEN_CACHE_DIR, else the XDG cache folder's mapgen."""
    if folder := os.environ.get("MAPGEN_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mapgen"


def configured_limit() -> tuple[int, str | None]:
    """Return the cache's size limit in bytes (MAPGEN_CACHE_LIMIT_MB, else 512 MB) and any complaint."""
    text = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_LIMIT, None
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = -1.0
    if not 0 <= megabytes < 2**40:
        return DEFAULT_LIMIT, f"{LIMIT_VARIABLE}={text} is not a number of megabytes; kept 512 MB"
    return int(megabytes * 2**20), None


def build_salt(theme: Theme) -> str:
    """Return what every key of one build shares: the theme, the fonts found, SOURCE_DATE_EPOCH."""
    return hashlib.sha256(f"{theme_fingerprint(theme)}\0{machine_fingerprint()}".encode()).hexdigest()


def theme_fingerprint(theme: Theme) -> str:
    """Return a hash of the theme's values and of the files it names (logo, fonts, template)."""
    digest = hashlib.sha256(repr(theme).encode())
    for path in sorted({*theme.files, *_paths_in(theme)}):
        digest.update(_file_digest(path).encode())
    return digest.hexdigest()


def _paths_in(value: Any) -> set[Path]:
    """Return every existing file path held anywhere in a (frozen dataclass) value."""
    if isinstance(value, Path):
        return {value} if value.is_file() else set()
    if isinstance(value, tuple | list):
        return {p for item in value for p in _paths_in(item)}
    fields = getattr(value, "__dataclass_fields__", None)
    if fields:
        return {p for name in fields for p in _paths_in(getattr(value, name))}
    return set()


DigestMemo = dict[int, tuple[Persona, str]]


def model_digest(journeys: Journeys, memo: DigestMemo | None = None) -> str:
    """Return a hash of everything a model holds, photos included.

    A build hashes the same personas for many files (a PNG, a deck part, a report chapter and the
    whole-model files): memo keeps each persona's hash by identity, so each is hashed once.
    """
    memo = {} if memo is None else memo
    rest = replace(journeys, personas=()).to_json()
    digest = hashlib.sha256(json.dumps(rest, sort_keys=True, ensure_ascii=False).encode())
    for persona in journeys.personas:
        known = memo.get(id(persona))
        if known is None or known[0] is not persona:
            known = memo[id(persona)] = (persona, _persona_digest(persona))
        digest.update(known[1].encode())
    return digest.hexdigest()


def _persona_digest(persona: Persona) -> str:
    digest = hashlib.sha256(json.dumps(persona.to_json(), sort_keys=True, ensure_ascii=False).encode())
    if persona.photo is not None:
        digest.update(persona.photo.format.encode() + b"\0" + persona.photo.data)
    return digest.hexdigest()


def _describe(function: Any) -> str:
    """Return a stable name of what makes a file: the function, and the arguments a partial binds.

    A persona's index rides along this way (it colours the avatar), so reordering personas makes
    their files again even where their names and scopes did not change.
    """
    if isinstance(function, functools.partial):
        bound = (function.args, sorted(function.keywords.items()))
        return f"{_describe(function.func)}{bound!r}"
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', repr(function))}"


def _file_digest(path: Path | None) -> str:
    if path is None or not path.is_file():
        return ""
    return f"{path}:{hashlib.sha256(path.read_bytes()).hexdigest()}"


@dataclass(frozen=True)
class Cache:
    """A folder of finished files; picklable, so worker processes fill it too."""

    folder: Path
    limit: int | None = None  # bytes; None: MAPGEN_CACHE_LIMIT_MB, else DEFAULT_LIMIT

    def key(self, task: Task, theme_hash: str, options: Options, memo: DigestMemo | None = None) -> str:
        """Return the key of a task's file under a build's salt and options (memo: persona digests).

        theme_hash is build_salt(theme) in a build: the theme, the fonts and SOURCE_DATE_EPOCH.
        """
        digest = hashlib.sha256()
        model = model_digest(task.scope, memo)
        settings = tuple(
            (name, _template_key(options.template) if name == "template" else getattr(options, name))
            for name in task.settings
        )
        made_by = _describe(task.render if task.render is not None else task.join)
        parts = (__version__, str(FORMAT), task.format, task.file, made_by, model, theme_hash, repr(settings))
        for part in parts:
            digest.update(part.encode())
            digest.update(b"\0")  # so that parts cannot run into each other
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.entry"

    def get(self, key: str) -> Sealed | None:
        """Return the cached file of a key and its SHA-256, or None when there is none.

        Raise DamagedEntry for an entry that is not sound (it is deleted first), and CacheFault
        when the folder cannot be read.
        """
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise CacheFault.of(self.folder, error) from error
        try:
            sealed = unpack(blob)
        except DamagedEntry:
            with contextlib.suppress(OSError):  # a read-only cache: it stays damaged, and unused
                path.unlink()
            raise
        with contextlib.suppress(OSError):  # recently used, so pruned last; read-only: no matter
            os.utime(path)
        return sealed

    def put(self, key: str, rendered: Rendered) -> str:
        """Store a finished file under its key, atomically; return its SHA-256 (CacheFault if it fails)."""
        path = self._path(key)
        temp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            temp = Path(name)
            entry, digest = pack(rendered)
            _write_entry(fd, entry)
            temp.replace(path)
        except OSError as error:
            if temp is not None:
                with contextlib.suppress(OSError):  # a full disk keeps no half-written entry
                    temp.unlink()
            raise CacheFault.of(self.folder, error) from error
        return digest

    def prune(self) -> None:
        """Delete the least recently used entries until the cache fits its limit.

        Raise CacheFault when the folder cannot be read or an entry cannot be deleted.
        """
        limit = self.limit if self.limit is not None else configured_limit()[0]
        try:
            entries, leftovers = _listing(self.folder)
        except FileNotFoundError:
            return  # nothing cached yet
        except OSError as error:
            raise CacheFault.of(self.folder, error) from error
        total = sum(size for _, size, _ in entries)
        doomed = leftovers
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            doomed.append(path)
            total -= size
        for path in doomed:
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise CacheFault.of(self.folder, error) from error


def _template_key(template: Path | None) -> str:
    return "" if template is None else template_digest(template)


def _write_entry(fd: int, blob: bytes) -> None:
    """Write an entry's bytes to an open file and close it (a test makes this fail as a full disk)."""
    with os.fdopen(fd, "wb") as stream:
        stream.write(blob)


def _listing(folder: Path) -> tuple[list[tuple[int, int, Path]], list[Path]]:
    """Return the entries of a cache folder as (last use, size, path), and writes left behind."""
    import time

    entries: list[tuple[int, int, Path]] = []
    leftovers: list[Path] = []
    stale = time.time_ns() - STALE_TEMPORARY * 10**9
    with os.scandir(folder) as top:
        shards = [item.path for item in top if len(item.name) == 2 and item.is_dir(follow_symlinks=False)]
    for shard in shards:
        with contextlib.suppress(FileNotFoundError), os.scandir(shard) as inside:
            for item in inside:
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue  # deleted meanwhile by another build's pruning
                if item.name.endswith(".entry"):
                    entries.append((info.st_mtime_ns, info.st_size, Path(item.path)))
                elif item.name.endswith(".tmp") and info.st_mtime_ns < stale:
                    leftovers.append(Path(item.path))
    return entries, leftovers
