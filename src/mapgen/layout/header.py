"""The header of a journey map: photo or avatar, name, role, quote, goals and frustrations.

A service blueprint's header is its name and the words "Service blueprint": it has no persona.
"""

from __future__ import annotations

from mapgen.layout.cells import fit_list
from mapgen.layout.context import Context
from mapgen.layout.shapes import initials, picture_in
from mapgen.model import Step
from mapgen.scene import Box, Ellipse, Primitive, Rect, Tag
from mapgen.stages import is_blueprint


def _items(ctx: Context, key: str) -> list[str]:
    value = ctx.persona.get(key)
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [" ".join(v.split()) for v in values if v and v.strip()]


def header_height(ctx: Context, page_height: float, *, compact: bool = False) -> float:
    """Return the header's height: about a sixth of the page, enough for name, role and quote.

    A compact header, on the pages that continue a map, is one line: the name.
    """
    sizes = ctx.theme.sizes
    if compact:
        return round(
            sizes.size("h1") * sizes.line_height + (4 * ctx.pad if ctx.theme.style.header_band else 0), 2
        )
    needed = sizes.size("h1") * sizes.line_height + sizes.size("body") * sizes.line_height * 4
    return round(max(needed, page_height * 0.17), 2)


def persona_header(ctx: Context, box: Box, *, continued: bool = False) -> list[Primitive]:
    """Return the header primitives laid out in box."""
    theme, persona = ctx.theme, ctx.persona
    c, sizes = theme.colours, theme.sizes
    name = persona.name
    out: list[Primitive] = []
    band = theme.style.header_band
    ink = c.on_header if band else c.text
    soft = c.on_header if band else c.muted
    inner = box
    if band:
        out.append(
            Rect(box, fill=c.header, radius=theme.style.corner_radius, tag=Tag("header", persona=name))
        )
        p = ctx.pad * 2
        inner = Box(box.x + p, box.y + p, box.w - 2 * p, box.h - 2 * p)

    if continued:
        return out + _compact(ctx, inner, ink, soft)

    gap = ctx.pad * 3
    blueprint = is_blueprint(persona)
    left = inner.x
    if not blueprint:
        # A service blueprint maps a process, not a person: no portrait, no avatar.
        out += _portrait(ctx, inner)
        left = inner.x + _portrait_side(inner) + gap
    remaining = inner.right - left
    profile_w = remaining * 0.42
    y = inner.y
    title = f"{name} ({theme.labels.continued})" if continued else name
    h1 = sizes.size("h1")
    block = ctx.text(
        title,
        Box(left, y, profile_w, h1 * sizes.line_height),
        Tag("title", persona=name),
        size=h1,
        color=ink,
        role="heading",
        max_lines=1,
        what="persona's name",
    )
    out.append(block)
    y += block.box.h + ctx.pad * 0.5
    body = sizes.size("body")
    role = theme.labels.service_blueprint if blueprint else persona.get("role")
    if isinstance(role, str) and role.strip():
        block = ctx.text(
            role.strip(),
            Box(left, y, profile_w, body * sizes.line_height),
            Tag("role", persona=name),
            size=body,
            color=soft,
            max_lines=1,
            what="role",
        )
        out.append(block)
        y += block.box.h + ctx.pad * 0.5
    quote = persona.get("quote")
    if isinstance(quote, str) and quote.strip() and inner.bottom - y >= body * sizes.line_height:
        text = quote.strip()
        if text[0] not in "“\"«„'‘":
            text = f"“{text}”"
        out.append(
            ctx.text(
                text,
                Box(left, y, profile_w, inner.bottom - y),
                Tag("quote", persona=name),
                size=body,
                color=ink,
                italic=True,
                what="quote",
            )
        )

    # Right of the profile: the project, then goals and frustrations in brief.
    right = left + profile_w + gap
    right_w = inner.right - right
    small = sizes.size("small")
    project = " · ".join(
        v for v in (ctx.journeys.project.title, ctx.journeys.project.client) if v and v.strip()
    )
    top = inner.y
    if project:
        out.append(
            ctx.text(
                project,
                Box(right, top, right_w, small * sizes.line_height),
                Tag("project", persona=name),
                size=small,
                color=soft,
                align="right",
                max_lines=1,
                what="project title",
            )
        )
        top += small * sizes.line_height + ctx.pad
    lists = [
        (key, label, items)
        for key, label in (("goals", theme.labels.goals), ("frustrations", theme.labels.frustrations))
        if (items := _items(ctx, key))
    ]
    if not lists:
        return out
    col_w = (right_w - gap * (len(lists) - 1)) / len(lists)
    h3 = sizes.size("h3")
    for k, (key, label, items) in enumerate(lists):
        x = right + k * (col_w + gap)
        marker = c.pain if key == "frustrations" else c.opportunity
        out.append(
            Rect(Box(x, top, 3, inner.bottom - top), fill=marker, tag=Tag(f"{key}-marker", persona=name))
        )
        heading = ctx.text(
            label,
            Box(x + 8, top, col_w - 8, h3 * sizes.line_height),
            Tag(f"{key}-label", persona=name),
            size=small + 1,
            color=ink,
            role="heading",
            bold=True,
            max_lines=1,
        )
        out.append(heading)
        y = top + heading.box.h
        listed: list[tuple[str, Step | None]] = [(item, None) for item in items]
        box = Box(x + 8, y, col_w - 8, max(inner.bottom - y, small * sizes.line_height))
        tag = Tag(key, persona=name)
        least = sizes.minimum
        out.append(fit_list(ctx, listed, box, small, tag, label.lower(), color=ink, min_size=least))
    return out


