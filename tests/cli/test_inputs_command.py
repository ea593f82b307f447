"""The command line on inputs beyond .xlsx: build, validate and inspect each sample; hostile files."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mapgen.build.inputs import input_files, photo_paths
from mapgen.cli import main

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
SAMPLES = {
    "csv-example": ["priya-nair.png", "zoe-lefevre.png"],
    "markdown-example.md": ["sam-okoro.png", "helen-marsh.png"],
    "mermaid-example.mmd": ["tomas-rents-a-city-bike.png"],
    "model-example.json": ["dev-patel.png"],
}

NAMES = {
    "csv-example": ["Priya Nair", "Zoé Lefèvre"],
    "markdown-example.md": ["Sam Okoro", "Helen Marsh"],
    "mermaid-example.mmd": ["Tomás rents a city bike"],
    "model-example.json": ["Dev Patel"],
}


@pytest.fixture(scope="module", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAPGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_each_sample_builds_its_maps(tmp_path: Path, sample: str) -> None:
    out = tmp_path / "out"
    result = run("build", INPUTS / sample, "--format", "png", "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in out.iterdir())
    overview = ["overview.png"] if len(SAMPLES[sample]) > 1 else []  # a comparison needs two personas
    assert made == sorted([*SAMPLES[sample], *overview, "manifest.json"])
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["workbook"] == sample


def test_a_markdown_file_builds_every_deliverable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(INPUTS / "markdown-example.md", tmp_path / "banking.md")
    result = run("build", "banking.md", "--jobs", "1")
    assert result.exit_code == 0, result.output
    out = tmp_path / "outputs" / "banking"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["sam-okoro.png", "helen-marsh.png", "overview.png", "banking.pptx", "banking.pdf", "manifest.json"]
    )
    assert "Wrote 6 files to outputs/banking" in result.output


def test_a_folder_of_csv_files_is_one_project_not_a_batch(tmp_path: Path) -> None:
    shutil.copytree(INPUTS / "csv-example", tmp_path / "energy")
    result = run("build", tmp_path / "energy", "--format", "png", "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "priya-nair.png").is_file()  # into OUT itself, as for one workbook


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_validate_and_inspect_accept_each_sample(sample: str) -> None:
    result = run("validate", INPUTS / sample)
    assert result.exit_code == 0, result.output
    assert "0 warnings, 0 errors" in result.output
    shown = run("inspect", "--json", INPUTS / sample)
    assert shown.exit_code == 0, shown.output
    model = json.loads(shown.output)
    assert [p["name"] for p in model["personas"]] == NAMES[sample]
    assert all(step["score"] is not None for p in model["personas"] for step in p["steps"])


def _write_hostile(tmp_path: Path, kind: str) -> Path:
    if kind == "encoding":
        path = tmp_path / "bad.csv"
        path.write_bytes(b"Stage,Step\nBuy,\x81\x8d\n")
    elif kind == "binary":
        path = tmp_path / "junk.csv"
        path.write_bytes(bytes(range(256)) * 4)
    elif kind == "huge":
        path = tmp_path / "huge.csv"
        with path.open("wb") as stream:
            stream.truncate(2 * 1024**3)
    elif kind == "deep":
        path = tmp_path / "deep.json"
        path.write_text("[" * 50_000 + "]" * 50_000, "utf-8")
    elif kind == "types":
        path = tmp_path / "types.json"
        persona = {"name": 1, "sheet": [], "steps": {}}
        path.write_text(json.dumps({"schema_version": 3, "personas": [persona]}))
    elif kind == "empty":
        path = tmp_path / "empty.md"
        path.write_bytes(b"")
    elif kind == "no table":
        path = tmp_path / "notes.md"
        path.write_text("# Maya\n\nShe buys.\n", "utf-8")
    else:
        path = tmp_path / "people.csv"
        path.write_text("Name,Email\nAda,ada@example.com\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("encoding", "neither UTF-8 nor Windows-1252"),
        ("binary", "this is a binary file"),
        ("huge", "over mapgen's limit of 10 MB"),
        ("deep", "nests deeper than 20 levels"),
        ("types", "personas[0].name: error: must be a string, not a number"),
        ("empty", "the file is empty (0 bytes)"),
        ("no table", "has no pipe table"),
        ("no columns", "no journey columns were found"),
    ],
)
@pytest.mark.parametrize("command", ["build", "validate"])
def test_hostile_inputs_are_one_clear_message_and_exit_1(
    tmp_path: Path, kind: str, expected: str, command: str
) -> None:
    path = _write_hostile(tmp_path, kind)
    result = run(command, path, *(["--out", tmp_path / "out"] if command == "build" else []))
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # an exit code, not an exception that escaped


def test_watch_knows_the_files_a_text_input_reads(tmp_path: Path) -> None:
    (tmp_path / "faces").mkdir()
    (tmp_path / "faces" / "sam.png").write_bytes(b"")
    journeys = tmp_path / "journeys.md"
    journeys.write_text("## Sam\n\n- **Photo:** faces/sam.png\n- Photo: ../outside.png\n", "utf-8")
    assert photo_paths(journeys) == [(tmp_path / "faces" / "sam.png").resolve()]
    shutil.copytree(INPUTS / "csv-example", tmp_path / "energy")
    (tmp_path / "energy" / "~$priya-nair.csv").write_text("lock", "utf-8")
    assert [p.name for p in input_files(tmp_path / "energy")] == ["priya-nair.csv", "zoe-lefevre.csv"]
    assert input_files(journeys) == [journeys]
