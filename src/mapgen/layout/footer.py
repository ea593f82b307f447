"""The footer of a map: the theme's footer line (client, title, confidentiality) and the logo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapgen.layout.shapes import fitted_block, logo_picture
from mapgen.scene import Box, Polyline, Primitive, Tag
from mapgen.themes.lines import footer_line

if TYPE_CHECKING:
    from mapgen.model import Journeys
    from mapgen.themes import Theme


def footer_height(theme: Theme) -> float:
    """Return the footer's height: a line of small text with room above it."""
    return round(max(theme.sizes.size("small") * theme.sizes.line_height + 8, 22.0), 2)


def footer(journeys: Journeys, theme: Theme, box: Box) -> list[Primitive]:
    """Return the footer primitives in box: a rule, the footer text at the left, the logo at the right."""
    c, project = theme.colours, journeys.project
    out: list[Primitive] = [
        Polyline(((box.x, box.y), (box.right, box.y)), color=c.border, width=0.5, tag=Tag("grid"))
    ]
    logo_w = 0.0
    if theme.logo is not None:
        logo = logo_picture(
            theme.logo, Box(box.right - box.w * 0.2, box.y + 4, box.w * 0.2, box.h - 4), align="right"
        )
        if logo is not None:
            out.append(logo)
            logo_w = box.right - logo.box.x + 8
    words = footer_line(project, theme)
    small = theme.sizes.size("small")
    if words:
        out.append(
            fitted_block(
                theme,
                words,
                Box(box.x, box.y + 4, box.w - logo_w, box.h - 4),
                size=small,
                color=c.muted,
                valign="middle",
                max_lines=1,
                tag=Tag("footer"),
            )
        )
    return out
