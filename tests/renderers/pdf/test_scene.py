"""The vector painter: a hand-built Scene painted on a PDF page, checked with poppler."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from PIL import Image

from mapgen.renderers.pdf.output import images as pdf_images
from mapgen.renderers.pdf.output.scene import SceneFlowable, ScenePainter
from mapgen.scene import Box, Ellipse, Picture, Polygon, Polyline, Rect, Scene, Tag, TextBlock
from mapgen.themes import Theme
from tests.support.pdfs import tool


def _paint(scene: Scene, theme: Theme, path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    from mapgen.renderers.pdf.output import fonts as pdf_fonts

    canvas = Canvas(
        str(path),
        pagesize=(scene.width, scene.height),
        invariant=1,
        initialFontName=pdf_fonts.register(theme.font_chain("body").primary),
    )
    painter = ScenePainter(theme)
    painter.paint(canvas, scene)
    canvas.showPage()
    canvas.save()
    assert painter.problems == []
    return path


def _words(path: Path) -> list[tuple[str, float, float, float, float]]:
    """Return the words of a PDF with their boxes, top-left origin (pdftotext -bbox)."""
    html = subprocess.run(
        [tool("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    )
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    )
    import html as html_lib

    return [
        (html_lib.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
        for m in pattern.finditer(html.stdout)
    ]


def _block(text: str, box: Box, theme: Theme, **kwargs: object) -> TextBlock:
    return TextBlock(box, tuple(text.split("\n")), 10, theme.colours.text, source=text, **kwargs)  # type: ignore[arg-type]


def test_text_lands_in_its_box_with_the_scene_origin_at_the_top_left(theme: Theme, tmp_path: Path) -> None:
    blocks = [
        _block("Top left", Box(20, 20, 120, 40), theme),
        _block("Middle centre", Box(200, 100, 150, 60), theme, align="center", valign="middle"),
        _block("Bottom right\nsecond line", Box(200, 220, 180, 60), theme, align="right", valign="bottom"),
    ]
    scene = Scene(400, 300, theme.colours.background, tuple(blocks))
    words = _words(_paint(scene, theme, tmp_path / "scene.pdf"))
    for block in blocks:
        for word in block.text.split():
            _text, x0, y0, x1, y1 = next(w for w in words if w[0] == word)
            box = block.box
            assert box.x - 0.5 <= x0 and x1 <= box.right + 0.5, (word, x0, x1, box)
            assert box.y - 0.5 <= y0 and y1 <= box.bottom + 0.5, (word, y0, y1, box)
    top = next(w for w in words if w[0] == "Top")
    assert top[2] - 20 < 4, "top-aligned text starts at the top of its box, not at the bottom"
    right = next(w for w in words if w[0] == "line")
    assert 380 - right[3] < 1.5, "right-aligned text ends at the box's right edge"
    middle = next(w for w in words if w[0] == "Middle")
    assert abs((middle[2] + middle[4]) / 2 - 130) < 3, "middle-aligned text is centred vertically"


def test_fallback_faces_keep_every_character_searchable(theme: Theme, tmp_path: Path) -> None:
    line = "Ørsted 東京 naïve 😀 café"
    scene = Scene(300, 60, theme.colours.background, (_block(line, Box(10, 10, 280, 40), theme),))
    path = _paint(scene, theme, tmp_path / "unicode.pdf")
    extracted = subprocess.run(
        [tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    )
    assert extracted.stdout.split() == line.split()
    fonts = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert len(rows) >= 2, "the CJK and emoji characters come from fallback faces"
    assert all(" yes yes yes " in row for row in rows), fonts


def test_shapes_are_painted_where_the_scene_puts_them(theme: Theme, tmp_path: Path) -> None:
    red, green, blue, black = "#ff0000", "#00ff00", "#0000ff", "#000000"
    scene = Scene(
        200,
        100,
        "#ffffff",
        (
            Rect(Box(10, 10, 40, 30), fill=red, radius=4),
            Ellipse(Box(60, 10, 30, 30), fill=green),
            Polygon(((110, 10), (150, 10), (130, 40)), fill=blue),
            Polyline(((10, 80), (190, 80)), color=black, width=4),
            Rect(Box(160, 50, 30, 40), fill=None, stroke=black, stroke_width=2),
        ),
    )
    path = _paint(scene, theme, tmp_path / "shapes.pdf")
    subprocess.run(
        [tool("pdftoppm"), "-r", "72", "-png", "-singlefile", str(path), str(tmp_path / "shapes")], check=True
    )
    image = Image.open(tmp_path / "shapes.png").convert("RGB")
    assert image.size == (200, 100)
    near = lambda xy, rgb: all(abs(a - b) < 40 for a, b in zip(image.getpixel(xy), rgb, strict=True))  # noqa: E731
    assert near((30, 25), (255, 0, 0)), "the rect is at the top left (y down), not flipped"
    assert near((75, 25), (0, 255, 0))
    assert near((130, 18), (0, 0, 255)) and near((130, 45), (255, 255, 255)), "the triangle points down"
    assert near((100, 80), (0, 0, 0))
    assert near((175, 70), (255, 255, 255)) and near((160, 70), (0, 0, 0)), "stroked, not filled"


def _png(size: tuple[int, int], mode: str = "RGBA") -> bytes:
    image = Image.new(mode, size)
    pixels = image.load()
    assert pixels is not None
    for x in range(0, size[0], 7):
        for y in range(0, size[1], 5):
            pixels[x, y] = (
                (x * 7 % 256, y * 3 % 256, (x + y) % 256, 128) if mode == "RGBA" else (x % 256, y % 256, 90)
            )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(_png(size, "RGB"))).save(out, "JPEG", quality=80)
    return out.getvalue()


def test_pictures_are_reduced_for_print_and_never_embedded_with_alpha(theme: Theme, tmp_path: Path) -> None:
    scene = Scene(
        300,
        150,
        theme.colours.background,
        (
            Picture(Box(10, 10, 120, 80), _png((3000, 2000)), "png", alt="big rgba"),
            Picture(Box(150, 10, 120, 90), _jpeg((4000, 3000)), "jpeg", alt="big photo"),
        ),
    )
    path = _paint(scene, theme, tmp_path / "pictures.pdf")
    listing = subprocess.run(
        [tool("pdfimages"), "-list", str(path)], capture_output=True, text=True, check=True
    )
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert [row[2] for row in rows] == ["image", "image"], "no soft masks (alpha) embedded"
    for row in rows:
        width, height, colour = int(row[3]), int(row[4]), row[5]
        assert colour == "rgb"
        assert width <= 120 * 300 / 72 + 16 and height <= 90 * 300 / 72 + 16
        assert float(row[12]) < 320, "about 300 dpi at the printed size"
    assert rows[1][8] == "jpeg", "a photo stays JPEG"


def test_a_small_jpeg_is_embedded_untouched(theme: Theme) -> None:
    data = _jpeg((100, 80))
    encoded, image = pdf_images._prepare(data, 400, 400, "#ffffff")
    assert encoded == data and image is None


def test_flat_artwork_stays_lossless_rgb(theme: Theme) -> None:
    logo = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (20, 20, 180, 80))
    out = io.BytesIO()
    logo.save(out, "PNG")
    encoded, image = pdf_images._prepare(out.getvalue(), 400, 400, "#ffffff")
    assert encoded is None and image.mode == "RGB"
    assert image.getpixel((5, 5)) == (255, 255, 255), "transparency flattened onto the page colour"


def test_a_broken_picture_is_reported_not_fatal(theme: Theme, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    scene = Scene(100, 100, "#ffffff", (Picture(Box(0, 0, 50, 50), b"not an image", "png", alt="logo"),))
    painter = ScenePainter(theme)
    painter.paint(Canvas(str(tmp_path / "x.pdf")), scene)
    assert len(painter.problems) == 1 and "logo" in painter.problems[0].message


def test_scene_flowable_scales_down_to_the_frame_but_never_up(theme: Theme) -> None:
    scene = Scene(800, 400, "#ffffff", (Rect(Box(0, 0, 10, 10), fill="#000000", tag=Tag("x")),))
    flowable = SceneFlowable(scene, ScenePainter(theme))
    assert flowable.wrap(400, 1000) == (400, 200)
    assert flowable.wrap(1600, 1000) == (800, 400)
    tall = SceneFlowable(scene, ScenePainter(theme), max_height=100)
    assert tall.wrap(800, 1000) == (200, 100)
