"""Fonts for the PDF report: each face registered once with reportlab, text split into face runs.

mapgen.text decides which face draws each character (the theme's fallback chain); this module
only hands those faces to reportlab, which embeds every TrueType font as subsets. Paragraph text
becomes <font name=...> runs, and canvas text is drawn run by run, so an accent, a CJK character
or an emoji is drawn by a face that has it instead of becoming a box.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from mapgen import text

if TYPE_CHECKING:
    from mapgen.text import Face, FontChain

__all__ = ["draw_line", "markup", "register"]

_registered: set[str] = set()
_lock = threading.Lock()


def register(face: Face) -> str:
    """Register a face with reportlab (once per process) and return the name to use it by."""
    name = face.id
    if name in _registered:
        return name
    with _lock:
        if name not in _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            _fix_to_unicode()
            pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
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
