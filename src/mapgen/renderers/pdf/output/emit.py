"""Emit blocks of a report plan as one PDF section with reportlab platypus.

Every choice is made by the planners of mapgen.renderers.pdf.plan, as the data types of
mapgen.renderers.pdf.report; this module turns blocks into flowables on three page templates (the
cover, portrait pages and landscape pages for journey maps, each with a running header and footer)
and builds them in one pass. A section is a piece of the report made on
its own: the cover and contents, or a part (the executive summary, a persona's chapter, the
overview). mapgen.renderers.pdf.package.join joins them; what a section cannot know is left to the join:

- its page numbers: the footer leaves them out, and emit_page_numbers() draws them, to be laid
  over the joined pages;
- where other sections' bookmarks are: a link to a key that the section does not hold is written
  as a named destination, (key), which the join resolves; the section reports where the keys it
  holds are (its places: page and top);
- the outline: the join makes it from the plan's entries and the places.

Fonts are the theme's TrueType chains, embedded as subsets (see pdf_fonts on why every section's
first subset is the same); text of another script or an emoji is set in the fallback face that
has it. Sections are reproducible: reportlab's invariant mode fixes the creation date and the
document id, unless a timestamp is given, which then becomes the creation date.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab import rl_config
from reportlab.lib import colors as rl_colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from mapgen import text
from mapgen.errors import InputError
from mapgen.model import Problem
from mapgen.renderers.pdf import report as rp
from mapgen.renderers.pdf.output import fonts as pdf_fonts
from mapgen.renderers.pdf.output import images as pdf_images
from mapgen.renderers.pdf.output.cells import CellText
from mapgen.renderers.pdf.output.document import Anchor, Document, Heading, canvas_class
from mapgen.renderers.pdf.output.scene import ChartFlowable, SceneFlowable, ScenePainter
from mapgen.renderers.pdf.output.tables import KeptTable
from mapgen.renderers.pdf.plan import figures as pdf_figures
from mapgen.renderers.pdf.plan.front import CONTENTS_SPACE
from mapgen.scene import Box, Picture, Scene

if TYPE_CHECKING:
    from mapgen.text import FontChain
    from mapgen.themes import Theme

__all__ = ["Section", "emit_page_numbers", "emit_section"]

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_BULLET = "• "
# A row of a table may split across pages, but never leaving less than this much of it behind.
_MIN_ROW_SPLIT_LINES = 3
# A profile paragraph longer than this (not a list) spans the card's width.
_WIDE_FIELD_CHARS = 90
# A table of at most this many rows is kept whole (with its heading) rather than split.
_KEEP_WHOLE_ROWS = 8


@dataclass(frozen=True)
class Section:
    """A PDF made on its own, and what the join needs of it."""

    pdf: bytes
    pages: int
    places: Mapping[str, tuple[int, float]]  # bookmark key -> (page index in the section, top)
    problems: tuple[Problem, ...]  # met while painting


def emit_section(
    blocks: Sequence[rp.Block],
    theme: Theme,
    setup: rp.PageSetup,
    *,
    cover: rp.Cover | None = None,
    contents: Sequence[rp.Entry] = (),
    numbers: Mapping[str, int] | None = None,
    metadata: rp.Metadata | None = None,
    timestamp: dt.datetime | None = None,
) -> Section:
    """Return blocks as a PDF of their own, starting with the cover when one is given.

    contents and numbers: the entries the contents page lists (when blocks hold one) and the
    page number of each entry's key in the joined report. metadata: the document information to
    record (a section that the join takes it from); timestamp: the creation date to record.
    """
    emitter = _Emitter(theme, setup, contents, numbers or {})
    out = io.BytesIO()
    doc = emitter.document(out, metadata, "cover" if cover is not None else "portrait")
    try:
        with _binary_streams():
            doc.build(emitter.story(blocks, cover), canvasmaker=canvas_class(timestamp))
    except LayoutError as error:
        # The reader bounds each cell; several long cells of one step can still add up to a table
        # row taller than a page, which reportlab cannot split.
        raise InputError(
            "the report cannot print a table row taller than a page: the cells of one step together "
            "hold too much text; shorten that step's longest cells, or leave the report out with "
            "--format png,pptx"
        ) from error
    problems = tuple(dict.fromkeys(emitter.painter.problems))
    return Section(out.getvalue(), doc.page, dict(doc.places), problems)


def emit_page_numbers(
    sizes: Sequence[tuple[float, float]], first: int, total: int, theme: Theme, setup: rp.PageSetup
) -> bytes:
    """Return a PDF of blank pages of the given sizes, each with only its "Page X of Y", from X = first.

    Laid over the joined report's pages, these put the number where a page's footer leaves room
    for it: in the footer's line, right-aligned to the margin.
    """
    size = theme.sizes.size("small")
    chain = theme.font_chain("body")
    _top, right, bottom, _left = setup.geometry.margins
    painter = ScenePainter(theme)
    out = io.BytesIO()
    canvas = canvas_class(None)(
        out,
        invariant=1,
        pageCompression=1,
        initialFontName=pdf_fonts.register(chain.primary),  # never reportlab's Helvetica
        initialFontSize=size,
    )
    for number, (width, height) in enumerate(sizes, start=first):
        canvas.setPageSize((width, height))
        label = theme.labels.page_x_of_y(number, total)
        canvas.setFillColorRGB(*painter.rgb(theme.colours.muted))
        x = width - right - text.measure(label, chain, size)
        pdf_fonts.draw_line(canvas, label, chain, size, x, _footer_baseline(bottom, size))
        canvas.showPage()
    with _binary_streams():
        canvas.save()
    return out.getvalue()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Write streams deflated only, not also in ASCII85 (reportlab's default, for 7-bit channels).

    ASCII85 makes every page 25% bigger, and the join (qpdf) would decode and deflate each such
    stream again: most of the join's time.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _footer_baseline(bottom: float, size: float) -> float:
    """Return the baseline of the running footer: in the middle of the bottom margin."""
    return bottom / 2 - size / 2


# ---------------------------------------------------------------------------------------------
# Styles


class _Styles:
    """Paragraph styles from the theme, each set in the primary face of its font chain."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self._cache: dict[tuple[Any, ...], tuple[ParagraphStyle, FontChain]] = {}

    def get(
        self,
        *,
        role: str = "body",
        size: float,
        color: str,
        bold: bool | None = None,
        italic: bool = False,
        align: str = "left",
        space_before: float = 0.0,
        space_after: float = 0.0,
        keep_with_next: bool = False,
    ) -> tuple[ParagraphStyle, FontChain]:
        """Return a style and its font chain."""
        key = (role, size, color, bold, italic, align, space_before, space_after, keep_with_next)
        try:
            return self._cache[key]
        except KeyError:
            pass
        chain = self.theme.font_chain("heading" if role == "heading" else "body", bold=bold, italic=italic)
        style = ParagraphStyle(
            name=f"mapgen-{len(self._cache)}",
            fontName=pdf_fonts.register(chain.primary),
            fontSize=size,
            leading=round(size * self.theme.sizes.line_height, 2),
            textColor=rl_colors.HexColor(color),
            alignment=_ALIGN[align],
            spaceBefore=space_before,
            spaceAfter=space_after,
            splitLongWords=1,
            keepWithNext=int(keep_with_next),
            allowWidows=0,
            allowOrphans=0,
        )
        self._cache[key] = (style, chain)
        return style, chain

    def paragraph(self, source: str, **kwargs: Any) -> Paragraph:
        """Return a Paragraph of plain text in a style (newlines kept)."""
        style, chain = self.get(**kwargs)
        return Paragraph(pdf_fonts.markup(source, chain), style)


