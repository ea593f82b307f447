"""The PDF report, opened and read the way a person (and poppler, and qpdf) would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from mapgen._version import __version__
from mapgen.layout import layout_journey
from mapgen.model import Journeys, Persona, Problem, Project, Stage, Step
from mapgen.renderers.pdf.plan.document import plan_report
from mapgen.renderers.pdf.report import JourneyMap, ReportPlan
from mapgen.renderers.pdf.writer import render_report, write_report
from mapgen.themes import Theme, load_theme
from tests import support
from tests.support.models import load_model
from tests.support.pdfs import outline, page_count, pdftext, run, squash, tool


@dataclass
class Report:
    path: Path
    data: bytes
    plan: ReportPlan
    journeys: Journeys
    theme: Theme
    problems: list[Problem]


def build(tmp: Path, journeys: Journeys, theme: Theme, **kwargs: Any) -> Report:
    data, problems = render_report(journeys, theme, layout=layout_journey, **kwargs)
    path = tmp / "report.pdf"
    path.write_bytes(data)
    plan = plan_report(journeys, theme, layout=layout_journey)
    return Report(path, data, plan, journeys, theme, problems)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return build(tmp_path_factory.mktemp("team-plan"), load_model("team-plan"), load_theme("default"))


# ---------------------------------------------------------------------------------------------


def test_the_file_passes_qpdf_check(report: Report) -> None:
    result = subprocess.run([tool("qpdf"), "--check", str(report.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_text_recovers_every_persona_stage_pain_point_and_opportunity(report: Report) -> None:
    everything = squash(pdftext(report.path))
    journeys = report.journeys
    wanted = [p.name for p in journeys.personas] + [s.name for s in journeys.stages]
    for persona in journeys.personas:
        for step in persona.steps:
            wanted += [*step.pain_points, *step.opportunities]
            wanted += [t for t in (step.action, step.touchpoint, step.goal, step.thoughts, step.owner) if t]
        wanted += [v for _k, v in persona.profile if isinstance(v, str)]
    missing = [w for w in wanted if squash(w) not in everything]
    assert missing == []


def test_the_journey_map_is_drawn_as_text_on_its_landscape_pages(report: Report) -> None:
    pages = {entry["title"]: entry for entry in _flatten(outline(report.path))}
    sizes = _page_sizes(report.path)
    maps = [b for b in report.plan.blocks if isinstance(b, JourneyMap)]
    assert maps
    titled = [e for e in _flatten(outline(report.path)) if e["title"] == maps[0].title]
    assert len(titled) == len(maps), "one outline entry per journey map"
    for journey_map, entry in zip(maps, titled, strict=True):
        first = entry["destpageposfrom1"]
        for offset, scene in enumerate(journey_map.scenes):
            number = first + offset
            width, height = sizes[number]
            assert width > height, f"page {number} holds a journey map and is landscape"
            on_page = squash(pdftext(report.path, number))
            for block in scene.texts():
                for line in block.lines:
                    assert squash(line) in on_page, (journey_map.persona, number, line)
            # The page's running footer is the only footer: the map leaves out its own.
            assert on_page.count(squash(report.plan.footer)) == 1, (journey_map.persona, number)
    assert pages  # the outline is there at all


def _flatten(entries: list[dict[str, Any]], level: int = 0) -> list[dict[str, Any]]:
    out = []
    for entry in entries:
        out.append({**entry, "level": level})
        out.extend(_flatten(entry.get("kids", []), level + 1))
    return out


def _page_sizes(path: Path) -> dict[int, tuple[float, float]]:
    info = run("pdfinfo", "-f", "1", "-l", "9999", str(path))
    return {
        int(m[1]): (float(m[2]), float(m[3]))
        for m in re.finditer(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    }


def test_outline_has_a_chapter_per_persona_with_its_sections(report: Report) -> None:
    labels = report.theme.labels
    top = outline(report.path)
    titles = [entry["title"] for entry in top]
    names = [p.name for p in report.journeys.personas]
    assert titles == [labels.contents, labels.executive_summary, *names, labels.all_personas, labels.about]
    for entry in top:
        if entry["title"] in names:
            kids = [kid["title"] for kid in entry["kids"]]
            assert kids == [labels.emotion_curve, labels.journey_map, labels.stages, labels.action_plan]
    pages = [entry["destpageposfrom1"] for entry in _flatten(top)]
    assert pages == sorted(pages), "bookmarks point forward through the document"


def test_contents_page_numbers_are_where_the_chapters_start(report: Report) -> None:
    labels = report.theme.labels
    contents = pdftext(report.path, 2, 3, layout=True)
    listed = {
        m[1].strip(): int(m[2])
        for m in re.finditer(r"^\s*(\S.*?)[\s.]*?\s(\d+)\s*$", contents, re.M)
        if "Page" not in m[1]
    }
    chapters = [
        labels.executive_summary,
        *(p.name for p in report.journeys.personas),
        labels.all_personas,
    ]
    total = page_count(report.path)
    assert listed[labels.about] == total, "the report ends with where the map comes from"
    for chapter in chapters:
        assert chapter in listed, (chapter, listed)
        number = listed[chapter]
        assert 2 < number <= total
        page = pdftext(report.path, number).splitlines()
        # Below the running header, the chapter heading opens the page.
        body = [line for line in page if line.strip() and line.strip() not in report.plan.header]
        assert body[0].strip() == chapter, (chapter, number, body[:3])
    bookmarks = {e["title"]: e["destpageposfrom1"] for e in outline(report.path)}
    assert {c: listed[c] for c in chapters} == {c: bookmarks[c] for c in chapters}


def test_metadata_is_set(report: Report) -> None:
    lines = run("pdfinfo", str(report.path)).splitlines()
    info = {key.strip(): value.strip() for key, value in (line.split(":", 1) for line in lines)}
    assert info["Title"] == "Customer journeys 2024"
    assert info["Author"] == "Studio Nord"
    assert info["Creator"] == f"mapgen {__version__}"
    assert "Acme Café" in info["Subject"]
    assert "Renée Dubois" in info["Keywords"] and "Awareness" in info["Keywords"]
    assert info["Page size"].startswith("595.276 x 841.89"), "A4 from the default theme"
    root = json.loads(run("qpdf", "--json", "--json-key=qpdf", str(report.path)))["qpdf"][1]
    catalog = next(
        v["value"]
        for v in root.values()
        if isinstance(v, dict) and v.get("value", {}).get("/Type") == "/Catalog"
    )
    assert catalog["/Lang"] == "u:en"


def test_every_font_is_embedded_and_subset(report: Report) -> None:
    rows = run("pdffonts", str(report.path)).splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\s(yes)\s+(yes)\s+(yes)\s+\d+\s+\d+$", row), row
    assert not any("Helvetica" in row or "Times" in row for row in rows)


def test_every_page_after_the_cover_says_page_x_of_y(report: Report) -> None:
    total = page_count(report.path)
    pages = pdftext(report.path).split("\f")[:total]
    assert len(pages) == total
    assert report.theme.labels.page_x_of_y(1, total) not in pages[0], "the cover has no footer"
    for number, page in enumerate(pages[1:], start=2):
        assert report.theme.labels.page_x_of_y(number, total) in page, number
        assert "Customer journeys 2024" in page and report.theme.footer.confidentiality in page


def test_the_report_says_where_the_map_comes_from_and_nothing_of_the_build(report: Report) -> None:
    text = pdftext(report.path)
    last = squash(pdftext(report.path, page_count(report.path)))
    assert squash(report.theme.labels.about) in last and squash("example.xlsx") in last
    for internal in ("--", "mapgen", "lexicon", "warning", __version__):
        assert internal not in text.casefold(), internal
    for problem in (*report.journeys.warnings, *report.problems):
        assert squash(problem.message) not in squash(text)


def test_same_input_and_theme_give_the_same_bytes(report: Report, tmp_path: Path) -> None:
    again = build(tmp_path, report.journeys, report.theme)
    assert again.data == report.data


def test_a_timestamp_becomes_the_creation_date(report: Report, tmp_path: Path) -> None:
    moment = dt.datetime(2024, 5, 2, 13, 45, 10, tzinfo=dt.UTC)
    stamped = build(tmp_path, report.journeys, report.theme, timestamp=moment)
    info = run("pdfinfo", "-isodates", str(stamped.path))
    assert re.search(r"^CreationDate:\s+2024-05-02T13:45:10", info, re.M), info
    assert "2024-05-02" not in pdftext(stamped.path), "the build's date is metadata, not the client's text"
    later = build(tmp_path, report.journeys, report.theme, timestamp=moment + dt.timedelta(days=1))
    assert later.data != stamped.data != report.data
    unstamped = run("pdfinfo", "-isodates", str(report.path))
    assert re.search(r"^CreationDate:\s+2000-01-01", unstamped, re.M), (
        "reproducible builds record a fixed date"
    )


def test_write_report_writes_the_file_and_returns_layout_problems(tmp_path: Path) -> None:
    journeys = load_model("sensors-small")
    cut = Problem("warning", "text cut: Katrin Vogel, Qualification, actions", sheet="Katrin")

    def layout(
        j: Journeys, p: Persona, theme: Theme, page: tuple[float, float], *, paginate: bool = False, **kw: Any
    ) -> Any:
        result = layout_journey(j, p, theme, page, paginate=paginate, **kw)
        return SimpleNamespace(scenes=result.scenes, problems=(cut,) if p.name == "Katrin Vogel" else ())

    path = tmp_path / "b2b.pdf"
    problems = write_report(journeys, load_theme("corporate"), path, layout=layout)
    assert problems == [cut]
    assert path.read_bytes().startswith(b"%PDF-")
    assert squash(cut.message) not in squash(pdftext(path)), "warnings are the build's, not the client's"


def test_a_german_theme_gives_german_words_and_language(tmp_path: Path) -> None:
    german = build(tmp_path, load_model("sensors-small"), load_theme("default-de"))
    total = page_count(german.path)
    assert f"Seite 2 von {total}" in pdftext(german.path, 2)
    root = json.loads(run("qpdf", "--json", "--json-key=qpdf", str(german.path)))["qpdf"][1]
    catalog = next(
        v["value"]
        for v in root.values()
        if isinstance(v, dict) and v.get("value", {}).get("/Type") == "/Catalog"
    )
    assert catalog["/Lang"] == "u:de"
    assert "Zusammenfassung" in [e["title"] for e in outline(german.path)]


def test_letter_paper_and_margins_come_from_the_theme(tmp_path: Path) -> None:
    theme_file = tmp_path / "letter.toml"
    theme_file.write_text('extends = "default"\n[page]\nsize = "Letter"\nmargins_mm = 25\n', "utf-8")
    letter = build(tmp_path, load_model("sensors-small"), load_theme(theme_file))
    sizes = _page_sizes(letter.path)
    assert sizes[1] == (612.0, 792.0)
    assert {sizes[n] for n in sizes} == {(612.0, 792.0), (792.0, 612.0)}
    margin = 25 * 72 / 25.4
    for word, x0, _y0, x1, _y1, number in _word_boxes(letter.path):
        width, _height = sizes[number]
        assert x0 >= margin - 1 and x1 <= width - margin + 1, (word, number, x0, x1)


def _word_boxes(path: Path) -> list[tuple[str, float, float, float, float, int]]:
    html = run("pdftotext", "-bbox", str(path), "-")
    out = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
        ):
            out.append((m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4]), number))
    return out


# ---------------------------------------------------------------------------------------------
# A wide journey with long texts

_SENTENCES = (
    "The customer calls the hotline because the confirmation e-mail never arrives.",
    "Each time the agent looks up the order again and asks for the same reference number.",
    "A call back is promised and does not happen, so the customer reads the cancellation terms aloud.",
    "The queue music repeats while the customer asks for a manager and takes notes of every name.",
)
_TAG = re.compile(r"\[[A-Z]\d+\.\d+\]")


def _long(tag: str, sentences: int) -> str:
    """Return a long text whose every sentence carries a unique tag, so a cut or a loss shows."""
    return " ".join(f"[{tag}.{k}] {_SENTENCES[k % len(_SENTENCES)]}" for k in range(sentences))


def long_journeys() -> Journeys:
    words = "Discover Explore Compare Trial Decide Negotiate Sign Onboard Adopt Expand Renew Advocate Depart"
    stages = tuple(Stage(f"Stage {i + 1}: {word}") for i, word in enumerate(words.split()))
    steps = []
    for i, stage in enumerate(stages):
        steps.append(
            Step(
                stage.name,
                action=_long(f"A{i}", 2 + i % 3),
                thoughts=_long(f"T{i}", 4 + 2 * (i % 2)),
                pain_points=(_long(f"P{i}", 4 + i % 3),),
                opportunities=(_long(f"O{i}", 3 + i % 2),),
                score=None if i == 5 else round(((i * 7) % 9 - 4) / 4, 2),
                emotions=("annoyed",),
                owner="Customer service",
            )
        )
    # One cell far taller than a page: it must split across pages, not be cut.
    steps[3] = dataclasses.replace(steps[3], evidence=_long("E3", 90))
    profile = (("role", "Patient customer"), ("bio", _long("B0", 8)))
    persona = Persona("Wide Wanda", "Wanda", profile=profile, steps=tuple(steps))
    return Journeys(
        "wide.xlsx", project=Project(title="A very long journey"), stages=stages, personas=(persona,)
    )


def test_a_wide_journey_with_long_cells_lays_out_without_clipping(tmp_path: Path) -> None:
    theme_file = tmp_path / "evidence.toml"
    theme_file.write_text(
        'extends = "default"\n[lanes]\nshow = ["actions", "touchpoints", "goals", "thoughts", "emotions", '
        '"pain_points", "opportunities", "kpis", "owner", "evidence", "extra"]\n',
        "utf-8",
    )
    journeys = long_journeys()
    wide = build(tmp_path, journeys, load_theme(theme_file))
    assert len(journeys.stages) >= 12
    # Every sentence of every text the report's flow shows is printed exactly as often as the
    # plan shows it: nothing cut, nothing lost (the journey map's own pages, which may shorten
    # texts with an ellipsis and report it, are left out of the count).
    maps = _journey_map_pages(wide)
    total = page_count(wide.path)
    printed = Counter(
        tag for n in range(1, total + 1) if n not in maps for tag in _TAG.findall(pdftext(wide.path, n))
    )
    planned = Counter(tag for value in wide.plan.texts() for tag in _TAG.findall(value))
    assert planned
    assert {tag: n for tag, n in planned.items() if printed[tag] < n} == {}, "texts cut or lost"
    # More only where a table that continues on the next page repeats its header row.
    headers = {
        tag for table in wide.plan.tables() for cell in table.header.cells for tag in _TAG.findall(cell.text)
    }
    assert {tag for tag, n in printed.items() if n > planned[tag]} <= headers
    evidence = [
        n
        for n in range(1, total + 1)
        if n not in maps and ("[E3.0]" in pdftext(wide.path, n) or "[E3.89]" in pdftext(wide.path, n))
    ]
    assert len(evidence) == 2, "the tallest cell splits across two pages"
    sizes = _page_sizes(wide.path)
    for word, x0, y0, x1, y1, number in _word_boxes(wide.path):
        width, height = sizes[number]
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (word, number)
    result = subprocess.run([tool("qpdf"), "--check", str(wide.path)], capture_output=True, text=True)
    assert result.returncode == 0


def _journey_map_pages(report: Report) -> set[int]:
    entries = [e for e in _flatten(outline(report.path)) if e["title"] == report.theme.labels.journey_map]
    maps = [b for b in report.plan.blocks if isinstance(b, JourneyMap)]
    return {
        entry["destpageposfrom1"] + i
        for entry, block in zip(entries, maps, strict=True)
        for i in range(len(block.scenes))
    }


_BUILD_IN_A_PROCESS = """
import sys
sys.path.insert(0, sys.argv[1])
from mapgen.layout import layout_journey
from mapgen.renderers.pdf.writer import render_report
from mapgen.themes import load_theme
from tests.support.models import load_model
data, _ = render_report(load_model("sensors-small"), load_theme("default"), layout=layout_journey)
sys.stdout.buffer.write(data)
"""


def test_the_bytes_do_not_depend_on_the_process_or_its_hash_seed(tmp_path: Path) -> None:
    import sys

    outputs = []
    for seed in ("0", "4242"):
        result = subprocess.run(
            [sys.executable, "-c", _BUILD_IN_A_PROCESS, str(support.ROOT)],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outputs.append(result.stdout)
    here, _problems = render_report(load_model("sensors-small"), load_theme("default"), layout=layout_journey)
    assert outputs[0] == outputs[1] == here


def test_a_transparent_logo_is_flattened_not_embedded_with_alpha(tmp_path: Path) -> None:
    from PIL import Image

    logo = Image.new("RGBA", (1200, 400), (0, 0, 0, 0))
    logo.paste((214, 40, 60, 255), (100, 100, 1100, 300))
    logo.save(tmp_path / "logo.png")
    theme_file = tmp_path / "brand.toml"
    theme_file.write_text('extends = "default"\nlogo = "logo.png"\n', "utf-8")
    branded = build(tmp_path, load_model("sensors-small"), load_theme(theme_file))
    listing = run("pdfimages", "-list", "-f", "1", "-l", "1", str(branded.path)).splitlines()[2:]
    assert len(listing) == 1, "the logo is on the cover"
    row = listing[0].split()
    assert (row[2], row[5]) == ("image", "rgb"), row
    assert int(row[3]) <= 1200 and float(row[12]) <= 320, "reduced to print resolution"


def test_a_long_report_lists_only_chapters_in_its_contents_but_every_section_in_its_outline(
    tmp_path: Path,
) -> None:
    base = load_model("team-plan")
    personas = tuple(
        dataclasses.replace(p, name=f"{p.name} {i + 1}", sheet=f"{p.sheet}{i}")
        for i in range(5)
        for p in base.personas
    )
    many = build(tmp_path, dataclasses.replace(base, personas=personas), load_theme("default"))
    labels = many.theme.labels
    top = outline(many.path)
    chapters = {e["title"]: e for e in top}
    first = top[1]["destpageposfrom1"]  # the executive summary follows the contents
    contents = pdftext(many.path, 2, first - 1)
    assert labels.emotion_curve not in contents and labels.action_plan not in contents
    for persona in personas:
        assert persona.name in contents
        entry = chapters[persona.name]
        assert [kid["title"] for kid in entry["kids"]][-1] == labels.action_plan
        assert not entry["open"], "with many personas the outline opens folded"
    listed = dict(re.findall(r"^\s*(.+?)[ .]+(\d+)\s*$", pdftext(many.path, 2, first - 1, layout=True), re.M))
    assert int(listed[personas[-1].name]) == chapters[personas[-1].name]["destpageposfrom1"]
