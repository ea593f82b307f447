"""Stream an XML part through expat with no DTD, no entities and no external references."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

__all__ = ["Refused", "Stop", "local", "parse_part"]

_CHUNK = 1 << 20


class Refused(Exception):
    """An XML part that declares a DTD or entities: refused, as defusedxml would."""


class Stop(Exception):  # a signal to end a parse early, not an error
    """Raised by a handler to end the parse of a part early (a limit is reached)."""


def local(tag: str) -> str:
    """Return an element or attribute name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _refuse(*_args: Any) -> None:
    raise Refused("a DTD or an entity declaration")


def parse_part(
    archive: zipfile.ZipFile,
    part: str,
    start: Callable[[str, dict[str, str]], None] | None = None,
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Parse one part in chunks, calling the handlers with local names; memory stays one chunk.

    Raises Refused for a DTD, expat.ExpatError for XML that is not well formed (the handlers
    know where they were), and lets Stop from a handler end the parse quietly.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if start is not None:
        parser.StartElementHandler = lambda name, attrs: start(
            local(name), {local(k): v for k, v in attrs.items()}
        )
    if end is not None:
        parser.EndElementHandler = lambda name: end(local(name))
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except Stop:
        return
