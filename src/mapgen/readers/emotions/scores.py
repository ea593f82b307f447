"""Emotion scores: find the scale (from the header hint, else from the values) and normalise to [-1, 1]."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from mapgen.model import Scale

__all__ = [
    "Reading",
    "Scale",
    "guess_scale",
    "parse_hint",
    "read_score",
]

_NUMBER = r"[+\-−]?\d+(?:[.,]\d+)?"
_RANGE = re.compile(rf"({_NUMBER})\s*(?:to|through|bis|à|\.\.\.?|…|[-–—~])\s*({_NUMBER})", re.IGNORECASE)
_ANY_NUMBER = re.compile(_NUMBER)
_PLAIN_NUMBER = re.compile(rf"^\s*({_NUMBER})\s*(%?)\s*$")

# Smileys as people type or paste them into a score cell, with the valence they carry.
_EMOJI: dict[str, float] = {
    "😍": 1.0,
    "🤩": 1.0,
    "🥰": 1.0,
    "😁": 1.0,
    "😄": 1.0,
    "😆": 1.0,
    "😀": 1.0,
    "😃": 1.0,
    "🥳": 1.0,
    "😊": 0.5,
    "🙂": 0.5,
    "☺": 0.5,
    "😌": 0.5,
    "👍": 0.5,
    "😐": 0.0,
    "😑": 0.0,
    "😶": 0.0,
    "🤔": 0.0,
    "😕": -0.5,
    "🙁": -0.5,
    "😟": -0.5,
    "😒": -0.5,
    "😬": -0.5,
    "👎": -0.5,
    "☹": -1.0,
    "😞": -1.0,
    "😠": -1.0,
    "😡": -1.0,
    "🤬": -1.0,
    "😢": -1.0,
    "😭": -1.0,
    "😫": -1.0,
    "😩": -1.0,
    "😤": -1.0,
    "😱": -1.0,
    ":)": 0.5,
    ":-)": 0.5,
    ":d": 1.0,
    ":-d": 1.0,
    ":|": 0.0,
    ":-|": 0.0,
    ":/": -0.5,
    ":-/": -0.5,
    ":(": -0.5,
    ":-(": -0.5,
    ":'(": -1.0,
}
# Words on a three-point scale; with "very" they make a five-point one.
_WORDS: dict[str, float] = {
    "positive": 1.0,
    "neutral": 0.0,
    "negative": -1.0,
    "very positive": 1.0,
    "very negative": -1.0,
    "mixed": 0.0,
}
_FIVE_POINT_WORDS: dict[str, float] = {"positive": 0.5, "negative": -0.5}
_BLANK = frozenset({"-", "–", "—", "n/a", "na", "?", "tbc", "tbd"})


PERCENT = Scale(0, 100)
# The scales found in the field, tried in this order when only the values are known.
# -1..1 first: JSON exports and sentiment tools write scores as fractions of one (-0.6, 0.8).
_SYMMETRIC = (Scale(-1, 1), Scale(-2, 2), Scale(-3, 3), Scale(-5, 5), Scale(-10, 10))
_POSITIVE = (Scale(1, 5), Scale(1, 10), Scale(0, 10), Scale(0, 100))


def _to_float(text: str) -> float:
    return float(text.replace("−", "-").replace(",", "."))


def parse_hint(hint: str | None) -> Scale | None:
    """Return the scale a header hint names ('-5 to +5', '1-5', '0-100%', '%', 'out of 10'), or None."""
    if not hint:
        return None
    match = _RANGE.search(hint)
    if match:
        low, high = sorted((_to_float(match.group(1)), _to_float(match.group(2))))
        return Scale(low, high) if low < high else None
    numbers = [_to_float(n) for n in _ANY_NUMBER.findall(hint)]
    if len(numbers) >= 2 and min(numbers) < max(numbers):
        return Scale(min(numbers), max(numbers))  # "1 = awful, 5 = great"
    if len(numbers) == 1 and numbers[0] > 0:
        top = numbers[0]  # "out of 10"
        return Scale(1, top) if top <= 10 else Scale(0, top)
    if "%" in hint or "percent" in hint.casefold():
        return PERCENT
    return None


@dataclass(frozen=True)
class Reading:
    """What one score cell holds: a number on some scale, a ready score, a blank, or nonsense."""

    kind: Literal["number", "percent", "score", "blank", "unreadable"]
    value: float = 0.0
    word: str | None = None  # "positive", "negative": their score depends on the column


def read_score(text: str) -> Reading:
    """Read one score cell's text."""
    cleaned = text.strip().replace("\ufe0f", "")
    folded = " ".join(cleaned.casefold().split())
    if not folded or folded in _BLANK:
        return Reading("blank")
    match = _PLAIN_NUMBER.match(cleaned)
    if match:
        value = _to_float(match.group(1))
        return Reading("percent" if match.group(2) else "number", value)
    if folded in _EMOJI:
        return Reading("score", _EMOJI[folded])
    squeezed = folded.replace(" ", "")
    if squeezed and all(ch in _EMOJI for ch in squeezed) and len(set(squeezed)) == 1:
        return Reading("score", _EMOJI[squeezed[0]])  # "😀😀" counts once
    if folded in _WORDS:
        return Reading("score", _WORDS[folded], word=folded)
    return Reading("unreadable")


def word_score(reading: Reading, five_point: bool) -> float:
    """Return a word's score: 'positive' is 1 on a three-point column, 0.5 beside 'very positive'."""
    if five_point and reading.word in _FIVE_POINT_WORDS:
        return _FIVE_POINT_WORDS[reading.word]
    return reading.value


def is_five_point(readings: Iterable[Reading]) -> bool:
    """Return True when a column's words include 'very positive' or 'very negative'."""
    return any(r.word in ("very positive", "very negative") for r in readings)


@dataclass(frozen=True)
class Guess:
    """A scale guessed from the values, and whether the values reach both of its ends."""

    scale: Scale
    certain: bool


def guess_scale(values: Iterable[float]) -> Guess | None:
    """Return the narrowest scale of the field that holds all values (None without values)."""
    numbers = list(values)
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    candidates = _SYMMETRIC if low < 0 else _POSITIVE
    chosen = next((s for s in candidates if s.contains(low) and s.contains(high)), candidates[-1])
    return Guess(chosen, certain=low == chosen.low and high == chosen.high)
