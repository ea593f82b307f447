"""Run the command line: python -m mapgen."""

from mapgen.cli import main

main()
