"""The theme a deck is planned and emitted with: type never under 9 pt, measured in the fonts it names.

A deck's text is wrapped by PowerPoint, not by mapgen: the plan measures every text in the family
its runs name (the theme's office font, or a client template's theme fonts), through its metric
twin where that is installed (Carlito for Calibri, Caladea for Cambria), and leaves a margin
(usable_width) so PowerPoint's own wrapping fits the box the plan made.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from mapgen import colors
from mapgen.renderers.pptx.deck import DECK_MIN, DETAIL_MIN

if TYPE_CHECKING:
    from mapgen.themes import Theme
    from mapgen.themes.schema import FontSpec

__all__ = ["DECK_MIN", "DETAIL_MIN", "deck_theme", "usable_width"]

# Share of a box's width a line is measured to: PowerPoint's and LibreOffice's wrapping differ
# from mapgen.text's by a few per cent (kerning, hinting, the twin's small differences).
_MARGIN = 0.04


def usable_width(width: float) -> float:
    """Return the width a line is wrapped to in a box of width points, the safety margin left."""
    return max(width * (1 - _MARGIN) - 1.0, width * 0.5)


def deck_theme(theme: Theme, fonts: tuple[str, str] | None = None, text_colour: str | None = None) -> Theme:
    """Return the theme with the deck's floor of 9 pt, measuring in the families the deck names.

    fonts: a client template's (major, minor) theme fonts, which then set the headings and the
    body text; otherwise the theme's office families are used where it names them. text_colour:
    the template's dark text colour, which the deck's text takes where it stays legible.
    """
    mark = (fonts, text_colour) if fonts or text_colour else True
    if getattr(theme, "_deck_fonts", False) == mark:
        return theme  # already the deck's
    sizes = theme.sizes
    if sizes.minimum < DECK_MIN:
        sizes = dataclasses.replace(sizes, minimum=DECK_MIN, base=max(sizes.base, DECK_MIN))
    heading, body = theme.fonts.heading, theme.fonts.body
    major, minor = fonts if fonts else (heading.office, body.office)
    colours = theme.colours
    if text_colour and colors.contrast_ratio(text_colour, colours.background) >= colors.AA_TEXT:
        colours = dataclasses.replace(colours, text=text_colour)  # the client's brand text colour
    out = dataclasses.replace(
        theme,
        sizes=sizes,
        colours=colours,
        fonts=dataclasses.replace(theme.fonts, heading=_named(heading, major), body=_named(body, minor)),
    )
    # Marked, so a theme already made the deck's is returned as it is (the parts and the join
    # both ask); the mark lives beside the fields, like the theme's cache of font chains.
    out.__dict__["_deck_fonts"] = mark
    return out


def _named(spec: FontSpec, family: str | None) -> FontSpec:
    """Return a font role measured in the family the deck names (unchanged without one)."""
    if not family:
        return spec
    return dataclasses.replace(spec, family=family, bold=None, italic=None, bold_italic=None, office=family)
