"""The PDF report: emit a ReportPlan with reportlab platypus.

Every choice is made in mapgen.renderers.report_plan; this module turns the plan into flowables on
three page templates (the cover, portrait pages and landscape pages for journey maps, each with a
running header and footer), and builds the document twice: the first pass finds on which page
every chapter starts and how many pages there are, the second prints the contents page and
"Page X of Y" with those numbers (reportlab's multiBuild, which stops once both are stable).

Fonts are the theme's TrueType chains, embedded as subsets; text of another script or an emoji is
set in the fallback face that has it. The document is reproducible: reportlab's invariant mode
fixes the creation date and the document id, unless a timestamp is given, which then becomes the
creation date (and changes the id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors as rl_colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
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
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from mapgen import text
from mapgen.layout.scene import Box, Picture, Scene
from mapgen.model import Journeys, Problem
from mapgen.renderers import pdf_figures, pdf_fonts, pdf_images
from mapgen.renderers import report_plan as rp
from mapgen.renderers.pdf_scene import SceneFlowable, ScenePainter

if TYPE_CHECKING:
    from mapgen.text import FontChain
    from mapgen.themes import Theme

__all__ = ["emit_report", "render_report", "write_report"]

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_BULLET = "• "
# A row of a table may split across pages, but never leaving less than this much of it behind.
_MIN_ROW_SPLIT_LINES = 3
# A table of at most this many rows is kept whole (with its heading) rather than split.
_KEEP_WHOLE_ROWS = 8
# Beyond this many personas the outline opens with the chapters folded.
_OPEN_OUTLINE_PERSONAS = 6


def write_report(
    journeys: Journeys,
    theme: Theme,
    path: str | Path,
    *,
    source_name: str | None = None,
    warnings: Sequence[Problem] = (),
    timestamp: dt.datetime | None = None,
    layout: rp.JourneyLayout | None = None,
) -> list[Problem]:
    """Write the PDF report of a model to path; return the layout and painting warnings.

    source_name: the workbook's name shown in the appendix (default: journeys.source's file
    name). warnings: further problems the appendix lists beside the workbook's own warnings and
    the layout's (for example the theme's). timestamp: the creation date to record; None (the
    default) makes the file reproducible, byte for byte.
    """
    data, problems = render_report(
        journeys, theme, source_name=source_name, warnings=warnings, timestamp=timestamp, layout=layout
    )
    Path(path).write_bytes(data)
    return problems


def render_report(
    journeys: Journeys,
    theme: Theme,
    *,
    source_name: str | None = None,
    warnings: Sequence[Problem] = (),
    timestamp: dt.datetime | None = None,
    layout: rp.JourneyLayout | None = None,
) -> tuple[bytes, list[Problem]]:
    """Return the PDF report's bytes and the layout and painting warnings."""
    generated = _format_timestamp(timestamp) if timestamp is not None else ""
    plan = rp.plan_report(
        journeys, theme, source_name=source_name, warnings=warnings, generated=generated, layout=layout
    )
    data, problems = emit_report(plan, theme, timestamp=timestamp)
    return data, list(dict.fromkeys((*plan.problems, *problems)))


def emit_report(
    plan: rp.ReportPlan, theme: Theme, *, timestamp: dt.datetime | None = None
) -> tuple[bytes, list[Problem]]:
    """Return the PDF of a plan and the problems met while painting it."""
    import io

    emitter = _Emitter(plan, theme)
    out = io.BytesIO()
    doc = emitter.document(out)
    story = emitter.story()
    doc.multiBuild(story, canvasmaker=_canvas_class(timestamp))
    return out.getvalue(), list(dict.fromkeys(emitter.painter.problems))


