"""`mapgen inspect` lists each persona's own stages when they are not the project's."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mapgen.cli import main
from tests.support.models import load_model
from tests.support.workbooks import add_row_persona, new_book, save


def two_journeys(folder: Path) -> Path:
    """Save a workbook of two personas with no stage in common and no Stages sheet."""
    book = new_book()
    add_row_persona(
        book,
        "Dana",
        [
            ("Onboarding", "Signs up", "Web", "calm", 2, ""),
            ("Support", "Calls", "Phone", "annoyed", -3, "• Waits"),
        ],
    )
    add_row_persona(
        book,
        "Sam",
        [("Search", "Searches", "App", "curious", 1, ""), ("Purchase", "Pays", "App", "calm", 2, "")],
    )
    return save(book, folder / "two.xlsx")


def test_inspect_lists_each_personas_own_stages_and_only_their_steps(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["inspect", str(two_journeys(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Stages: Onboarding > Support > Search > Purchase" in lines
    dana = lines.index(next(line for line in lines if line.startswith("Persona Dana")))
    sam = lines.index(next(line for line in lines if line.startswith("Persona Sam")))
    assert lines[dana + 1 : sam] == [
        "  Own stages: Onboarding > Support",
        "  Onboarding: Signs up",
        "  Support: Calls",
    ]
    assert lines[sam + 1 : sam + 4] == [
        "  Own stages: Search > Purchase",
        "  Search: Searches",
        "  Purchase: Pays",
    ]
    assert "(no steps)" not in result.stdout, "no persona lists another's stages as empty"


def test_inspect_says_nothing_more_when_every_persona_has_every_stage(tmp_path: Path) -> None:
    book = new_book()
    for name in ("Ana", "Ben"):
        add_row_persona(
            book,
            name,
            [("Awareness", "Looks", "Web", "calm", 1, ""), ("Purchase", "Pays", "Web", "calm", 2, "")],
        )
    result = CliRunner().invoke(main, ["inspect", str(save(book, tmp_path / "same.xlsx"))])
    assert result.exit_code == 0, result.output
    assert "Own stages" not in result.stdout
    assert "  Purchase: Pays" in result.stdout


def test_inspect_calls_a_blueprint_a_service_blueprint() -> None:
    from mapgen.cli import _describe

    text = _describe(load_model("overlap-blueprint"))
    assert "Service blueprint Order fulfilment (sheet Fulfilment): 2 steps" in text
    assert "Persona Ann Berg, Buyer (sheet Ann): 3 steps" in text
    blueprint = text.split("Service blueprint Order fulfilment")[1].splitlines()[1:5]
    assert blueprint == [
        "  Own stages: Purchase > Support > Delivery",
        "  Purchase: Payment captured",
        "  Support: Ticket routed",
        "  Delivery: (no steps)",
    ]
