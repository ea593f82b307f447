"""mapgen: persona-based customer journey workbooks into branded deliverables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mapgen._version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from mapgen.build.pipeline import RenderResult
    from mapgen.build.tasks import Options
    from mapgen.model import Journeys
    from mapgen.themes import Theme

__all__ = ["__version__", "load", "render"]


def load(path: str | Path, columns: Mapping[str, str] | Iterable[tuple[str, str]] | None = None) -> Journeys:
    """Read a workbook (or CSV, Markdown, Mermaid, the JSON model) into the journey model.

    Problems are collected in Journeys.problems; the reader is picked by the file's content and
    extension, and a folder of CSV files is one project (a persona per file).

    columns maps the workbook's own headers to step fields ({"Section": "stage"}), as a project
    file's [columns] table does; they are consulted before mapgen's own names for each field.
    """
    from mapgen.readers import read_journeys

    return read_journeys(Path(path), columns)


def render(
    journeys: Journeys,
    *,
    formats: Sequence[str] | None = None,
    theme: Theme | str | None = None,
    out: str | Path,
    options: Options | None = None,
) -> RenderResult:
    """Write a model's deliverables (png, pptx, pdf; default all) into out; return what was made.

    theme is a Theme, a built-in theme's name or a .toml path (default: the workbook's Theme
    field, else "default"). Files are written all or nothing. The result has .paths, .warnings
    (Problem objects) and .manifest (manifest.json's data), and iterates over the paths.
    """
    from mapgen.build.pipeline import render as render_files

    return render_files(journeys, formats=formats, theme=theme, out=out, options=options)
