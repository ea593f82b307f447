"""The build pipeline: manifest, atomic replacement, cache, parallel workers, persona selection.

These tests register small text formats in place of the real ones, so that the pipeline is
tested on its own; tests/test_cli_build.py drives real builds of the sample workbooks.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from mapgen.build import formats
from mapgen.build.cache import Cache
from mapgen.build.pipeline import Options, build_outputs, render
from mapgen.build.runner import Done, Runner
from mapgen.build.tasks import Rendered, Task
from mapgen.errors import InputError, MapgenError
from mapgen.model import Journeys, Persona, Problem, Step
from mapgen.themes import load_theme
from tests import support
from tests.support.toy_formats import (
    JOURNEYS,
    THEME,
    plan_book,
    plan_txt,
)


@pytest.fixture(autouse=True)
def only_test_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "FORMATS", {"txt": plan_txt, "book": plan_book})


def names_and_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_manifest_lists_every_file_with_its_hash(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest == result.manifest
    assert manifest["workbook"] == "shop.xlsx"
    assert manifest["theme"] == "default"
    assert [o["path"] for o in manifest["outputs"]] == ["Renée.txt", "Tom.txt", "all.txt"]
    assert [o["persona"] for o in manifest["outputs"]] == ["Renée Dubois", "Tom", None]
    for entry in manifest["outputs"]:
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest()
    assert [p["message"] for p in manifest["problems"]] == [
        "unknown emotion word 'meh'",
        "text cut",
        "text cut",
    ]
    assert result.problems[0] == Problem("warning", "text cut", file="shop.xlsx", sheet="Renée", cell="B5")
    assert sorted(p.name for p in result.written) == ["Renée.txt", "Tom.txt", "all.txt", "manifest.json"]


def test_a_failure_in_the_middle_leaves_out_exactly_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out)
    (out / "notes-of-mine.docx").write_bytes(b"mine")
    before = names_and_bytes(out)
    exploding = Persona("Explodes", "Boom", steps=(Step("Purchase", action="x", cell="A5"),))
    edited = Journeys(
        source="shop.xlsx",
        stages=JOURNEYS.stages,
        personas=(*JOURNEYS.personas[:1], exploding, JOURNEYS.personas[1]),
    )
    for jobs in (1, 2):
        with Runner(jobs=jobs) as runner, pytest.raises(MapgenError, match="disk full"):
            build_outputs(edited, formats=["txt"], theme=THEME, out=out, runner=runner)
        assert names_and_bytes(out) == before
        assert [p.name for p in tmp_path.iterdir()] == ["out"], "the staging folder is cleaned up"


def test_files_mapgen_did_not_write_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "client-brief.pdf").write_bytes(b"%PDF")
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out)
    assert (out / "client-brief.pdf").read_bytes() == b"%PDF"


def test_an_unchanged_file_is_not_written_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    inodes = {p.name: p.stat().st_ino for p in out.iterdir()}
    second = build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out)
    assert second.written == ()
    assert sorted(second.unchanged) == sorted(first.written)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    assert {p.name: p.stat().st_ino for p in out.iterdir()} == inodes


def test_the_cache_makes_only_what_changed(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    out = tmp_path / "out"
    calls: list[str] = []

    def counted(done: object) -> None:
        calls.append(f"{done.task.file}:{'hit' if done.cached else 'made'}")  # type: ignore[attr-defined]

    class Counter:
        def start(self, label: str, total: int) -> None:
            calls.clear()

        done = staticmethod(counted)

        def finish(self) -> None:
            pass

    runner = Runner(jobs=1, cache=cache)
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out, runner=runner, progress=Counter())
    assert sorted(calls) == ["Renée.txt:made", "Tom.txt:made", "all.txt:made"]

    again = build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out, runner=runner, progress=Counter())
    assert sorted(calls) == ["Renée.txt:hit", "Tom.txt:hit", "all.txt:hit"]
    assert again.written == ()
    assert [p.message for p in again.problems] == ["text cut", "text cut"], "cached files keep their warnings"

    tom = JOURNEYS.personas[1]
    edited = Journeys(
        source="shop.xlsx",
        stages=JOURNEYS.stages,
        personas=(
            JOURNEYS.personas[0],
            Persona("Tom", "Tom", steps=(Step("Purchase", action="Pays twice", cell="A5"),)),
        ),
    )
    assert edited.personas[1] != tom
    result = build_outputs(edited, formats=["txt"], theme=THEME, out=out, runner=runner, progress=Counter())
    # all.txt is made from the whole model, so it is made again; its bytes did not change.
    assert sorted(calls) == ["Renée.txt:hit", "Tom.txt:made", "all.txt:made"]
    assert [p.name for p in result.written] == ["Tom.txt", "manifest.json"]
    assert (out / "Tom.txt").read_text().startswith("Tom Pays twice")

    # Another theme is another look: nothing comes from the cache.
    build_outputs(
        edited, formats=["txt"], theme=load_theme("agency"), out=out, runner=runner, progress=Counter()
    )
    assert all(call.endswith("made") for call in calls)

    # --force makes everything again.
    forced = Runner(jobs=1, cache=cache, reuse=False)
    build_outputs(edited, formats=["txt"], theme=THEME, out=out, runner=forced, progress=Counter())
    assert all(call.endswith("made") for call in calls)


def test_a_damaged_cache_entry_is_made_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    runner = Runner(jobs=1, cache=cache)
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=tmp_path / "out", runner=runner)
    for entry in (tmp_path / "cache").glob("*/*.entry"):
        entry.write_bytes(b"\xff\xff")
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=tmp_path / "again", runner=runner)
    assert names_and_bytes(tmp_path / "again") == names_and_bytes(tmp_path / "out")


def test_the_cache_is_pruned_to_its_limit(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", limit=200)
    runner = Runner(jobs=1, cache=cache)
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=tmp_path / "out", runner=runner)
    cache.prune()
    sizes = [p.stat().st_size for p in (tmp_path / "cache").glob("*/*.entry")]
    assert sum(sizes) <= 200
    assert sizes, "the newest entries stay"


def test_workers_build_the_same_files_as_one_process(tmp_path: Path) -> None:
    serial = build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=tmp_path / "serial")
    with Runner(jobs=2) as runner:
        parallel = build_outputs(
            JOURNEYS, formats=["txt"], theme=THEME, out=tmp_path / "parallel", runner=runner
        )
    strip = lambda folder: {  # noqa: E731
        name: data.split(b" pid=")[0]
        for name, data in names_and_bytes(folder).items()
        if name != "manifest.json"
    }
    assert strip(tmp_path / "parallel") == strip(tmp_path / "serial")
    assert parallel.problems == serial.problems, "warnings come back in the tasks' order"
    pids = {
        data.split(b"pid=")[1] for data in names_and_bytes(tmp_path / "parallel").values() if b"pid=" in data
    }
    assert str(os.getpid()).encode() not in pids, "the work ran in worker processes"


def test_only_the_chosen_personas_are_built(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out, options=Options(personas=("tom",)))
    assert not (out / "Renée.txt").exists()
    assert (out / "all.txt").read_text() == "Tom"
    with pytest.raises(MapgenError, match='no persona named "nobody"; the personas are: Renée Dubois'):
        build_outputs(JOURNEYS, formats=["txt"], out=out, options=Options(personas=("nobody",)))


def test_a_workbook_with_errors_is_not_built(tmp_path: Path) -> None:
    broken = Journeys(
        source="bad.xlsx", problems=(Problem("error", "no Stage column", file="bad.xlsx", sheet="A"),)
    )
    with pytest.raises(InputError) as caught:
        build_outputs(broken, formats=["txt"], out=tmp_path / "out")
    assert caught.value.problems == broken.problems
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MapgenError, match="unknown format gif"):
        build_outputs(JOURNEYS, formats=["gif"], out=tmp_path / "out")


def test_a_format_registers_once() -> None:
    with pytest.raises(ValueError, match="registered already"):
        formats.register_format("txt", plan_txt)


def test_render_is_the_python_api(tmp_path: Path) -> None:
    import mapgen

    result = mapgen.render(JOURNEYS, formats=["txt"], theme="default", out=tmp_path / "api")
    names = ["Renée.txt", "Tom.txt", "all.txt", "manifest.json"]
    assert [p.name for p in result.paths] == names
    assert result.out == tmp_path / "api"
    assert result.manifest == json.loads((tmp_path / "api" / "manifest.json").read_text("utf-8"))
    workbook = len(JOURNEYS.warnings)
    assert result.warnings[:workbook] == JOURNEYS.warnings
    assert {p.message for p in result.warnings[workbook:]} == {"text cut"}, "the toy formats' own"
    assert all(isinstance(p, Problem) and not p.is_error for p in result.warnings)
    assert result == render(JOURNEYS, formats=["txt"], theme="default", out=tmp_path / "api")


def test_render_still_reads_as_the_list_of_paths_it_used_to_return(tmp_path: Path) -> None:
    result = render(JOURNEYS, formats=["txt"], theme="default", out=tmp_path)
    assert list(result) == sorted(tmp_path.iterdir()) == sorted(result)
    assert len(result) == 4 and result[-1].name == "manifest.json" and result[:1] == result.paths[:1]
    assert tmp_path / "all.txt" in result


def test_render_reports_the_workbooks_warnings_and_the_builds_own(tmp_path: Path) -> None:
    warning = Problem("warning", "a workbook warning", file="book.xlsx", sheet="Tom", cell="B2")
    journeys = dataclasses.replace(JOURNEYS, problems=(*JOURNEYS.problems, warning))
    result = render(journeys, formats=["txt"], theme="default", out=tmp_path)
    assert warning in result.warnings
    assert [p["message"] for p in result.manifest["problems"]] == [p.message for p in result.warnings]


class Calls:
    """A progress display that remembers which files and parts were made and which were cached."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def start(self, label: str, total: int) -> None:
        self.calls.clear()
        self.total = total

    def done(self, outcome: Done) -> None:
        self.calls.append(f"{outcome.task.file}:{'hit' if outcome.cached else 'made'}")

    def finish(self) -> None:
        pass


