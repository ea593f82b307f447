"""Scene pieces every layout draws alike: fitted text, pictures, smooth curves, emotion markers.

Nothing here imports a painter; Pillow is imported only to read a picture's size.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapgen import text
from mapgen.scene import (
    Align,
    Box,
    Ellipse,
    FontRole,
    Picture,
    Point,
    Polyline,
    Primitive,
    Tag,
    TextBlock,
    VAlign,
)

if TYPE_CHECKING:
    from pathlib import Path

    from mapgen.themes import Theme

SAMPLES = 12  # points per interval of a smoothed curve


def fitted_block(
    theme: Theme,
    source: str,
    box: Box,
    *,
    role: FontRole = "body",
    size: float,
    color: str,
    bold: bool | None = None,
    italic: bool = False,
    align: Align = "left",
    valign: VAlign = "top",
    max_lines: int | None = None,
    min_size: float | None = None,
    tag: Tag | None = None,
) -> TextBlock:
    """Return source fitted into box (wrapped, shrunk to the theme's minimum, then cut)."""
    chain = theme.font_chain(role, bold=bold, italic=italic)
    line_height = theme.sizes.line_height
    fitted = text.fit(
        source,
        chain,
        max(box.w, 1.0),
        max(box.h, 1.0),
        size,
        min(min_size or theme.sizes.minimum, size),
        line_height,
        max_lines=max_lines,
        language=theme.language,
    )
    return TextBlock(
        box=box,
        lines=fitted.lines,
        size=fitted.size,
        color=color,
        font=role,
        bold=bold,
        italic=italic,
        align=align,
        valign=valign,
        line_height=line_height,
        source=source,
        truncated=fitted.truncated,
        tag=tag or Tag("text"),
    )


def picture_in(
    data: bytes, box: Box, *, align: Align = "left", alt: str = "", tag: Tag | None = None
) -> Picture | None:
    """Return image bytes fitted into box keeping their aspect ratio, or None when they cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            kind = (image.format or "png").lower()
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(box.w / width, box.h / height)
    w, h = width * scale, height * scale
    x = box.x + {"left": 0.0, "center": (box.w - w) / 2, "right": box.w - w}[align]
    y = box.y + (box.h - h) / 2
    return Picture(
        Box(x, y, w, h), data, "jpeg" if kind in ("jpeg", "jpg") else kind, alt=alt, tag=tag or Tag("picture")
    )


def logo_picture(path: Path, box: Box, *, align: Align = "left") -> Picture | None:
    """Return the logo fitted into box keeping its aspect ratio, or None when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    picture = picture_in(data, Box(box.x, box.y, box.w, box.h), align=align, alt="logo", tag=Tag("logo"))
    if picture is None:
        return None
    # The logo sits at the top of its box, as a letterhead does.
    return Picture(
        Box(picture.box.x, box.y, picture.box.w, picture.box.h),
        picture.data,
        picture.format,
        picture.alt,
        picture.tag,
    )


def initials(name: str) -> str:
    """Return up to two initials; a name in a script without capitals (CJK) gives its first character."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum() and not w.endswith(".")]
    if not words:
        return name.strip()[:1].upper() or "?"
    first = words[0][0]
    if not first.isupper() and first.upper() == first:  # no case: 李, 東, ...
        return first
    letters = first + (words[-1][0] if len(words) > 1 and words[-1][0].isupper() else "")
    return letters.upper()


def smooth(points: Sequence[Point]) -> list[Point]:
    """Return a monotone cubic through the points (Fritsch-Carlson), sampled: no overshoot past a score."""
    n = len(points)
    if n < 3:
        return list(points)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    slopes = [(ys[i + 1] - ys[i]) / ((xs[i + 1] - xs[i]) or 1e-9) for i in range(n - 1)]
    tangents = [slopes[0]] + [
        0.0 if slopes[i - 1] * slopes[i] <= 0 else (slopes[i - 1] + slopes[i]) / 2 for i in range(1, n - 1)
    ]
    tangents.append(slopes[-1])
    for i in range(n - 1):
        if slopes[i] == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        a, b = tangents[i] / slopes[i], tangents[i + 1] / slopes[i]
        norm = math.hypot(a, b)
        if norm > 3:
            tangents[i] = 3 * a / norm * slopes[i]
            tangents[i + 1] = 3 * b / norm * slopes[i]
    out: list[Point] = [points[0]]
    for i in range(n - 1):
        h = xs[i + 1] - xs[i]
        for k in range(1, SAMPLES + 1):
            t = k / SAMPLES
            h00 = 2 * t**3 - 3 * t**2 + 1
            h10 = t**3 - 2 * t**2 + t
            h01 = -2 * t**3 + 3 * t**2
            h11 = t**3 - t**2
            y = h00 * ys[i] + h10 * h * tangents[i] + h01 * ys[i + 1] + h11 * h * tangents[i + 1]
            out.append((xs[i] + t * h, y))
    return out


def emotion_marker(
    theme: Theme,
    cx: float,
    cy: float,
    r: float,
    colour: str,
    value: float,
    faces: bool,
    persona: str,
    step: int,
    *,
    hollow: bool = False,
) -> list[Primitive]:
    """Return a dot, or a face whose mouth shows the valence when the theme draws faces.

    hollow: a ring in the colour instead of a filled dot (a score inferred, not measured).
    """
    tag = Tag("marker", persona=persona, step=step)
    c = theme.colours
    ink = colour if hollow else c.background  # of the ring's inside features
    if hollow:
        disc = Ellipse(
            Box(cx - r, cy - r, 2 * r, 2 * r),
            fill=c.background,
            stroke=colour,
            stroke_width=max(1.5, r * 0.3),
            tag=tag,
        )
    else:
        disc = Ellipse(
            Box(cx - r, cy - r, 2 * r, 2 * r), fill=colour, stroke=c.background, stroke_width=1.0, tag=tag
        )
    if not (faces and theme.emotion.markers == "faces"):
        return [disc]
    eye = r * 0.16
    out: list[Primitive] = [
        disc,
        Ellipse(Box(cx - r * 0.38 - eye, cy - r * 0.3 - eye, 2 * eye, 2 * eye), fill=ink, tag=tag),
        Ellipse(Box(cx + r * 0.38 - eye, cy - r * 0.3 - eye, 2 * eye, 2 * eye), fill=ink, tag=tag),
    ]
    bend = max(-1.0, min(1.0, value)) * r * 0.3  # smile down (y grows downwards), frown up
    mouth = [
        (cx - r * 0.45 + r * 0.9 * k / 8, cy + r * 0.3 + bend * (1 - (2 * k / 8 - 1) ** 2)) for k in range(9)
    ]
    out.append(Polyline(tuple(mouth), color=ink, width=max(1.0, r * 0.14), tag=tag))
    return out
