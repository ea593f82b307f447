"""`mapgen build` end to end on the sample workbooks: defaults, folders, --json, the cache, edits."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.samples import sample_path

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
EXAMPLE_FILES = [
    "emma-hughes.png",
    "renee-dubois.png",
    "marcus-okafor.png",
    "overview.png",
    "example.pptx",
    "example.pdf",
    "manifest.json",
]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(tmp_path / "cache"))


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_build_without_arguments_builds_the_bundled_sample_into_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # an empty folder: the sample comes from the package
    before = sample_path().read_bytes()
    result = run("build", "--jobs", "2")
    assert result.exit_code == 0, result.output
    out = tmp_path / "outputs" / "example"
    assert sorted(p.name for p in out.iterdir()) == sorted(EXAMPLE_FILES)
    assert f"Wrote {len(EXAMPLE_FILES)} files to outputs/example in" in result.output
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {o["path"]: o["sha256"] for o in manifest["outputs"]} == {
        name: digest for name, digest in hashes(out).items() if name != "manifest.json"
    }
    assert manifest["workbook"] == "example.xlsx"
    assert sample_path().read_bytes() == before, "the workbook is only read"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "outputs"], "cache: the fixture's"


def test_a_second_build_writes_nothing_and_an_edit_repaints_one_persona(tmp_path: Path) -> None:
    book = tmp_path / "example.xlsx"
    shutil.copy(INPUTS / "example.xlsx", book)
    out = tmp_path / "out"
    assert run("build", str(book), "--out", str(out), "--format", "png").exit_code == 0
    before = hashes(out)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    again = run("build", str(book), "--out", str(out), "--format", "png")
    assert again.exit_code == 0, again.output
    assert (
        "Wrote 0 files to" in again.output and "(5 already up to date; all 4 from the cache)" in again.output
    )
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps

    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Marcus"] if "Marcus" in workbook.sheetnames else workbook.worksheets[-1]
    edited = _first_long_text_cell(sheet)
    edited.value = f"{edited.value} (edited after the workshop)"
    workbook.save(book)

    third = run("build", str(book), "--out", str(out), "--format", "png")
    assert third.exit_code == 0, third.output
    after = hashes(out)
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["manifest.json", "marcus-okafor.png"]


def _first_long_text_cell(sheet: Any) -> Any:
    """Return a step's action cell (long free text, below the header), for a harmless edit.

    An action, because a map shows every action; a lane such as thoughts may be left out of it.
    """
    for row in sheet.iter_rows(min_row=1):
        for header in row:
            names = ("step", "action", "actions", "customer action")
            if isinstance(header.value, str) and header.value.strip().lower() in names:
                for (cell,) in sheet.iter_rows(
                    min_row=header.row + 1, min_col=header.column, max_col=header.column
                ):
                    if isinstance(cell.value, str) and len(cell.value) > 40 and "\n" not in cell.value:
                        return cell
    for row in sheet.iter_rows(min_row=8):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 40 and "\n" not in cell.value:
                return cell
    raise AssertionError("no step text found to edit")


def test_a_folder_builds_every_workbook_and_one_bad_one_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "client"
    folder.mkdir()
    shutil.copy(INPUTS / "example.xlsx", folder / "example.xlsx")
    shutil.copy(INPUTS / "b2b-example.xlsx", folder / "b2b-example.xlsx")
    (folder / "broken.xlsx").write_text("Stage,Action\nAwareness,Sees an ad\n")
    (folder / "~$example.xlsx").write_bytes(b"Excel's lock file")
    out = tmp_path / "out"
    result = run("build", str(folder), "--out", str(out), "--format", "png", "--json")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["b2b-example", "example"]
    assert "broken.xlsx" in result.stderr and "1 workbook failed: broken.xlsx" in result.stderr
    manifests = json.loads(result.stdout)
    assert [Path(m["workbook"]).name for m in manifests] == ["b2b-example.xlsx", "example.xlsx"]
    for manifest in manifests:
        stem = Path(manifest["workbook"]).stem
        for entry in manifest["outputs"]:
            data = (out / stem / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_quiet_prints_nothing_but_errors(tmp_path: Path) -> None:
    result = run(
        "build", str(INPUTS / "example.xlsx"), "--out", str(tmp_path / "o"), "--format", "png", "--quiet"
    )
    assert result.exit_code == 0
    assert result.output == ""
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    failed = run("build", str(bad), "--out", str(tmp_path / "b"), "--quiet")
    assert failed.exit_code == 1
    assert failed.stderr.count("\n") == 1 and "bad.xlsx" in failed.stderr
    assert not (tmp_path / "b").exists()


def test_plain_progress_lines_name_each_file_when_not_on_a_terminal(tmp_path: Path) -> None:
    result = run("build", str(INPUTS / "b2b-example.xlsx"), "--out", str(tmp_path / "o"), "--format", "png")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("b2b-example.xlsx: ")]
    assert sorted(line.split(": ", 1)[1] for line in lines) == sorted(
        p.name for p in (tmp_path / "o").iterdir() if p.suffix == ".png"
    )


def test_an_edit_to_one_persona_remakes_its_parts_of_the_deck_and_report_and_the_joins(
    tmp_path: Path,
) -> None:
    from pptx import Presentation

    from mapgen.build.batch import Request, build_workbook
    from mapgen.build.cache import Cache
    from mapgen.build.runner import Done, Runner

    book, out = tmp_path / "example.xlsx", tmp_path / "out"
    shutil.copy(INPUTS / "example.xlsx", book)
    made: list[str] = []

    class Made:
        def start(self, label: str, total: int) -> None:
            made.clear()

        def done(self, outcome: Done) -> None:
            if not outcome.cached:
                made.append(outcome.task.file)

        def finish(self) -> None:
            pass

    runner = Runner(jobs=1, cache=Cache(tmp_path / "cache"))
    build_workbook(book, out, Request(), runner=runner, progress=Made())
    assert len(made) == 4 + 2 * 6, "every PNG, the deck's and the report's 5 parts each, and their joins"
    before = hashes(out)

    workbook = openpyxl.load_workbook(book)
    edited = _first_long_text_cell(workbook["Marcus"])
    edited.value = "Asks the shop whether the harness fits a 10-year-old climber"
    workbook.save(book)
    build_workbook(book, out, Request(), runner=runner, progress=Made())

    marcus = 2  # the third persona
    assert sorted(made) == sorted(
        [
            "marcus-okafor.png",
            "overview.png",
            f"example.pptx#persona-{marcus:04d}",
            "example.pptx#head",
            "example.pptx#tail",
            "example.pptx",
            f"example.pdf#persona-{marcus:04d}",
            "example.pdf#summary",
            "example.pdf#overview",
            "example.pdf",
        ]
    )
    after = hashes(out)
    assert [name for name in after if after[name] != before[name]] == [
        "example.pdf",
        "example.pptx",
        "manifest.json",
        "marcus-okafor.png",
    ], "the overview was made again, but the edit did not change it"
    deck = Presentation(str(out / "example.pptx"))
    shown = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    shown += [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    assert "harness fits a 10-year-old" in " ".join(" ".join(shown).split()), "the joined deck shows the edit"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    report = subprocess.run(["pdftotext", str(out / "example.pdf"), "-"], capture_output=True, check=True)
    # pdftotext joins a word hyphenated at a line's end and drops its hyphen ("10-" / "year-old"
    # reads "10year-old"): compare without hyphens.
    printed = " ".join(report.stdout.decode().replace("-", "").split())
    assert "harness fits a 10yearold" in printed, "so does the report"
