"""The sample workbooks: made by their script, shipped in the package, read by mapgen without a problem."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops, ImageStat

from mapgen.cli import main
from mapgen.samples import SAMPLES, sample_path

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
EXAMPLE = sample_path("example.xlsx")
B2B = sample_path("b2b-example.xlsx")
RETAIL_STAGES = ["Awareness", "Consideration", "Purchase", "Post-purchase"]
B2B_STAGES = [
    "Initial inquiry",
    "Qualification",
    "Proposal review",
    "Contract signing",
    "Onboarding and service delivery",
]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", INPUTS / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("samples")
    load_script().main([str(folder)])
    return folder


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def inspect(path: Path) -> dict[str, Any]:
    result = run("inspect", "--json", str(path))
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def header_row(sheet: Any, first: str) -> int:
    for row in range(1, 31):
        if sheet.cell(row=row, column=1).value == first:
            return row
    raise AssertionError(f"no {first} row in {sheet.title}")


# The script


def test_the_script_is_deterministic(regenerated: Path, tmp_path: Path) -> None:
    load_script().main([str(tmp_path)])
    for name in ("example.xlsx", "b2b-example.xlsx"):
        assert (tmp_path / name).read_bytes() == (regenerated / name).read_bytes(), name


@pytest.mark.parametrize("name", SAMPLES)
def test_the_committed_samples_are_what_the_script_makes(regenerated: Path, name: str) -> None:
    # Part by part: the XML must match exactly; the portrait within a small tolerance, since
    # another Pillow may antialias its curves a little differently.
    with zipfile.ZipFile(sample_path(name)) as committed, zipfile.ZipFile(regenerated / name) as fresh:
        assert committed.namelist() == fresh.namelist()
        for part in committed.namelist():
            old, new = committed.read(part), fresh.read(part)
            if part.startswith("xl/media/"):
                with Image.open(io.BytesIO(old)) as a, Image.open(io.BytesIO(new)) as b:
                    assert a.size == b.size
                    difference = ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB")))
                    assert max(difference.mean) < 2, part
            else:
                assert old == new, f"{name}: {part} differs; run python inputs/make_samples.py"


@pytest.mark.parametrize("name", SAMPLES)
def test_inputs_holds_the_packages_samples_byte_for_byte(name: str) -> None:
    assert (INPUTS / name).read_bytes() == sample_path(name).read_bytes(), (
        f"inputs/{name} and src/mapgen/samples/{name} differ: run python inputs/make_samples.py"
    )


def test_the_samples_are_package_data() -> None:
    assert sample_path().name == "example.xlsx"
    assert sample_path().parent == Path(__import__("mapgen").__file__).resolve().parent / "samples"
    with pytest.raises(ValueError, match="no sample named"):
        sample_path("other.xlsx")


# `mapgen sample`


def test_sample_copies_the_workbooks_into_a_new_folder(tmp_path: Path) -> None:
    dest = tmp_path / "my" / "samples"
    result = run("sample", str(dest))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in dest.iterdir()) == sorted(SAMPLES)
    for name in SAMPLES:
        assert (dest / name).read_bytes() == sample_path(name).read_bytes()
    assert f"mapgen build {dest / 'example.xlsx'}" in result.output


def test_sample_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("sample")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SAMPLES)


def test_sample_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "b2b-example.xlsx").write_bytes(b"my edits")
    result = run("sample", str(tmp_path))
    assert result.exit_code == 1
    assert "b2b-example.xlsx already exists; use --force" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b2b-example.xlsx"], "nothing written"
    assert (tmp_path / "b2b-example.xlsx").read_bytes() == b"my edits"

    forced = run("sample", str(tmp_path), "--force")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "b2b-example.xlsx").read_bytes() == sample_path("b2b-example.xlsx").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SAMPLES), "no temporary file left"


def test_sample_refuses_a_file_as_the_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    result = run("sample", str(tmp_path / "notes.txt"))
    assert result.exit_code == 1
    assert "is a file; give a folder" in result.output


# What a person opening the workbooks sees


def test_example_has_three_personas_and_the_supporting_sheets() -> None:
    book = openpyxl.load_workbook(EXAMPLE)
    assert book.sheetnames == ["README", "Project", "Stages", "Emma", "Renée", "Marcus"]
    assert [row[0] for row in book["Stages"].iter_rows(min_row=2, values_only=True)] == RETAIL_STAGES
    for name in ("Emma", "Renée", "Marcus"):
        sheet = book[name]
        header = [cell.value for cell in sheet[header_row(sheet, "Phase" if name == "Marcus" else "Stage")]]
        assert "Moment of truth" in header, "a custom column"
        assert any("(-5 to +5)" in str(value) for value in header), "the scale is in the header"


def test_example_places_one_photo_in_one_profile_block() -> None:
    book = openpyxl.load_workbook(EXAMPLE)
    with_images = {sheet.title: sheet._images for sheet in book.worksheets if sheet._images}
    assert list(with_images) == ["Emma"]
    (picture,) = with_images["Emma"]
    assert picture.anchor._from.row + 1 < header_row(book["Emma"], "Stage"), (
        "beside the profile, above the table"
    )
    with Image.open(io.BytesIO(picture._data())) as photo:
        assert photo.format == "PNG"
        assert photo.size == (600, 600)
        assert len(photo.getcolors(maxcolors=1 << 20) or ()) > 1000, "an illustration, not a flat square"


def test_example_uses_the_stage_cell_shapes_of_the_field() -> None:
    book = openpyxl.load_workbook(EXAMPLE)
    merged = book["Emma"].merged_cells.ranges
    assert len([cells for cells in merged if cells.min_col == cells.max_col == 1]) == 4, "merged down"
    renee = book["Renée"]
    stages = [row[0] for row in renee.iter_rows(min_row=header_row(renee, "Stage") + 1, values_only=True)]
    assert stages.count(None) == len(stages) - 4, "blank means the stage above"
    assert renee["A1"].value.startswith("Renée Dubois"), "a title row above the profile"


def test_b2b_is_a_canvas_with_a_stage_spanning_two_columns() -> None:
    book = openpyxl.load_workbook(B2B)
    assert book.sheetnames == ["Project", "IT procurement", "CFO", "_Sources"]
    for name in ("IT procurement", "CFO"):
        sheet = book[name]
        stage_row = header_row(sheet, "Stage")
        spans = [c for c in sheet.merged_cells.ranges if c.min_row == c.max_row == stage_row]
        assert len(spans) == 1 and spans[0].size["columns"] == 2
        lanes = [sheet.cell(row=row, column=1).value for row in range(stage_row + 1, sheet.max_row + 1)]
        assert lanes[:2] == ["Actions", "Touchpoints"]
        assert ("Emotion score (1-5)" in lanes) is (name == "IT procurement")


# What mapgen reads from them


@pytest.mark.parametrize("path", [EXAMPLE, B2B], ids=["example", "b2b"])
def test_validate_finds_no_problems(path: Path) -> None:
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "0 warnings, 0 errors" in result.stdout, result.output


def test_example_reads_as_three_personas_over_four_stages() -> None:
    data = inspect(EXAMPLE)
    assert data["problems"] == []
    assert data["project"]["client"] == "Kestrel & Pine"
    assert data["project"]["date"] == "2025-03-14"
    assert data["project"]["theme"] == "default"
    assert [stage["name"] for stage in data["stages"]] == RETAIL_STAGES
    assert {skipped["sheet"] for skipped in data["skipped_sheets"]} == {"README"}
    personas = {persona["name"]: persona for persona in data["personas"]}
    assert list(personas) == ["Emma Hughes", "Renée Dubois", "Marcus Okafor"]
    assert [personas[name]["has_photo"] for name in personas] == [True, False, False]
    for persona in personas.values():
        assert {step["stage"] for step in persona["steps"]} == set(RETAIL_STAGES)
        for stage in RETAIL_STAGES:
            assert 2 <= sum(step["stage"] == stage for step in persona["steps"]) <= 3
        for step in persona["steps"]:
            assert step["action"] and step["touchpoint"] and step["goal"] and step["thoughts"]
            assert step["emotions"] and step["pain_points"] and step["opportunities"] and step["kpis"]
            assert step["owner"] and step["evidence"]
            assert step["score_source"] == "column"
            assert -1 <= step["score"] <= 1
        profile = persona["profile"]
        for key in ("role", "age", "location", "quote", "bio"):
            assert isinstance(profile[key], str) and profile[key], key
        for key in ("goals", "frustrations", "behaviours", "channels"):
            assert isinstance(profile[key], list) and len(profile[key]) >= 2, key
        assert any(step["extra"].get("Moment of truth") for step in persona["steps"])


def test_example_personas_have_their_own_emotional_arcs() -> None:
    personas = {persona["name"]: persona for persona in inspect(EXAMPLE)["personas"]}

    def valley(name: str) -> tuple[str, float]:
        lowest = min(personas[name]["steps"], key=lambda step: step["score"])
        return lowest["stage"], lowest["score"]

    assert valley("Emma Hughes") == ("Purchase", -1.0)
    assert valley("Renée Dubois") == ("Post-purchase", -1.0)
    assert valley("Marcus Okafor") == ("Consideration", pytest.approx(-0.6))


def test_example_lists_lose_their_bullets_and_synonyms_find_their_fields() -> None:
    personas = {persona["name"]: persona for persona in inspect(EXAMPLE)["personas"]}
    emma, renee, marcus = (personas[name]["steps"][0] for name in personas)
    assert emma["pain_points"] == [
        "The ad shows the tent but not the price",
        "The link opens the home page, not the product",
    ]
    assert emma["emotions"] == ["curious", "hopeful"]
    assert renee["opportunities"] == ["A run-club ambassador programme in France"]
    assert marcus["action"] == "Searches for 'gifts for climbers'"
    assert marcus["goal"] == "Get ideas without knowing the sport"
    assert marcus["owner"] == "Content"
    assert marcus["pain_points"] == [
        "Gift guides assume the reader climbs",
        "No price filter in the gift guide",
    ]
    assert (
        personas["Emma Hughes"]["profile"]["goals"][0] == "Kit the family out for a week of camping in August"
    )


def test_b2b_reads_as_two_personas_over_five_stages() -> None:
    data = inspect(B2B)
    assert data["problems"] == []
    assert data["project"]["client"] == "Tallyward"
    assert data["project"]["date"] == "2025-05-20"
    assert [stage["name"] for stage in data["stages"]] == B2B_STAGES
    assert {skipped["sheet"] for skipped in data["skipped_sheets"]} == {"_Sources"}
    ines, daniel = data["personas"]
    assert (ines["name"], daniel["name"]) == ("Ines Duarte", "Daniel Whitford")
    for persona in (ines, daniel):
        assert {step["stage"] for step in persona["steps"]} == set(B2B_STAGES)
        assert len(persona["steps"]) == 6
        assert all(step["action"] and step["touchpoint"] and step["emotions"] for step in persona["steps"])
    assert [step["stage"] for step in ines["steps"]].count("Qualification") == 2
    assert [step["stage"] for step in daniel["steps"]].count("Onboarding and service delivery") == 2


def test_b2b_scores_one_persona_on_1_to_5_and_infers_the_other() -> None:
    ines, daniel = inspect(B2B)["personas"]
    assert [step["score_source"] for step in ines["steps"]] == ["column"] * 6
    assert [step["score"] for step in ines["steps"]] == pytest.approx([0.0, 0.5, -0.5, 0.0, -1.0, 1.0])
    assert [step["score_source"] for step in daniel["steps"]] == ["inferred"] * 6
    scores = [step["score"] for step in daniel["steps"]]
    assert all(score is not None and -1 <= score <= 1 for score in scores)
    qualification, proposal, contract, kickoff, first_close = scores[1:]
    assert proposal < 0 < contract, "confused, frustrated reads negative; relieved, confident positive"
    assert kickoff < 0 < first_close
    assert qualification > 0
