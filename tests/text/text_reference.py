"""The text module as it was before its speed-ups (commit 0cdcc42), kept verbatim as an oracle.

tests/text/test_text.py checks that mapgen.text gives exactly the results of this implementation: the
same lines, widths and faces, and the same errors, for every input. Do not edit the code below
(the test only points its bundled_fonts_dir at mapgen's fonts). If text.py's results are changed
on purpose, change the test, not this file.
"""

from __future__ import annotations

import bisect
import functools
import math
import os
import struct
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

__all__ = [
    "ELLIPSIS",
    "FALLBACK_FAMILIES",
    "Face",
    "FittedText",
    "FontChain",
    "FontError",
    "LineMetrics",
    "bundled_fonts_dir",
    "check_font",
    "describe_char",
    "find_face",
    "fit",
    "font_chain",
    "installed_families",
    "is_font_file",
    "line_metrics",
    "load_face",
    "measure",
    "missing_glyph_message",
    "missing_glyphs",
    "runs",
    "wrap",
]

ELLIPSIS: Final = "…"
FONT_SUFFIXES: Final = (".ttf", ".ttc", ".otf", ".otc")

# Families tried, where installed, after a chain's own fonts, for the scripts a Latin font lacks.
# Names of Debian's packages first, then common names on macOS and Windows; fonts that turn out
# unusable (CFF outlines, colour bitmaps) are skipped when the chain is built.
FALLBACK_FAMILIES: Final = (
    "DejaVu Sans",  # ships with matplotlib: Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Naskh Arabic",
    "Amiri",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans Thai",
    "Noto Sans Ethiopic",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "Noto Sans SC",
    "Noto Sans JP",
    "Noto Sans KR",
    "NanumGothic",
    "UnDotum",
    "TakaoPGothic",
    "IPAPGothic",
    "IPAexGothic",
    "VL PGothic",
    "AR PL UMing CN",
    "Symbola",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
    "Noto Sans Math",
    "FreeSans",
    "FreeSerif",
    "STIXGeneral",
    "DejaVu Serif",
    "Microsoft YaHei",
    "SimSun",
    "Meiryo",
    "Malgun Gothic",
    "Segoe UI Symbol",
    "Arial Unicode MS",
    "Apple SD Gothic Neo",
)
# Fonts that draw a placeholder for every character: using them would hide a missing glyph.
_NEVER: Final = ("last resort", "adobe blank", "lastresort")


class FontError(ValueError):
    """A font that cannot be used; the message says why, starting with the file."""


# ---------------------------------------------------------------------------------------------
# Reading TrueType files


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


@dataclass(frozen=True)
class LineMetrics:
    """Vertical metrics of a face at one size, in points; descent is positive (below the baseline)."""

    ascent: float
    descent: float
    line_gap: float

    def baseline(self, line_pitch: float) -> float:
        """Return the distance from a line's top to its baseline, centring ascent+descent in the pitch."""
        return (line_pitch - self.ascent - self.descent) / 2 + self.ascent


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


# ---------------------------------------------------------------------------------------------
# Finding installed fonts


@dataclass(frozen=True)
class _Entry:
    path: Path
    index: int
    families: tuple[str, ...]  # case-folded
    weight: int  # CSS scale
    italic: bool
    width: int  # fontconfig scale: 100 normal, 75 condensed
    rank: int  # 0 bundled, 1 matplotlib, 2 extra folders, 3 system


def bundled_fonts_dir() -> Path:
    """Return the folder of the fonts that ship with mapgen."""
    return Path(__file__).resolve().parent / "fonts"


def _matplotlib_fonts_dir() -> Path | None:
    import importlib.util

    # find_spec locates the package without importing matplotlib itself.
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder if folder.is_dir() else None


_FC_WEIGHTS = ((0, 100), (40, 200), (50, 300), (55, 350), (75, 380), (80, 400), (100, 500), (180, 600))
_FC_WEIGHTS_BOLD = ((200, 700), (205, 800), (210, 900), (215, 950))
_WIDTH_CLASSES = {1: 50, 2: 63, 3: 75, 4: 87, 5: 100, 6: 113, 7: 125, 8: 150, 9: 200}


def _css_weight(fc_weight: float) -> int:
    table = _FC_WEIGHTS + _FC_WEIGHTS_BOLD
    return min(table, key=lambda pair: abs(pair[0] - fc_weight))[1]


