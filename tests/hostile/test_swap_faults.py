"""A fault at any file operation of a build: OUT is exactly the old build or exactly the new one.

Every file operation of the swap goes through mapgen.build.fileops; these tests count the
operations of a build, then make each one in turn fail once, fail for good (the disk is gone),
or end the process there (os._exit in a child process: no finally, no clean-up, locks dropped by
the system). After recovery (the next build's first step) the folder must be byte for byte the
old set or the new set, the user's own files untouched, and nothing left beside it. It is the
old set exactly when the fault came before the journal's removal (the commit point), the new
set after.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mapgen.build.swap import recover
from mapgen.errors import MapgenError

from . import swapkit
from .swapkit import SCENARIOS, Counting, Failing, beside, build, ops, prepare, snapshot, text_format

SCENARIO_NAMES = list(SCENARIOS)


def _reference(scenario: str, root: Path) -> tuple[swapkit.Snapshot, swapkit.Snapshot, list[tuple[str, str]]]:
    """Return the folder before and after a clean build of the scenario, and the build's operations."""
    out = root / "reference" / "out"
    prepare(scenario, out)
    old = snapshot(out)
    counting = Counting()
    with text_format(), ops(counting):
        build(SCENARIOS[scenario][2], out)
    new = snapshot(out)
    assert new != old
    shutil.rmtree(root / "reference")
    return old, new, counting.seen


def _commit(seen: list[tuple[str, str]]) -> int:
    """Return the index of the commit point: the journal's removal."""
    return seen.index(("unlink", "journal.json"))


def test_a_build_makes_its_changes_through_the_seam_with_a_journal(tmp_path: Path) -> None:
    """The swap of a rebuild keeps the old versions, journals, renames, then commits; in that order."""
    _old, _new, seen = _reference("persona removed", tmp_path)
    names = [op for op, _file in seen]
    assert names.count("link") == 3, "the old all.txt, Bob.txt and manifest are kept"
    assert ("unlink", "Bob.txt") in seen, "the removed persona's file goes"
    journal = seen.index(("rename", "journal.json"))
    assert max(i for i, (op, _f) in enumerate(seen) if op == "link") < journal
    renames = [i for i, (op, _f) in enumerate(seen) if op == "rename" and i > journal]
    assert seen[renames[-1]] == ("rename", "manifest.json"), "the manifest goes last"
    assert renames[-1] < _commit(seen)


@pytest.mark.parametrize("lasting", [False, True], ids=["fails once", "fails from then on"])
@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
def test_a_failing_file_operation_leaves_the_old_build_or_the_new(
    scenario: str, lasting: bool, tmp_path: Path
) -> None:
    """Each operation made to fail (once, or for good): the build fails whole or succeeds whole."""
    old, new, seen = _reference(scenario, tmp_path)
    commit = _commit(seen)
    for k in range(len(seen)):
        out = tmp_path / f"k{k}" / "out"
        prepare(scenario, out)
        with text_format(), ops(Failing(k, lasting=lasting)):
            if k <= commit:
                with pytest.raises(MapgenError, match=f"{out}|injected fault"):
                    build(SCENARIOS[scenario][2], out)
            else:
                build(SCENARIOS[scenario][2], out)  # committed: a late fault costs only the clean-up
        if not lasting:
            assert snapshot(out) == (old if k <= commit else new), f"right after a fault at {seen[k]}"
        recover(out)
        assert snapshot(out) == (old if k <= commit else new), f"after recovery from a fault at {seen[k]}"
        assert beside(out) == [], f"nothing left beside the folder after a fault at {seen[k]}"


@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
def test_a_build_killed_at_any_file_operation_is_undone_or_kept_whole(scenario: str, tmp_path: Path) -> None:
    """Each operation ends the build's process: the next build into OUT finds it old or new, whole."""
    old, new, seen = _reference(scenario, tmp_path)
    commit = _commit(seen)
    folders = [tmp_path / f"k{k}" / "out" for k in range(len(seen))]
    for out in folders:
        prepare(scenario, out)
    # Two at a time: each is a fresh interpreter.
    running: list[tuple[int, subprocess.Popen[bytes]]] = []
    for k, out in enumerate(folders):
        command = [sys.executable, swapkit.__file__, scenario, str(out), str(k)]
        running.append((k, subprocess.Popen(command, stderr=subprocess.PIPE)))
        if len(running) == 2 or k == len(folders) - 1:
            for index, process in running:
                _, errors = process.communicate(timeout=120)
                assert process.returncode == swapkit.KILLED, (index, errors.decode())
            running.clear()
    for k, out in enumerate(folders):
        if k <= commit:
            assert beside(out), "a killed build leaves its staging folder (and its journal once written)"
        recover(out)
        assert snapshot(out) == (old if k <= commit else new), f"after a kill at {seen[k]}"
        assert beside(out) == [], f"nothing left beside the folder after a kill at {seen[k]}"


def test_the_next_build_recovers_a_killed_swap_before_it_builds(tmp_path: Path) -> None:
    """A build into a folder a killed swap left half done first rolls it back, then builds."""
    scenario = "rebuild with changed files"
    old, new, seen = _reference(scenario, tmp_path)
    out = tmp_path / "out"
    prepare(scenario, out)
    k = next(i for i, (op, name) in enumerate(seen) if op == "rename" and name == "Bob.txt")
    command = [sys.executable, swapkit.__file__, scenario, str(out), str(k + 1)]
    assert subprocess.run(command, check=False, timeout=120).returncode == swapkit.KILLED
    assert snapshot(out) not in (old, new), "killed halfway: Bob's new file beside the old manifest"
    with text_format():
        result = build(SCENARIOS[scenario][2], out)
    assert snapshot(out) == new
    assert [p.name for p in result.written] == ["Bob.txt", "manifest.json"]
    assert beside(out) == []


@pytest.mark.parametrize("scenario", ["first build", "persona removed"])
def test_a_recovery_that_fails_partway_is_itself_recovered(scenario: str, tmp_path: Path) -> None:
    """A swap left half done, then a roll-back that fails at any of its steps: the next one finishes it."""
    old, _new, seen = _reference(scenario, tmp_path)
    journaled = seen.index(("rename", "journal.json")) + 1  # and the staging folder flushed
    runs = 0
    for k in range(journaled + 1, _commit(seen) + 1):  # OUT is being changed
        for j in range(100):
            out = tmp_path / f"k{k}-j{j}" / "out"
            prepare(scenario, out)
            with text_format(), ops(Failing(k, lasting=True)), pytest.raises(MapgenError, match="next build"):
                build(SCENARIOS[scenario][2], out)  # the disk goes at k: the journal stays
            with ops(Failing(j, lasting=True)):
                try:
                    recover(out)
                    finished = True
                except MapgenError:
                    finished = False
            recover(out)
            assert snapshot(out) == old, f"swap stopped at {seen[k]}, roll-back at its step {j}"
            assert beside(out) == []
            runs += 1
            if finished:
                break  # j went past the roll-back's last step
    assert runs > 2 * (_commit(seen) - journaled)
