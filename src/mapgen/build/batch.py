"""Build one workbook or a folder of them, each into its own output folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mapgen.build.tasks import Options
from mapgen.errors import InputError
from mapgen.model import Problem

if TYPE_CHECKING:
    from mapgen.build.pipeline import BuildResult
    from mapgen.build.progress import Progress
    from mapgen.build.runner import Runner

DEFAULT_OUT = Path("outputs")
Report = Callable[[Iterable[Problem]], None]


@dataclass(frozen=True)
class Request:
    """What to build of each workbook: the theme, the formats and the options."""

    theme: str | None = None  # --theme; None: the workbook's Theme field, else default
    formats: Sequence[str] | None = None  # None: every format
    options: Options = field(default_factory=Options)


def workbooks_in(folder: Path) -> list[Path]:
    """Return the workbooks of a folder, skipping Excel's ~$ lock files and hidden files."""
    found = sorted(p for p in folder.glob("*.xlsx") if p.is_file() and not p.name.startswith(("~$", ".")))
    if not found:
        raise InputError.at(str(folder), "this folder holds no .xlsx workbook; point mapgen at one")
    return found


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
    from mapgen.build.pipeline import MANIFEST

    try:
        return workbook.stat().st_mtime_ns > (out / MANIFEST).stat().st_mtime_ns
    except OSError:
        return True


def build_workbook(
    workbook: Path,
    out: Path,
    request: Request,
    *,
    runner: Runner | None = None,
    progress: Progress | None = None,
    report: Report | None = None,
) -> BuildResult:
    """Read a workbook, report its warnings and build its deliverables into out."""
    from mapgen.build.pipeline import build_outputs, resolve_theme
    from mapgen.readers import read_workbook

    report = report or (lambda _problems: None)
    journeys = read_workbook(workbook)
    if journeys.errors:
        # Every problem at once, warnings too, with the errors that stop the build.
        raise InputError(
            f"{workbook} has {len(journeys.errors)} error(s); fix them and build again", journeys.problems
        )
    report(journeys.problems)
    theme = resolve_theme(request.theme, journeys, workbook)
    report(theme.warnings)
    result = build_outputs(
        journeys,
        formats=request.formats,
        theme=theme,
        out=out,
        options=request.options,
        runner=runner,
        progress=progress,
    )
    report(result.problems)
    return result