def _entries_from_files(files: Iterable[Path], rank: int) -> Iterator[_Entry]:
    for path in files:
        count = 1
        index = 0
        while index < count:
            try:
                with _Tables(path, index) as tables:
                    if index == 0 and path.suffix.lower() in (".ttc", ".otc"):
                        with path.open("rb") as f:
                            head = f.read(12)
                        count = struct.unpack_from(">I", head, 8)[0] if head[:4] == b"ttcf" else 1
                    names = _read_names(tables)
                    weight, italic, width = 400, False, 100
                    if tables.has(b"OS/2"):
                        os2 = tables.read(b"OS/2")
                        weight, width_class = struct.unpack_from(">HH", os2, 4)
                        width = _WIDTH_CLASSES.get(width_class, 100)
                        italic = (
                            bool(struct.unpack_from(">H", os2, 62)[0] & 0x201) if len(os2) >= 64 else False
                        )
            except (FontError, struct.error, OSError):
                index += 1
                continue
            families = tuple(dict.fromkeys(n.casefold() for n in (names.get(1), names.get(16)) if n))
            if families:
                yield _Entry(path.resolve(), index, families, weight or 400, italic, width, rank)
            index += 1


def _fontconfig_entries() -> list[_Entry] | None:
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    fmt = "%{file}\t%{index}\t%{family}\t%{weight}\t%{slant}\t%{width}\t%{fontformat}\n"
    try:
        result = subprocess.run(
            [fc_list, "--format", fmt], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    entries = []
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 7 or parts[6] != "TrueType":
            continue
        file, index, families, weight, slant, width, _format = parts
        try:
            entries.append(
                _Entry(
                    Path(file),
                    int(index),
                    tuple(dict.fromkeys(f.strip().casefold() for f in families.split(",") if f.strip())),
                    _css_weight(_first_number(weight, 80)),
                    _first_number(slant, 0) >= 100,
                    int(_first_number(width, 100)),
                    3,
                )
            )
        except ValueError:
            continue
    return entries


def _first_number(text: str, default: float) -> float:
    for token in text.replace("[", " ").replace("]", " ").split():
        try:
            return float(token)
        except ValueError:
            continue
    return default


def _font_files(folders: Iterable[Path], limit: int = 5000) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".ttc")):
                    found.append(Path(root) / name)
                    if len(found) >= limit:
                        return found
    return found


