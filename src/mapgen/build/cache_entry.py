"""The bytes of one cache entry: a file and its warnings, each sealed by its SHA-256.

    magic (8) | SHA-256 of the file (32) | SHA-256 of the lengths and warnings (32)
    | warnings' length (4) | file's length (8) | warnings as JSON | the file's bytes

A disk, a copy or a crash can truncate an entry or flip a bit in it, and its header may still
parse: the checksums are what tell a sound entry from one that would hand out a broken PNG, a
deck that is not a zip or a damaged PDF. The file's own SHA-256 is the one manifest.json lists,
so a build that checks an entry need not hash the file again.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import asdict

from mapgen.build.tasks import Rendered
from mapgen.model import Problem

__all__ = ["FORMAT", "DamagedEntry", "Sealed", "pack", "unpack"]

FORMAT = 3  # in every key: entries of another format are never looked up
MAGIC = b"mapgen\x00\x03"
_LENGTHS = struct.Struct(">IQ")
_FILE_SUM = slice(len(MAGIC), len(MAGIC) + 32)
_HEADER_SUM = slice(_FILE_SUM.stop, _FILE_SUM.stop + 32)
_BODY = _HEADER_SUM.stop + _LENGTHS.size  # where the warnings start

Sealed = tuple[Rendered, str]  # a finished file and the SHA-256 of its bytes, in hex


class DamagedEntry(ValueError):
    """An entry whose bytes are not the ones written: the message says what is wrong."""


def pack(rendered: Rendered) -> tuple[bytes, str]:
    """Return the entry of a finished file, and the SHA-256 of the file's bytes in hex."""
    header = json.dumps([asdict(p) for p in rendered.problems], ensure_ascii=False).encode()
    lengths = _LENGTHS.pack(len(header), len(rendered.data))
    file_sum = hashlib.sha256(rendered.data).digest()
    entry = b"".join(
        (MAGIC, file_sum, hashlib.sha256(lengths + header).digest(), lengths, header, rendered.data)
    )
    return entry, file_sum.hex()


def unpack(blob: bytes) -> Sealed:
    """Return the file an entry holds and its SHA-256; raise DamagedEntry unless it is whole and sound."""
    if len(blob) < _BODY:
        raise DamagedEntry(f"{len(blob)} bytes, shorter than an entry's header")
    if blob[: len(MAGIC)] != MAGIC:
        raise DamagedEntry("not a mapgen cache entry")
    header_size, data_size = _LENGTHS.unpack_from(blob, _HEADER_SUM.stop)
    if _BODY + header_size + data_size != len(blob):
        raise DamagedEntry(f"{len(blob)} bytes, not the {_BODY + header_size + data_size} it says")
    view = memoryview(blob)
    if hashlib.sha256(view[_HEADER_SUM.stop : _BODY + header_size]).digest() != blob[_HEADER_SUM]:
        raise DamagedEntry("the checksum of its warnings does not match")
    data = view[_BODY + header_size :]
    file_sum = hashlib.sha256(data).digest()
    if file_sum != blob[_FILE_SUM]:
        raise DamagedEntry("the checksum of the file does not match")
    try:
        problems = tuple(Problem(**p) for p in json.loads(view[_BODY : _BODY + header_size].tobytes()))
    except (ValueError, TypeError) as error:
        raise DamagedEntry(f"its warnings cannot be read: {error}") from None
    return Rendered(data.tobytes(), problems), file_sum.hex()
