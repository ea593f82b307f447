"""The deck plan's data: every slide of the deck as plain frozen data, decided before python-pptx.

pandoc's habit (Powerpoint/Presentation.hs builds slides as data, Output.hs writes the zip): the
planner (mapgen.renderers.pptx.plan, entry points in plan.parts) decides the slides, their titles,
speaker notes and alt texts, and where every text, shape, chart and table goes, with every text
already wrapped and sized by mapgen.text; the emitter (mapgen.renderers.pptx.output) then only
draws. This module holds the types they share and imports neither: nothing here imports
python-pptx or the planner, so the plan is tested on its own and the emitted deck is checked
against it.

The deck is planned in parts (deck_parts: the front matter, a part per persona, the back matter),
each from its scope (mapgen.renderers.parts.part_scope), so a part can be made and cached on its
own. deck_parts and default_frame stay here, beside the types, because the build asks for the
parts before anything is planned and should not import the planner to do so.

Coordinates are points on the slide, origin top-left, y down, as in mapgen.scene.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from mapgen.model import Journeys, Persona, Problem
from mapgen.renderers.parts import PartSpec, persona_part
from mapgen.scene import (
    Align,
    Box,
    FontRole,
    Picture,
    Primitive,
    Tag,
    TextBlock,
    VAlign,
)

if TYPE_CHECKING:
    from mapgen.layout import LayoutResult
    from mapgen.themes import Theme

__all__ = [
    "DECK_MIN",
    "DETAIL_MIN",
    "ChartSeries",
    "DeckPlan",
    "Frame",
    "JourneyLayout",
    "LayoutRole",
    "LineChart",
    "Paragraph",
    "PartPlan",
    "PlanItem",
    "SlideKind",
    "SlidePlan",
    "Table",
    "TableCell",
    "TextFrame",
    "deck_parts",
    "default_frame",
]

SlideKind = Literal[
    "title",  # the cover: planned in plan.front, emitted in output.slide like the others
    "findings",  # the key findings, after the cover
    "top_moves",  # the three to five moves to make first
    "agenda",
    "profile",
    "journey",  # the whole journey on one slide
    "emotion",
    "stage",  # a stage's steps with all their lanes
    "pain_table",
    "overview_chart",
    "matrix",
    "action_plan",  # every action by priority, then the owners' roll-up
]
DECK_MIN = 9.0  # no text of the deck is smaller: a projector's back row still reads it
DETAIL_MIN = 10.0  # the detail slides of a stage are read closely: larger still
# The layout a slide is made from: "cover" (a title and a subtitle) or "content" (a title).
LayoutRole = Literal["cover", "content"]
# (model, persona, theme, page size, the persona's index among all): its page-sized scenes.
JourneyLayout = Callable[["Journeys", Persona, "Theme", tuple[float, float], int], "LayoutResult"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text frame: its lines already wrapped, in one font, size and colour."""

    lines: tuple[str, ...]
    size: float
    color: str
    font: FontRole = "body"
    bold: bool | None = None  # None: the role's own weight
    italic: bool = False
    align: Align = "left"
    line_height: float = 1.2  # multiple of size
    bullet: str | None = None  # a bullet character hung in `indent`
    number: int | None = None  # or a number ("3.") hung in `indent`, as PowerPoint numbers lists
    indent: float = 0.0  # points the lines are indented by (the bullet sits in this space)
    space_before: float = 0.0  # points above the paragraph (never on a frame's first paragraph)
    source: str = ""  # the text as the workbook wrote it; the lines are how it was measured

    @property
    def height(self) -> float:
        """Return the height the paragraph takes, space before included."""
        return self.space_before + len(self.lines) * self.size * self.line_height

    @property
    def text(self) -> str:
        """Return the visible text, lines joined by spaces."""
        return " ".join(self.lines)


@dataclass(frozen=True)
class TextFrame:
    """A text box holding several paragraphs (bullet lists, agendas), each already fitted."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    valign: VAlign = "top"
    source: str = ""  # the whole text before wrapping and cuts
    truncated: bool = False
    tag: Tag = dataclasses.field(default_factory=lambda: Tag("text"))

    @property
    def text_height(self) -> float:
        """Return the height the paragraphs take, in points."""
        return sum(p.height for p in self.paragraphs)


@dataclass(frozen=True)
class ChartSeries:
    """One line of a line chart: a value per category on the client's scale (None: a gap), its looks."""

    name: str
    values: tuple[float | None, ...]
    color: str
    line_width: float
    marker_colors: tuple[str, ...] = ()  # one per point; empty: the series colour
    labels: tuple[str, ...] = ()  # a data label per point ("" for none)
    emphasis: tuple[int, ...] = ()  # points called out (the moment that matters)
    marker: str = "circle"  # DrawingML's c:symbol: circle, square, triangle, diamond
    marker_size: int = 0  # in points; 0: the chart's usual size
    dash: str = "solid"  # DrawingML's prstDash: solid, dash, sysDot, lgDashDot


@dataclass(frozen=True)
class LineChart:
    """A native line chart with markers; its data stays editable in PowerPoint."""

    box: Box
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    y_min: float
    y_max: float
    y_step: float
    y_format: str  # an Excel number format for the value axis, written as mapgen.scores writes scores
    font: str  # the family the chart's text is set in
    axis_size: float
    label_size: float
    text_color: str
    muted_color: str
    grid_color: str
    emphasis_color: str  # the marker and label of called-out points
    legend: bool
    smooth: bool
    alt: str
    name: str = "Chart"
    plot: Box | None = None  # the plot area on the slide, fixed; None: the application places it
    y_title: str = ""  # the value axis' title: the scale the values are on, "Score (−5 to +5)"


