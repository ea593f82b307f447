"""What an art director checks on a deck: type size, soft wrapping, titles on top, a 4:3 client template."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from mapgen.renderers.pptx.output.template import find_layouts, open_presentation
from mapgen.renderers.pptx.writer import Deck, render_deck
from mapgen.themes import load_theme
from tests.support.decks import logo_png, make_section_first_template, package_parts
from tests.support.models import load_model

THEMES = ("default", "agency", "high-contrast")


@pytest.fixture(scope="module")
def section_first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_section_first_template(tmp_path_factory.mktemp("t43") / "client43.pptx")


@pytest.fixture(scope="module")
def decks(section_first: Path) -> dict[str, Deck]:
    grocery = load_model("grocery")
    out = {name: render_deck(grocery, load_theme(name)) for name in THEMES}
    out["template43"] = render_deck(grocery, load_theme("default"), template=section_first)
    return out


def _slide_xml(deck: Deck) -> dict[str, Any]:
    parts = package_parts(deck.data)
    return {
        name: etree.fromstring(blob)
        for name, blob in parts.items()
        if re.fullmatch(r"ppt/(slides/slide|charts/chart)\d+\.xml", name)
    }


@pytest.mark.parametrize("name", [*THEMES, "template43"])
def test_no_text_under_nine_points(decks: dict[str, Deck], name: str) -> None:
    for part, root in _slide_xml(decks[name]).items():
        for tag in ("a:rPr", "a:defRPr", "a:endParaRPr"):
            for rPr in root.iter(qn(tag)):
                if rPr.get("sz") is not None:
                    assert int(rPr.get("sz")) >= 900, f"{part}: {rPr.get('sz')}"


def test_stage_slides_are_larger_still(decks: dict[str, Deck]) -> None:
    plan = decks["default"].plan
    assert plan is not None
    tables = [s.items[0] for s in plan.slides if s.kind == "stage"]
    sizes = [p.size for t in tables for row in t.rows for c in row for p in c.paragraphs]  # type: ignore[union-attr]
    assert tables and min(sizes) >= 10


def _workbook_breaks(deck: Deck) -> set[tuple[str, str]]:
    """Return the word pairs around every line break the workbook had."""
    out = set()
    for persona in load_model("grocery").personas:
        texts = [
            t for step in persona.steps for t in (step.touchpoint, step.goal, step.thoughts, step.action) if t
        ]
        texts += [v for step in persona.steps for v in (*step.pain_points, *step.opportunities)]
        for t in texts:
            lines = [line.split() for line in t.splitlines() if line.strip()]
            out |= {(a[-1], b[0]) for a, b in itertools.pairwise(lines)}
    return out


@pytest.mark.parametrize("name", ["default", "template43"])
def test_line_breaks_only_where_the_workbook_had_them(decks: dict[str, Deck], name: str) -> None:
    allowed = _workbook_breaks(decks[name])
    for part, root in _slide_xml(decks[name]).items():
        for br in root.iter(qn("a:br")):
            before = br.getprevious().findtext(qn("a:t")) or ""
            after = br.getnext().findtext(qn("a:t")) or ""
            pair = (before.split()[-1] if before.split() else "", after.split()[0] if after.split() else "")
            assert pair in allowed, f"{part}: a line break between {pair}"


@pytest.mark.parametrize("name", [*THEMES, "template43"])
def test_nothing_is_drawn_over_a_title(decks: dict[str, Deck], name: str) -> None:
    prs = Presentation(io.BytesIO(decks[name].data))
    for number, slide in enumerate(prs.slides, start=1):
        title = slide.shapes.title
        if title is None:
            continue
        later = list(slide.shapes)[list(slide.shapes).index(title) + 1 :]
        for shape in later:
            overlap = (
                shape.left < title.left + title.width
                and title.left < shape.left + shape.width
                and shape.top < title.top + title.height
                and title.top < shape.top + shape.height
            )
            assert not overlap, f"slide {number}: {shape.name} is drawn over the title"


def test_a_section_header_first_is_never_taken_for_content(section_first: Path) -> None:
    layouts = find_layouts(open_presentation(section_first))
    assert layouts["section"].name == "Section Header"
    assert layouts["content"].name == "Title and Content"
    assert layouts["cover"].name == "Title Slide"


def test_the_four_by_three_template_gives_the_slides_of_the_built_in_look(decks: dict[str, Deck]) -> None:
    wide, narrow = decks["default"], decks["template43"]
    assert wide.plan is not None and narrow.plan is not None

    def runs(kinds: list[str]) -> list[str]:
        return [k for i, k in enumerate(kinds) if not i or kinds[i - 1] != k]

    wide_kinds = [s.kind for s in wide.plan.slides]
    narrow_kinds = [s.kind for s in narrow.plan.slides]
    assert runs(narrow_kinds) == runs(wide_kinds)
    # Only the whole-journey slides may flow further until the one-canvas layout lands, and the
    # action plan, a long table that goes on over as many slides as a narrower body needs.
    flowing = ("journey", "action_plan")
    others = [k for k in narrow_kinds if k not in flowing]
    assert len(others) == len([k for k in wide_kinds if k not in flowing])
    assert narrow_kinds.count("action_plan") >= wide_kinds.count("action_plan")
    prs = Presentation(io.BytesIO(narrow.data))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    assert not [s for s in prs.slides if s.slide_layout.name == "Section Header"]


def test_runs_name_the_templates_theme_fonts(decks: dict[str, Deck]) -> None:
    families: set[str] = set()
    for root in _slide_xml(decks["template43"]).values():
        families |= {latin.get("typeface") for latin in root.iter(qn("a:latin"))}
    assert {"Cambria", "Calibri"} <= families
    assert "Lato" not in families


def test_per_persona_one_whole_journey_then_a_slide_per_stage(decks: dict[str, Deck]) -> None:
    plan = decks["default"].plan
    assert plan is not None
    for persona in load_model("grocery").personas:
        kinds = [s.kind for s in plan.slides if s.persona == persona.name]
        assert kinds[0] == "profile" and kinds[1] == "journey"
        stages = [
            s.title.split(":")[0] for s in plan.slides if s.persona == persona.name and s.kind == "stage"
        ]
        assert stages == list(dict.fromkeys(step.stage for step in persona.steps))


def test_a_theme_logo_gives_way_to_the_templates(tmp_path: Path, template: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(logo_png("#336699"))
    theme = tmp_path / "logo.toml"
    theme.write_text(f'name = "logo"\nextends = "default"\nlogo = "{logo.name}"\n', "utf-8")
    deck = render_deck(load_model("grocery"), load_theme(theme), template=template)
    with zipfile.ZipFile(io.BytesIO(deck.data)) as z:
        slides = [z.read(n) for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert not any(b'name="Logo"' in s for s in slides)


def _footer_texts(deck: Deck) -> list[str]:
    """Return the text of every filled footer placeholder on the deck's slides."""
    prs = Presentation(io.BytesIO(deck.data))
    return [
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.placeholders
        if shape.placeholder_format.type is not None
        and "FOOTER" in str(shape.placeholder_format.type)
        and shape.text_frame.text.strip()
    ]