def _utc(moment: dt.datetime) -> dt.datetime:
    """Return a moment in UTC; a naive one is taken to be UTC already."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _format_timestamp(timestamp: dt.datetime) -> str:
    return _utc(timestamp).strftime("%Y-%m-%d %H:%M UTC")


# ---------------------------------------------------------------------------------------------
# Document, pages and bookmarks


class _Stamp:
    """A reportlab TimeStamp for a given moment (UTC), for a build that records its date."""

    def __init__(self, moment: dt.datetime) -> None:
        utc = _utc(moment)
        self.t = utc.timestamp()
        self.YMDhms = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
        self.dhh = 0
        self.dmm = 0
        self.tzname = "UTC"


def _canvas_class(timestamp: dt.datetime | None) -> type[Canvas]:
    """Return the canvas to build with: invariant, or stamped with the given creation date."""
    if timestamp is None:
        return Canvas  # type: ignore[no-any-return]

    stamp = _Stamp(timestamp)

    class StampedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = stamp
            self._doc.signature.update(repr(stamp.YMDhms).encode("ascii"))

    return StampedCanvas


class _PageCount(IndexingFlowable):  # type: ignore[misc]  # reportlab is untyped
    """Remember the page count of the last pass, so that footers can say "Page X of Y"."""

    def __init__(self, doc: _Document) -> None:
        super().__init__()
        self.doc = doc
        self.total = 0
        self._last = -1

    def beforeBuild(self) -> None:  # reportlab's name
        self._last = self.total

    def afterBuild(self) -> None:
        self.total = self.doc.page

    def isSatisfied(self) -> bool:
        return self._last == self.total

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


class _Anchor(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A bookmark, outline entry and contents entry where nothing else is printed (a map page)."""

    def __init__(self, entry: _Entry) -> None:
        super().__init__()
        self.mapgen_entry = entry

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


@dataclass(frozen=True)
class _Entry:
    """What a heading registers once it is placed on a page."""

    level: int
    title: str
    key: str
    toc: str | None  # the contents entry's markup; None: not listed
    closed: bool = False