def _edited_tom(action: str) -> Journeys:
    tom = Persona("Tom", "Tom", steps=(Step("Purchase", action=action, cell="A5"),))
    return dataclasses.replace(JOURNEYS, personas=(JOURNEYS.personas[0], tom))


def test_a_joined_file_is_made_from_its_parts_in_order_and_the_parts_stay_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_outputs(JOURNEYS, formats=["book"], theme=THEME, out=out)
    book = (out / "book.txt").read_text()
    assert book.startswith("2 chapters")
    assert book.index("[Renée Dubois: Sees an ad") < book.index("[Tom: Pays")
    assert sorted(p.name for p in out.iterdir()) == ["book.txt", "manifest.json"]
    assert [o["path"] for o in result.manifest["outputs"]] == ["book.txt"]
    assert [p.message for p in result.problems] == ["Renée Dubois cut", "Tom cut", "book joined"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "the parts went with the staging folder"


def test_a_joined_file_remakes_only_the_part_that_changed(tmp_path: Path) -> None:
    runner = Runner(jobs=1, cache=Cache(tmp_path / "cache"))
    out, calls = tmp_path / "out", Calls()
    build_outputs(JOURNEYS, formats=["book"], theme=THEME, out=out, runner=runner, progress=calls)
    assert calls.total == 3
    assert calls.calls == ["book.txt#Renée:made", "book.txt#Tom:made", "book.txt:made"]

    again = build_outputs(JOURNEYS, formats=["book"], theme=THEME, out=out, runner=runner, progress=calls)
    assert calls.calls == ["book.txt:hit", "book.txt#Renée:hit", "book.txt#Tom:hit"], "no part is looked at"
    assert again.written == ()
    assert [p.message for p in again.problems] == ["Renée Dubois cut", "Tom cut", "book joined"]

    edited = _edited_tom("Pays twice")
    result = build_outputs(edited, formats=["book"], theme=THEME, out=out, runner=runner, progress=calls)
    assert calls.calls == ["book.txt#Renée:hit", "book.txt#Tom:made", "book.txt:made"]
    assert "[Tom: Pays twice" in (out / "book.txt").read_text()
    assert [p.name for p in result.written] == ["book.txt", "manifest.json"]


def test_parts_and_joins_run_in_workers_and_give_the_files_one_process_gives(tmp_path: Path) -> None:
    serial = build_outputs(JOURNEYS, formats=["txt", "book"], theme=THEME, out=tmp_path / "serial")
    with Runner(jobs=2, cache=Cache(tmp_path / "cache")) as runner:
        parallel = build_outputs(
            JOURNEYS, formats=["txt", "book"], theme=THEME, out=tmp_path / "parallel", runner=runner
        )
        book = (tmp_path / "parallel" / "book.txt").read_text()
        # Again after an edit: one part from a worker, the other from the cache.
        build_outputs(
            _edited_tom("Pays twice"), formats=["book"], theme=THEME, out=tmp_path / "edit", runner=runner
        )
    assert parallel.problems == serial.problems, "warnings come back in the tasks' and parts' order"
    pids = set(re.findall(r"pid=(\d+)", book))
    assert str(os.getpid()) not in pids, "parts and the join ran in worker processes"
    strip = lambda text: re.sub(r"pid=\d+", "", text)  # noqa: E731
    assert strip(book) == strip((tmp_path / "serial" / "book.txt").read_text())
    edited = (tmp_path / "edit" / "book.txt").read_text()
    assert "[Tom: Pays twice" in edited and "[Renée Dubois: Sees an ad" in edited


def test_a_failing_part_leaves_out_exactly_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_outputs(JOURNEYS, formats=["txt", "book"], theme=THEME, out=out)
    before = names_and_bytes(out)
    exploding = Persona("Explodes", "Boom", steps=(Step("Purchase", action="x", cell="A5"),))
    edited = dataclasses.replace(JOURNEYS, personas=(*JOURNEYS.personas, exploding))
    for jobs in (1, 2):
        with Runner(jobs=jobs) as runner, pytest.raises(MapgenError, match="disk full"):
            build_outputs(edited, formats=["book"], theme=THEME, out=out, runner=runner)
        assert names_and_bytes(out) == before
        assert [p.name for p in tmp_path.iterdir()] == ["out"], "the staging folder is cleaned up"


def test_a_cache_key_tells_apart_what_a_partial_binds(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    scope = Journeys(source="shop.xlsx", personas=JOURNEYS.personas[:1])
    first, third = (
        Task("txt", "Renée.txt", "Renée Dubois", functools.partial(render_indexed, index), scope)
        for index in (0, 2)
    )
    assert cache.key(first, "theme", Options()) != cache.key(third, "theme", Options())
    assert cache.key(first, "theme", Options()) == cache.key(first, "theme", Options())


def render_indexed(index: int, journeys: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write a persona's name and its place among all personas."""
    return Rendered(f"{index}: {journeys.personas[0].name}".encode())


def test_a_workbook_saved_after_its_last_build_is_stale(tmp_path: Path) -> None:
    from mapgen.build.batch import is_stale

    workbook, out = tmp_path / "shop.xlsx", tmp_path / "out"
    workbook.write_bytes(b"PK")
    assert is_stale(out, workbook), "never built"
    build_outputs(JOURNEYS, formats=["txt"], theme=THEME, out=out)
    os.utime(workbook, ns=(0, (out / "manifest.json").stat().st_mtime_ns - 1))
    assert not is_stale(out, workbook)
    os.utime(workbook, ns=(0, (out / "manifest.json").stat().st_mtime_ns + 1))
    assert is_stale(out, workbook), "saved since"


def test_a_model_digest_sees_every_persona_and_photo_and_keeps_each_personas_hash() -> None:
    from mapgen.build.cache import model_digest
    from mapgen.model import Photo

    memo: dict[int, tuple[Persona, str]] = {}
    first = model_digest(JOURNEYS, memo)
    assert len(memo) == 2
    assert model_digest(JOURNEYS, memo) == first == model_digest(JOURNEYS)
    renee, tom = JOURNEYS.personas
    pictured = dataclasses.replace(renee, photo=Photo(b"\x89PNG one", "png"))
    repictured = dataclasses.replace(renee, photo=Photo(b"\x89PNG two", "png"))
    digests = {
        model_digest(dataclasses.replace(JOURNEYS, personas=personas), memo)
        for personas in ((renee, tom), (tom, renee), (pictured, tom), (repictured, tom), (renee,))
    }
    assert len(digests) == 5, "order, photos and each persona count"
    warned = dataclasses.replace(JOURNEYS, problems=())
    assert model_digest(warned, memo) != first, "so do the workbook's problems"


WARM_UP = """
import os, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from tests.support import toy_formats
from mapgen.build import formats
from mapgen.build.pipeline import build_outputs
from mapgen.build.runner import Runner
from mapgen.build.tasks import Task

def plan(journeys, _options):
    render = toy_formats.render_modules
    return [Task("mods", f"{{p.sheet}}.txt", p.name, render, journeys) for p in journeys.personas]

if __name__ == "__main__":
    formats.FORMATS.clear()
    formats.register_format("mods", plan)
    with Runner(jobs=2) as runner:
        runner.warm_up({modules!r})
        journeys, theme = toy_formats.JOURNEYS, toy_formats.THEME
        build_outputs(journeys, formats=["mods"], theme=theme, out=Path({out!r}), runner=runner)
"""


def test_warmed_up_workers_start_with_the_modules_they_were_given(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = tmp_path / "warm.py"

    def build(modules: list[str]) -> list[str]:
        out = tmp_path / f"out-{len(modules)}"
        script.write_text(WARM_UP.format(root=str(support.ROOT), out=str(out), modules=modules))
        subprocess.run([sys.executable, str(script)], check=True, capture_output=True, timeout=120)
        return [p.read_text() for p in sorted(out.glob("*.txt"))]

    warm = build(["colorsys"])
    assert len(warm) == 2
    assert all(text.startswith("True pid=") for text in warm), warm
    assert f"pid={os.getpid()}" not in "".join(warm)
    assert all(text.startswith("False pid=") for text in build([])), "nothing imports it otherwise"
