"""Make a deck's package byte-for-byte reproducible: fixed zip timestamps and fixed embedded dates.

python-pptx writes every zip entry with the current time, and the workbook behind each chart
(written by XlsxWriter) carries its creation time in docProps/core.xml. Both are rewritten here to
one fixed moment: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else
2000-01-01. Entries keep the order python-pptx wrote them in ([Content_Types].xml first).

PackageWriter writes such a zip entry by entry; it can also copy an entry's compressed bytes from
another package written the same way, unchanged, so joining parts of a deck does not compress
again what was compressed when the part was made (the bytes are those zipfile would write).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import zipfile
from typing import Any

__all__ = [
    "PackageReader",
    "PackageWriter",
    "fixed_moment",
    "next_name",
    "normal_entry",
    "normalise",
]

_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_LOCAL_HEADER = b"PK\x03\x04"


def fixed_moment() -> dt.datetime:
    """Return the moment a deck claims to be made at: SOURCE_DATE_EPOCH, else 2000-01-01 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(dt.datetime.fromtimestamp(int(epoch), dt.UTC), _ZIP_EPOCH)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class PackageReader:
    """The entries of a zip package in memory: their names, contents and compressed bytes."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self.entries: list[zipfile.ZipInfo] = self._zip.infolist()

    def read(self, entry: zipfile.ZipInfo | str) -> bytes:
        """Return an entry's contents."""
        return self._zip.read(entry)

    def raw(self, entry: zipfile.ZipInfo) -> bytes:
        """Return an entry's bytes as stored: deflated, without the zip's local header."""
        at = entry.header_offset
        if self._data[at : at + 4] != _LOCAL_HEADER or entry.compress_type != zipfile.ZIP_DEFLATED:
            raise ValueError(f"{entry.filename}: not a deflated entry of this package")
        name_length, extra_length = struct.unpack_from("<HH", self._data, at + 26)
        start = at + 30 + name_length + extra_length
        return self._data[start : start + entry.compress_size]


class PackageWriter:
    """A zip written entry by entry, each dated one fixed moment and deflated as zipfile does."""

    def __init__(self, moment: dt.datetime | None = None) -> None:
        self._date_time = (moment or fixed_moment()).timetuple()[:6]
        self._out = io.BytesIO()
        self._zip = zipfile.ZipFile(self._out, "w")

    def _entry(self, name: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=self._date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        return entry

    def add(self, name: str, blob: bytes) -> None:
        """Add an entry with these contents."""
        self._zip.writestr(self._entry(name), blob)

    def copy(self, name: str, source: PackageReader, entry: zipfile.ZipInfo) -> None:
        """Add an entry of another package under a name, its deflated bytes copied unchanged.

        The source must have been written by a PackageWriter: zipfile's own deflate settings, so
        the bytes are the ones add() would write for the same contents. zipfile cannot copy an
        entry's compressed bytes, so this writes the local header and data as writestr() does and
        registers the entry for the central directory.
        """
        raw = source.raw(entry)
        target = self._entry(name)
        target.CRC, target.compress_size, target.file_size = entry.CRC, entry.compress_size, entry.file_size
        archive: Any = self._zip
        fp = archive.fp
        target.header_offset = fp.tell()
        fp.write(target.FileHeader(False))
        fp.write(raw)
        archive.start_dir = fp.tell()
        archive.filelist.append(target)
        archive.NameToInfo[name] = target
        archive._didModify = True

    def getvalue(self) -> bytes:
        """Close the zip and return its bytes."""
        self._zip.close()
        return self._out.getvalue()


def normal_entry(name: str, blob: bytes, moment: dt.datetime, *, embedded: bool = True) -> bytes:
    """Return an entry's contents with its dates fixed (document properties, embedded workbooks)."""
    if embedded and name.lower().endswith(".xlsx"):
        return _rewrite(blob, moment, embedded=False)
    if name == "docProps/core.xml":
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        return _DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", blob)
    return blob


def normalise(data: bytes, moment: dt.datetime | None = None) -> bytes:
    """Return the package with every entry dated `moment` and embedded workbooks' dates fixed."""
    moment = moment or fixed_moment()
    return _rewrite(data, moment, embedded=True)


def _rewrite(data: bytes, moment: dt.datetime, *, embedded: bool) -> bytes:
    source = PackageReader(data)
    target = PackageWriter(moment)
    for entry in source.entries:
        blob = source.read(entry)
        target.add(entry.filename, normal_entry(entry.filename, blob, moment, embedded=embedded))
    return target.getvalue()


def next_name(tmpl: str, names: set[str]) -> str:
    """Return python-pptx's next free part name for a template ("/ppt/slides/slide%d.xml"); take it.

    The search runs down from one more than the names taken, as python-pptx's next_partname does.
    """
    for n in range(len(names) + 1, 0, -1):
        candidate = tmpl % n
        if candidate not in names:
            names.add(candidate)
            return candidate
    raise RuntimeError(f"no free part name for {tmpl}")
