"""Family names mapgen knows in advance: which stand in for which, and which it never uses.

Pure data: the finder (finding.py) looks these names up among the installed fonts.
"""

from __future__ import annotations

from typing import Final

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

# Office families a deck names, and the open fonts with the same letter widths that measure
# (and in LibreOffice, draw) them where the Office font is not installed.
METRIC_TWINS = {"calibri": "carlito", "cambria": "caladea"}

# Fonts that draw a placeholder for every character: using them would hide a missing glyph.
_NEVER: Final = ("last resort", "adobe blank", "lastresort")
