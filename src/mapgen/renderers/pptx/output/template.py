"""The presentation a deck is built on: a client's template (.pptx or .potx), or the built-in look.

A client's template is opened as the base: its slides are removed, and its layouts are found by
role from their placeholder types (never their names, which are translated and renamed): the
title slide (centre title and subtitle), title and content (title and a body or content
placeholder) and blank. Their placeholders give the frame: where titles and content go.

Without a template, python-pptx's own default presentation is the base: its slide size is set to
the theme's, its master and layouts are stretched to match, and the master's background and
text styles take the theme's colours and fonts, so a slide the client adds later matches too.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from mapgen import colors
from mapgen.errors import InputError
from mapgen.model import Problem
from mapgen.renderers.pptx.deck import Frame, LayoutRole, default_frame
from mapgen.renderers.pptx.output import pptx_internals
from mapgen.renderers.pptx.output.drawingml import element, parse, qn, rgb, serialize, srgb, sub_element
from mapgen.renderers.pptx.output.text import EMU_PER_PT, emu
from mapgen.scene import Box

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

    from mapgen.themes import Theme

__all__ = [
    "Base",
    "LayoutKind",
    "find_layouts",
    "has_logo",
    "inner_box",
    "open_base",
    "open_presentation",
    "placeholder",
    "theme_fonts",
    "theme_text_colour",
]

# The kinds of layout found in a base by their placeholders; a slide asks for a deck.LayoutRole
# (cover or content) and gets the first of these its role falls back to.
LayoutKind = Literal["cover", "content", "title_only", "section", "blank"]
_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
# PowerPoint's default text insets: 0.1 inch left and right, 0.05 inch top and bottom.
_DEFAULT_INSETS = (7.2, 3.6, 7.2, 3.6)


@dataclass
class Base:
    """The opened presentation, its layouts by role, and the frame the plan is fitted to."""

    prs: PresentationT
    layouts: dict[LayoutKind, SlideLayout]
    frame: Frame
    template: Path | None
    problems: list[Problem] = field(default_factory=list)

    def layout_for(self, role: LayoutRole) -> SlideLayout:
        """Return the layout a slide of a role is made from (falling back by role)."""
        order: tuple[LayoutKind, ...] = (
            ("cover", "content", "title_only", "blank")
            if role == "cover"
            else ("content", "title_only", "blank")
        )
        for name in order:
            if name in self.layouts:
                return self.layouts[name]
        # No layout of a known role: any but a section header, which would style content as one.
        section = self.layouts.get("section")
        return next((lay for lay in self.prs.slide_layouts if lay is not section), self.prs.slide_layouts[0])


def open_presentation(path: Path) -> PresentationT:
    """Open a .pptx or .potx file with python-pptx (a template is read as a presentation)."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError.at(str(path), f"cannot read the deck template: {error.strerror or error}") from None
    try:
        return Presentation(io.BytesIO(_as_presentation(data)))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise InputError.at(str(path), f"not a usable PowerPoint template: {error}") from None


def _as_presentation(data: bytes) -> bytes:
    """Return a .potx's bytes with its main part typed as a presentation's (python-pptx #1070).

    A template differs from a presentation only in the content type of ppt/presentation.xml,
    which python-pptx refuses; the zip is rewritten in place with that one type changed.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                blob = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    blob = types.replace(_TEMPLATE_MAIN, _PRESENTATION_MAIN)
                target.writestr(info, blob)
    return out.getvalue()


def open_base(theme: Theme, template: Path | None) -> Base:
    """Return the base presentation: the template's (its slides removed) or the built-in look."""
    if template is None:
        return _builtin(theme)
    prs = open_presentation(template)
    pptx_internals.remove_slides(prs)
    layouts = find_layouts(prs)
    problems: list[Problem] = []
    width = prs.slide_width / EMU_PER_PT if prs.slide_width else theme.slide.width
    height = prs.slide_height / EMU_PER_PT if prs.slide_height else theme.slide.height
    if abs(width / height - theme.slide.width / theme.slide.height) > 0.02:
        problems.append(
            Problem(
                "warning",
                f"the template's slides are {width:g} x {height:g} pt, not {theme.slide.size} as the theme "
                "says: the deck keeps the template's size",
                file=str(template),
            )
        )
    if "content" not in layouts and "title_only" not in layouts:
        problems.append(
            Problem(
                "warning",
                "the template has no layout with a title placeholder: titles are added as text boxes",
                file=str(template),
            )
        )
    background = _master_background(prs)
    if background is not None:
        ratio = colors.contrast_ratio(theme.colours.text, background)
        if ratio < colors.AA_TEXT:
            problems.append(
                Problem(
                    "warning",
                    f"the theme's text colour {theme.colours.text} has a contrast ratio of {ratio:.2f}:1 on "
                    f"the template's background {background}: choose a theme that matches the template",
                    file=str(template),
                )
            )
    frame = _template_frame(theme, layouts, width, height)
    frame = dataclasses.replace(
        frame, fonts=theme_fonts(prs), logo=has_logo(prs, layouts), text_colour=theme_text_colour(prs)
    )
    return Base(prs, layouts, frame, template, problems)


