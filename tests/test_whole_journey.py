"""The whole journey on one canvas in every format, for journeys that stress it.

Workbooks of our own, with no Project sheet: 3 steps on a -5..+5 scale, 30 steps over 12 stages
on a 1..5 scale, 600-character cells, and Chinese text; in the agency and high-contrast themes,
and on a 4:3 client template whose first layout is a section header and whose fonts are not
Calibri. What a person would check: each PNG is exactly 1920 x 1080; each persona has exactly
one slide and one landscape report page that hold every stage of its journey, its pain points,
its opportunities and the emotion curve; no deck text under 9 pt; the report speaks of no build internals.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pptx import Presentation

from mapgen.build.pipeline import build_outputs
from mapgen.build.tasks import Options
from mapgen.readers import read_workbook
from tests.support.decks import make_section_first_template
from tests.support.workbooks import add_row_persona, new_book, save

STAGES_12 = [
    "Trigger", "Research", "Compare", "Shortlist", "Trial", "Decide",
    "Order", "Delivery", "Setup", "First use", "Support", "Renewal",
]  # fmt: skip
LONG = ("The checkout asks for the same address twice and then times out, " * 10)[:600]


def _workbook(folder: Path) -> Path:
    """Write the stress workbook: four personas, no Project sheet."""
    book = new_book()
    headers = ("Stage", "Step", "Touchpoint", "Emotions", "Emotion score (-5 to +5)", "Pain points", "Ideas")
    add_row_persona(
        book,
        "Ana Quick",
        [
            ("Trigger", "Sees an ad", "Instagram", "curious", 2, "No price", "Show the price"),
            ("Research", "Reads reviews", "Web", "unsure", -1, "Too many brands", "A comparison table"),
            ("Order", "Pays", "Checkout", "frustrated", -4, "Delivery cost shown late", "Show it up front"),
        ],
        headers=headers,
    )
    long_steps = [
        (
            STAGES_12[k % 12],
            f"Step {k + 1} of the long journey",
            "App",
            "calm",
            1 + (k * 7) % 5,
            f"Pain {k}",
            f"Idea {k}",
        )
        for k in range(30)
    ]
    long_steps.sort(key=lambda s: STAGES_12.index(s[0]))
    add_row_persona(
        book,
        "Bruno Far",
        long_steps,
        headers=("Stage", "Step", "Touchpoint", "Emotions", "Emotion score (1-5)", "Pain points", "Ideas"),
    )
    add_row_persona(
        book,
        "Carla Ramble",
        [
            ("Trigger", LONG, LONG, "annoyed", -2, LONG, LONG),
            ("Order", LONG, LONG, "relieved", 3, LONG, LONG),
        ],
        headers=headers,
    )
    add_row_persona(
        book,
        "李伟",
        [
            ("Trigger", "在微信上看到广告", "微信", "好奇", 3, "价格不清楚", "显示价格"),
            ("Order", "用支付宝付款", "支付宝", "满意", 4, "运费太高", "免运费门槛"),
        ],
        headers=headers,
    )
    return save(book, folder / "stress.xlsx")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _workbook(tmp_path_factory.mktemp("stress"))


CASES = [("agency", False), ("high-contrast", False), ("default", True)]


@pytest.fixture(scope="module", params=CASES, ids=["agency", "high-contrast", "template-4x3"])
def built(request: pytest.FixtureRequest, workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    theme, on_template = request.param
    out = tmp_path_factory.mktemp("out") / "stress"
    template = make_section_first_template(out.parent / "client.potx") if on_template else None
    journeys = read_workbook(workbook)
    assert journeys.errors == ()
    formats = ["pptx"] if on_template else ["png", "pptx", "pdf"]
    build_outputs(journeys, formats=formats, theme=theme, out=out, options=Options(template=template))
    return out


def _stage_names(workbook: Path, persona: str) -> set[str]:
    journeys = read_workbook(workbook)
    person = next(p for p in journeys.personas if p.name == persona)
    return {step.stage for step in person.steps}


def test_every_png_is_exactly_the_slide_preset(built: Path) -> None:
    pngs = list(built.glob("*.png"))
    if not pngs:
        pytest.skip("this case builds the deck only")
    for png in pngs:
        with Image.open(png) as picture:
            assert picture.size == (1920, 1080), png.name


def _slide_shapes(slide: object) -> list[str]:
    return [shape.name for shape in slide.shapes]  # type: ignore[attr-defined]


def test_each_persona_has_one_slide_with_its_whole_journey(built: Path, workbook: Path) -> None:
    prs = Presentation(str(built / "stress.pptx"))
    for persona in ("Ana Quick", "Bruno Far", "Carla Ramble", "李伟"):
        stages = _stage_names(workbook, persona)
        whole = []
        for slide in prs.slides:
            names = _slide_shapes(slide)
            shown = {
                m.group(1) for n in names if (m := re.match(rf"Stage · {re.escape(persona)} · (.+)$", n))
            }
            has_curve = any(n == f"Curve · {persona}" for n in names)
            has_pain = any(n.startswith(f"Card · {persona}") and "pain points" in n for n in names)
            has_ideas = any(n.startswith(f"Card · {persona}") and "opportunities" in n for n in names)
            if stages <= shown and has_curve and has_pain and has_ideas:
                whole.append(slide)
        assert len(whole) == 1, f"{persona}: {len(whole)} slides hold the whole journey"


def test_no_deck_text_is_under_nine_points(built: Path) -> None:
    prs = Presentation(str(built / "stress.pptx"))
    sizes = {
        run.font.size.pt
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None
    }
    assert min(sizes) >= 9.0


def test_each_persona_has_one_landscape_report_page_with_its_whole_journey(
    built: Path, workbook: Path
) -> None:
    report = built / "stress.pdf"
    if not report.exists():
        pytest.skip("this case builds the deck only")
    with pikepdf.open(report) as pdf:
        landscape = [
            n for n, page in enumerate(pdf.pages, 1) if float(page.mediabox[2]) > float(page.mediabox[3])
        ]
    for persona in ("Ana Quick", "Bruno Far", "Carla Ramble", "李伟"):
        holding = []
        for number in landscape:
            page = subprocess.run(
                ["pdftotext", "-f", str(number), "-l", str(number), str(report), "-"],
                capture_output=True, check=True, text=True,
            ).stdout  # fmt: skip
            flat = " ".join(page.split())
            if persona in flat and all(stage in flat for stage in _stage_names(workbook, persona)):
                holding.append(number)
        assert len(holding) == 1, f"{persona}: landscape pages {holding} hold the whole journey"


def test_the_report_speaks_of_no_build_internals(built: Path) -> None:
    report = built / "stress.pdf"
    if not report.exists():
        pytest.skip("this case builds the deck only")
    printed = subprocess.run(
        ["pdftotext", str(report), "-"], capture_output=True, check=True, text=True
    ).stdout
    for internal in ("--size", "--", "mapgen", "lexicon", "warning"):
        assert internal not in printed.lower()


def test_the_title_is_never_the_file_name(built: Path) -> None:
    prs = Presentation(io.BytesIO((built / "stress.pptx").read_bytes()))
    cover = " ".join(shape.text_frame.text for shape in prs.slides[0].shapes if shape.has_text_frame)
    assert "stress" not in cover.lower()
    assert "Confidential" not in cover


def test_the_deck_passes_an_ecma_376_validator(built: Path) -> None:
    """openxml-audit (ECMA-376 schemas and PowerPoint's own rules) finds no error in the deck."""
    import json
    import shutil

    # Beside this Python first: CI runs .venv/bin/pytest without putting .venv/bin on the PATH.
    beside = Path(sys.executable).parent / "openxml-audit"
    audit = str(beside) if beside.exists() else shutil.which("openxml-audit")
    assert audit is not None, "openxml-audit is a test dependency: pip install -e '.[test]'"
    done = subprocess.run([audit, "-o", "json", str(built / "stress.pptx")], capture_output=True, text=True)
    (verdict,) = json.loads(done.stdout)
    assert verdict["error_count"] == 0, verdict["errors"]


def test_the_report_passes_qpdf_check(built: Path) -> None:
    report = built / "stress.pdf"
    if not report.exists():
        pytest.skip("this case builds the deck only")
    done = subprocess.run(["qpdf", "--check", str(report)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
