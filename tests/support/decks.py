"""Decks for the tests: a client template, a logo, a deck's package parts, a part made in a worker."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture

from mapgen.model import Journeys
from mapgen.renderers.parts import PartSpec, part_scope
from mapgen.renderers.pptx.writer import render_deck_part
from mapgen.themes import load_theme


def logo_png(color: str = "#1d3557") -> bytes:
    """Return a small PNG logo: a red dot and a pale bar on the given colour."""
    image = Image.new("RGB", (240, 80), color)
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 70, 70), fill="#e63946")
    draw.rectangle((90, 30, 220, 50), fill="#f1faee")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def make_template(path: Path, *, potx: bool = False) -> Path:
    """Write a client template: 16:9, a coloured master background and a logo on the master."""
    prs = Presentation()
    scale = 12192000 / prs.slide_width  # type: ignore[operator]
    prs.slide_width = 12192000  # type: ignore[assignment]
    for part in (prs.slide_master, *prs.slide_layouts):
        for xfrm in part._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            off.set("x", str(round(int(off.get("x")) * scale)))
            ext.set("cx", str(round(int(ext.get("cx")) * scale)))
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor(0xFB, 0xF3, 0xE4)
    _part, rId = master.part.get_or_add_image_part(io.BytesIO(logo_png()))
    pic = CT_Picture.new_pic(
        90, "Client logo", "Client logo", rId, 12192000 - 1800000, 150000, 1500000, 500000
    )
    master.shapes._spTree.append(pic)
    prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "A slide of the client's that must go"
    out = io.BytesIO()
    prs.save(out)
    data = out.getvalue()
    if potx:
        data = _retype(data)
    path.write_bytes(data)
    return path


def _retype(data: bytes) -> bytes:
    """Return a .pptx's bytes as a .potx's (the main part typed as a template)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(
                    b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
                )
            target.writestr(info, blob)
    return out.getvalue()


def package_parts(data: bytes) -> dict[str, bytes]:
    """Return every file of a deck's package by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def part_in_worker(args: tuple[str, PartSpec]) -> bytes:
    """Make one deck part in the default theme from a model given as JSON (run in a worker process)."""
    model, spec = args
    journeys = Journeys.from_json(json.loads(model))
    return render_deck_part(part_scope(journeys, spec), spec, load_theme("default"))[0]


def make_section_first_template(path: Path, *, fonts: tuple[str, str] = ("Cambria", "Calibri")) -> Path:
    """Write a 4:3 client template whose first layout is a section header, with its own theme fonts."""
    prs = Presentation()  # python-pptx's default: 4:3, the Office layouts
    layouts = prs.slide_master._element.find(qn("p:sldLayoutIdLst"))
    section = next(
        entry
        for entry, layout in zip(list(layouts), prs.slide_layouts, strict=True)
        if layout.name == "Section Header"
    )
    layouts.remove(section)
    layouts.insert(0, section)
    theme_part = next(
        rel.target_part for rel in prs.slide_master.part.rels.values() if rel.reltype.endswith("/theme")
    )
    xml = theme_part.blob.decode("utf-8")
    for tag, family in zip(("majorFont", "minorFont"), fonts, strict=True):
        start = xml.index(f"<a:{tag}>")
        latin = xml.index('<a:latin typeface="', start) + len('<a:latin typeface="')
        xml = xml[:latin] + family + xml[xml.index('"', latin) :]
    theme_part._blob = xml.encode("utf-8")
    prs.save(str(path))
    return path
