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

from mapgen import __version__
from mapgen.errors import MapgenError
from mapgen.model import Journeys, Problem

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
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Exception as error:
            if ctx.meta.get("mapgen.debug"):
                raise
            click.echo(f"mapgen: internal error: {error!r} (run with --debug for the traceback)", err=True)
            ctx.exit(EXIT_INPUT)


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
        curve = f", scores {min(scores):+.2f}..{max(scores):+.2f}" if scores else ", no scores"
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


DEFAULT_WORKBOOK = Path("inputs/example.xlsx")


def _formats(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    from mapgen.build import writer_names

    unknown = [name for name in names if name not in writer_names()]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}; choose from {', '.join(writer_names())}")
    return names


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_WORKBOOK)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
@click.option("--theme", "theme_spec", metavar="NAME|PATH", help="A built-in theme or a .toml file.")
@click.option("--format", "formats", callback=_formats, metavar="png,pptx,pdf", help="Formats to write.")
@click.option("--size", type=click.Choice(["slide", "a4", "poster"]), help="PNG size preset.")
@click.option("--dpi", type=click.IntRange(36, 1200), help="PNG resolution.")
@click.option(
    "--template", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="Client .pptx/.potx."
)
@click.option("--persona", "personas", multiple=True, metavar="NAME", help="Build only these personas.")
def build(
    workbook: Path,
    out: Path | None,
    theme_spec: str | None,
    formats: list[str] | None,
    size: str | None,
    dpi: int | None,
    template: Path | None,
    personas: tuple[str, ...],
) -> None:
    """Build the deliverables of a workbook (default: the bundled sample)."""
    import time

    from mapgen.build import Options, build_outputs, resolve_theme

    started = time.perf_counter()
    journeys = _load(workbook)
    _report(journeys.problems)
    theme = resolve_theme(theme_spec, journeys, workbook)
    _report(theme.warnings)
    out = out or Path("outputs") / workbook.stem
    options = Options(png_size=size, dpi=dpi, template=template, personas=personas)  # type: ignore[arg-type]
    result = build_outputs(journeys, formats=formats, theme=theme, out=out, options=options)
    _report(result.problems)
    seconds = time.perf_counter() - started
    warnings = len(journeys.warnings) + len(theme.warnings) + len(result.problems)
    files = _count(len(result.written), "file")
    click.echo(f"Wrote {files} to {out} in {seconds:.1f} s, {_count(warnings, 'warning')}.")


@main.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def template(path: Path, force: bool) -> None:
    """Write a starter workbook to fill in."""
    from mapgen.template import write_template

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


if __name__ == "__main__":  # pragma: no cover
    main()
