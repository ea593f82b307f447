"""The mapgen command line: parse options, call the API, turn MapgenError into exit codes.

Heavy libraries (matplotlib, reportlab, python-pptx, openpyxl) are imported inside the commands
that need them, so `mapgen --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from mapgen._version import __version__
from mapgen.errors import MapgenError
from mapgen.model import Journeys, Problem
from mapgen.samples import sample_path
from mapgen.samples.command import sample
from mapgen.scores import scale_of, scale_text, score_text

EXIT_INPUT = 1


class _Group(click.Group):
    """A click group that reports MapgenError as one line per problem, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MapgenError as error:
            if ctx.meta.get("mapgen.debug"):
                raise
            _report(error.problems or [], fallback=error.message)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            _interrupted()
            ctx.exit(130)
        except Exception as error:
            if ctx.meta.get("mapgen.debug"):
                raise
            click.echo(f"mapgen: internal error: {error!r} (run with --debug for the traceback)", err=True)
            ctx.exit(EXIT_INPUT)


def _interrupted() -> None:
    """Say that Ctrl-C stopped mapgen; a second Ctrl-C while it exits must not print a traceback."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():  # the only thread that may set it
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    click.echo("Interrupted.", err=True)


def _report(problems: Iterable[Problem], fallback: str = "") -> None:
    problems = list(problems)
    for problem in problems:
        click.echo(str(problem), err=True)
    if not problems and fallback:
        click.echo(f"mapgen: {fallback}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mapgen")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn customer-journey workbooks into infographics, decks and reports."""
    ctx.meta["mapgen.debug"] = debug


def _load(workbook: Path) -> Journeys:
    from mapgen.readers import read_workbook

    return read_workbook(workbook)


def _summary(journeys: Journeys) -> str:
    steps = sum(len(p.steps) for p in journeys.personas)
    return (
        f"{journeys.source}: {_count(len(journeys.personas), 'persona')}, "
        f"{_count(len(journeys.stages), 'stage')}, {_count(steps, 'step')}, "
        f"{_count(len(journeys.warnings), 'warning')}, {_count(len(journeys.errors), 'error')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


WORKBOOK = click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))


@main.command()
@WORKBOOK
def validate(workbook: Path) -> None:
    """Check a workbook and report every problem at once."""
    journeys = _load(workbook)
    _report(journeys.problems)
    click.echo(_summary(journeys))
    if journeys.errors:
        sys.exit(EXIT_INPUT)


@main.command()
@WORKBOOK
@click.option("--json", "as_json", is_flag=True, help="Print the journey model as JSON (schema 1).")
def inspect(workbook: Path, as_json: bool) -> None:
    """Show what mapgen reads from a workbook."""
    journeys = _load(workbook)
    if as_json:
        click.echo(json.dumps(journeys.to_json(), indent=2, ensure_ascii=False))
    else:
        _report(journeys.problems)
        click.echo(_describe(journeys))
    if journeys.errors:
        sys.exit(EXIT_INPUT)


