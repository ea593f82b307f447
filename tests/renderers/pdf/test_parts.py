"""The report made as parts (a chapter per persona, each on its own) and joined, checked as a reader would."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pikepdf
import pytest

from mapgen.layout import layout_journey
from mapgen.model import Journeys, Persona, Photo, Problem, Stage, Step
from mapgen.renderers.parts import PartSpec, part_scope
from mapgen.renderers.pdf.output.part import ReportPart
from mapgen.renderers.pdf.writer import assemble_report, render_report, render_report_part, report_parts
from mapgen.themes import Theme, load_theme
from tests import support
from tests.support.models import load_model
from tests.support.pdfs import make_parts, outline, page_count, pdftext, run, squash, tool


@dataclass
class Joined:
    path: Path
    data: bytes
    parts: list[bytes]
    journeys: Journeys
    theme: Theme


def join(
    tmp: Path, journeys: Journeys, theme: Theme, parts: list[bytes] | None = None, name: str = "joined"
) -> Joined:
    parts = parts if parts is not None else make_parts(journeys, theme)
    data, _problems = assemble_report(journeys, theme, parts)
    path = tmp / f"{name}.pdf"
    path.write_bytes(data)
    return Joined(path, data, parts, journeys, theme)


@pytest.fixture(scope="module")
def team_plan(tmp_path_factory: pytest.TempPathFactory) -> Joined:
    return join(tmp_path_factory.mktemp("parts"), load_model("team-plan"), load_theme("default"))


def chapter_starts(joined: Joined) -> dict[str, int]:
    """Return the page (from 1) each persona's chapter bookmark points to."""
    names = {p.name for p in joined.journeys.personas}
    return {e["title"]: e["destpageposfrom1"] for e in outline(joined.path) if e["title"] in names}


# ---------------------------------------------------------------------------------------------


def test_each_chapter_starts_where_its_bookmark_and_the_contents_link_say(team_plan: Joined) -> None:
    starts = chapter_starts(team_plan)
    assert list(starts) == [p.name for p in team_plan.journeys.personas]
    with pikepdf.open(team_plan.path) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        links: dict[int, list[int]] = {}
        for number in (2, 3):
            for annotation in pdf.pages[number - 1].obj.get("/Annots", ()):
                dest = annotation.Dest
                assert isinstance(dest, pikepdf.Array), "every contents link is resolved to a page"
                links.setdefault(number, []).append(index[dest[0].objgen])
    targets = {t for found in links.values() for t in found}
    for name, start in starts.items():
        assert start in targets, f"a contents link leads to {name}'s chapter"
        body = [line.strip() for line in pdftext(team_plan.path, start).splitlines() if line.strip()]
        assert name in body[:3], (name, start, body[:3])
    # The contents print the same page numbers as the bookmarks.
    printed = pdftext(team_plan.path, 2, layout=True)
    for name, start in starts.items():
        assert re.search(rf"^\s*{re.escape(name)}[ .]+{start}\s*$", printed, re.M), name


def test_sections_of_a_chapter_point_inside_it(team_plan: Joined) -> None:
    top = outline(team_plan.path)
    pages = [e["destpageposfrom1"] for e in top] + [page_count(team_plan.path) + 1]
    for entry, next_start in zip(top, pages[1:], strict=True):
        start = entry["destpageposfrom1"]
        # A chapter that follows on the same page (the closing "About") shares that page.
        end = max(next_start, start + 1)
        for kid in entry.get("kids", []):
            assert start <= kid["destpageposfrom1"] < end, (entry["title"], kid)


def test_every_page_after_the_cover_has_its_number_once(team_plan: Joined) -> None:
    total = page_count(team_plan.path)
    pages = pdftext(team_plan.path).split("\f")[:total]
    labels = team_plan.theme.labels
    assert not re.search(r"Page \d+ of \d+", pages[0])
    for number, page in enumerate(pages[1:], start=2):
        assert re.findall(r"Page \d+ of \d+", page) == [labels.page_x_of_y(number, total)], number


