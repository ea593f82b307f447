"""The mapgen command line: parse options, call the API, turn MapgenError into exit codes.

Heavy libraries (matplotlib, reportlab, python-pptx, openpyxl) are imported inside the commands
that need them, so `mapgen --help` stays fast. build and watch live in cli/build.py, the options
they share and the project file's part in cli/options.py, what every command shares in
cli/common.py.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from mapgen._version import __version__
from mapgen.cli.build import build, watch
from mapgen.cli.common import ENVIRONMENT, EXIT_INPUT, Group, common_options, count, report
from mapgen.cli.options import column_option
from mapgen.model import Journeys, Problem
from mapgen.samples.command import sample
from mapgen.scores import scale_of, scale_text, score_text

__all__ = ["main"]


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"], "show_default": True},
    epilog=ENVIRONMENT
    + "\n\b\nShell completion (bash; zsh and fish alike):\n"
    + '  eval "$(_MAPGEN_COMPLETE=bash_source mapgen)"',
)
@click.version_option(__version__, prog_name="mapgen")
@common_options
def main() -> None:
    """Turn customer-journey workbooks into infographics, decks and reports.

    --debug and -v work before or after the command's name.
    """


main.add_command(build)
main.add_command(watch)
main.add_command(sample)


def _load(workbook: Path, columns: tuple[tuple[str, str], ...]) -> Journeys:
    """Read a workbook (or another input) as build reads it: --column over the project file's [columns]."""
    from mapgen.project_file import load_project_file
    from mapgen.readers import read_journeys
    from mapgen.readers.headers import overlay

    folder = workbook if workbook.is_dir() else workbook.parent
    return read_journeys(workbook, overlay(load_project_file(folder).columns, columns))


def _summary(journeys: Journeys, problems: Sequence[Problem] = ()) -> str:
    """Return the one-line count of what was read; problems, those found beyond the workbook's own."""
    steps = sum(len(p.steps) for p in journeys.personas)
    warnings = len(journeys.warnings) + sum(1 for p in problems if p.is_warning)
    errors = len(journeys.errors) + sum(1 for p in problems if p.is_error)
    return (
        f"{journeys.source}: {count(len(journeys.personas), 'persona')}, "
        f"{count(len(journeys.stages), 'stage')}, {count(steps, 'step')}, "
        f"{count(warnings, 'warning')}, {count(errors, 'error')}"
    )


# A workbook, a CSV, Markdown, Mermaid or JSON file, or a folder of CSV files (one project).
WORKBOOK = click.argument("workbook", type=click.Path(path_type=Path))


@main.command()
@WORKBOOK
@column_option
@common_options
def validate(workbook: Path, columns: tuple[tuple[str, str], ...]) -> None:
    """Check a workbook, and the theme and template a build of it uses; report every problem at once."""
    from mapgen.build.batch import checked_theme
    from mapgen.cli.options import settings
    from mapgen.errors import MapgenError
    from mapgen.readers import read_journeys

    # The project file's theme, template and columns, as build merges them, and --column over them.
    chosen = settings(
        workbook if workbook.is_dir() else workbook.parent,
        no_config=False,
        out=None,
        theme_spec=None,
        formats=None,
        size=None,
        dpi=None,
        template=None,
        personas=(),
        strict=None,
        timestamp=False,
        columns=columns,
    )
    journeys = read_journeys(workbook, chosen.columns)
    beyond: list[Problem] = []
    exit_code = EXIT_INPUT if journeys.errors else 0
    if not journeys.errors:  # as build: the theme and template are looked at once the workbook reads
        try:
            beyond += checked_theme(workbook, journeys, chosen.request).warnings
        except MapgenError as error:
            beyond += error.problems or [Problem("error", error.message)]
            exit_code = error.exit_code
    report(journeys.problems)
    report(beyond)
    click.echo(_summary(journeys, beyond))
    if exit_code:
        sys.exit(exit_code)


@main.command()
@WORKBOOK
@click.option("--json", "as_json", is_flag=True, help="Print the journey model as JSON (schema 1).")
@column_option
@common_options
def inspect(workbook: Path, as_json: bool, columns: tuple[tuple[str, str], ...]) -> None:
    """Show what mapgen reads from a workbook."""
    journeys = _load(workbook, columns)
    if as_json:
        click.echo(json.dumps(journeys.to_json(), indent=2, ensure_ascii=False))
    else:
        report(journeys.problems)
        click.echo(_describe(journeys))
    if journeys.errors:
        sys.exit(EXIT_INPUT)


def _describe(journeys: Journeys) -> str:
    # Here, not at the top: the layout package is more than `mapgen --help` should load.
    from mapgen.stages import persona_stages

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
    project_stages = [stage.name for stage in journeys.stages]
    lines.append("Stages: " + " > ".join(project_stages))
    for persona in journeys.personas:
        role = persona.get("role")
        head = persona.name + (f", {role}" if isinstance(role, str) else "")
        what = "Service blueprint" if persona.kind == "blueprint" else "Persona"
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
            f"{what} {head} (sheet {persona.sheet}): {count(len(persona.steps), 'step')}{curve}{photo}"
        )
        own = persona_stages(journeys, persona)
        if own != project_stages:
            # Only when they differ: a persona with every stage of the project says nothing new.
            lines.append(f"  Own stages: {' > '.join(own)}")
        for stage in own:
            steps = persona.steps_in(stage)
            actions = "; ".join(step.action or "-" for step in steps) or "(no steps)"
            lines.append(f"  {stage}: {actions}")
    for sheet in dict.fromkeys(m.sheet for m in journeys.metrics):
        figures = [m for m in journeys.metrics if m.sheet == sheet]
        measures = len({m.name for m in figures})
        stages = len({m.stage for m in figures})
        lines.append(
            f"Metrics sheet {sheet}: {count(len(figures), 'figure')} of {count(measures, 'measure')} "
            f"for {count(stages, 'stage')}"
        )
    for skipped in journeys.skipped_sheets:
        lines.append(f"Skipped sheet {skipped.sheet}: {skipped.reason}")
    lines.append(_summary(journeys))
    return "\n".join(lines)


@main.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@common_options
def template(path: Path, force: bool) -> None:
    """Write a starter workbook to fill in."""
    from mapgen.starter import write_template

    write_template(path, force=force)
    click.echo(f"Wrote {path}. Fill it in, then run: mapgen validate {path}")


@main.group(cls=Group, invoke_without_command=True)
@common_options
@click.pass_context
def themes(ctx: click.Context) -> None:
    """List the built-in themes (show NAME, check PATH)."""
    if ctx.invoked_subcommand is None:
        from mapgen.themes import list_themes

        for name, description in list_themes():
            click.echo(f"{name:<16}{description}")


@themes.command("show")
@click.argument("name")
@common_options
def themes_show(name: str) -> None:
    """Print a theme's values after inheritance."""
    from mapgen.themes import load_theme, theme_to_toml

    theme = load_theme(name)
    report(theme.warnings)
    click.echo(theme_to_toml(theme))


@themes.command("check")
@click.argument("path")
@common_options
def themes_check(path: str) -> None:
    """Validate a theme file and report every problem at once."""
    from mapgen.themes import load_theme

    theme = load_theme(path)
    report(theme.warnings)
    click.echo(f"{path}: OK, {count(len(theme.warnings), 'warning')}")


if __name__ == "__main__":  # pragma: no cover
    main()
