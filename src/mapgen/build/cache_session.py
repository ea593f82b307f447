"""One build's use of the cache: its keys, its hits, and its faults turned into warnings.

The cache only saves time, so nothing that goes wrong with it fails a build. A damaged entry is
dropped and its file made again, with a warning naming the file (one a file, however many of its
parts were damaged). A cache that cannot be read or written (a file where the folder should be, a
read-only folder, a full disk) is given up for the rest of the build, with one warning. These
warnings are the machine's, not the deliverables': they are reported but never written into the
manifest, which stays byte for byte what a build with a sound cache writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapgen.build.cache import Cache, CacheFault, DamagedEntry, DigestMemo, build_salt, configured_limit
from mapgen.build.cache_entry import Sealed
from mapgen.build.fingerprint import template_digest
from mapgen.build.tasks import Options, Task
from mapgen.model import Problem

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["CacheSession"]


class CacheSession:
    """The cache as one build sees it: None of it at all once it has failed."""

    def __init__(self, cache: Cache | None, theme: Theme, options: Options, *, reuse: bool = True) -> None:
        if options.template is not None:
            template_digest(options.template)  # refuses a device or a folder, cache or not
        self.cache = cache
        self.options = options
        self.reuse = reuse  # False (--force): read nothing, write everything
        self.notes: list[Problem] = []
        self.damaged: dict[str, list[str]] = {}  # a deliverable's name: what was wrong with its entries
        # The theme, the fonts and SOURCE_DATE_EPOCH are the same for every file: hashed once.
        self.salt = build_salt(theme) if cache is not None else ""
        self.digests: DigestMemo = {}  # each persona's hash, made once for all the files that show it

    def key(self, task: Task) -> str:
        """Return the key of a task's file, or "" when the build runs without the cache."""
        if self.cache is None:
            return ""
        return self.cache.key(task, self.salt, self.options, self.digests)

    def get(self, key: str, file: str) -> Sealed | None:
        """Return the cached file of a key and its SHA-256, or None: not cached, damaged, or failed."""
        if self.cache is None or not self.reuse or not key:
            return None
        try:
            return self.cache.get(key)
        except DamagedEntry as damage:
            # A part ("deck.pptx#persona-0003") is named by its deliverable: one warning a file.
            self.damaged.setdefault(file.partition("#")[0], []).append(str(damage))
        except CacheFault as fault:
            self.fail(str(fault))
        return None

    def writer(self) -> Cache | None:
        """Return the cache for a worker to store files in, or None once it has failed."""
        return self.cache

    def fail(self, fault: str) -> None:
        """Give the cache up for the rest of the build, with one warning (later faults add none)."""
        if self.cache is not None:
            self.notes.append(Problem("warning", f"{fault}; this build went on without it"))
        self.cache = None

    def finish(self) -> tuple[Problem, ...]:
        """Prune the cache to its limit; return the build's warnings about the cache."""
        if self.cache is not None:
            if self.cache.limit is None and (complaint := configured_limit()[1]):
                self.notes.append(Problem("warning", complaint))
            try:
                self.cache.prune()
            except CacheFault as fault:
                self.fail(str(fault))
        return (*map(_damage_note, self.damaged.items()), *self.notes)


def _damage_note(damaged: tuple[str, list[str]]) -> Problem:
    file, reasons = damaged
    if len(reasons) == 1:
        return Problem("warning", f"its cached copy was damaged ({reasons[0]}); made it again", file)
    return Problem(
        "warning", f"{len(reasons)} cached pieces of it were damaged ({reasons[0]}, ...); made again", file
    )
