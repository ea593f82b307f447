"""The report plan: every section, heading, table and figure of the PDF report as plain frozen data.

pandoc's habit: decide the document as data first, emit it second. plan_report() decides what the
report says and in what order (cover, contents, executive summary, a chapter per persona, the
overview across personas, the appendix), which words and colours each table cell gets, and which
journey-map scenes go on which pages. mapgen.renderers.pdf.writer then only emits it with reportlab. Nothing
here imports reportlab, so the plan is tested on its own.

The chapter of a persona: the profile card and the emotion curve share a portrait page (a card
alone would leave half a page empty); the journey map follows on landscape pages, because a map is
a landscape picture (stages run across) and a portrait frame would leave each stage a column too
narrow to read; the stage-by-stage tables and the action plan return to portrait.

The report is planned in parts (plan_part), each from its own scope so that it can be made and
cached apart from the rest (mapgen.renderers.parts): the executive summary and the overview from the whole
model, and a chapter per persona from the model with that persona only. Each part's bookmark keys
start with its name, never with a counter shared with other parts. plan_report plans what needs
every part: the contents page and the appendix (which lists every part's problems), around the
parts, planned here or (when they were made as parts) known only by their outlines, problems and
missing characters.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from mapgen import colors, text
from mapgen.layout.shapes import initials
from mapgen.model import PROFILE_KEYS, Journeys, Persona, Photo, Problem, Step
from mapgen.renderers.parts import PartSpec, part_scope, persona_part
from mapgen.renderers.pdf.plan import findings as summary
from mapgen.scene import Align, Scene

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "CONTENTS_SPACE",
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
    "JourneyLayout",
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
    "contents_entry_height",
    "missing_glyph_problems",
    "page_setup",
    "part_specs",
    "plan_part",
    "plan_report",
    "report_language",
]

T = TypeVar("T")
TextStyle = Literal["body", "lead", "muted", "quote"]
SizeRole = Literal["body", "small"]
RowKind = Literal["data", "group"]

# A stage's steps go into tables of at most this many step columns: wider ones would wrap
# every word onto its own line.
_MIN_STEP_COLUMN = 105.0
_LANE_COLUMN = 0.19  # share of the frame width for the lane labels of a stage table
_MATRIX_MIN_COLUMN = 58.0
_TOP_OPPORTUNITIES = 8
# Space above a contents entry, in body sizes: chapters stand apart, their sections close up.
CONTENTS_SPACE = {0: 0.8, 1: 0.15}
_RECURRING_PAIN_POINTS = 10


# ---------------------------------------------------------------------------------------------
# The plan's data


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


@dataclass(frozen=True)
class EmotionChart:
    """An emotion chart: stages along x, scores in [-1, 1] up y, one or more curves."""

    bands: tuple[StageBand, ...]
    series: tuple[ChartSeries, ...]
    height: float  # points; the width is the frame's
    callouts: tuple[tuple[int, int], ...] = ()  # (series, point) marked as the moment that matters
    callout_label: str = ""
    point_labels: bool = True  # the emotion words beside the markers
    legend: bool = False
    description: str = ""  # a plain-language summary (alt text)

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


@dataclass(frozen=True)
class JourneyMap:
    """A persona's journey map: the layout's page-sized scenes, one landscape page each."""

    persona: str
    title: str  # the outline and contents entry
    key: str
    scenes: tuple[Scene, ...]


@dataclass(frozen=True)
class KeyValues:
    """Label and value pairs, such as the appendix's facts."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Contents:
    """The contents page: chapters (and sections, when depth is 2) with their page numbers."""

    title: str
    key: str
    depth: int


