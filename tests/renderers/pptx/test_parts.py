"""The deck made in parts (one per persona, plus the front and back matter) and joined.

A build makes each part in a worker process and caches it; the join must give the deck a single
process gives (render_deck is the same join), whatever process or order made the parts, and an
edit of one persona must change that persona's part and slides only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from mapgen.model import Journeys, Photo
from mapgen.renderers.parts import PartSpec, part_scope, persona_part
from mapgen.renderers.pptx.package.reproducible import PackageReader, PackageWriter
from mapgen.renderers.pptx.writer import Deck, assemble_deck, deck_parts, render_deck, render_deck_part
from mapgen.themes import Theme, load_theme
from tests.support import SRC
from tests.support.decks import logo_png, make_template, package_parts, part_in_worker
from tests.support.models import load_model, model_path

THEME = load_theme("default")


def _photo(color: str) -> Photo:
    return Photo(logo_png(color), "png")


def three() -> Journeys:
    """Return the grocery model with photos: Renée's, Tom's own, and Margit with Renée's again."""
    journeys = load_model("grocery")
    renee, tom, margit = journeys.personas
    assert renee.photo is not None
    personas = (
        renee,
        dataclasses.replace(tom, photo=_photo("#2a9d8f")),
        dataclasses.replace(margit, photo=renee.photo),
    )
    return dataclasses.replace(journeys, personas=personas)


def make_parts(journeys: Journeys, theme: Theme = THEME, template: Path | None = None) -> list[bytes]:
    return [
        render_deck_part(part_scope(journeys, spec), spec, theme, template=template)[0]
        for spec in deck_parts(journeys)
    ]


@pytest.fixture(scope="module")
def journeys() -> Journeys:
    return three()


@pytest.fixture(scope="module")
def whole(journeys: Journeys) -> Deck:
    return render_deck(journeys, THEME)


@pytest.fixture(scope="module")
def parts(journeys: Journeys) -> list[bytes]:
    return make_parts(journeys)


@pytest.fixture(scope="module")
def joined(journeys: Journeys, parts: list[bytes]) -> Deck:
    return assemble_deck(journeys, THEME, parts)


def _shape_text(slide: Any, name: str) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.name == name and s.has_text_frame]


# ---------------------------------------------------------------------------------------------
# The parts


def test_the_parts_are_the_front_matter_a_part_per_persona_and_the_back_matter(journeys: Journeys) -> None:
    assert deck_parts(journeys) == [
        PartSpec("head"),
        PartSpec("persona-0000", 0),
        PartSpec("persona-0001", 1),
        PartSpec("persona-0002", 2),
        PartSpec("tail"),
    ]


def test_assembled_parts_are_the_deck_render_deck_makes(whole: Deck, joined: Deck) -> None:
    assert joined.data == whole.data
    assert joined.problems == whole.problems
    assert joined.plan is None  # the parts' plans stay where the parts were made


def test_parts_made_in_other_processes_and_in_any_order_are_the_same_bytes(
    journeys: Journeys, parts: list[bytes]
) -> None:
    specs = deck_parts(journeys)
    model = json.dumps(journeys.to_json(include_photos=True))
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        made = list(pool.map(part_in_worker, [(model, spec) for spec in reversed(specs)]))
    assert list(reversed(made)) == parts


# ---------------------------------------------------------------------------------------------
# The joined deck, read back


def test_joined_deck_has_every_slide_in_order_with_titles_notes_and_page_numbers(
    whole: Deck, joined: Deck
) -> None:
    assert whole.plan is not None
    prs = Presentation(io.BytesIO(joined.data))
    plans = whole.plan.slides
    total = len(plans)
    assert len(prs.slides) == total
    kinds = [p.kind for p in plans]
    assert kinds[:4] == ["title", "findings", "top_moves", "agenda"]
    assert kinds[kinds.index("overview_chart") :][:2] == ["overview_chart", "matrix"]
    assert kinds[-1] == "action_plan"
    for number, (slide, plan) in enumerate(zip(prs.slides, plans, strict=True), start=1):
        assert " ".join(slide.shapes.title.text_frame.text.replace("\v", " ").split()) == plan.title
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text == plan.notes
        pages = _shape_text(slide, "Page number")
        if plan.kind in ("title", "journey"):
            # The cover has no page number; a journey map is a full page with its own footer.
            assert pages == []
        else:
            assert pages == [THEME.labels.page_x_of_y(number, total)]
            assert _shape_text(slide, "Footer") == [whole.plan.footer]
    # Shape ids stay unique on each slide after the page number and footer were added.
    for slide in prs.slides:
        ids = [int(e.get("id")) for e in slide._element.iter(qn("p:cNvPr"))]
        assert len(ids) == len(set(ids))


