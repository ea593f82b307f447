"""A chart's points (markers and data labels) are written as XML: exactly what python-pptx writes."""

from __future__ import annotations

import dataclasses
from typing import Any

from pptx import Presentation
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.util import Pt

from mapgen.renderers.pptx.deck import ChartSeries, LineChart
from mapgen.renderers.pptx.output.chart import _label_side, add_line_chart
from mapgen.renderers.pptx.output.drawingml import rgb
from mapgen.scene import Box


def _chart(series: ChartSeries) -> LineChart:
    return LineChart(
        box=Box(36, 90, 600, 300),
        categories=tuple(f"Step {k}" for k in range(len(series.values))),
        series=(series,),
        y_min=-1.0,
        y_max=1.0,
        y_step=0.5,
        y_format="+0.0;-0.0;0",
        font="Calibri",
        axis_size=8,
        label_size=8,
        text_color="#1b2430",
        muted_color="#566270",
        grid_color="#d0d5dd",
        emphasis_color="#b34700",
        legend=False,
        smooth=False,
        alt="A line chart",
        plot=Box(60, 100, 560, 240),
    )


def _by_python_pptx(chart: Any, spec: ChartSeries, plan: LineChart, background: str) -> None:
    """Format the points with python-pptx's API, as the deck did before."""
    series = chart.plots[0].series[0]
    emphasis = set(spec.emphasis)
    for k, value in enumerate(spec.values):
        if value is None:
            continue
        color = spec.marker_colors[k] if k < len(spec.marker_colors) else spec.color
        label = spec.labels[k] if k < len(spec.labels) else ""
        strong = k in emphasis
        if color == spec.color and not label and not strong:
            continue
        point = series.points[k]
        point.marker.style = XL_MARKER_STYLE.CIRCLE
        point.marker.size = 11 if strong else 7
        point.marker.format.fill.solid()
        point.marker.format.fill.fore_color.rgb = rgb(plan.emphasis_color if strong else color)
        point.marker.format.line.color.rgb = rgb(background)
        point.marker.format.line.width = Pt(1.0)
        if label:
            frame = point.data_label.text_frame
            for n, line in enumerate(label.split("\n")):
                run = (frame.paragraphs[0] if n == 0 else frame.add_paragraph()).add_run()
                run.text = line
                run.font.size = Pt(plan.label_size)
                run.font.bold = strong
                run.font.name = plan.font
                run.font.color.rgb = rgb(plan.text_color)
            below = _label_side(spec.values, k, plan) == "b"  # the rule is pinned by its own test below
            point.data_label.position = XL_LABEL_POSITION.BELOW if below else XL_LABEL_POSITION.ABOVE


def test_points_written_as_xml_are_what_python_pptx_writes() -> None:
    spec = ChartSeries(
        name="Emotion",
        values=(0.4, None, -0.9, 0.9, 0.1, 0.0),
        color="#0072b2",
        line_width=2.5,
        marker_colors=("#54829b", "#888888", "#a27e62", "#0072b2", "#0072b2", "#708794"),
        labels=("curious", "", "frustrated,\nangry", "delighted", "", "bell\x07 & <tag>"),
        emphasis=(2,),
    )
    plan = _chart(spec)
    bare = ChartSeries(spec.name, spec.values, spec.color, spec.line_width)
    prs = Presentation()
    layout = prs.slide_layouts[6]
    ours = add_line_chart(prs.slides.add_slide(layout).shapes, plan, "#ffffff").chart
    theirs = add_line_chart(prs.slides.add_slide(layout).shapes, _chart(bare), "#ffffff").chart
    _by_python_pptx(theirs, spec, plan, "#ffffff")
    assert ours.part.blob == theirs.part.blob
    assert b"_x0007_ &amp; &lt;tag&gt;" in ours.part.blob
    assert b'<c:dLblPos val="b"/>' in ours.part.blob  # the value near the top is labelled below


def test_each_data_label_sits_where_the_line_leaves_room() -> None:
    """Below a valley, above a peak, inward at the scale's ends: per point, in the chart's XML."""
    values = (1.0, -3.0, 2.0, 0.5, 4.9, -4.9)
    chart = dataclasses.replace(_chart(ChartSeries("Ada", values, "#1d3557", 2.0)), y_min=-5.0, y_max=5.0)
    sides = [_label_side(values, k, chart) for k in range(len(values))]
    assert sides == ["t", "b", "t", "b", "b", "t"]