def tagged_journeys(personas: int) -> Journeys:
    """Return a model whose every persona's texts carry the persona's own tag, [Pn]."""
    stages = (Stage("Discover"), Stage("Buy"), Stage("Use"))
    people = []
    for n in range(personas):
        steps = tuple(
            Step(
                stage.name,
                action=f"[P{n}] acts in {stage.name}",
                thoughts=f"[P{n}] thinks about {stage.name.lower()}",
                pain_points=(f"[P{n}] pain in {stage.name}",),
                opportunities=(f"[P{n}] idea for {stage.name}",),
                score=round(0.5 - 0.3 * s, 2),
                emotions=("calm",),
            )
            for s, stage in enumerate(stages)
        )
        people.append(Persona(f"Person {n}", f"P{n}", profile=(("role", f"[P{n}] role"),), steps=steps))
    return Journeys("tagged.xlsx", stages=stages, personas=tuple(people))


def test_each_chapter_holds_its_own_persona_and_no_other(tmp_path: Path) -> None:
    journeys = tagged_journeys(4)
    joined = join(tmp_path, journeys, load_theme("default"))
    starts = list(chapter_starts(joined).values())
    overview = joined.theme.labels.all_personas
    ends = [*starts[1:], next(e["destpageposfrom1"] for e in outline(joined.path) if e["title"] == overview)]
    for n, (start, end) in enumerate(zip(starts, ends, strict=True)):
        text = pdftext(joined.path, start, end - 1)
        assert set(re.findall(r"\[P\d+\]", text)) == {f"[P{n}]"}, (n, start, end)
        assert squash(f"[P{n}] thinks about buy") in squash(text)


def embedded_fonts(path: Path) -> list[str]:
    """Return the names of the embedded font programs, one per program object."""
    with pikepdf.open(path) as pdf:
        names = []
        for obj in pdf.objects:
            descriptor = isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"
            if descriptor and "/FontFile2" in obj:
                names.append(str(obj.FontName))
        return sorted(names)


def test_chapters_share_one_copy_of_each_font_subset(tmp_path: Path) -> None:
    theme = load_theme("default")
    one = join(tmp_path, tagged_journeys(1), theme, name="one")
    many = join(tmp_path, tagged_journeys(8), theme, name="many")
    assert embedded_fonts(many.path) == embedded_fonts(one.path), "8 chapters embed what one does"
    faces = [name.split("+", 1)[1] for name in embedded_fonts(many.path)]
    assert len(faces) == len(set(faces)) <= 4, "one program per face: Latin text needs no second subset"
    rows = run("pdffonts", str(many.path)).splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert len(names) == len(set(names)), "no two different subsets share a name"


def test_subsets_beyond_the_shared_one_keep_their_text_and_unique_names(team_plan: Joined) -> None:
    # Renée's emoji and Li Wei's Chinese name are set in fallback faces, each chapter its own subset.
    rows = run("pdffonts", str(team_plan.path)).splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert len(names) == len(set(names)), rows
    for row in rows:
        assert re.search(r"\s(yes)\s+(yes)\s+(yes)\s+\d+\s+\d+$", row), row
    everything = pdftext(team_plan.path)
    for text in ("李伟 (Li Wei)", "Tomás Ørsted", "Renée Dubois", "🤔"):
        assert text in everything, text


