"""What every slide builder of the deck plan shares: the context, titles, pictures, placed scenes.

Pure: no python-pptx. The builders live in plan.front (cover, agenda), plan.story (key findings,
top moves), plan.persona (profile, journey map, emotion curve), plan.tabular (tables and the
comparison of personas) and plan.actionplan (the action plan); plan.parts puts them together.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mapgen.model import Journeys, Persona, Problem, Scale, Step
from mapgen.renderers.pptx.deck import ChartSeries, Frame, JourneyLayout, LineChart
from mapgen.renderers.pptx.plan.fit import fit_block
from mapgen.scene import (
    Box,
    Ellipse,
    Picture,
    Point,
    Polygon,
    Polyline,
    Primitive,
    Rect,
    Scene,
    Tag,
    TextBlock,
)
from mapgen.scores import axis_step, chart_format, scale_text
from mapgen.stages import persona_stages
from mapgen.themes.lines import footer_line, project_title

if TYPE_CHECKING:
    from mapgen.themes import Colours, SizeRole, Theme

__all__ = [
    "Ctx",
    "contain",
    "continued",
    "deck_image",
    "deck_title",
    "document_properties",
    "footer_text",
    "image_size",
    "indexed_steps",
    "logo",
    "ordered_stages",
    "picture",
    "profile_list",
    "profile_text",
    "scene_items",
    "score_chart",
    "slide_gap",
    "slide_title",
    "translate",
]

# Formats a deck can hold as they are; anything else is converted to PNG first.
_DECK_IMAGE_FORMATS = frozenset({"png", "jpeg", "gif"})


@dataclass
class Ctx:
    """What every builder needs, and the problems they find."""

    journeys: Journeys
    theme: Theme
    frame: Frame
    layout_journey: JourneyLayout
    problems: list[Problem] = field(default_factory=list)

    @property
    def c(self) -> Colours:
        """Return the theme's colours."""
        return self.theme.colours

    def size(self, role: SizeRole) -> float:
        """Return the theme's type size of a role, in points."""
        return self.theme.sizes.size(role)

    @property
    def lh(self) -> float:
        """Return the theme's line height, a multiple of the size."""
        return self.theme.sizes.line_height

    @property
    def gap(self) -> float:
        """Return the space between boxes on a slide."""
        return slide_gap(self.frame)

    def warn(self, message: str, persona: Persona | None = None, cell: str | None = None) -> None:
        """Report a warning, located at the persona's sheet (and a cell) when known."""
        self.problems.append(
            Problem("warning", message, sheet=persona.sheet if persona else None, cell=cell or None)
        )

    def note(self, message: str) -> None:
        """Report what the deck did by design (a table going on over another slide): no fault."""
        self.problems.append(Problem("note", message))


def slide_gap(frame: Frame) -> float:
    """Return the space between boxes on a slide of the frame."""
    return round(frame.height / 36, 2)  # 15 pt on a 540 pt slide


def deck_title(journeys: Journeys, theme: Theme) -> str:
    """Return the deck's title: the workbook's, else the theme's default title (never a file name)."""
    return project_title(journeys.project, theme)


def document_properties(journeys: Journeys, theme: Theme) -> tuple[str, str, str, str]:
    """Return the deck's title, author, subject and description (the project's, white space tidied)."""
    p = journeys.project
    title = deck_title(journeys, theme)
    return title, p.prepared_by or "", p.client or "", " ".join((p.description or "").split())


def footer_text(journeys: Journeys, theme: Theme) -> str:
    """Return the footer line of the deck's slides."""
    return footer_line(journeys.project, theme)


def slide_title(ctx: Ctx, source: str) -> TextBlock:
    """Return a content slide's title fitted to the frame's title box (title size down to h2)."""
    block = fit_block(
        source,
        ctx.theme,
        ctx.frame.title,
        size=ctx.size("title"),
        min_size=ctx.size("h2"),
        color=ctx.c.text,
        font="heading",
        valign="bottom",
        tag=Tag("title"),
    )
    if block.truncated:
        ctx.warn(f"the slide title {source!r} is too long for the slide and is cut")
    return block


def continued(ctx: Ctx, title: str, part: int) -> str:
    """Return the title of a slide's continuation: "Title (continued)" after the first part."""
    return f"{title} ({ctx.theme.labels.continued})" if part else title


def image_size(data: bytes) -> tuple[int, int] | None:
    """Return an image's pixel size, or None when Pillow cannot read it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def contain(box: Box, size: tuple[int, int], align: str = "center") -> Box:
    """Return the largest box of the image's aspect ratio inside box (centred, or left/right)."""
    w, h = size
    scale = min(box.w / w, box.h / h)
    fw, fh = w * scale, h * scale
    x = box.x + (box.w - fw) / 2
    if align == "left":
        x = box.x
    elif align == "right":
        x = box.right - fw
    return Box(round(x, 3), round(box.y + (box.h - fh) / 2, 3), round(fw, 3), round(fh, 3))


