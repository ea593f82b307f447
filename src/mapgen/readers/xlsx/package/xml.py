"""Stream an XML part through expat with no DTD, no entities and no external references."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

__all__ = ["Refused", "Stop", "attribute", "local", "parse_part"]

_CHUNK = 1 << 20


class Refused(Exception):
    """An XML part that declares a DTD or entities: refused, as defusedxml would."""


class Stop(Exception):  # a signal to end a parse early, not an error
    """Raised by a handler to end the parse of a part early (a limit is reached)."""


def local(tag: str) -> str:
    """Return an element or attribute name without its prefix ("x:c" -> "c")."""
    return tag[tag.find(":") + 1 :]


def attribute(attrs: dict[str, str], name: str) -> str:
    """Return an attribute that may carry a prefix ("r:id" for "id"), or ""."""
    if name in attrs:
        return attrs[name]
    return next((value for key, value in attrs.items() if local(key) == name), "")


def _refuse(*_args: Any) -> None:
    raise Refused("a DTD or an entity declaration")


def parse_part(
    archive: zipfile.ZipFile,
    part: str,
    start: Callable[[str, dict[str, str]], None] | None = None,
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
    *,
    prefixed: bool = False,
) -> None:
    """Parse one part in chunks, calling the handlers with element names unprefixed; memory stays one chunk.

    Attribute names keep their prefix (see attribute()): stripping them for every cell of a
    sheet would double the scan's time. prefixed: hand element names over as written ("x:c"),
    for a handler that strips them itself, saving a call per element.

    Raises Refused for a DTD, expat.ExpatError for XML that is not well formed (the handlers
    know where they were), and lets Stop from a handler end the parse quietly.
    """
    # No namespace processing: SpreadsheetML prefixes are fixed in practice and it halves the work.
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if prefixed:
        parser.StartElementHandler = start
        parser.EndElementHandler = end
    else:
        if start is not None:
            parser.StartElementHandler = lambda name, attrs: start(name[name.find(":") + 1 :], attrs)
        if end is not None:
            parser.EndElementHandler = lambda name: end(name[name.find(":") + 1 :])
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except Stop:
        return
