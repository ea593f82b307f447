"""The bytes of one cache entry: a file and its warnings, sealed by a SHA-256 of both.

    magic (8) | SHA-256 of all that follows (32) | warnings' length (4) | file's length (8)
    | warnings as JSON | the file's bytes

A disk, a copy or a crash can truncate an entry or flip a bit in it, and its header may still
parse: the checksum is what tells a sound entry from one that would hand out a broken PNG, a
deck that is not a zip or a damaged PDF.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import asdict

from mapgen.build.tasks import Rendered
from mapgen.model import Problem

__all__ = ["FORMAT", "DamagedEntry", "pack", "unpack"]

FORMAT = 2  # in every key: entries of another format are never looked up
MAGIC = b"mapgen\x00\x02"
_LENGTHS = struct.Struct(">IQ")
_SEALED = len(MAGIC) + 32  # where the checksummed bytes start
_BODY = _SEALED + _LENGTHS.size  # where the warnings start


class DamagedEntry(ValueError):
    """An entry whose bytes are not the ones written: the message says what is wrong."""


def pack(rendered: Rendered) -> bytes:
    """Return the entry of a finished file."""
    header = json.dumps([asdict(p) for p in rendered.problems], ensure_ascii=False).encode()
    sealed = _LENGTHS.pack(len(header), len(rendered.data)) + header + rendered.data
    return MAGIC + hashlib.sha256(sealed).digest() + sealed


def unpack(blob: bytes) -> Rendered:
    """Return the finished file an entry holds; raise DamagedEntry unless it is whole and sound."""
    if len(blob) < _BODY:
        raise DamagedEntry(f"{len(blob)} bytes, shorter than an entry's header")
    if blob[: len(MAGIC)] != MAGIC:
        raise DamagedEntry("not a mapgen cache entry")
    view = memoryview(blob)
    if hashlib.sha256(view[_SEALED:]).digest() != blob[len(MAGIC) : _SEALED]:
        raise DamagedEntry("its checksum does not match its bytes")
    header_size, data_size = _LENGTHS.unpack_from(blob, _SEALED)
    if _BODY + header_size + data_size != len(blob):
        raise DamagedEntry(f"{len(blob)} bytes, not the {_BODY + header_size + data_size} it says")
    try:
        found = json.loads(view[_BODY : _BODY + header_size].tobytes())
        problems = tuple(Problem(**p) for p in found)
    except (ValueError, TypeError) as error:
        raise DamagedEntry(f"its warnings cannot be read: {error}") from None
    return Rendered(blob[_BODY + header_size :], problems)
