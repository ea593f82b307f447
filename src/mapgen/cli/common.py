"""What every command shares: errors as one line each, --debug and --verbose anywhere, colour."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO, TypeVar

import click

from mapgen.errors import MapgenError
from mapgen.model import Problem

EXIT_INPUT = 1
EXIT_INTERRUPTED = 130
WARNINGS_SHOWN = 20  # past this, a build says how many more there are; -v shows every one

F = TypeVar("F", bound=Callable[..., Any])

ENVIRONMENT = """\b
Environment:
  MAPGEN_CACHE_DIR        the build cache (default: ~/.cache/mapgen)
  MAPGEN_FONT_DIRS        more font folders, separated by ':' (';' on Windows)
  MAPGEN_NO_SYSTEM_FONTS  1: only mapgen's and matplotlib's fonts
  NO_COLOR                any value: no colour (colour is used only on a terminal)
  SOURCE_DATE_EPOCH       with --timestamp: the time to record (seconds since 1970)

\b
Exit codes:
  0    all is well
  1    an input has errors (or warnings, with --strict); nothing was replaced
  2    a wrong command line
  130  interrupted (Ctrl-C)
"""


class Group(click.Group):
    """A click group that reports MapgenError as one line per problem, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MapgenError as error:
            if ctx.meta.get("mapgen.debug"):
                raise
            report(error.problems or [], fallback=error.message)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            interrupted()
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as error:
            if ctx.meta.get("mapgen.debug"):
                raise
            what = f"{type(error).__name__}: {error}"
            click.echo(f"mapgen: internal error: {what} (run with --debug for the traceback)", err=True)
            ctx.exit(EXIT_INPUT)


def interrupted() -> None:
    """Say that Ctrl-C stopped mapgen; a second Ctrl-C while it exits must not print a traceback."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():  # the only thread that may set it
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    click.echo("Interrupted.", err=True)


def _set_meta(key: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        # ctx.meta is shared by the group and its subcommands: set anywhere, seen everywhere.
        if value:
            ctx.meta[key] = True

    return callback


def common_options(command: F) -> F:
    """Add --debug and -v/--verbose, so they work before or after the subcommand."""
    command = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=_set_meta("mapgen.debug"),
        help="Show tracebacks instead of one-line errors.",
    )(command)
    command = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_meta("mapgen.verbose"),
        help="Show every warning and how long each step took.",
    )(command)
    return command


def verbose() -> bool:
    """Return True when -v was given anywhere on the command line."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get("mapgen.verbose"))


def colour_on(stream: TextIO | None = None) -> bool:
    """Return True when colour may be used: a terminal, and NO_COLOR unset or empty (no-color.org)."""
    stream = stream or sys.stderr
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "note": "cyan"}


def problem_line(problem: Problem, colour: bool) -> str:
    """Return a problem as its one line, the severity in colour when colour is on."""
    text = str(problem)
    if not colour:
        return text
    word = f"{problem.severity}:"
    where = text.find(word)
    styled = click.style(word, fg=_SEVERITY_COLOUR.get(problem.severity), bold=True)
    return text[:where] + styled + text[where + len(word) :] if where >= 0 else text


def report(problems: Iterable[Problem], fallback: str = "") -> None:
    """Print every problem, one line each (or fallback when there is none) on stderr."""
    problems = list(problems)
    colour = colour_on()
    for problem in problems:
        click.echo(problem_line(problem, colour), err=True, color=colour)
    if not problems and fallback:
        click.echo(f"mapgen: {fallback}", err=True)


class Reporter:
    """Prints a build's problems: errors always, warnings up to WARNINGS_SHOWN unless verbose.

    Notes (what a deliverable did by design, such as a one-page map's summary) are printed only
    when verbose; manifest.json lists them all.
    """

    def __init__(self, *, show_all: bool) -> None:
        self.show_all = show_all
        self.shown = 0
        self.hidden = 0
        self.warnings = 0  # every warning met: the workbook's, the theme's, the files'

    def __call__(self, problems: Iterable[Problem]) -> None:
        """Print problems, holding back warnings past the limit."""
        colour = colour_on()
        for problem in problems:
            if problem.severity == "note" and not self.show_all:
                continue
            self.warnings += problem.severity == "warning"
            if problem.severity == "warning" and not self.show_all and self.shown >= WARNINGS_SHOWN:
                self.hidden += 1
                continue
            self.shown += problem.severity == "warning"
            click.echo(problem_line(problem, colour), err=True, color=colour)

    def close(self) -> None:
        """Say how many warnings were held back, if any."""
        if self.hidden:
            more = count(self.hidden, "more warning")
            click.echo(f"... {more} not shown (manifest.json lists them; -v shows every one)", err=True)


def count(n: int, noun: str) -> str:
    """Return '1 file', '2 files'."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
