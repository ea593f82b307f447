"""Add the plan's line charts as native PowerPoint charts: data editable, colours from the theme.

Every colour is written explicitly (series lines, markers, grid, text), so no Office default
(the blue of accent 1) shows in a client's deck, and every font size is explicit (python-pptx's
chart text defaults to 18 pt).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast
from xml.sax.saxutils import escape, quoteattr

from pptx.chart import data as chart_data
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Emu, Pt

from mapgen.renderers.pptx.deck import ChartSeries, LineChart
from mapgen.renderers.pptx.output import pptx_internals
from mapgen.renderers.pptx.output.drawingml import parse, qn, rgb, srgb
from mapgen.renderers.pptx.output.scene import set_alt_text
from mapgen.renderers.pptx.output.text import emu

if TYPE_CHECKING:
    from pptx.shapes.shapetree import SlideShapes

__all__ = ["add_line_chart"]

_MARKER = 7  # marker size in points
_MARKER_EMPHASIS = 11
# What a series' data labels show: python-pptx's defaults, with the value shown ({0}: 1) or not.
_SHOW = (
    '<c:showLegendKey val="0"/><c:showVal val="{0}"/><c:showCatName val="0"/><c:showSerName val="0"/>'
    '<c:showPercent val="0"/><c:showBubbleSize val="0"/>'
)
_AFTER_POINTS = frozenset(
    qn(f"c:{tag}") for tag in ("trendline", "errBars", "cat", "val", "smooth", "extLst")
)
_MARKERS = {
    "circle": XL_MARKER_STYLE.CIRCLE,
    "square": XL_MARKER_STYLE.SQUARE,
    "triangle": XL_MARKER_STYLE.TRIANGLE,
    "diamond": XL_MARKER_STYLE.DIAMOND,
}
_DASHES = {
    "dash": MSO_LINE_DASH_STYLE.DASH,
    "sysDot": MSO_LINE_DASH_STYLE.ROUND_DOT,
    "lgDashDot": MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
}
# python-pptx writes a run's control characters (but tab and line feed) as "_x0007_".
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")


def add_line_chart(shapes: SlideShapes, chart: LineChart, background: str) -> Any:
    """Add a line chart with markers; return its graphic frame."""
    # python-pptx's chart data classes carry no annotations.
    # The values are the client's scores, already rounded as mapgen.scores writes them: "General"
    # shows 2, -4 and 3.5 in the chart's sheet as they are, never 2.00.
    data: Any = cast(Any, chart_data).CategoryChartData(number_format="General")
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    box = chart.box
    frame: Any = cast(Any, shapes).add_chart(
        XL_CHART_TYPE.LINE_MARKERS,
        Emu(emu(box.x)),
        Emu(emu(box.y)),
        Emu(emu(box.w)),
        Emu(emu(box.h)),
        data,
    )
    set_alt_text(frame, chart.alt, chart.name)
    c = frame.chart
    c.has_title = False  # the slide's title says what the chart is
    c.font.name = chart.font
    c.font.size = Pt(chart.axis_size)
    c.font.color.rgb = rgb(chart.muted_color)
    c.has_legend = chart.legend
    if chart.legend:
        c.legend.position = XL_LEGEND_POSITION.BOTTOM
        c.legend.include_in_layout = False
        c.legend.font.size = Pt(chart.label_size)
        c.legend.font.color.rgb = rgb(chart.text_color)
    _axes(c, chart)
    if chart.plot is not None:
        _fix_plot_area(c, chart)
    plot = c.plots[0]
    for spec, series in zip(chart.series, plot.series, strict=True):
        _series(series, spec, chart, background)
    return frame


def _axes(c: Any, chart: LineChart) -> None:
    value = c.value_axis
    value.minimum_scale = chart.y_min
    value.maximum_scale = chart.y_max
    value.major_unit = chart.y_step
    value.has_major_gridlines = True
    grid = value.major_gridlines.format.line
    grid.color.rgb = rgb(chart.grid_color)
    grid.width = Pt(0.5)
    value.format.line.fill.background()
    value.major_tick_mark = XL_TICK_MARK.NONE
    value.minor_tick_mark = XL_TICK_MARK.NONE
    labels = value.tick_labels
    labels.number_format = chart.y_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(chart.axis_size)
    labels.font.color.rgb = rgb(chart.muted_color)
    if chart.y_title:
        _value_title(value, chart)
    middle = (chart.y_min + chart.y_max) / 2
    if middle != 0:
        # On 1..5 the neutral line is 3: the category axis crosses there, as it crosses 0 on -5..+5.
        value.crosses_at = middle
    category = c.category_axis
    # The category axis crosses at the neutral middle and so draws that line; its labels sit at the bottom.
    category.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    category.major_tick_mark = XL_TICK_MARK.NONE
    category.minor_tick_mark = XL_TICK_MARK.NONE
    line = category.format.line
    line.color.rgb = rgb(chart.grid_color)
    line.width = Pt(1.0)
    category.tick_labels.font.size = Pt(chart.axis_size)
    category.tick_labels.font.color.rgb = rgb(chart.text_color)
    # Labels were fitted to their category's width: never let the application turn them sideways.
    bodyPr = pptx_internals.xml_element(category).find(qn("c:txPr")).find(qn("a:bodyPr"))
    bodyPr.set("rot", "0")
    bodyPr.set("vert", "horz")


def _value_title(value: Any, chart: LineChart) -> None:
    """Name the value axis' scale beside it, turned to run up the axis as Office draws it."""
    value.has_title = True
    frame = value.axis_title.text_frame
    frame.text = chart.y_title
    font = frame.paragraphs[0].runs[0].font
    font.size = Pt(chart.axis_size)
    font.bold = False
    font.name = chart.font
    font.color.rgb = rgb(chart.muted_color)
    rich = pptx_internals.xml_element(value.axis_title).find(qn("c:tx")).find(qn("c:rich"))
    body = rich.find(qn("a:bodyPr"))
    body.set("rot", "-5400000")
    body.set("vert", "horz")


