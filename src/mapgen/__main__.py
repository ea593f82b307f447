"""Run the command line: python -m mapgen, and the mapgen command."""

from __future__ import annotations

import sys


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
        sys.exit(130)


if __name__ == "__main__":  # importing the module (as tools and process pools may) runs nothing
    run()
