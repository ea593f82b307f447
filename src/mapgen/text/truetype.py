"""Reading TrueType files: one face's names, style, cmap and advance widths, with no other library.

The model of a font here is the one reportlab uses when it embeds a TrueType font: a character
maps to one glyph through the font's cmap, and a line is as wide as the sum of its glyphs' advance
widths (no kerning, no shaping). reportlab's own stringWidth agrees with measure() to the last
digit; matplotlib applies pair kerning when it paints, which only ever makes a line a little
narrower than measured, so a line that fits here fits in the PNG too.

Fonts are read straight from their files (cmap, hmtx, hhea, OS/2, name tables) with no plotting
or PDF library involved, so `import mapgen.text` stays cheap. A font is usable only when every
renderer can embed it: TrueType outlines (glyf), no colour tables, embedding allowed. CFF-based
OpenType (.otf) and colour emoji fonts are refused, because reportlab refuses them.

Each file is read once per process: _loaded() is the one cache of loaded faces.
"""

from __future__ import annotations

import bisect
import functools
import struct
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Final

FONT_SUFFIXES: Final = (".ttf", ".ttc", ".otf", ".otc")


class FontError(ValueError):
    """A font that cannot be used; the message says why, starting with the file."""


@dataclass(frozen=True, order=True)
class Face:
    """One usable font face: a TrueType file (and the face's index in a .ttc collection).

    Painters register exactly this file: reportlab as TTFont(face.id, face.path,
    subfontIndex=face.index), matplotlib as FontProperties(fname=face.path) (or FT2Font with
    face_index); a deck names face.family.
    """

    path: Path
    index: int
    family: str  # name ID 1: the name office applications know the face by
    style: str  # name ID 2: "Regular", "Bold", "Italic", "Bold Italic"
    postscript_name: str
    weight: int  # OS/2 usWeightClass: 400 regular, 700 bold
    italic: bool
    typographic_family: str  # name ID 16 where present ("Lato" for "Lato Black"), else family
    file_size: int

    @property
    def id(self) -> str:
        """Return a name to register the face under, stable across machines for the same file."""
        return f"{self.postscript_name}-{self.index}-{self.file_size:x}"

    @property
    def bold(self) -> bool:
        """Return True for a face of weight 600 or more."""
        return self.weight >= 600

    def __str__(self) -> str:
        suffix = f"#{self.index}" if self.index else ""
        return f"{self.family} {self.style} ({self.path.name}{suffix})"


class _Tables:
    """The table directory of one face in an sfnt file, read on demand."""

    def __init__(self, path: Path, index: int) -> None:
        self.path = path
        try:
            self._file = path.open("rb")
        except OSError as error:
            raise FontError(f"{path}: cannot be read ({error.strerror or error})") from None
        try:
            self._read_directory(index)
        except BaseException:
            self._file.close()
            raise

    def _read_directory(self, index: int) -> None:
        head = self._file.read(12)
        if len(head) < 12:
            raise FontError(f"{self.path}: is not a font file (too short)")
        if head[:4] == b"ttcf":
            count = struct.unpack_from(">I", head, 8)[0]
            if not 0 <= index < count:
                raise FontError(f"{self.path}: has {count} faces; there is no face #{index}")
            self._file.seek(12 + 4 * index)
            (offset,) = struct.unpack(">I", self._file.read(4))
            self._file.seek(offset)
            head = self._file.read(12)
        elif index:
            raise FontError(f"{self.path}: is a single font, not a collection; there is no face #{index}")
        version = head[:4]
        if version == b"OTTO":
            raise FontError(
                f"{self.path}: has PostScript (CFF) outlines; reportlab embeds TrueType (glyf) "
                "outlines only: use the .ttf version of this font"
            )
        if version not in (b"\x00\x01\x00\x00", b"true"):
            raise FontError(f"{self.path}: is not a TrueType font")
        (count,) = struct.unpack_from(">H", head, 4)
        directory = self._file.read(16 * count)
        if len(directory) < 16 * count:
            raise FontError(f"{self.path}: is damaged (table directory cut short)")
        self.tables: dict[bytes, tuple[int, int]] = {}
        for i in range(count):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
            self.tables[tag] = (offset, length)

    def __enter__(self) -> _Tables:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def has(self, tag: bytes) -> bool:
        return tag in self.tables

    def read(self, tag: bytes) -> bytes:
        if tag not in self.tables:
            raise FontError(f"{self.path}: has no '{tag.decode('latin-1').strip()}' table")
        offset, length = self.tables[tag]
        self._file.seek(offset)
        data = self._file.read(length)
        if len(data) < length:
            raise FontError(f"{self.path}: is damaged ('{tag.decode('latin-1')}' table cut short)")
        return data


_NAME_IDS = (1, 2, 6, 16, 17)


