"""--column "HEADER=FIELD": the strongest of the header mappings, on build, watch, validate and inspect.

From the strongest: --column, the project file's [columns], the workbook's Columns sheet, the synonyms.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from tests.support.workbooks import add_rows, new_book, save


@pytest.fixture(scope="module", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAPGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A workbook whose Columns sheet reads "Where" as the evidence."""
    workbook = new_book()
    add_rows(
        workbook,
        "Ana",
        [("Stage", "Step", "Where", "Emotions"), ("Discover", "Sees an ad", "Instagram", "curious")],
    )
    add_rows(workbook, "Columns", [("Header", "Field"), ("Where", "evidence")])
    return save(workbook, tmp_path / "journeys.xlsx")


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def where(book: Path, *options: str) -> str:
    """Return the field that holds "Instagram", as `mapgen inspect --json` reads the workbook."""
    result = run("inspect", book, "--json", *options)
    assert result.exit_code == 0, result.output
    (step,) = json.loads(result.output)["personas"][0]["steps"]
    (field,) = [name for name, value in step.items() if value == "Instagram"]
    return field


def test_the_command_line_beats_the_project_file_which_beats_the_columns_sheet(book: Path) -> None:
    assert where(book) == "evidence", "the Columns sheet, over the synonyms (Where: no synonym)"
    (book.parent / "mapgen.toml").write_text('[columns]\n"Where" = "goal"\n', encoding="utf-8")
    assert where(book) == "goal", "the project file beats the Columns sheet"
    assert where(book, "--column", "where=touchpoint") == "touchpoint", "--column beats both"
    assert where(book, "--column", "Doing=action") == "goal", "a --column for another header leaves it"


def test_validate_takes_it_and_repeats_it(book: Path) -> None:
    bare = new_book()
    add_rows(bare, "Ana", [("Bit", "What happens", "Emotions"), ("Discover", "Sees an ad", "curious")])
    path = save(bare, book.parent / "bare.xlsx")
    refused = run("validate", path)
    assert refused.exit_code == 1
    assert (
        'row 1 holds "Bit", "What happens", "Emotions": only "Emotions" (emotions) names a step field'
        in refused.output
    )
    result = run("validate", path, "--column", "Bit=stage", "--column", "what happens = Steps")
    assert result.exit_code == 0, result.output
    assert "bare.xlsx: 1 persona, 1 stage, 1 step, 0 warnings, 0 errors" in result.output


def test_every_wrong_column_option_is_named_at_once(book: Path) -> None:
    result = run(
        "validate", book, "--column", "Where", "--column", "=stage", "--column", "Where=mood ring",
        "--column", "Bit=stage", "--column", "BIT=action",
    )  # fmt: skip
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    for wrong in (
        '"Where" has no "="; give the header, then its field: --column "Section=stage"',
        '"=stage": give the header as the workbook writes it before the "="',
        '"Where=mood ring": "mood ring" is not a step field; choose from stage, action,',
        '"BIT=action" and "Bit=stage" give one header two fields; keep one',
    ):
        assert wrong in output


def test_build_reads_with_it(tmp_path: Path) -> None:
    guessed = new_book()
    add_rows(guessed, "Ana", [("Bit", "Step", "Emotions"), ("Discover", "Sees an ad", "curious")])
    path = save(guessed, tmp_path / "guessed.xlsx")
    args = ("build", path, "--strict", "--format", "png", "-j", "1")
    refused = run(*args, "--out", tmp_path / "a")
    assert refused.exit_code == 1, "without it, the first column is a guess, and --strict refuses a warning"
    assert 'the first column "Bit" holds short labels' in refused.output
    built = run(*args, "--out", tmp_path / "b", "--column", "Bit=stage")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "b" / "manifest.json").is_file()


@pytest.mark.parametrize("command", ["build", "watch", "validate", "inspect"])
def test_each_command_that_reads_a_workbook_offers_it(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert '--column "HEADER=FIELD"' in result.output
