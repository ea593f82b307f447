"""The build cache: finished files keyed by everything that went into them.

A key hashes the mapgen version, the task's format and file name, the part of the model the file
shows, the theme (with the bytes of its files) and the options the file depends on (a PNG does
not change with --timestamp, so a stamped build still finds it). An entry is the file's bytes and
the warnings met making it, so a cached file reports the same warnings as a fresh one. Entries
are written atomically and the least recently used are pruned past a size limit.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapgen._version import __version__
from mapgen.build.tasks import Options, Rendered, Task
from mapgen.model import Journeys, Persona, Problem

if TYPE_CHECKING:
    from mapgen.themes import Theme

DEFAULT_LIMIT = 512 * 1024 * 1024  # bytes of cached files kept after a build


def default_folder() -> Path:
    """Return the cache folder: $MAPGEN_CACHE_DIR, else the XDG cache folder's mapgen."""
    if folder := os.environ.get("MAPGEN_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mapgen"


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
    limit: int = DEFAULT_LIMIT

    def key(self, task: Task, theme_hash: str, options: Options, memo: DigestMemo | None = None) -> str:
        """Return the key of a task's file under a theme and options (memo: persona digests so far)."""
        digest = hashlib.sha256()
        model = model_digest(task.scope, memo)
        settings = tuple(
            (name, _file_digest(options.template) if name == "template" else getattr(options, name))
            for name in task.settings
        )
        made_by = _describe(task.render if task.render is not None else task.join)
        for part in (__version__, task.format, task.file, made_by, model, theme_hash, repr(settings)):
            digest.update(part.encode())
            digest.update(b"\0")  # so that parts cannot run into each other
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.entry"

    def get(self, key: str) -> Rendered | None:
        """Return the cached file of a key, or None."""
        path = self._path(key)
        try:
            blob = path.read_bytes()
            size = int.from_bytes(blob[:4], "big")
            problems = tuple(Problem(**p) for p in json.loads(blob[4 : 4 + size]))
        except (OSError, ValueError, TypeError):
            return None  # missing, or damaged: make the file again
        path.touch()  # recently used: pruned last
        return Rendered(blob[4 + size :], problems)

    def put(self, key: str, rendered: Rendered) -> None:
        """Store a finished file under its key, atomically."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = json.dumps([asdict(p) for p in rendered.problems], ensure_ascii=False).encode()
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as stream:
            stream.write(len(header).to_bytes(4, "big") + header + rendered.data)
        Path(temp).replace(path)

    def prune(self) -> None:
        """Delete the least recently used entries until the cache fits its limit."""
        entries = []
        for path in self.folder.glob("*/*.entry"):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= size
