"""The emitted deck, read back with python-pptx: what a person opening it would check.

Golden decks: tests/golden/pptx-builtin/ and tests/golden/pptx-template/ hold every XML part of
the deck (pretty-printed, one file per part; binary parts as their SHA-256). After a deliberate
change to the deck (or to the journey map layout it paints), regenerate them with

    MAPGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/renderers/pptx/test_deck.py

and review the diff like code.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from mapgen import text
from mapgen.renderers.pptx.writer import Deck, render_deck, write_deck
from mapgen.themes import Theme, load_theme
from tests import support
from tests.support.decks import logo_png, make_template, package_parts
from tests.support.models import load_model

THEME = load_theme("default")
EMU = 12700
UPDATE = os.environ.get("MAPGEN_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def builtin_deck() -> Deck:
    return render_deck(load_model("grocery"), THEME)


@pytest.fixture(scope="module")
def template_deck(template: Path) -> Deck:
    return render_deck(load_model("grocery"), THEME, template=template)


@pytest.fixture(params=["builtin", "template"])
def deck(request: pytest.FixtureRequest, builtin_deck: Deck, template_deck: Deck) -> Deck:
    return builtin_deck if request.param == "builtin" else template_deck


def open_deck(deck: Deck) -> Any:
    return Presentation(io.BytesIO(deck.data))


def _norm(value: str) -> str:
    return " ".join(value.replace("\v", " ").split())


def slide_texts(slide: Any) -> Iterator[str]:
    """Yield every text of a slide: shapes, table cells, chart categories and data labels."""
    for shape in slide.shapes:
        if shape.has_text_frame:
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    yield cell.text
        if getattr(shape, "has_chart", False) and shape.has_chart:
            chart = shape.chart
            yield from (str(c) for c in chart.plots[0].categories)
            for t in chart.part._element.iter(qn("a:t")):
                yield t.text or ""


# ---------------------------------------------------------------------------------------------
# Structure: slides, titles, text, charts, notes, alt text


def test_slide_count_and_titles_match_the_plan(deck: Deck) -> None:
    prs = open_deck(deck)
    assert len(prs.slides) == len(deck.plan.slides)
    titles = [_norm(s.shapes.title.text_frame.text) for s in prs.slides]
    assert titles == [_norm(t) for t in deck.plan.titles]


def test_every_step_text_of_the_model_is_on_some_slide(deck: Deck) -> None:
    prs = open_deck(deck)
    visible = _norm(" ".join(t for slide in prs.slides for t in slide_texts(slide)))
    cut = [b for s in deck.plan.slides for b in s.items if getattr(b, "truncated", False)]
    for persona in load_model("grocery").personas:
        for step in persona.steps:
            for value in (step.action, *step.pain_points, *step.opportunities, step.owner, *step.emotions):
                if not value:
                    continue
                # A text the layout had to cut is reported, and its visible part shown.
                assert _norm(value) in visible or any(_norm(value) in _norm(b.source) for b in cut), value


def test_emotion_charts_hold_the_scores_with_gaps(builtin_deck: Deck) -> None:
    prs = open_deck(builtin_deck)
    journeys = load_model("grocery")
    charts = {}
    for slide, plan in zip(prs.slides, builtin_deck.plan.slides, strict=True):
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                charts[(plan.kind, plan.persona)] = shape.chart
    for persona in journeys.personas:
        chart = charts[("emotion", persona.name)]
        series = chart.plots[0].series
        assert len(series) == 1
        expected = []
        for stage in persona.stages:  # the persona's own: Margit's journey ends at Purchase
            steps = persona.steps_in(stage)
            expected += [s.score for s in steps] or [None]
        assert tuple(series[0].values) == tuple(expected)
        assert len(chart.plots[0].categories) == len(expected)
    overview = charts[("overview_chart", None)]
    assert [s.name for s in overview.plots[0].series] == [p.name for p in journeys.personas]
    # Compared on the stages all three share: Margit has no Retention.
    assert tuple(overview.plots[0].series[1].values) == (0.7, -0.4, None)


def test_charts_use_theme_colours_and_explicit_sizes(builtin_deck: Deck) -> None:
    parts = package_parts(builtin_deck.data)
    charts = [blob for name, blob in parts.items() if name.startswith("ppt/charts/chart")]
    assert len(charts) == 4
    for blob in charts:
        root = etree.fromstring(blob)
        # Never Office's theme-driven default colours.
        assert not root.findall(".//" + qn("c:ser") + "//" + qn("a:schemeClr"))
        assert root.find(qn("c:txPr")).find(".//" + qn("a:defRPr")).get("sz") == str(
            round(max(THEME.sizes.size("small"), 9.0) * 100)  # the deck never goes under 9 pt
        )
        for rPr in root.iter(qn("a:rPr")):
            assert rPr.get("sz"), "a data label without an explicit size"
    overview = etree.fromstring(charts[-1])
    lines = [
        ser.find(qn("c:spPr")).find(qn("a:ln")).find(".//" + qn("a:srgbClr")).get("val")
        for ser in overview.iter(qn("c:ser"))
    ]
    assert lines == [THEME.colours.series_colour(i).lstrip("#").upper() for i in range(3)]


def test_every_content_slide_has_speaker_notes(deck: Deck) -> None:
    prs = open_deck(deck)
    for slide, plan in zip(prs.slides, deck.plan.slides, strict=True):
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text == plan.notes
        assert len(plan.notes.split()) >= 12


def test_every_picture_and_chart_has_alt_text(deck: Deck) -> None:
    prs = open_deck(deck)
    found = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            element = shape._element
            if element.tag == qn("p:pic") or (getattr(shape, "has_chart", False) and shape.has_chart):
                descr = element.find(".//" + qn("p:cNvPr")).get("descr", "")
                assert len(descr) > 10, shape.name
                found += 1
    assert found >= 5  # a photo, four charts


def test_pictures_used_on_several_slides_are_stored_once(builtin_deck: Deck) -> None:
    parts = package_parts(builtin_deck.data)
    media = {
        name: hashlib.sha256(blob).hexdigest()
        for name, blob in parts.items()
        if name.startswith("ppt/media/")
    }
    assert len(set(media.values())) == len(media)
    prs = open_deck(builtin_deck)
    uses = sum(1 for s in prs.slides for sh in s.shapes if sh._element.tag == qn("p:pic"))
    assert uses >= len(media)


# ---------------------------------------------------------------------------------------------
# Text fits its box, measured as mapgen.text measures


def _insets(shape: Any) -> list[float]:
    defaults = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}
    chain = [shape._element]
    base = shape
    while getattr(base, "is_placeholder", False):
        try:
            base = base._base_placeholder
        except (AttributeError, KeyError):
            break
        if base is None:
            break
        chain.append(base._element)
    out = []
    for name in ("lIns", "tIns", "rIns", "bIns"):
        value = defaults[name]
        for element in chain:
            bodyPr = element.find(".//" + qn("a:bodyPr"))
            if bodyPr is not None and bodyPr.get(name) is not None:
                value = int(bodyPr.get(name))
                break
        out.append(value / EMU)
    return out


def _paragraph_lines(p: Any) -> Iterator[list[tuple[str, float, str, bool, bool]]]:
    """Yield each line of a paragraph as its runs (text, size, family, bold, italic)."""
    line: list[tuple[str, float, str, bool, bool]] = []
    for child in p:
        if child.tag == qn("a:br"):
            yield line
            line = []
        elif child.tag == qn("a:r"):
            rPr = child.find(qn("a:rPr"))
            assert rPr is not None and rPr.get("sz"), "a run without an explicit size"
            family = rPr.find(qn("a:latin")).get("typeface")
            line.append(
                (
                    child.find(qn("a:t")).text or "",
                    int(rPr.get("sz")) / 100,
                    family,
                    rPr.get("b") == "1",
                    rPr.get("i") == "1",
                )
            )
    yield line


def _text_height_and_width(txBody: Any, room: float) -> tuple[float, float]:
    """Return the height of the text wrapped as PowerPoint wraps it into room points, and its widest word."""
    height = 0.0
    widest = 0.0
    for k, p in enumerate(txBody.findall(qn("a:p"))):
        pPr = p.find(qn("a:pPr"))
        pitch = int(pPr.find(qn("a:lnSpc")).find(qn("a:spcPts")).get("val")) / 100 if pPr is not None else 0
        before = pPr.find(qn("a:spcBef")) if pPr is not None else None
        if k and before is not None:
            height += int(before.find(qn("a:spcPts")).get("val")) / 100
        indent = int(pPr.get("marL", "0")) / EMU if pPr is not None else 0.0
        for line in _paragraph_lines(p):
            if not line:
                height += pitch
                continue
            _, size, family, bold, italic = line[0]
            chain = text.font_chain(family, bold=bold, italic=italic)
            joined = "".join(t for t, *_ in line)
            # A word may break after a hyphen or slash, in PowerPoint as in mapgen.text; nowhere else.
            words = re.split(r"(?<=[-/])|\s+", joined)
            widest = max([widest, *(text.measure(w, chain, size) + indent for w in words)])
            height += pitch * max(1, len(text.wrap(joined, chain, size, max(room - indent, 1.0))))
    return height, widest


def overflows(prs: Any) -> list[str]:
    bad = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                left, top, right, bottom = _insets(shape)
                room_w = shape.width / EMU - left - right
                height, width = _text_height_and_width(shape._element.find(qn("p:txBody")), room_w)
                room_h = shape.height / EMU - top - bottom
                if width > room_w + 0.05 or height > room_h + 0.05:
                    bad.append(
                        f"slide {number} {shape.name}: {width:.1f}x{height:.1f} in {room_w:.1f}x{room_h:.1f}"
                    )
            if getattr(shape, "has_table", False) and shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for k, cell in enumerate(row.cells):
                        tcPr = cell._tc.find(qn("a:tcPr"))
                        margins = [int(tcPr.get(n)) / EMU for n in ("marL", "marR", "marT", "marB")]
                        room_w = table.columns[k].width / EMU - margins[0] - margins[1]
                        height, width = _text_height_and_width(cell._tc.find(qn("a:txBody")), room_w)
                        room_h = row.height / EMU - margins[2] - margins[3]
                        if width > room_w + 0.05 or height > room_h + 0.05:
                            size = f"{width:.1f}x{height:.1f} in {room_w:.1f}x{room_h:.1f}"
                            bad.append(f"slide {number} cell {r},{k}: {size}")
    return bad


def test_no_text_box_is_smaller_than_its_measured_text(deck: Deck) -> None:
    assert overflows(open_deck(deck)) == []


def test_b2b_deck_in_a_four_by_three_theme_fits_too(tmp_path: Path) -> None:
    path = tmp_path / "narrow.toml"
    path.write_text('name = "narrow"\nextends = "high-contrast"\n[slide]\nsize = "4:3"\n', "utf-8")
    deck = render_deck(load_model("sensors"), load_theme(path))
    prs = open_deck(deck)
    assert (prs.slide_width, prs.slide_height) == (720 * EMU, 540 * EMU)
    assert overflows(prs) == []


# ---------------------------------------------------------------------------------------------
# The built-in look and a client's template


def test_builtin_look_takes_the_theme(builtin_deck: Deck) -> None:
    prs = open_deck(builtin_deck)
    assert (prs.slide_width, prs.slide_height) == (960 * EMU, 540 * EMU)
    background = prs.slide_master.background.fill.fore_color.rgb
    assert str(background) == THEME.colours.background.lstrip("#").upper()
    # Added slides would match too: the master's title style names the theme's heading font.
    title_style = prs.slide_master._element.find(qn("p:txStyles")).find(qn("p:titleStyle"))
    assert title_style.find(".//" + qn("a:latin")).get("typeface") == THEME.office_font("heading")
    # What the client inserts later (a chart, a text box) takes the theme's colours and fonts too.
    office_theme = etree.fromstring(package_parts(builtin_deck.data)["ppt/theme/theme1.xml"])
    accents = [
        office_theme.find(".//" + qn(f"a:accent{i}")).find(qn("a:srgbClr")).get("val") for i in range(1, 7)
    ]
    assert accents == [THEME.colours.series_colour(i).lstrip("#").upper() for i in range(6)]
    minor = office_theme.find(".//" + qn("a:minorFont")).find(qn("a:latin")).get("typeface")
    assert minor == THEME.office_font("body")
    assert prs.core_properties.title == "Online grocery journeys"
    assert prs.core_properties.author == "Northwind Studio"


def test_template_is_the_base_of_the_deck(template_deck: Deck, template: Path) -> None:
    prs = open_deck(template_deck)
    client = Presentation(str(template))
    assert len(prs.slides) == len(template_deck.plan.slides)
    assert "A slide of the client's that must go" not in [
        _norm(s.shapes.title.text_frame.text) for s in prs.slides
    ]
    # The client's master, with its background and logo.
    master = prs.slide_master
    assert str(master.background.fill.fore_color.rgb) == "FBF3E4"
    assert [s.name for s in master.shapes if s._element.tag == qn("p:pic")] == ["Client logo"]
    names = [layout.name for layout in client.slide_layouts]
    used = {slide.slide_layout.name for slide in prs.slides}
    assert used <= set(names)
    assert prs.slides[0].slide_layout.name == "Title Slide"
    assert prs.slides[1].slide_layout.name == "Title and Content"
    for slide in prs.slides:
        for ph in slide.placeholders:
            kind = ph.placeholder_format.type
            # No empty placeholder ("Click to add text") is left behind.
            assert ph.text_frame.text.strip() or kind == PP_PLACEHOLDER.SLIDE_NUMBER, (
                slide.slide_layout.name,
                kind,
            )
    # The template's footers show the deck's footer line.
    footers = [ph for ph in prs.slides[1].placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
    assert [_norm(f.text_frame.text) for f in footers] == [template_deck.plan.footer]
    # Content sits in the template's body placeholder area.
    body = client.slide_layouts[1].placeholders[1]
    for shape in prs.slides[2].shapes:
        if not shape.is_placeholder:
            assert shape.left >= body.left - EMU and shape.left + shape.width <= body.left + body.width + EMU


def test_a_potx_template_works_like_a_pptx(tmp_path: Path, template_deck: Deck) -> None:
    potx = make_template(tmp_path / "client.potx", potx=True)
    deck = render_deck(load_model("grocery"), THEME, template=potx)
    assert deck.data == template_deck.data
    types = zipfile.ZipFile(io.BytesIO(deck.data)).read("[Content_Types].xml")
    assert b"presentationml.presentation.main+xml" in types


def test_theme_template_key_is_used_when_no_template_is_given(tmp_path: Path, template_deck: Deck) -> None:
    make_template(tmp_path / "brand.pptx")
    path = tmp_path / "brand.toml"
    path.write_text('name = "brand"\nextends = "default"\n[slide]\ntemplate = "brand.pptx"\n', "utf-8")
    deck = render_deck(load_model("grocery"), load_theme(path))
    assert open_deck(deck).slide_master.background.fill.fore_color.rgb == RGBColor(0xFB, 0xF3, 0xE4)


def test_a_template_of_another_shape_is_kept_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "old.pptx"
    Presentation().save(str(path))  # python-pptx's own default is 4:3
    deck = render_deck(load_model("grocery"), THEME, template=path)
    assert (open_deck(deck).slide_width, open_deck(deck).slide_height) == (720 * EMU, 540 * EMU)
    assert any("16:9" in p.message and p.file == str(path) for p in deck.problems)
    assert overflows(open_deck(deck)) == []


# ---------------------------------------------------------------------------------------------
# Same input, same bytes; golden decks


def test_two_writes_give_the_same_bytes(tmp_path: Path, template: Path) -> None:
    journeys = load_model("grocery")
    for chosen in (None, template):
        first, second = tmp_path / "first.pptx", tmp_path / "second.pptx"
        problems = write_deck(journeys, THEME, first, template=chosen)
        write_deck(journeys, THEME, second, template=chosen)
        assert first.read_bytes() == second.read_bytes()
        assert all(p.severity == "warning" for p in problems)
        dates = {i.date_time for i in zipfile.ZipFile(first).infolist()}
        assert dates == {(2000, 1, 1, 0, 0, 0)}


_TIMESTAMPS = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def golden_files(data: bytes) -> dict[str, bytes]:
    """Return the deck as golden files: XML parts pretty-printed, timestamps out; others as hashes."""
    out = {}
    for name, blob in package_parts(data).items():
        if name.endswith((".xml", ".rels")):
            root = etree.fromstring(_TIMESTAMPS.sub(b"", blob))
            out[name] = etree.tostring(root, pretty_print=True, encoding="utf-8")
        else:
            out[name + ".sha256"] = hashlib.sha256(blob).hexdigest().encode() + b"\n"
    return out


@pytest.mark.parametrize("look", ["builtin", "template"])
def test_deck_matches_the_golden_deck_part_by_part(look: str, tmp_path: Path) -> None:
    journeys = load_model("grocery")
    two = dataclasses.replace(journeys, personas=journeys.personas[:2])
    chosen = make_template(tmp_path / "client.pptx") if look == "template" else None
    files = golden_files(render_deck(two, THEME, template=chosen).data)
    folder = support.GOLDEN / f"pptx-{look}"
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        for name, blob in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(blob)
    assert folder.is_dir(), f"no golden deck in {folder}: run with MAPGEN_UPDATE_GOLDEN=1"
    expected = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(expected)
    for name in sorted(files):
        if files[name] != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode().splitlines(),
                files[name].decode().splitlines(),
                "golden",
                "now",
                lineterm="",
                n=2,
            )
            pytest.fail(f"{name} differs from the golden deck:\n" + "\n".join(list(diff)[:40]))


# ---------------------------------------------------------------------------------------------
# A real office suite opens it


def test_libreoffice_converts_the_deck_one_page_per_slide(
    builtin_deck: Deck, template_deck: Deck, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice (soffice) is required in CI: install libreoffice-impress-nogui")
        pytest.skip("LibreOffice (soffice) is not installed: the deck was not opened in an office suite")
    for name, deck in (("builtin", builtin_deck), ("template", template_deck)):
        path = tmp_path / f"{name}.pptx"
        path.write_bytes(deck.data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert pages == len(deck.plan.slides), name


def test_theme_of_the_deck_is_not_office_blue_in_an_orange_deck(tmp_path: Path) -> None:
    path = tmp_path / "orange.toml"
    path.write_text(
        'name = "orange"\nextends = "default"\n[colours]\nprimary = "#b84a00"\n'
        'series = ["#b84a00", "#6b3e26", "#2f2f2f", "#8c5a00", "#5c4033", "#444444"]\n',
        "utf-8",
    )
    theme: Theme = load_theme(path)
    deck = render_deck(load_model("grocery"), theme)
    office_blue = (b"4472C4", b"5B9BD5", b"0072B2")
    for name, blob in package_parts(deck.data).items():
        if name.startswith("ppt/charts/chart"):
            assert not any(blue in blob.upper() for blue in office_blue), name


def test_a_theme_logo_is_on_the_cover_with_alt_text(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(logo_png("#b84a00"))
    path = tmp_path / "brand.toml"
    path.write_text('name = "brand"\nextends = "default"\nlogo = "logo.png"\n', "utf-8")
    deck = render_deck(load_model("grocery"), load_theme(path))
    prs = open_deck(deck)
    (logo,) = [s for s in prs.slides[0].shapes if s._element.tag == qn("p:pic")]
    assert logo._element.find(".//" + qn("p:cNvPr")).get("descr") == "FreshCart logo"
    # Top right, inside the slide, the image's own aspect ratio (240 x 80).
    assert logo.left + logo.width <= prs.slide_width and logo.left > prs.slide_width / 2
    assert logo.width / logo.height == pytest.approx(3, abs=0.01)
