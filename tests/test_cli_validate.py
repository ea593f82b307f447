"""`mapgen validate` and `mapgen inspect` on workbooks with and without problems."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from mapgen.cli import main
from tests.support.workbooks import add_row_persona, add_stages, new_book, save

STEP_KEYS = [
    "stage",
    "action",
    "touchpoint",
    "goal",
    "thoughts",
    "emotions",
    "score",
    "score_start",
    "score_raw",
    "score_source",
    "pain_points",
    "opportunities",
    "kpis",
    "owner",
    "evidence",
    "extra",
    "cell",
    "pairs",
]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def broken(tmp_path: Path) -> Path:
    book = new_book()
    add_stages(book, ["Awareness", "Purchase"])
    add_row_persona(
        book,
        "Ana",
        [
            ("Awareness", "Looks", "Web", "curious", 9, "• Slow"),
            ("Purchase", "Pays", "App", "zorbish", 2, ""),
        ],
    )
    return save(book, tmp_path / "broken.xlsx")


def test_validate_prints_each_problem_and_a_summary_and_exits_1_on_errors(tmp_path: Path) -> None:
    result = run("validate", str(broken(tmp_path)))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'broken.xlsx:Ana!E2: error: score "9" is outside the scale -5 to 5 of column '
        '"Emotion score (-5 to +5)"; use a value from -5 to 5'
    ]
    assert result.stdout.strip() == "broken.xlsx: 1 persona, 2 stages, 2 steps, 0 warnings, 1 error"


def test_validate_exits_0_on_warnings_only(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(
        book, "Ana", [("Awareness", "Looks", "Web", "curious", 2, "")], profile=[("Photo", "x.png")]
    )
    result = run("validate", str(save(book, tmp_path / "ok.xlsx")))
    assert result.exit_code == 0, result.output
    assert "1 warning, 0 errors" in result.stdout
    assert 'ok.xlsx:Ana!B1: warning: photo file "x.png" was not found' in result.stderr


def test_validate_an_unusable_file_is_one_sentence_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "journeys.xlsx"
    path.write_text("Stage;Step\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "journeys.xlsx: error: this is a CSV or text file, not an Excel workbook; open it in Excel and "
        "save it as an Excel Workbook (.xlsx)"
    )
    assert "Traceback" not in result.output


def test_inspect_json_follows_the_contract_and_still_prints_with_errors(tmp_path: Path) -> None:
    result = run("inspect", "--json", str(broken(tmp_path)))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version",
        "source",
        "project",
        "stages",
        "personas",
        "skipped_sheets",
        "metrics",
        "opportunities",
        "problems",
    ]
    assert (data["schema_version"], data["source"]) == (3, "broken.xlsx")
    assert data["stages"] == [
        {"name": "Awareness", "description": None},
        {"name": "Purchase", "description": None},
    ]
    (persona,) = data["personas"]
    assert list(persona) == ["name", "sheet", "profile", "has_photo", "kind", "scale", "stages", "steps"]
    assert persona["stages"] == ["Awareness", "Purchase"]
    assert persona["scale"] == {"low": -5.0, "high": 5.0, "kind": "numbers", "unit": ""}
    first, second = persona["steps"]
    assert list(first) == STEP_KEYS
    assert first["score"] is None and first["score_raw"] == "9" and first["score_source"] is None
    assert first["pain_points"] == ["Slow"] and first["cell"] == "B2"
    assert (second["score"], second["score_source"], second["emotions"]) == (0.4, "column", ["zorbish"])
    assert data["problems"] == [
        {
            "severity": "error",
            "sheet": "Ana",
            "cell": "E2",
            "message": 'score "9" is outside the scale -5 to 5 of column "Emotion score (-5 to +5)"; use a '
            "value from -5 to 5",
        }
    ]


def test_inspect_text_summarises_the_workbook(tmp_path: Path) -> None:
    result = run("inspect", str(broken(tmp_path)))
    assert result.exit_code == 1
    assert "Stages: Awareness > Purchase" in result.stdout
    assert "Persona Ana (sheet Ana): 2 steps, scores from +2 to +2 (scale −5 to +5)" in result.stdout
