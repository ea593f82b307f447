"""Run the command line: python -m mapgen, and the mapgen command."""

from __future__ import annotations

import os
import sys
from typing import Any

INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)


def run() -> None:
    """Run mapgen's command line; Ctrl-C, even while it starts up, prints one line and exits 130."""
    swallowed: list[bool] = []
    _hear_swallowed_interrupts(swallowed)
    try:
        # Imported here, not above: a Ctrl-C while click and mapgen load is caught too.
        from mapgen.cli import main

        main()
    except KeyboardInterrupt:
        _say_interrupted()
        _leave_interrupted()
    except SystemExit as done:
        if swallowed and done.code != INTERRUPTED:
            _say_interrupted()  # the build went on to its end: the folder holds the new build
        if swallowed or done.code == INTERRUPTED:
            _leave_interrupted()
        raise


def _hear_swallowed_interrupts(swallowed: list[bool]) -> None:
    """Remember a Ctrl-C that Python could not raise, instead of printing "Exception ignored".

    A Ctrl-C that lands in a callback the interpreter runs on its own (a weak reference's, as
    importlib's module locks have) cannot stop the code around it: Python reports it as an
    unraisable exception and goes on. mapgen notes it and exits 130 at the end, quietly.
    """
    default = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            swallowed.append(True)
            return
        default(unraisable)

    sys.unraisablehook = hook


def _say_interrupted() -> None:
    """Ignore any further Ctrl-C and say, once, that mapgen was interrupted."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second one must not print a traceback
    sys.stderr.write("Interrupted.\n")


def _leave_interrupted() -> None:
    """Exit 130 now, the clean-up done: nothing left for the interpreter's shutdown to run.

    CPython 3.11 marks a Ctrl-C that lands inside exec() of a string (dataclasses build their
    methods so) as never handled, even once mapgen has caught it, and then ends the process by
    SIGINT at shutdown instead of with the code asked for. The build's finally blocks have
    closed the worker pool and removed the staging folder by the time this runs.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(INTERRUPTED)


if __name__ == "__main__":  # importing the module (as tools and process pools may) runs nothing
    run()
