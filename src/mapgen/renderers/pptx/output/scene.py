"""Paint a layout Scene (and the deck plan's text frames) as native, editable PowerPoint shapes.

Rect -> a rectangle or rounded rectangle, Ellipse -> an oval, Polygon -> a closed freeform (the
stage chevrons), Polyline -> an open freeform line without fill (the emotion curve), or a
straight connector for a straight line, TextBlock and TextFrame -> a text box with zero insets,
no autofit, word wrap on and the plan's own line breaks, Picture -> a picture whose image part
python-pptx stores once per distinct image (it looks parts up by SHA-1), with its alt text.

Every colour, size and position comes from the primitive; nothing is decided here. The shapes
are the ones python-pptx's add_shape/add_textbox/build_freeform/add_picture make, written as XML
and parsed once per batch: a deck of 60 journey maps holds tens of thousands of shapes, and
python-pptx's per-shape API (an XPath search for the next shape id each time) is too slow there.
Shapes get no p:style, so no theme effect (a shadow, an accent outline) is ever inherited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

from mapgen.renderers.pptx.deck import TextFrame
from mapgen.renderers.pptx.output import pptx_internals
from mapgen.renderers.pptx.output.drawingml import NSDECLS, parse, qn, srgb
from mapgen.renderers.pptx.output.text import body_properties_xml, emu, frame_paragraphs, paragraphs_xml
from mapgen.scene import (
    Box,
    Ellipse,
    Picture,
    Point,
    Polygon,
    Polyline,
    Primitive,
    Rect,
    Tag,
    TextBlock,
)

if TYPE_CHECKING:
    from pptx.shapes.shapetree import SlideShapes

    from mapgen.themes import Theme

__all__ = ["Paintable", "paint_scene_items", "set_alt_text", "shape_name", "shapes_xml"]

Paintable = Primitive | TextFrame
_PLAIN = '<a:prstGeom prst="{}"><a:avLst/></a:prstGeom>'
_ROUNDED = '<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {}"/></a:avLst></a:prstGeom>'
_TEXT_BOX = '<p:cNvSpPr txBox="1"/>'


def shape_name(tag: Tag) -> str:
    """Return a readable shape name (PowerPoint's selection pane shows it): what the shape shows."""
    parts = [tag.kind.replace("-", " ").capitalize()]
    parts += [p for p in (tag.persona, tag.stage, tag.lane and tag.lane.replace("_", " ")) if p]
    if tag.step is not None:
        parts.append(f"step {tag.step + 1}")
    return " · ".join(parts)


def set_alt_text(shape: Any, alt: str, name: str | None = None) -> None:
    """Set a shape's alt text (cNvPr descr, what screen readers say) and optionally its name."""
    for cNvPr in pptx_internals.xml_element(shape).iter(qn("p:cNvPr")):
        cNvPr.set("descr", alt)
        if name:
            cNvPr.set("name", name)
        return
    raise ValueError("shape without cNvPr")


def paint_scene_items(shapes: SlideShapes, items: Iterable[Paintable], theme: Theme) -> None:
    """Paint primitives and text frames onto a slide, in order (later ones on top)."""

    def image(item: Picture) -> str:
        return pptx_internals.image_rel_id(shapes, item.data)

    fragments = shapes_xml(items, pptx_internals.next_shape_id(shapes), theme, image)
    if not fragments:
        return
    shapes_tree = parse(f"<p:spTree {NSDECLS}>{''.join(fragments)}</p:spTree>")
    pptx_internals.append_shapes(shapes, list(shapes_tree))


def shapes_xml(
    items: Iterable[Paintable], first_id: int, theme: Theme, image: Callable[[Picture], str] | None = None
) -> list[str]:
    """Return the XML of the shapes that paint the items, with shape ids from first_id.

    image returns the relationship id of a picture's image part; without it, pictures are refused.
    """
    fragments: list[str] = []
    for item in items:
        xml = _shape_xml(item, first_id + len(fragments), theme, image)
        if xml:
            fragments.append(xml)
    return fragments


def _shape_xml(item: Paintable, shape_id: int, theme: Theme, image: Callable[[Picture], str] | None) -> str:
    if isinstance(item, TextBlock | TextFrame):
        return _text_box(item, shape_id, theme)
    if isinstance(item, Rect):
        if item.radius > 0 and min(item.box.w, item.box.h) > 0:
            # The corner radius is the adjustment times the shorter side; at most half of it.
            adj = round(min(0.5, item.radius / min(item.box.w, item.box.h)) * 100000)
            geometry = _ROUNDED.format(adj)
        else:
            geometry = _PLAIN.format("rect")
        return _preset(shape_id, item.tag, item.box, geometry, item.fill, item.stroke, item.stroke_width)
    if isinstance(item, Ellipse):
        return _preset(
            shape_id, item.tag, item.box, _PLAIN.format("ellipse"), item.fill, item.stroke, item.stroke_width
        )
    if isinstance(item, Polygon):
        return _freeform(shape_id, item.tag, item.points, True, item.fill, item.stroke, item.stroke_width, ())
    if isinstance(item, Polyline):
        if len(item.points) < 2:
            return ""
        if _straight(item.points):
            return _connector(shape_id, item)
        return _freeform(shape_id, item.tag, item.points, False, None, item.color, item.width, item.dash)
    if isinstance(item, Picture):
        if image is None:
            raise ValueError("a picture needs its image part: paint it onto a slide")
        return _picture(item, shape_id, image(item))
    raise TypeError(f"cannot paint {type(item).__name__}")


def _xfrm(box: Box, flip: str = "") -> str:
    # Extents are rounded from the edges, so boxes that touch in points touch in EMUs too.
    x, y = emu(box.x), emu(box.y)
    cx, cy = max(emu(box.right) - x, 0), max(emu(box.bottom) - y, 0)
    return f'<a:xfrm{flip}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _nv(shape_id: int, tag: Tag, kind: str = "", descr: str = "") -> str:
    alt = f" descr={quoteattr(descr)}" if descr else ""
    return f'<p:cNvPr id="{shape_id}" name={quoteattr(shape_name(tag))}{alt}/>{kind}<p:nvPr/>'


def _fill(fill: str | None) -> str:
    return f'<a:solidFill><a:srgbClr val="{srgb(fill)}"/></a:solidFill>' if fill else "<a:noFill/>"


def _line(stroke: str | None, width: float, dash: tuple[float, ...] = ()) -> str:
    if not stroke or width <= 0:
        return "<a:ln><a:noFill/></a:ln>"
    out = f'<a:ln w="{emu(width)}" cap="rnd"><a:solidFill><a:srgbClr val="{srgb(stroke)}"/></a:solidFill>'
    if dash:
        pairs = list(dash) + ([dash[-1]] if len(dash) % 2 else [])
        # Dash lengths are in thousandths of a percent of the line width.
        segments = "".join(
            f'<a:ds d="{round(on / width * 100000)}" sp="{round(off / width * 100000)}"/>'
            for on, off in zip(pairs[::2], pairs[1::2], strict=True)
        )
        out += f"<a:custDash>{segments}</a:custDash>"
    return out + "<a:round/></a:ln>"


def _preset(
    shape_id: int, tag: Tag, box: Box, geometry: str, fill: str | None, stroke: str | None, width: float
) -> str:
    return (
        f"<p:sp><p:nvSpPr>{_nv(shape_id, tag, '<p:cNvSpPr/>')}</p:nvSpPr>"
        f"<p:spPr>{_xfrm(box)}{geometry}{_fill(fill)}{_line(stroke, width)}</p:spPr></p:sp>"
    )


def _bounds(points: tuple[Point, ...]) -> Box:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _straight(points: tuple[Point, ...]) -> bool:
    """Return True for a line with no width or no height (a freeform path needs both)."""
    if len(points) == 2:
        return True
    box = _bounds(points)
    return box.w < 1e-3 or box.h < 1e-3


def _freeform(
    shape_id: int,
    tag: Tag,
    points: tuple[Point, ...],
    closed: bool,
    fill: str | None,
    stroke: str | None,
    width: float,
    dash: tuple[float, ...],
) -> str:
    box = _bounds(points)
    x0, y0 = emu(box.x), emu(box.y)
    w, h = max(emu(box.right) - x0, 1), max(emu(box.bottom) - y0, 1)
    pts = [(emu(x) - x0, emu(y) - y0) for x, y in points]
    path = f'<a:moveTo><a:pt x="{pts[0][0]}" y="{pts[0][1]}"/></a:moveTo>'
    path += "".join(f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>' for x, y in pts[1:])
    if closed:
        path += "<a:close/>"
    geometry = (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{w}" h="{h}">{path}</a:path></a:pathLst></a:custGeom>'
    )
    return (
        f"<p:sp><p:nvSpPr>{_nv(shape_id, tag, '<p:cNvSpPr/>')}</p:nvSpPr>"
        f"<p:spPr>{_xfrm(box)}{geometry}{_fill(fill if closed else None)}{_line(stroke, width, dash)}"
        "</p:spPr></p:sp>"
    )


def _connector(shape_id: int, item: Polyline) -> str:
    points = item.points
    if len(points) == 2:
        (x0, y0), (x1, y1) = points
    else:
        box = _bounds(points)
        (x0, y0), (x1, y1) = (box.x, box.y), (box.right, box.bottom)
    flip = (' flipH="1"' if x1 < x0 else "") + (' flipV="1"' if y1 < y0 else "")
    box = Box(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
    return (
        f"<p:cxnSp><p:nvCxnSpPr>{_nv(shape_id, item.tag, '<p:cNvCxnSpPr/>')}</p:nvCxnSpPr>"
        f'<p:spPr>{_xfrm(box, flip)}<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f"{_line(item.color, item.width, item.dash)}</p:spPr></p:cxnSp>"
    )


def _picture(item: Picture, shape_id: int, rId: str) -> str:
    nv = _nv(shape_id, item.tag, '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>', item.alt)
    return (
        f"<p:pic><p:nvPicPr>{nv}</p:nvPicPr>"
        f'<p:blipFill><a:blip r:embed="{rId}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr>{_xfrm(item.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def _text_box(item: TextBlock | TextFrame, shape_id: int, theme: Theme) -> str:
    return (
        f"<p:sp><p:nvSpPr>{_nv(shape_id, item.tag, _TEXT_BOX)}</p:nvSpPr>"
        f"<p:spPr>{_xfrm(_with_slack(item))}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f"<p:txBody>{body_properties_xml(item.valign)}<a:lstStyle/>"
        f"{paragraphs_xml(frame_paragraphs(item), theme)}</p:txBody></p:sp>"
    )


# The layout sizes a label's box to its measured width; PowerPoint measures in the font it has
# (Calibri where mapgen measured Carlito) and rounds, so a box that fits to the hundredth of a
# point can wrap a word onto a second line. The boxes have no fill: room to spare shows nowhere.
_SLACK = 0.05  # of the box's width
_LEAST_SLACK = 1.5  # points


def _with_slack(item: TextBlock | TextFrame) -> Box:
    """Return a centred label's box widened a little on both sides; any other box as it is.

    The plan's own frames are fitted with a margin already; the layout's centred labels (the
    curve's words, the moment that matters) are sized to their text to the point.
    """
    box = item.box
    if not isinstance(item, TextBlock) or item.align != "center":
        return box
    extra = max(_LEAST_SLACK, box.w * _SLACK)
    return Box(box.x - extra / 2, box.y, box.w + extra, box.h)