def test_the_footer_goes_into_the_templates_placeholder_only_where_it_fits(tmp_path: Path) -> None:
    """A footer line cut short reads as a mistake on every slide: it is left out, with a warning."""
    grocery = load_model("grocery")
    roomy = make_section_first_template(tmp_path / "roomy.pptx")
    fits = render_deck(grocery, load_theme("default"), template=roomy)
    assert _footer_texts(fits), "the footer line is in the template's footer placeholder"
    assert not [p for p in fits.problems if "footer" in p.message]

    narrow = tmp_path / "narrow.pptx"
    prs = Presentation(str(roomy))
    for layout in [prs.slide_master, *prs.slide_layouts]:
        for shape in layout.placeholders:
            if "FOOTER" in str(shape.placeholder_format.type):
                shape.width = 12700 * 40  # 40 pt: no footer line fits at 9 pt
    prs.save(str(narrow))
    cramped = render_deck(grocery, load_theme("default"), template=narrow)
    assert _footer_texts(cramped) == []
    assert [p for p in cramped.problems if "does not fit the template's footer placeholder" in p.message]


def _with_dark_text(template: Path, out: Path, rgb: str) -> Path:
    """Copy a template with its Office theme's dark text colour (dk1) set to rgb."""
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if re.fullmatch(r"ppt/theme/theme\d+\.xml", info.filename):
                root = etree.fromstring(data)
                slot = root.find(f".//{qn('a:clrScheme')}/{qn('a:dk1')}")
                for child in list(slot):
                    slot.remove(child)
                etree.SubElement(slot, qn("a:srgbClr"), val=rgb)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return out


def test_text_takes_the_templates_text_colour(section_first: Path, tmp_path: Path) -> None:
    """The client's dark text colour (their theme's dk1) is the deck's text colour, not mapgen's."""
    template = _with_dark_text(section_first, tmp_path / "navy.pptx", "1F3864")
    deck = render_deck(load_model("grocery"), load_theme("default"), template=template)
    colours = [
        fill.get("val")
        for root in _slide_xml(deck).values()
        for rPr in root.iter(qn("a:rPr"))
        for fill in rPr.iter(qn("a:srgbClr"))
    ]
    ours = load_theme("default").colours.text.lstrip("#").upper()
    # Text on a coloured fill (a stage chevron, an avatar) keeps the colour chosen for contrast.
    assert colours.count("1F3864") > 5 * colours.count(ours)
