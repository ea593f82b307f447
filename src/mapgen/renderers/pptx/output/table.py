"""Add the plan's tables as native PowerPoint tables: sizes, fills and rules written explicitly.

The table style is "No Style, No Grid", so nothing of Office's default style (blue banding, 18 pt
text) shows; every cell gets the plan's insets, fill, a bottom rule and its fitted paragraphs.
Row heights are the measured ones: the text fits, so neither PowerPoint nor LibreOffice grows them.

The table is written as XML and parsed once (the graphic frame python-pptx's add_table makes,
with the cells filled in): a deck holds thousands of cells, and python-pptx's per-cell API
(and a parse per cell) was a tenth of the time a persona's slides take.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

from mapgen.renderers.pptx.deck import Table, TableCell
from mapgen.renderers.pptx.output import pptx_internals
from mapgen.renderers.pptx.output.drawingml import NSDECLS, parse, srgb
from mapgen.renderers.pptx.output.text import emu, paragraphs_xml

if TYPE_CHECKING:
    from pptx.shapes.shapetree import SlideShapes

    from mapgen.themes import Theme

__all__ = ["add_table", "table_xml"]

_NO_STYLE_NO_GRID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"


def add_table(shapes: SlideShapes, table: Table, theme: Theme) -> Any:
    """Add a table on top of the slide's shapes; return its graphic frame element."""
    xml = table_xml(table, pptx_internals.next_shape_id(shapes), theme)
    (frame,) = parse(f"<p:spTree {NSDECLS}>{xml}</p:spTree>")
    pptx_internals.append_shapes(shapes, [frame])
    return frame


def table_xml(table: Table, shape_id: int, theme: Theme) -> str:
    """Return the p:graphicFrame of a table, with the shape id given."""
    box = table.box
    name = table.name or f"Table {shape_id - 1}"  # python-pptx's name for a table
    first_row = ' firstRow="1"' if table.header_rows > 0 else ""  # screen readers announce headers
    columns = []
    x = emu(box.x)
    for k in range(len(table.widths)):
        # Widths rounded from the running edge, so the columns add up to the table's width.
        right = emu(box.x + sum(table.widths[: k + 1]))
        columns.append(f'<a:gridCol w="{right - x}"/>')
        x = right
    border = (
        f'<a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR><a:lnT w="0"><a:noFill/></a:lnT>'
        f'<a:lnB w="{emu(table.border_width)}" cap="flat" cmpd="sng"><a:solidFill>'
        f'<a:srgbClr val="{srgb(table.border)}"/></a:solidFill></a:lnB>'
    )
    mx, my = emu(table.margin_x), emu(table.margin_y)
    margins = f'marL="{mx}" marR="{mx}" marT="{my}" marB="{my}" anchor="t"'
    rows = "".join(
        f'<a:tr h="{emu(height)}">{"".join(_cell(cell, margins, border, theme) for cell in row)}</a:tr>'
        for height, row in zip(table.heights, table.rows, strict=True)
    )
    return (
        f"<p:graphicFrame><p:nvGraphicFramePr>"
        f"<p:cNvPr id={quoteattr(str(shape_id))} name={quoteattr(name)} descr={quoteattr(table.alt)}/>"
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f'</p:nvGraphicFramePr><p:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/>'
        f'<a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></p:xfrm><a:graphic><a:graphicData uri="{_TABLE_URI}">'
        f"<a:tbl><a:tblPr{first_row}><a:tableStyleId>{_NO_STYLE_NO_GRID}</a:tableStyleId></a:tblPr>"
        f"<a:tblGrid>{''.join(columns)}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )


def _cell(cell: TableCell, margins: str, border: str, theme: Theme) -> str:
    fill = f'<a:solidFill><a:srgbClr val="{srgb(cell.fill)}"/></a:solidFill>' if cell.fill else "<a:noFill/>"
    # tcPr's order: lnL, lnR, lnT, lnB, then the fill.
    return (
        f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs_xml(cell.paragraphs, theme)}</a:txBody>"
        f"<a:tcPr {margins}>{border}{fill}</a:tcPr></a:tc>"
    )