def _read_names(tables: _Tables) -> dict[int, str]:
    """Return the English names of a face by name ID, preferring Windows Unicode records."""
    data = tables.read(b"name")
    _fmt, count, string_offset = struct.unpack_from(">HHH", data, 0)
    best: dict[int, tuple[int, str]] = {}
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(">6H", data, 6 + 12 * i)
        if name_id not in _NAME_IDS:
            continue
        raw = data[string_offset + offset : string_offset + offset + length]
        if platform == 3 and encoding in (0, 1, 10):
            rank = 0 if language == 0x0409 else 2
            text = raw.decode("utf-16-be", "replace")
        elif platform == 0:
            rank = 1
            text = raw.decode("utf-16-be", "replace")
        elif platform == 1 and encoding == 0:
            rank = 3 if language == 0 else 4
            text = raw.decode("mac_roman", "replace")
        else:
            continue
        text = text.strip("\x00 ")
        if text and (name_id not in best or rank < best[name_id][0]):
            best[name_id] = (rank, text)
    return {name_id: text for name_id, (_rank, text) in best.items()}


class _Cmap:
    """A Unicode cmap subtable (format 4 or 12), looked up by bisection without building a dict."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.ends: list[int] = []
        self.starts: list[int] = []
        self._format = 0
        self._deltas: list[int] = []
        self._range_offsets: list[int] = []
        self._data = b""
        self._ro_base = 0
        records = []
        _version, count = struct.unpack_from(">HH", data, 0)
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * i)
            if offset + 2 > len(data):
                continue
            (fmt,) = struct.unpack_from(">H", data, offset)
            records.append((platform, encoding, fmt, offset))
        # Full-repertoire tables first (emoji and rare CJK live above U+FFFF), then the BMP ones.
        preference = [
            (3, 10, 12),
            (0, 6, 12),
            (0, 4, 12),
            (3, 1, 4),
            (0, 3, 4),
            (0, 2, 4),
            (0, 1, 4),
            (0, 0, 4),
        ]
        for wanted in preference:
            for platform, encoding, fmt, offset in records:
                if (platform, encoding, fmt) == wanted:
                    self._load(fmt, data, offset)
                    return
        raise FontError(f"{path}: has no Unicode character map (cmap format 4 or 12)")

    def _load(self, fmt: int, data: bytes, offset: int) -> None:
        self._format = fmt
        if fmt == 4:
            seg_count = struct.unpack_from(">H", data, offset + 6)[0] // 2
            base = offset + 14
            self.ends = list(struct.unpack_from(f">{seg_count}H", data, base))
            base += 2 * seg_count + 2  # reservedPad
            self.starts = list(struct.unpack_from(f">{seg_count}H", data, base))
            base += 2 * seg_count
            self._deltas = list(struct.unpack_from(f">{seg_count}h", data, base))
            base += 2 * seg_count
            self._range_offsets = list(struct.unpack_from(f">{seg_count}H", data, base))
            self._ro_base = base
            self._data = data
        else:
            (n_groups,) = struct.unpack_from(">I", data, offset + 12)
            groups = struct.unpack_from(f">{3 * n_groups}I", data, offset + 16)
            self.starts = list(groups[0::3])
            self.ends = list(groups[1::3])
            self._deltas = [g - s for s, g in zip(groups[0::3], groups[2::3], strict=True)]

    def glyph(self, code: int) -> int:
        """Return the glyph index of a code point, 0 when the font lacks it."""
        i = bisect.bisect_left(self.ends, code)
        if i >= len(self.ends) or self.starts[i] > code:
            return 0
        if self._format == 12:
            return code + self._deltas[i]
        if code == 0xFFFF:
            return 0
        range_offset = self._range_offsets[i]
        if range_offset == 0:
            return (code + self._deltas[i]) & 0xFFFF
        address = self._ro_base + 2 * i + range_offset + 2 * (code - self.starts[i])
        if address + 2 > len(self._data):
            return 0
        (glyph,) = struct.unpack_from(">H", self._data, address)
        return (glyph + self._deltas[i]) & 0xFFFF if glyph else 0


class _FaceData:
    """What measuring needs of one face: its cmap and advance widths, per 1 pt."""

    def __init__(self, tables: _Tables, num_glyphs: int, upem: int, number_of_hmetrics: int) -> None:
        self.cmap = _Cmap(tables.path, tables.read(b"cmap"))
        hmtx = array("H")
        raw = tables.read(b"hmtx")[: 4 * number_of_hmetrics]
        hmtx.frombytes(raw[: len(raw) - len(raw) % 2])
        if sys.byteorder == "little":
            hmtx.byteswap()
        self.advances = hmtx[0::2]
        if not self.advances:
            raise FontError(f"{tables.path}: has no horizontal metrics")
        self.num_glyphs = num_glyphs
        self.scale = 1.0 / upem
        self._widths: dict[str, float | None] = {}

    def width(self, char: str) -> float | None:
        """Return the advance of char at 1 pt, or None when the face has no glyph for it."""
        try:
            return self._widths[char]
        except KeyError:
            pass
        glyph = self.cmap.glyph(ord(char))
        result: float | None
        if glyph == 0 or glyph >= self.num_glyphs:
            result = None
        else:
            advances = self.advances
            result = advances[min(glyph, len(advances) - 1)] * self.scale
        self._widths[char] = result
        return result

    @property
    def notdef_width(self) -> float:
        return float(self.advances[0] * self.scale)


@dataclass(frozen=True)
class _Loaded:
    face: Face
    data: _FaceData
    ascent: float  # per 1 pt
    descent: float
    line_gap: float


def _load(path: Path, index: int) -> _Loaded:
    with _Tables(path, index) as tables:
        for tag in (b"CBDT", b"CBLC", b"sbix", b"SVG ", b"COLR"):
            if tables.has(tag):
                raise FontError(
                    f"{path}: is a colour font ('{tag.decode().strip()}' table); reportlab cannot embed "
                    "it: use a monochrome TrueType font (e.g. Symbola from Debian's fonts-symbola)"
                )
        if not (tables.has(b"glyf") and tables.has(b"loca")):
            raise FontError(f"{path}: has no TrueType outlines (glyf table); reportlab cannot embed it")
        for tag in (b"head", b"hhea", b"hmtx", b"maxp", b"cmap", b"name", b"post"):
            if not tables.has(tag):
                raise FontError(f"{path}: is incomplete (no '{tag.decode()}' table)")
        head = tables.read(b"head")
        upem = struct.unpack_from(">H", head, 18)[0]
        mac_style = struct.unpack_from(">H", head, 44)[0]
        if not 16 <= upem <= 16384:
            raise FontError(f"{path}: is damaged (units per em {upem})")
        hhea = tables.read(b"hhea")
        ascender, descender, line_gap = struct.unpack_from(">hhh", hhea, 4)
        metric_format, number_of_hmetrics = struct.unpack_from(">hH", hhea, 32)
        if metric_format != 0 or number_of_hmetrics == 0:
            raise FontError(f"{path}: has horizontal metrics reportlab cannot read")
        (num_glyphs,) = struct.unpack_from(">H", tables.read(b"maxp"), 4)
        weight, italic = (700 if mac_style & 1 else 400), bool(mac_style & 2)
        if tables.has(b"OS/2"):
            os2 = tables.read(b"OS/2")
            weight, fs_type = struct.unpack_from(">HxxH", os2, 4)
            fs_selection = struct.unpack_from(">H", os2, 62)[0] if len(os2) >= 64 else 0
            italic = italic or bool(fs_selection & 0x201)
            # reportlab refuses a font whose licence forbids embedding or subsetting.
            if fs_type == 0x0002 or (fs_type & 0x0300 and num_glyphs > 0xFF):
                raise FontError(f"{path}: its licence (OS/2 fsType 0x{fs_type:04x}) does not allow embedding")
        names = _read_names(tables)
        family = names.get(1)
        postscript = names.get(6)
        if not family or not postscript:
            raise FontError(f"{path}: has no family or PostScript name")
        face = Face(
            path=path,
            index=index,
            family=family,
            style=names.get(2, "Regular"),
            postscript_name=postscript.replace(" ", ""),
            weight=weight or 400,
            italic=italic,
            typographic_family=names.get(16, family),
            file_size=path.stat().st_size,
        )
        data = _FaceData(tables, num_glyphs, upem, number_of_hmetrics)
        return _Loaded(face, data, ascender / upem, -descender / upem, line_gap / upem)


@functools.cache
def _loaded(path: Path, index: int) -> _Loaded:
    try:
        return _load(path, index)
    except (struct.error, IndexError) as error:
        raise FontError(f"{path}: is damaged ({error})") from None


def _data(face: Face) -> _Loaded:
    return _loaded(face.path, face.index)


def _split_index(spec: str) -> tuple[str, int]:
    """Split "fonts/x.ttc#1" into the file and the face index."""
    head, sep, tail = spec.rpartition("#")
    if sep and tail.isdigit() and head.lower().endswith(FONT_SUFFIXES):
        return head, int(tail)
    return spec, 0


def is_font_file(spec: str | Path) -> bool:
    """Return True when a font spec names a file rather than a family."""
    if isinstance(spec, Path):
        return True
    name, _index = _split_index(spec)
    return name.lower().endswith(FONT_SUFFIXES) or "/" in name or "\\" in name


def load_face(path: str | Path, index: int | None = None, *, base_dir: Path | None = None) -> Face:
    """Return the usable face in a font file ("x.ttc#1" selects a face); raise FontError if unusable."""
    text = str(path)
    name, spec_index = _split_index(text)
    file = Path(name).expanduser()
    if base_dir is not None and not file.is_absolute():
        file = base_dir / file
    if not file.is_file():
        raise FontError(f"{file}: font file not found")
    return _loaded(file.resolve(), spec_index if index is None else index).face
