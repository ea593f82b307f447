"""The one place that touches python-pptx's internals: its private attributes, modules and part classes.

python-pptx's public API cannot do what the deck needs at its size and byte for byte: reach the
XML behind a shape, chart, master or placeholder (xml_element and friends), insert shapes written
as XML (append_shapes, next_shape_id, image_rel_id), copy a slide rather than clone its layout's
placeholders again (SlideCopier), read a part's package entries without saving and compressing
it (package_entries), find new part names and image parts without walking the whole package
(remember_part_names), drop a template's slides and rewrite the Office theme. Each of these uses
a private attribute (_element, _spTree, _rels, _blob, ...), a private module (pptx.opc,
pptx.oxml, pptx.parts) or a part class, which python-pptx may change in any release: that is why
pyproject.toml pins python-pptx below 1.1, and why they are all here, so that moving past the pin
means reading this one file (tests/test_pptx_internals.py keeps it the only one). The public API
(Presentation, shapes.add_*, pptx.util, pptx.enum, pptx.dml) is used where it is needed.

python-pptx is imported inside the functions, never at the top: the join of a deck's parts
imports the emitter's XML writers (through output.drawingml) and runs without python-pptx.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from mapgen.renderers.pptx.package.reproducible import next_name

if TYPE_CHECKING:
    from pptx.shapes.shapetree import SlideShapes

__all__ = [
    "SlideCopier",
    "append_shapes",
    "bring_to_front",
    "chart_space",
    "clark_name",
    "image_rel_id",
    "inherited_placeholder",
    "nsdecls",
    "package_entries",
    "package_part_names",
    "parse_xml",
    "read_theme_part",
    "remember_part_names",
    "remove_shape",
    "remove_slides",
    "text_body",
    "write_theme_part",
    "xml_element",
]


# ---------------------------------------------------------------------------------------------
# XML: names, parsing, the elements behind python-pptx's objects


def clark_name(tag: str) -> str:
    """Return python-pptx's Clark name ("{uri}p") of a prefixed tag ("a:p")."""
    from pptx.oxml.ns import qn

    return qn(tag)


def nsdecls(*prefixes: str) -> str:
    """Return python-pptx's namespace declarations for the prefixes ("c", "a")."""
    from pptx.oxml.ns import nsdecls as pptx_nsdecls

    return cast(str, pptx_nsdecls(*prefixes))


def parse_xml(xml: bytes) -> Any:
    """Parse XML with python-pptx's parser, so the elements get its element classes."""
    from pptx.oxml import parse_xml as pptx_parse_xml

    return pptx_parse_xml(xml)


def xml_element(obj: Any) -> Any:
    """Return the lxml element behind a python-pptx shape, slide, master, layout or axis."""
    return obj._element


def chart_space(chart: Any) -> Any:
    """Return the c:chartSpace element of a python-pptx chart."""
    return chart._chartSpace


def inherited_placeholder(shape: Any) -> Any | None:
    """Return the element of the layout's or master's placeholder a placeholder inherits from, if any."""
    try:
        inherited = shape._base_placeholder
    except (AttributeError, KeyError):
        return None
    return None if inherited is None else inherited._element


def text_body(shape: Any) -> Any:
    """Return a placeholder's p:txBody, added when it has none."""
    return shape._element.get_or_add_txBody()


def bring_to_front(shape: Any) -> None:
    """Move a shape (a title placeholder) on top of every other shape of its slide."""
    element = shape._element
    tree = element.getparent()
    tree.remove(element)
    ext = tree.find(clark_name("p:extLst"))
    if ext is None:
        tree.append(element)
    else:
        ext.addprevious(element)


def remove_shape(shape: Any) -> None:
    """Remove a shape (an unused placeholder) from its slide."""
    shape._element.getparent().remove(shape._element)


# ---------------------------------------------------------------------------------------------
# Shapes written as XML


def next_shape_id(shapes: SlideShapes) -> int:
    """Return the first shape id free on the slide, as python-pptx's add_* would use."""
    return shapes._next_shape_id


