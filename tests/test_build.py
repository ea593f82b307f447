"""The build pipeline: manifest, atomic replacement of outputs, persona selection."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from mapgen import build
from mapgen.build import Job, Options, Output, build_outputs
from mapgen.errors import InputError, MapgenError
from mapgen.model import Journeys, Persona, Problem, Stage, Step
from mapgen.themes import load_theme

JOURNEYS = Journeys(
    source="shop.xlsx",
    stages=(Stage("Awareness"), Stage("Purchase")),
    personas=(
        Persona(
            "Renée Dubois", "Renée", steps=(Step("Awareness", action="Sees an ad", score=0.5, cell="A5"),)
        ),
        Persona("Tom", "Tom", steps=(Step("Purchase", action="Pays", score=-0.5, cell="A5"),)),
    ),
    problems=(Problem("warning", "unknown emotion word 'meh'", file="shop.xlsx", sheet="Tom", cell="F5"),),
)


def _text_writer(job: Job) -> list[Output]:
    outputs = []
    for persona in job.journeys.personas:
        name = f"{persona.sheet}.txt"
        job.write(name, persona.name.encode())
        outputs.append(Output(name, "txt", persona.name))
    job.problems.append(Problem("warning", "text cut", sheet="Tom", cell="B5"))
    return outputs


def _failing_writer(job: Job) -> list[Output]:
    job.write("half.txt", b"half")
    raise OSError("disk full")


@pytest.fixture
def writers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    registry = {"txt": _text_writer, "boom": _failing_writer}
    monkeypatch.setattr(build, "_WRITERS", registry)
    return registry


def test_manifest_lists_every_file_with_its_hash(writers: object, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_outputs(JOURNEYS, formats=["txt"], theme=load_theme("default"), out=out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["workbook"] == "shop.xlsx"
    assert manifest["theme"] == "default"
    assert [o["path"] for o in manifest["outputs"]] == ["Renée.txt", "Tom.txt"]
    for entry in manifest["outputs"]:
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest()
    assert [p["message"] for p in manifest["problems"]] == ["unknown emotion word 'meh'", "text cut"]
    assert result.problems == (Problem("warning", "text cut", file="shop.xlsx", sheet="Tom", cell="B5"),)
    assert sorted(p.name for p in result.written) == ["Renée.txt", "Tom.txt", "manifest.json"]


def test_failed_build_leaves_out_exactly_as_it_was(writers: object, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_outputs(JOURNEYS, formats=["txt"], theme=load_theme("default"), out=out)
    (out / "notes-of-mine.docx").write_bytes(b"mine")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(OSError, match="disk full"):
        build_outputs(JOURNEYS, formats=["txt", "boom"], theme=load_theme("default"), out=out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "the staging folder is cleaned up"


def test_files_mapgen_did_not_write_are_kept(writers: object, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "client-brief.pdf").write_bytes(b"%PDF")
    build_outputs(JOURNEYS, formats=["txt"], theme=load_theme("default"), out=out)
    assert (out / "client-brief.pdf").read_bytes() == b"%PDF"


def test_only_the_chosen_personas_are_built(writers: object, tmp_path: Path) -> None:
    out = tmp_path / "out"
    options = Options(personas=("tom",))
    build_outputs(JOURNEYS, formats=["txt"], theme=load_theme("default"), out=out, options=options)
    assert not (out / "Renée.txt").exists()
    assert (out / "Tom.txt").read_text() == "Tom"
    with pytest.raises(MapgenError, match="no persona named nobody"):
        build_outputs(JOURNEYS, formats=["txt"], out=out, options=Options(personas=("nobody",)))


def test_a_workbook_with_errors_is_not_built(writers: object, tmp_path: Path) -> None:
    broken = Journeys(
        source="bad.xlsx", problems=(Problem("error", "no Stage column", file="bad.xlsx", sheet="A"),)
    )
    with pytest.raises(InputError) as caught:
        build_outputs(broken, formats=["txt"], out=tmp_path / "out")
    assert caught.value.problems == broken.problems
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_refused(writers: object, tmp_path: Path) -> None:
    with pytest.raises(MapgenError, match="unknown format gif"):
        build_outputs(JOURNEYS, formats=["gif"], out=tmp_path / "out")


def test_a_format_registers_once(writers: object) -> None:
    with pytest.raises(ValueError, match="registered already"):
        build.register_writer("txt", _text_writer)
