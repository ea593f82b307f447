"""The build pipeline: pick the theme, run the writers, and move their files into place atomically."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mapgen import __version__
from mapgen.errors import InputError, MapgenError
from mapgen.model import Journeys, Problem

if TYPE_CHECKING:
    from mapgen.themes import Theme

PngSize = Literal["slide", "a4", "poster"]
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Options:
    """What a build was asked for, beyond the workbook and the theme."""

    png_size: PngSize | None = None  # None: the theme's preset
    dpi: int | None = None  # None: the preset's resolution
    template: Path | None = None  # a client's .pptx/.potx for the deck
    personas: tuple[str, ...] = ()  # persona names or sheet names; empty: all


@dataclass(frozen=True)
class Output:
    """One file a writer produced, relative to the output folder."""

    path: str
    format: str
    persona: str | None = None


@dataclass
class Job:
    """Everything a writer needs: the model, the theme, the options and a folder to write into."""

    journeys: Journeys
    theme: Theme
    options: Options
    folder: Path
    problems: list[Problem] = field(default_factory=list)

    def write(self, name: str, data: bytes) -> Path:
        """Write one output file into the job's (temporary) folder."""
        path = self.folder / name
        path.write_bytes(data)
        return path


Writer = Callable[[Job], list[Output]]
_WRITERS: dict[str, Writer] = {}


def register_writer(name: str, writer: Writer) -> None:
    """Register a writer under a format name; a name can be registered once."""
    if name in _WRITERS:
        raise ValueError(f"a writer for {name!r} is registered already")
    _WRITERS[name] = writer


def writer_names() -> list[str]:
    """Return the formats mapgen can write, in build order."""
    _register_builtin_writers()
    return list(_WRITERS)


def _register_builtin_writers() -> None:
    if _WRITERS:
        return
    from mapgen import writers

    register_writer("png", writers.write_pngs)


def resolve_theme(spec: str | None, journeys: Journeys, workbook: Path | None = None) -> Theme:
    """Return --theme if given, else the workbook's Theme field, else the default theme."""
    from mapgen.themes import load_theme

    if spec:
        return load_theme(spec)
    if journeys.project.theme:
        # A theme path written in the workbook is relative to the workbook's folder.
        base = workbook.parent if workbook is not None else None
        return load_theme(journeys.project.theme, base_dir=base)
    return load_theme("default")


@dataclass(frozen=True)
class BuildResult:
    """The files a build wrote and the warnings it found on the way."""

    written: tuple[Path, ...]
    problems: tuple[Problem, ...]  # layout and painting warnings, not the workbook's own


def render(
    journeys: Journeys,
    *,
    formats: Sequence[str] | None = None,
    theme: Theme | str | None = None,
    out: str | Path,
    options: Options | None = None,
) -> list[Path]:
    """Write the deliverables of a model into out, all or nothing; return the paths written."""
    return list(build_outputs(journeys, formats=formats, theme=theme, out=out, options=options).written)


def build_outputs(
    journeys: Journeys,
    *,
    formats: Sequence[str] | None = None,
    theme: Theme | str | None = None,
    out: str | Path,
    options: Options | None = None,
) -> BuildResult:
    """Write the deliverables of a model into out, all or nothing; report what was written."""
    if journeys.errors:
        raise InputError(
            f"{journeys.source} has {len(journeys.errors)} error(s); fix them and build again",
            journeys.errors,
        )
    names = list(formats) if formats else writer_names()
    unknown = [name for name in names if name not in writer_names()]
    if unknown:
        raise MapgenError(f"unknown format {', '.join(unknown)}; choose from {', '.join(writer_names())}")
    if theme is None or isinstance(theme, str):
        theme = resolve_theme(theme, journeys)
    options = options or Options()
    journeys = _select_personas(journeys, options.personas)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # The temporary folder sits beside OUT so that os.replace never crosses a file system.
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        job = Job(journeys, theme, options, staging)
        outputs: list[Output] = []
        for name in names:
            outputs.extend(_WRITERS[name](job))
        # The same layout warning can come from several writers: keep it once.
        problems = tuple(dict.fromkeys(replace(p, file=p.file or journeys.source) for p in job.problems))
        manifest = _manifest(journeys, theme, staging, outputs, problems)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written = _move_into_place(staging, out, [o.path for o in outputs] + [MANIFEST])
        return BuildResult(tuple(written), problems)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _select_personas(journeys: Journeys, wanted: Iterable[str]) -> Journeys:
    wanted = [w.casefold() for w in wanted]
    if not wanted:
        return journeys
    chosen = tuple(
        p for p in journeys.personas if p.name.casefold() in wanted or p.sheet.casefold() in wanted
    )
    found = {p.name.casefold() for p in chosen} | {p.sheet.casefold() for p in chosen}
    missing = [w for w in wanted if w not in found]
    if missing:
        names = ", ".join(p.name for p in journeys.personas)
        raise MapgenError(f"no persona named {', '.join(missing)} in {journeys.source}; it has {names}")
    return replace(journeys, personas=chosen)


def _manifest(
    journeys: Journeys, theme: Theme, folder: Path, outputs: list[Output], problems: tuple[Problem, ...]
) -> dict[str, Any]:
    return {
        "workbook": journeys.source,
        "theme": theme.name,
        "mapgen_version": __version__,
        "outputs": [
            {"path": o.path, "format": o.format, "persona": o.persona, "sha256": _sha256(folder / o.path)}
            for o in outputs
        ],
        "problems": [
            {"severity": p.severity, "sheet": p.sheet, "cell": p.cell, "message": p.message}
            for p in (*journeys.problems, *problems)
        ],
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _move_into_place(staging: Path, out: Path, names: list[str]) -> list[Path]:
    """Move the finished files into out; files there that mapgen did not write are left alone."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / name).replace(target)
        written.append(target)
    return written