def append_shapes(shapes: SlideShapes, elements: Iterable[Any]) -> None:
    """Put shape elements on top of the slide's shape tree, in order."""
    tree = shapes._spTree
    # New shapes go before any p:extLst, as python-pptx's own insertions do.
    ext = tree.find(clark_name("p:extLst"))
    for shape in elements:
        if ext is None:
            tree.append(shape)
        else:
            ext.addprevious(shape)


def image_rel_id(shapes: SlideShapes, data: bytes) -> str:
    """Return the relationship id of the slide's image part holding the picture, made when new."""
    # python-pptx finds an image part with the same SHA-1 and reuses it: one copy per image.
    _part, rId = shapes.part.get_or_add_image_part(io.BytesIO(data))
    return str(rId)


# ---------------------------------------------------------------------------------------------
# Slides and notes slides


class SlideCopier:
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


def remove_slides(prs: Any) -> None:
    """Remove every slide of a presentation; parts no longer referenced are not written."""
    sldIdLst = prs.slides._sldIdLst
    for sldId in list(sldIdLst):
        prs.part.drop_rel(sldId.rId)
        sldIdLst.remove(sldId)


# ---------------------------------------------------------------------------------------------
# The Office theme


def read_theme_part(prs: Any) -> bytes:
    """Return the XML of the Office theme the slide master uses."""
    return bytes(_theme_part(prs).blob)


def write_theme_part(prs: Any, xml: bytes) -> None:
    """Replace the XML of the Office theme the slide master uses."""
    # The theme part is a plain part in python-pptx: its bytes are all there is to replace.
    _theme_part(prs)._blob = xml


def _theme_part(prs: Any) -> Any:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    return prs.slide_master.part.part_related_by(RT.THEME)


# ---------------------------------------------------------------------------------------------
# The package


def package_part_names(prs: Any) -> list[str]:
    """Return the names of the presentation's package parts, in package order."""
    return [str(part.partname) for part in prs.part.package.iter_parts()]


def package_entries(prs: Any) -> Iterator[tuple[str, bytes]]:
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


class _PartNames:
    """python-pptx's next_partname, remembering the names it gave out.

    python-pptx finds the next free part name (slide12.xml, chart7.xml, ...) by walking every
    part of the package each time, which makes a deck of n slides cost n^2. This gives the same
    answers (the same search over the same names), walking the package once per kind of part:
    every name it returns becomes a part, and no part is dropped while the deck is built.
    """

    def __init__(self, package: Any) -> None:
        self._package = package
        self._names: dict[str, set[str]] = {}

    def __call__(self, tmpl: str) -> Any:
        from pptx.opc.packuri import PackURI

        prefix = tmpl[: (tmpl % 42).find("42")]
        names = self._names.get(prefix)
        if names is None:
            names = {str(p.partname) for p in self._package.iter_parts() if p.partname.startswith(prefix)}
            self._names[prefix] = names
        return PackURI(next_name(tmpl, names))


class _ImageParts:
    """python-pptx's get_or_add_image_part, remembering the image parts by SHA-1.

    python-pptx looks for an image part with the same SHA-1 by walking every relationship of the
    package, each time a picture is added. This finds the same part (the first one walked), with
    one walk: every image part is added through it while the deck is built.
    """

    def __init__(self, package: Any) -> None:
        self._package = package
        self._parts: dict[str, Any] | None = None

    def __call__(self, image_file: Any) -> Any:
        from pptx.parts.image import Image, ImagePart

        image = Image.from_file(image_file)
        if self._parts is None:
            self._parts = {}
            for part in self._package._image_parts:
                if hasattr(part, "sha1"):  # python-pptx skips images it cannot read, like SVG
                    self._parts.setdefault(part.sha1, part)
        part = self._parts.get(image.sha1)
        if part is None:
            part = self._parts[image.sha1] = ImagePart.new(self._package, image)
        return part


def remember_part_names(prs: Any) -> None:
    """Make python-pptx find new part names and image parts without walking the whole package."""
    package = prs.part.package
    # Attributes of this one package shadow the methods; python-pptx itself is not changed.
    package.next_partname = _PartNames(package)
    package.get_or_add_image_part = _ImageParts(package)
