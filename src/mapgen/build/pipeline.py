"""The build pipeline: pick the theme, run the writers, and swap their files into place as a whole."""

from __future__ import annotations

import errno
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from mapgen._version import __version__
from mapgen.build.formats import format_names, plan_tasks
from mapgen.build.swap import staged
from mapgen.build.targets import MANIFEST
from mapgen.build.tasks import Options
from mapgen.errors import InputError, MapgenError
from mapgen.model import Journeys, Problem

if TYPE_CHECKING:
    from mapgen.build.progress import Progress
    from mapgen.build.runner import Done, Runner
    from mapgen.themes import Theme

__all__ = [
    "MANIFEST",
    "BuildResult",
    "Options",
    "RenderResult",
    "build_outputs",
    "check_template",
    "render",
    "resolve_theme",
]


def resolve_theme(spec: str | None, journeys: Journeys, workbook: Path | None = None) -> Theme:
    """Return --theme if given, else the workbook's Theme field, else the default theme."""
    from mapgen.themes import load_theme

    if spec:
        return load_theme(spec)
    if journeys.project.theme:
        # A theme path written in the workbook is relative to the workbook's folder.
        base = workbook.parent if workbook is not None else None
        return load_theme(journeys.project.theme, base_dir=base, confined_to="the workbook's folder")
    return load_theme("default")


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the files it replaced, those already up to date, and its warnings."""

    out: Path
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    problems: tuple[Problem, ...]  # layout and painting warnings, not the workbook's own; notes too
    manifest: dict[str, Any]
    notes: tuple[Problem, ...] = ()  # the cache's warnings: this machine's, so not in the manifest
    removed: tuple[Path, ...] = ()  # files the last build wrote that this one no longer makes


@dataclass(frozen=True)
class RenderResult(Sequence[Path]):
    """What mapgen.render() made: its files, its warnings and the manifest.

    A sequence of the files' paths, as render() returned before it said more: code that loops
    over the result, indexes it or takes its len() keeps working.
    """

    out: Path
    paths: tuple[Path, ...]  # every file of the build, manifest.json included, sorted
    warnings: tuple[Problem, ...]  # the workbook's, then the layout's and the painters'
    manifest: dict[str, Any]  # what manifest.json holds

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Path, ...]: ...

    def __getitem__(self, index: int | slice) -> Path | tuple[Path, ...]:
        return self.paths[index]

    def __len__(self) -> int:
        return len(self.paths)


def render(
    journeys: Journeys,
    *,
    formats: Sequence[str] | None = None,
    theme: Theme | str | None = None,
    out: str | Path,
    options: Options | None = None,
) -> RenderResult:
    """Write the deliverables of a model into out, all or nothing; return its files and warnings."""
    result = build_outputs(journeys, formats=formats, theme=theme, out=out, options=options)
    return RenderResult(
        out=result.out,
        paths=tuple(sorted((*result.written, *result.unchanged))),
        warnings=(*journeys.warnings, *result.problems),
        manifest=result.manifest,
    )


def build_outputs(
    journeys: Journeys,
    *,
    formats: Sequence[str] | None = None,
    theme: Theme | str | None = None,
    out: str | Path,
    options: Options | None = None,
    runner: Runner | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> BuildResult:
    """Write the deliverables of a model into out, all or nothing; report what was written.

    strict: a warning met while making the files leaves out as it was and raises MapgenError.
    """
    from mapgen.build.runner import Runner

    if journeys.errors:
        raise InputError(
            f"{journeys.source} has {len(journeys.errors)} error(s); fix them and build again",
            journeys.errors,
        )
    names = list(formats) if formats else format_names()
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise MapgenError(f"format {', '.join(twice)} is named twice; name each format once")
    unknown = [name for name in names if name not in format_names()]
    if unknown:
        raise MapgenError(f"unknown format {', '.join(unknown)}; choose from {', '.join(format_names())}")
    if theme is None or isinstance(theme, str):
        theme = resolve_theme(theme, journeys)
    options = options or Options()
    if options.template is not None:
        check_template(options.template)
    journeys = _select_personas(journeys, options.personas)
    tasks = plan_tasks(journeys, names, options)

    out = Path(out)
    own_runner = runner is None
    runner = runner or Runner(jobs=1)
    started = False
    try:
        # Locks out, rolls back what a killed build left there, and stages the files beside it.
        with staged(out) as stage:
            stage.check([task.file for task in tasks])
            if progress is not None:
                # The bar counts parts too: a deck of 60 personas is 62 steps of work, not one.
                progress.start(Path(journeys.source).name, sum(1 + len(t.parts) for t in tasks))
                started = True
            try:
                outcomes = runner.run(tasks, theme, options, stage.files, progress.done if progress else None)
            except OSError as error:
                # The disk filled up or refused a write while the files were made: the output
                # folder is untouched, and that is worth one clear line, not a traceback.
                raise MapgenError(_write_failure(error, out)) from error
            # The same layout warning can come from several files: keep it once.
            found = (p for done in outcomes for p in done.problems)
            problems = tuple(dict.fromkeys(replace(p, file=p.file or journeys.source) for p in found))
            warnings = [p for p in problems if p.is_warning]  # notes say what was done by design
            if strict and warnings:
                raise strict_failure(journeys.source, out, warnings)
            manifest = _manifest(journeys, theme, stage.files, outcomes, problems)
            data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
            written, unchanged = stage.install([d.task.file for d in outcomes], data)
            notes = runner.cache_notes
            return BuildResult(
                out, tuple(written), tuple(unchanged), problems + notes, manifest,
                notes=notes, removed=tuple(stage.removed),
            )  # fmt: skip
    finally:
        if started and progress is not None:
            progress.finish()
        if own_runner:
            runner.close()


def _write_failure(error: OSError, out: Path) -> str:
    """Return the one line that says why the files could not be made, and what to do."""
    reason = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "free some space beside it (the files are made there first) or choose another --out"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = "choose an --out in a folder you can write to"
    else:
        advice = "try again, or run with --debug to see where it happened"
    return f"could not make the files for {out}: {reason}{where}; {out} is as it was: {advice}"


def strict_failure(source: str, out: Path, warnings: Sequence[Problem]) -> MapgenError:
    """Return the error of a --strict build that met warnings: they, and a last line saying so."""
    count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    message = f"--strict: {count}, so {out} is left as it was; fix them, or build without --strict"
    return MapgenError(message, (*warnings, Problem("error", message, file=source)))


def check_template(path: Path) -> None:
    """Refuse a client template that is no bounded PowerPoint file, before any work starts."""
    from mapgen.themes.files import check_template

    problem = check_template(path)
    if problem is not None:
        raise InputError.at(str(path), f"cannot be used as the deck template: {problem}")


def _select_personas(journeys: Journeys, wanted: Iterable[str]) -> Journeys:
    from mapgen.build.personas import match_personas

    wanted = list(wanted)
    if not wanted:
        return journeys
    return replace(journeys, personas=match_personas(journeys.personas, wanted, journeys.source))


def _manifest(
    journeys: Journeys, theme: Theme, folder: Path, outcomes: list[Done], problems: tuple[Problem, ...]
) -> dict[str, Any]:
    return {
        "workbook": journeys.source,
        "theme": theme.name,
        "mapgen_version": __version__,
        "outputs": [
            {
                "path": t.file,
                "format": t.format,
                "persona": t.persona,
                "sha256": d or _sha256(folder / t.file),
            }
            for t, d in ((done.task, done.sha256) for done in outcomes)
        ],
        "problems": [
            {"severity": p.severity, "sheet": p.sheet, "cell": p.cell, "message": p.message}
            for p in (*journeys.problems, *problems)
        ],
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
