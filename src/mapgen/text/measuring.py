"""Measuring: how wide a line is, which face draws each run, how tall a line is, what is missing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from mapgen.text.chains import FontChain, _zero_width
from mapgen.text.truetype import Face, _data


@dataclass(frozen=True)
class LineMetrics:
    """Vertical metrics of a face at one size, in points; descent is positive (below the baseline)."""

    ascent: float
    descent: float
    line_gap: float

    def baseline(self, line_pitch: float) -> float:
        """Return the distance from a line's top to its baseline, centring ascent+descent in the pitch."""
        return (line_pitch - self.ascent - self.descent) / 2 + self.ascent


def measure(text: str, chain: FontChain, size: float) -> float:
    """Return the width of one line of text in points at size pt (newlines are not special)."""
    return chain._sums[text] * size


def runs(text: str, chain: FontChain) -> list[tuple[Face, str]]:
    """Split text into runs drawn with one face each, for painters without font fallback.

    Zero-width characters no face has (variation selectors, joiners) are dropped, so no painter
    draws a box for them; characters no font has stay, in the primary face.
    """
    if chain._primary_chars.issuperset(text):  # almost all text: one run in the primary face
        return [(chain.primary, text)] if text else []
    out: list[tuple[Face, str]] = []
    current: Face | None = None
    buffer: list[str] = []
    for char in text:
        face = chain.face_for(char)
        if face is None:
            if _zero_width(char) or char == "\t":
                if char == "\t":
                    buffer.append(" ")
                continue
            face = chain.primary
        # Identity first: the faces are shared objects, and equality compares every field.
        if face is not current and face != current and buffer:
            assert current is not None
            out.append((current, "".join(buffer)))
            buffer = []
        current = face
        buffer.append(char)
    if buffer:
        out.append((current or chain.primary, "".join(buffer)))
    return out


def line_metrics(chain: FontChain, size: float) -> LineMetrics:
    """Return the primary face's ascent, descent and line gap (hhea, as FreeType uses) at size pt."""
    loaded = _data(chain.primary)
    return LineMetrics(loaded.ascent * size, loaded.descent * size, loaded.line_gap * size)


def describe_char(char: str) -> str:
    """Return "'X' (U+XXXX NAME)" for a character, the way warnings quote it."""
    name = unicodedata.name(char, "")
    return f"{char!r} (U+{ord(char):04X}{' ' + name if name else ''})"


def missing_glyph_message(char: str) -> str:
    """Return the warning text for a character no available font has (the caller adds where)."""
    return f"no available font has the character {describe_char(char)}"


def missing_glyphs(text: str, chain: FontChain) -> set[str]:
    """Return the characters of text that no font of the chain (or the system) can draw."""
    return {
        char
        for char in set(text)
        if not char.isspace() and not _zero_width(char) and chain.face_for(char) is None
    }