def test_every_chart_keeps_its_data_and_embedded_workbook(journeys: Journeys, joined: Deck) -> None:
    prs = Presentation(io.BytesIO(joined.data))
    charts = [s.chart for slide in prs.slides for s in slide.shapes if getattr(s, "has_chart", False)]
    assert len(charts) == len(journeys.personas) + 1  # an emotion curve each, and the overview
    for chart in charts:
        series = chart.plots[0].series
        workbook = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
        sheet = workbook.active
        for k, ser in enumerate(series, start=2):
            assert sheet.cell(1, k).value == ser.name
            column = [sheet.cell(r, k).value for r in range(2, len(ser.values) + 2)]
            assert column == list(ser.values)
    names = sorted(n for n in package_parts(joined.data) if n.startswith("ppt/charts/chart"))
    assert names == sorted(f"ppt/charts/chart{k}.xml" for k in range(1, len(charts) + 1))


def test_each_distinct_picture_is_stored_once(joined: Deck) -> None:
    parts = package_parts(joined.data)
    media = {
        name: hashlib.sha256(blob).hexdigest()
        for name, blob in parts.items()
        if name.startswith("ppt/media/")
    }
    # Renée's photo (also Margit's) and Tom's: two pictures, each shown on a profile and a map.
    assert sorted(media) == ["ppt/media/image1.png", "ppt/media/image2.png"]
    prs = Presentation(io.BytesIO(joined.data))
    used = [
        shape.image.sha1
        for slide in prs.slides
        for shape in slide.shapes
        if shape._element.tag == qn("p:pic")
    ]
    assert len(used) >= 6 and len(set(used)) == 2  # on each persona's profile and journey map


def test_the_join_is_valid_for_python_pptx_and_its_entries_are_named_in_order(joined: Deck) -> None:
    names = zipfile.ZipFile(io.BytesIO(joined.data)).namelist()
    assert names[0] == "[Content_Types].xml" and len(names) == len(set(names))
    slides = [n for n in names if n.startswith("ppt/slides/slide")]
    assert slides == [f"ppt/slides/slide{k}.xml" for k in range(1, len(slides) + 1)]
    types = zipfile.ZipFile(io.BytesIO(joined.data)).read("[Content_Types].xml").decode()
    for name in names:
        if name.endswith(".xml") and not name.startswith("["):
            assert f'PartName="/{name}"' in types, name


# ---------------------------------------------------------------------------------------------
# Editing one persona


def test_editing_one_persona_remakes_its_part_and_changes_only_its_slides(
    journeys: Journeys, parts: list[bytes], joined: Deck
) -> None:
    tom = journeys.personas[1]
    step = dataclasses.replace(tom.steps[0], action="Scrolls past three grocery adverts on the bus")
    edited = dataclasses.replace(
        journeys,
        personas=(
            journeys.personas[0],
            dataclasses.replace(tom, steps=(step, *tom.steps[1:])),
            journeys.personas[2],
        ),
    )
    again = make_parts(edited)
    assert again[1] == parts[1] and again[3] == parts[3]  # Renée's and Margit's parts: cached
    assert again[2] != parts[2]
    new = assemble_deck(edited, THEME, again)
    whole = render_deck(edited, THEME)
    assert new.data == whole.data and whole.plan is not None
    plan = whole.plan
    before, after = package_parts(joined.data), package_parts(new.data)
    assert sorted(before) == sorted(after)
    changed = {
        int(name.removeprefix("ppt/slides/slide").removesuffix(".xml"))
        for name in before
        if name.startswith("ppt/slides/slide") and before[name] != after[name]
    }
    owners = {k: plan.slides[k - 1].persona or plan.slides[k - 1].kind for k in changed}
    # Tom's slides, and the closing comparison of all personas: nothing of the others'.
    assert set(owners.values()) <= {tom.name, "overview_chart", "matrix", "next_steps"}
    assert tom.name in owners.values()


# ---------------------------------------------------------------------------------------------
# A client's template


def test_parts_on_a_template_join_with_slide_numbers_and_the_masters_logo_once(tmp_path: Path) -> None:
    template = make_template(tmp_path / "client.pptx")
    journeys = three()
    # Tom's photo is the client's logo: the deck keeps the master's copy only, as python-pptx does.
    tom = dataclasses.replace(journeys.personas[1], photo=Photo(logo_png(), "png"))
    journeys = dataclasses.replace(journeys, personas=(journeys.personas[0], tom, journeys.personas[2]))
    whole = render_deck(journeys, THEME, template=template)
    joined = assemble_deck(journeys, THEME, make_parts(journeys, template=template), template=template)
    assert joined.data == whole.data
    prs = Presentation(io.BytesIO(joined.data))
    for number, slide in enumerate(prs.slides, start=1):
        fields = list(slide._element.iter(qn("a:fld")))
        if number == 1:
            assert fields == []  # the cover shows no number
        else:
            assert [f.find(qn("a:t")).text for f in fields] == [str(number)]
    media = [n for n in package_parts(joined.data) if n.startswith("ppt/media/")]
    assert len(media) == 2  # the logo (also Tom's photo) and Renée's photo (also Margit's)