def _system_font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData/Local"))
        return [windir / "Fonts", local / "Microsoft/Windows/Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    ]


@functools.lru_cache(maxsize=1)
def _index() -> tuple[_Entry, ...]:
    """Return every installed face mapgen may use, bundled fonts first."""
    entries: list[_Entry] = list(_entries_from_files(sorted(bundled_fonts_dir().glob("*.ttf")), 0))
    mpl = _matplotlib_fonts_dir()
    if mpl is not None:
        files = sorted(p for p in mpl.glob("*.ttf") if p.name.startswith(("DejaVu", "STIXGeneral")))
        entries.extend(_entries_from_files(files, 1))
    extra = [Path(p) for p in os.environ.get("MAPGEN_FONT_DIRS", "").split(os.pathsep) if p]
    entries.extend(_entries_from_files(_font_files(extra), 2))
    if os.environ.get("MAPGEN_NO_SYSTEM_FONTS", "") in ("", "0"):
        system = _fontconfig_entries()
        if system is None:
            system = list(_entries_from_files(_font_files(_system_font_dirs()), 3))
        entries.extend(system)
    return tuple(e for e in entries if not any(n in f for n in _NEVER for f in e.families))


def installed_families() -> list[str]:
    """Return the names of the font families mapgen can find (case-folded), sorted."""
    return sorted({family for entry in _index() for family in entry.families})


def _usable(entry: _Entry) -> Face | None:
    try:
        return _loaded(entry.path, entry.index).face
    except (FontError, struct.error, OSError):
        return None


def find_face(family: str, *, bold: bool = False, italic: bool = False) -> Face | None:
    """Return the installed face of a family closest to the wanted style, or None.

    The weight and slant nearest to the request win; among equals, mapgen's bundled fonts come
    before matplotlib's, and those before the system's, so the same theme gives the same files
    on every machine that has them.
    """
    wanted = family.strip().casefold()
    face = _find_face(wanted, 700 if bold else 400, italic)
    if face is None and wanted in METRIC_TWINS:
        face = _find_face(METRIC_TWINS[wanted], 700 if bold else 400, italic)
    return face


# Office families a deck names, and the open fonts with the same letter widths that measure
# (and in LibreOffice, draw) them where the Office font is not installed.
METRIC_TWINS = {"calibri": "carlito", "cambria": "caladea"}


@functools.lru_cache(maxsize=1024)
def _find_face(family: str, weight: int, italic: bool) -> Face | None:
    candidates = [e for e in _index() if family in e.families]
    candidates.sort(
        key=lambda e: (
            e.italic != italic,
            abs(e.weight - weight),
            e.rank,
            abs(e.width - 100),
            str(e.path),
            e.index,
        )
    )
    for entry in candidates:
        face = _usable(entry)
        if face is not None:
            return face
    return None


@functools.lru_cache(maxsize=4)
def _auto_fallbacks(bold: bool, italic: bool) -> tuple[Face, ...]:
    faces = []
    for family in FALLBACK_FAMILIES:
        face = find_face(family, bold=bold, italic=italic)
        if face is not None and face not in faces:
            faces.append(face)
    return tuple(faces)


@functools.lru_cache(maxsize=1)
def _last_resort() -> tuple[Face, ...]:
    """Return every other usable installed face, regular styles first, in a stable order."""
    entries = sorted(_index(), key=lambda e: (e.rank, e.italic, abs(e.weight - 400), e.families, str(e.path)))
    faces: list[Face] = []
    seen: set[tuple[Path, int]] = set()
    for entry in entries:
        if (entry.path, entry.index) in seen:
            continue
        seen.add((entry.path, entry.index))
        face = _usable(entry)
        if face is not None:
            faces.append(face)
    return tuple(faces)


# ---------------------------------------------------------------------------------------------
# Chains


def _zero_width(char: str) -> bool:
    """Return True for characters drawn as nothing: controls, joiners, variation selectors."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf"):
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


class _Widths(dict[str, float]):
    """Advance width per character at 1 pt for one chain, filled on first use."""

    def __init__(self, chain: FontChain) -> None:
        super().__init__()
        self._chain = chain

    def __missing__(self, char: str) -> float:
        _face, width = self._chain._lookup(char)
        self[char] = width
        return width


@dataclass(frozen=True, eq=False)
class FontChain:
    """A primary face and its fallbacks: each character is drawn with the first face that has it.

    `faces` are tried in order; when `system_fallback` is set, a character none of them has is
    looked up in every other usable installed font. Chains compare and hash by their faces, and
    cache each character's face and width, so measuring a string costs a dict look-up per
    character.
    """

    faces: tuple[Face, ...]
    system_fallback: bool = True
    _widths: _Widths = field(init=False, repr=False)
    _faces: dict[str, Face | None] = field(init=False, repr=False)
    _key: tuple[tuple[Face, ...], bool] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.faces:
            raise ValueError("a font chain needs at least one face")
        object.__setattr__(self, "_widths", _Widths(self))
        object.__setattr__(self, "_faces", {})
        object.__setattr__(self, "_key", (self.faces, self.system_fallback))

    @classmethod
    def of(cls, *faces: Face | str | Path, system_fallback: bool = False) -> FontChain:
        """Return a chain of exactly these faces (files or family names), for tests and tools."""
        resolved = []
        for spec in faces:
            if isinstance(spec, Face):
                resolved.append(spec)
            elif is_font_file(spec):
                resolved.append(load_face(spec))
            else:
                face = find_face(str(spec))
                if face is None:
                    raise FontError(f"no installed font family {str(spec)!r}")
                resolved.append(face)
        return cls(tuple(resolved), system_fallback=system_fallback)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FontChain) and self._key == other._key

    def __reduce__(self) -> tuple[type[FontChain], tuple[tuple[Face, ...], bool]]:
        # Rebuilt, not copied, in another process: the caches hold nothing worth sending.
        return (FontChain, (self.faces, self.system_fallback))

    def __hash__(self) -> int:
        return hash(self._key)

    @property
    def primary(self) -> Face:
        """Return the face text is drawn in when it has the character."""
        return self.faces[0]

    @property
    def family(self) -> str:
        """Return the primary face's family name (what a deck names)."""
        return self.faces[0].family

    def face_for(self, char: str) -> Face | None:
        """Return the face that draws char, or None when no usable font has it."""
        try:
            return self._faces[char]
        except KeyError:
            return self._lookup(char)[0]

    def has(self, char: str) -> bool:
        """Return True when some face of the chain (or of the system) draws char."""
        return self.face_for(char) is not None

    def _lookup(self, char: str) -> tuple[Face | None, float]:
        found: Face | None = None
        width: float | None = None
        for face in self.faces:
            width = _data(face).data.width(char)
            if width is not None:
                found = face
                break
        else:
            if self.system_fallback and not _zero_width(char):
                for face in _last_resort():
                    width = _data(face).data.width(char)
                    if width is not None:
                        found = face
                        break
        if found is None:
            if char == "\t":
                width = self._widths[" "]
            elif _zero_width(char):
                width = 0.0
            else:  # renderers draw the primary face's .notdef box: measure that
                width = _data(self.faces[0]).data.notdef_width
        assert width is not None
        self._faces[char] = found
        return found, width


def font_chain(
    primary: str | Path,
    *,
    fallback: Sequence[str | Path] = (),
    bold: bool = False,
    italic: bool = False,
    base_dir: Path | None = None,
    auto_fallback: bool = True,
    system_fallback: bool = True,
) -> FontChain:
    """Return the chain for a font spec: a family name, or a font file (relative to base_dir).

    Entries that cannot be resolved are left out (check_font() says why); when nothing resolves,
    the chain starts with DejaVu Sans, which ships with matplotlib. `auto_fallback` appends
    FALLBACK_FAMILIES where installed; `system_fallback` lets any other installed font supply a
    character the chain lacks.
    """
    return _font_chain(
        (primary, *fallback),
        bold,
        italic,
        base_dir.resolve() if base_dir else None,
        auto_fallback,
        system_fallback,
    )


@functools.lru_cache(maxsize=256)
def _font_chain(
    specs: tuple[str | Path, ...],
    bold: bool,
    italic: bool,
    base_dir: Path | None,
    auto_fallback: bool,
    system_fallback: bool,
) -> FontChain:
    faces: list[Face] = []
    for spec in specs:
        face = _resolve(spec, bold=bold, italic=italic, base_dir=base_dir)
        if face is not None and face not in faces:
            faces.append(face)
    if auto_fallback or not faces:
        faces.extend(f for f in _auto_fallbacks(bold, italic) if f not in faces)
    if not faces:
        raise FontError("no usable font found: not even DejaVu Sans, which ships with matplotlib")
    return FontChain(tuple(faces), system_fallback=system_fallback)


def _resolve(spec: str | Path, *, bold: bool, italic: bool, base_dir: Path | None) -> Face | None:
    try:
        if is_font_file(spec):
            return load_face(spec, base_dir=base_dir)
    except FontError:
        return None
    return find_face(str(spec), bold=bold, italic=italic)


def check_font(spec: str | Path, *, base_dir: Path | None = None) -> str | None:
    """Return why a font spec (family name or file) cannot be used, or None when it can."""
    if is_font_file(spec):
        try:
            load_face(spec, base_dir=base_dir)
        except FontError as error:
            return str(error)
        return None
    if find_face(str(spec)) is None:
        return f"no installed font family {str(spec)!r}"
    return None


# ---------------------------------------------------------------------------------------------
# Measuring


def measure(text: str, chain: FontChain, size: float) -> float:
    """Return the width of one line of text in points at size pt (newlines are not special)."""
    return math.fsum(map(chain._widths.__getitem__, text)) * size


def runs(text: str, chain: FontChain) -> list[tuple[Face, str]]:
    """Split text into runs drawn with one face each, for painters without font fallback.

    Zero-width characters no face has (variation selectors, joiners) are dropped, so no painter
    draws a box for them; characters no font has stay, in the primary face.
    """
    out: list[tuple[Face, str]] = []
    current: Face | None = None
    buffer: list[str] = []
    for char in text:
        face = chain.face_for(char)
        if face is None:
            if _zero_width(char) or char == "\t":
                if char == "\t":
                    buffer.append(" ")
                continue
            face = chain.primary
        if face != current and buffer:
            assert current is not None
            out.append((current, "".join(buffer)))
            buffer = []
        current = face
        buffer.append(char)
    if buffer:
        out.append((current or chain.primary, "".join(buffer)))
    return out


def line_metrics(chain: FontChain, size: float) -> LineMetrics:
    """Return the primary face's ascent, descent and line gap (hhea, as FreeType uses) at size pt."""
    loaded = _data(chain.primary)
    return LineMetrics(loaded.ascent * size, loaded.descent * size, loaded.line_gap * size)


def describe_char(char: str) -> str:
    """Return "'X' (U+XXXX NAME)" for a character, the way warnings quote it."""
    name = unicodedata.name(char, "")
    return f"{char!r} (U+{ord(char):04X}{' ' + name if name else ''})"


def missing_glyph_message(char: str) -> str:
    """Return the warning text for a character no available font has (the caller adds where)."""
    return f"no available font has the character {describe_char(char)}"


def missing_glyphs(text: str, chain: FontChain) -> set[str]:
    """Return the characters of text that no font of the chain (or the system) can draw."""
    return {
        char
        for char in set(text)
        if not char.isspace() and not _zero_width(char) and chain.face_for(char) is None
    }


# ---------------------------------------------------------------------------------------------
# Wrapping

# No line may start with these (closing punctuation, small kana, prolonged sound mark) ...
_NO_START = frozenset(
    ")]}»›”’.,;:!?%‰°′″、。，．：；！？）］｝」』】〉》〕〗〙〛ー々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・…‥〜～"
)
# ... and none may end with these (opening punctuation).
_NO_END = frozenset("([{«‹“‘（［｛「『【〈《〔〖〘〚")
_HYPHENS = frozenset("-‐–—/")
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f\u2060")


def _is_cjk(char: str) -> bool:
    """Return True for characters of scripts written without spaces, breakable anywhere."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, kana, CJK symbols and unified ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # supplementary ideographs
        or 0x0E00 <= code <= 0x0E7F  # Thai has no spaces either; without a dictionary, any place
    )


def _can_break(before: str, prev: str, char: str) -> bool:
    """Return True when a line may break between prev and char (neither is a space)."""
    if char in _NO_START or prev in _NO_END:
        return False
    if _is_cjk(prev) or _is_cjk(char):
        return True
    # After a hyphen or slash inside a word: "customer-|journey", "and/|or", but not "-|5".
    return prev in _HYPHENS and before.isalnum() and char.isalpha()


def _is_break_space(char: str) -> bool:
    return char.isspace() and char not in _NO_BREAK_SPACES


def _pieces(paragraph: str) -> list[tuple[bool, str]]:
    """Split a paragraph into unbreakable pieces, each flagged when a space precedes it."""
    pieces: list[tuple[bool, str]] = []
    buffer: list[str] = []
    space_before = False
    pending_space = False
    prev = before = ""
    for char in paragraph:
        if _is_break_space(char):
            if buffer:
                pieces.append((space_before, "".join(buffer)))
                buffer = []
            pending_space = True
            prev = before = ""
            continue
        if buffer and _can_break(before, prev, char) and not _attaches(char):
            pieces.append((space_before, "".join(buffer)))
            buffer = []
            space_before = False
        if not buffer:
            space_before = pending_space and bool(pieces)
            pending_space = False
        buffer.append(char)
        before, prev = prev, char
    if buffer:
        pieces.append((space_before, "".join(buffer)))
    return pieces


def _attaches(char: str) -> bool:
    """Return True for characters that belong to the one before: combining marks, joiners."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or _zero_width(char)


def _clusters(piece: str) -> list[str]:
    """Split a piece into the smallest parts a line may break between (a base and its marks)."""
    clusters: list[str] = []
    joined = False
    for char in piece:
        if clusters and (_attaches(char) or joined):
            clusters[-1] += char
        else:
            clusters.append(char)
        joined = char == "\u200d"
    return clusters


def wrap(text: str, chain: FontChain, size: float, max_width: float) -> list[str]:
    """Return text broken into lines no wider than max_width points at size pt.

    Lines break at spaces (which are dropped at the break), after a hyphen or slash inside a word,
    and between any two CJK or Thai characters (except before closing or after opening
    punctuation). A word wider than the line is broken between characters. Explicit newlines
    are kept, a blank line as an empty string; leading and trailing blank lines are dropped.
    Only a single character wider than max_width can make a line wider than max_width.
    """
    if size <= 0 or max_width <= 0:
        raise ValueError(f"size and max_width must be positive, got {size} and {max_width}")
    return list(_wrap(text, chain, float(size), float(max_width)))


@functools.lru_cache(maxsize=32768)
def _wrap(text: str, chain: FontChain, size: float, max_width: float) -> tuple[str, ...]:
    widths = chain._widths
    limit = max_width / size + 1e-9  # compare in 1-pt units: one multiplication per line
    space = widths[" "]
    lines: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ()
    for paragraph in text.split("\n"):
        line = ""
        line_width = 0.0
        for space_before, piece in _pieces(paragraph):
            piece_width = math.fsum(map(widths.__getitem__, piece))
            gap = space if space_before and line else 0.0
            if line_width + gap + piece_width <= limit:
                line += (" " if gap else "") + piece
                line_width += gap + piece_width
                continue
            if line:
                lines.append(line)
                line, line_width = "", 0.0
            if piece_width <= limit:
                line, line_width = piece, piece_width
                continue
            for cluster in _clusters(piece):
                cluster_width = math.fsum(map(widths.__getitem__, cluster))
                if line and line_width + cluster_width > limit:
                    lines.append(line)
                    line, line_width = "", 0.0
                line += cluster
                line_width += cluster_width
        lines.append(line)
    return tuple(lines)


@dataclass(frozen=True)
class FittedText:
    """Text wrapped to fit a box: its lines, the size they fit at, and whether text was cut."""

    lines: tuple[str, ...]
    size: float
    truncated: bool
    line_height: float  # multiple of size

    @property
    def height(self) -> float:
        """Return the height the lines take, in points."""
        return len(self.lines) * self.size * self.line_height


def fit(
    text: str,
    chain: FontChain,
    max_width: float,
    max_height: float,
    size: float,
    min_size: float,
    line_height: float = 1.2,
    *,
    max_lines: int | None = None,
    step: float = 0.5,
) -> FittedText:
    """Return text wrapped into a box: at size if it fits, else smaller, never below min_size.

    Sizes go down from size in steps of `step` points to min_size; the first that fits in
    max_width and max_height (and max_lines) wins. When even min_size does not fit, the lines
    that fit are kept and the last one ends with an ellipsis: truncated is then True, and the
    caller reports the cut. A box too low for one line at min_size gets no lines.
    """
    if min_size <= 0 or size <= 0 or line_height <= 0 or step <= 0:
        raise ValueError("sizes, line height and step must be positive")
    min_size = min(min_size, size)
    sizes = []
    current = float(size)
    while current > min_size + 1e-9:
        sizes.append(current)
        current = round(current - step, 6)
    sizes.append(float(min_size))
    for candidate in sizes:
        allowed = _lines_allowed(max_height, candidate, line_height, max_lines)
        lines = _wrap(text, chain, candidate, float(max_width))
        if len(lines) <= allowed and all(
            measure(line, chain, candidate) <= max_width + 1e-6 for line in lines
        ):
            return FittedText(lines, candidate, False, line_height)
    size = sizes[-1]
    allowed = _lines_allowed(max_height, size, line_height, max_lines)
    lines = _wrap(text, chain, size, float(max_width))
    if allowed <= 0 or not lines:
        return FittedText((), size, bool(text.strip()), line_height)
    kept = list(lines[:allowed])
    kept[-1] = _ellipsize(kept[-1], chain, size, max_width)
    return FittedText(tuple(kept), size, True, line_height)


def _lines_allowed(max_height: float, size: float, line_height: float, max_lines: int | None) -> int:
    allowed = math.floor(max_height / (size * line_height) + 1e-9)
    return allowed if max_lines is None else min(allowed, max_lines)


def _ellipsize(line: str, chain: FontChain, size: float, max_width: float) -> str:
    """Return line shortened so that it and an ellipsis fit max_width."""
    mark = ELLIPSIS if chain.has(ELLIPSIS) else "..."
    clusters = _clusters(line)
    while clusters:
        head = "".join(clusters).rstrip(" ,;:-–—/")
        if measure(head + mark, chain, size) <= max_width + 1e-6:
            return head + mark
        clusters.pop()
    return mark if measure(mark, chain, size) <= max_width + 1e-6 else ""
