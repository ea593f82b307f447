"""Run the command line: python -m mapgen."""

from mapgen.cli import main

if __name__ == "__main__":  # importing the module (as tools and process pools may) runs nothing
    main()
