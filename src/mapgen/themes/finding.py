"""Find theme files: the built-in themes' folder, their names, and the file a theme spec names."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

from mapgen.errors import ThemeError
from mapgen.model import Problem
from mapgen.paths import Refused, inside
from mapgen.themes.problems import fail


def builtin_theme_dir() -> Path:
    """Return the folder of the built-in themes: the repository's themes/, or the installed copy."""
    # The theme files are data, not this package: they install beside it as mapgen/_themes.
    package = Path(__file__).resolve().parent.parent  # mapgen/
    candidates = [package / "_themes"]
    if package.parent.name == "src":  # a source checkout or editable install
        candidates.insert(0, package.parent.parent / "themes")
    for folder in candidates:
        if (folder / "default.toml").is_file():
            return folder
    raise ThemeError(
        "the built-in themes are missing: reinstall mapgen",
        [Problem("error", "the built-in themes are missing: reinstall mapgen", file=str(candidates[-1]))],
    )


def builtin_names() -> list[str]:
    """Return the names of the built-in themes, sorted."""
    return sorted(p.stem for p in builtin_theme_dir().glob("*.toml"))


def list_themes() -> list[tuple[str, str]]:
    """Return the built-in themes as (name, description), default first."""
    out = []
    for name in builtin_names():
        path = builtin_theme_dir() / f"{name}.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            out.append((name, "(cannot be read: run `mapgen themes check` on it)"))
            continue
        description = data.get("description")
        out.append((name, description if isinstance(description, str) else ""))
    return sorted(out, key=lambda item: (item[0] != "default", item[0]))


def is_path_spec(spec: str) -> bool:
    """Return whether a theme spec is a file path rather than a built-in name."""
    return spec.lower().endswith(".toml") or "/" in spec or "\\" in spec


def resolve_spec(spec: str, base_dir: Path | None, *, confined_to: str | None = None) -> Path:
    """Return the file a theme spec names (a path is relative to base_dir); raise if there is none.

    A path written inside a file (a workbook's Theme field, a theme's extends) is confined_to
    base_dir, named so in messages ("the workbook's folder"); one given on the command line is not.
    """
    if is_path_spec(spec) and confined_to is not None:
        folder = base_dir or Path.cwd()
        try:
            return inside(spec, folder, "theme file", confined_to)
        except Refused as error:
            raise fail(folder, str(error)) from None
    if is_path_spec(spec):
        path = Path(spec).expanduser()
        if not path.is_absolute():
            path = (base_dir or Path.cwd()) / path
        if not path.is_file():
            raise fail(path, "theme file not found (or not a regular file)")
        if path.suffix.lower() != ".toml":
            raise fail(path, "a theme file's name ends in .toml")
        return path.resolve()
    names = builtin_names()
    if spec not in names:
        close = difflib.get_close_matches(spec, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (built-in themes: {', '.join(names)})"
        problem = Problem("error", f"no built-in theme {spec!r}{hint}; a theme file's name ends in .toml")
        raise ThemeError(str(problem), [problem])
    return builtin_theme_dir() / f"{spec}.toml"
