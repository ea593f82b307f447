"""Hyphenation: where a word may break, from the hyphenation patterns of its language (pyphen)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import pyphen

HYPHEN: Final = "-"
# A bare language takes the dictionary of its largest region: pyphen's own "de" is Austrian.
_REGION: Final = {"de": "de_DE", "en": "en_US", "pt": "pt_PT", "nl": "nl_NL", "fr": "fr"}
_SHORTEST: Final = 5  # shorter words are never hyphenated: "Kun-de" saves nothing worth the hyphen


def has_patterns(language: str) -> bool:
    """Return True when there are hyphenation patterns for a language ("en", "de", "pt_BR", ...)."""
    return _dictionary_name(language) is not None


@functools.lru_cache(maxsize=64)
def _dictionary_name(language: str) -> str | None:
    import pyphen

    code = language.replace("-", "_")
    code = _REGION.get(code.lower(), code)
    name: str | None = pyphen.language_fallback(code)
    return name


@functools.lru_cache(maxsize=16)
def _dictionary(name: str) -> pyphen.Pyphen:
    import pyphen

    # Patterns load on first use (German's take a second): only a word too long for its line asks.
    return pyphen.Pyphen(lang=name, left=2, right=3)


@functools.lru_cache(maxsize=8192)
def hyphen_points(word: str, language: str | None) -> tuple[int, ...]:
    """Return the positions inside word where it may break with a hyphen, in order.

    Only letters are hyphenated: a word with digits (a part number, "3-D") or no letters has none,
    and neither has a language without patterns or a word shorter than five letters.
    """
    if language is None or len(word) < _SHORTEST or not word.isalpha():
        return ()
    name = _dictionary_name(language)
    if name is None:
        return ()
    return tuple(p for p in _dictionary(name).positions(word) if 0 < p < len(word))


def split_points(piece: str, language: str | None) -> tuple[int, ...]:
    """Return where a piece of text (a word with its punctuation) may break with a hyphen.

    Leading and trailing punctuation ("(berth," or "‘best") stays with the letters next to it.
    """
    start = 0
    while start < len(piece) and not piece[start].isalpha():
        start += 1
    end = len(piece)
    while end > start and not piece[end - 1].isalpha():
        end -= 1
    if end - start < _SHORTEST:
        return ()
    return tuple(start + p for p in hyphen_points(piece[start:end], language))