def test_assemble_takes_the_template_from_the_theme_too(tmp_path: Path) -> None:
    make_template(tmp_path / "brand.pptx")
    path = tmp_path / "brand.toml"
    path.write_text('name = "brand"\nextends = "default"\n[slide]\ntemplate = "brand.pptx"\n', "utf-8")
    theme = load_theme(path)
    journeys = load_model("sensors")
    joined = assemble_deck(journeys, theme, make_parts(journeys, theme))
    assert joined.data == render_deck(journeys, theme).data


# ---------------------------------------------------------------------------------------------
# Wrong parts are refused


def test_parts_out_of_order_or_missing_are_refused(journeys: Journeys, parts: list[bytes]) -> None:
    with pytest.raises(ValueError, match="in this order"):
        assemble_deck(journeys, THEME, [parts[0], parts[2], parts[1], *parts[3:]])
    with pytest.raises(ValueError, match="in this order"):
        assemble_deck(journeys, THEME, parts[:-1])
    with pytest.raises(ValueError, match="no manifest"):
        assemble_deck(journeys, THEME, [render_deck(journeys, THEME).data, *parts[1:]])


def test_a_part_made_with_another_theme_or_look_is_refused(
    journeys: Journeys, parts: list[bytes], tmp_path: Path
) -> None:
    stale = make_parts(journeys, load_theme("high-contrast"))[2]
    with pytest.raises(ValueError, match="another base"):
        assemble_deck(journeys, THEME, [*parts[:2], stale, *parts[3:]])
    template = make_template(tmp_path / "client.pptx")
    with pytest.raises(ValueError, match="built-in look"):
        assemble_deck(journeys, THEME, parts, template=template)


def test_a_persona_part_needs_a_scope_of_one_persona(journeys: Journeys) -> None:
    with pytest.raises(ValueError, match="3 personas"):
        render_deck_part(journeys, persona_part(0), THEME)


# ---------------------------------------------------------------------------------------------
# Small decks and the join's own needs


def test_a_deck_of_one_persona_without_closing_slides_has_an_empty_tail() -> None:
    journeys = load_model("grocery")
    renee = journeys.personas[0]
    bare = dataclasses.replace(
        renee, steps=tuple(dataclasses.replace(s, pain_points=(), opportunities=()) for s in renee.steps)
    )
    one = dataclasses.replace(journeys, personas=(bare,))
    parts = make_parts(one)
    assert zipfile.ZipFile(io.BytesIO(parts[-1])).namelist() == ["[Content_Types].xml", "mapgen/part.json"]
    deck = assemble_deck(one, THEME, parts)
    whole = render_deck(one, THEME)
    assert deck.data == whole.data and whole.plan is not None
    assert [p.kind for p in whole.plan.slides][-1] == "stage"  # no pain points: no table either


def test_the_join_runs_without_python_pptx(parts: list[bytes], tmp_path: Path) -> None:
    for k, data in enumerate(parts):
        (tmp_path / f"{k}.part").write_bytes(data)
    (tmp_path / "model.json").write_text(json.dumps(three().to_json(include_photos=True)), "utf-8")
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from mapgen.model import Journeys\n"
        "from mapgen.renderers.pptx.writer import assemble_deck\n"
        "from mapgen.themes import load_theme\n"
        f"folder = Path({str(tmp_path)!r})\n"
        "journeys = Journeys.from_json(json.loads((folder / 'model.json').read_text('utf-8')))\n"
        f"parts = [(folder / f'{{k}}.part').read_bytes() for k in range({len(parts)})]\n"
        "deck = assemble_deck(journeys, load_theme('default'), parts)\n"
        "(folder / 'deck.pptx').write_bytes(deck.data)\n"
        "print(sorted(m for m in sys.modules if m == 'pptx' or m.startswith('pptx.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "deck.pptx").read_bytes() == render_deck(three(), THEME).data


def test_copying_an_entry_compressed_writes_what_adding_it_writes() -> None:
    data = model_path("grocery").read_bytes()
    first = PackageWriter()
    first.add("a.json", data)
    first.add("b.xml", b"<b/>" * 1000)
    source = PackageReader(first.getvalue())
    copied, added = PackageWriter(), PackageWriter()
    for entry in source.entries:
        copied.copy(f"x/{entry.filename}", source, entry)
        added.add(f"x/{entry.filename}", source.read(entry))
    assert copied.getvalue() == added.getvalue()
