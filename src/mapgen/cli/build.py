"""`mapgen build` and `mapgen watch`: settings from the command line and the project file, a summary."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mapgen.cli.common import ENVIRONMENT, Reporter, common_options, count, report, verbose
from mapgen.cli.options import Settings, build_options, settings
from mapgen.errors import MapgenError
from mapgen.samples import sample_path

if TYPE_CHECKING:
    from mapgen.build.pipeline import BuildResult
    from mapgen.build.progress import Progress
    from mapgen.build.runner import Done, Runner

DEFAULT_WORKBOOK = sample_path()  # inside the package: `mapgen build` works in any folder
EXIT_INPUT = 1


class Tally:
    """Passes progress on, counting the files made anew and those taken from the cache."""

    def __init__(self, inner: Progress) -> None:
        self.inner = inner
        self.made = 0
        self.cached = 0

    def start(self, label: str, total: int) -> None:
        """Start the display."""
        self.inner.start(label, total)

    def done(self, outcome: Done) -> None:
        """Count a finished file (not a part) and show it."""
        if not outcome.part:
            if outcome.cached:
                self.cached += 1
            else:
                self.made += 1
        self.inner.done(outcome)

    def finish(self) -> None:
        """End the display."""
        self.inner.finish()


@dataclass
class Totals:
    """What the builds of a command did to the output folders, added up."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, result: BuildResult, asked: Path) -> None:
        """Count one workbook's build; note when it went to a persona subfolder."""
        self.written += len(result.written)
        self.unchanged += len(result.unchanged)
        self.removed += len(result.removed)
        if result.out != asked:
            names = sorted({o["persona"] for o in result.manifest["outputs"] if o.get("persona")})
            self.notes.append(
                f"Built only {', '.join(names)}, into {result.out}: {asked} holds the build of every "
                "persona and is left as it is (--out chooses another folder)"
            )


def summary(where: Path, totals: Totals, tally: Tally, seconds: float, warnings: int) -> str:
    """Return the closing line: files written, left unchanged and removed; made or from the cache."""
    kept = [f"{totals.unchanged} already up to date"] if totals.unchanged else []
    if totals.removed:
        kept.append(f"{totals.removed} removed")
    how = ""
    if tally.cached:
        how = (
            f"{tally.made} made, {tally.cached} from the cache"
            if tally.made
            else f"all {tally.cached} from the cache"
        )
    elif tally.made and totals.unchanged:
        # --force (or an emptied cache): made again, to the same bytes, so the files there stay.
        how = f"{tally.made} made anew"
    details = ", ".join(kept) + ("; " if kept and how else "") + how
    details = f" ({details})" if details else ""
    found = count(warnings, "warning")
    return f"Wrote {count(totals.written, 'file')} to {where}{details} in {seconds:.1f} s, {found}."


def _runner(jobs: int | None, force: bool) -> Runner:
    from mapgen.build.cache import Cache, default_folder
    from mapgen.build.runner import Runner

    return Runner(jobs=jobs, cache=Cache(default_folder()), reuse=not force)


def _settings(folder: Path, values: dict[str, Any]) -> Settings:
    keys = ("out", "theme_spec", "formats", "size", "dpi", "template", "personas", "strict", "timestamp")
    given = {"no_config": values["no_config"], "columns": values["columns"]}
    return settings(folder, **given, **{k: values[k] for k in keys})


def _timings(book: Path, timings: dict[str, float]) -> None:
    spent = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items())
    click.echo(f"{book.name}: {spent}", err=True)


