"""The report plan's data: every section, heading, table and figure of the PDF report as plain frozen data.

pandoc's habit: decide the document as data first, emit it second. The planners in
mapgen.renderers.pdf.plan decide what the report says and in what order, as these types;
mapgen.renderers.pdf.output then only emits them with reportlab. This module plans nothing and
imports no planner and no PDF library, so a plan is read, cached and tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mapgen.model import Photo, Problem, Scale
from mapgen.scene import Align, Scene

__all__ = [
    "Block",
    "Cell",
    "ChartPoint",
    "ChartSeries",
    "Contents",
    "Cover",
    "EmotionChart",
    "Entry",
    "Figure",
    "Geometry",
    "Heading",
    "JourneyMap",
    "KeyValues",
    "Metadata",
    "PageSetup",
    "Part",
    "ProfileCard",
    "ReportPlan",
    "Row",
    "StageBand",
    "Table",
    "Text",
    "block_entries",
    "block_texts",
    "document_entries",
]

TextStyle = Literal["body", "lead", "muted", "quote"]
SizeRole = Literal["body", "small"]
RowKind = Literal["data", "group"]


@dataclass(frozen=True)
class Geometry:
    """The page and its frame, in points; landscape pages turn the same sheet and keep the margins."""

    width: float
    height: float
    margins: tuple[float, float, float, float]  # top, right, bottom, left

    @property
    def frame(self) -> tuple[float, float]:
        """Return the width and height of a portrait page's frame."""
        top, right, bottom, left = self.margins
        return self.width - left - right, self.height - top - bottom

    @property
    def landscape(self) -> tuple[float, float]:
        """Return the landscape page size."""
        return self.height, self.width

    @property
    def landscape_frame(self) -> tuple[float, float]:
        """Return the width and height of a landscape page's frame."""
        top, right, bottom, left = self.margins
        return self.height - left - right, self.width - top - bottom


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information and catalog language."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    language: str  # BCP 47, e.g. "en", "de"


@dataclass(frozen=True)
class Cover:
    """The cover page: title, subtitle, the project's facts and the confidentiality label."""

    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]  # (label, value), only the ones the workbook gives
    confidentiality: str
    logo: Path | None


@dataclass(frozen=True)
class Heading:
    """A heading that opens a chapter (level 0) or a section (level 1); each is a bookmark."""

    text: str
    level: int
    key: str  # the bookmark name, unique in the report
    new_page: bool = False
    toc: bool = True  # listed on the contents page (outline entries are made for every heading)


@dataclass(frozen=True)
class Text:
    """A paragraph of running text."""

    text: str
    style: TextStyle = "body"


@dataclass(frozen=True)
class Cell:
    """One table cell: its text (newlines kept) and how it looks."""

    text: str
    fill: str | None = None  # "#rrggbb"; None: the table's own background
    color: str | None = None  # None: colours.text
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    rule: str | None = None  # a colour bar along the cell's left edge (a stage's colour)


@dataclass(frozen=True)
class Row:
    """A table row; a "group" row holds one cell that spans every column."""

    cells: tuple[Cell, ...]
    kind: RowKind = "data"


@dataclass(frozen=True)
class Table:
    """A table that may split across pages, repeating its header row."""

    kind: str  # "personas", "stages", "moments", "pain_points", "opportunities", "stage", ...
    widths: tuple[float, ...]  # column widths as shares of the frame width, summing to 1
    header: Row
    rows: tuple[Row, ...]
    size: SizeRole = "body"
    zebra: bool = False  # alternate background and surface on data rows without a fill

    def texts(self) -> Iterator[str]:
        """Yield every cell text, header first."""
        for row in (self.header, *self.rows):
            for cell in row.cells:
                yield cell.text


@dataclass(frozen=True)
class ChartPoint:
    """A point of an emotion curve: x in chart units, the score (None: a gap), its emotion words."""

    x: float
    value: float | None
    label: str = ""


