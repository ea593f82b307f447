"""The report's own figures as Scenes: the cover, emotion charts and initials avatars.

They are laid out here, with every text wrapped and sized by mapgen.text, and painted by the same
vector painter as the journey map (mapgen.renderers.pdf.output.scene), so the report has one way of drawing.
Nothing here imports reportlab; Pillow is imported only to read a logo's size.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapgen import colors, text
from mapgen.layout.shapes import emotion_marker, fitted_block, logo_picture, smooth
from mapgen.model import Scale
from mapgen.renderers.pdf.report import ChartSeries, Cover, EmotionChart, ProfileCard
from mapgen.scene import (
    Box,
    Ellipse,
    Polyline,
    Primitive,
    Rect,
    Scene,
    Tag,
    TextBlock,
)
from mapgen.scores import score_text, to_scale

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["avatar_scene", "chart_scene", "cover_scene"]


def _shrink(block: TextBlock) -> TextBlock:
    """Return the block with its box cut down to the height its lines take (top-aligned)."""
    box = block.box
    return dataclasses.replace(block, box=Box(box.x, box.y, box.w, block.text_height), valign="top")


def _moved(block: TextBlock, dy: float) -> TextBlock:
    """Return the block moved down by dy points."""
    box = block.box
    return dataclasses.replace(block, box=Box(box.x, box.y + dy, box.w, box.h))


# ---------------------------------------------------------------------------------------------
# Avatar and logo


def avatar_scene(card: ProfileCard, theme: Theme, size: float) -> Scene:
    """Return a round avatar with the persona's initials, for a persona without a photo."""
    box = Box(0, 0, size, size)
    initials = fitted_block(
        theme,
        card.initials,
        Box(size * 0.1, size * 0.1, size * 0.8, size * 0.8),
        role="heading",
        size=round(size * 0.36, 1),
        color=card.avatar_color,
        bold=True,
        align="center",
        valign="middle",
        max_lines=1,
        tag=Tag("avatar", persona=card.name),
    )
    return Scene(
        width=size,
        height=size,
        background=theme.colours.surface,
        items=(Ellipse(box, fill=card.avatar_fill, tag=Tag("avatar", persona=card.name)), initials),
        title=card.name,
        description=card.name,
    )


# ---------------------------------------------------------------------------------------------
# Cover