Block = Heading | Text | Table | Figure | ProfileCard | JourneyMap | KeyValues | Contents


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
    back: tuple[Block, ...]  # the appendix
    problems: tuple[Problem, ...] = ()  # layout problems found while planning
    warnings: tuple[Problem, ...] = ()  # everything the appendix lists

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Return every block in document order."""
        return (*self.front, *(b for part in self.parts for b in part.blocks), *self.back)

    @property
    def setup(self) -> PageSetup:
        """Return the page geometry and running header and footer."""
        return PageSetup(self.geometry, self.header, self.footer)

    def headings(self) -> tuple[Heading, ...]:
        """Return every heading, in order."""
        return tuple(b for b in self.blocks if isinstance(b, Heading))

    def entries(self) -> tuple[Entry, ...]:
        """Return every bookmark in document order: headings, journey maps and the contents."""
        return _document_entries(self.front, self.parts, self.back)

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
            yield from _block_texts(block)


def _document_entries(
    front: Sequence[Block], parts: Sequence[Part], back: Sequence[Block]
) -> tuple[Entry, ...]:
    """Return the bookmarks of the front matter, the parts and the back matter, in order."""
    return (*_entries(front), *(e for part in parts for e in part.outline), *_entries(back))


def _entries(blocks: Sequence[Block]) -> tuple[Entry, ...]:
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


def _block_texts(block: Block) -> Iterator[str]:
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


# ---------------------------------------------------------------------------------------------
# Planning


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


def report_language(theme: Theme) -> str:
    """Return the report's language: the theme's `language`, else a "-xx" suffix of its name, else "en"."""
    language = getattr(theme, "language", None)
    if isinstance(language, str) and language.strip():
        return language.strip()
    _base, dash, suffix = theme.name.rpartition("-")
    if dash and len(suffix) == 2 and suffix.isalpha():
        return suffix.lower()
    return "en"


def plan_report(
    journeys: Journeys,
    theme: Theme,
    *,
    source_name: str | None = None,
    warnings: Sequence[Problem] = (),
    generated: str = "",
    version: str | None = None,
    layout: JourneyLayout | None = None,
    parts: Sequence[Part] | None = None,
) -> ReportPlan:
    """Return the plan of the report for a model and theme.

    source_name: the workbook's name as the appendix shows it (default: the file name of
    journeys.source). warnings: problems found elsewhere (theme, other writers) that the appendix
    lists beside the workbook's own warnings and the layout's. generated: the generation date as
    shown ("" when the build is reproducible and records none). layout: lays out a persona's journey
    map into page-sized scenes (default: mapgen.layout.layout_journey). parts: the parts of
    part_specs(journeys), in order, already planned (or made); by default each is planned here with
    plan_part, from the same scope it has when made on its own.
    """
    from mapgen._version import __version__

    specs = part_specs(journeys)
    if parts is None:
        parts = [plan_part(part_scope(journeys, spec), theme, spec, layout=layout) for spec in specs]
    if [(p.name, p.persona) for p in parts] != [(s.name, s.persona) for s in specs]:
        raise ValueError("plan_report needs the parts of part_specs(), in order")
    return _Planner(
        journeys,
        theme,
        source_name=source_name or PurePath(journeys.source).name or journeys.source,
        extra_warnings=tuple(warnings),
        generated=generated,
        version=version or __version__,
    ).plan(tuple(parts))


SUMMARY = PartSpec("summary")
OVERVIEW = PartSpec("overview")


def part_specs(journeys: Journeys) -> list[PartSpec]:
    """Return the parts of the report in document order: summary, a chapter per persona, overview."""
    return [SUMMARY, *(persona_part(i) for i in range(len(journeys.personas))), OVERVIEW]


def plan_part(scope: Journeys, theme: Theme, spec: PartSpec, *, layout: JourneyLayout | None = None) -> Part:
    """Return the plan of one part from its scope (mapgen.renderers.parts.part_scope), which is all it sees.

    A persona's chapter sees the model with that persona only; spec.persona is the persona's index
    in the whole model. Its keys start with the part's name: unique across parts planned apart.
    """
    planner = _Planner(scope, theme, layout=layout or _default_layout, prefix=f"{spec.name}.")
    if spec.persona is not None:
        (persona,) = scope.personas
        planner.persona_chapter(spec.persona, persona, _geometry(theme))
    elif spec == SUMMARY:
        planner.executive_summary()
    elif spec == OVERVIEW:
        planner.overview(_geometry(theme))
    else:
        raise ValueError(f"the report has no part {spec.name!r}")
    blocks = tuple(planner.blocks)
    return Part(
        spec.name,
        spec.persona,
        _entries(blocks),
        blocks,
        tuple(dict.fromkeys(planner.problems)),
        "".join(sorted(_missing(blocks, theme))),
    )


def page_setup(journeys: Journeys, theme: Theme) -> PageSetup:
    """Return the page geometry and the running header and footer of a model's report."""
    project = journeys.project
    title = _title(journeys, theme)
    confidentiality = _clean(project.confidentiality) or theme.footer.confidentiality
    footer = theme.footer.render(
        client=project.client,
        title=title,
        prepared_by=project.prepared_by,
        date=project.date,
        version=project.version,
        confidentiality=confidentiality,
    )
    return PageSetup(_geometry(theme), (title, confidentiality), footer)


