"""Wrapping: where a line may break, and text broken greedily into lines no wider than a width."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from mapgen.text.chains import FontChain, _zero_width
from mapgen.text.hyphenation import HYPHEN, split_points
from mapgen.text.measuring import measure

# No line may start with these (closing punctuation, small kana, prolonged sound mark) ...
_NO_START = frozenset(
    ")]}»›”’.,;:!?%‰°′″、。，．：；！？）］｝」』】〉》〕〗〙〛ー々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・…‥〜～"
)
# ... and none may end with these (opening punctuation).
_NO_END = frozenset("([{«‹“‘（［｛「『【〈《〔〖〘〚")
_HYPHENS = frozenset("-‐–—/")
# Scripts written without spaces, breakable anywhere.
_CJK = (
    "\u2e80-\u9fff"  # radicals, kana, CJK symbols and unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # compatibility ideographs
    "\uff00-\uffef"  # full-width forms
    "\U00020000-\U0003ffff"  # supplementary ideographs
    "\u0e00-\u0e7f"  # Thai has no spaces either; without a dictionary, any place
)
_IS_CJK = re.compile(f"[{_CJK}]")
_NO_BREAK_SPACES = "\u00a0\u2007\u202f"  # spaces (str.isspace) that join words
# A word is what lies between spaces that break (re's \s is exactly str.isspace).
_WORD = re.compile(rf"[\S{_NO_BREAK_SPACES}]+")
# Where a line may break inside a word: next to a hyphen or slash, or next to CJK or Thai.
_BREAK_NEAR_CLASS = re.escape("".join(sorted(_HYPHENS))) + _CJK
_BREAK_NEAR = re.compile(f"[{_BREAK_NEAR_CLASS}]")
# A paragraph with none of these breaks only at spaces, where str.split() (str.isspace) splits.
_NOT_JUST_SPACES = re.compile(f"[{_BREAK_NEAR_CLASS}{_NO_BREAK_SPACES}]")


def _is_cjk(char: str) -> bool:
    """Return True for characters of scripts written without spaces, breakable anywhere."""
    return _IS_CJK.match(char) is not None


def _can_break(before: str, prev: str, char: str) -> bool:
    """Return True when a line may break between prev and char (neither is a space)."""
    if char in _NO_START or prev in _NO_END:
        return False
    if _is_cjk(prev) or _is_cjk(char):
        return True
    # After a hyphen or slash inside a word: "customer-|journey", "and/|or", but not "-|5".
    return prev in _HYPHENS and before.isalnum() and char.isalpha()


def _pieces(paragraph: str) -> list[tuple[bool, str]]:
    """Split a paragraph into unbreakable pieces, each flagged when a space precedes it."""
    if _NOT_JUST_SPACES.search(paragraph) is None:  # almost all text
        return [(i > 0, word) for i, word in enumerate(paragraph.split())]
    pieces: list[tuple[bool, str]] = []
    for word in _WORD.findall(paragraph):
        start = 0
        space_before = bool(pieces)
        for i in _breaks(word):
            pieces.append((space_before, word[start:i]))
            start, space_before = i, False
        pieces.append((space_before, word[start:]))
    return pieces


def _breaks(word: str) -> list[int]:
    """Return the positions inside a word (no breaking spaces) where a line may break."""
    # Only a hyphen or a CJK character can allow a break, on either side of it: test just there.
    near = {i for match in _BREAK_NEAR.finditer(word) for i in (match.start(), match.end())}
    return [
        i
        for i in sorted(near)
        if 0 < i < len(word)
        and _can_break(word[i - 2] if i > 1 else "", word[i - 1], word[i])
        and not _attaches(word[i])
    ]


def _attaches(char: str) -> bool:
    """Return True for characters that belong to the one before: combining marks, joiners."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or _zero_width(char)


def _clusters(piece: str) -> list[str]:
    """Split a piece into the smallest parts a line may break between (a base and its marks)."""
    clusters: list[str] = []
    joined = False
    for char in piece:
        if clusters and (_attaches(char) or joined):
            clusters[-1] += char
        else:
            clusters.append(char)
        joined = char == "\u200d"
    return clusters


def bullet_indent(chain: FontChain, size: float, bullet: str) -> float:
    """Return the hanging indent that holds a bullet (or a list number) and the space after it."""
    return round(measure(bullet, chain, size) + size * 0.6, 2)


class Wrapped(NamedTuple):
    """Lines of a wrapped text, and the first line that ends inside a word at no hyphenation point."""

    lines: tuple[str, ...]
    forced: int  # that line's index, or -1 when every line ends between words or at a hyphen


def wrap(
    text: str, chain: FontChain, size: float, max_width: float, *, language: str | None = "en"
) -> list[str]:
    """Return text broken into lines no wider than max_width points at size pt.

    Lines break at spaces (which are dropped at the break), after a hyphen or slash inside a word,
    and between any two CJK or Thai characters (except before closing or after opening
    punctuation). A word wider than the line breaks at its language's hyphenation points, with a
    visible hyphen; only a word with no such point that fits (a part number, a word of a language
    without patterns, language=None) is broken between characters, as the last resort
    (text.fit never accepts that break: it shrinks the text or cuts it with an ellipsis instead).
    Explicit newlines are kept, a blank line as an empty string; leading and trailing blank lines
    are dropped. Only a single character wider than max_width can make a line wider than max_width.
    """
    if size <= 0 or max_width <= 0:
        raise ValueError(f"size and max_width must be positive, got {size} and {max_width}")
    return list(_wrap(text, chain, float(size), float(max_width), language).lines)


@functools.lru_cache(maxsize=32768)
def _wrap(text: str, chain: FontChain, size: float, max_width: float, language: str | None) -> Wrapped:
    sums = chain._sums
    limit = max_width / size + 1e-9  # compare in 1-pt units: one multiplication per line
    space = chain._widths[" "]
    hyphen = sums[HYPHEN]
    lines: list[str] = []
    forced = -1
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return Wrapped((), -1)
    for paragraph in text.split("\n"):
        line = ""
        line_width = 0.0
        for space_before, piece in _pieces(paragraph):
            piece_width = sums[piece]
            gap = space if space_before and line else 0.0
            if line_width + gap + piece_width <= limit:
                line += (" " if gap else "") + piece
                line_width += gap + piece_width
                continue
            if line:
                lines.append(line)
                line, line_width = "", 0.0
            if piece_width > limit:
                # Too long for any line: break at hyphenation points, as late as each line allows.
                points = split_points(piece, language)
                start = 0
                while sums[piece[start:]] > limit:
                    fitting = [p for p in points if p > start and sums[piece[start:p]] + hyphen <= limit]
                    if not fitting:
                        break
                    lines.append(piece[start : fitting[-1]] + HYPHEN)
                    start = fitting[-1]
                piece = piece[start:]
                piece_width = sums[piece]
            if piece_width <= limit:
                line, line_width = piece, piece_width
                continue
            for cluster in _clusters(piece):
                cluster_width = sums[cluster]
                if line and line_width + cluster_width > limit:
                    if forced < 0:
                        forced = len(lines)
                    lines.append(line)
                    line, line_width = "", 0.0
                line += cluster
                line_width += cluster_width
        lines.append(line)
    return Wrapped(tuple(lines), forced)