def test_a_chapter_looks_the_same_alone_and_joined(team_plan: Joined, tmp_path: Path) -> None:
    from PIL import ImageChops

    part = ReportPart.from_bytes(team_plan.parts[1])
    assert part.part.persona == 0, "the parts: the summary, a chapter per persona, the overview"
    (tmp_path / "part.pdf").write_bytes(part.pdf)
    start = chapter_starts(team_plan)[team_plan.journeys.personas[0].name]
    theme = team_plan.theme
    dpi = 60
    for page in range(1, part.pages + 1):
        alone = _render(tmp_path / "part.pdf", page, dpi, tmp_path / "alone")
        joined = _render(team_plan.path, start + page - 1, dpi, tmp_path / "joined")
        assert alone.size == joined.size
        # Only the page number, right of the footer line, may differ.
        _top, _right, bottom, _left = theme.page.margins
        footer = alone.height - int(bottom * dpi / 72)
        for image in (alone, joined):
            image.paste((255, 255, 255), (image.width // 2, footer, image.width, image.height))
        assert ImageChops.difference(alone.convert("RGB"), joined.convert("RGB")).getbbox() is None, page


def _render(path: Path, page: int, dpi: int, stem: Path) -> Any:
    from PIL import Image

    run(
        "pdftoppm",
        "-r",
        str(dpi),
        "-png",
        "-singlefile",
        "-f",
        str(page),
        "-l",
        str(page),
        str(path),
        str(stem),
    )
    with Image.open(f"{stem}.png") as image:
        return image.copy()


def test_parts_made_in_another_order_or_process_give_the_same_report(
    team_plan: Joined, tmp_path: Path
) -> None:
    backwards = make_parts(team_plan.journeys, team_plan.theme, order=[4, 3, 2, 1, 0])
    assert backwards == team_plan.parts
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from mapgen.themes import load_theme; "
        "from tests.support.models import load_model; from tests.support.pdfs import make_parts; "
        "sys.stdout.buffer.write(make_parts(load_model('team-plan'), load_theme('default'))[1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(support.ROOT)],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "77"},
    )
    assert result.stdout == team_plan.parts[1]
    again, _problems = assemble_report(
        team_plan.journeys, team_plan.theme, [team_plan.parts[0], result.stdout, *backwards[2:]]
    )
    assert again == team_plan.data
    whole, _problems = render_report(team_plan.journeys, team_plan.theme, layout=layout_journey)
    assert whole == team_plan.data, "render_report is the same join"


def test_a_part_remade_after_an_edit_changes_only_that_chapter(tmp_path: Path) -> None:
    theme = load_theme("default")
    before = join(tmp_path, tagged_journeys(3), theme)
    journeys = tagged_journeys(3)
    edited = journeys.personas[1]
    steps = (dataclasses.replace(edited.steps[0], thoughts="[P1] has second thoughts"), *edited.steps[1:])
    journeys = dataclasses.replace(
        journeys,
        personas=(journeys.personas[0], dataclasses.replace(edited, steps=steps), journeys.personas[2]),
    )
    parts = make_parts(journeys, theme)
    # The summary and the overview see every persona (the build remakes them) but show no thoughts.
    assert [a == b for a, b in zip(parts, before.parts, strict=True)] == [True, True, False, True, True]
    after = join(tmp_path, journeys, theme, [*before.parts[:2], parts[2], *before.parts[3:]], name="after")
    whole, _problems = render_report(journeys, theme, layout=layout_journey)
    assert after.data == whole, "the cached parts and the remade one join into the whole report"
    total = page_count(before.path)
    assert page_count(after.path) == total
    start, end = list(chapter_starts(before).values())[1:3]
    changed = [n for n in range(1, total + 1) if pdftext(before.path, n) != pdftext(after.path, n)]
    assert changed and all(start <= n < end for n in changed), (changed, start, end)


def test_the_layout_sees_the_persona_at_its_place_in_the_whole_model() -> None:
    journeys = tagged_journeys(4)
    seen: list[tuple[int, int]] = []

    def layout(
        j: Journeys,
        persona: Persona,
        theme: Theme,
        page: tuple[float, float],
        *,
        paginate: bool = False,
        **kw: Any,
    ) -> Any:
        # The avatar's colour comes from the persona's index among all the personas.
        seen.append((len(seen), kw["index"]))
        return layout_journey(j, persona, theme, page, paginate=paginate, **kw)

    theme = load_theme("default")
    for spec in report_parts(journeys):
        render_report_part(part_scope(journeys, spec), spec, theme, layout=layout)
    indices = [index for _n, index in seen]
    assert list(dict.fromkeys(indices)) == [0, 1, 2, 3] and indices == sorted(indices)


def test_parts_carry_their_problems_into_the_result_never_into_the_report(tmp_path: Path) -> None:
    journeys = tagged_journeys(2)
    cut = Problem("warning", "text cut: Person 1, Buy, actions", sheet="P1", cell="B7")

    def layout(
        j: Journeys,
        persona: Persona,
        theme: Theme,
        page: tuple[float, float],
        *,
        paginate: bool = False,
        **kw: Any,
    ) -> Any:
        result = layout_journey(j, persona, theme, page, paginate=paginate, **kw)
        return SimpleNamespace(scenes=result.scenes, problems=(cut,) if persona.name == "Person 1" else ())

    theme = load_theme("default")
    specs = report_parts(journeys)
    made = [render_report_part(part_scope(journeys, s), s, theme, layout=layout) for s in specs]
    assert [problems for _data, problems in made] == [[], [], [cut], []]
    data, problems = assemble_report(journeys, theme, [data for data, _p in made])
    assert problems == [cut]
    path = tmp_path / "cut.pdf"
    path.write_bytes(data)
    assert squash(cut.message) not in squash(pdftext(path))


def test_assemble_refuses_parts_that_are_not_the_reports_own(team_plan: Joined) -> None:
    with pytest.raises(ValueError, match="report part"):
        assemble_report(team_plan.journeys, team_plan.theme, [b"%PDF-1.4", *team_plan.parts[1:]])
    with pytest.raises(ValueError, match="in order"):
        assemble_report(team_plan.journeys, team_plan.theme, list(reversed(team_plan.parts)))
    with pytest.raises(ValueError, match="in order"):
        assemble_report(team_plan.journeys, team_plan.theme, team_plan.parts[:2])
    with pytest.raises(ValueError, match="no part"):
        render_report_part(team_plan.journeys, PartSpec("head"), team_plan.theme)


def test_the_joined_file_passes_qpdf_check_and_reads_back_page_by_page(team_plan: Joined) -> None:
    result = subprocess.run([tool("qpdf"), "--check", str(team_plan.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    with pikepdf.open(io.BytesIO(team_plan.data)) as pdf:
        assert len(pdf.pages) == page_count(team_plan.path)
        assert pdf.Root.PageMode == "/UseOutlines"
        assert pdf.trailer.ID[0] == pdf.trailer.ID[1], "an /ID made from the content"


def with_thoughts(journeys: Journeys, thoughts: list[str]) -> Journeys:
    """Return the model with the first step of persona i thinking thoughts[i]."""
    personas = []
    for persona, thought in zip(journeys.personas, thoughts, strict=True):
        steps = (dataclasses.replace(persona.steps[0], thoughts=thought), *persona.steps[1:])
        personas.append(dataclasses.replace(persona, steps=steps))
    return dataclasses.replace(journeys, personas=tuple(personas))


def test_unlike_subsets_of_a_face_get_names_of_their_own_and_keep_their_glyphs(tmp_path: Path) -> None:
    from PIL import ImageChops

    # Cyrillic and Greek are beyond the shared first subset: each chapter adds a subset of its
    # own to the same face, which every chapter names the same way.
    thoughts = ["Привет, мир: где доставка?", "Γεια σου κόσμε: πού είναι;", "Ещё один вопрос о цене"]
    theme = load_theme("default")
    joined = join(tmp_path, with_thoughts(tagged_journeys(3), thoughts), theme)
    rows = run("pdffonts", str(joined.path)).splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert len(names) == len(set(names)), rows
    assert sum(1 for name in names if name.endswith("+Lato-Regular")) >= 3, rows
    everything = pdftext(joined.path)
    for thought in thoughts:
        assert thought in everything, thought
    # The glyphs are drawn as in the chapter made alone.
    starts = chapter_starts(joined)
    for i in range(3):
        part = ReportPart.from_bytes(joined.parts[i + 1])
        (tmp_path / "alone.pdf").write_bytes(part.pdf)
        for page in range(1, part.pages + 1):
            alone = _render(tmp_path / "alone.pdf", page, 50, tmp_path / "alone")
            whole = _render(joined.path, starts[f"Person {i}"] + page - 1, 50, tmp_path / "joined")
            for image in (alone, whole):  # all but the page number
                image.paste((255, 255, 255), (image.width // 2, image.height - 40, image.width, image.height))
            assert ImageChops.difference(alone.convert("RGB"), whole.convert("RGB")).getbbox() is None


def test_chapters_with_the_same_photo_share_one_image(tmp_path: Path) -> None:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (400, 400), (40, 120, 200)).save(picture, "PNG")
    photo = Photo(picture.getvalue(), "png")
    journeys = tagged_journeys(3)
    journeys = dataclasses.replace(
        journeys, personas=tuple(dataclasses.replace(p, photo=photo) for p in journeys.personas)
    )
    joined = join(tmp_path, journeys, load_theme("default"))
    alone = [images(ReportPart.from_bytes(p).pdf) for p in joined.parts[1:4]]
    assert alone[0] >= 1 and alone == alone[:1] * 3, "each chapter embeds the photo"
    assert images(joined.data) == alone[0], "the joined report keeps one copy"


def images(data: bytes) -> int:
    """Return how many images a PDF holds."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return sum(1 for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")


def test_a_part_records_no_date() -> None:
    import datetime as dt

    journeys = tagged_journeys(1)
    theme = load_theme("default")
    spec = report_parts(journeys)[1]
    scope = part_scope(journeys, spec)
    moment = dt.datetime(2024, 5, 2, 13, 45, tzinfo=dt.UTC)
    stamped, _p = render_report_part(scope, spec, theme, timestamp=moment, layout=layout_journey)
    plain, _p = render_report_part(scope, spec, theme, layout=layout_journey)
    assert stamped == plain