@dataclass(frozen=True)
class TableCell:
    """One cell: paragraphs already fitted to the column, and its fill."""

    paragraphs: tuple[Paragraph, ...]
    fill: str | None = None

    @property
    def text(self) -> str:
        """Return the cell's visible text, paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Table:
    """A native table: column widths and row heights from measured text, fills from the theme."""

    box: Box  # its height is the sum of the row heights
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    header_rows: int
    margin_x: float  # cell insets, left and right
    margin_y: float  # cell insets, top and bottom
    border: str
    border_width: float
    alt: str
    name: str = "Table"


PlanItem = Primitive | TextFrame | LineChart | Table


@dataclass(frozen=True)
class Frame:
    """Where a slide's parts go: from the theme for the built-in look, or from a client template."""

    width: float
    height: float
    title: Box  # a content slide's title
    body: Box  # a content slide's content
    cover_title: Box
    cover_subtitle: Box
    footer: Box | None  # the footer line: our own text box, or inside the template's footer placeholder
    template: bool = False  # True: a client's masters draw the background, logo and footers
    fonts: tuple[str, str] | None = None  # a template's theme fonts (major, minor): the deck's fonts
    text_colour: str | None = None  # a template's dark text colour (dk1): the deck's text colour
    logo: bool = False  # True: the template's masters or layouts show a logo of their own


@dataclass(frozen=True)
class SlidePlan:
    """One slide: what it is, its title, what is on it and what the presenter says."""

    kind: SlideKind
    title: str
    notes: str
    layout: LayoutRole
    title_block: TextBlock  # the title, fitted to the frame's title box: it goes into the title placeholder
    items: tuple[PlanItem, ...] = ()
    subtitle_block: TextBlock | None = None  # the cover's subtitle placeholder
    persona: str | None = None
    background: str | None = None  # None: the master's background
    footer_block: TextBlock | None = None  # the template's footer placeholder's text

    @property
    def alt_texts(self) -> tuple[str, ...]:
        """Return the alt text of every picture and chart, in paint order."""
        return tuple(item.alt for item in self.items if isinstance(item, Picture | LineChart))

    def texts(self) -> Iterator[str]:
        """Yield every visible text of the slide: title, subtitle, text boxes and table cells."""
        yield self.title_block.text
        if self.subtitle_block is not None:
            yield self.subtitle_block.text
        for item in self.items:
            if isinstance(item, TextBlock):
                yield item.text
            elif isinstance(item, TextFrame):
                yield from ("\n".join(p.lines) for p in item.paragraphs)
            elif isinstance(item, Table):
                yield from ("\n".join(p.text for p in cell.paragraphs) for row in item.rows for cell in row)


@dataclass(frozen=True)
class DeckPlan:
    """The whole deck: slide size, slides in order, document properties and what went wrong."""

    width: float
    height: float
    slides: tuple[SlidePlan, ...]
    background: str | None  # the master's background (None: the template's own)
    title: str  # document properties
    author: str
    subject: str
    footer: str = ""  # the footer line of content slides
    description: str = ""  # the document's comments: the project's description
    problems: tuple[Problem, ...] = ()

    @property
    def titles(self) -> tuple[str, ...]:
        """Return the slide titles in order."""
        return tuple(slide.title for slide in self.slides)


@dataclass(frozen=True)
class PartPlan:
    """The slides of one part of the deck, before page numbers, and the problems met planning them."""

    spec: PartSpec
    slides: tuple[SlidePlan, ...]
    problems: tuple[Problem, ...] = ()


def default_frame(theme: Theme, width: float | None = None, height: float | None = None) -> Frame:
    """Return the built-in look's frame for the theme's slide size (or the size given)."""
    w = theme.slide.width if width is None else width
    h = theme.slide.height if height is None else height
    margin = h / 15  # 36 pt on a 540 pt slide: the half inch of PowerPoint's own layouts
    sizes = theme.sizes
    title_h = 2 * sizes.size("h1") * sizes.line_height
    title = Box(margin, margin * 0.75, w - 2 * margin, title_h)
    footer_h = max(sizes.size("small"), DECK_MIN) * sizes.line_height
    footer = Box(margin, h - margin * 0.5 - footer_h, w - 2 * margin, footer_h)
    body_top = title.bottom + margin * 0.5
    body = Box(margin, body_top, w - 2 * margin, footer.y - margin * 0.35 - body_top)
    cover_title = Box(margin * 1.75, h * 0.30, w * 0.72, h * 0.30)
    cover_subtitle = Box(margin * 1.75, cover_title.bottom + margin * 0.5, w * 0.72, h * 0.22)
    return Frame(w, h, title, body, cover_title, cover_subtitle, footer, template=False)


def deck_parts(journeys: Journeys) -> list[PartSpec]:
    """Return the parts of the deck in deck order: the front matter, a part per persona, the back matter."""
    personas = (persona_part(index) for index in range(len(journeys.personas)))
    return [PartSpec("head"), *personas, PartSpec("tail")]
