"""The theme's sentences filled in: placeholders by name, lists joined in the theme's language."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["fill", "series"]


class _Kept(dict[str, str]):
    def __missing__(self, key: str) -> str:
        # A theme sentence naming a placeholder we do not fill shows it as written, never a traceback.
        return "{" + key + "}"


def fill(template: str, **values: object) -> str:
    """Return the theme's sentence with its {placeholders} filled; a broken sentence comes back as it is."""
    try:
        return template.format_map(_Kept({k: str(v) for k, v in values.items()}))
    except (ValueError, IndexError, AttributeError):
        return template


def series(items: Sequence[str], conjunction: str, more: str, limit: int = 4) -> str:
    """Return "a", "a and b", "a, b and c"; past limit, the first ones and "+N more"."""
    items = [i for i in items if i]
    if len(items) > limit:
        return f"{', '.join(items[: limit - 1])} +{len(items) - limit + 1} {more}"
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