class _Heading(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A heading paragraph that registers its bookmark and contents entry when placed."""

    def __init__(self, markup: str, style: ParagraphStyle, entry: _Entry) -> None:
        super().__init__(markup, style)
        self.mapgen_entry = entry


class _Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """The report's document: bookmarks, the outline and contents entries as headings are placed."""

    def afterFlowable(self, flowable: Any) -> None:  # reportlab's name
        entry: _Entry | None = getattr(flowable, "mapgen_entry", None)
        if entry is None:
            return
        canvas = self.canv
        top = min(canvas._pagesize[1], self.frame._y + getattr(flowable, "height", 0.0) + 8)
        canvas.bookmarkPage(entry.key, fit="XYZ", left=0, top=top)
        canvas.addOutlineEntry(entry.title, entry.key, level=entry.level, closed=entry.closed or None)
        if entry.toc is not None:
            self.notify("TOCEntry", (entry.level, entry.toc, self.page, entry.key))


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
        bullet: bool = False,
        keep_with_next: bool = False,
    ) -> tuple[ParagraphStyle, FontChain]:
        """Return a style and its font chain."""
        key = (role, size, color, bold, italic, align, space_before, space_after, bullet, keep_with_next)
        try:
            return self._cache[key]
        except KeyError:
            pass
        chain = self.theme.font_chain("heading" if role == "heading" else "body", bold=bold, italic=italic)
        indent = size * 0.9 if bullet else 0.0
        style = ParagraphStyle(
            name=f"mapgen-{len(self._cache)}",
            fontName=pdf_fonts.register(chain.primary),
            fontSize=size,
            leading=round(size * self.theme.sizes.line_height, 2),
            textColor=rl_colors.HexColor(color),
            alignment=_ALIGN[align],
            spaceBefore=space_before,
            spaceAfter=space_after,
            leftIndent=indent,
            bulletIndent=0,
            bulletFontName=pdf_fonts.register(chain.primary),
            bulletFontSize=size,
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
    """Turn the plan's blocks into flowables and the document's page templates."""

    def __init__(self, plan: rp.ReportPlan, theme: Theme) -> None:
        self.plan = plan
        self.theme = theme
        self.styles = _Styles(theme)
        self.painter = ScenePainter(theme)
        self.frame_width, self.frame_height = plan.geometry.frame
        self.landscape_width, self.landscape_height = plan.geometry.landscape_frame
        self.page_count: _PageCount | None = None
        personas = sum(1 for b in plan.blocks if isinstance(b, rp.ProfileCard))
        self.closed = personas > _OPEN_OUTLINE_PERSONAS
        self._decorations: dict[tuple[float, float], Any] = {}
        self._depth = next((b.depth for b in plan.blocks if isinstance(b, rp.Contents)), 1)

    # -- document --------------------------------------------------------------------------

    def document(self, out: Any) -> _Document:
        plan, theme = self.plan, self.theme
        g = plan.geometry
        top, right, bottom, left = g.margins
        meta = plan.metadata
        body = theme.font_chain("body")
        doc = _Document(
            out,
            pagesize=(g.width, g.height),
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            keywords=list(meta.keywords),
            creator=meta.creator,
            lang=meta.language,
            invariant=1,
            initialFontName=pdf_fonts.register(body.primary),
            initialFontSize=theme.sizes.size("body"),
            pageCompression=1,
        )
        cover = Frame(0, 0, g.width, g.height, 0, 0, 0, 0, id="cover")
        portrait = Frame(
            left, bottom, g.width - left - right, g.height - top - bottom, 0, 0, 0, 0, id="portrait"
        )
        wide, high = g.landscape
        landscape = Frame(left, bottom, wide - left - right, high - top - bottom, 0, 0, 0, 0, id="landscape")
        doc.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[cover], pagesize=(g.width, g.height)),
                PageTemplate(
                    id="portrait", frames=[portrait], onPage=self.decorate, pagesize=(g.width, g.height)
                ),
                PageTemplate(id="landscape", frames=[landscape], onPage=self.decorate, pagesize=g.landscape),
            ]
        )
        self.page_count = _PageCount(doc)
        return doc

    def decorate(self, canvas: Any, doc: _Document) -> None:
        """Draw the running header and footer of a portrait or landscape page."""
        theme, plan = self.theme, self.plan
        c, sizes = theme.colours, theme.sizes
        width, height = canvas._pagesize
        top, right, bottom, left = plan.geometry.margins
        inner = width - left - right
        size = sizes.size("small")
        chain = theme.font_chain("body")
        lines = self._decorations.get((width, height))
        if lines is None:
            header_left = _one_line(plan.header[0], chain, size, inner * 0.62)
            header_right = _one_line(plan.header[1], chain, size, inner * 0.35)
            footer = _one_line(plan.footer, chain, size, inner * 0.7)
            lines = self._decorations[(width, height)] = (header_left, header_right, footer)
        header_left, header_right, footer = lines
        total = self.page_count.total if self.page_count is not None else 0
        page = theme.labels.page_x_of_y(doc.page, max(total, doc.page))
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
        footer_y = bottom / 2 - size / 2
        pdf_fonts.draw_line(canvas, footer, chain, size, left, footer_y)
        pdf_fonts.draw_line(
            canvas, page, chain, size, width - right - text.measure(page, chain, size), footer_y
        )
        canvas.setStrokeColorRGB(*self.painter.rgb(c.border))
        canvas.setLineWidth(0.5)
        rule = header_y - size * 0.8
        canvas.line(left, rule, width - right, rule)
        canvas.restoreState()

    # -- story -----------------------------------------------------------------------------

    def story(self) -> list[Any]:
        plan, theme = self.plan, self.theme
        assert self.page_count is not None, "document() first"
        g = plan.geometry
        cover = pdf_figures.cover_scene(plan.cover, theme, (g.width, g.height))
        story: list[Any] = [self.page_count, SceneFlowable(cover, self.painter), NextPageTemplate("portrait")]
        blocks = plan.blocks
        i = 0
        while i < len(blocks):
            block = blocks[i]
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, rp.Heading) and not block.new_page:
                if isinstance(following, rp.Table) and len(following.rows) <= _KEEP_WHOLE_ROWS:
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
            return min(block.chart.height, self.frame_height * 0.5)
        if isinstance(block, rp.ProfileCard):
            return min(self.frame_width * 0.22, 110.0) + 2 * sizes.size("body")
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
            return [
                SceneFlowable(
                    pdf_figures.chart_scene(block.chart, self.theme, self.frame_width), self.painter
                )
            ]
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
            space_before=0 if level0 else sizes.size("body") * 1.4,
            space_after=sizes.size("body") * (0.3 if level0 else 0.5),
        )
        toc = self.toc_markup(block.level, block.text) if block.toc and block.level < self.depth() else None
        entry = _Entry(block.level, block.text, block.key, toc, closed=level0 and self.closed)
        out: list[Any] = []
        if block.new_page:
            out += [NextPageTemplate("portrait"), PageBreak()]
        out.append(_Heading(pdf_fonts.markup(block.text, chain), style, entry))
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

    def toc_markup(self, level: int, title: str) -> str:
        _style, chain = self.toc_style(level)
        return pdf_fonts.markup(title, chain)

    def toc_style(self, level: int) -> tuple[ParagraphStyle, FontChain]:
        sizes, c = self.theme.sizes, self.theme.colours
        body = sizes.size("body")
        if level == 0:
            return self.styles.get(
                role="heading", size=sizes.size("h3"), color=c.text, space_before=body * 0.8
            )
        return self.styles.get(size=body, color=c.text, space_before=body * 0.15)

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
        # Filled with the planned entries, so that the first pass already takes the right room.
        for level, title, key, _toc in self.toc_entries(block.depth):
            toc.addEntry(level, self.toc_markup(level, title), 0, key)
        return [*heading, toc]

    def toc_entries(self, depth: int) -> list[tuple[int, str, str, bool]]:
        out = []
        for block in self.plan.blocks:
            if isinstance(block, rp.Heading) and block.toc and block.level < depth:
                out.append((block.level, block.text, block.key, True))
            elif isinstance(block, rp.JourneyMap) and depth > 1:
                out.append((1, block.title, block.key, True))
        return out

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
        """Return a cell's flowables: one paragraph, or one per bullet with a hanging indent."""
        if not cell.text.strip():
            return ""
        color = cell.color or self.theme.colours.text
        lines = cell.text.split("\n")
        if not any(line.startswith(_BULLET) for line in lines):
            return self.styles.paragraph(
                cell.text,
                size=size,
                color=color,
                bold=cell.bold or None,
                italic=cell.italic,
                align=cell.align,
            )
        out = []
        for line in lines:
            bulleted = line.startswith(_BULLET)
            style, chain = self.styles.get(
                size=size,
                color=color,
                bold=cell.bold or None,
                italic=cell.italic,
                align=cell.align,
                bullet=bulleted,
            )
            body = line[len(_BULLET) :] if bulleted else line
            out.append(Paragraph(pdf_fonts.markup(body, chain), style, bulletText="•" if bulleted else None))
        return out

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
        table = LongTable(
            data,
            colWidths=widths,
            repeatRows=1,
            splitByRow=1,
            splitInRow=int(line * _MIN_ROW_SPLIT_LINES),
            hAlign="LEFT",
        )
        table.setStyle(TableStyle(commands))
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
        theme, c, sizes = self.theme, self.theme.colours, self.theme.sizes
        body = sizes.size("body")
        pad = body
        photo_size = min(self.frame_width * 0.22, 110.0)
        first = photo_size + 2 * pad
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
        data: list[list[Any]] = [[portrait, intro or ""]]
        for label, value in card.fields:
            data.append(
                [
                    self.styles.paragraph(label, size=body, color=c.muted, bold=True, align="right"),
                    self.cell(rp.Cell(value), body),
                ]
            )
        line = body * sizes.line_height
        table = LongTable(
            data,
            colWidths=[first, self.frame_width - first],
            splitByRow=1,
            splitInRow=int(line * 3),
            hAlign="LEFT",
        )
        radius = theme.style.corner_radius
        commands: list[tuple[Any, ...]] = [
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
        toc = self.toc_markup(1, block.title) if self.depth() > 1 else None
        out: list[Any] = [
            NextPageTemplate("landscape"),
            PageBreak(),
            _Anchor(_Entry(1, block.title, block.key, toc)),
        ]
        for i, scene in enumerate(block.scenes):
            if i:
                out.append(PageBreak())
            out.append(SceneFlowable(scene, self.painter, max_height=self.landscape_height))
        out.append(NextPageTemplate("portrait"))
        return out

    def depth(self) -> int:
        """Return how many heading levels the contents page lists."""
        return self._depth


def _one_line(source: str, chain: FontChain, size: float, width: float) -> str:
    """Return source on one line, cut with an ellipsis when it is wider than width."""
    fitted = text.fit(" ".join(source.split()), chain, width, size * 2, size, size, 1.2, max_lines=1)
    return fitted.lines[0] if fitted.lines else ""
