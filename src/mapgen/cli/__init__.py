"""The mapgen command line: parse options, call the API, turn MapgenError into exit codes.

Heavy libraries (matplotlib, reportlab, python-pptx, openpyxl) are imported inside the commands
that need them, so `mapgen --help` stays fast. build and watch live in cli/build.py, the options
they share and the project file's part in cli/options.py, what every command shares in
cli/common.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mapgen._version import __version__
from mapgen.cli.build import build, watch
from mapgen.cli.common import ENVIRONMENT, EXIT_INPUT, Group, common_options, count, report
from mapgen.model import Journeys
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


def _load(workbook: Path) -> Journeys:
    """Read a workbook (or another input) with the [columns] of the project file beside it, as build does."""
    from mapgen.project_file import load_project_file
    from mapgen.readers import read_journeys

    folder = workbook if workbook.is_dir() else workbook.parent
    return read_journeys(workbook, load_project_file(folder).columns)


def _summary(journeys: Journeys) -> str:
    steps = sum(len(p.steps) for p in journeys.personas)
    return (
        f"{journeys.source}: {count(len(journeys.personas), 'persona')}, "
        f"{count(len(journeys.stages), 'stage')}, {count(steps, 'step')}, "
        f"{count(len(journeys.warnings), 'warning')}, {count(len(journeys.errors), 'error')}"
    )


# A workbook, a CSV, Markdown, Mermaid or JSON file, or a folder of CSV files (one project).
WORKBOOK = click.argument("workbook", type=click.Path(path_type=Path))


@main.command()
@WORKBOOK
@common_options
def validate(workbook: Path) -> None:
    """Check a workbook and report every problem at once."""
    journeys = _load(workbook)
    report(journeys.problems)
    click.echo(_summary(journeys))
    if journeys.errors:
        sys.exit(EXIT_INPUT)


@main.command()
@WORKBOOK
@click.option("--json", "as_json", is_flag=True, help="Print the journey model as JSON (schema 1).")
@common_options
def inspect(workbook: Path, as_json: bool) -> None:
    """Show what mapgen reads from a workbook."""
    journeys = _load(workbook)
    if as_json:
        click.echo(json.dumps(journeys.to_json(), indent=2, ensure_ascii=False))
    else:
        report(journeys.problems)
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
            f"Persona {head} (sheet {persona.sheet}): {count(len(persona.steps), 'step')}{curve}{photo}"
        )
        for stage in journeys.stages:
            steps = persona.steps_in(stage.name)
            actions = "; ".join(step.action or "-" for step in steps) or "(no steps)"
            lines.append(f"  {stage.name}: {actions}")
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