def _portrait(ctx: Context, inner: Box) -> list[Primitive]:
    """Return the persona's photo at the header's left, else an avatar of their initials."""
    c, persona = ctx.theme.colours, ctx.persona
    name = persona.name
    out: list[Primitive] = []
    side = _portrait_side(inner)
    portrait = Box(inner.x, inner.y + (inner.h - side) / 2, side, side)
    photo = persona.photo
    picture = (
        picture_in(
            photo.data, portrait, align="center", alt=f"Photo of {name}", tag=Tag("photo", persona=name)
        )
        if photo
        else None
    )
    if picture is not None:
        out.append(picture)
    else:
        index = ctx.index
        out.append(Ellipse(portrait, fill=c.stage_colour(index), tag=Tag("avatar", persona=name)))
        inset = side * 0.15
        out.append(
            ctx.text(
                initials(name),
                Box(portrait.x + inset, portrait.y + inset, side - 2 * inset, side - 2 * inset),
                Tag("avatar", persona=name),
                size=round(side * 0.36, 1),
                color=c.on_stage_colour(index),
                role="heading",
                bold=True,
                align="center",
                valign="middle",
                max_lines=1,
            )
        )
    return out


def _portrait_side(inner: Box) -> float:
    """Return the side of the square the photo or avatar takes at the header's left."""
    return min(inner.h, inner.w * 0.14)


def _compact(ctx: Context, box: Box, ink: str, soft: str) -> list[Primitive]:
    """Return the one-line header of a continued page: the name, and the project at the right."""
    theme, name = ctx.theme, ctx.persona.name
    sizes = theme.sizes
    h1, small = sizes.size("h1"), sizes.size("small")
    out: list[Primitive] = [
        ctx.text(
            f"{name} ({theme.labels.continued})",
            Box(box.x, box.y, box.w * 0.6, h1 * sizes.line_height),
            Tag("title", persona=name),
            size=h1,
            color=ink,
            role="heading",
            max_lines=1,
            what="persona's name",
        )
    ]
    project = " · ".join(
        v for v in (ctx.journeys.project.title, ctx.journeys.project.client) if v and v.strip()
    )
    if project:
        out.append(
            ctx.text(
                project,
                Box(box.x + box.w * 0.62, box.y, box.w * 0.38, h1 * sizes.line_height),
                Tag("project", persona=name),
                size=small,
                color=soft,
                align="right",
                valign="middle",
                max_lines=1,
                what="project title",
            )
        )
    return out
