"""Read the theme's measures: type sizes, the report's page, the deck's slide and the PNG canvas."""

from __future__ import annotations

from typing import Any, cast

from mapgen.themes.files import check_template, optional_file
from mapgen.themes.problems import describe
from mapgen.themes.schema import Page, Png, Sizes, Slide
from mapgen.themes.values import Invalid, Reader, choice, number
from mapgen.themes.vocabulary import PAGE_SIZES, PNG_SIZES, SLIDE_SIZES, PageSize, PngSize, SlideSize


def read_sizes(r: Reader) -> Sizes:
    """Return the type sizes; a minimum above the base size is an error."""
    base = r.get("sizes.base", number(4, 72), 10.0)
    minimum = r.get("sizes.minimum", number(4, 72), 7.0)
    if minimum > base:
        r.problems.error(
            "sizes.minimum", f"the minimum size ({minimum:g} pt) is above the base size ({base:g} pt)"
        )
        minimum = base
    return Sizes(
        base=base,
        scale=r.get("sizes.scale", number(1, 3), 1.25),
        minimum=minimum,
        line_height=r.get("sizes.line_height", number(1, 3), 1.2),
    )


def _margins(value: Any) -> tuple[float, float, float, float]:
    millimetres = number(0, 100)
    if isinstance(value, list):
        if len(value) not in (1, 2, 4):
            raise Invalid(
                "must be a number of millimetres, or a list of 2 (vertical, horizontal) or 4 "
                f"(top, right, bottom, left), got a list of {len(value)}"
            )
        items = [millimetres(v) for v in value]
        if len(items) == 1:
            items *= 4
        elif len(items) == 2:
            items = [items[0], items[1], items[0], items[1]]
        return items[0], items[1], items[2], items[3]
    m = millimetres(value)
    return m, m, m, m


def _dpi(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().lower() == "auto":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f'must be "auto" or a whole number of dots per inch, got {describe(value)}')
    if not 36 <= value <= 1200:
        raise Invalid(f"must be from 36 to 1200, got {value}")
    return value


def read_page(r: Reader) -> Page:
    """Return the report's page: its size and margins."""
    return Page(
        size=cast(PageSize, r.get("page.size", choice(*PAGE_SIZES), "A4")),
        margins_mm=r.get("page.margins_mm", _margins, (18.0, 18.0, 18.0, 18.0)),
    )


def read_slide(r: Reader) -> Slide:
    """Return the deck's slide: its size and the client template, if any."""
    return Slide(
        size=cast(SlideSize, r.get("slide.size", choice(*SLIDE_SIZES), "16:9")),
        template=optional_file(r, "slide.template", check_template),
    )


def read_png(r: Reader) -> Png:
    """Return the infographic's canvas preset and resolution."""
    return Png(
        size=cast(PngSize, r.get("png.size", choice(*PNG_SIZES), "slide")),
        dpi=r.get("png.dpi", _dpi, None),
    )