def cover_scene(cover: Cover, theme: Theme, page: tuple[float, float]) -> Scene:
    """Return the cover page: logo, a title band, the project's facts, the confidentiality label."""
    width, height = page
    c, sizes = theme.colours, theme.sizes
    top, right, _bottom, left = theme.page.margins
    inner = width - left - right
    items: list[Primitive] = []

    if cover.logo is not None:
        logo = logo_picture(cover.logo, Box(left, top, inner * 0.35, sizes.size("title") * 2.4))
        if logo is not None:
            items.append(logo)

    pad = sizes.size("h1") * 1.6
    band_top = height * 0.27
    title_size = round(sizes.size("title") * 1.5, 1)
    title = _shrink(
        fitted_block(
            theme,
            cover.title,
            Box(left, 0, inner, title_size * sizes.line_height * 3),
            role="heading",
            size=title_size,
            min_size=sizes.size("h1"),
            color=c.on_primary,
            max_lines=3,
            tag=Tag("title"),
        )
    )
    blocks = [title]
    if cover.subtitle:
        sub_size = sizes.size("h3")
        subtitle = _shrink(
            fitted_block(
                theme,
                cover.subtitle,
                Box(left, title.box.bottom + sub_size, inner, sub_size * sizes.line_height * 5),
                size=sub_size,
                color=c.on_primary,
                max_lines=5,
                tag=Tag("subtitle"),
            )
        )
        blocks.append(subtitle)
    content = blocks[-1].box.bottom
    band_height = max(content + 2 * pad, height * 0.22)
    # The title and subtitle sit in the middle of the band, whatever their number of lines.
    shift = band_top + (band_height - content) / 2
    band_bottom = band_top + band_height
    items.append(Rect(Box(0, band_top, width, band_height), fill=c.primary, tag=Tag("band")))
    stripe = max(3.0, theme.style.curve_width * 1.5)
    items.append(Rect(Box(0, band_bottom, width, stripe), fill=c.accent, tag=Tag("band")))
    items.extend(_moved(b, shift) for b in blocks)

    # The project's facts, two to a row: label above value.
    y = band_bottom + stripe + pad * 1.5
    column = inner / 2
    label_size, value_size = sizes.size("small"), sizes.size("h3")
    for i in range(0, len(cover.facts), 2):
        row_height = 0.0
        for j, (label, value) in enumerate(cover.facts[i : i + 2]):
            x = left + j * column
            label_block = _shrink(
                fitted_block(
                    theme,
                    label,
                    Box(x, y, column - pad / 2, label_size * sizes.line_height),
                    size=label_size,
                    color=c.muted,
                    max_lines=1,
                    tag=Tag("fact-label"),
                )
            )
            value_block = _shrink(
                fitted_block(
                    theme,
                    value,
                    Box(x, label_block.box.bottom + 2, column - pad / 2, value_size * sizes.line_height * 3),
                    size=value_size,
                    color=c.text,
                    max_lines=3,
                    tag=Tag("fact"),
                )
            )
            items += [label_block, value_block]
            row_height = max(row_height, value_block.box.bottom - y)
        y += row_height + pad

    if cover.confidentiality:
        items += _confidentiality_pill(cover.confidentiality, theme, page)
    return Scene(width, height, c.background, tuple(items), title=cover.title, description=cover.title)


def _confidentiality_pill(label: str, theme: Theme, page: tuple[float, float]) -> list[Primitive]:
    """Return the confidentiality label as a pill at the foot of the cover."""
    c, sizes = theme.colours, theme.sizes
    width, height = page
    _top, right, bottom, left = theme.page.margins
    inner = width - left - right
    items: list[Primitive] = []
    pill_size = sizes.size("body")
    chain = theme.font_chain("body", bold=True)
    pill_pad = pill_size * 0.8
    label_width = min(text.measure(label, chain, pill_size), inner - 2 * pill_pad)
    pill_h = pill_size * sizes.line_height + pill_pad
    pill = Box(left, height - bottom - pill_h, label_width + 2 * pill_pad, pill_h)
    items.append(Rect(pill, fill=c.accent, radius=pill_h / 2, tag=Tag("confidentiality")))
    items.append(
        fitted_block(
            theme,
            label,
            Box(pill.x + pill_pad, pill.y, label_width + 0.5, pill.h),
            size=pill_size,
            color=c.on_accent,
            bold=True,
            valign="middle",
            max_lines=1,
            tag=Tag("confidentiality"),
        )
    )
    return items


# ---------------------------------------------------------------------------------------------
# Emotion charts


@dataclass(frozen=True)
class _Plot:
    """Where the plot area is and how chart units map onto it."""

    x: float
    y: float
    w: float
    h: float
    span: float
    pad_top: float
    pad_bottom: float

    def px(self, x: float) -> float:
        return self.x + x / self.span * self.w

    def py(self, value: float) -> float:
        inner = self.h - self.pad_top - self.pad_bottom
        return self.y + self.pad_top + (1 - (value + 1) / 2) * inner


