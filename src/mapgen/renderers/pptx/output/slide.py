"""Emit one planned slide onto the base with python-pptx: placeholders, shapes, charts, tables, notes.

Every kind of slide is emitted the same way: the title (and the cover's subtitle) go into the
layout's placeholders, the other placeholders are removed, and the plan's items are painted in
order as native shapes, text boxes (output.scene), charts (output.chart) and tables
(output.table). On a client's template, content slides show its footer and slide-number
placeholders; the built-in look's page numbers are added by the join.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from mapgen.renderers.pptx.deck import LineChart, SlidePlan, Table
from mapgen.renderers.pptx.output import pptx_internals
from mapgen.renderers.pptx.output.chart import add_line_chart
from mapgen.renderers.pptx.output.drawingml import qn, rgb, sub_element
from mapgen.renderers.pptx.output.scene import Paintable, paint_scene_items
from mapgen.renderers.pptx.output.table import add_table
from mapgen.renderers.pptx.output.text import block_paragraphs, emu, set_body, set_paragraphs
from mapgen.renderers.pptx.plan.pages import shows_page_number
from mapgen.scene import TextBlock

if TYPE_CHECKING:
    from mapgen.renderers.pptx.output.pptx_internals import SlideCopier
    from mapgen.renderers.pptx.output.template import Base
    from mapgen.themes import Theme

__all__ = ["emit_slide"]


def emit_slide(base: Base, spec: SlidePlan, theme: Theme, slides: SlideCopier) -> tuple[bool, int]:
    """Add a planned slide to the base; return whether it shows its number in a slide-number field,
    and the first free shape id of a slide the join adds shapes to (0 for the others).

    Every kind of slide is emitted here, the cover too: its title and subtitle go into the
    layout's placeholders, and it gets no footer or slide number.
    """
    layout = base.layout_for(spec.layout)
    slide = slides.slide(layout)
    shapes = slide.shapes
    title_ph = subtitle_ph = None
    for ph in list(slide.placeholders):
        kind = ph.placeholder_format.type
        if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) and title_ph is None:
            title_ph = ph
        elif kind == PP_PLACEHOLDER.SUBTITLE and spec.subtitle_block is not None and subtitle_ph is None:
            subtitle_ph = ph
        else:
            # Content goes in as our own shapes: an empty placeholder would say "Click to add text".
            pptx_internals.remove_shape(ph)
    if spec.background is not None:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb(spec.background)
    template = base.template is not None
    if title_ph is not None:
        _fill_placeholder(shapes, title_ph, spec.title_block, theme, template)
    if spec.subtitle_block is not None:
        _fill_placeholder(shapes, subtitle_ph, spec.subtitle_block, theme, template)
    batch: list[Paintable] = []
    for item in spec.items:
        if isinstance(item, LineChart | Table):
            # Charts and tables come from python-pptx's API; paint what lies under them first.
            paint_scene_items(shapes, batch, theme)
            batch = []
            if isinstance(item, LineChart):
                add_line_chart(shapes, item, theme.colours.background)
            else:
                add_table(shapes, item, theme)
        else:
            batch.append(item)
    paint_scene_items(shapes, batch, theme)
    # Titles on top: a header band or a picture drawn later never covers one.
    if title_ph is not None:
        pptx_internals.bring_to_front(title_ph)
    else:
        paint_scene_items(shapes, [spec.title_block], theme)
    numbered = False
    if template and spec.kind != "title":  # the cover shows no footer or slide number
        numbered = _show_template_footers(base, slide, layout, spec, theme)
    if spec.notes:
        slides.notes(slide, spec.notes)
    # The join adds the page number and footer of the built-in look on top of the slide.
    next_id = pptx_internals.next_shape_id(shapes) if not template and shows_page_number(spec.kind) else 0
    return numbered, next_id


def _fill_placeholder(shapes: Any, ph: Any, block: TextBlock, theme: Theme, template: bool) -> None:
    """Put a fitted title into a placeholder (or a text box where the layout has none)."""
    if ph is None:
        paint_scene_items(shapes, [block], theme)
        return
    txBody = pptx_internals.xml_element(ph).find(qn("p:txBody"))
    if template:
        # The template decides where its titles sit and how they are aligned; the text was fitted
        # to the placeholder's inner box and takes the theme's font, size and weight.
        set_body(txBody, valign=None, insets=None)
        set_paragraphs(txBody, block_paragraphs(block), theme, color=False, align=False)
        return
    box = block.box
    ph.left, ph.top = Emu(emu(box.x)), Emu(emu(box.y))
    ph.width, ph.height = Emu(emu(box.right) - emu(box.x)), Emu(emu(box.bottom) - emu(box.y))
    set_body(txBody, valign=block.valign)
    set_paragraphs(txBody, block_paragraphs(block), theme)


def _show_template_footers(base: Base, slide: Any, layout: Any, spec: SlidePlan, theme: Theme) -> bool:
    """Show the template's footer (with the plan's footer text) and slide number placeholders.

    The slide number field holds the slide's number within its part; the join sets the number
    it has in the deck. Return True when the slide got a slide number field.
    """
    number = len(base.prs.slides)
    numbered = False
    for layout_ph in layout.placeholders:
        kind = layout_ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.FOOTER and spec.footer_block is None:
            continue
        if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            continue
        slide.shapes.clone_placeholder(layout_ph)
        ph = slide.placeholders[layout_ph.placeholder_format.idx]
        txBody = pptx_internals.text_body(ph)
        set_body(txBody, valign=None, insets=None)
        if kind == PP_PLACEHOLDER.FOOTER and spec.footer_block is not None:
            set_paragraphs(txBody, block_paragraphs(spec.footer_block), theme, color=False, align=False)
            continue
        for p in txBody.findall(qn("a:p")):
            txBody.remove(p)
        # A slide number field: PowerPoint and LibreOffice keep it up to date when slides move.
        p = sub_element(txBody, "a:p")
        field = sub_element(p, "a:fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
        sub_element(field, "a:rPr", sz=str(round(theme.sizes.size("small") * 100)))
        sub_element(field, "a:t").text = str(number)
        numbered = True
    return numbered
