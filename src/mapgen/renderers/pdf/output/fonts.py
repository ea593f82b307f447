"""Fonts for the PDF report: each face registered once with reportlab, text split into face runs.

mapgen.text decides which face draws each character (the theme's fallback chain); this module
only hands those faces to reportlab, which embeds every TrueType font as subsets. Paragraph text
becomes <font name=...> runs, and canvas text is drawn run by run, so an accent, a CJK character
or an emoji is drawn by a face that has it instead of becoming a box.

The report is made as sections, each a PDF of its own that embeds its own subsets of each face,
and then joined. reportlab gives a subset's codes to characters in the order a document first
uses them, so two sections would embed two different first subsets of the same face, and 60
chapters 60 of them. Here every document starts each face's first subset with the same fixed
characters (ASCII, typographic punctuation, Latin-1, then Latin Extended-A as far as there is
room), filling it; that subset is then byte for byte the same in every section, and the join
keeps one copy. Characters beyond it go into further subsets of the section that uses them.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from mapgen import text

if TYPE_CHECKING:
    from mapgen.text import Face, FontChain

__all__ = ["PRESET_CHARACTERS", "draw_line", "markup", "register"]

_registered: set[str] = set()
_lock = threading.Lock()

# The characters that go into a face's first subset in every document, in this order, after
# ASCII (which reportlab always puts there): the punctuation mapgen itself writes, Latin-1, then
# Latin Extended-A; as many as fit, and a face that lacks some fills up with its own characters.
PRESET_CHARACTERS = (
    "•·—–−…‘’“”‚„‹›€™†‡‰"
    + "".join(chr(c) for c in range(0xA1, 0x100))
    + "".join(chr(c) for c in range(0x100, 0x180))
)
# reportlab's first subset holds 256 codes: 0 (.notdef), 32-127 (ASCII), and 1-31 and 128-255
# for other characters.
_FIRST_SUBSET_ROOM = 31 + 128


def register(face: Face) -> str:
    """Register a face with reportlab (once per process) and return the name to use it by."""
    name = face.id
    if name in _registered:
        return name
    with _lock:
        if name not in _registered:
            from reportlab.pdfbase import pdfmetrics

            _fix_to_unicode()
            pdfmetrics.registerFont(_preset_font_class()(name, str(face.path), subfontIndex=face.index))
            _registered.add(name)
    return name


def markup(source: str, chain: FontChain) -> str:
    """Return text as Paragraph markup: escaped, newlines as <br/>, other faces as <font> runs.

    The paragraph's own font is the chain's primary face, so runs in it need no tag.
    """
    primary = chain.primary
    register(primary)
    lines = []
    for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        parts = []
        for face, run in text.runs(line, chain):
            if face == primary:
                parts.append(escape(run))
            else:
                parts.append(f'<font name="{register(face)}">{escape(run)}</font>')
        lines.append("".join(parts))
    return "<br/>".join(lines)


def draw_line(canvas: Any, line: str, chain: FontChain, size: float, x: float, y: float) -> None:
    """Draw one already-wrapped line with its baseline at (x, y), run by run in the chain's faces."""
    obj = canvas.beginText(x, y)
    for face, run in text.runs(line, chain):
        obj.setFont(register(face), size)
        obj.textOut(run)
    canvas.drawText(obj)


@cache
def _preset_font_class() -> type[Any]:
    """Return reportlab's TTFont made to fill each document's first subset the same way."""
    from reportlab.pdfbase.ttfonts import TTFont

    class PresetFont(TTFont):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.mapgen_preset = _preset(set(self.face.charToGlyph))
            # Every document embeds the same first subset: make its font program once.
            self.face.makeSubset = _memo(self.face.makeSubset)

        def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:  # reportlab's name
            if doc not in self.state:
                super().splitString(self.mapgen_preset, doc)
            return super().splitString(text, doc, encoding)

    return PresetFont


def _preset(available: set[int]) -> str:
    """Return the characters that fill a face's first subset: the preset ones it has, then its own."""
    chosen = [c for c in dict.fromkeys(PRESET_CHARACTERS) if ord(c) in available]
    if len(chosen) < _FIRST_SUBSET_ROOM:
        taken = {ord(c) for c in chosen}
        chosen += [chr(c) for c in sorted(available) if c > 0x7F and c != 0xA0 and c not in taken]
    return "".join(chosen[:_FIRST_SUBSET_ROOM])


def _memo(make: Any) -> Any:
    """Return make_subset remembering the font programs it made last (the first subset's, mostly)."""

    @lru_cache(maxsize=8)
    def made(subset: tuple[int, ...]) -> bytes:
        result: bytes = make(list(subset))
        return result

    def make_subset(subset: list[int]) -> bytes:
        return made(tuple(subset))

    return make_subset


_fixed = False


def _fix_to_unicode() -> None:
    """Make reportlab's ToUnicode CMaps right for characters beyond U+FFFF (emoji, rare CJK).

    reportlab writes each code point as "<%04X>", which for U+1F600 gives five hex digits that
    PDF readers misread: the glyph prints, but copying or searching the text yields another
    character. A ToUnicode destination must be UTF-16BE, so such characters need a surrogate
    pair. The replacement writes exactly what reportlab writes for every other character.
    """
    global _fixed
    if _fixed:
        return
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        cmap: str = original(fontname, subset)
        for code in subset:
            if code > 0xFFFF:
                wrong = f"<{code:04X}>"
                right = "<" + chr(code).encode("utf-16-be").hex().upper() + ">"
                cmap = cmap.replace(f"> {wrong}\n", f"> {right}\n").replace(f"> {wrong}", f"> {right}")
        return cmap

    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
    _fixed = True
