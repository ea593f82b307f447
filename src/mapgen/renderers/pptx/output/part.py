"""Make one part of the deck: plan its slides, emit them with python-pptx onto the base, pack them.

The base is the client's template (its slides removed) or the built-in look, the same for every
part; the document properties are set before any slide is added, so they belong to the base too.
Titles go into the layouts' title placeholders; everything else is a native shape, text box,
chart or table. Every content slide gets speaker notes, every picture and chart alt text.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapgen.model import Journeys, Problem
from mapgen.renderers.parts import PartSpec
from mapgen.renderers.pptx.deck import Frame, JourneyLayout, LineChart, PartPlan, SlidePlan, Table
from mapgen.renderers.pptx.package.container import PartManifest, pack_part
from mapgen.renderers.pptx.package.reproducible import fixed_moment, remember_part_names
from mapgen.renderers.pptx.plan.common import document_properties
from mapgen.renderers.pptx.plan.pages import shows_page_number
from mapgen.renderers.pptx.plan.parts import plan_part
from mapgen.scene import TextBlock

if TYPE_CHECKING:
    from mapgen.renderers.pptx.output.template import Base
    from mapgen.themes import Theme

__all__ = ["MadePart", "make_part"]


@dataclass(frozen=True)
class MadePart:
    """A part made: its bytes (see pptx_container), its plan, the problems found, and the frame."""

    data: bytes
    plan: PartPlan
    problems: tuple[Problem, ...]
    frame: Frame


def make_part(
    scope: Journeys,
    spec: PartSpec,
    theme: Theme,
    *,
    template: str | Path | None = None,
    layout_journey: JourneyLayout | None = None,
) -> MadePart:
    """Return a part of the deck made from its scope, on a client template when one is given."""
    from mapgen.renderers.pptx.output.template import open_base

    chosen = Path(template) if template is not None else theme.slide.template
    base = open_base(theme, chosen)
    remember_part_names(base.prs)
    moment = fixed_moment()
    _set_properties(base.prs, scope, moment)
    base_parts = [str(part.partname) for part in base.prs.part.package.iter_parts()]
    plan = plan_part(scope, spec, theme, frame=base.frame, layout_journey=layout_journey)
    slides = _Slides(base.prs)
    emitted = [_emit_slide(base, slide, theme, slides) for slide in plan.slides]
    manifest = PartManifest(
        part=spec.name,
        template=base.template is not None,
        kinds=tuple(slide.kind for slide in plan.slides),
        numbered=tuple(k for k, (numbered, _) in enumerate(emitted) if numbered),
        next_ids=tuple(next_id for _, next_id in emitted),
        base_problems=tuple(base.problems),
        problems=plan.problems,
    )
    data = pack_part(_entries(base.prs), base_parts, manifest, moment, keep_base=spec.name == "head")
    problems = tuple(dict.fromkeys((*base.problems, *plan.problems)))
    return MadePart(data, plan, problems, base.frame)


def _entries(prs: Any) -> Iterator[tuple[str, bytes]]:
    """Yield the entries of the presentation's package as python-pptx's save writes them, in order.

    The part is packed from these directly: saving first would compress every entry, and the
    packing would read and compress them again.
    """
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    package = prs.part.package
    parts = list(package.iter_parts())
    # As python-pptx's PackageWriter: content types, the package's relationships, then each part
    # followed by its relationships.
    yield "[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts))
    yield "_rels/.rels", package._rels.xml
    for part in parts:
        yield part.partname.membername, part.blob
        if part._rels:
            yield part.partname.rels_uri.membername, part.rels.xml


def _set_properties(prs: Any, journeys: Journeys, moment: Any) -> None:
    props = prs.core_properties
    title, author, subject, description = document_properties(journeys)
    props.title = _core_text(title)
    props.author = _core_text(author)
    props.subject = _core_text(subject)
    props.comments = _core_text(description)  # python-pptx's default says "generated using python-pptx"
    props.last_modified_by = _core_text(author) or "mapgen"
    props.revision = 1
    # python-pptx stores naive datetimes as UTC.
    props.created = moment.replace(tzinfo=None)
    props.modified = moment.replace(tzinfo=None)


def _emit_slide(base: Base, spec: SlidePlan, theme: Theme, slides: _Slides) -> tuple[bool, int]:
    """Add a slide to the base; return whether it shows its number in a slide-number field, and
    the first free shape id of a slide the join adds shapes to (0 for the others)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    from mapgen.renderers.pptx.output.chart import add_line_chart
    from mapgen.renderers.pptx.output.drawingml import rgb
    from mapgen.renderers.pptx.output.scene import Paintable, paint_scene_items
    from mapgen.renderers.pptx.output.table import add_table

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
            ph._element.getparent().remove(ph._element)
    if spec.background is not None:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb(spec.background)
    template = base.template is not None
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
    numbered = False
    if template and spec.kind != "title":
        numbered = _template_footers(base, slide, layout, spec, theme)
    if spec.notes:
        slides.notes(slide, spec.notes)
    # The join adds the page number and footer of the built-in look on top of the slide.
    next_id = shapes._next_shape_id if not template and shows_page_number(spec.kind) else 0
    return numbered, next_id


