"""Name every key a theme file may set, and report the keys it sets that do not exist."""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Mapping
from typing import Any

from mapgen.themes.problems import Problems, describe
from mapgen.themes.schema import (
    Colours,
    Emotion,
    FontSpec,
    Footer,
    Labels,
    LaneLabels,
    Page,
    Png,
    Sizes,
    Slide,
    Style,
)


def schema_tree() -> dict[str, Any]:
    """Return the tree of allowed keys; leaves are None."""

    def leaves(cls: type) -> dict[str, Any]:
        return {f.name: None for f in dataclasses.fields(cls)}

    font = leaves(FontSpec)
    return {
        "name": None,
        "description": None,
        "extends": None,
        "contrast": None,
        "language": None,
        "logo": None,
        "colours": leaves(Colours),
        "fonts": {"heading": font, "body": font, "fallback": None, "system_fallback": None},
        "sizes": leaves(Sizes),
        "page": leaves(Page),
        "slide": leaves(Slide),
        "png": leaves(Png),
        "lanes": {"show": None, "labels": leaves(LaneLabels)},
        "labels": leaves(Labels),
        "emotion": leaves(Emotion),
        "style": leaves(Style),
        "footer": leaves(Footer),
    }


@functools.lru_cache(maxsize=1)
def _all_keys() -> dict[str, str]:
    """Return every leaf key's last part mapped to its dotted key (for "did you mean")."""
    out: dict[str, str] = {}

    def walk(tree: Mapping[str, Any], prefix: str) -> None:
        for key, sub in tree.items():
            if isinstance(sub, dict):
                walk(sub, f"{prefix}{key}.")
            else:
                out.setdefault(key, f"{prefix}{key}")

    walk(schema_tree(), "")
    return out


def check_unknown(data: Mapping[str, Any], tree: Mapping[str, Any], prefix: str, problems: Problems) -> None:
    """Report every key of data that tree does not allow, suggesting the key that was meant."""
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in tree:
            close = difflib.get_close_matches(key, list(tree), n=1, cutoff=0.6)
            if close:
                hint = (
                    f"; did you mean {prefix}{close[0]!r}?" if not prefix else f"; did you mean {close[0]!r}?"
                )
            elif key in _all_keys() and not isinstance(value, dict):
                hint = f"; did you mean {_all_keys()[key]!r}?"
            else:
                hint = f" (known keys here: {', '.join(sorted(tree))})"
            problems.error(dotted, f"unknown key {key!r}{hint}")
            continue
        sub = tree[key]
        if isinstance(sub, dict):
            if isinstance(value, dict):
                check_unknown(value, sub, dotted + ".", problems)
            else:
                problems.error(dotted, f"must be a table ([{dotted}]), got {describe(value)}")


def field_names(cls: type) -> list[str]:
    """Return the field names of a theme dataclass: the keys of its table."""
    return [f.name for f in dataclasses.fields(cls)]
