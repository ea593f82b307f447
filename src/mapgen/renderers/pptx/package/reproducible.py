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
    "normal_entry",
    "normalise",
    "remember_part_names",
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