@click.command(epilog=ENVIRONMENT)
@click.argument("workbook", type=click.Path(path_type=Path, exists=True), default=DEFAULT_WORKBOOK)
@build_options
@click.option("--json", "as_json", is_flag=True, help="Print the manifest(s) as JSON on stdout.")
@common_options
def build(workbook: Path, jobs: int | None, force: bool, quiet: bool, as_json: bool, **values: Any) -> None:
    """Build the deliverables of a workbook or a folder of workbooks (default: the bundled sample)."""
    from mapgen.build.batch import build_workbook, is_csv_project, is_stale, output_folder, workbooks_in
    from mapgen.build.formats import worker_modules
    from mapgen.build.progress import progress_for

    started = time.perf_counter()
    # A folder of CSV files is one project, built as one workbook is; a folder of workbooks, a batch.
    batch = workbook.is_dir() and not is_csv_project(workbook)
    chosen = _settings(workbook if workbook.is_dir() else workbook.parent, values)
    books = workbooks_in(workbook) if batch else [workbook]
    tally = Tally(progress_for(quiet=quiet, verbose=verbose()))
    shown = Reporter(show_all=verbose())
    manifests, failed = [], []
    totals = Totals()
    with _runner(jobs, force) as runner:
        targets = {book: output_folder(book, chosen.out, batch=batch) for book in books}
        if force or any(is_stale(targets[book], book) for book in books):
            runner.warm_up(worker_modules(chosen.request.formats))
        for book in books:
            timings: dict[str, float] = {}
            try:
                result = build_workbook(
                    book,
                    targets[book],
                    chosen.request,
                    runner=runner,
                    progress=tally,
                    report=(lambda _p: None) if quiet else shown,
                    timings=timings,
                    columns=chosen.columns,
                )
            except MapgenError as error:
                if not batch:
                    raise
                report(error.problems, fallback=error.message)
                failed.append(book.name)
                continue
            finally:
                if verbose() and not quiet and timings:
                    _timings(book, timings)
            manifests.append(result.manifest)
            totals.add(result, targets[book])
    shown.close()
    if as_json:
        click.echo(json.dumps(manifests if batch else manifests[0], indent=2, ensure_ascii=False))
    if not quiet:
        for note in totals.notes:
            click.echo(note, err=as_json)
        where = chosen.out or Path("outputs")
        if not batch:
            where = result.out
        click.echo(summary(where, totals, tally, time.perf_counter() - started, shown.warnings), err=as_json)
    if failed:
        click.echo(f"mapgen: {count(len(failed), 'workbook')} failed: {', '.join(failed)}", err=True)
        sys.exit(EXIT_INPUT)


@click.command(epilog=ENVIRONMENT)
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@build_options
@click.option(
    "--debounce",
    type=click.FloatRange(0.05, 60),
    default=0.5,
    show_default=True,
    help="Seconds of quiet after a save.",
)
@common_options
def watch(workbook: Path, jobs: int | None, force: bool, quiet: bool, debounce: float, **values: Any) -> None:
    """Rebuild a workbook whenever it or another input is saved (theme, template, photos); Ctrl-C stops."""
    from mapgen.build.batch import build_workbook, output_folder
    from mapgen.build.formats import worker_modules
    from mapgen.build.progress import progress_for
    from mapgen.build.watch import watch as watch_files

    chosen = _settings(workbook.parent, values)
    target = output_folder(workbook, chosen.out, batch=False)
    progress = progress_for(quiet=quiet, verbose=verbose())
    watched: list[Path] = _first_inputs(workbook, chosen)

    def build_once() -> None:
        nonlocal chosen, watched, target
        started = time.perf_counter()
        read: list[Path] = []
        try:
            # The project file is an input too: a save of it is read again here.
            chosen = _settings(workbook.parent, values)
            target = output_folder(workbook, chosen.out, batch=False)
            tally, shown = Tally(progress), Reporter(show_all=True)
            result = build_workbook(
                workbook,
                target,
                chosen.request,
                runner=runner,
                progress=tally,
                report=shown,
                inputs=read,
                columns=chosen.columns,
            )
        except MapgenError as error:
            # Keep watching what was read, and the file in error: fixing it is a save to see.
            named = [Path(p.file) for p in error.problems if p.file and Path(p.file).is_file()]
            watched = list(dict.fromkeys([*_first_inputs(workbook, chosen), *watched, *read, *named]))
            raise
        watched = list(dict.fromkeys([*_first_inputs(workbook, chosen), *read]))
        if not quiet:
            totals = Totals()
            totals.add(result, target)
            for note in totals.notes:
                click.echo(note)
            seconds = time.perf_counter() - started
            click.echo(summary(result.out, totals, tally, seconds, shown.warnings))

    def show(error: MapgenError | OSError) -> None:
        if isinstance(error, MapgenError):
            report(error.problems, fallback=error.message)
        else:
            click.echo(f"mapgen: {workbook}: {error.strerror or error}; still watching", err=True)

    if not quiet:
        click.echo(f"Watching {workbook} and the files its build reads (Ctrl-C stops).")
    with _runner(jobs, force) as runner:
        runner.warm_up(worker_modules(chosen.request.formats))
        try:
            watch_files(workbook, build_once, show, inputs=lambda: watched, debounce=debounce)
        except KeyboardInterrupt:
            if not quiet:
                click.echo("Stopped watching.")


def _first_inputs(workbook: Path, chosen: Settings) -> list[Path]:
    """Return the inputs known before a build reads anything: the project file, a theme or template path."""
    from mapgen.project_file import FILE_NAME, PYPROJECT
    from mapgen.themes.finding import is_path_spec

    # Both places a project file may be, whether or not one is there yet: adding one is a change.
    found = [workbook, workbook.parent / FILE_NAME, workbook.parent / PYPROJECT]
    theme = chosen.request.theme
    if theme and is_path_spec(theme):
        found.append(Path(theme))
    if chosen.request.options.template is not None:
        found.append(chosen.request.options.template)
    return found
