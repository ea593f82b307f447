"""The scene painter: every Scene primitive becomes the native, editable PowerPoint shape it should be."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from mapgen.renderers.pptx.deck import Paragraph, TextFrame
from mapgen.renderers.pptx.output.scene import paint_scene_items
from mapgen.renderers.pptx.output.text import block_paragraphs
from mapgen.scene import Box, Ellipse, Picture, Polygon, Polyline, Rect, Scene, Tag, TextBlock
from mapgen.themes import load_theme

THEME = load_theme("default")
EMU = 12700


def _png(color: str, size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


PHOTO = _png("#336699")
c = THEME.colours
SCENE = Scene(
    width=960,
    height=540,
    background=c.background,
    items=(
        Rect(
            Box(20, 20, 200, 100), fill=c.surface, stroke=c.border, stroke_width=1, radius=8, tag=Tag("card")
        ),
        Rect(Box(240, 20, 100, 50), fill=c.primary, tag=Tag("band", stage="Awareness")),
        Polygon(
            ((360, 20), (480, 20), (500, 45), (480, 70), (360, 70), (380, 45)),
            fill=c.stage_colour(0),
            tag=Tag("stage-header", stage="Awareness"),
        ),
        Polyline(
            ((20, 200), (120, 150), (220, 260), (320, 180)), color=c.primary, width=2.5, tag=Tag("curve")
        ),
        Polyline(((20, 300), (900, 300)), color=c.border, width=1, dash=(3, 2), tag=Tag("zero-line")),
        Ellipse(Box(115, 145, 10, 10), fill=c.emotion_negative, tag=Tag("marker", step=1)),
        TextBlock(
            Box(20, 320, 160, 40),
            ("Compares delivery fees", "with two rivals"),
            10,
            c.text,
            source="Compares delivery fees with two rivals",
            tag=Tag("card", persona="Renée", stage="Consideration", lane="actions", step=1),
        ),
        TextBlock(
            Box(200, 320, 160, 60),
            ("Goals", "Plan meals for the", "week"),
            12,
            c.text,
            font="heading",
            align="center",
            valign="middle",
            source="Goals\nPlan meals for the week",
            tag=Tag("card"),
        ),
        TextBlock(Box(380, 320, 200, 20), ("Dr. Li Wei (李伟)",), 10, c.text, source="Dr. Li Wei (李伟)"),
        TextFrame(
            Box(600, 320, 200, 60),
            (
                Paragraph(("First idea",), 10, c.text, bullet="•", indent=10),
                Paragraph(("Second idea",), 10, c.text, bullet="•", indent=10, space_before=3),
            ),
            source="First idea\nSecond idea",
        ),
        Picture(Box(700, 20, 40, 30), PHOTO, "png", alt="Photo of Renée", tag=Tag("photo", persona="Renée")),
        Picture(Box(760, 20, 40, 30), PHOTO, "png", alt="Photo of Renée, again", tag=Tag("photo")),
    ),
)


@pytest.fixture(scope="module")
def painted() -> tuple[bytes, list[object]]:
    prs = Presentation()
    prs.slide_width, prs.slide_height = 960 * EMU, 540 * EMU
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    paint_scene_items(slide.shapes, SCENE.items, THEME)
    out = io.BytesIO()
    prs.save(out)
    data = out.getvalue()
    return data, list(Presentation(io.BytesIO(data)).slides[0].shapes)


def _geometry(shape: object) -> str:
    spPr = shape._element.find(qn("p:spPr"))  # type: ignore[attr-defined]
    prst = spPr.find(qn("a:prstGeom"))
    return prst.get("prst") if prst is not None else "custom"


def test_one_shape_per_primitive_in_paint_order(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    assert len(shapes) == len(SCENE.items)
    kinds = [_geometry(s) if not hasattr(s, "image") else "picture" for s in shapes]
    assert kinds == [
        "roundRect",
        "rect",
        "custom",
        "custom",
        "line",
        "ellipse",
        "rect",
        "rect",
        "rect",
        "rect",
        "picture",
        "picture",
    ]


def test_rounded_rectangle_keeps_the_corner_radius_and_colours(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    card = shapes[0]
    assert card.left == 20 * EMU and card.width == 200 * EMU  # type: ignore[attr-defined]
    # The corner radius is the adjustment times the shorter side.
    assert card.adjustments[0] * 100 == pytest.approx(8, abs=0.01)  # type: ignore[attr-defined]
    assert str(card.fill.fore_color.rgb) == c.surface.lstrip("#").upper()  # type: ignore[attr-defined]
    assert str(card.line.color.rgb) == c.border.lstrip("#").upper()  # type: ignore[attr-defined]
    # No theme style: no inherited shadow or outline.
    assert card._element.find(qn("p:style")) is None  # type: ignore[attr-defined]


def test_polygon_is_a_closed_filled_freeform(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    chevron = shapes[2]._element  # type: ignore[attr-defined]
    path = chevron.find(".//" + qn("a:path"))
    assert path.find(qn("a:close")) is not None
    assert len(path.findall(qn("a:lnTo"))) == 5
    fill = chevron.find(qn("p:spPr")).find(qn("a:solidFill"))
    assert fill.find(qn("a:srgbClr")).get("val") == c.stage_colour(0).lstrip("#").upper()


def test_polyline_is_an_open_unfilled_freeform_line(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    curve = shapes[3]._element  # type: ignore[attr-defined]
    path = curve.find(".//" + qn("a:path"))
    assert path.find(qn("a:close")) is None
    assert len(path.findall(qn("a:lnTo"))) == 3
    spPr = curve.find(qn("p:spPr"))
    assert spPr.find(qn("a:noFill")) is not None
    ln = spPr.find(qn("a:ln"))
    assert int(ln.get("w")) == round(2.5 * EMU)
    assert ln.find(qn("a:solidFill")).find(qn("a:srgbClr")).get("val") == c.primary.lstrip("#").upper()
    # The shape spans the points: from (20, 150) to (320, 260).
    assert (shapes[3].left, shapes[3].top) == (20 * EMU, 150 * EMU)  # type: ignore[attr-defined]
    assert (shapes[3].width, shapes[3].height) == (300 * EMU, 110 * EMU)  # type: ignore[attr-defined]


def test_straight_dashed_line_is_a_connector_with_its_dash(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    line = shapes[4]
    assert line.shape_type == MSO_SHAPE_TYPE.LINE  # type: ignore[attr-defined]
    dashes = line._element.findall(".//" + qn("a:ds"))  # type: ignore[attr-defined]
    # 3 pt on, 2 pt off for a 1 pt line, in thousandths of a percent of the width.
    assert [(d.get("d"), d.get("sp")) for d in dashes] == [("300000", "200000")]


def test_text_block_is_a_text_box_that_powerpoint_wraps(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    box = shapes[6]
    assert box.shape_type == MSO_SHAPE_TYPE.TEXT_BOX  # type: ignore[attr-defined]
    bodyPr = box._element.find(qn("p:txBody")).find(qn("a:bodyPr"))  # type: ignore[attr-defined]
    assert bodyPr.get("wrap") == "square"
    assert [bodyPr.get(k) for k in ("lIns", "tIns", "rIns", "bIns")] == ["0", "0", "0", "0"]
    assert bodyPr.find(qn("a:noAutofit")) is not None
    paragraphs = box.text_frame.paragraphs  # type: ignore[attr-defined]
    # One source paragraph: its two wrapped lines are one paragraph PowerPoint wraps, no line break.
    assert len(paragraphs) == 1
    assert paragraphs[0].text == "Compares delivery fees with two rivals"
    assert not paragraphs[0]._p.findall(qn("a:br"))
    assert paragraphs[0].line_spacing.pt == pytest.approx(10 * 1.2)
    for run in paragraphs[0].runs:
        assert run.font.size.pt == 10
        assert run.font.name == THEME.office_font("body")
        assert str(run.font.color.rgb) == c.text.lstrip("#").upper()


def test_source_paragraphs_stay_paragraphs_and_alignment_is_kept(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    box = shapes[7]
    paragraphs = box.text_frame.paragraphs  # type: ignore[attr-defined]
    assert [p.text for p in paragraphs] == ["Goals", "Plan meals for the week"]
    assert {p._pPr.get("algn") for p in paragraphs} == {"ctr"}
    assert box._element.find(".//" + qn("a:bodyPr")).get("anchor") == "ctr"  # type: ignore[attr-defined]
    # The heading role is bold in the default theme.
    assert all(r.font.bold for p in paragraphs for r in p.runs)


def test_characters_of_a_fallback_face_name_that_face(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    runs = shapes[8].text_frame.paragraphs[0].runs  # type: ignore[attr-defined]
    chain = THEME.font_chain("body")
    families = {r.text: r.font.name for r in runs}
    assert families["Dr. Li Wei ("] == THEME.office_font("body")
    cjk = chain.face_for("李")
    if cjk is None or cjk == chain.primary:
        pytest.skip("no installed font has 李: the run stays in the primary face")
    assert families["李伟"] == cjk.family
    assert "".join(families) == "Dr. Li Wei (李伟)"


def test_text_frame_paragraphs_keep_their_bullets(painted: tuple[bytes, list[object]]) -> None:
    _, shapes = painted
    paragraphs = shapes[9].text_frame.paragraphs  # type: ignore[attr-defined]
    assert [p.text for p in paragraphs] == ["First idea", "Second idea"]
    for p in paragraphs:
        assert p._pPr.find(qn("a:buChar")).get("char") == "•"
        assert p._pPr.get("marL") == str(10 * EMU) and p._pPr.get("indent") == str(-10 * EMU)


def test_pictures_carry_alt_text_and_identical_bytes_are_stored_once(
    painted: tuple[bytes, list[object]],
) -> None:
    data, shapes = painted
    first, second = shapes[10], shapes[11]
    assert first._element.find(".//" + qn("p:cNvPr")).get("descr") == "Photo of Renée"  # type: ignore[attr-defined]
    assert second._element.find(".//" + qn("p:cNvPr")).get("descr") == "Photo of Renée, again"  # type: ignore[attr-defined]
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("ppt/media/")]
    assert len(media) == 1


def test_block_paragraphs_fall_back_to_one_paragraph_when_lines_do_not_match() -> None:
    block = TextBlock(
        Box(0, 0, 100, 40), ("A long text that was", "cut short…"), 10, "#000000", source="Other text"
    )
    assert [p.lines for p in block_paragraphs(block)] == [("A long text that was", "cut short…")]
