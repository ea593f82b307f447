"""Plan what a slide carries besides its content: page numbers, the title rule and the footer line.

The built-in look draws its own rule under each title, footer line and "Page X of Y"; they depend
on the number of slides, so PageFurniture is applied when the parts are joined, to the joined plan
(plan.parts) and to the joined package (package.join) alike. A client's template brings its own
footer placeholder, whose text is fitted here when each part is planned. The cover shows neither.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.model import Journeys
from mapgen.renderers.pptx.deck import Frame, SlidePlan
from mapgen.renderers.pptx.plan.common import Ctx, deck_title, footer_text, slide_gap
from mapgen.renderers.pptx.plan.fit import fit_block
from mapgen.scene import Box, Rect, Tag, TextBlock

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["PageFurniture", "shows_page_number", "with_template_footer"]


def shows_page_number(kind: str) -> bool:
    """Return True for a slide the built-in look numbers: not the cover, not a full-page map."""
    return kind not in ("title", "journey")


class PageFurniture:
    """The built-in look's rule under each title, footer line and "Page X of Y" of a deck.

    They depend on the number of slides (the page label's width sets the footer line's), so they
    are added when the parts are joined: to the joined plan and to the joined package alike.
    """

    def __init__(self, journeys: Journeys, theme: Theme, frame: Frame, total: int) -> None:
        self.theme, self.total, self.footer = theme, total, frame.footer
        self._rule: Rect | None = None
        self._line: TextBlock | None = None
        self._page_w = 0.0
        footer = frame.footer
        if footer is None:
            return
        c, size, gap = theme.colours, theme.sizes.size("small"), slide_gap(frame)
        widest = theme.labels.page_x_of_y(total, total)
        self._page_w = round(text.measure(widest, theme.font_chain("body"), size) + size, 2)
        self._rule = Rect(
            Box(
                frame.title.x,
                round(frame.title.bottom + gap * 0.35, 2),
                round(frame.height / 15 * 1.2, 2),
                3.0,
            ),
            fill=c.primary,
            tag=Tag("title-rule"),
        )
        line = footer_text(journeys, theme)
        if line:
            self._line = fit_block(
                line,
                theme,
                Box(footer.x, footer.y, footer.w - self._page_w - gap, footer.h),
                size=size,
                min_size=size,
                color=c.muted,
                max_lines=1,
                tag=Tag("footer"),
            )

    def applies(self, kind: str) -> bool:
        """Return True when a slide of this kind shows the rule, the page number and the footer."""
        return self.footer is not None and shows_page_number(kind)

    def items(self, number: int) -> tuple[Rect | TextBlock, ...]:
        """Return what slide `number` (from 1) gets: the rule, the page number, the footer line."""
        footer, theme = self.footer, self.theme
        if footer is None or self._rule is None:
            return ()
        size = theme.sizes.size("small")
        page = fit_block(
            theme.labels.page_x_of_y(number, self.total),
            theme,
            Box(footer.right - self._page_w, footer.y, self._page_w, footer.h),
            size=size,
            min_size=size,
            color=theme.colours.muted,
            align="right",
            max_lines=1,
            tag=Tag("page-number"),
        )
        return (self._rule, page) if self._line is None else (self._rule, page, self._line)


def with_template_footer(ctx: Ctx, slides: list[SlidePlan]) -> list[SlidePlan]:
    """Return the slides with the footer line fitted to the template's footer placeholder."""
    footer = ctx.frame.footer
    line = footer_text(ctx.journeys, ctx.theme) or deck_title(ctx.journeys, ctx.theme)
    if footer is None or not line:
        return slides
    size = ctx.size("small")
    block = fit_block(
        line,
        ctx.theme,
        footer,
        size=size,
        min_size=ctx.theme.sizes.minimum,
        color=ctx.c.muted,
        max_lines=1,
        tag=Tag("footer"),
    )
    if block.truncated:
        # A footer cut short reads as a mistake on every slide: the template's stays empty.
        ctx.warn(f"the footer {line!r} does not fit the template's footer placeholder and is left out")
        return slides
    return [s if s.kind == "title" else dataclasses.replace(s, footer_block=block) for s in slides]
