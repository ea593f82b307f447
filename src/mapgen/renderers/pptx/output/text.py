"""Write the plan's paragraphs as DrawingML text (text boxes, placeholders, table cells).

Each paragraph of the plan is one a:p holding its text as the workbook wrote it: PowerPoint
wraps it, so a client who edits a card gets the text flowing as they type. A line break (a:br)
is written only where the workbook had one. The plan measured the lines in the family the runs
name (plan.look), with a margin, so PowerPoint's wrapping fits the box. Every run names the
family of the face mapgen.text measured it with (the deck's family for the primary face, the
fallback face's own family otherwise). Line spacing is exact (spcPts), rounded down, so a block
is never taller than it was measured. Every run has an explicit size.

The XML is written as text and parsed once per text body (or per batch of shapes, see
output.scene): decks hold tens of thousands of runs, and element-by-element building is slow.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from mapgen import text
from mapgen.renderers.pptx.deck import Paragraph, TextFrame
from mapgen.renderers.pptx.output.drawingml import NSDECLS, element, parse, qn
from mapgen.scene import FontRole, TextBlock, VAlign

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "EMU_PER_PT",
    "block_paragraphs",
    "body_properties_xml",
    "emu",
    "frame_paragraphs",
    "paragraphs_xml",
    "resolve_bold",
    "set_body",
    "set_paragraphs",
    "written_text",
]

EMU_PER_PT = 12700
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR: dict[VAlign, str] = {"top": "t", "middle": "ctr", "bottom": "b"}
# XML 1.0 cannot hold most control characters; a workbook cell can.
_NO_SPACE_AFTER = frozenset("-‐/")  # a line that broke after these joins the next without a space
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def emu(points: float) -> int:
    """Return points as whole EMUs."""
    return round(points * EMU_PER_PT)


def resolve_bold(theme: Theme, font: FontRole, bold: bool | None) -> bool:
    """Return the weight a text is drawn in: bold None means the role's own weight."""
    if bold is not None:
        return bold
    spec = theme.fonts.heading if font == "heading" else theme.fonts.body
    return spec.weight == "bold"


def block_paragraphs(block: TextBlock) -> tuple[Paragraph, ...]:
    """Return a text block's lines as paragraphs: lines of one source paragraph stay together."""
    groups = _group_lines(block.lines, block.source)
    return tuple(
        Paragraph(
            lines=tuple(lines),
            source=source,
            size=block.size,
            color=block.color,
            font=block.font,
            bold=block.bold,
            italic=block.italic,
            align=block.align,
            line_height=block.line_height,
        )
        for lines, source in groups
    )


def frame_paragraphs(item: TextFrame | TextBlock) -> tuple[Paragraph, ...]:
    """Return the paragraphs of a text frame or a text block."""
    return item.paragraphs if isinstance(item, TextFrame) else block_paragraphs(item)


def _group_lines(lines: Sequence[str], source: str) -> list[tuple[list[str], str]]:
    """Return the lines grouped by the source paragraph each was wrapped from, with that paragraph.

    The match ignores white space (wrapping drops the spaces at breaks); when it fails, as for a
    line cut with an ellipsis, the remaining lines join the current paragraph, without a source.
    """
    paragraphs = [p for p in source.replace("\r\n", "\n").split("\n") if "".join(p.split())]
    keys = ["".join(p.split()) for p in paragraphs]
    groups: list[tuple[list[str], str]] = []
    current: list[str] = []
    seen = ""
    key_index = 0
    for line in lines:
        current.append(line)
        seen += "".join(line.split())
        if key_index < len(keys) and seen == keys[key_index]:
            groups.append((current, paragraphs[key_index]))
            current, seen = [], ""
            key_index += 1
        elif key_index >= len(keys) or not keys[key_index].startswith(seen):
            key_index = len(keys)  # no longer matching: keep the rest together
    if current:
        groups.append((current, ""))
    return groups or [([], "")]


def written_text(para: Paragraph) -> str:
    """Return a paragraph's text as it is written: the workbook's, else its lines joined again.

    A newline stands for a line break the workbook had; the wrapped lines' own breaks are gone.
    """
    joined = _join(para.lines)
    if para.source and "".join(para.source.split()) == "".join(joined.split()):
        return "\n".join(" ".join(line.split()) for line in para.source.splitlines() if line.strip())
    return joined


def _cjk(char: str) -> bool:
    return bool(char) and text._IS_CJK.match(char) is not None


def _join(lines: Sequence[str]) -> str:
    """Return wrapped lines as one text: a space where a line broke at one, none after a hyphen."""
    out = ""
    for line in lines:
        cjk = _cjk(out[-1:]) or _cjk(line[:1])  # CJK and Thai break without spaces
        if out and not (out[-1] in _NO_SPACE_AFTER or cjk):
            out += " "
        out += line
    return out


