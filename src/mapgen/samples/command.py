"""`mapgen sample [DEST]`: copy the sample workbooks out of the package, to look at and edit."""

from __future__ import annotations

from pathlib import Path

import click

from mapgen.samples import DEFAULT_SAMPLE, copy_samples


@click.command()
@click.argument("dest", type=click.Path(path_type=Path), default=Path())
@click.option("--force", is_flag=True, help="Overwrite sample workbooks already in DEST.")
def sample(dest: Path, force: bool) -> None:
    """Copy the sample workbooks into DEST (default: .) to look at and edit."""
    written = copy_samples(dest, force=force)
    click.echo(f"Wrote {', '.join(str(path) for path in written)}.")
    click.echo(f"Edit one, then run: mapgen build {dest / DEFAULT_SAMPLE}")
