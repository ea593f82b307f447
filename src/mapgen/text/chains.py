"""Font chains: a primary face and its fallbacks, and the widths each chain caches.

A FontChain is the primary face followed by fallbacks: the ones a theme names, then DejaVu Sans,
then well-known families per script (FALLBACK_FAMILIES) where installed, and finally, for a
character none of those has, any other usable system font.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from mapgen.text.finding import _auto_fallbacks, _last_resort, find_face
from mapgen.text.truetype import Face, FontError, _data, is_font_file, load_face


def _zero_width(char: str) -> bool:
    """Return True for characters drawn as nothing: controls, joiners, variation selectors."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


class _Widths(dict[str, float]):
    """Advance width per character at 1 pt for one chain, filled on first use."""

    def __init__(self, chain: FontChain) -> None:
        super().__init__()
        self._chain = chain

    def __missing__(self, char: str) -> float:
        _face, width = self._chain._lookup(char)
        self[char] = width
        return width


class _Sums(dict[str, float]):
    """Width at 1 pt of each string measured with one chain (words, lines), filled on first use.

    Words and lines repeat all through a workbook, so a string is summed once, not once per
    character per call. The sum is math.fsum's, correctly rounded, so it does not depend on how
    the string was reached.
    """

    # Enough for every word and line of a large workbook; forgetting everything at once when full
    # keeps a long-running `mapgen watch` bounded without the bookkeeping of an LRU.
    LIMIT: Final = 1 << 17

    def __init__(self, widths: _Widths) -> None:
        super().__init__()
        self._widths = widths

    def __missing__(self, text: str) -> float:
        if len(self) >= self.LIMIT:
            self.clear()
        width = self[text] = math.fsum(map(self._widths.__getitem__, text))
        return width


@dataclass(frozen=True, eq=False)
class FontChain:
    """A primary face and its fallbacks: each character is drawn with the first face that has it.

    `faces` are tried in order; when `system_fallback` is set, a character none of them has is
    looked up in every other usable installed font. Chains compare and hash by their faces, and
    cache each character's face and width and each measured string's width, so measuring a word
    or a line seen before costs one dict look-up.
    """

    faces: tuple[Face, ...]
    system_fallback: bool = True
    _widths: _Widths = field(init=False, repr=False)
    _faces: dict[str, Face | None] = field(init=False, repr=False)
    _sums: _Sums = field(init=False, repr=False)
    _primary_chars: set[str] = field(init=False, repr=False)  # those drawn with faces[0]
    _key: tuple[tuple[Face, ...], bool] = field(init=False, repr=False)
    # wrap() and fit() hash their chain for their caches on every call: hash the faces only once.
    _hash: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.faces:
            raise ValueError("a font chain needs at least one face")
        object.__setattr__(self, "_widths", _Widths(self))
        object.__setattr__(self, "_faces", {})
        object.__setattr__(self, "_sums", _Sums(self._widths))
        object.__setattr__(self, "_primary_chars", set())
        object.__setattr__(self, "_key", (self.faces, self.system_fallback))
        object.__setattr__(self, "_hash", hash(self._key))

    @classmethod
    def of(cls, *faces: Face | str | Path, system_fallback: bool = False) -> FontChain:
        """Return a chain of exactly these faces (files or family names), for tests and tools."""
        resolved = []
        for spec in faces:
            if isinstance(spec, Face):
                resolved.append(spec)
            elif is_font_file(spec):
                resolved.append(load_face(spec))
            else:
                face = find_face(str(spec))
                if face is None:
                    raise FontError(f"no installed font family {str(spec)!r}")
                resolved.append(face)
        return cls(tuple(resolved), system_fallback=system_fallback)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return isinstance(other, FontChain) and self._hash == other._hash and self._key == other._key

    def __reduce__(self) -> tuple[type[FontChain], tuple[tuple[Face, ...], bool]]:
        # Rebuilt, not copied, in another process: the caches hold nothing worth sending.
        return (FontChain, (self.faces, self.system_fallback))

    def __hash__(self) -> int:
        return self._hash

    @property
    def primary(self) -> Face:
        """Return the face text is drawn in when it has the character."""
        return self.faces[0]

    @property
    def family(self) -> str:
        """Return the primary face's family name (what a deck names)."""
        return self.faces[0].family

    def face_for(self, char: str) -> Face | None:
        """Return the face that draws char, or None when no usable font has it."""
        try:
            return self._faces[char]
        except KeyError:
            return self._lookup(char)[0]

    def has(self, char: str) -> bool:
        """Return True when some face of the chain (or of the system) draws char."""
        return self.face_for(char) is not None

    def _lookup(self, char: str) -> tuple[Face | None, float]:
        found: Face | None = None
        width: float | None = None
        for face in self.faces:
            width = _data(face).data.width(char)
            if width is not None:
                found = face
                break
        else:
            if self.system_fallback and not _zero_width(char):
                for face in _last_resort():
                    width = _data(face).data.width(char)
                    if width is not None:
                        found = face
                        break
        if found is None:
            if char == "\t":
                width = self._widths[" "]
            elif _zero_width(char):
                width = 0.0
            else:  # renderers draw the primary face's .notdef box: measure that
                width = _data(self.faces[0]).data.notdef_width
        assert width is not None
        self._faces[char] = found
        if found is self.faces[0]:
            self._primary_chars.add(char)
        return found, width


def font_chain(
    primary: str | Path,
    *,
    fallback: Sequence[str | Path] = (),
    bold: bool = False,
    italic: bool = False,
    base_dir: Path | None = None,
    auto_fallback: bool = True,
    system_fallback: bool = True,
) -> FontChain:
    """Return the chain for a font spec: a family name, or a font file (relative to base_dir).

    Entries that cannot be resolved are left out (check_font() says why); when nothing resolves,
    the chain starts with DejaVu Sans, which ships with matplotlib. `auto_fallback` appends
    FALLBACK_FAMILIES where installed; `system_fallback` lets any other installed font supply a
    character the chain lacks.
    """
    return _font_chain(
        (primary, *fallback),
        bold,
        italic,
        base_dir.resolve() if base_dir else None,
        auto_fallback,
        system_fallback,
    )


@functools.lru_cache(maxsize=256)
def _font_chain(
    specs: tuple[str | Path, ...],
    bold: bool,
    italic: bool,
    base_dir: Path | None,
    auto_fallback: bool,
    system_fallback: bool,
) -> FontChain:
    faces: list[Face] = []
    for spec in specs:
        face = _resolve(spec, bold=bold, italic=italic, base_dir=base_dir)
        if face is not None and face not in faces:
            faces.append(face)
    if auto_fallback or not faces:
        faces.extend(f for f in _auto_fallbacks(bold, italic) if f not in faces)
    if not faces:
        raise FontError("no usable font found: not even DejaVu Sans, which ships with matplotlib")
    return FontChain(tuple(faces), system_fallback=system_fallback)


def _resolve(spec: str | Path, *, bold: bool, italic: bool, base_dir: Path | None) -> Face | None:
    try:
        if is_font_file(spec):
            return load_face(spec, base_dir=base_dir)
    except FontError:
        return None
    return find_face(str(spec), bold=bold, italic=italic)


def check_font(spec: str | Path, *, base_dir: Path | None = None) -> str | None:
    """Return why a font spec (family name or file) cannot be used, or None when it can."""
    if is_font_file(spec):
        try:
            load_face(spec, base_dir=base_dir)
        except FontError as error:
            return str(error)
        return None
    if find_face(str(spec)) is None:
        return f"no installed font family {str(spec)!r}"
    return None
