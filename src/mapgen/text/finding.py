"""Finding installed fonts: an index of every usable face, and the face of a family nearest a style.

Where fonts come from, in this order of preference:
1. the fonts bundled with mapgen (src/mapgen/fonts/, SIL Open Font License: Lato, Carlito,
   Caladea);
2. the DejaVu and STIX fonts that ship with matplotlib;
3. the system's fonts, listed by fontconfig (fc-list) where it is installed, else found by
   scanning the usual font folders. MAPGEN_FONT_DIRS (folders separated by os.pathsep) adds
   folders; MAPGEN_NO_SYSTEM_FONTS=1 leaves the system's fonts out (for reproducible images).

The index is built once per process (_index), and so is each answer of the finder.
"""

from __future__ import annotations

import functools
import os
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mapgen.text.families import _NEVER, FALLBACK_FAMILIES, METRIC_TWINS
from mapgen.text.truetype import Face, FontError, _loaded, _read_names, _Tables


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
    return Path(__file__).resolve().parent.parent / "fonts"  # src/mapgen/fonts, beside this package


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


def installed_font_files() -> list[Path]:
    """Return the font files mapgen can find, each once, in the order it prefers them."""
    return list(dict.fromkeys(entry.path for entry in _index()))


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
