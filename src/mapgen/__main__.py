"""Run the command line: python -m mapgen, and the mapgen command."""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)


def run() -> None:
    """Run mapgen's command line; Ctrl-C, even while it starts up, prints one line and exits 130."""
    try:
        # Imported here, not above: a Ctrl-C while click and mapgen load is caught too.
        from mapgen.cli import main

        main()
    except KeyboardInterrupt:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second one must not print a traceback
        sys.stderr.write("Interrupted.\n")
        _leave_interrupted()
    except SystemExit as done:
        if done.code == INTERRUPTED:
            _leave_interrupted()
        raise


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