@dataclass(frozen=True)
class ChartSeries:
    """One persona's curve."""

    name: str
    colour: str  # the line
    points: tuple[ChartPoint, ...]
    valence_markers: bool  # markers coloured by the theme's emotion scale, else in the line colour


@dataclass(frozen=True)
class StageBand:
    """A stage along the x axis, from start to end in chart units."""

    name: str
    start: float
    end: float
    fill: str
    color: str  # text on fill


# The scale the scores are stored on, for a chart that names no other.
_STORED = Scale(-1.0, 1.0)


@dataclass(frozen=True)
class EmotionChart:
    """An emotion chart: stages along x, scores in [-1, 1] up y labelled on the scale, one or more curves."""

    bands: tuple[StageBand, ...]
    series: tuple[ChartSeries, ...]
    height: float  # points; the width is the frame's
    min_height: float = 0.0  # may shrink down to this to share a page with what precedes it; 0: fixed
    callouts: tuple[tuple[int, int], ...] = ()  # (series, point) marked as the moment that matters
    callout_label: str = ""
    point_labels: bool = True  # the emotion words beside the markers
    legend: bool = False
    description: str = ""  # a plain-language summary (alt text)
    scale: Scale = _STORED  # what the axis is labelled in: the client's scale
    scale_note: str = ""  # the scale in words above the plot: "Score: −5 to +5"

    @property
    def span(self) -> float:
        """Return the x extent in chart units."""
        return self.bands[-1].end if self.bands else 1.0


@dataclass(frozen=True)
class Figure:
    """A vector figure in the flow: an emotion chart (drawn at the frame's width)."""

    chart: EmotionChart
    key: str = ""


@dataclass(frozen=True)
class Drawing:
    """A laid-out Scene in the flow, drawn at the frame's width (scaled down, never up)."""

    scene: Scene
    key: str = ""


@dataclass(frozen=True)
class ProfileCard:
    """A persona's profile: photo or avatar, name, role, quote, and the profile lists."""

    name: str
    subtitle: str  # role, age, location on one line
    quote: str
    photo: Photo | None
    initials: str
    avatar_fill: str
    avatar_color: str
    fields: tuple[tuple[str, str], ...]  # (label, text); list values one item per line

    def field_rows(self, wide: int) -> list[tuple[tuple[str, str], ...]]:
        """Return the fields two to a row, in order; a paragraph longer than wide takes a row alone."""
        rows: list[tuple[tuple[str, str], ...]] = []
        pending: tuple[str, str] | None = None
        for field in self.fields:
            if "\n" not in field[1] and len(field[1]) > wide:
                rows += [(pending,)] if pending is not None else []
                rows.append((field,))
                pending = None
            elif pending is None:
                pending = field
            else:
                rows.append((pending, field))
                pending = None
        return rows + ([(pending,)] if pending is not None else [])


@dataclass(frozen=True)
class JourneyMap:
    """A persona's journey map: the layout's page-sized scenes, one landscape page each."""

    persona: str
    title: str  # the outline and contents entry
    key: str
    scenes: tuple[Scene, ...]


