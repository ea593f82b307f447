"""The sample workbooks that ship inside the package: what `mapgen build` makes by default.

They are package data, so they are there after any install, in or out of the repository.
inputs/make_samples.py writes them here and into inputs/, byte for byte the same.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mapgen.errors import InputError

__all__ = ["DEFAULT_SAMPLE", "SAMPLES", "copy_samples", "sample_path"]

SAMPLES = ("example.xlsx", "b2b-example.xlsx")
DEFAULT_SAMPLE = "example.xlsx"


def sample_path(name: str = DEFAULT_SAMPLE) -> Path:
    """Return the path of a sample workbook inside the installed package."""
    if name not in SAMPLES:
        raise ValueError(f"no sample named {name!r}; the samples are {', '.join(SAMPLES)}")
    return Path(__file__).resolve().parent / name


def copy_samples(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy every sample workbook into folder (made if missing); refuse to overwrite unless force."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file; give a folder to copy the sample workbooks into.")
    targets = [folder / name for name in SAMPLES]
    # Checked for every file before any is written: a refusal leaves the folder as it was.
    taken = [target for target in targets if target.exists() or target.is_symlink()]
    if taken and not force:
        names = " and ".join(str(t) for t in taken)
        verb, them = ("exists", "it") if len(taken) == 1 else ("exist", "them")
        raise InputError(f"{names} already {verb}; use --force to overwrite {them}, or give another folder.")
    if any(target.is_dir() for target in taken):
        raise InputError(f"{next(t for t in taken if t.is_dir())} is a folder; give another folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, target in zip(SAMPLES, targets, strict=True):
            _copy_atomically(sample_path(name), target)
    except OSError as error:
        raise InputError(f"Cannot write into {folder}: {error.strerror or error}.") from error
    return targets


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy through a temporary file beside target, so a failure never leaves half a workbook."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        # copyfile, not copy: the package's read-only bits must not follow the user's copy.
        shutil.copyfile(source, temporary)
        temporary.chmod(0o644)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