def deck_image(data: bytes, fmt: str) -> tuple[bytes, str]:
    """Return image bytes in a format a deck holds (PNG for anything unusual)."""
    fmt = fmt.lower()
    if fmt in _DECK_IMAGE_FORMATS:
        return data, fmt
    from PIL import Image

    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.save(out, format="PNG")
    return out.getvalue(), "png"


def picture(data: bytes, fmt: str, box: Box, alt: str, tag: Tag, align: str = "center") -> Picture | None:
    """Return an image fitted into box, or None when it cannot be read."""
    size = image_size(data)
    if size is None or not size[0] or not size[1]:
        return None
    data, fmt = deck_image(data, fmt)
    return Picture(contain(box, size, align), data, fmt, alt=alt, tag=tag)


def logo(ctx: Ctx, box: Box, align: str = "right") -> Picture | None:
    """Return the theme's logo fitted into box, or None when the theme or the template has none."""
    path = ctx.theme.logo
    if path is None or ctx.frame.logo:
        return None  # one logo: a template's own wins
    data = path.read_bytes()
    fmt = "png" if data.startswith(b"\x89PNG") else "jpeg"
    alt = f"{ctx.journeys.project.client} logo" if ctx.journeys.project.client else "Logo"
    return picture(data, fmt, box, alt, Tag("logo"), align)


def profile_text(persona: Persona, key: str) -> str:
    """Return a one-line profile value, white space collapsed ("" when absent or a list)."""
    value = persona.get(key)
    if isinstance(value, str):
        return " ".join(value.split())
    return ""


def profile_list(persona: Persona, key: str) -> list[str]:
    """Return a profile value as a list of items (a single text is a list of one)."""
    value = persona.get(key)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [" ".join(v.split()) for v in items if v and v.strip()]


def ordered_stages(journeys: Journeys, persona: Persona | None = None) -> list[str]:
    """Return a persona's own stages; without one, the deck's order, then any stage a persona adds."""
    if persona is not None:
        return persona_stages(journeys, persona)
    names = [s.name for s in journeys.stages]
    steps = [s for p in journeys.personas for s in p.steps]
    for step in steps:
        if step.stage not in names:
            names.append(step.stage)
    return names


def indexed_steps(persona: Persona, stage: str) -> list[tuple[int, Step]]:
    """Return the persona's steps in a stage, each with its index in the whole journey."""
    return [(i, s) for i, s in enumerate(persona.steps) if s.stage == stage]


def translate(item: Primitive, dx: float, dy: float) -> Primitive:
    """Return a scene primitive moved by (dx, dy) points."""
    if dx == 0 and dy == 0:
        return item
    if isinstance(item, Rect | Ellipse | TextBlock | Picture):
        box = item.box
        return dataclasses.replace(item, box=Box(box.x + dx, box.y + dy, box.w, box.h))
    moved: tuple[Point, ...] = tuple((x + dx, y + dy) for x, y in item.points)
    if isinstance(item, Polygon):
        return dataclasses.replace(item, points=moved)
    if isinstance(item, Polyline):
        return dataclasses.replace(item, points=moved)
    raise TypeError(f"not a scene primitive: {type(item).__name__}")


def scene_items(scene: Scene, box: Box) -> tuple[Primitive, ...]:
    """Return a scene's primitives moved into a box on the slide (the scene is laid out at its size)."""
    return tuple(translate(item, box.x, box.y) for item in scene.items)


def score_chart(
    ctx: Ctx,
    box: Box,
    categories: Sequence[str],
    series: tuple[ChartSeries, ...],
    scale: Scale,
    size: float,
    *,
    legend: bool,
    alt: str,
    name: str,
    plot: Box | None = None,
) -> LineChart:
    """Return a native line chart of scores on the client's scale, in the deck's look."""
    theme, c, labels = ctx.theme, ctx.theme.colours, ctx.theme.labels
    return LineChart(
        box=box,
        categories=tuple(categories),
        series=series,
        y_min=scale.low,
        y_max=scale.high,
        y_step=axis_step(scale),
        y_format=chart_format(scale),
        font=theme.office_font("body"),
        axis_size=size,
        label_size=size,
        text_color=c.text,
        muted_color=c.muted,
        grid_color=c.border,
        emphasis_color=c.accent,
        legend=legend,
        smooth=False,  # a smoothed line overshoots the scores it passes through
        alt=alt,
        name=name,
        plot=plot,
        y_title=f"{labels.score} ({scale_text(scale, labels)})",
    )