@dataclass(frozen=True)
class KeyValues:
    """Label and value pairs, such as the facts of "About this map"."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Contents:
    """The contents page: chapters (and sections, when depth is 2) with their page numbers."""

    title: str
    key: str
    depth: int


Block = Heading | Text | Table | Figure | Drawing | ProfileCard | JourneyMap | KeyValues | Contents


@dataclass(frozen=True)
class Entry:
    """A bookmark: an outline entry at a heading or a journey map, and a contents entry when toc."""

    level: int
    title: str
    key: str
    toc: bool = True


@dataclass(frozen=True)
class Part:
    """A part planned on its own: its blocks, or (when it was made elsewhere) what the rest needs of it."""

    name: str  # its PartSpec's: "summary", "persona-0007", "overview"
    persona: int | None  # the index in the whole model of the persona whose chapter it is
    outline: tuple[Entry, ...]
    blocks: tuple[Block, ...] = ()  # empty in a plan around parts made elsewhere
    problems: tuple[Problem, ...] = ()  # the layout's (and, from a part made, the painting's)
    missing: str = ""  # the characters of its text that no available font has, sorted


@dataclass(frozen=True)
class PageSetup:
    """What every page of the report shares: its geometry and the running header and footer."""

    geometry: Geometry
    header: tuple[str, str]  # running header: left (project title) and right (confidentiality)
    footer: str  # running footer text; the page number goes on the right


@dataclass(frozen=True)
class ReportPlan:
    """The whole report, decided: emitting it makes no more choices."""

    metadata: Metadata
    geometry: Geometry
    cover: Cover
    header: tuple[str, str]  # running header: left (project title) and right (confidentiality)
    footer: str  # running footer text; the page number goes on the right
    front: tuple[Block, ...]  # the contents
    parts: tuple[Part, ...]  # the executive summary, a chapter per persona, the overview
    problems: tuple[Problem, ...] = ()  # layout problems found while planning, for the build to report

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Return every block in document order."""
        return (*self.front, *(b for part in self.parts for b in part.blocks))

    @property
    def setup(self) -> PageSetup:
        """Return the page geometry and running header and footer."""
        return PageSetup(self.geometry, self.header, self.footer)

    def headings(self) -> tuple[Heading, ...]:
        """Return every heading, in order."""
        return tuple(b for b in self.blocks if isinstance(b, Heading))

    def entries(self) -> tuple[Entry, ...]:
        """Return every bookmark in document order: headings, journey maps and the contents."""
        return document_entries(self.front, self.parts)

    def outline(self) -> tuple[tuple[int, str, str], ...]:
        """Return the bookmarks as (level, title, key): headings and journey maps, in order."""
        return tuple((e.level, e.title, e.key) for e in self.entries())

    def contents(self) -> tuple[Entry, ...]:
        """Return the entries the contents page lists, to the contents' depth."""
        depth = next((b.depth for b in self.front if isinstance(b, Contents)), 1)
        return tuple(e for e in self.entries() if e.toc and e.level < depth)

    def tables(self, kind: str | None = None) -> tuple[Table, ...]:
        """Return the tables, or those of one kind."""
        return tuple(b for b in self.blocks if isinstance(b, Table) and kind in (None, b.kind))

    def texts(self) -> Iterator[str]:
        """Yield every text the report's flow shows (cover and journey-map scenes aside)."""
        for block in self.blocks:
            yield from block_texts(block)


def document_entries(front: Sequence[Block], parts: Sequence[Part]) -> tuple[Entry, ...]:
    """Return the bookmarks of the front matter and the parts, in order."""
    return (*block_entries(front), *(e for part in parts for e in part.outline))


def block_entries(blocks: Sequence[Block]) -> tuple[Entry, ...]:
    """Return the bookmarks of blocks: headings, journey maps with a page, and the contents."""
    out: list[Entry] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(Entry(block.level, block.text, block.key, block.toc))
        elif isinstance(block, JourneyMap) and block.scenes:
            out.append(Entry(1, block.title, block.key))
        elif isinstance(block, Contents):
            out.append(Entry(0, block.title, block.key, toc=False))
    return tuple(out)


def block_texts(block: Block) -> Iterator[str]:
    """Yield the texts a block shows."""
    if isinstance(block, Heading | Text):
        yield block.text
    elif isinstance(block, Table):
        yield from block.texts()
    elif isinstance(block, KeyValues):
        for label, value in block.rows:
            yield label
            yield value
    elif isinstance(block, ProfileCard):
        yield from (block.name, block.subtitle, block.quote)
        for label, value in block.fields:
            yield label
            yield value
    elif isinstance(block, Figure):
        for band in block.chart.bands:
            yield band.name
        for series in block.chart.series:
            yield series.name
            yield from (p.label for p in series.points)