def body_properties_xml(valign: VAlign) -> str:
    """Return the a:bodyPr of a text box: word wrap, zero insets, the anchor, no autofit."""
    return (
        f'<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{_ANCHOR[valign]}" rtlCol="0">'
        "<a:noAutofit/></a:bodyPr>"
    )


def set_body(
    txBody: Any,
    *,
    valign: VAlign | None = "top",
    insets: tuple[float, float, float, float] | None = (0.0, 0.0, 0.0, 0.0),
) -> None:
    """Set an existing text body's frame: word wrap on, no autofit, the insets and anchor given.

    None for valign or insets leaves them as the placeholder inherits them.
    """
    bodyPr = txBody.find(qn("a:bodyPr"))
    if bodyPr is None:
        bodyPr = element("a:bodyPr")
        txBody.insert(0, bodyPr)
    bodyPr.set("wrap", "square")
    if insets is not None:
        for name, value in zip(("lIns", "tIns", "rIns", "bIns"), insets, strict=True):
            bodyPr.set(name, str(emu(value)))
    if valign is not None:
        bodyPr.set("anchor", _ANCHOR[valign])
    for child in list(bodyPr):
        if child.tag in (qn("a:spAutoFit"), qn("a:normAutofit"), qn("a:noAutofit")):
            bodyPr.remove(child)
    # a:noAutofit comes after a:prstTxWarp and before scene3d, sp3d, flatTx and extLst.
    position = 1 if len(bodyPr) and bodyPr[0].tag == qn("a:prstTxWarp") else 0
    bodyPr.insert(position, element("a:noAutofit"))


def set_paragraphs(
    txBody: Any, paragraphs: Iterable[Paragraph], theme: Theme, *, color: bool = True, align: bool = True
) -> None:
    """Replace a text body's paragraphs by the plan's.

    color and align False leave the colour and the alignment to the template's placeholder.
    """
    for p in txBody.findall(qn("a:p")):
        txBody.remove(p)
    parsed = parse(
        f"<a:txBody {NSDECLS}>{paragraphs_xml(paragraphs, theme, color=color, align=align)}</a:txBody>"
    )
    for p in list(parsed):
        txBody.append(p)


def paragraphs_xml(
    paragraphs: Iterable[Paragraph], theme: Theme, *, color: bool = True, align: bool = True
) -> str:
    """Return the a:p elements of paragraphs (an empty paragraph when there are none)."""
    out = [_paragraph(para, theme, color, align) for para in paragraphs]
    return "".join(out) or "<a:p/>"


def _paragraph(para: Paragraph, theme: Theme, color: bool, align: bool) -> str:
    bold = resolve_bold(theme, para.font, para.bold)
    chain = theme.font_chain(para.font, bold=bold, italic=para.italic)
    office = theme.office_font(para.font)
    ink = para.color if color else None
    marked = para.bullet is not None or para.number is not None
    attrs = f' algn="{_ALIGN[para.align]}"' if align else ""
    indent = emu(para.indent)
    attrs += f' marL="{indent}" indent="{-indent if marked else 0}"'
    # Hundredths of a point, rounded down: a block is never taller than it was measured.
    pitch = math.floor(para.size * para.line_height * 100 + 1e-6)
    before = math.floor(para.space_before * 100 + 1e-6)
    out = [f'<a:p><a:pPr{attrs}><a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc>']
    out.append(f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef>')
    if para.number is not None:
        out.append(f"<a:buFont typeface={quoteattr(office)}/>")
        out.append(f'<a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>')
    elif para.bullet is not None:
        face = chain.face_for(para.bullet)
        family = office if face is None or face == chain.primary else face.family
        out.append(f"<a:buFont typeface={quoteattr(family)}/><a:buChar char={quoteattr(para.bullet)}/>")
    else:
        out.append("<a:buNone/>")
    out.append("</a:pPr>")
    size = round(para.size * 100)
    for k, line in enumerate(written_text(para).split("\n")):
        if k:
            out.append(f"<a:br>{_run_props('a:rPr', size, bold, para.italic, office, ink)}</a:br>")
        for face, chunk in text.runs(line, chain):
            chunk = _CONTROL.sub("", chunk)
            if chunk:
                # Identity first: faces are shared objects, and equality compares every field.
                family = office if face is chain.primary or face == chain.primary else face.family
                props = _run_props("a:rPr", size, bold, para.italic, family, ink)
                out.append(f"<a:r>{props}<a:t>{escape(chunk)}</a:t></a:r>")
    out.append(_run_props("a:endParaRPr", size, bold, para.italic, office, ink))
    out.append("</a:p>")
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _run_props(tag: str, size: int, bold: bool, italic: bool, family: str, color: str | None) -> str:
    fill = f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"/></a:solidFill>' if color else ""
    face = quoteattr(family)
    return (
        f'<{tag} sz="{size}" b="{int(bold)}" i="{int(italic)}" dirty="0">{fill}'
        f"<a:latin typeface={face}/><a:ea typeface={face}/><a:cs typeface={face}/></{tag}>"
    )
