"""Small helpers for the DrawingML the emitter writes directly: names, elements, parsing, colours.

python-pptx is imported only where its classes are needed (its names and parser, through
output.pptx_internals, and RGBColor), so the XML the join of a deck's parts writes (output.scene's
and output.text's strings) is made without it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type stubs

from mapgen.renderers.pptx.output import pptx_internals

if TYPE_CHECKING:
    from pptx.dml.color import RGBColor

__all__ = ["NSDECLS", "element", "parse", "qn", "rgb", "serialize", "srgb", "sub_element"]

# The namespace declarations of a fragment holding shapes, text and pictures (python-pptx's
# nsdecls("a", "p", "r")).
NSDECLS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


@functools.lru_cache(maxsize=512)
def qn(tag: str) -> str:
    """Return the Clark name ("{uri}p") of a prefixed tag ("a:p"), cached: decks ask for thousands."""
    return pptx_internals.clark_name(tag)


def element(tag: str, **attrs: str) -> Any:
    """Return a new element for a prefixed tag ("a:p"), with the given attributes."""
    return etree.Element(qn(tag), **attrs)


def sub_element(parent: Any, tag: str, **attrs: str) -> Any:
    """Append a new element for a prefixed tag to parent and return it."""
    return etree.SubElement(parent, qn(tag), **attrs)


def parse(xml: str) -> Any:
    """Parse XML with python-pptx's parser, so the elements get its element classes."""
    return pptx_internals.parse_xml(xml.encode("utf-8"))


def srgb(color: str) -> str:
    """Return "#rrggbb" as the RRGGBB of an a:srgbClr."""
    return color.lstrip("#").upper()


def rgb(color: str) -> RGBColor:
    """Return a "#rrggbb" colour as python-pptx's RGBColor."""
    from pptx.dml.color import RGBColor

    # RGBColor carries no annotations; its from_string takes "RRGGBB".
    return cast("RGBColor", cast(Any, RGBColor).from_string(srgb(color)))


def serialize(root: Any) -> bytes:
    """Return an element as a standalone XML part, as python-pptx writes its parts."""
    return cast(bytes, etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True))