def _series(series: Any, spec: ChartSeries, chart: LineChart, background: str) -> None:
    series.smooth = chart.smooth
    line = series.format.line
    line.color.rgb = rgb(spec.color)
    line.width = Pt(spec.line_width)
    if spec.dash != "solid":
        line.dash_style = _DASHES[spec.dash]
    marker = series.marker
    marker.style = _MARKERS[spec.marker]
    marker.size = spec.marker_size or _MARKER
    marker.format.fill.solid()
    marker.format.fill.fore_color.rgb = rgb(spec.color)
    marker.format.line.color.rgb = rgb(background)
    marker.format.line.width = Pt(1.0)
    points = _points_xml(spec, chart, background)
    if points:
        # Points' markers and labels come after the series' marker, before its categories.
        ser = pptx_internals.xml_element(series)
        anchor = next(child for child in ser if child.tag in _AFTER_POINTS)
        for element in parse(f"<c:ser {pptx_internals.nsdecls('c', 'a')}>{points}</c:ser>"):
            anchor.addprevious(element)


def _points_xml(spec: ChartSeries, chart: LineChart, background: str) -> str:
    """Return the c:dPt of every point with its own marker and the c:dLbls of the labelled ones.

    The XML is python-pptx's for point.marker and point.data_label (a deck has thousands of
    points; its API takes a few XPath searches per property).
    """
    edge = f'<a:ln w="{Pt(1.0)}"><a:solidFill><a:srgbClr val="{srgb(background)}"/></a:solidFill></a:ln>'
    emphasis = set(spec.emphasis)
    points: list[str] = []
    labels: list[str] = []
    for k, value in enumerate(spec.values):
        if value is None:
            continue
        color = spec.marker_colors[k] if k < len(spec.marker_colors) else spec.color
        label = spec.labels[k] if k < len(spec.labels) else ""
        strong = k in emphasis
        if color == spec.color and not label and not strong:
            continue
        fill = srgb(chart.emphasis_color if strong else color)
        size = _MARKER_EMPHASIS if strong else spec.marker_size or _MARKER
        points.append(
            f'<c:dPt><c:idx val="{k}"/><c:marker><c:symbol val="{spec.marker}"/>'
            f'<c:size val="{size}"/><c:spPr><a:solidFill>'
            f'<a:srgbClr val="{fill}"/></a:solidFill>{edge}</c:spPr></c:marker></c:dPt>'
        )
        if label:
            labels.append(_label_xml(k, label, _label_side(spec.values, k, chart), strong, chart))
    if labels:
        labels.insert(0, "<c:dLbls>")
        labels.append(f'{_SHOW.format(0)}<c:showLeaderLines val="1"/></c:dLbls>')
    return "".join(points + labels)