def missing_glyph_problems(characters: str) -> list[Problem]:
    """Return the warning for each character that no available font has, in the order given."""
    return [Problem("warning", f"{text.missing_glyph_message(ch)} (PDF report)") for ch in characters]


def _geometry(theme: Theme) -> Geometry:
    page = theme.page
    return Geometry(page.width, page.height, page.margins)


def _title(journeys: Journeys, theme: Theme) -> str:
    """Return the report's title: the project's, else the workbook's file stem, else "Journey map".

    The stem is the model's own source, never a source_name given for the appendix: every part
    of the report must agree on it, and a chapter made as a part knows only the model.
    """
    return _clean(journeys.project.title) or PurePath(journeys.source).stem or theme.labels.journey_map


def _missing(blocks: Sequence[Block], theme: Theme) -> set[str]:
    """Return the characters of the blocks' texts that no available font has."""
    seen: set[str] = set()
    for block in blocks:
        for value in _block_texts(block):
            seen.update(value)
    return text.missing_glyphs("".join(seen), theme.font_chain("body"))


def _default_layout(
    journeys: Journeys,
    persona: Persona,
    theme: Theme,
    page: tuple[float, float],
    *,
    paginate: bool = False,
    footer: bool = True,
    index: int | None = None,
) -> LaidOut:
    from mapgen.layout import layout_journey  # type: ignore[attr-defined,unused-ignore]

    result: LaidOut = layout_journey(
        journeys, persona, theme, page=page, paginate=paginate, footer=footer, index=index
    )
    return result