def _describe(journeys: Journeys) -> str:
    project = journeys.project
    lines = [project.title or journeys.source]
    for label, value in (
        ("Client", project.client),
        ("Prepared by", project.prepared_by),
        ("Date", project.date),
        ("Version", project.version),
        ("Theme", project.theme),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append("Stages: " + " > ".join(stage.name for stage in journeys.stages))
    for persona in journeys.personas:
        role = persona.get("role")
        head = persona.name + (f", {role}" if isinstance(role, str) else "")
        scores = [s.score for s in persona.steps if s.score is not None]
        scale = scale_of(persona)
        curve = (
            f", scores from {score_text(min(scores), scale)} to {score_text(max(scores), scale)} "
            f"(scale {scale_text(scale)})"
            if scores
            else ", no scores"
        )
        photo = ", photo" if persona.photo else ""
        lines.append(
            f"Persona {head} (sheet {persona.sheet}): {_count(len(persona.steps), 'step')}{curve}{photo}"
        )
        for stage in journeys.stages:
            steps = persona.steps_in(stage.name)
            actions = "; ".join(step.action or "-" for step in steps) or "(no steps)"
            lines.append(f"  {stage.name}: {actions}")
    for skipped in journeys.skipped_sheets:
        lines.append(f"Skipped sheet {skipped.sheet}: {skipped.reason}")
    lines.append(_summary(journeys))
    return "\n".join(lines)


DEFAULT_WORKBOOK = sample_path()  # inside the package: `mapgen build` works in any folder


def _formats(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    from mapgen.build.formats import format_names

    unknown = [name for name in names if name not in format_names()]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}; choose from {', '.join(format_names())}")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise click.BadParameter(f"{', '.join(twice)} is named twice; name each format once")
    return names


def _build_options(command: Any) -> Any:
    """Add the options build and watch share."""
    options = [
        click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder."),
        click.option("--theme", "theme_spec", metavar="NAME|PATH", help="A built-in theme or a .toml file."),
        click.option(
            "--format", "formats", callback=_formats, metavar="png,pptx,pdf", help="Formats to write."
        ),
        click.option("--size", type=click.Choice(["slide", "a4", "poster"]), help="PNG size preset."),
        click.option("--dpi", type=click.IntRange(36, 1200), help="PNG resolution."),
        click.option(
            "--template",
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="Client .pptx/.potx to build the deck on.",
        ),
        click.option(
            "--persona", "personas", multiple=True, metavar="NAME", help="Build only these personas."
        ),
        click.option(
            "--timestamp", is_flag=True, help="Record the build time in the report (else reproducible)."
        ),
        click.option(
            "--jobs", "-j", type=click.IntRange(1, 64), help="Processes to use (default: all cores)."
        ),
        click.option("--force", is_flag=True, help="Make every file again, ignoring the cache."),
        click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _request(
    theme_spec: str | None,
    formats: list[str] | None,
    size: str | None,
    dpi: int | None,
    template: Path | None,
    personas: tuple[str, ...],
    timestamp: bool,
) -> Any:
    import datetime as dt

    from mapgen.build.batch import Request
    from mapgen.build.tasks import Options

    moment = dt.datetime.now(dt.UTC).replace(microsecond=0) if timestamp else None
    options = Options(png_size=size, dpi=dpi, template=template, personas=personas, timestamp=moment)  # type: ignore[arg-type]
    return Request(theme=theme_spec, formats=formats, options=options)


def _runner(jobs: int | None, force: bool) -> Any:
    from mapgen.build.cache import Cache, default_folder
    from mapgen.build.runner import Runner

    return Runner(jobs=jobs, cache=Cache(default_folder()), reuse=not force)


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path, exists=True), default=DEFAULT_WORKBOOK)
@_build_options
@click.option("--json", "as_json", is_flag=True, help="Print the manifest(s) as JSON on stdout.")
def build(
    workbook: Path,
    out: Path | None,
    theme_spec: str | None,
    formats: list[str] | None,
    size: str | None,
    dpi: int | None,
    template: Path | None,
    personas: tuple[str, ...],
    timestamp: bool,
    jobs: int | None,
    force: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Build the deliverables of a workbook or a folder of workbooks (default: the bundled sample)."""
    import time

    from mapgen.build.batch import build_workbook, is_stale, output_folder, workbooks_in
    from mapgen.build.formats import worker_modules
    from mapgen.build.progress import progress_for

    started = time.perf_counter()
    request = _request(theme_spec, formats, size, dpi, template, personas, timestamp)
    batch = workbook.is_dir()
    books = workbooks_in(workbook) if batch else [workbook]
    progress = progress_for(quiet=quiet)
    manifests, failed = [], []
    written = unchanged = warnings = 0
    with _runner(jobs, force) as runner:
        if force or any(is_stale(output_folder(book, out, batch=batch), book) for book in books):
            runner.warm_up(worker_modules(request.formats))
        for book in books:
            try:
                result = build_workbook(
                    book,
                    output_folder(book, out, batch=batch),
                    request,
                    runner=runner,
                    progress=progress,
                    report=None if quiet else _report,
                )
            except MapgenError as error:
                if not batch:
                    raise
                _report(error.problems, fallback=error.message)
                failed.append(book.name)
                continue
            manifests.append(result.manifest)
            written += len(result.written)
            unchanged += len(result.unchanged)
            warnings += sum(1 for p in result.manifest["problems"] if p["severity"] == "warning")
            warnings += len(result.notes)  # the cache's, reported but kept out of the manifest
    if as_json:
        click.echo(json.dumps(manifests if batch else manifests[0], indent=2, ensure_ascii=False))
    if not quiet:
        where = out or (Path("outputs") if batch else output_folder(workbook, out, batch=False))
        kept = f" ({unchanged} unchanged)" if unchanged else ""
        seconds = time.perf_counter() - started
        files, found = _count(written, "file"), _count(warnings, "warning")
        click.echo(f"Wrote {files}{kept} to {where} in {seconds:.1f} s, {found}.", err=as_json)
    if failed:
        click.echo(f"mapgen: {_count(len(failed), 'workbook')} failed: {', '.join(failed)}", err=True)
        sys.exit(EXIT_INPUT)


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@_build_options
@click.option(
    "--debounce",
    type=click.FloatRange(0.05, 60),
    default=0.5,
    show_default=True,
    help="Seconds of quiet after a save.",
)
def watch(
    workbook: Path,
    out: Path | None,
    theme_spec: str | None,
    formats: list[str] | None,
    size: str | None,
    dpi: int | None,
    template: Path | None,
    personas: tuple[str, ...],
    timestamp: bool,
    jobs: int | None,
    force: bool,
    quiet: bool,
    debounce: float,
) -> None:
    """Rebuild a workbook every time it is saved; Ctrl-C stops."""
    import time

    from mapgen.build.batch import build_workbook, output_folder
    from mapgen.build.formats import worker_modules
    from mapgen.build.progress import progress_for
    from mapgen.build.watch import watch as watch_file

    request = _request(theme_spec, formats, size, dpi, template, personas, timestamp)
    target = output_folder(workbook, out, batch=False)
    progress = progress_for(quiet=quiet)

    def build_once() -> None:
        started = time.perf_counter()
        result = build_workbook(workbook, target, request, runner=runner, progress=progress, report=_report)
        if not quiet:
            seconds = time.perf_counter() - started
            click.echo(
                f"Built {workbook.name}: {_count(len(result.written), 'file')} changed in {seconds:.1f} s."
            )

    def show(error: MapgenError | OSError) -> None:
        if isinstance(error, MapgenError):
            _report(error.problems, fallback=error.message)
        else:
            click.echo(f"mapgen: {workbook}: {error.strerror or error}; still watching", err=True)

    if not quiet:
        click.echo(f"Watching {workbook} (Ctrl-C stops).")
    with _runner(jobs, force) as runner:
        runner.warm_up(worker_modules(request.formats))
        try:
            watch_file(workbook, build_once, show, debounce=debounce)
        except KeyboardInterrupt:
            if not quiet:
                click.echo("Stopped watching.")


@main.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def template(path: Path, force: bool) -> None:
    """Write a starter workbook to fill in."""
    from mapgen.starter import write_template

    write_template(path, force=force)
    click.echo(f"Wrote {path}. Fill it in, then run: mapgen validate {path}")


@main.group(cls=_Group, invoke_without_command=True)
@click.pass_context
def themes(ctx: click.Context) -> None:
    """List the built-in themes (show NAME, check PATH)."""
    if ctx.invoked_subcommand is None:
        from mapgen.themes import list_themes

        for name, description in list_themes():
            click.echo(f"{name:<16}{description}")


@themes.command("show")
@click.argument("name")
def themes_show(name: str) -> None:
    """Print a theme's values after inheritance."""
    from mapgen.themes import load_theme, theme_to_toml

    theme = load_theme(name)
    _report(theme.warnings)
    click.echo(theme_to_toml(theme))


@themes.command("check")
@click.argument("path")
def themes_check(path: str) -> None:
    """Validate a theme file and report every problem at once."""
    from mapgen.themes import load_theme

    theme = load_theme(path)
    _report(theme.warnings)
    click.echo(f"{path}: OK, {_count(len(theme.warnings), 'warning')}")


main.add_command(sample)


if __name__ == "__main__":  # pragma: no cover
    main()
