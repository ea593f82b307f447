"""Write a theme's resolved values back out as TOML, with the font files they resolve to."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from mapgen.scene import FontRole
from mapgen.themes.problems import display
from mapgen.themes.schema import Theme


def theme_to_toml(theme: Theme) -> str:
    """Return the theme's resolved values (after inheritance) as TOML that loads back the same."""
    lines = [
        f"# Theme {theme.name!r}, resolved from: "
        + " <- ".join(display(p) for p in theme.files or (theme.source,)),
    ]
    scalars, tables = _toml_parts(theme, skip=frozenset({"source", "files", "warnings"}))
    lines += [f"{key} = {_toml_value(value)}" for key, value in scalars]
    for key, value in tables:
        lines += _toml_table(key, value)
    lines += ["", "# The font files these resolve to on this machine (first face that has a character wins):"]
    roles: tuple[FontRole, ...] = ("heading", "body")
    for role in roles:
        chain = theme.font_chain(role)
        primary = chain.primary
        lines.append(f"#   {role}: {primary.family} {primary.style}, {primary.path}")
        if chain.faces[1:]:
            lines.append("#     then " + "; ".join(str(face) for face in chain.faces[1:]))
    return "\n".join(lines) + "\n"


def _toml_parts(
    obj: Any, skip: frozenset[str] = frozenset()
) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    scalars: list[tuple[str, Any]] = []
    tables: list[tuple[str, Any]] = []
    for f in dataclasses.fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        (tables if dataclasses.is_dataclass(value) else scalars).append((f.name, value))
    return scalars, tables


def _toml_table(name: str, obj: Any) -> list[str]:
    scalars, tables = _toml_parts(obj)
    lines = ["", f"[{name}]"]
    lines += [f"{key} = {_toml_value(value, key)}" for key, value in scalars]
    for key, value in tables:
        lines += _toml_table(f"{name}.{key}", value)
    return lines


def _toml_value(value: Any, key: str = "") -> str:
    if value is None:
        return '"auto"' if key == "dpi" else '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(round(value, 6)) if value != int(value) else f"{value:.1f}"
    if isinstance(value, Path | str):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
