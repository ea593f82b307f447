"""Themes: load, inherit and validate themes/*.toml into one frozen Theme for every renderer.

A theme file is TOML. `extends = "NAME"` (a built-in theme) or `extends = "path/to/base.toml"`
(relative to the file) inherits every key and overrides key by key: tables merge, anything else
(strings, numbers, lists) is replaced whole. A theme that names no `extends` inherits `default`,
which defines every key, so a user's theme only says what differs. Paths in a theme (font files,
logo, deck template) are relative to the file that names them.

Validation collects every problem at once; each names the theme file that set the key and the
dotted key ("themes/acme.toml:colours.text: error: ..."), as mapgen.model.Problem with the key in
its `cell`. Errors raise ThemeError with all of them; warnings (weak contrast, a font family that
is not installed) stay on Theme.warnings.

How renderers use a theme: colours are "#rrggbb" strings under theme.colours, and text is only
ever drawn in one of the pairs Theme.text_pairs() lists (each is contrast-checked); font files
come from theme.font_chain("heading" | "body"), the deck's family names from
theme.office_font(...); sizes from theme.sizes.size("title" | "h1" | "h2" | "h3" | "body" |
"small"); lanes in theme.lanes.show order under theme.lanes.label(lane); every fixed word of the
deliverables from theme.labels.

The package: vocabulary (the values a key may take), schema (the frozen Theme), finding (the
built-in themes and theme files), inheritance (reading and merging `extends`), validation (keys,
values, colours, fonts, files, sizes, words, put together by validate), loading (load_theme) and
writing (theme_to_toml).
"""

from __future__ import annotations

from mapgen.scene import FontRole
from mapgen.themes.finding import builtin_theme_dir, list_themes
from mapgen.themes.lines import confidentiality, footer_line, project_title
from mapgen.themes.loading import load_theme
from mapgen.themes.schema import (
    Colours,
    Emotion,
    Fonts,
    FontSpec,
    Footer,
    Labels,
    LaneLabels,
    Lanes,
    Page,
    Png,
    Sizes,
    Slide,
    Style,
    TextPair,
    Theme,
)
from mapgen.themes.vocabulary import LANES, PngSize, SizeRole
from mapgen.themes.writing import theme_to_toml

__all__ = [
    "LANES",
    "Colours",
    "Emotion",
    "FontRole",
    "FontSpec",
    "Fonts",
    "Footer",
    "Labels",
    "LaneLabels",
    "Lanes",
    "Page",
    "Png",
    "PngSize",
    "SizeRole",
    "Sizes",
    "Slide",
    "Style",
    "TextPair",
    "Theme",
    "builtin_theme_dir",
    "confidentiality",
    "footer_line",
    "list_themes",
    "load_theme",
    "project_title",
    "theme_to_toml",
]
