"""Read a priority or an effort as high, medium or low, whichever of the usual scales it is written in."""

from __future__ import annotations

from mapgen.model import Level
from mapgen.readers.headers import normalise

__all__ = ["EFFORT_WORDS", "PRIORITY_WORDS", "effort_level", "priority_level"]

# High/Medium/Low, P1/P2/P3 (P0 is "drop everything"), 1/2/3, and MoSCoW: a Won't is not this round.
_PRIORITY: dict[Level, tuple[str, ...]] = {
    "high": ("high", "h", "hi", "p0", "p1", "0", "1", "must", "must have", "critical", "urgent", "top"),
    "medium": ("medium", "med", "m", "mid", "p2", "2", "should", "should have", "normal", "moderate"),
    "low": ("low", "l", "lo", "p3", "p4", "3", "4", "could", "could have", "nice to have", "won't",
            "wont", "won't have", "will not", "later"),
}  # fmt: skip
# T-shirt sizes and plain words: a large effort is a high one.
_EFFORT: dict[Level, tuple[str, ...]] = {
    "low": ("low", "small", "s", "xs", "xxs", "easy", "quick win", "quick", "minor", "little"),
    "medium": ("medium", "med", "m", "mid", "moderate", "average"),
    "high": ("high", "large", "l", "xl", "xxl", "big", "hard", "major", "huge"),
}
_PRIORITY_INDEX = {normalise(w): level for level, words in _PRIORITY.items() for w in words}
_EFFORT_INDEX = {normalise(w): level for level, words in _EFFORT.items() for w in words}

PRIORITY_WORDS = "High, Medium or Low; P1, P2 or P3; Must, Should, Could or Won't"
EFFORT_WORDS = "Low, Medium or High; S, M or L (XS and XL too); Small or Large"


def _level(text: str, index: dict[str, Level]) -> Level | None:
    key = normalise(text)
    if key in index:
        return index[key]
    # "P1 - high", "High (must)": the first word that is a level decides.
    for word in text.replace("-", " ").replace("(", " ").replace("/", " ").split():
        if (found := index.get(normalise(word))) is not None:
            return found
    return None


def priority_level(text: str) -> Level | None:
    """Return the priority text stands for, or None when it is no known priority word."""
    return _level(text, _PRIORITY_INDEX)


def effort_level(text: str) -> Level | None:
    """Return the effort text stands for, or None when it is no known size."""
    return _level(text, _EFFORT_INDEX)
