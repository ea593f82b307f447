"""The deck: plan the slides (deck_plan), then emit them as a native, editable PowerPoint file.

    deck = render_deck(journeys, theme, template=None)   # Deck(data, plan, problems)
    problems = write_deck(journeys, theme, "out/deck.pptx", template=None)

The base is the client's template (template=, else theme.slide.template) or the built-in look
(python-pptx's default presentation, restyled by the theme). Titles go into the layouts' title
placeholders; everything else is a native shape, text box, chart or table. Every content slide
gets speaker notes, every picture and chart alt text. The same model, theme and template give
the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapgen.layout.scene import TextBlock
from mapgen.model import Journeys, Problem
from mapgen.renderers.deck_plan import DeckPlan, JourneyLayout, LineChart, SlidePlan, Table, plan_deck

if TYPE_CHECKING:
    from mapgen.renderers.pptx_template import Base
    from mapgen.themes import Theme

__all__ = ["Deck", "render_deck", "write_deck"]


@dataclass(frozen=True)
class Deck:
    """A finished deck: its bytes, the plan it was emitted from, and the problems found."""

    data: bytes
    plan: DeckPlan
    problems: tuple[Problem, ...]


def write_deck(
    journeys: Journeys,
    theme: Theme,
    path: str | Path,
    *,
    template: str | Path | None = None,
) -> list[Problem]:
    """Write the deck to path; return the warnings (text cut, template mismatches)."""
    deck = render_deck(journeys, theme, template=template)
    Path(path).write_bytes(deck.data)
    return list(deck.problems)


def render_deck(
    journeys: Journeys,
    theme: Theme,
    *,
    template: str | Path | None = None,
    layout_journey: JourneyLayout | None = None,
) -> Deck:
    """Return the deck for a model and theme, on a client template when one is given."""
    from mapgen.renderers.pptx_package import fixed_moment, normalise, remember_part_names
    from mapgen.renderers.pptx_template import open_base

    chosen = Path(template) if template is not None else theme.slide.template
    base = open_base(theme, chosen)
    remember_part_names(base.prs)
    plan = plan_deck(journeys, theme, frame=base.frame, layout_journey=layout_journey)
    for slide in plan.slides:
        _emit_slide(base, plan, slide, theme)
    moment = fixed_moment()
    props = base.prs.core_properties
    props.title = _core_text(plan.title)
    props.author = _core_text(plan.author)
    props.subject = _core_text(plan.subject)
    props.comments = _core_text(plan.description)  # python-pptx's default says "generated using python-pptx"
    props.last_modified_by = _core_text(plan.author) or "mapgen"
    props.revision = 1
    # python-pptx stores naive datetimes as UTC.
    props.created = moment.replace(tzinfo=None)
    props.modified = moment.replace(tzinfo=None)
    out = io.BytesIO()
    base.prs.save(out)
    problems = tuple(dict.fromkeys((*base.problems, *plan.problems)))
    return Deck(normalise(out.getvalue(), moment), plan, problems)


def _emit_slide(base: Base, plan: DeckPlan, spec: SlidePlan, theme: Theme) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    from mapgen.renderers.pptx_chart import add_line_chart
    from mapgen.renderers.pptx_scene import Paintable, paint_scene_items
    from mapgen.renderers.pptx_table import add_table
    from mapgen.renderers.pptx_xml import rgb

    layout = base.layout_for(spec.layout)
    slide = base.prs.slides.add_slide(layout)
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
            ph._element.getparent().remove(ph._element)
    if spec.background is not None:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb(spec.background)
    template = base.template is not None
    _fill_placeholder(shapes, title_ph, spec.title_block, theme, template)
    if spec.subtitle_block is not None:
        _fill_placeholder(shapes, subtitle_ph, spec.subtitle_block, theme, template)
    background = plan.background or theme.colours.background
    batch: list[Paintable] = []
    for item in spec.items:
        if isinstance(item, LineChart | Table):
            # Charts and tables come from python-pptx's API; paint what lies under them first.
            paint_scene_items(shapes, batch, theme)
            batch = []
            if isinstance(item, LineChart):
                add_line_chart(shapes, item, background)
            else:
                add_table(shapes, item, theme)
        else:
            batch.append(item)
    paint_scene_items(shapes, batch, theme)
    if template and spec.kind != "title":
        _template_footers(base, slide, layout, spec, theme)
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes


def _fill_placeholder(shapes: Any, ph: Any, block: TextBlock, theme: Theme, template: bool) -> None:
    """Put a fitted title into a placeholder (or a text box where the layout has none)."""
    from mapgen.renderers.pptx_scene import paint_scene_items
    from mapgen.renderers.pptx_text import block_paragraphs, emu, set_body, set_paragraphs
    from mapgen.renderers.pptx_xml import qn

    if ph is None:
        paint_scene_items(shapes, [block], theme)
        return
    txBody = ph._element.find(qn("p:txBody"))
    if template:
        # The template decides where its titles sit and how they are aligned; the text was fitted
        # to the placeholder's inner box and takes the theme's font, size and weight.
        set_body(txBody, valign=None, insets=None)
        set_paragraphs(txBody, block_paragraphs(block), theme, color=False, align=False)
        return
    from pptx.util import Emu

    box = block.box
    ph.left, ph.top = Emu(emu(box.x)), Emu(emu(box.y))
    ph.width, ph.height = Emu(emu(box.right) - emu(box.x)), Emu(emu(box.bottom) - emu(box.y))
    set_body(txBody, valign=block.valign)
    set_paragraphs(txBody, block_paragraphs(block), theme)


def _template_footers(base: Base, slide: Any, layout: Any, spec: SlidePlan, theme: Theme) -> None:
    """Show the template's footer (with the plan's footer text) and slide number placeholders."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    from mapgen.renderers.pptx_text import block_paragraphs, set_body, set_paragraphs
    from mapgen.renderers.pptx_xml import qn, sub_element

    number = len(base.prs.slides)
    for layout_ph in layout.placeholders:
        kind = layout_ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.FOOTER and spec.footer_block is None:
            continue
        if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            continue
        slide.shapes.clone_placeholder(layout_ph)
        ph = slide.placeholders[layout_ph.placeholder_format.idx]
        txBody = ph._element.get_or_add_txBody()
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


def _core_text(value: str | None) -> str:
    """Return a document property cut to the 255 characters python-pptx (and Office) accept."""
    value = value or ""
    return value if len(value) <= 255 else value[:254].rstrip() + "…"