# ---------------------------------------------------------------------------------------------
# The emitter


class _Emitter:
    """Turn a plan's blocks into flowables and a section's page templates."""

    def __init__(
        self, theme: Theme, setup: rp.PageSetup, contents: Sequence[rp.Entry], numbers: Mapping[str, int]
    ) -> None:
        self.theme = theme
        self.setup = setup
        self.contents_entries = contents
        self.numbers = numbers
        self.styles = _Styles(theme)
        self.painter = ScenePainter(theme)
        self.frame_width, self.frame_height = setup.geometry.frame
        self.landscape_width, self.landscape_height = setup.geometry.landscape_frame
        self._decorations: dict[tuple[float, float], Any] = {}

    # -- document --------------------------------------------------------------------------

    def document(self, out: Any, meta: rp.Metadata | None, first: str) -> Document:
        theme = self.theme
        g = self.setup.geometry
        top, right, bottom, left = g.margins
        body = theme.font_chain("body")
        info: dict[str, Any] = {}
        if meta is not None:
            info = {
                "title": meta.title,
                "author": meta.author,
                "subject": meta.subject,
                "keywords": list(meta.keywords),
                "creator": meta.creator,
                "lang": meta.language,
            }
        doc = Document(
            out,
            pagesize=(g.width, g.height),
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            invariant=1,
            initialFontName=pdf_fonts.register(body.primary),
            initialFontSize=theme.sizes.size("body"),
            pageCompression=1,
            **info,
        )
        cover = Frame(0, 0, g.width, g.height, 0, 0, 0, 0, id="cover")
        portrait = Frame(
            left, bottom, g.width - left - right, g.height - top - bottom, 0, 0, 0, 0, id="portrait"
        )
        wide, high = g.landscape
        landscape = Frame(left, bottom, wide - left - right, high - top - bottom, 0, 0, 0, 0, id="landscape")
        templates = {
            "cover": PageTemplate(id="cover", frames=[cover], pagesize=(g.width, g.height)),
            "portrait": PageTemplate(
                id="portrait", frames=[portrait], onPage=self.decorate, pagesize=(g.width, g.height)
            ),
            "landscape": PageTemplate(
                id="landscape", frames=[landscape], onPage=self.decorate, pagesize=g.landscape
            ),
        }
        # The first template is the first page's.
        doc.addPageTemplates([templates[first], *(t for name, t in templates.items() if name != first)])
        return doc

    def decorate(self, canvas: Any, doc: Document) -> None:
        """Draw the running header and footer of a portrait or landscape page (the join numbers it)."""
        theme, setup = self.theme, self.setup
        c, sizes = theme.colours, theme.sizes
        width, height = canvas._pagesize
        top, right, bottom, left = setup.geometry.margins
        inner = width - left - right
        size = sizes.size("small")
        chain = theme.font_chain("body")
        lines = self._decorations.get((width, height))
        if lines is None:
            header_left = _one_line(setup.header[0], chain, size, inner * 0.62)
            header_right = _one_line(setup.header[1], chain, size, inner * 0.35)
            footer = _one_line(setup.footer, chain, size, inner * 0.7)
            lines = self._decorations[(width, height)] = (header_left, header_right, footer)
        header_left, header_right, footer = lines
        canvas.saveState()
        canvas.setFillColorRGB(*self.painter.rgb(c.muted))
        header_y = height - top / 2
        pdf_fonts.draw_line(canvas, header_left, chain, size, left, header_y)
        pdf_fonts.draw_line(
            canvas,
            header_right,
            chain,
            size,
            width - right - text.measure(header_right, chain, size),
            header_y,
        )
        pdf_fonts.draw_line(canvas, footer, chain, size, left, _footer_baseline(bottom, size))
        canvas.setStrokeColorRGB(*self.painter.rgb(c.border))
        canvas.setLineWidth(0.5)
        rule = header_y - size * 0.8
        canvas.line(left, rule, width - right, rule)
        canvas.restoreState()

    # -- story -----------------------------------------------------------------------------

    def story(self, blocks: Sequence[rp.Block], cover: rp.Cover | None) -> list[Any]:
        story: list[Any] = []
        if cover is not None:
            g = self.setup.geometry
            scene = pdf_figures.cover_scene(cover, self.theme, (g.width, g.height))
            story += [SceneFlowable(scene, self.painter), NextPageTemplate("portrait")]
        i = 0
        while i < len(blocks):
            block = blocks[i]
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, rp.Heading) and not block.new_page:
                if (
                    isinstance(following, rp.Table) and len(following.rows) <= _KEEP_WHOLE_ROWS
                ) or isinstance(following, rp.KeyValues):
                    # A short table goes with its heading onto the next page rather than leave
                    # a row or two behind; a taller one than a page still splits.
                    story.append(KeepTogether([*self.block(block), *self.block(following)]))
                    i += 2
                    continue
                # Rather than keepWithNext (which moves a heading and a long table whole to the
                # next page), start a new page only when the heading and the start of what
                # follows it would not fit.
                story.append(CondPageBreak(self.heading_height(block) + self.start_height(following)))
            story.extend(self.block(block))
            i += 1
        if cover is None:
            # A section starts on a new page of its own: the break its first heading asks for
            # would leave the first page empty.
            while story and isinstance(story[0], NextPageTemplate | PageBreak):
                story.pop(0)
        return story

    def heading_height(self, block: rp.Heading) -> float:
        sizes = self.theme.sizes
        size = sizes.size("h1" if block.level == 0 else "h3")
        return size * sizes.line_height + sizes.size("body") * 2

    def start_height(self, block: rp.Block | None) -> float:
        """Return the height of the part of a block that must follow its heading on the same page."""
        sizes = self.theme.sizes
        line = sizes.size("body") * sizes.line_height
        if isinstance(block, rp.Figure):
            return min(block.chart.min_height or block.chart.height, self.frame_height * 0.5)
        if isinstance(block, rp.ProfileCard):
            return min(self.frame_width * 0.22, 110.0) + 2 * sizes.size("body")
        if isinstance(block, rp.Drawing):
            return min(block.scene.height * min(1.0, self.frame_width / block.scene.width), self.frame_height)
        if isinstance(block, rp.Table):
            return line * 7  # the header row and the first rows
        return line * 3

    def block(self, block: rp.Block) -> list[Any]:
        if isinstance(block, rp.Heading):
            return self.heading(block)
        if isinstance(block, rp.Text):
            return [self.text(block)]
        if isinstance(block, rp.Table):
            return [self.table(block)]
        if isinstance(block, rp.Figure):
            return [ChartFlowable(block.chart, self.theme, self.painter)]
        if isinstance(block, rp.Drawing):
            return [SceneFlowable(block.scene, self.painter)]
        if isinstance(block, rp.ProfileCard):
            return [self.profile_card(block)]
        if isinstance(block, rp.JourneyMap):
            return self.journey_map(block)
        if isinstance(block, rp.KeyValues):
            return [self.key_values(block)]
        if isinstance(block, rp.Contents):
            return self.contents(block)
        raise TypeError(f"unknown block {block!r}")

    def heading(self, block: rp.Heading) -> list[Any]:
        theme, sizes, c = self.theme, self.theme.sizes, self.theme.colours
        level0 = block.level == 0
        size = sizes.size("h1" if level0 else "h3")
        style, chain = self.styles.get(
            role="heading",
            size=size,
            color=c.text,
            # A chapter that does not open a page (the closing "About") stands apart from the last.
            space_before=(0 if block.new_page else sizes.size("body") * 3)
            if level0
            else sizes.size("body") * 1.4,
            space_after=sizes.size("body") * (0.3 if level0 else 0.5),
        )
        out: list[Any] = []
        if block.new_page:
            out += [NextPageTemplate("portrait"), PageBreak()]
        out.append(Heading(pdf_fonts.markup(block.text, chain), style, block.key))
        if level0:
            rule = HRFlowable(
                width="100%",
                thickness=max(1.5, theme.style.curve_width * 0.8),
                color=rl_colors.HexColor(c.primary),
                spaceBefore=2,
                spaceAfter=sizes.size("body"),
                lineCap="butt",
            )
            out.append(rule)
        return out

    def toc_style(self, level: int) -> tuple[ParagraphStyle, FontChain]:
        sizes, c = self.theme.sizes, self.theme.colours
        body = sizes.size("body")
        # The spaces are the plan's, which counts on them to decide whether sections fit the contents.
        if level == 0:
            return self.styles.get(
                role="heading", size=sizes.size("h3"), color=c.text, space_before=body * CONTENTS_SPACE[0]
            )
        return self.styles.get(size=body, color=c.text, space_before=body * CONTENTS_SPACE[1])

    def contents(self, block: rp.Contents) -> list[Any]:
        sizes = self.theme.sizes
        heading = self.heading(rp.Heading(block.title, 0, block.key, new_page=True, toc=False))
        styles = []
        for level in range(2):
            base, _chain = self.toc_style(level)
            styles.append(
                ParagraphStyle(
                    name=f"{base.name}-toc{level}",
                    parent=base,
                    leftIndent=level * sizes.size("body") * 1.6,
                    firstLineIndent=0,
                    rightIndent=sizes.size("body") * 3,
                )
            )
        font = pdf_fonts.register(self.theme.font_chain("body").primary)
        table_style = TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, sizes.size("body")),  # never reportlab's Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        toc = TableOfContents(
            levelStyles=styles,
            tableStyle=table_style,
            dotsMinLevel=0,
            rightColumnWidth=sizes.size("body") * 3,
        )
        for entry in self.contents_entries:
            _style, chain = self.toc_style(entry.level)
            markup = pdf_fonts.markup(entry.title, chain)
            toc.addEntry(entry.level, markup, self.numbers.get(entry.key, 0), entry.key)
        toc.beforeBuild()  # reportlab's: makes the entries given the ones drawn in this (only) pass
        return [*heading, toc]

    def text(self, block: rp.Text) -> Paragraph:
        sizes, c = self.theme.sizes, self.theme.colours
        body = sizes.size("body")
        if block.style == "lead":
            return self.styles.paragraph(block.text, size=sizes.size("h3"), color=c.text, space_after=body)
        if block.style == "muted":
            return self.styles.paragraph(
                block.text, size=sizes.size("small"), color=c.muted, space_before=body * 0.4
            )
        if block.style == "quote":
            return self.styles.paragraph(
                block.text, size=body, color=c.text, italic=True, space_after=body * 0.5
            )
        return self.styles.paragraph(block.text, size=body, color=c.text, space_after=body * 0.5)

    # -- tables ----------------------------------------------------------------------------

    def cell(self, cell: rp.Cell, size: float) -> Any:
        """Return a cell's text, wrapped by mapgen.text; bullet lines get a hanging indent."""
        if not cell.text.strip():
            return ""
        chain = self.theme.font_chain("body", bold=cell.bold or None, italic=cell.italic)
        items = [
            (line[len(_BULLET) :], True) if line.startswith(_BULLET) else (line, False)
            for line in cell.text.split("\n")
        ]
        leading = round(size * self.theme.sizes.line_height, 2)
        color = self.painter.rgb(cell.color or self.theme.colours.text)
        return CellText(items, chain, size, leading, color, cell.align)

    def table(self, block: rp.Table) -> Any:
        theme, c, sizes = self.theme, self.theme.colours, self.theme.sizes
        size = sizes.size("small" if block.size == "small" else "body")
        widths = [self.frame_width * share for share in block.widths]
        columns = len(widths)
        data: list[list[Any]] = []
        font = pdf_fonts.register(theme.font_chain("body").primary)
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), font, size),  # empty cells too: never reportlab's Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), size * 0.55),
            ("RIGHTPADDING", (0, 0), (-1, -1), size * 0.55),
            ("TOPPADDING", (0, 0), (-1, -1), size * 0.4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.55),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, rl_colors.HexColor(c.border)),
        ]
        data_row = 0
        for r, row in enumerate((block.header, *block.rows)):
            cells = [self.cell(cell, size) for cell in row.cells]
            if row.kind == "group" or len(cells) < columns:
                cells += [""] * (columns - len(cells))
                if row.kind == "group":
                    commands.append(("SPAN", (0, r), (-1, r)))
            data.append(cells)
            for i, cell in enumerate(row.cells):
                fill = cell.fill
                if fill is None and block.zebra and r > 0 and data_row % 2 == 1:
                    fill = c.surface
                if fill is not None:
                    end = -1 if row.kind == "group" else i
                    commands.append(("BACKGROUND", (i, r), (end, r), rl_colors.HexColor(fill)))
                if cell.rule is not None:
                    commands.append(("LINEBEFORE", (i, r), (i, r), size * 0.4, rl_colors.HexColor(cell.rule)))
            if r > 0:
                data_row += 1
        line = size * sizes.line_height
        table = KeptTable(
            data,
            colWidths=widths,
            repeatRows=1,
            splitByRow=1,
            splitInRow=int(line * _MIN_ROW_SPLIT_LINES),
            hAlign="LEFT",
        )
        table.setStyle(TableStyle(commands))
        table.page_height = self.frame_height
        return table

    def key_values(self, block: rp.KeyValues) -> Any:
        c, sizes = self.theme.colours, self.theme.sizes
        body = sizes.size("body")
        data = [
            [
                self.styles.paragraph(label, size=body, color=c.muted, bold=True),
                self.styles.paragraph(value, size=body, color=c.text),
            ]
            for label, value in block.rows
        ]
        table = Table(data, colWidths=[self.frame_width * 0.3, self.frame_width * 0.7], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    (
                        "FONT",
                        (0, 0),
                        (-1, -1),
                        pdf_fonts.register(self.theme.font_chain("body").primary),
                        body,
                    ),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), body * 0.3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), body * 0.3),
                ]
            )
        )
        return table

    # -- persona ---------------------------------------------------------------------------

    def profile_card(self, card: rp.ProfileCard) -> Any:
        """Return the card: photo and introduction on top, the profile's fields two to a row below.

        Two fields a row (a long paragraph across both) keep a card to about half a page, so that
        the persona's emotion curve shares its page.
        """
        theme, c, sizes = self.theme, self.theme.colours, self.theme.sizes
        body = sizes.size("body")
        pad = body
        photo_size = min(self.frame_width * 0.22, 110.0)
        first = photo_size + 2 * pad
        half = self.frame_width / 2
        portrait = self.portrait(card, photo_size)
        intro: list[Any] = []
        if card.subtitle:
            intro.append(
                self.styles.paragraph(
                    card.subtitle, role="heading", size=sizes.size("h3"), color=c.text, space_after=body * 0.4
                )
            )
        if card.quote:
            intro.append(self.styles.paragraph(card.quote, size=sizes.size("h3"), color=c.text, italic=True))
        # Three columns: the photo's, the rest of the left half, the right half.
        data: list[list[Any]] = [[portrait, intro or "", ""]]
        commands: list[tuple[Any, ...]] = [("SPAN", (1, 0), (2, 0))]
        for row in card.field_rows(_WIDE_FIELD_CHARS):
            r = len(data)
            cells = [self.profile_field(label, value) for label, value in row]
            if len(cells) == 1:
                data.append([cells[0], "", ""])
                commands.append(("SPAN", (0, r), (2, r)))
            else:
                data.append([cells[0], "", cells[1]])
                commands.append(("SPAN", (0, r), (1, r)))
        line = body * sizes.line_height
        table = LongTable(
            data,
            colWidths=[first, half - first, half],
            splitByRow=1,
            splitInRow=int(line * 3),
            hAlign="LEFT",
        )
        radius = theme.style.corner_radius
        commands += [
            ("FONT", (0, 0), (-1, -1), pdf_fonts.register(theme.font_chain("body").primary), body),
            ("BACKGROUND", (0, 0), (-1, -1), rl_colors.HexColor(c.surface)),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.4),
            ("TOPPADDING", (0, 0), (-1, 0), pad),
            ("BOTTOMPADDING", (0, 0), (-1, 0), pad),
            ("BOTTOMPADDING", (0, -1), (-1, -1), pad),
        ]
        if radius > 0:
            commands.append(("ROUNDEDCORNERS", [radius] * 4))
        table.setStyle(TableStyle(commands))
        return table

    def profile_field(self, label: str, value: str) -> list[Any]:
        """Return a profile field: its label over its text."""
        c, body = self.theme.colours, self.theme.sizes.size("body")
        heading = self.styles.paragraph(label, size=body, color=c.muted, bold=True, space_after=body * 0.15)
        return [heading, self.cell(rp.Cell(value), body)]

    def portrait(self, card: rp.ProfileCard, size: float) -> SceneFlowable:
        """Return the persona's photo (fitted, reduced for print) or an initials avatar."""
        c = self.theme.colours
        if card.photo is not None:
            try:
                width, height = pdf_images.image_reader(
                    card.photo.data, size, size, matte=c.surface
                ).getSize()
            except ValueError as error:
                self.painter.problems.append(
                    Problem("warning", f"the photo of {card.name} left out: {error}")
                )
            else:
                scale = min(size / width, size / height)
                w, h = width * scale, height * scale
                picture = Picture(
                    Box((size - w) / 2, (size - h) / 2, w, h),
                    card.photo.data,
                    card.photo.format,
                    alt=card.name,
                )
                scene = Scene(size, size, c.surface, (picture,), title=card.name)
                return SceneFlowable(scene, self.painter, align="LEFT")
        return SceneFlowable(pdf_figures.avatar_scene(card, self.theme, size), self.painter, align="LEFT")

    def journey_map(self, block: rp.JourneyMap) -> list[Any]:
        if not block.scenes:
            return []
        out: list[Any] = [NextPageTemplate("landscape"), PageBreak(), Anchor(block.key)]
        for i, scene in enumerate(block.scenes):
            if i:
                out.append(PageBreak())
            out.append(SceneFlowable(scene, self.painter, max_height=self.landscape_height))
        out.append(NextPageTemplate("portrait"))
        return out


def _one_line(source: str, chain: FontChain, size: float, width: float) -> str:
    """Return source on one line, cut with an ellipsis when it is wider than width."""
    fitted = text.fit(" ".join(source.split()), chain, width, size * 2, size, size, 1.2, max_lines=1)
    return fitted.lines[0] if fitted.lines else ""
