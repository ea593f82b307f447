"""Load a theme: find its file, inherit what it extends, validate the result."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from mapgen.errors import ThemeError
from mapgen.model import Problem
from mapgen.themes.finding import is_path_spec
from mapgen.themes.inheritance import merge, read_chain
from mapgen.themes.problems import Problems, display
from mapgen.themes.schema import Theme
from mapgen.themes.validate import read_theme


def load_theme(
    spec: str | Path, *, base_dir: str | Path | None = None, confined_to: str | None = None
) -> Theme:
    """Return the validated theme for a built-in name or a .toml path (relative to base_dir).

    A path that a file wrote (a workbook's Theme field) is confined_to base_dir, named so in
    messages. Raise ThemeError carrying every problem (errors and warnings) when the theme has errors.
    """
    spec_text = str(spec).strip()
    if isinstance(spec, Path) and not is_path_spec(spec_text):
        spec_text = str(spec)  # a Path is always a file, whatever its name
        if not spec_text.lower().endswith(".toml"):
            spec_text = str(Path(spec_text).resolve())
    if not spec_text:
        raise ThemeError(
            "no theme given", [Problem("error", "no theme given: a built-in name or a .toml path")]
        )
    base = Path(base_dir) if base_dir is not None else None
    sources = read_chain(spec_text, base, confined_to)
    problems = Problems(sources[0].path)
    merged = merge(sources, problems)
    theme = read_theme(merged, problems, sources)
    errors = problems.errors
    if errors:
        count = len(errors)
        message = f"{display(sources[0].path)}: {count} error{'s' if count != 1 else ''} in the theme"
        raise ThemeError(message, problems.items)
    return dataclasses.replace(theme, warnings=tuple(problems.items))