def chart_scene(chart: EmotionChart, theme: Theme, width: float) -> Scene:
    """Return an emotion chart of the given width: stages along x, scores up y, gaps left open."""
    c, sizes = theme.colours, theme.sizes
    small = sizes.size("small")
    line = small * sizes.line_height
    items: list[Primitive] = []
    height = chart.height

    legend_items, legend_height = _legend(chart, theme, width) if chart.legend else ([], 0.0)
    ticks = _ticks(chart.scale)
    axis = max(text.measure(label, theme.font_chain("body"), small) for _v, label in ticks) + small
    band_h = line * 2 + small * 0.6
    top = legend_height
    if chart.scale_note:
        # The scale in words, where a reader looks first: which numbers the axis is in.
        note_y = top + (small * 0.4 if top else 0.0)
        items.append(
            fitted_block(
                theme,
                chart.scale_note,
                Box(0, note_y, width, line),
                size=small,
                color=c.muted,
                max_lines=1,
                tag=Tag("scale"),
            )
        )
        top = note_y + line
    plot_top = top + (small if top else small / 2)
    plot = _Plot(
        x=axis + 2,
        y=plot_top,
        w=width - axis - 4,
        h=height - plot_top - band_h - small / 2,
        span=chart.span,
        pad_top=(line * 2 + 6) if chart.point_labels else 6,
        pad_bottom=(line * 2 + 6 + (_pill_height(theme) if chart.callouts else 0))
        if chart.point_labels or chart.callouts
        else 6,
    )
    items.extend(legend_items)

    # Stage bands along the foot, with a faint column behind each stage and separators.
    band_y = plot.y + plot.h + small / 2
    for i, band in enumerate(chart.bands):
        x0, x1 = plot.px(band.start), plot.px(band.end)
        if i % 2 == 1:
            items.append(
                Rect(Box(x0, plot.y, x1 - x0, plot.h), fill=c.surface, tag=Tag("column", stage=band.name))
            )
        gap = 1.0
        items.append(
            Rect(
                Box(x0 + gap, band_y, x1 - x0 - 2 * gap, band_h),
                fill=band.fill,
                radius=min(theme.style.corner_radius, band_h / 3),
                tag=Tag("stage-header", stage=band.name),
            )
        )
        items.append(
            fitted_block(
                theme,
                band.name,
                Box(x0 + gap + 3, band_y + 1, max(x1 - x0 - 2 * gap - 6, 1), band_h - 2),
                size=small,
                color=band.color,
                bold=True,
                align="center",
                valign="middle",
                max_lines=2,
                tag=Tag("stage-header", stage=band.name),
            )
        )

    # Grid: quarter lines half-way to the background (a theme's border may be black), the zero
    # line in the border colour itself, and the axis labels.
    faint = colors.mix(c.border, c.background, 0.5)
    labelled = dict(ticks)
    for value in (1.0, 0.5, 0.0, -0.5, -1.0):
        y = plot.py(value)
        items.append(
            Polyline(
                ((plot.x, y), (plot.x + plot.w, y)),
                color=c.border if value == 0 else faint,
                width=0.8 if value == 0 else 0.5,
                dash=() if value in (0.0, 1.0, -1.0) else (2.0, 2.0),
                tag=Tag("grid"),
            )
        )
        if value in labelled:
            label = labelled[value]
            items.append(
                fitted_block(
                    theme,
                    label,
                    Box(0, y - line / 2, axis - 2, line),
                    size=small,
                    color=c.muted,
                    align="right",
                    valign="middle",
                    max_lines=1,
                    tag=Tag("axis"),
                )
            )

    curve_width = theme.style.curve_width * (0.75 if len(chart.series) > 1 else 1.0)
    radius = max(3.0, curve_width * 1.5)
    if theme.emotion.markers == "faces" and any(series.valence_markers for series in chart.series):
        radius = max(radius, 7.0)  # a face needs room for eyes and a mouth
    for series in chart.series:
        for segment in _segments(series):
            points = [(plot.px(x), plot.py(v)) for x, v in segment]
            if len(points) > 1:
                items.append(
                    Polyline(
                        tuple(smooth(points)),
                        color=series.colour,
                        width=curve_width,
                        tag=Tag("curve", persona=series.name),
                    )
                )
    # Labels over the curves, each on a patch of what lies behind it, so that a line passing
    # through never makes a word hard to read; markers and call-outs on top of everything.
    labels: list[Primitive] = []
    markers: list[Primitive] = []
    for s, series in enumerate(chart.series):
        for p, point in enumerate(series.points):
            if point.value is None:
                continue
            cx, cy = plot.px(point.x), plot.py(point.value)
            if chart.point_labels and point.label:
                above = _label_above(series, p, (s, p) in chart.callouts)
                callout = (s, p) in chart.callouts
                block = _point_label(
                    theme,
                    chart,
                    plot,
                    point.x,
                    point.value,
                    point.label,
                    series.name,
                    p,
                    above,
                    callout,
                    radius,
                )
                labels += [_halo(theme, chart, block, point.x), block]
            if (s, p) in chart.callouts:
                ring = radius + 3.5
                markers.append(
                    Ellipse(
                        Box(cx - ring, cy - ring, 2 * ring, 2 * ring),
                        fill=None,
                        stroke=c.accent,
                        stroke_width=1.5,
                        tag=Tag("callout", persona=series.name, step=p),
                    )
                )
            colour = c.emotion_colour(point.value) if series.valence_markers else series.colour
            markers += emotion_marker(
                theme, cx, cy, radius, colour, point.value, series.valence_markers, series.name, p
            )
    items += labels + markers
    for s, p in chart.callouts:
        point = chart.series[s].points[p]
        if point.value is not None:
            items += _callout(theme, chart, plot, point.x, point.value, radius, chart.series[s].name, p)
    return Scene(
        width, height, c.background, tuple(items), title=chart.description, description=chart.description
    )