@dataclass
class _Planner:
    journeys: Journeys
    theme: Theme
    source_name: str = ""
    extra_warnings: tuple[Problem, ...] = ()
    generated: str = ""
    version: str = ""
    layout: JourneyLayout = field(default=_default_layout)
    prefix: str = "s"  # of the bookmark keys
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _keys: int = 0

    # -- helpers ---------------------------------------------------------------------------

    def key(self) -> str:
        self._keys += 1
        return f"{self.prefix}{self._keys}"

    def heading(self, text: str, level: int, *, new_page: bool = False, toc: bool = True) -> Heading:
        heading = Heading(text, level, self.key(), new_page=new_page, toc=toc)
        self.blocks.append(heading)
        return heading

    def score(self, value: float | None) -> str:
        return summary.format_score(value, self.theme.labels.no_score)

    def header_cell(self, text: str, align: Align = "left") -> Cell:
        c = self.theme.colours
        return Cell(text, fill=c.primary, color=c.on_primary, bold=True, align=align)

    def stage_index(self, name: str) -> int:
        for i, stage in enumerate(self.journeys.stages):
            if stage.name == name:
                return i
        return 0

    # -- the report ------------------------------------------------------------------------

    def plan(self, parts: tuple[Part, ...]) -> ReportPlan:
        theme, journeys, labels = self.theme, self.journeys, self.theme.labels
        project = journeys.project
        setup = page_setup(journeys, theme)
        geometry = setup.geometry
        title, confidentiality = setup.header

        contents = Contents(labels.contents, self.key(), depth=2)
        self.blocks.append(contents)
        self.heading(labels.appendix, 0, new_page=True)
        missing = _missing(self.blocks, theme).union(*(p.missing for p in parts))
        self.problems.extend(problem for p in parts for problem in p.problems)
        self.problems.extend(missing_glyph_problems("".join(sorted(missing))))
        warnings = tuple(dict.fromkeys((*journeys.warnings, *self.extra_warnings, *self.problems)))
        self.appendix(warnings)
        # The contents list sections too when that still fits on one page.
        entries = _document_entries(self.blocks[:1], parts, self.blocks[1:])
        depth = 2 if _contents_height(entries, 2, theme) <= _contents_room(theme, geometry) else 1
        self.blocks[0] = Contents(contents.title, contents.key, depth)

        facts = tuple(
            (label, value)
            for label, value in (
                (labels.client, _clean(project.client)),
                (labels.prepared_by, _clean(project.prepared_by)),
                (labels.date, _clean(project.date)),
                (labels.version, _clean(project.version)),
            )
            if value
        )
        cover = Cover(title, _clean(project.description), facts, confidentiality, theme.logo)
        subject_parts = [labels.journey_map, _clean(project.client)]
        keywords = tuple(
            dict.fromkeys(
                k
                for k in (
                    _clean(project.client),
                    *(p.name for p in journeys.personas),
                    *(s.name for s in journeys.stages),
                )
                if k
            )
        )
        metadata = Metadata(
            title=title,
            author=_clean(project.prepared_by),
            subject=" · ".join(p for p in subject_parts if p),
            keywords=keywords,
            creator=f"mapgen {self.version}",
            language=report_language(theme),
        )
        return ReportPlan(
            metadata=metadata,
            geometry=geometry,
            cover=cover,
            header=setup.header,
            footer=setup.footer,
            front=tuple(self.blocks[:1]),
            parts=parts,
            back=tuple(self.blocks[1:]),
            problems=tuple(dict.fromkeys(self.problems)),
            warnings=warnings,
        )

    # -- executive summary -----------------------------------------------------------------

    def executive_summary(self) -> None:
        labels, c, journeys = self.theme.labels, self.theme.colours, self.journeys
        self.heading(labels.executive_summary, 0, new_page=True)
        if journeys.project.description:
            self.blocks.append(Text(journeys.project.description.strip(), "lead"))

        self.heading(labels.personas, 1)
        rows = []
        for persona in journeys.personas:
            role = _profile_text(persona.get("role"))
            quote = _profile_text(persona.get("quote"))
            rows.append(Row((Cell(persona.name, bold=True), Cell(role), Cell(quote, italic=True))))
        self.blocks.append(
            Table(
                "personas",
                (0.24, 0.26, 0.50),
                Row(tuple(self.header_cell(t) for t in (labels.name, labels.role, labels.quote))),
                tuple(rows),
                zebra=True,
            )
        )

        self.heading(labels.stages, 1)
        described = any(s.description for s in journeys.stages)
        stage_rows = []
        for i, stage in enumerate(journeys.stages):
            number = Cell(
                str(i + 1), fill=c.stage_colour(i), color=c.on_stage_colour(i), bold=True, align="center"
            )
            counts = [len(p.steps_in(stage.name)) for p in journeys.personas]
            with_steps = sum(1 for n in counts if n)
            cells = [number, Cell(stage.name, bold=True)]
            if described:
                cells.append(Cell(_clean(stage.description)))
            cells.append(Cell(f"{with_steps}/{len(counts)}", align="center"))
            stage_rows.append(Row(tuple(cells)))
        header = [self.header_cell("#", "center"), self.header_cell(labels.stage)]
        widths: tuple[float, ...] = (0.07, 0.73, 0.20)
        if described:
            header.append(self.header_cell(""))
            widths = (0.07, 0.28, 0.47, 0.18)
        header.append(self.header_cell(labels.personas, "center"))
        self.blocks.append(Table("stages", widths, Row(tuple(header)), tuple(stage_rows), zebra=True))

        self.heading(f"{labels.highest_moment} · {labels.lowest_moment}", 1)
        moment_rows = []
        for persona in journeys.personas:
            high, low = summary.moments(persona)
            moment_rows.append(
                Row(
                    (
                        Cell(persona.name, bold=True),
                        Cell(self.moment_text(high)),
                        Cell(self.moment_text(low), fill=c.pain_surface if low else None),
                    )
                )
            )
        self.blocks.append(
            Table(
                "moments",
                (0.24, 0.38, 0.38),
                Row(
                    tuple(
                        self.header_cell(t)
                        for t in (labels.persona, labels.highest_moment, labels.lowest_moment)
                    )
                ),
                tuple(moment_rows),
                zebra=True,
            )
        )

        pains, recurring = summary.recurring_pain_points(journeys, _RECURRING_PAIN_POINTS)
        self.heading(labels.recurring_pain_points if recurring else labels.pain_points, 1)
        self.findings_table("pain_points", labels.pain_points, pains, c.pain_surface)

        self.heading(labels.top_opportunities, 1)
        opportunities = summary.top_opportunities(journeys, _TOP_OPPORTUNITIES)
        self.findings_table("opportunities", labels.opportunities, opportunities, c.opportunity_surface)

    def moment_text(self, moment: summary.Moment | None) -> str:
        if moment is None:
            return self.theme.labels.no_score
        step = moment.step
        name = summary.step_name(step, moment.number, self.theme.labels.step)
        feeling = ", ".join(e for e in step.emotions if e.strip())
        score = self.score(step.score)
        emotion = f"{feeling} ({score})" if feeling else score
        return f"{moment.stage}\n{name}\n{emotion}"

    def findings_table(self, kind: str, title: str, found: list[summary.Finding], fill: str) -> None:
        labels = self.theme.labels
        if not found:
            self.blocks.append(Text("—", "muted"))
            return
        rows = tuple(
            Row(
                (
                    Cell(f.text, fill=fill),
                    Cell(str(f.count), align="center"),
                    Cell(", ".join(f.stages)),
                    Cell(summary.join_names(f.personas)),
                )
            )
            for f in found
        )
        header = Row(
            (
                self.header_cell(title),
                self.header_cell(labels.count, "center"),
                self.header_cell(labels.stages),
                self.header_cell(labels.personas),
            )
        )
        self.blocks.append(Table(kind, (0.42, 0.1, 0.24, 0.24), header, rows))

    # -- a persona's chapter ---------------------------------------------------------------

    def persona_chapter(self, index: int, persona: Persona, geometry: Geometry) -> None:
        labels = self.theme.labels
        self.heading(persona.name, 0, new_page=True)
        self.blocks.append(self.profile_card(index, persona))
        self.heading(labels.emotion_curve, 1)
        self.blocks.append(Figure(self.persona_chart(persona, geometry)))

        # The pages have the report's running footer: the map leaves out its own.
        result = self.layout(
            self.journeys,
            persona,
            self.theme,
            geometry.landscape_frame,
            paginate=True,
            footer=False,
            index=index,
        )
        self.problems.extend(result.problems)
        self.blocks.append(JourneyMap(persona.name, labels.journey_map, self.key(), tuple(result.scenes)))

        self.heading(labels.stages, 1, new_page=True)
        for i, stage in enumerate(self.journeys.stages):
            self.blocks.extend(self.stage_tables(i, stage.name, persona, geometry))
        self.heading(labels.action_plan, 1)
        self.blocks.append(self.action_plan(persona))

    def profile_card(self, index: int, persona: Persona) -> ProfileCard:
        c, labels = self.theme.colours, self.theme.labels
        subtitle = " · ".join(
            v for v in (_profile_text(persona.get(k)) for k in ("role", "age", "location")) if v
        )
        fields = []
        for key in PROFILE_KEYS:
            if key in ("role", "age", "location", "quote"):
                continue
            value = _profile_text(persona.get(key), bullets=True)
            if value:
                fields.append((str(getattr(labels, key)), value))
        return ProfileCard(
            name=persona.name,
            subtitle=subtitle,
            quote=_profile_text(persona.get("quote")),
            photo=persona.photo,
            initials=initials(persona.name),
            avatar_fill=c.stage_colour(index),
            avatar_color=c.on_stage_colour(index),
            fields=tuple(fields),
        )

    def persona_chart(self, persona: Persona, geometry: Geometry) -> EmotionChart:
        c, labels = self.theme.colours, self.theme.labels
        bands = []
        points = []
        x = 0.0
        for i, stage in enumerate(self.journeys.stages):
            steps = persona.steps_in(stage.name)
            width = max(1, len(steps))  # an empty stage keeps its place: never a shorter journey
            for j, step in enumerate(steps):
                points.append(ChartPoint(x + j + 0.5, step.score, _emotion_words(step)))
            bands.append(StageBand(stage.name, x, x + width, c.stage_colour(i), c.on_stage_colour(i)))
            x += width
        scored = [p.value for p in points if p.value is not None]
        low = min(scored) if scored else None
        callouts = tuple(
            (0, i) for i, p in enumerate(points) if low is not None and p.value == low and low < 0
        )
        frame_width, _height = geometry.frame
        series = ChartSeries(persona.name, c.primary, tuple(points), valence_markers=True)
        return EmotionChart(
            bands=tuple(bands),
            series=(series,),
            height=round(min(frame_width * 0.5, 250.0), 2),
            callouts=callouts,
            callout_label=labels.moment_that_matters,
            point_labels=True,
            description=_chart_description(persona.name, points, bands, labels.no_score),
        )

    def stage_tables(self, index: int, stage: str, persona: Persona, geometry: Geometry) -> list[Block]:
        c, labels, lanes = self.theme.colours, self.theme.labels, self.theme.lanes
        fill, color = c.stage_colour(index), c.on_stage_colour(index)
        numbered = [(i + 1, s) for i, s in enumerate(persona.steps) if s.stage == stage]
        stage_cell = Cell(f"{index + 1} · {stage}", fill=fill, color=color, bold=True)
        if not numbered:
            header = Row((stage_cell, Cell("—", fill=fill, color=color)))
            return [Table("stage", (_LANE_COLUMN, 1 - _LANE_COLUMN), header, (), size="small")]
        frame_width, _h = geometry.frame
        per_table = max(1, int(frame_width * (1 - _LANE_COLUMN) // _MIN_STEP_COLUMN))
        chunks = _balanced(numbered, per_table)
        tables: list[Block] = []
        for chunk in chunks:
            share = (1 - _LANE_COLUMN) / len(chunk)
            widths = (_LANE_COLUMN, *(share for _ in chunk))
            header_cells = [stage_cell] + [
                Cell(
                    f"{number}. {summary.step_name(step, number, labels.step)}",
                    fill=fill,
                    color=color,
                    bold=True,
                )
                for number, step in chunk
            ]
            rows = []
            for lane in lanes.show:
                if lane == "actions":
                    continue  # the actions head the columns
                for label, texts, lane_fill in self.lane_rows(lane, [s for _n, s in chunk]):
                    if not any(t.strip() for t in texts):
                        continue
                    cells = [Cell(label, color=c.muted, bold=True)]
                    cells += [Cell(t, fill=lane_fill if t.strip() else None) for t in texts]
                    rows.append(Row(tuple(cells)))
            tables.append(Table("stage", widths, Row(tuple(header_cells)), tuple(rows), size="small"))
        return tables

    def lane_rows(self, lane: str, steps: list[Step]) -> list[tuple[str, list[str], str | None]]:
        """Return (label, a text per step, fill) for a lane; each of the workbook's own columns is a row."""
        c, lanes, labels = self.theme.colours, self.theme.lanes, self.theme.labels
        label = lanes.label(lane)
        if lane == "touchpoints":
            return [(label, [s.touchpoint or "" for s in steps], None)]
        if lane == "goals":
            return [(label, [s.goal or "" for s in steps], None)]
        if lane == "thoughts":
            return [(label, [s.thoughts or "" for s in steps], None)]
        if lane == "emotions":
            texts = []
            for s in steps:
                words = _emotion_words(s)
                score = self.score(s.score) if s.score is not None else labels.no_score
                texts.append(f"{words} ({score})" if words else score)
            return [(label, texts, None)]
        if lane == "pain_points":
            return [(label, [_bullets(s.pain_points) for s in steps], c.pain_surface)]
        if lane == "opportunities":
            return [(label, [_bullets(s.opportunities) for s in steps], c.opportunity_surface)]
        if lane == "kpis":
            return [(label, [_bullets(s.kpis) for s in steps], None)]
        if lane == "owner":
            return [(label, [s.owner or "" for s in steps], None)]
        if lane == "evidence":
            return [(label, [s.evidence or "" for s in steps], None)]
        if lane == "extra":
            headers = list(dict.fromkeys(h for s in steps for h, _v in s.extra))
            return [(h, [dict(s.extra).get(h, "") for s in steps], None) for h in headers]
        return []

    def action_plan(self, persona: Persona) -> Block:
        c, labels = self.theme.colours, self.theme.labels
        rows = []
        for row in summary.action_plan(self.journeys, persona):
            i = self.stage_index(row.stage)
            rows.append(
                Row(
                    (
                        Cell(row.stage, bold=True, rule=c.stage_colour(i)),
                        Cell(row.pain_point, fill=c.pain_surface if row.pain_point else None),
                        Cell(row.opportunity, fill=c.opportunity_surface if row.opportunity else None),
                        Cell(row.owner),
                        Cell(row.kpi),
                    )
                )
            )
        if not rows:
            return Text("—", "muted")
        header = Row(
            tuple(
                self.header_cell(t)
                for t in (labels.stage, labels.pain_points, labels.opportunities, labels.owner, labels.kpi)
            )
        )
        return Table("action_plan", (0.16, 0.27, 0.27, 0.13, 0.17), header, tuple(rows), size="small")

    # -- across personas -------------------------------------------------------------------

    def overview(self, geometry: Geometry) -> None:
        labels, c, journeys = self.theme.labels, self.theme.colours, self.journeys
        self.heading(labels.all_personas, 0, new_page=True)
        self.heading(labels.emotion_curve, 1)
        # One chart per as many personas as the palette has distinct colours: beyond that two
        # curves would share a colour and the legend could no longer tell them apart.
        group = max(1, len(c.series))
        personas = list(enumerate(journeys.personas))
        width, height = geometry.frame
        for start in range(0, len(personas), group):
            chunk = personas[start : start + group]
            series = []
            for i, persona in chunk:
                points = []
                for s, stage in enumerate(journeys.stages):
                    steps = persona.steps_in(stage.name)
                    for j, step in enumerate(steps):
                        points.append(
                            ChartPoint(s + (j + 0.5) / len(steps), step.score, _emotion_words(step))
                        )
                series.append(
                    ChartSeries(persona.name, c.series_colour(i), tuple(points), valence_markers=False)
                )
            bands = tuple(
                StageBand(stage.name, float(s), float(s + 1), c.stage_colour(s), c.on_stage_colour(s))
                for s, stage in enumerate(journeys.stages)
            )
            self.blocks.append(
                Figure(
                    EmotionChart(
                        bands=bands,
                        series=tuple(series),
                        height=round(min(width * 0.55, height * 0.42), 2),
                        point_labels=False,
                        legend=True,
                        description=f"{labels.emotion_curve}: " + ", ".join(p.name for _i, p in chunk),
                    )
                )
            )
        self.heading(labels.pain_point_matrix, 1)
        self.blocks.extend(self.matrix(geometry))

    def matrix(self, geometry: Geometry) -> list[Block]:
        labels, c, theme, journeys = self.theme.labels, self.theme.colours, self.theme, self.journeys
        cells = summary.pain_matrix(journeys)
        most = max((cell.count for row in cells for cell in row), default=0)
        minimum = colors.AAA_TEXT if theme.contrast == "AAA" else colors.AA_TEXT
        strongest = _strongest_shade(c.pain_surface, c.pain, c.text, minimum)
        frame_width, _h = geometry.frame
        name_share = 0.26
        per_table = max(1, int(frame_width * (1 - name_share) // _MATRIX_MIN_COLUMN))
        stages = list(enumerate(journeys.stages))
        if not stages:
            return [Text("—", "muted")]
        tables: list[Block] = []
        for chunk in _balanced(stages, per_table):
            header = Row(
                (
                    self.header_cell(labels.persona),
                    *(
                        Cell(
                            stage.name,
                            fill=c.stage_colour(s),
                            color=c.on_stage_colour(s),
                            bold=True,
                            align="center",
                        )
                        for s, stage in chunk
                    ),
                )
            )
            rows = []
            for p, persona in enumerate(journeys.personas):
                row = [Cell(persona.name, bold=True)]
                for s, _stage in chunk:
                    cell = cells[p][s]
                    if cell.count == 0:
                        row.append(Cell("", align="center"))
                        continue
                    shade = colors.mix(c.pain_surface, strongest, cell.count / most if most else 0)
                    shown = str(cell.count)
                    if cell.worst_score is not None:
                        shown += "\n" + self.score(cell.worst_score)
                    row.append(Cell(shown, fill=shade, align="center", bold=cell.count == most))
                rows.append(Row(tuple(row)))
            share = (1 - name_share) / len(chunk)
            tables.append(
                Table("matrix", (name_share, *(share for _ in chunk)), header, tuple(rows), size="small")
            )
        legend = f"{labels.count} · {labels.worst_score}"
        tables.append(Text(legend, "muted"))
        return tables

    # -- appendix --------------------------------------------------------------------------

    def appendix(self, warnings: tuple[Problem, ...]) -> None:
        labels = self.theme.labels
        self.blocks.append(
            KeyValues(
                (
                    (labels.source_workbook, self.source_name),
                    (labels.generated, self.generated or "—"),
                    (labels.mapgen_version, self.version),
                    (labels.theme, self.theme.name),
                )
            )
        )
        self.heading(labels.warnings, 1)
        if not warnings:
            self.blocks.append(Text(labels.no_warnings, "muted"))
            return
        rows = tuple(Row((Cell(_problem_place(p, self.source_name)), Cell(p.message))) for p in warnings)
        header = Row((self.header_cell(labels.location), self.header_cell(labels.warnings)))
        self.blocks.append(Table("warnings", (0.3, 0.7), header, rows, size="small", zebra=True))


# ---------------------------------------------------------------------------------------------
# Small helpers


def _balanced(items: list[T], most: int) -> list[list[T]]:
    """Return items in as few runs of at most `most` as possible, evenly: 7 by 3 makes 3 + 2 + 2."""
    count = max(1, -(-len(items) // most))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _clean(value: str | None) -> str:
    return value.strip() if value else ""


def _profile_text(value: object, *, bullets: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        items = [str(v).strip() for v in value if str(v).strip()]
        return "\n".join(f"• {v}" for v in items) if bullets else ", ".join(items)
    return str(value).strip()


def _bullets(items: tuple[str, ...]) -> str:
    items = tuple(i.strip() for i in items if i.strip())
    if len(items) == 1:
        return items[0]
    return "\n".join(f"• {i}" for i in items)


def _emotion_words(step: Step) -> str:
    return ", ".join(e.strip() for e in step.emotions if e.strip())


def _problem_place(problem: Problem, source_name: str) -> str:
    where = problem.location()
    if problem.file and where.startswith(problem.file):
        # Inside the report the workbook is known: name the sheet and cell, or the file itself.
        rest = where[len(problem.file) :].lstrip(":")
        if PurePath(problem.file).name == source_name or problem.file == source_name:
            return rest or source_name
    return where


def _strongest_shade(light: str, dark: str, text: str, minimum: float) -> str:
    """Return the darkest mix of light towards dark on which text still reaches the minimum contrast."""
    lo, hi = 0.0, 1.0
    if colors.contrast_ratio(text, colors.mix(light, dark, 1.0)) >= minimum:
        return dark
    for _ in range(20):
        mid = (lo + hi) / 2
        if colors.contrast_ratio(text, colors.mix(light, dark, mid)) >= minimum:
            lo = mid
        else:
            hi = mid
    return colors.mix(light, dark, lo)


def _chart_description(name: str, points: list[ChartPoint], bands: list[StageBand], no_score: str) -> str:
    parts = []
    for band in bands:
        inside = [p for p in points if band.start <= p.x < band.end]
        values = [summary.format_score(p.value, no_score) for p in inside]
        parts.append(f"{band.name}: {', '.join(values) if values else '—'}")
    return f"{name}: " + "; ".join(parts)


def contents_entry_height(level: int, theme: Theme) -> float:
    """Return the height of one contents entry: chapters in the h3 size with space above, sections in body."""
    sizes = theme.sizes
    body = sizes.size("body")
    if level == 0:
        return sizes.size("h3") * sizes.line_height + body * CONTENTS_SPACE[0]
    return body * sizes.line_height + body * CONTENTS_SPACE[1]


def _contents_height(entries: Sequence[Entry], depth: int, theme: Theme) -> float:
    return sum(contents_entry_height(e.level, theme) for e in entries if e.toc and e.level < depth)


def _contents_room(theme: Theme, geometry: Geometry) -> float:
    """Return the height left for contents entries on one page below the contents heading."""
    _w, height = geometry.frame
    sizes = theme.sizes
    heading = sizes.size("h1") * sizes.line_height + sizes.size("body") * 2.5  # the heading and its rule
    return height - heading
