"""The project file's [columns] reach the reader in validate, inspect, build and watch's build."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mapgen.build.batch import Request, build_workbook
from mapgen.cli import main
from tests.support.workbooks import HEADERS, add_row_persona, new_book, save

BIT = ("Bit", *HEADERS[1:])  # "Bit": no synonym; without a mapping, a guess
STEPS = [
    ("Awareness", "Sees an ad", "Instagram", "curious", 2, "No price"),
    ("Purchase", "Pays", "App", "calm", 1, ""),
]
MAPPING = '[columns]\n"Bit" = "stage"\n'


@pytest.fixture(scope="module", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAPGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def book(tmp_path: Path) -> Path:
    workbook = new_book()
    add_row_persona(workbook, "Ana", STEPS, headers=BIT)
    return save(workbook, tmp_path / "journeys.xlsx")


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_reads_the_columns_of_the_project_file_beside_the_workbook(book: Path) -> None:
    unmapped = run("validate", book)
    assert unmapped.exit_code == 0, unmapped.output
    assert 'the first column "Bit" holds short labels, read as the stages' in unmapped.output
    (book.parent / "mapgen.toml").write_text(MAPPING, encoding="utf-8")
    mapped = run("validate", book)
    assert mapped.exit_code == 0, mapped.output
    assert "journeys.xlsx: 1 persona, 2 stages, 2 steps, 0 warnings, 0 errors" in mapped.output


def test_inspect_reads_them_too(book: Path) -> None:
    (book.parent / "pyproject.toml").write_text(f"[tool.mapgen.columns]\n{MAPPING.splitlines()[1]}\n")
    result = run("inspect", book, "--json")
    assert result.exit_code == 0, result.output
    model = json.loads(result.output)
    assert [stage["name"] for stage in model["stages"]] == ["Awareness", "Purchase"]


def test_a_wrong_project_file_stops_validate(book: Path) -> None:
    (book.parent / "mapgen.toml").write_text('[columns]\n"Bit" = "mood ring"\n', encoding="utf-8")
    result = run("validate", book)
    assert result.exit_code == 1
    assert 'columns."Bit": error: "mood ring" is not a step field' in result.output


def test_build_reads_the_columns_and_says_nothing_more(book: Path) -> None:
    (book.parent / "mapgen.toml").write_text(f'formats = ["png"]\nout = "deliverables"\n{MAPPING}')
    result = run("build", book, "-j", "1")
    assert result.exit_code == 0, result.output
    assert "[columns]" not in result.output
    manifest = json.loads((book.parent / "deliverables" / "manifest.json").read_text("utf-8"))
    assert {entry["format"] for entry in manifest["outputs"]} == {"png"}
    refused = run(
        "build", book, "--no-config", "--strict", "--format", "png", "--out", book.parent / "plain", "-j", "1"
    )
    assert refused.exit_code == 1, "--no-config leaves the mapping out with the rest of the file"
    assert 'the first column "Bit" holds short labels' in refused.output


def test_a_folder_build_and_watch_build_with_the_mapping(book: Path, tmp_path: Path) -> None:
    (book.parent / "mapgen.toml").write_text(f'formats = ["png"]\n{MAPPING}')
    result = run("build", book.parent, "--out", tmp_path / "all", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "all" / "journeys" / "manifest.json").is_file()
    # What `mapgen watch` calls on each save, with the project file read again each time.
    built = build_workbook(book, tmp_path / "watched", Request(formats=["png"]), columns=(("Bit", "stage"),))
    assert built.manifest["outputs"]
