"""What a build may do in its output folder: which files there are mapgen's, and what each change is.

The last manifest in OUT lists the files mapgen wrote there; every other file is the user's and
is never touched. A new file may replace only a file the manifest lists, and is left out of the
swap when its bytes are those already there. A file the manifest lists and this build no longer
writes (a persona removed) is removed, if its bytes are still those the manifest records: edited
since, it has become the user's, and stays. A build that would overwrite anything else is refused before any
file is changed, naming the file and what to do.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mapgen.errors import MapgenError

__all__ = ["MANIFEST", "Change", "Plan", "check_targets", "is_plain_name", "plan_changes", "sha256"]

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 2**20  # thousands of personas' worth; a larger file is not one of ours
Action = Literal["add", "replace", "remove"]


@dataclass(frozen=True)
class Change:
    """One file of OUT changed by a swap; sha256 is the new file's (None for a removal)."""

    name: str
    action: Action
    sha256: str | None


@dataclass(frozen=True)
class Plan:
    """What a swap does: its changes (the manifest last), the files left as they are, and whether
    OUT must be made."""

    changes: tuple[Change, ...]
    unchanged: tuple[str, ...]
    make_out: bool


def is_plain_name(name: object) -> bool:
    """Return True for a file name that stays inside its folder (no separator, not . or ..)."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
    )


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_targets(out: Path, names: Sequence[str]) -> None:
    """Refuse, before any work, a build whose files would overwrite what mapgen did not write."""
    listed = _listed(out)
    for name in names:
        _refuse_foreign(out, name, listed)


def plan_changes(out: Path, staged: Path, names: Sequence[str]) -> Plan:
    """Return what putting the staged files names (the manifest last) into out changes."""
    listed = _listed(out)
    changes: list[Change] = []
    unchanged: list[str] = []
    for name in names:
        kind = _refuse_foreign(out, name, listed)
        new = staged / name
        if kind is None:
            changes.append(Change(name, "add", sha256(new)))
        elif _same_bytes(new, out / name):
            unchanged.append(name)  # left alone: its time and inode stay, a sync client sees no change
        else:
            changes.append(Change(name, "replace", sha256(new)))
    gone = [
        Change(name, "remove", None)
        for name in sorted(set(listed) - set(names))
        # A folder or a link put there since, or a file edited since, is the user's.
        if _kind(out / name) == "file" and sha256(out / name) == listed[name]
    ]
    # Removals before the manifest, which is written last: it is the build's record of OUT.
    changes[-1:-1] = gone
    return Plan(tuple(changes), tuple(unchanged), make_out=not out.is_dir())


def _refuse_foreign(out: Path, name: str, listed: dict[str, str | None]) -> str | None:
    """Return what is at out/name (None: nothing); raise when it is not mapgen's to replace."""
    target = out / name
    kind = _kind(target)
    if kind is None or (kind == "file" and name in listed):
        return kind
    if kind != "file":
        raise MapgenError(
            f"{target} is a {kind} where mapgen must write a file; move it away, or build into another --out"
        )
    raise MapgenError(
        f"{target} is not a file mapgen wrote (no {MANIFEST} there lists it); "
        "move it away, or build into another --out"
    )


def _kind(path: Path) -> str | None:
    """Return "file", "folder", "link" or "special file" for what is at path, None for nothing."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None  # out is not a folder yet
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    return "link" if stat.S_ISLNK(mode) else "special file"


def _listed(out: Path) -> dict[str, str | None]:
    """Return the files of out that mapgen wrote, with their SHA-256: the last manifest's and itself."""
    path = out / MANIFEST
    if _kind(path) != "file":
        return {}  # no manifest (a first build), or something _refuse_foreign names
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ValueError("too large for a manifest")
        manifest = json.loads(path.read_bytes())
        outputs = manifest["outputs"]
        files = {entry["path"]: entry["sha256"] for entry in outputs}
        ours = "mapgen_version" in manifest
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        ours = False
    if not ours:
        raise MapgenError(f"{path} is not a manifest mapgen wrote; move it away, or build into another --out")
    # A manifest is a file anyone can edit: only plain names of files inside OUT count.
    listed: dict[str, str | None] = {
        p: d for p, d in files.items() if is_plain_name(p) and isinstance(d, str)
    }
    listed[MANIFEST] = None
    return listed


def _same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and sha256(a) == sha256(b)
