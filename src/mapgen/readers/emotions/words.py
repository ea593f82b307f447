"""What one emotion word or short phrase is worth: its lexicon entry, other forms, modifiers and marks."""

from __future__ import annotations

import re

from mapgen.readers.emotions.lexicon import FORMS, VALENCES
from mapgen.readers.emotions.vader import vader_valence

__all__ = ["MARK_DOWN", "MARK_UP", "curated", "valence"]

# Words that scale the word after them.
_INTENSIFIERS = {
    "very": 1.25,
    "really": 1.25,
    "extremely": 1.4,
    "incredibly": 1.4,
    "utterly": 1.4,
    "completely": 1.35,
    "absolutely": 1.35,
    "so": 1.2,
    "super": 1.3,
    "totally": 1.3,
    "deeply": 1.3,
    "highly": 1.25,
    "truly": 1.2,
    "particularly": 1.15,
    "increasingly": 1.15,
    "quite": 1.1,
    "pretty": 1.1,
    "a bit": 0.6,
    "a little": 0.6,
    "a little bit": 0.55,
    "a tad": 0.6,
    "slightly": 0.6,
    "somewhat": 0.7,
    "mildly": 0.6,
    "kind of": 0.7,
    "kinda": 0.7,
    "sort of": 0.7,
    "rather": 0.9,
    "fairly": 0.9,
    "mostly": 0.9,
}
# Words that flip the word after them: "not happy" is negative, but "not angry" only mildly positive.
_NEGATIONS = ("not", "not very", "not at all", "no longer", "not really", "hardly", "never", "barely")
_NEGATION_FACTOR = -0.6
_MODIFIERS = sorted(
    list(_INTENSIFIERS.items()) + [(word, _NEGATION_FACTOR) for word in _NEGATIONS],
    key=lambda item: -len(item[0]),
)
# Words before a feeling that say nothing about it.
_LEADS = ("feeling ", "feels ", "feel ", "felt ", "a feeling of ", "a sense of ", "sense of ")
# Words after which a feeling says what it is about: "eager to start", "worried about the cost".
_CONNECTORS = frozenset(
    {"to", "about", "with", "by", "of", "for", "at", "because", "when", "that", "as", "after", "before"}
    | {"over", "since", "in", "on", "until", "while", "if"}
)
# Trailing intensity marks: "Anxious+" is more anxious, "Confident--" less confident.
MARK_UP = 1.25
MARK_DOWN = 0.75
_MARKS = re.compile(r"^(?P<word>.*?[^\s+\-−–])\s*(?P<marks>\+{1,3}|[-−–]{1,3})$", re.DOTALL)
# Regular forms of a lexicon word ("frustrating", "excitement", "happiness"), tried in order:
# each ending is replaced and the result looked up in mapgen's lexicon only.
_ENDINGS = (
    ("iness", "y"),
    ("ness", ""),
    ("ment", ""),
    ("ment", "ed"),
    ("ment", "d"),
    ("ying", "ied"),
    ("ing", "ed"),
    ("ing", "d"),
    ("ful", "ed"),
    ("ation", "ed"),
    ("ion", "ed"),
    ("ence", "ent"),
    ("ance", "ant"),
    ("osity", "ous"),
    ("iety", "ious"),
    ("ity", "e"),
    ("ly", ""),
    ("s", ""),
    ("ed", ""),
    ("d", ""),
)
_MAX_CHARS = 200  # a feeling is a few words: longer text is no word of any lexicon


def _clamp(value: float) -> float:
    return max(-1.0, min(1.0, value))


def _ours(text: str) -> float | None:
    """Return the valence mapgen's own lexicon gives a word or one of its forms, or None."""
    if text in VALENCES:
        return VALENCES[text]
    if text in FORMS:
        return VALENCES[FORMS[text]]
    for ending, replacement in _ENDINGS:
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            stem = text[: -len(ending)] + replacement
            if stem in VALENCES:
                return VALENCES[stem]
            if stem in FORMS:
                return VALENCES[FORMS[stem]]
    return None


def _lookup(text: str, vader: bool) -> float | None:
    """Return a word's valence: ours first (journeys use some words apart from general sentiment)."""
    found = _ours(text)
    if found is None and vader:
        found = vader_valence(text)
    return found


def _modified(text: str, vader: bool) -> float | None:
    """Return the valence of a word after any modifiers ('not very happy'), or None."""
    factor = 1.0
    while text:
        for lead in _LEADS:
            text = text.removeprefix(lead)
        found = _lookup(text, vader)
        if found is not None:
            return found * factor
        for modifier, scale in _MODIFIERS:
            if text.startswith(modifier + " "):
                text = text[len(modifier) + 1 :]
                factor *= scale
                break
        else:
            break
    # A feeling followed by what it is about: the longest known head before a connector.
    words = text.split()
    for end in range(len(words) - 1, 0, -1):
        if words[end] in _CONNECTORS:
            head = " ".join(words[:end])
            found = _lookup(head, vader)
            if found is not None:
                return found * factor
    return None


def _normal(text: str) -> str:
    text = text.casefold().replace("-", " ").replace("’", "'")
    return " ".join(text.split()).strip(" .!?")


def _split_marks(word: str) -> tuple[str, float]:
    """Return a word without its trailing intensity marks, and the factor they apply."""
    match = _MARKS.match(word.strip())
    if match is None:
        return word, 1.0
    marks = match["marks"]
    scale = MARK_UP if marks[0] == "+" else MARK_DOWN
    return match["word"], scale ** len(marks)


def _valence(word: str, vader: bool) -> float | None:
    if len(word) > _MAX_CHARS:
        return None
    text, factor = _split_marks(word)
    found = _modified(_normal(text), vader)
    return None if found is None else round(_clamp(found * factor), 4)


def valence(word: str) -> float | None:
    """Return the valence in [-1, 1] of an emotion word or short phrase as written, or None.

    'Very anxious', 'not happy', 'Anxious+' and 'relief' all count: modifiers and trailing marks
    scale the word, other forms read as their headword, VADER's lexicon fills what ours lacks.
    """
    return _valence(word, vader=True)


def curated(word: str) -> bool:
    """Return True when mapgen's own lexicon knows the word, without VADER's help."""
    return _valence(word, vader=False) is not None