def _label_side(values: Sequence[float | None], k: int, chart: LineChart) -> str:
    """Return where point k's label is clear of the line: "b" below a valley, "t" above a peak.

    The line leaves a point towards its neighbours: where they lie above it (a valley, the
    moments that matter) the room is below, and above where they lie lower. At the scale's ends
    the label goes inward, since the plot stops there.
    """
    value = values[k]
    assert value is not None
    span = (chart.y_max - chart.y_min) or 1.0
    if value > chart.y_max - span * 0.15:
        return "b"
    if value < chart.y_min + span * 0.15:
        return "t"
    around = [
        v
        for v in (values[k - 1] if k > 0 else None, values[k + 1] if k + 1 < len(values) else None)
        if v is not None
    ]
    if not around:
        return "t"
    return "b" if sum(around) / len(around) > value else "t"


def _label_xml(k: int, label: str, side: str, strong: bool, chart: LineChart) -> str:
    props = (
        f'<a:rPr sz="{round(chart.label_size * 100)}" b="{int(strong)}"><a:solidFill>'
        f'<a:srgbClr val="{srgb(chart.text_color)}"/></a:solidFill>'
        f"<a:latin typeface={quoteattr(chart.font)}/></a:rPr>"
    )
    first = "<a:pPr><a:defRPr/></a:pPr>"  # the rich text's own paragraph, as python-pptx makes it
    paragraphs = "".join(
        f"<a:p>{first if n == 0 else ''}<a:r>{props}<a:t>{_text(line)}</a:t></a:r></a:p>"
        for n, line in enumerate(label.split("\n"))
    )
    return (
        f'<c:dLbl><c:idx val="{k}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/>{paragraphs}</c:rich></c:tx>'
        f'<c:dLblPos val="{side}"/>{_SHOW.format(1)}</c:dLbl>'
    )


def _text(line: str) -> str:
    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", line))


def _fix_plot_area(c: Any, chart: LineChart) -> None:
    """Place the inner plot area at the plan's box (fractions of the chart), as PowerPoint stores it."""
    assert chart.plot is not None
    box, plot = chart.box, chart.plot
    plot_area = pptx_internals.chart_space(c).find(qn("c:chart")).find(qn("c:plotArea"))
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    values = {
        "x": (plot.x - box.x) / box.w,
        "y": (plot.y - box.y) / box.h,
        "w": plot.w / box.w,
        "h": plot.h / box.h,
    }
    fractions = "".join(f'<c:{k} val="{v:.6f}"/>' for k, v in values.items())
    layout = parse(
        f'<c:layout {pptx_internals.nsdecls("c")}><c:manualLayout><c:layoutTarget val="inner"/>'
        f'<c:xMode val="edge"/><c:yMode val="edge"/>{fractions}</c:manualLayout></c:layout>'
    )
    plot_area.insert(0, layout)
