"""Read a theme and the files it extends, and deep-merge them, recording which file set each key."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapgen.themes.finding import builtin_theme_dir, resolve_spec
from mapgen.themes.problems import Problems, describe, display, fail


@dataclass
class Source:
    """A theme file and the TOML read from it."""

    path: Path
    data: dict[str, Any]


# A theme is a page of TOML: far larger is a mistake or an attack, and either would eat memory.
MAX_THEME_BYTES = 1024 * 1024
# Real themes extend one or two others; a chain this long is a generated file, never a design.
MAX_EXTENDS = 20


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_THEME_BYTES + 1)
        if len(raw) > MAX_THEME_BYTES:
            raise fail(path, f"is over {MAX_THEME_BYTES // 1024} KB, too big for a theme file")
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise fail(path, "is not UTF-8 text") from None
    except OSError as error:
        raise fail(path, f"cannot be read: {error.strerror or error}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise fail(path, f"is not valid TOML: {error}") from None


def read_chain(spec: str, base_dir: Path | None, confined_to: str | None = None) -> list[Source]:
    """Return the theme file and every file it extends, the theme first; raise on a cycle."""
    default = builtin_theme_dir() / "default.toml"
    sources: list[Source] = []
    path = resolve_spec(spec, base_dir, confined_to=confined_to)
    while True:
        if any(s.path == path for s in sources):
            cycle = " -> ".join(display(s.path) for s in [*sources, Source(path, {})])
            raise fail(sources[-1].path, f"'extends' makes a cycle: {cycle}", "extends")
        if len(sources) > MAX_EXTENDS:
            raise fail(
                sources[0].path, f"'extends' chains more than {MAX_EXTENDS} themes; flatten them", "extends"
            )
        data = _read(path)
        sources.append(Source(path, data))
        parent = data.get("extends")
        if parent is None:
            if path == default.resolve() or path == default:
                return sources
            parent = "default"  # every theme inherits the defaults it does not override
        if not isinstance(parent, str) or not parent.strip():
            raise fail(path, "'extends' must be a theme name or a .toml path", "extends")
        # extends may reach a shared brand theme in another folder (a team's common pattern): it
        # names only a .toml file, which is read bounded and parsed, never shown or embedded.
        path = resolve_spec(parent.strip(), path.parent)


def merge(sources: list[Source], problems: Problems) -> dict[str, Any]:
    """Deep-merge the files, the most basic first, recording which file set each key."""
    merged: dict[str, Any] = {}
    for depth, source in enumerate(sources):
        problems.depth.setdefault(source.path, depth)
    for source in reversed(sources):
        _merge_into(merged, source.data, source.path, "", problems)
        _forget_office_of_new_family(merged, source.data)
    merged.pop("extends", None)
    return merged


def _forget_office_of_new_family(merged: dict[str, Any], data: Mapping[str, Any]) -> None:
    """Drop an inherited deck family when a theme changes a role's font but names no deck family.

    The office name belongs to the font it stands in for: a brand font must not be called
    Calibri in decks just because the default theme's Lato is.
    """
    fonts = data.get("fonts")
    if not isinstance(fonts, Mapping):
        return
    for role in ("heading", "body"):
        spec = fonts.get(role)
        table = merged.get("fonts", {}).get(role)
        if (
            isinstance(spec, Mapping)
            and "family" in spec
            and "office" not in spec
            and isinstance(table, dict)
        ):
            table["office"] = ""


def _merge_into(
    target: dict[str, Any], data: Mapping[str, Any], path: Path, prefix: str, problems: Problems
) -> None:
    provenance = problems.provenance
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(target.get(key), dict) and not isinstance(value, dict):
            # Keep the inherited table, so its keys are not all reported missing as well.
            problems.error(dotted, f"must be a table ([{dotted}]), got {describe(value)}", file=path)
            continue
        provenance[dotted] = path
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_into(target[key], value, path, dotted + ".", problems)
        else:
            target[key] = _copy(value)
            # Keys below a replaced value now come from this file too.
            for stale in [k for k in provenance if k.startswith(dotted + ".")]:
                provenance[stale] = path


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
