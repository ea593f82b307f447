"""What the report's planners share: the context they plan in, and the small text rules they agree on.

Each section of the report is planned by its own module (front, summary, chapter, overview,
about) from a PlanContext: the model it sees, the theme, the page geometry and the journey-map
layout. Planners return blocks and never number bookmarks: mapgen.renderers.pdf.plan.document
numbers the keys of a part once its blocks are known, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from mapgen.model import Journeys, Persona, Problem, Scale
from mapgen.renderers.pdf.report import Cell, Geometry, Heading
from mapgen.scene import Align, Scene
from mapgen.scores import scale_text, score_text

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "JourneyLayout",
    "LaidOut",
    "PlanContext",
    "balanced",
    "clean",
    "default_layout",
    "heading",
    "journey_canvas",
    "profile_text",
    "report_geometry",
]

T = TypeVar("T")


class LaidOut(Protocol):
    """What a journey layout returns (mapgen.layout.LayoutResult)."""

    @property
    def scenes(self) -> tuple[Scene, ...]: ...

    @property
    def problems(self) -> tuple[Problem, ...]: ...


class JourneyLayout(Protocol):
    """mapgen.layout.layout_journey's signature."""

    def __call__(
        self,
        journeys: Journeys,
        persona: Persona,
        theme: Theme,
        page: tuple[float, float],
        *,
        paginate: bool = ...,
        footer: bool = ...,
        index: int | None = ...,
    ) -> LaidOut: ...


def default_layout(
    journeys: Journeys,
    persona: Persona,
    theme: Theme,
    page: tuple[float, float],
    *,
    paginate: bool = False,
    footer: bool = True,
    index: int | None = None,
) -> LaidOut:
    """Lay out a persona's whole journey on one scene of exactly page, with mapgen.layout.

    The report asks for one map per persona, on a landscape page: the canvas layout summarises
    the journey to fit it (paginate has nothing to split). mapgen.layout is imported only when a
    map is planned.
    """
    from mapgen.layout import layout_canvas  # type: ignore[attr-defined,unused-ignore]

    result: LaidOut = layout_canvas(journeys, persona, theme, size=page, footer=footer, index=index)
    return result


def journey_canvas(ctx: PlanContext, persona: Persona, index: int) -> LaidOut:
    """Lay out a persona's whole journey as one scene of the landscape frame's proportions.

    The one place the report asks for its journey map: a layout that summarises the journey on
    exactly the page's size replaces this body. Until then the map is laid out on a larger page
    of the same proportions, as little larger as lets the whole journey fit without growing
    taller, and the page scales it down to the frame. The pages have the report's running
    footer, so the map leaves out its own.
    """
    width, height = ctx.geometry.landscape_frame
    result: LaidOut | None = None
    for grow in _CANVAS_GROWTH:
        size = (width * grow, height * grow)
        result = ctx.layout(ctx.journeys, persona, ctx.theme, size, paginate=False, footer=False, index=index)
        if all(scene.height <= size[1] + 0.5 for scene in result.scenes):
            break
    assert result is not None
    return result


# How much larger than the landscape frame a journey map may be laid out, tried in turn: past
# the last, the map's own text would print below about half the theme's size.
_CANVAS_GROWTH = (1.0, 1.2, 1.4, 1.6, 1.8, 2.0)


def report_geometry(theme: Theme) -> Geometry:
    """Return the report's page and margins from the theme."""
    page = theme.page
    return Geometry(page.width, page.height, page.margins)


@dataclass(frozen=True)
class PlanContext:
    """What a section's planner sees: the model (its part's scope), the theme, the page, the layout."""

    journeys: Journeys
    theme: Theme
    geometry: Geometry
    layout: JourneyLayout

    def score(self, value: float | None, scale: Scale, *, marked: bool = True) -> str:
        """Return a score on the client's scale, or the theme's word for no score.

        marked: an inferred score says so ("+0.4, inferred"); off where the scale is named nearby.
        """
        labels = self.theme.labels
        return score_text(value, scale, none=labels.no_score, labels=labels if marked else None)

    def scale_note(self, scale: Scale) -> str:
        """Return the scale as a chart's note says it: "Score: −5 to +5"."""
        return f"{self.theme.labels.score}: {scale_text(scale, self.theme.labels)}"

    def header_cell(self, text: str, align: Align = "left") -> Cell:
        """Return a table header cell in the theme's primary colour."""
        c = self.theme.colours
        return Cell(text, fill=c.primary, color=c.on_primary, bold=True, align=align)


def heading(text: str, level: int, *, new_page: bool = False) -> Heading:
    """Return a heading with its key left blank, for mapgen.renderers.pdf.plan.document to number."""
    return Heading(text, level, "", new_page=new_page)


def balanced(items: list[T], most: int) -> list[list[T]]:
    """Return items in as few runs of at most `most` as possible, evenly: 7 by 3 makes 3 + 2 + 2."""
    count = max(1, -(-len(items) // most))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def clean(value: str | None) -> str:
    """Return a workbook text stripped, or "" for none."""
    return value.strip() if value else ""


def profile_text(value: object, *, bullets: bool = False) -> str:
    """Return a profile value as text: a list joined by commas, or one bullet a line."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        items = [str(v).strip() for v in value if str(v).strip()]
        return "\n".join(f"• {v}" for v in items) if bullets else ", ".join(items)
    return str(value).strip()