def _types(layout: SlideLayout) -> set[PP_PLACEHOLDER]:
    return {ph.placeholder_format.type for ph in _placeholders(layout)}


def find_layouts(prs: PresentationT) -> dict[LayoutKind, SlideLayout]:
    """Return the first layout of each role, found by what it is for.

    The placeholder types decide first (a centre title and a subtitle: the cover; a title and a
    content placeholder, or a body of at least a third of the slide: content; a title alone:
    title only; nothing: blank), then the layout's type and name: a section header (its title
    and a small body) is never taken for content, whatever its place among the layouts.
    """
    area = float((prs.slide_width or 1) * (prs.slide_height or 1))
    found: dict[LayoutKind, SlideLayout] = {}
    for layout in prs.slide_layouts:
        types = _types(layout)
        has_title = bool(types & set(_TITLES))
        others = types - {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
        body = _body(layout)
        large = body is not None and (
            body.placeholder_format.type == PP_PLACEHOLDER.OBJECT or body.width * body.height >= area / 3
        )
        role: LayoutKind | None = None
        if _is_section(layout):
            role = "section"
        elif PP_PLACEHOLDER.CENTER_TITLE in types and PP_PLACEHOLDER.SUBTITLE in types:
            role = "cover"
        elif PP_PLACEHOLDER.TITLE in types and types & set(_BODIES) and large:
            role = "content"
        elif has_title and others <= set(_TITLES):
            role = "title_only"
        elif not others:
            role = "blank"
        if role is not None and role not in found:
            found[role] = layout
    return found


def _is_section(layout: SlideLayout) -> bool:
    """Return True for a section header, by the layout's type, else its name (in a few languages)."""
    kind = str(pptx_internals.xml_element(layout).get("type") or "cust")
    if kind != "cust":  # a custom layout's type says nothing: its name does
        return kind == "secHead"
    name = (layout.name or "").casefold()
    return any(word in name for word in ("section", "abschnitt", "sección", "seção", "sezione"))


def theme_fonts(prs: PresentationT) -> tuple[str, str] | None:
    """Return the (major, minor) Latin fonts of the template's Office theme, when it names both."""
    root = parse(pptx_internals.read_theme_part(prs).decode("utf-8"))
    names = []
    for tag in ("a:majorFont", "a:minorFont"):
        latin = root.find(f".//{qn(tag)}/{qn('a:latin')}")
        face = latin.get("typeface", "") if latin is not None else ""
        if not face or face.startswith("+"):
            return None
        names.append(face)
    return names[0], names[1]


def theme_text_colour(prs: PresentationT) -> str | None:
    """Return the template's dark text colour (its Office theme's dk1) as "#rrggbb", if it has one."""
    root = parse(pptx_internals.read_theme_part(prs).decode("utf-8"))
    slot = root.find(f".//{qn('a:clrScheme')}/{qn('a:dk1')}")
    if slot is None or not len(slot):
        return None
    colour = slot[0]
    value = colour.get("val") if colour.tag == qn("a:srgbClr") else colour.get("lastClr")
    if not value or len(value) != 6:
        return None
    return f"#{value.lower()}"


def has_logo(prs: PresentationT, layouts: dict[LayoutKind, SlideLayout]) -> bool:
    """Return True when the master or a layout the deck uses shows a picture (the client's logo)."""
    parts = [prs.slide_master, *(layouts[k] for k in ("cover", "content", "title_only") if k in layouts)]
    pictures = f".//{qn('p:cSld')}/{qn('p:spTree')}//{qn('p:pic')}"
    return any(pptx_internals.xml_element(part).find(pictures) is not None for part in parts)


def placeholder(layout: SlideLayout, kinds: tuple[PP_PLACEHOLDER, ...]) -> Any | None:
    """Return the layout's first placeholder of one of the kinds."""
    for ph in _placeholders(layout):
        if ph.placeholder_format.type in kinds:
            return ph
    return None


def _placeholders(layout: SlideLayout) -> list[Any]:
    # python-pptx's typing of the placeholders collection does not admit iteration.
    collection: Any = layout.placeholders
    return list(collection)


def _body(layout: SlideLayout) -> Any | None:
    """Return the largest body or content placeholder of a layout (where content goes)."""
    bodies = [
        ph for ph in _placeholders(layout) if ph.placeholder_format.type in _BODIES and ph.width and ph.height
    ]
    if not bodies:
        return None
    return max(bodies, key=lambda ph: ph.width * ph.height)


def _box(shape: Any) -> Box:
    return Box(
        shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT, shape.height / EMU_PER_PT
    )


def _insets(shape: Any) -> tuple[float, float, float, float]:
    """Return a placeholder's text insets (l, t, r, b), from the layout, else the master, else Office's."""
    values = list(_DEFAULT_INSETS)
    chain = [pptx_internals.xml_element(shape)]
    master_ph = pptx_internals.inherited_placeholder(shape)
    if master_ph is not None:
        chain.append(master_ph)
    for k, name in enumerate(("lIns", "tIns", "rIns", "bIns")):
        for node in chain:
            bodyPr = node.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            if bodyPr is not None and bodyPr.get(name) is not None:
                values[k] = int(bodyPr.get(name)) / EMU_PER_PT
                break
    return values[0], values[1], values[2], values[3]


def inner_box(shape: Any) -> Box:
    box = _box(shape)
    left, top, right, bottom = _insets(shape)
    return Box(box.x + left, box.y + top, max(box.w - left - right, 1.0), max(box.h - top - bottom, 1.0))


def _template_frame(
    theme: Theme, layouts: dict[LayoutKind, SlideLayout], width: float, height: float
) -> Frame:
    fallback = default_frame(theme, width, height)
    content = layouts.get("content") or layouts.get("title_only")
    title = body = None
    if content is not None:
        ph = placeholder(content, _TITLES)
        title = inner_box(ph) if ph is not None else None
        body_ph = _body(content)
        if body_ph is not None:
            body = _box(body_ph)
    if title is None:
        title = fallback.title
    if body is None:
        top = title.bottom + fallback.body.y - fallback.title.bottom
        body = Box(fallback.body.x, top, fallback.body.w, max(fallback.body.bottom - top, height * 0.3))
    footer = None
    footer_ph = placeholder(content, (PP_PLACEHOLDER.FOOTER,)) if content is not None else None
    if footer_ph is not None:
        footer = inner_box(footer_ph)
    cover_title, cover_subtitle = fallback.cover_title, fallback.cover_subtitle
    cover = layouts.get("cover")
    if cover is not None:
        ph = placeholder(cover, (PP_PLACEHOLDER.CENTER_TITLE,))
        sub = placeholder(cover, (PP_PLACEHOLDER.SUBTITLE,))
        if ph is not None:
            cover_title = inner_box(ph)
        if sub is not None:
            cover_subtitle = inner_box(sub)
    elif content is not None:
        cover_title, cover_subtitle = title, body
    return Frame(width, height, title, body, cover_title, cover_subtitle, footer, template=True)


def _master_background(prs: PresentationT) -> str | None:
    """Return the master's solid background colour as "#rrggbb", when it has one."""
    master = pptx_internals.xml_element(prs.slide_master)
    color = master.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
    if color is None:
        return None
    return "#" + str(color.get("val", "FFFFFF")).lower()


# ---------------------------------------------------------------------------------------------
# The built-in look


def _builtin(theme: Theme) -> Base:
    from pptx import Presentation

    prs = Presentation()
    old_w, old_h = prs.slide_width or 1, prs.slide_height or 1
    new_w, new_h = emu(theme.slide.width), emu(theme.slide.height)
    prs.slide_width = Emu(new_w)
    prs.slide_height = Emu(new_h)
    # The default template is 4:3: stretch its master and layouts so added slides fit the new size.
    for part in (prs.slide_master, *prs.slide_layouts):
        _scale_shapes(pptx_internals.xml_element(part), new_w / old_w, new_h / old_h)
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = rgb(theme.colours.background)
    _master_styles(pptx_internals.xml_element(master), theme)
    _restyle_office_theme(prs, theme)
    layouts = find_layouts(prs)
    # The built-in look puts content slides on "Title Only": no empty body placeholder to remove.
    if "title_only" in layouts:
        layouts["content"] = layouts["title_only"]
    return Base(prs, layouts, default_frame(theme), None)


def _scale_shapes(element: Any, sx: float, sy: float) -> None:
    for xfrm in element.iter(qn("a:xfrm")):
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None:
            off.set("x", str(round(int(off.get("x")) * sx)))
            off.set("y", str(round(int(off.get("y")) * sy)))
        if ext is not None:
            ext.set("cx", str(round(int(ext.get("cx")) * sx)))
            ext.set("cy", str(round(int(ext.get("cy")) * sy)))


def _master_styles(master: Any, theme: Theme) -> None:
    """Give the master's title, body and other text styles the theme's fonts and text colour."""
    styles = master.find(qn("p:txStyles"))
    if styles is None:
        return
    for style_tag, role in (("p:titleStyle", "heading"), ("p:bodyStyle", "body"), ("p:otherStyle", "body")):
        style = styles.find(qn(style_tag))
        if style is None:
            continue
        family = theme.office_font(role)  # type: ignore[arg-type]
        for level in style:
            if not level.tag.endswith("pPr") or not level.tag.split("}")[1].startswith("lvl"):
                continue
            defRPr = level.find(qn("a:defRPr"))
            if defRPr is None:
                defRPr = sub_element(level, "a:defRPr")
            for tag in ("a:solidFill", "a:latin", "a:ea", "a:cs"):
                for child in defRPr.findall(qn(tag)):
                    defRPr.remove(child)
            fill = element("a:solidFill")
            sub_element(fill, "a:srgbClr", val=theme.colours.text.lstrip("#").upper())
            # defRPr order: ln, fill, effects, highlight, uLnTx/uLn, uFillTx/uFill, latin, ea, cs, ...
            position = 1 if defRPr.find(qn("a:ln")) is not None else 0
            defRPr.insert(position, fill)
            insert_at = _font_position(defRPr)
            for k, slot in enumerate(("a:latin", "a:ea", "a:cs")):
                defRPr.insert(insert_at + k, element(slot, typeface=family))


def _font_position(defRPr: Any) -> int:
    after = {qn(t) for t in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")}
    for i, child in enumerate(defRPr):
        if child.tag in after:
            return i
    return len(defRPr)


def _restyle_office_theme(prs: PresentationT, theme: Theme) -> None:
    """Put the theme's colours and fonts into the Office theme, for what the client adds later.

    A chart or shape the client inserts takes accent 1..6, and new text the theme's major and
    minor fonts: they become the series colours and the heading and body fonts.
    """
    root = parse(pptx_internals.read_theme_part(prs).decode("utf-8"))
    c = theme.colours
    scheme = {
        "dk1": c.text,
        "lt1": c.background,
        "dk2": c.primary,
        "lt2": c.surface,
        **{f"accent{i + 1}": c.series_colour(i) for i in range(6)},
        "hlink": c.primary,
        "folHlink": c.muted,
    }
    colours = root.find(f".//{qn('a:clrScheme')}")
    for name, value in scheme.items():
        slot = colours.find(qn(f"a:{name}")) if colours is not None else None
        if slot is None:
            continue
        for child in list(slot):
            slot.remove(child)
        sub_element(slot, "a:srgbClr", val=srgb(value))
    for tag, role in (("a:majorFont", "heading"), ("a:minorFont", "body")):
        latin = root.find(f".//{qn(tag)}/{qn('a:latin')}")
        if latin is not None:
            latin.set("typeface", theme.office_font(role))  # type: ignore[arg-type]
    pptx_internals.write_theme_part(prs, serialize(root))
