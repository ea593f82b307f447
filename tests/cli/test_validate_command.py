"""`mapgen validate` refuses what `mapgen build` refuses, with the same message; inspect counts metrics."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from tests.support.workbooks import add_project, add_row_persona, add_rows, new_book, save


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(tmp_path / "cache"))


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def workbook(folder: Path, theme: str | None = None) -> Path:
    book = new_book()
    add_project(book, Title="Journeys", **({"Theme": theme} if theme else {}))
    add_row_persona(book, "Ana", [("Awareness", "Looks", "Web", "curious", 2, "")])
    return save(book, folder / "journeys.xlsx")


def build(path: Path) -> Any:
    return run("build", path, "--out", path.parent / "out", "--format", "png")


def test_a_theme_file_that_fails_to_load_fails_validate_as_it_fails_build(tmp_path: Path) -> None:
    (tmp_path / "brand.toml").write_text('extends = "default"\n[colours]\naccent = "not a colour"\n')
    path = workbook(tmp_path, "brand.toml")
    validated, built = run("validate", path), build(path)
    assert (validated.exit_code, built.exit_code) == (1, 1)
    refusal = (
        f"{tmp_path / 'brand.toml'}:colours.accent: error: expected a colour like '#1a73e8' or '#fff', "
        "got 'not a colour'"
    )
    assert validated.stderr.splitlines() == built.stderr.splitlines() == [refusal]
    assert validated.stdout.strip() == "journeys.xlsx: 1 persona, 1 stage, 1 step, 0 warnings, 1 error"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("theme", ["missing.toml", "corporat"])
def test_a_theme_field_naming_no_theme_fails_both_at_its_cell(tmp_path: Path, theme: str) -> None:
    path = workbook(tmp_path, theme)
    validated, built = run("validate", path), build(path)
    assert (validated.exit_code, built.exit_code) == (1, 1)
    assert validated.stderr.splitlines() == built.stderr.splitlines()
    assert validated.stderr.startswith("journeys.xlsx:Project!B2: error: ")


def test_the_project_files_template_is_checked_as_build_checks_it(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "client.pptx", "w") as package:
        package.writestr("ppt/presentation.xml", "<p/>")
    (tmp_path / "mapgen.toml").write_text('template = "client.pptx"\n')
    path = workbook(tmp_path)
    validated = run("validate", path)
    built = run("build", path, "--out", tmp_path / "out", "--format", "pptx")
    assert (validated.exit_code, built.exit_code) == (1, 1)
    assert validated.stderr.splitlines() == built.stderr.splitlines()
    assert "cannot be used as the deck template" in validated.stderr


def test_a_good_workbook_and_theme_pass(tmp_path: Path) -> None:
    (tmp_path / "brand.toml").write_text('extends = "default"\n[colours]\naccent = "#1a73e8"\n')
    result = run("validate", workbook(tmp_path, "brand.toml"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "journeys.xlsx: 1 persona, 1 stage, 1 step, 0 warnings, 0 errors"


def test_inspect_counts_metrics_and_names_blueprints(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(book, "Ana", [("Awareness", "Looks", "Web", "curious", 2, "")])
    add_rows(book, "Metrics", [("Stage", "Visits", "Conversion"), ("Awareness", 1200, 0.3)])
    add_rows(
        book,
        "Support chat",
        [
            ("Stage", "Customer action", "Backstage", "Support processes"),
            ("Awareness", "Asks", "Routes", "CRM"),
        ],
    )
    result = run("inspect", save(book, tmp_path / "journeys.xlsx"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Metrics sheet Metrics: 2 figures of 2 measures for 1 stage" in lines
    assert any(
        line.startswith("Service blueprint Support chat (sheet Support chat): 1 step") for line in lines
    )