class _Slides:
    """New slides and notes slides: python-pptx makes a part's first of each, the others are copies.

    python-pptx makes a slide by cloning its layout's placeholders, and a notes slide by cloning
    the notes master's, through its API: a few milliseconds a slide. A copy of the first is the
    same XML; the copies' parts are related as python-pptx relates them, in the same order.
    """

    def __init__(self, prs: Any) -> None:
        self._prs = prs
        self._slides: dict[Any, Any] = {}  # layout part -> a new slide's element
        self._notes: Any = None  # a new notes slide's element, before its text

    def slide(self, layout: Any) -> Any:
        """Add a slide made from the layout, as python-pptx's add_slide does; return it."""
        from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from pptx.parts.slide import SlidePart

        blank = self._slides.get(layout.part)
        if blank is None:
            slide = self._prs.slides.add_slide(layout)
            self._slides[layout.part] = copy.deepcopy(slide._element)
            return slide
        presentation = self._prs.part
        part = SlidePart(
            presentation._next_slide_partname,
            CONTENT_TYPE.PML_SLIDE,
            presentation.package,
            copy.deepcopy(blank),
        )
        part.relate_to(layout.part, RELATIONSHIP_TYPE.SLIDE_LAYOUT)
        self._prs.slides._sldIdLst.add_sldId(presentation.relate_to(part, RELATIONSHIP_TYPE.SLIDE))
        return part.slide

    def notes(self, slide: Any, text: str) -> None:
        """Give a slide its notes slide, holding the text."""
        from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from pptx.parts.slide import NotesSlidePart

        if self._notes is None:
            notes = slide.notes_slide
            self._notes = copy.deepcopy(notes._element)
        else:
            slide_part = slide.part
            package = slide_part.package
            part = NotesSlidePart(
                package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                CONTENT_TYPE.PML_NOTES_SLIDE,
                package,
                copy.deepcopy(self._notes),
            )
            part.relate_to(package.presentation_part.notes_master_part, RELATIONSHIP_TYPE.NOTES_MASTER)
            part.relate_to(slide_part, RELATIONSHIP_TYPE.SLIDE)
            slide_part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
            notes = part.notes_slide
        notes.notes_text_frame.text = text


def _fill_placeholder(shapes: Any, ph: Any, block: TextBlock, theme: Theme, template: bool) -> None:
    """Put a fitted title into a placeholder (or a text box where the layout has none)."""
    from mapgen.renderers.pptx.output.drawingml import qn
    from mapgen.renderers.pptx.output.scene import paint_scene_items
    from mapgen.renderers.pptx.output.text import block_paragraphs, emu, set_body, set_paragraphs

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


def _template_footers(base: Base, slide: Any, layout: Any, spec: SlidePlan, theme: Theme) -> bool:
    """Show the template's footer (with the plan's footer text) and slide number placeholders.

    The slide number field holds the slide's number within its part; the join sets the number
    it has in the deck. Return True when the slide got a slide number field.
    """
    from pptx.enum.shapes import PP_PLACEHOLDER

    from mapgen.renderers.pptx.output.drawingml import qn, sub_element
    from mapgen.renderers.pptx.output.text import block_paragraphs, set_body, set_paragraphs

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
        numbered = True
    return numbered


def _core_text(value: str | None) -> str:
    """Return a document property cut to the 255 characters python-pptx (and Office) accept."""
    value = value or ""
    return value if len(value) <= 255 else value[:254].rstrip() + "…"
