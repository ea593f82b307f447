"""Build one workbook or a folder of them, each into its own output folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mapgen.build.tasks import Options
from mapgen.errors import InputError
from mapgen.model import Journeys, Problem

if TYPE_CHECKING:
    from mapgen.build.pipeline import BuildResult
    from mapgen.build.progress import Progress
    from mapgen.build.runner import Runner
    from mapgen.themes import Theme

DEFAULT_OUT = Path("outputs")
Report = Callable[[Iterable[Problem]], None]


@dataclass(frozen=True)
class Request:
    """What to build of each workbook: the theme, the formats and the options."""

    theme: str | None = None  # --theme; None: the workbook's Theme field, else default
    formats: Sequence[str] | None = None  # None: every format
    options: Options = field(default_factory=Options)
    strict: bool = False  # a warning leaves the output folder as it was, and fails the build
    # --persona into a folder holding a full build goes to a subfolder of it, not over it; False
    # when the folder was named on the command line.
    persona_subfolder: bool = False


def workbooks_in(folder: Path) -> list[Path]:
    """Return the workbooks of a folder, skipping Excel's ~$ lock files and hidden files.

    A folder of CSV files and no workbook is one project (a persona per file): itself, alone.
    """
    found = sorted(p for p in folder.glob("*.xlsx") if p.is_file() and not p.name.startswith(("~$", ".")))
    if not found and is_csv_project(folder):
        return [folder]
    if not found:
        raise InputError.at(
            str(folder), "this folder holds no .xlsx workbook and no CSV file; point mapgen at one"
        )
    return found


def is_csv_project(folder: Path) -> bool:
    """Return True for a folder read as one project: CSV files (a persona each) and no .xlsx workbook."""
    from mapgen.readers.formats.dispatch import CSV_SUFFIXES

    if not folder.is_dir():
        return False
    names = [p.name for p in folder.iterdir() if not p.name.startswith(("~$", "."))]
    return not any(n.lower().endswith(".xlsx") for n in names) and any(
        n.lower().endswith(CSV_SUFFIXES) for n in names
    )


def output_folder(workbook: Path, out: Path | None, *, batch: bool) -> Path:
    """Return where a workbook's files go: OUT itself, or OUT/<stem> when building a folder."""
    if out is None:
        return DEFAULT_OUT / workbook.stem
    return out / workbook.stem if batch else out


def is_stale(out: Path, workbook: Path) -> bool:
    """Return True when a workbook was saved after its last build into out (or never built there).

    A guess made before reading the workbook, so that worker processes start early only when
    they are likely to be needed; the cache decides what is really made.
    """
    from mapgen.build.inputs import input_files
    from mapgen.build.swap import recover
    from mapgen.build.targets import MANIFEST

    recover(out)  # a swap a killed build left half done: undone before out is looked at
    try:
        saved = max(p.stat().st_mtime_ns for p in input_files(workbook))  # a CSV folder: its files
        return saved > (out / MANIFEST).stat().st_mtime_ns
    except OSError:
        return True


def checked_theme(workbook: Path, journeys: Journeys, request: Request) -> Theme:
    """Return the theme a build of the workbook uses, once the inputs beside it pass build's checks.

    The checks build makes after reading and before making anything, in one place so that
    `mapgen validate` refuses what build refuses: a theme (--theme, the project file's or the
    Theme field's) that fails to load, a deck template that cannot be used. Raise MapgenError.
    """
    from mapgen.build.pipeline import check_template, resolve_theme

    theme = resolve_theme(request.theme, journeys, workbook)
    if request.options.template is not None:
        check_template(request.options.template)
    return theme


def build_workbook(
    workbook: Path,
    out: Path,
    request: Request,
    *,
    runner: Runner | None = None,
    progress: Progress | None = None,
    report: Report | None = None,
    timings: dict[str, float] | None = None,
    inputs: list[Path] | None = None,
    columns: Iterable[tuple[str, str]] = (),
) -> BuildResult:
    """Read a workbook, report its warnings and build its deliverables into out.

    columns, the project file's [columns], map the workbook's own headers to step fields;
    timings, when given, receives the seconds spent reading, loading the theme and making files;
    inputs, the files the build read (as far as it got), for `mapgen watch`.
    """
    import time

    from mapgen.build.pipeline import build_outputs, strict_failure
    from mapgen.readers import read_journeys

    report = report or (lambda _problems: None)
    timings = timings if timings is not None else {}
    started = time.perf_counter()
    journeys = read_journeys(workbook, columns)
    timings["read"] = time.perf_counter() - started
    if inputs is not None:
        from mapgen.build.inputs import input_files, photo_paths

        inputs.extend([*input_files(workbook), *photo_paths(workbook)])
        if request.options.template is not None:
            inputs.append(request.options.template)
    if journeys.errors:
        # Every problem at once, warnings too, with the errors that stop the build.
        raise InputError(
            f"{workbook} has {len(journeys.errors)} error(s); fix them and build again", journeys.problems
        )
    started = time.perf_counter()
    theme = checked_theme(workbook, journeys, request)
    timings["theme"] = time.perf_counter() - started
    if inputs is not None:
        from mapgen.build.inputs import theme_files

        inputs.extend(theme_files(theme))
    if request.persona_subfolder and request.options.personas:
        out = persona_folder(out, journeys, request.options.personas)
    found = (*journeys.problems, *theme.warnings)
    if request.strict and found:
        # Nothing is made: the warnings are known before any file is.
        raise strict_failure(journeys.source, out, found)
    report(journeys.problems)
    report(theme.warnings)
    started = time.perf_counter()
    result = build_outputs(
        journeys,
        formats=request.formats,
        theme=theme,
        out=out,
        options=request.options,
        runner=runner,
        progress=progress,
        strict=request.strict,
    )
    timings["files"] = time.perf_counter() - started
    report(result.problems)
    return result


def persona_folder(out: Path, journeys: Journeys, wanted: Sequence[str]) -> Path:
    """Return where a build of some personas goes: out, or a subfolder when out holds more personas.

    A one-persona build swapped into a full build's folder would delete the other personas' files
    and replace the deck and report with one-persona ones; it goes to out/persona-<slug>/ instead.
    """
    from mapgen.build.personas import match_personas, subfolder_name

    chosen = match_personas(journeys.personas, wanted, journeys.source)
    built = personas_built_in(out)
    if built <= {p.name for p in chosen}:
        return out
    return out / subfolder_name(chosen, journeys.personas)


def personas_built_in(out: Path) -> set[str]:
    """Return the personas the last build into out made files for (none: no build there)."""
    import json

    from mapgen.build.swap import recover
    from mapgen.build.targets import MANIFEST

    recover(out)
    try:
        manifest = json.loads((out / MANIFEST).read_bytes())
        return {o["persona"] for o in manifest["outputs"] if isinstance(o.get("persona"), str)}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return set()