def _ticks(scale: Scale) -> list[tuple[float, str]]:
    """Return the grid lines that get a label, with the label on the client's scale.

    The ends and the middle always; the quarter lines too where the scale has a whole number
    there (4 and 2 on 1..5, but not 2.5 on -5..+5).
    """
    out = []
    for value in (1.0, 0.5, 0.0, -0.5, -1.0):
        if value in (1.0, 0.0, -1.0) or float(to_scale(value, scale)).is_integer():
            out.append((value, score_text(value, scale)))
    return out


def _halo(theme: Theme, chart: EmotionChart, label: TextBlock, x: float) -> Rect:
    """Return a patch behind a label in the colour of the stage column it sits in."""
    chain = theme.font_chain("body")
    width = max((text.measure(line, chain, label.size) for line in label.lines), default=0.0) + 3
    height = label.text_height
    box = label.box
    top = box.y if label.valign == "top" else box.bottom - height
    x_mid = box.x + box.w / 2
    fill = theme.colours.background
    for i, band in enumerate(chart.bands):
        if i % 2 == 1 and band.start <= x < band.end:
            fill = theme.colours.surface
    return Rect(Box(x_mid - width / 2, top, width, height), fill=fill, tag=Tag("label-patch"))


def _segments(series: ChartSeries) -> list[list[tuple[float, float]]]:
    """Split a curve at its gaps: a step without a score breaks the line, never drops it to zero."""
    out: list[list[tuple[float, float]]] = [[]]
    for point in series.points:
        if point.value is None:
            if out[-1]:
                out.append([])
            continue
        out[-1].append((point.x, point.value))
    return [segment for segment in out if segment]


def _slot_width(chart: EmotionChart, plot: _Plot, x: float) -> float:
    """Return the room a point's label has: the distance to its neighbours."""
    xs = sorted({p.x for s in chart.series for p in s.points})
    i = xs.index(x)
    left = x - xs[i - 1] if i > 0 else x * 2
    right = xs[i + 1] - x if i + 1 < len(xs) else (plot.span - x) * 2
    return max(min(left, right) / plot.span * plot.w - 4, 24.0)


def _label_above(series: ChartSeries, index: int, callout: bool) -> bool:
    """Return True when a point's label goes above it: on the side the curve does not come from."""
    value = series.points[index].value
    assert value is not None
    if callout:
        return False  # below the call-out pill, clear of the curve
    neighbours = [
        v
        for v in (series.points[i].value for i in (index - 1, index + 1) if 0 <= i < len(series.points))
        if v is not None
    ]
    if neighbours:
        mean = sum(neighbours) / len(neighbours)
        if abs(mean - value) > 1e-9:
            return mean < value
    return value <= 0.5


