"""VADER's crowd-rated sentiment lexicon, read from its package's data file, for the words ours lacks."""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["SCALE", "vader_valence"]

# VADER's means run on -4..+4, but its raters used the ends sparingly: on the 170 words both
# lexicons hold, ours is VADER's divided by 3.2 (least squares), so dividing by 3.2 and clamping
# to [-1, 1] puts VADER's words on our scale ("glad" 2.0 -> 0.625, ours 0.65).
SCALE = 3.2
_PACKAGE = "vaderSentiment"
_FILE = "vader_lexicon.txt"
_MAX_BYTES = 2_000_000  # the file is 0.4 MB; a file many times larger is not VADER's


@functools.cache
def _lexicon() -> dict[str, float]:
    """Return VADER's words and valences rescaled, or nothing when the package's file is missing.

    Only the data file is read: vaderSentiment's analyzer module imports requests at start-up.
    """
    try:
        source = resources.files(_PACKAGE).joinpath(_FILE)
        with source.open("rb") as handle:
            data = handle.read(_MAX_BYTES + 1)
    except (ModuleNotFoundError, OSError):
        return {}  # mapgen's own lexicon still reads the common words
    if len(data) > _MAX_BYTES:
        return {}
    out: dict[str, float] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        word, _, rest = line.partition("\t")
        mean = rest.partition("\t")[0]
        try:
            value = float(mean)
        except ValueError:
            continue
        out[word.casefold()] = round(max(-1.0, min(1.0, value / SCALE)), 4)
    return out


def vader_valence(word: str) -> float | None:
    """Return VADER's valence of a word on mapgen's scale [-1, 1], or None when VADER lacks it."""
    return _lexicon().get(word)
