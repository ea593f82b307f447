"""Fonts and text: resolving font files, measuring, wrapping and fitting strings.

This is the one package that knows how wide a string is. The layout asks it where to break every
line, and the three painters draw exactly the lines it returns, with exactly the font files it
chose, so a PNG, a slide and a PDF page wrap a text at the same place.

Callers import from here (`from mapgen import text`, then text.wrap(...)); the modules, each
importing only those above it:
  truetype.py   reading a TrueType file: names, style, cmap, advance widths (the faces' cache)
  families.py   family names known in advance: per-script fallbacks, Office fonts' metric twins
  finding.py    the installed fonts: bundled, matplotlib's, the system's; a family's nearest face
  chains.py     FontChain: a primary face and its fallbacks, each character's face and width
  measuring.py  widths, runs per face, line metrics, characters no font has
  hyphenation.py where a word may break with a hyphen, from its language's patterns (pyphen)
  wrapping.py   where lines may break, and text wrapped to a width
  fitting.py    text fitted into a box: smaller sizes, then an ellipsis
"""

from __future__ import annotations

from mapgen.text.chains import FontChain, check_font, font_chain
from mapgen.text.families import FALLBACK_FAMILIES, METRIC_TWINS
from mapgen.text.finding import bundled_fonts_dir, find_face, installed_families, installed_font_files
from mapgen.text.fitting import ELLIPSIS, FittedText, fit
from mapgen.text.fitting import _fit as _fit
from mapgen.text.hyphenation import HYPHEN, has_patterns, hyphen_points
from mapgen.text.measuring import (
    LineMetrics,
    describe_char,
    line_metrics,
    measure,
    missing_glyph_message,
    missing_glyphs,
    runs,
)
from mapgen.text.truetype import FONT_SUFFIXES, Face, FontError, is_font_file, load_face
from mapgen.text.wrapping import _BREAK_NEAR as _BREAK_NEAR
from mapgen.text.wrapping import _IS_CJK as _IS_CJK
from mapgen.text.wrapping import _NOT_JUST_SPACES as _NOT_JUST_SPACES
from mapgen.text.wrapping import _WORD as _WORD
from mapgen.text.wrapping import _wrap as _wrap
from mapgen.text.wrapping import bullet_indent, wrap

# The `_x as _x` imports above re-export private names reached from outside: the caches of wrap()
# and fit() (tests and the benchmark clear them) and the character classes the differential test
# checks. They are the modules' own objects, so there is still one cache of each.
__all__ = [
    "ELLIPSIS",
    "FALLBACK_FAMILIES",
    "FONT_SUFFIXES",
    "HYPHEN",
    "METRIC_TWINS",
    "Face",
    "FittedText",
    "FontChain",
    "FontError",
    "LineMetrics",
    "bullet_indent",
    "bundled_fonts_dir",
    "check_font",
    "describe_char",
    "find_face",
    "fit",
    "font_chain",
    "has_patterns",
    "hyphen_points",
    "installed_families",
    "installed_font_files",
    "is_font_file",
    "line_metrics",
    "load_face",
    "measure",
    "missing_glyph_message",
    "missing_glyphs",
    "runs",
    "wrap",
]