def _point_label(
    theme: Theme,
    chart: EmotionChart,
    plot: _Plot,
    x: float,
    value: float,
    label: str,
    persona: str,
    step: int,
    above: bool,
    callout: bool,
    radius: float,
) -> TextBlock:
    sizes = theme.sizes
    small = sizes.size("small")
    line = small * sizes.line_height
    width = _slot_width(chart, plot, x)
    cx, cy = plot.px(x), plot.py(value)
    r = radius + 2
    below = not above
    top = cy + r + (_pill_height(theme) + 5 if callout else 0) if below else cy - r - line * 2
    box = Box(cx - width / 2, top, width, line * 2)
    return fitted_block(
        theme,
        label,
        box,
        size=small,
        color=theme.colours.muted,
        align="center",
        valign="top" if below else "bottom",
        max_lines=2,
        tag=Tag("emotion", persona=persona, step=step),
    )


def _pill_height(theme: Theme) -> float:
    """Return the height of a call-out pill."""
    small = theme.sizes.size("small")
    return small * theme.sizes.line_height + small * 0.5


def _callout(
    theme: Theme,
    chart: EmotionChart,
    plot: _Plot,
    x: float,
    value: float,
    radius: float,
    persona: str,
    step: int,
) -> list[Primitive]:
    """Return the "moment that matters" pill beside a lowest point."""
    c, sizes = theme.colours, theme.sizes
    small = sizes.size("small")
    chain = theme.font_chain("body", bold=True)
    pad = small * 0.5
    width = min(text.measure(chart.callout_label, chain, small) + 2 * pad + 1, plot.w)
    height = _pill_height(theme)
    cx, cy = plot.px(x), plot.py(value)
    r = radius + 5
    left = min(max(cx - width / 2, plot.x), plot.x + plot.w - width)
    top = min(cy + r, plot.y + plot.h - height)  # below: the point's own label went above
    box = Box(left, top, width, height)
    tag = Tag("callout", persona=persona, step=step)
    return [
        Rect(box, fill=c.accent, radius=height / 2, tag=tag),
        fitted_block(
            theme,
            chart.callout_label,
            Box(box.x + pad, box.y, box.w - 2 * pad, box.h),
            size=small,
            color=c.on_accent,
            bold=True,
            align="center",
            valign="middle",
            max_lines=1,
            tag=tag,
        ),
    ]


def _legend(chart: EmotionChart, theme: Theme, width: float) -> tuple[list[Primitive], float]:
    """Return the legend entries (a line swatch and a name) flowed into rows, and their height."""
    sizes = theme.sizes
    size = sizes.size("small")
    line = size * sizes.line_height
    chain = theme.font_chain("body")
    swatch = size * 2
    gap = size * 1.5
    most = width / 2 - swatch - gap  # a long name takes at most half a row, then wraps onto a second line
    items: list[Primitive] = []
    x = y = 0.0
    row_height = line
    for series in chart.series:
        name_width = min(text.measure(series.name, chain, size) + 1, most)
        lines = 1 if name_width < most else 2
        entry = swatch + size * 0.4 + name_width
        if x > 0 and x + entry > width:
            x = 0.0
            y += row_height + size * 0.4
            row_height = line
        row_height = max(row_height, line * lines)
        mid = y + line / 2
        items.append(
            Polyline(
                ((x, mid), (x + swatch, mid)),
                color=series.colour,
                width=theme.style.curve_width,
                tag=Tag("legend", persona=series.name),
            )
        )
        items.append(
            fitted_block(
                theme,
                series.name,
                Box(x + swatch + size * 0.4, y, name_width, line * lines),
                size=size,
                color=theme.colours.text,
                max_lines=lines,
                tag=Tag("legend", persona=series.name),
            )
        )
        x += entry + gap
    return items, y + row_height
