"""The options `mapgen build` and `mapgen watch` share, and how they combine with the project file."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from mapgen.build.batch import Request
    from mapgen.project_file import ProjectFile

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_NAMES = ("png", "pptx", "pdf")  # for --help only; the registry (build/formats.py) decides


def _formats(_ctx: click.Context, _param: click.Parameter, values: Sequence[str]) -> list[str] | None:
    """Return the formats of every --format, each a name or a comma-separated list of names."""
    names = [name.strip().lower() for value in values for name in value.split(",") if name.strip()]
    if not names:
        return None
    from mapgen.build.formats import format_names

    unknown = [name for name in names if name not in format_names()]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}; choose from {', '.join(format_names())}")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise click.BadParameter(f"{', '.join(twice)} is named twice; name each format once")
    return names


def _columns(
    _ctx: click.Context, _param: click.Parameter, values: Sequence[str]
) -> tuple[tuple[str, str], ...]:
    """Return the header -> field pairs of every --column "HEADER=FIELD", every wrong one named."""
    from mapgen.readers.headers import STEP_FIELDS, normalise, step_field

    pairs: dict[str, tuple[str, str]] = {}  # the header as matched -> the header as written, its field
    wrong: list[str] = []
    for value in values:
        header, equals, name = (part.strip() for part in value.rpartition("="))
        field = step_field(name) if name else None
        if not equals:
            wrong.append(f'"{value}" has no "="; give the header, then its field: --column "Section=stage"')
        elif not normalise(header):
            wrong.append(f'"{value}": give the header as the workbook writes it before the "="')
        elif field is None:
            wrong.append(f'"{value}": "{name}" is not a step field; choose from {", ".join(STEP_FIELDS)}')
        elif pairs.get(normalise(header), (header, field))[1] != field:
            other = pairs[normalise(header)]
            wrong.append(f'"{value}" and "{other[0]}={other[1]}" give one header two fields; keep one')
        else:
            pairs[normalise(header)] = (header, field)
    if wrong:
        raise click.BadParameter("; ".join(wrong))
    return tuple(pairs.values())


def column_option(command: F) -> F:
    """Add --column, the workbook's own header names, to a command that reads a workbook."""
    return click.option(
        "--column",
        "columns",
        multiple=True,
        callback=_columns,
        metavar='"HEADER=FIELD"',
        help='A header of the workbook and the step field it holds, e.g. --column "Section=stage"; '
        "repeatable. Beats the project file's [columns] and the workbook's Columns sheet.",
    )(command)


def build_options(command: F) -> F:
    """Add the options build and watch share."""
    options = [
        click.option(
            "--out",
            type=click.Path(path_type=Path, file_okay=False),
            show_default="outputs/<workbook>, or the project file's out",
            help="Output folder.",
        ),
        click.option(
            "--theme",
            "theme_spec",
            metavar="NAME|PATH",
            show_default="the workbook's Theme field, else default",
            help="A built-in theme or a .toml file.",
        ),
        click.option(
            "--format",
            "formats",
            multiple=True,
            callback=_formats,
            metavar="png,pptx,pdf",
            show_default="all three",
            help="Formats to write; repeat it or separate names with commas.",
        ),
        click.option(
            "--size",
            type=click.Choice(["slide", "a4", "poster"]),
            show_default="the theme's, slide in the built-in themes",
            help="PNG size preset.",
        ),
        click.option(
            "--dpi", type=click.IntRange(36, 1200), show_default="the size preset's", help="PNG resolution."
        ),
        click.option(
            "--template",
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            show_default="the theme's template, else none",
            help="Client .pptx/.potx to build the deck on.",
        ),
        click.option(
            "--persona",
            "personas",
            multiple=True,
            metavar="NAME",
            help="Build only this persona (a name, any case or accents, or its file's slug); repeatable. "
            "Into a folder holding a full build, it builds into a persona-<slug> folder inside it.",
        ),
        click.option(
            "--strict/--no-strict",
            default=None,
            show_default="off",
            help="For CI: any warning fails the build (exit 1) and the output folder is left as it was.",
        ),
        click.option(
            "--timestamp",
            is_flag=True,
            help="Record the build time in the report (SOURCE_DATE_EPOCH if set); else reproducible.",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1, 64),
            show_default="every core",
            help="Processes to use.",
        ),
        click.option("--force", is_flag=True, help="Make every file again, ignoring the cache."),
        click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors."),
        click.option(
            "--no-config",
            is_flag=True,
            help="Ignore the project file (mapgen.toml or pyproject.toml's [tool.mapgen]).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return column_option(command)


@dataclass(frozen=True)
class Settings:
    """One build's settings: the command line's, else the project file's, else mapgen's defaults."""

    request: Request
    out: Path | None  # None: outputs/<workbook stem>
    out_given: bool  # --out on the command line
    project: ProjectFile
    # The workbook's own header names: --column over the project file's [columns] (the reader lays
    # both over the workbook's Columns sheet).
    columns: tuple[tuple[str, str], ...] = ()


def settings(
    folder: Path,
    *,
    no_config: bool,
    out: Path | None,
    theme_spec: str | None,
    formats: list[str] | None,
    size: str | None,
    dpi: int | None,
    template: Path | None,
    personas: tuple[str, ...],
    strict: bool | None,
    timestamp: bool,
    columns: tuple[tuple[str, str], ...] = (),
) -> Settings:
    """Merge the command line over the project file of folder (the workbook's)."""
    from mapgen.build.batch import Request
    from mapgen.build.tasks import Options
    from mapgen.project_file import ProjectFile, load_project_file
    from mapgen.readers.headers import overlay

    project = ProjectFile() if no_config else load_project_file(folder)
    moment = _moment() if timestamp else None
    options = Options(
        png_size=size or project.size,  # type: ignore[arg-type]
        dpi=dpi or project.dpi,
        template=template or project.template,
        personas=personas or project.personas,
        timestamp=moment,
    )
    request = Request(
        theme=theme_spec or project.theme,
        formats=formats or (list(project.formats) if project.formats else None),
        options=options,
        strict=bool(project.strict if strict is None else strict),
        persona_subfolder=out is None,
    )
    given = overlay(project.columns, columns)
    return Settings(request, out or project.out, out is not None, project, given)


def _moment() -> dt.datetime:
    """Return the time --timestamp records: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise click.UsageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a time: give whole seconds since 1970, or unset it"
        ) from None
