"""Add the plan's tables as native PowerPoint tables: sizes, fills and rules written explicitly.

The table style is "No Style, No Grid", so nothing of Office's default style (blue banding, 18 pt
text) shows; every cell gets the plan's insets, fill, a bottom rule and its fitted paragraphs.
Row heights are the measured ones: the text fits, so neither PowerPoint nor LibreOffice grows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pptx.util import Emu

from mapgen.renderers.deck_plan import Table
from mapgen.renderers.pptx_scene import set_alt_text
from mapgen.renderers.pptx_text import emu, set_paragraphs
from mapgen.renderers.pptx_xml import qn, sub_element

if TYPE_CHECKING:
    from pptx.shapes.shapetree import SlideShapes

    from mapgen.themes import Theme

__all__ = ["add_table"]

_NO_STYLE_NO_GRID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


def add_table(shapes: SlideShapes, table: Table, theme: Theme) -> Any:
    """Add a table; return its graphic frame."""
    box = table.box
    frame = shapes.add_table(
        len(table.rows),
        len(table.widths),
        Emu(emu(box.x)),
        Emu(emu(box.y)),
        Emu(emu(box.w)),
        Emu(emu(box.h)),
    )
    set_alt_text(frame, table.alt, table.name)
    tbl = frame.table
    tbl.first_row = table.header_rows > 0  # screen readers announce the header cells
    tbl.horz_banding = False
    tblPr = tbl._tbl.get_or_add_tblPr()
    style = tblPr.find(qn("a:tableStyleId"))
    if style is None:
        style = sub_element(tblPr, "a:tableStyleId")
    style.text = _NO_STYLE_NO_GRID
    x = emu(box.x)
    for k in range(len(table.widths)):
        # Widths rounded from the running edge, so the columns add up to the table's width.
        right = emu(box.x + sum(table.widths[: k + 1]))
        tbl.columns[k].width = Emu(right - x)
        x = right
    for r, height in enumerate(table.heights):
        tbl.rows[r].height = Emu(emu(height))
    for r, row in enumerate(table.rows):
        for k, cell_plan in enumerate(row):
            tc = tbl.cell(r, k)._tc
            set_paragraphs(tc.find(qn("a:txBody")), cell_plan.paragraphs, theme)
            _cell_properties(tc, table, cell_plan.fill)
    return frame


def _cell_properties(tc: Any, table: Table, fill: str | None) -> None:
    old = tc.find(qn("a:tcPr"))
    if old is not None:
        tc.remove(old)
    tcPr = sub_element(tc, "a:tcPr")
    for name, value in (
        ("marL", table.margin_x),
        ("marR", table.margin_x),
        ("marT", table.margin_y),
        ("marB", table.margin_y),
    ):
        tcPr.set(name, str(emu(value)))
    tcPr.set("anchor", "t")
    # Order matters in tcPr: lnL, lnR, lnT, lnB, then the fill.
    for side in ("a:lnL", "a:lnR", "a:lnT"):
        sub_element(sub_element(tcPr, side, w="0"), "a:noFill")
    ln = sub_element(tcPr, "a:lnB", w=str(emu(table.border_width)), cap="flat", cmpd="sng")
    solid = sub_element(ln, "a:solidFill")
    sub_element(solid, "a:srgbClr", val=table.border.lstrip("#").upper())
    if fill:
        solid = sub_element(tcPr, "a:solidFill")
        sub_element(solid, "a:srgbClr", val=fill.lstrip("#").upper())
    else:
        sub_element(tcPr, "a:noFill")
