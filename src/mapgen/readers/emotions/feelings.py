"""A step's feelings as written: the score they infer and, for a progression, where it starts.

A cell reads as a sequence of moments: "curious, hopeful → frustrated" starts curious and hopeful
and ends frustrated. Arrows (→, ->, =>, ⇒, >) and "then" always mark the next moment; "to" does
only between two words mapgen's own lexicon knows ("anxious to relieved"), so "eager to start"
stays one feeling. A moment scores the mean of its known words; a progression starts at its
first moment and ends at its last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mapgen.readers.emotions.words import curated, valence

__all__ = ["Feeling", "moments", "read_feelings"]

_ARROWS = re.compile(r"\s*(?:-+>|=+>|[→⟶➔➜➝➞⇒⟹↦]|(?<![<=-])>)\s*|\s*\bthen\b\s*", re.IGNORECASE)
_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
_FROM = re.compile(r"^from\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Feeling:
    """What a step's emotion words say: a score, the start of a swing, what counted and what did not."""

    end: float | None  # the step's score: where its feeling ends (None: no word is known)
    start: float | None  # where a progression starts, when it swings; else None
    known: tuple[str, ...]  # the words that counted, as written
    unknown: tuple[str, ...]  # the words no lexicon knows, as written

    def problem(self) -> str | None:
        """Return the warning a cell with unknown words gets (one, naming them all), or None."""
        if not self.unknown:
            return None
        words = tuple(dict.fromkeys(self.unknown))  # a word written twice is named once
        unknown, one = _quoted(words), len(words) == 1
        fix = "use a common word (e.g. frustrated, relieved) or add a score column"
        if self.known:
            known = _quoted(tuple(dict.fromkeys(self.known)))
            return (
                f"the inferred score of this step rests on {known} alone: {unknown} "
                f"{'is' if one else 'are'} not in mapgen's lexicon, so {'it does' if one else 'they do'} "
                f"not count; {fix}"
            )
        return (
            f"emotion {'word' if one else 'words'} {unknown} {'is' if one else 'are'} not in mapgen's "
            f"lexicon, so the step has no inferred score; {fix}"
        )


def _quoted(words: tuple[str, ...], most: int = 5) -> str:
    """Return words quoted and joined as a sentence names them: '"a", "b" and "c"'."""
    shown = [f'"{w[:40]}…"' if len(w) > 40 else f'"{w}"' for w in words[:most]]
    if len(words) > most:
        shown.append(f"{len(words) - most} more")
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _by_to(part: str) -> list[str]:
    """Return a part split at "to" when every side is a feeling mapgen knows, else the part whole."""
    sides = _TO.split(_FROM.sub("", part))
    if len(sides) > 1 and all(curated(side) for side in sides):
        return sides
    return [part]


def moments(words: Iterable[str]) -> list[list[str]]:
    """Return a cell's words grouped into its moments, in order; most cells have one."""
    out: list[list[str]] = [[]]
    for item in words:
        for i, part in enumerate(_ARROWS.split(item)):
            for j, side in enumerate(_by_to(part.strip()) if part.strip() else [""]):
                if i or j:
                    out.append([])
                if side.strip():
                    out[-1].append(side.strip())
    return [moment for moment in out if moment]


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4)


def read_feelings(words: Iterable[str]) -> Feeling:
    """Return the score a cell's words infer, where a progression in them starts, and what is unknown."""
    known: list[str] = []
    unknown: list[str] = []
    scored: list[list[float]] = []
    for moment in moments(words):
        values: list[float] = []
        for word in moment:
            value = valence(word)
            if value is None:
                unknown.append(word)
            else:
                known.append(word)
                values.append(value)
        if values:
            scored.append(values)
    if not scored:
        return Feeling(None, None, (), tuple(unknown))
    if len(scored) == 1:
        return Feeling(_mean(scored[0]), None, tuple(known), tuple(unknown))
    start, end = _mean(scored[0]), _mean(scored[-1])
    return Feeling(end, None if start == end else start, tuple(known), tuple(unknown))
