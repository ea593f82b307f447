"""`mapgen build` as a newcomer meets it: formats, personas, flags anywhere, the summary, strict, help."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.cli.common import colour_on, problem_line
from mapgen.model import Problem

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
LOW_CONTRAST = 'extends = "default"\n[colours]\nmuted = "#cccccc"\n'


@pytest.fixture(scope="module", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # One cache for the module: entries are keyed by what they show, so sharing only saves time.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAPGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("NO_COLOR", raising=False)
        yield


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "client" / "example.xlsx"
    path.parent.mkdir()
    shutil.copy(INPUTS / "example.xlsx", path)
    return path


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def formats_in(out: Path) -> set[str]:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {entry["format"] for entry in manifest["outputs"]}


def test_format_may_be_repeated_and_comma_separated(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", book, "--out", out, "--format", "png", "--format", "pdf", "-j", "1")
    assert result.exit_code == 0, result.output
    assert formats_in(out) == {"png", "pdf"}
    twice = run("build", book, "--out", out, "--format", "png", "--format", "pdf,PNG")
    assert twice.exit_code == 2
    assert "png is named twice; name each format once" in twice.output


@pytest.mark.parametrize("name", ["renee-dubois", "Renee Dubois", "RENÉE  dubois", "renée dubois"])
def test_persona_by_slug_or_by_name_without_case_or_accents(book: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    result = run("build", book, "--out", out, "--format", "png", "--persona", name, "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "manifest.json",
        "renee-dubois.png",
    ]  # one persona: no overview


def test_an_unknown_persona_lists_the_personas(book: Path) -> None:
    result = run("build", book, "--format", "png", "--persona", "Renata")
    assert result.exit_code == 1
    assert result.output.strip() == (
        'example.xlsx: error: no persona named "Renata"; the personas are: Emma Hughes (emma-hughes); '
        "Renée Dubois (renee-dubois); Marcus Okafor (marcus-okafor) (a name or its file's slug)"
    )


def test_one_persona_into_a_full_build_goes_to_a_subfolder_and_says_so(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("build", book, "--format", "png", "-j", "1").exit_code == 0
    full = tmp_path / "outputs" / "example"
    before = {p.name: p.read_bytes() for p in full.iterdir()}
    result = run("build", book, "--format", "png", "--persona", "emma-hughes", "-j", "1")
    assert result.exit_code == 0, result.output
    sub = full / "persona-emma-hughes"
    assert sorted(p.name for p in sub.iterdir()) == ["emma-hughes.png", "manifest.json"]
    assert {p.name: p.read_bytes() for p in full.iterdir() if p.is_file()} == before
    assert f"Built only Emma Hughes, into {sub.relative_to(tmp_path)}: outputs/example holds" in result.output
    assert f"Wrote 2 files to {sub.relative_to(tmp_path)}" in result.output
    # Named with --out, the folder is the user's choice: the build goes there.
    named = run("build", book, "--format", "png", "--persona", "emma-hughes", "--out", full, "-j", "1")
    assert named.exit_code == 0, named.output
    assert "3 removed" in named.output and not (full / "renee-dubois.png").exists()  # and the overview


@pytest.mark.parametrize(
    "args",
    [
        ["--debug", "validate", "{book}"],
        ["validate", "{book}", "--debug"],
        ["validate", "--debug", "{book}"],
        ["themes", "show", "nope", "--debug"],
    ],
)
def test_debug_works_before_and_after_the_command(book: Path, args: list[str]) -> None:
    (book.parent / "broken.xlsx").write_text("not a workbook")
    filled = [a.replace("{book}", str(book.parent / "broken.xlsx")) for a in args]
    result = run(*filled)
    assert result.exit_code == 1
    assert result.exception is not None and not isinstance(result.exception, SystemExit), "a traceback"


def test_verbose_anywhere_shows_the_timings(book: Path, tmp_path: Path) -> None:
    for args in (["-v", "build", book], ["build", book, "--verbose"]):
        result = run(*args, "--out", tmp_path / "out", "--format", "png", "-j", "1")
        assert result.exit_code == 0, result.output
        assert "example.xlsx: read " in result.output and " files " in result.output


def test_after_force_the_summary_says_what_was_made_and_what_changed(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run("build", book, "--out", out, "--format", "png", "--force", "-j", "1")
    assert first.exit_code == 0, first.output
    assert f"Wrote 5 files to {out} in " in first.output
    again = run("build", book, "--out", out, "--format", "png", "--force", "-j", "1")
    assert f"Wrote 0 files to {out} (5 already up to date; 4 made anew) in " in again.output
    cached = run("build", book, "--out", out, "--format", "png", "-j", "1")
    assert f"Wrote 0 files to {out} (5 already up to date; all 4 from the cache) in " in cached.output
    fewer = run("build", book, "--out", out, "--format", "png", "--persona", "Emma Hughes", "-j", "1")
    # Two PNGs and the overview removed (one persona has nothing to compare), the manifest rewritten.
    assert f"Wrote 1 file to {out} (1 already up to date, 3 removed; " in fewer.output


def test_a_bad_template_is_one_clean_line(book: Path, tmp_path: Path) -> None:
    import zipfile

    template = tmp_path / "client.pptx"
    with zipfile.ZipFile(template, "w") as package:
        package.writestr("ppt/presentation.xml", "<p/>")
    result = run("build", book, "--out", tmp_path / "out", "--format", "pptx", "--template", template)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{template}: error: cannot be used as the deck template: not a PowerPoint file (it has no "
        "[Content_Types].xml); save it again from PowerPoint"
    ]


def test_strict_fails_on_warnings_and_leaves_the_folder_as_it_was(book: Path, tmp_path: Path) -> None:
    theme = book.parent / "pale.toml"
    theme.write_text(LOW_CONTRAST)
    out = tmp_path / "out"
    plain = run("build", book, "--out", out, "--format", "png", "-j", "1")
    assert plain.exit_code == 0
    # The sample's own warnings (what its one-page maps summarise), and the pale theme's two.
    found = re.search(r"(\d+) warnings?\.", plain.output)
    count = (int(found.group(1)) if found else 0) + 2
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = run("build", book, "--out", out, "--format", "png", "--theme", theme, "--strict")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "warning:" in lines[0] and "colours.muted" in lines[0]
    assert lines[-1] == (
        # The theme's two stop the build before any file is made: the maps' own are never met.
        f"example.xlsx: error: --strict: 2 warnings, so {out} is left as it was; "
        "fix them, or build without --strict"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    relaxed = run("build", book, "--out", out, "--format", "png", "--theme", theme, "-j", "1")
    assert relaxed.exit_code == 0 and f"{count} warnings." in relaxed.output


def test_help_shows_defaults_environment_and_exit_codes() -> None:
    for args in (["--help"], ["build", "--help"], ["watch", "--help"]):
        text = run(*args).output
        for word in ("MAPGEN_CACHE_DIR", "MAPGEN_FONT_DIRS", "MAPGEN_NO_SYSTEM_FONTS", "NO_COLOR"):
            assert word in text, (args, word)
        assert "SOURCE_DATE_EPOCH" in text and "130  interrupted" in text
    build_help = run("build", "--help").output
    assert "[default: (every core)" in build_help and "[default: (all three)]" in build_help
    assert "_MAPGEN_COMPLETE=bash_source mapgen" in run("--help").output


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert colour_on(Tty()) is True  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_on(Tty()) is False  # type: ignore[arg-type]
    problem = Problem("warning", "pale", file="a.xlsx")
    assert problem_line(problem, False) == "a.xlsx: warning: pale"
    assert "\x1b[" in problem_line(problem, True)


def test_the_project_file_gives_defaults_the_command_line_overrides(book: Path) -> None:
    (book.parent / "mapgen.toml").write_text('formats = ["png"]\nout = "deliverables"\n')
    result = run("build", book, "-j", "1")
    assert result.exit_code == 0, result.output
    out = book.parent / "deliverables"
    assert formats_in(out) == {"png"}
    assert run("build", book, "-j", "1", "--format", "pdf").exit_code == 0
    assert formats_in(out) == {"pdf"}
    (book.parent / "mapgen.toml").write_text('formats = ["png"]\nout = "../elsewhere"\njobs = 2\n')
    refused = run("build", book)
    assert refused.exit_code == 1
    assert f"{book.parent / 'mapgen.toml'}:out: error:" in refused.output
    assert f"{book.parent / 'mapgen.toml'}:jobs: error: unknown key" in refused.output
    assert run("build", book, "--no-config", "--format", "png", "--out", out, "-j", "1").exit_code == 0


def test_what_a_one_page_map_summarises_is_a_note_shown_with_v_listed_and_never_fails_strict(
    book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    quiet = run("build", book, "--out", out, "--format", "png", "-j", "1", "--strict")
    assert quiet.exit_code == 0, quiet.output
    assert "one-page map" not in quiet.output and "warning:" not in quiet.output, quiet.output
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    notes = [p for p in manifest["problems"] if "one-page map" in p["message"]]
    assert notes and all(p["severity"] == "note" for p in notes)
    verbose = run("build", book, "--out", out, "--format", "png", "-j", "1", "--force", "-v")
    shown = [line for line in verbose.output.splitlines() if "one-page map" in line]
    assert len(shown) == len(notes) and all(": note: " in line for line in shown)
